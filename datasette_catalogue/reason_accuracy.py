"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.63'
AGREED = {
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (29, 29),
    "condition: arthritis — abstract: '…'": (8, 20),
    'condition: depression — MeSH: Depression': (13, 24),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (37, 43),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (22, 22),
    'condition: substance-use — MeSH: Substance-Related Disorders': (26, 28),
    "condition: substance-use — abstract: '…'": (9, 23),
    'design: case-report — PT: Case Reports': (846, 877),
    "design: case-report — abstract: '…'": (29, 43),
    "design: case-report — title: '…'": (57, 60),
    "design: case-series — abstract: '…'": (84, 110),
    "design: case-series — title: '…'": (28, 30),
    'design: clinical-trial — PT: Clinical Trial': (252, 266),
    "design: clinical-trial — abstract: '…'": (37, 58),
    "design: clinical-trial — title: '…'": (39, 53),
    "design: guideline — title: '…'": (21, 24),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (391, 391),
    'design: letter-editorial — PT: Letter': (491, 527),
    'design: letter-editorial — PT: News': (26, 27),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (79, 80),
    'design: observational — MeSH: Adult': (19, 28),
    'design: observational — MeSH: Retrospective Studies': (21, 21),
    "design: observational — abstract: '…'": (734, 897),
    "design: observational — abstract: '…' (a study of its own, no design named)": (93, 172),
    "design: observational — title: '…'": (390, 482),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (35, 35),
    "design: other — abstract: '…'": (167, 178),
    'design: other — no study design named in the publication types, title or abstract': (3458, 3676),
    "design: other — title: '…'": (309, 325),
    'design: rct — PT: Randomized Controlled Trial': (167, 169),
    "design: rct — abstract: '…'": (15, 23),
    "design: rct — title: '…'": (35, 37),
    'design: review — MeSH: Humans': (22, 38),
    'design: review — PT: Historical Article': (23, 24),
    'design: review — PT: Review': (678, 690),
    "design: review — abstract: '…'": (53, 62),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (76, 126),
    "design: review — title: '…'": (37, 49),
    "design: systematic-review — abstract: '…'": (15, 21),
    "design: systematic-review — title: '…'": (43, 46),
    'population: animal — MeSH: Animals, no Humans': (1063, 1105),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (49, 79),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (150, 192),
    "population: animal — journal: '…'": (48, 62),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (20, 25),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (180, 205),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (25, 29),
    'population: human — MeSH: Humans, no Animals': (3163, 3252),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 24),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (863, 921),
    'population: human — abstract: N word(s) for people, N for animals (none)': (33, 34),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (72, 72),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 25),
    "population: human — no words for people or animals, but design observational (title: '…')": (34, 39),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (14, 20),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (322, 390),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (86, 121),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (123, 125),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (47, 50),
    'population: human — title: N word(s) for people, N for animals (none)': (45, 46),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (605, 626),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (35, 35),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (33, 35),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (38, 38),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (28, 38),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (32, 32),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (303, 358),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (46, 67),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (40, 54),
    "population: in-vitro — title: '…', and no people or living animals studied": (302, 348),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (52, 64),
    'population: mixed — MeSH: Humans and Animals': (160, 236),
    'population: unknown — a news item (PT: News) studies nobody': (19, 27),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (35, 35),
    'population: unknown — no MeSH check tags and no words for people or animals': (200, 301),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (40, 57),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (58, 75),
    'route: intravenous — MeSH: Injections, Intravenous': (37, 38),
    "route: intravenous — abstract: '…'": (109, 119),
    "route: intravenous — title: '…'": (27, 29),
    'route: oral — MeSH: Administration, Oral': (44, 45),
    "route: oral — abstract: '…'": (104, 137),
    "route: oral — title: '…'": (21, 35),
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
