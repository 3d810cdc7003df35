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
    "condition: depression — title: '…'": (22, 26),
    'design: case-report — PT: Case Reports': (577, 600),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (41, 42),
    "design: case-series — abstract: '…'": (53, 71),
    "design: case-series — title: '…'": (22, 24),
    'design: clinical-trial — PT: Clinical Trial': (168, 176),
    "design: clinical-trial — abstract: '…'": (24, 37),
    "design: clinical-trial — title: '…'": (25, 32),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (275, 275),
    'design: letter-editorial — PT: Letter': (330, 358),
    "design: meta-analysis — title: '…'": (59, 60),
    "design: observational — abstract: '…'": (461, 554),
    "design: observational — abstract: '…' (a study of its own, no design named)": (54, 98),
    "design: observational — title: '…'": (250, 308),
    'design: other — PT: Biography': (34, 35),
    'design: other — PT: Published Erratum': (24, 24),
    "design: other — abstract: '…'": (104, 109),
    'design: other — no study design named in the publication types, title or abstract': (2193, 2336),
    "design: other — title: '…'": (204, 214),
    'design: rct — PT: Randomized Controlled Trial': (121, 123),
    "design: rct — title: '…'": (24, 26),
    'design: review — MeSH: Humans': (17, 28),
    'design: review — PT: Review': (451, 459),
    "design: review — abstract: '…'": (32, 37),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (35, 60),
    "design: review — title: '…'": (25, 31),
    "design: systematic-review — title: '…'": (31, 33),
    'population: animal — MeSH: Animals, no Humans': (677, 708),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (28, 48),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (97, 122),
    "population: animal — journal: '…'": (25, 32),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (118, 132),
    'population: human — MeSH: Humans, no Animals': (2027, 2086),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (561, 596),
    'population: human — abstract: N word(s) for people, N for animals (none)': (22, 23),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (64, 64),
    "population: human — no words for people or animals, but design observational (title: '…')": (20, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (216, 257),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (63, 82),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (82, 83),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (30, 32),
    'population: human — title: N word(s) for people, N for animals (none)': (31, 31),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (422, 436),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (18, 20),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (28, 28),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (17, 20),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (21, 29),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (20, 20),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (171, 213),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (26, 35),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (20, 32),
    "population: in-vitro — title: '…', and no people or living animals studied": (215, 245),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (33, 40),
    'population: mixed — MeSH: Humans and Animals': (109, 159),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (24, 24),
    'population: unknown — no MeSH check tags and no words for people or animals': (140, 203),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (28, 36),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (33, 43),
    'route: intravenous — MeSH: Injections, Intravenous': (30, 31),
    "route: intravenous — abstract: '…'": (70, 78),
    "route: intravenous — title: '…'": (19, 20),
    'route: oral — MeSH: Administration, Oral': (29, 30),
    "route: oral — abstract: '…'": (68, 84),
    "route: oral — title: '…'": (12, 21),
    "route: subcutaneous — abstract: '…'": (13, 20),
    'route: topical — MeSH: Administration, Topical': (25, 25),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
