"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.59'
AGREED = {
    'condition: depression — MeSH: Depression': (11, 20),
    "condition: depression — abstract: '…'": (13, 21),
    "condition: depression — title: '…'": (24, 30),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (20, 20),
    'condition: substance-use — MeSH: Substance-Related Disorders': (21, 22),
    'design: case-report — PT: Case Reports': (666, 692),
    "design: case-report — abstract: '…'": (26, 35),
    "design: case-report — title: '…'": (45, 46),
    "design: case-series — abstract: '…'": (61, 82),
    "design: case-series — title: '…'": (24, 26),
    'design: clinical-trial — PT: Clinical Trial': (197, 206),
    "design: clinical-trial — abstract: '…'": (29, 45),
    "design: clinical-trial — title: '…'": (29, 36),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (310, 310),
    'design: letter-editorial — PT: Letter': (383, 413),
    'design: letter-editorial — PT: News': (21, 22),
    "design: meta-analysis — title: '…'": (63, 64),
    'design: observational — MeSH: Adult': (14, 22),
    "design: observational — abstract: '…'": (545, 662),
    "design: observational — abstract: '…' (a study of its own, no design named)": (64, 122),
    "design: observational — title: '…'": (304, 372),
    'design: other — PT: Biography': (37, 38),
    'design: other — PT: Published Erratum': (28, 28),
    "design: other — abstract: '…'": (122, 128),
    'design: other — no study design named in the publication types, title or abstract': (2553, 2720),
    "design: other — title: '…'": (234, 248),
    'design: rct — PT: Randomized Controlled Trial': (135, 137),
    "design: rct — abstract: '…'": (13, 20),
    "design: rct — title: '…'": (29, 31),
    'design: review — MeSH: Humans': (19, 30),
    'design: review — PT: Review': (519, 528),
    "design: review — abstract: '…'": (40, 46),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (50, 84),
    "design: review — title: '…'": (30, 36),
    "design: systematic-review — title: '…'": (37, 39),
    'population: animal — MeSH: Animals, no Humans': (788, 822),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (35, 59),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (111, 141),
    "population: animal — journal: '…'": (31, 41),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (133, 148),
    'population: human — MeSH: Humans, no Animals': (2375, 2445),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (664, 706),
    'population: human — abstract: N word(s) for people, N for animals (none)': (26, 27),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (67, 67),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (25, 28),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (255, 301),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (69, 94),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (94, 96),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (38, 40),
    'population: human — title: N word(s) for people, N for animals (none)': (32, 32),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (476, 492),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (24, 24),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (24, 26),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (33, 33),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (19, 23),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (22, 32),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (24, 24),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (210, 257),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (28, 40),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (24, 37),
    "population: in-vitro — title: '…', and no people or living animals studied": (252, 285),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (40, 50),
    'population: mixed — MeSH: Humans and Animals': (119, 175),
    'population: unknown — a news item (PT: News) studies nobody': (16, 22),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (28, 28),
    'population: unknown — no MeSH check tags and no words for people or animals': (159, 231),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (29, 41),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (39, 49),
    'route: intravenous — MeSH: Injections, Intravenous': (31, 32),
    "route: intravenous — abstract: '…'": (79, 87),
    "route: intravenous — title: '…'": (20, 21),
    'route: oral — MeSH: Administration, Oral': (35, 36),
    "route: oral — abstract: '…'": (81, 101),
    "route: oral — title: '…'": (15, 25),
    "route: subcutaneous — abstract: '…'": (16, 24),
    'route: topical — MeSH: Administration, Topical': (26, 26),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
