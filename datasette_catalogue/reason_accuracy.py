"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.67'
AGREED = {
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (31, 31),
    "condition: arthritis — abstract: '…'": (9, 25),
    'condition: depression — MeSH: Depression': (18, 31),
    "condition: depression — abstract: '…'": (15, 23),
    "condition: depression — keywords: '…'": (17, 23),
    "condition: depression — title: '…'": (42, 50),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (25, 25),
    'condition: substance-use — MeSH: Substance-Related Disorders': (29, 31),
    "condition: substance-use — abstract: '…'": (9, 26),
    "condition: substance-use — title: '…'": (18, 22),
    'design: case-report — PT: Case Reports': (951, 986),
    "design: case-report — abstract: '…'": (29, 44),
    "design: case-report — title: '…'": (63, 66),
    "design: case-series — abstract: '…'": (94, 121),
    "design: case-series — title: '…'": (30, 34),
    'design: clinical-trial — PT: Clinical Trial': (285, 302),
    "design: clinical-trial — abstract: '…'": (40, 69),
    "design: clinical-trial — title: '…'": (40, 57),
    "design: guideline — title: '…'": (22, 25),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (437, 437),
    'design: letter-editorial — PT: Letter': (550, 591),
    'design: letter-editorial — PT: News': (32, 33),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (83, 84),
    'design: observational — MeSH: Adult': (22, 32),
    'design: observational — MeSH: Retrospective Studies': (23, 23),
    "design: observational — abstract: '…'": (840, 1038),
    "design: observational — abstract: '…' (a study of its own, no design named)": (101, 192),
    "design: observational — title: '…'": (450, 554),
    'design: other — PT: Biography': (45, 46),
    'design: other — PT: Published Erratum': (43, 43),
    "design: other — abstract: '…'": (187, 199),
    'design: other — no study design named in the publication types, title or abstract': (3969, 4219),
    "design: other — title: '…'": (348, 367),
    'design: rct — PT: Randomized Controlled Trial': (183, 185),
    "design: rct — abstract: '…'": (20, 30),
    "design: rct — title: '…'": (40, 42),
    'design: review — MeSH: Humans': (29, 46),
    'design: review — PT: Historical Article': (31, 34),
    'design: review — PT: Review': (759, 778),
    "design: review — abstract: '…'": (59, 70),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (86, 142),
    "design: review — title: '…'": (42, 55),
    "design: systematic-review — abstract: '…'": (16, 22),
    "design: systematic-review — title: '…'": (50, 54),
    'population: animal — MeSH: Animals, no Humans': (1228, 1273),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (56, 90),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (16, 20),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (174, 218),
    "population: animal — journal: '…'": (57, 72),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (22, 27),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (201, 229),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (26, 30),
    'population: human — MeSH: Humans, no Animals': (3606, 3712),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 26),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (970, 1037),
    'population: human — abstract: N word(s) for people, N for animals (none)': (37, 38),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (74, 74),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 26),
    "population: human — no words for people or animals, but design observational (title: '…')": (38, 44),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (16, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (349, 424),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (100, 141),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (139, 142),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (53, 59),
    'population: human — title: N word(s) for people, N for animals (none)': (49, 51),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (685, 709),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (21, 21),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (41, 41),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (37, 39),
    'population: in-vitro — MeSH: Culture Media, and no people or living animals studied': (20, 21),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (46, 47),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (23, 28),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (35, 47),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (40, 40),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (340, 406),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (50, 74),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (47, 63),
    "population: in-vitro — title: '…', and no people or living animals studied": (349, 398),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (56, 70),
    'population: mixed — MeSH: Humans and Animals': (183, 268),
    'population: unknown — a news item (PT: News) studies nobody': (22, 33),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (43, 43),
    'population: unknown — no MeSH check tags and no words for people or animals': (223, 347),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (43, 63),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (59, 79),
    'route: intravenous — MeSH: Injections, Intravenous': (41, 42),
    "route: intravenous — abstract: '…'": (122, 135),
    "route: intravenous — title: '…'": (31, 34),
    'route: oral — MeSH: Administration, Oral': (55, 56),
    "route: oral — abstract: '…'": (112, 153),
    "route: oral — title: '…'": (24, 39),
    "route: subcutaneous — abstract: '…'": (26, 37),
    'route: topical — MeSH: Administration, Topical': (30, 31),
    "route: topical — abstract: '…'": (21, 25),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
