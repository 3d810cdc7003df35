"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.62'
AGREED = {
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (28, 28),
    "condition: arthritis — abstract: '…'": (8, 20),
    'condition: depression — MeSH: Depression': (13, 24),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (37, 43),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (22, 22),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 26),
    "condition: substance-use — abstract: '…'": (9, 23),
    'design: case-report — PT: Case Reports': (835, 866),
    "design: case-report — abstract: '…'": (29, 42),
    "design: case-report — title: '…'": (57, 60),
    "design: case-series — abstract: '…'": (84, 110),
    "design: case-series — title: '…'": (28, 30),
    'design: clinical-trial — PT: Clinical Trial': (248, 262),
    "design: clinical-trial — abstract: '…'": (34, 53),
    "design: clinical-trial — title: '…'": (38, 52),
    "design: guideline — title: '…'": (21, 24),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (386, 386),
    'design: letter-editorial — PT: Letter': (486, 521),
    'design: letter-editorial — PT: News': (25, 26),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (78, 79),
    'design: observational — MeSH: Adult': (18, 27),
    'design: observational — MeSH: Retrospective Studies': (20, 20),
    "design: observational — abstract: '…'": (726, 889),
    "design: observational — abstract: '…' (a study of its own, no design named)": (90, 167),
    "design: observational — title: '…'": (387, 477),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (35, 35),
    "design: other — abstract: '…'": (165, 176),
    'design: other — no study design named in the publication types, title or abstract': (3392, 3606),
    "design: other — title: '…'": (306, 322),
    'design: rct — PT: Randomized Controlled Trial': (165, 167),
    "design: rct — abstract: '…'": (14, 22),
    "design: rct — title: '…'": (35, 37),
    'design: review — MeSH: Humans': (22, 38),
    'design: review — PT: Historical Article': (23, 24),
    'design: review — PT: Review': (666, 678),
    "design: review — abstract: '…'": (52, 61),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (75, 125),
    "design: review — title: '…'": (37, 48),
    "design: systematic-review — abstract: '…'": (14, 20),
    "design: systematic-review — title: '…'": (43, 46),
    'population: animal — MeSH: Animals, no Humans': (1044, 1085),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (47, 76),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (149, 191),
    "population: animal — journal: '…'": (47, 61),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (19, 24),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (178, 203),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (25, 29),
    'population: human — MeSH: Humans, no Animals': (3116, 3205),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 24),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (848, 905),
    'population: human — abstract: N word(s) for people, N for animals (none)': (33, 34),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (72, 72),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 25),
    "population: human — no words for people or animals, but design observational (title: '…')": (34, 39),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (14, 20),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (321, 388),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (85, 120),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (121, 123),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (47, 50),
    'population: human — title: N word(s) for people, N for animals (none)': (44, 44),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (598, 619),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (33, 33),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (32, 34),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (38, 38),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (28, 38),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (32, 32),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (296, 350),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (43, 64),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (40, 54),
    "population: in-vitro — title: '…', and no people or living animals studied": (300, 346),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (51, 63),
    'population: mixed — MeSH: Humans and Animals': (158, 232),
    'population: unknown — a news item (PT: News) studies nobody': (19, 26),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (35, 35),
    'population: unknown — no MeSH check tags and no words for people or animals': (197, 296),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (40, 57),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (57, 74),
    'route: intravenous — MeSH: Injections, Intravenous': (37, 38),
    "route: intravenous — abstract: '…'": (106, 116),
    "route: intravenous — title: '…'": (26, 28),
    'route: oral — MeSH: Administration, Oral': (44, 45),
    "route: oral — abstract: '…'": (102, 135),
    "route: oral — title: '…'": (21, 32),
    "route: subcutaneous — abstract: '…'": (19, 29),
    'route: topical — MeSH: Administration, Topical': (28, 29),
    "route: topical — abstract: '…'": (17, 20),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
