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
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (21, 21),
    'condition: depression — MeSH: Depression': (11, 22),
    "condition: depression — abstract: '…'": (13, 21),
    "condition: depression — title: '…'": (28, 34),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (20, 20),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 25),
    "condition: substance-use — abstract: '…'": (8, 21),
    'design: case-report — PT: Case Reports': (739, 767),
    "design: case-report — abstract: '…'": (26, 38),
    "design: case-report — title: '…'": (50, 51),
    "design: case-series — abstract: '…'": (71, 95),
    "design: case-series — title: '…'": (26, 28),
    'design: clinical-trial — PT: Clinical Trial': (218, 229),
    "design: clinical-trial — abstract: '…'": (32, 49),
    "design: clinical-trial — title: '…'": (31, 42),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (338, 338),
    'design: letter-editorial — PT: Letter': (422, 455),
    'design: letter-editorial — PT: News': (21, 22),
    "design: meta-analysis — title: '…'": (68, 69),
    'design: observational — MeSH: Adult': (15, 24),
    "design: observational — abstract: '…'": (616, 750),
    "design: observational — abstract: '…' (a study of its own, no design named)": (74, 141),
    "design: observational — title: '…'": (341, 418),
    'design: other — PT: Biography': (40, 41),
    'design: other — PT: Published Erratum': (31, 31),
    "design: other — abstract: '…'": (138, 146),
    'design: other — no study design named in the publication types, title or abstract': (2890, 3078),
    "design: other — title: '…'": (262, 276),
    'design: rct — PT: Randomized Controlled Trial': (147, 149),
    "design: rct — abstract: '…'": (14, 21),
    "design: rct — title: '…'": (30, 32),
    'design: review — MeSH: Humans': (21, 33),
    'design: review — PT: Historical Article': (19, 20),
    'design: review — PT: Review': (580, 590),
    "design: review — abstract: '…'": (43, 52),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (65, 104),
    "design: review — title: '…'": (31, 38),
    "design: systematic-review — title: '…'": (41, 43),
    'population: animal — MeSH: Animals, no Humans': (898, 936),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (40, 64),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (120, 154),
    "population: animal — journal: '…'": (39, 49),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (15, 20),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (145, 165),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (19, 21),
    'population: human — MeSH: Humans, no Animals': (2680, 2758),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 23),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (744, 792),
    'population: human — abstract: N word(s) for people, N for animals (none)': (30, 31),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (70, 70),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (28, 31),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (285, 337),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (76, 106),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (105, 107),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (41, 43),
    'population: human — title: N word(s) for people, N for animals (none)': (35, 35),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (517, 535),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (27, 27),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (28, 30),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (37, 37),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (23, 33),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (28, 28),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (241, 292),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (32, 46),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (30, 43),
    "population: in-vitro — title: '…', and no people or living animals studied": (269, 309),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (45, 56),
    'population: mixed — MeSH: Humans and Animals': (136, 196),
    'population: unknown — a news item (PT: News) studies nobody': (16, 22),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (31, 31),
    'population: unknown — no MeSH check tags and no words for people or animals': (174, 259),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (35, 51),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (46, 61),
    'route: intravenous — MeSH: Injections, Intravenous': (35, 36),
    "route: intravenous — abstract: '…'": (85, 93),
    "route: intravenous — title: '…'": (26, 27),
    'route: oral — MeSH: Administration, Oral': (41, 42),
    "route: oral — abstract: '…'": (92, 118),
    "route: oral — title: '…'": (17, 28),
    "route: subcutaneous — abstract: '…'": (16, 25),
    'route: topical — MeSH: Administration, Topical': (28, 28),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
