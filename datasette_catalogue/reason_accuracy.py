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
    "condition: depression — title: '…'": (30, 36),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (20, 20),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 26),
    "condition: substance-use — abstract: '…'": (8, 21),
    'design: case-report — PT: Case Reports': (747, 775),
    "design: case-report — abstract: '…'": (26, 38),
    "design: case-report — title: '…'": (50, 52),
    "design: case-series — abstract: '…'": (72, 96),
    "design: case-series — title: '…'": (26, 29),
    'design: clinical-trial — PT: Clinical Trial': (221, 232),
    "design: clinical-trial — abstract: '…'": (32, 50),
    "design: clinical-trial — title: '…'": (33, 45),
    "design: guideline — title: '…'": (19, 21),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (342, 342),
    'design: letter-editorial — PT: Letter': (429, 462),
    'design: letter-editorial — PT: News': (22, 23),
    "design: meta-analysis — title: '…'": (71, 72),
    'design: observational — MeSH: Adult': (16, 25),
    "design: observational — abstract: '…'": (624, 760),
    "design: observational — abstract: '…' (a study of its own, no design named)": (75, 143),
    "design: observational — title: '…'": (347, 424),
    'design: other — PT: Biography': (42, 43),
    'design: other — PT: Published Erratum': (32, 32),
    "design: other — abstract: '…'": (140, 148),
    'design: other — no study design named in the publication types, title or abstract': (2942, 3135),
    "design: other — title: '…'": (269, 283),
    'design: rct — PT: Randomized Controlled Trial': (149, 151),
    "design: rct — abstract: '…'": (14, 21),
    "design: rct — title: '…'": (31, 33),
    'design: review — MeSH: Humans': (21, 33),
    'design: review — PT: Historical Article': (21, 22),
    'design: review — PT: Review': (589, 599),
    "design: review — abstract: '…'": (43, 52),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (66, 106),
    "design: review — title: '…'": (32, 40),
    "design: systematic-review — title: '…'": (42, 44),
    'population: animal — MeSH: Animals, no Humans': (907, 946),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (42, 67),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (124, 159),
    "population: animal — journal: '…'": (39, 49),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (15, 20),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (150, 170),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (21, 24),
    'population: human — MeSH: Humans, no Animals': (2725, 2804),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 23),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (757, 805),
    'population: human — abstract: N word(s) for people, N for animals (none)': (30, 31),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (70, 70),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (29, 32),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (291, 346),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (77, 107),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (106, 108),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (42, 44),
    'population: human — title: N word(s) for people, N for animals (none)': (36, 36),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (526, 544),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (28, 28),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (28, 30),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (37, 37),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (24, 34),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (28, 28),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (252, 304),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (34, 49),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (32, 45),
    "population: in-vitro — title: '…', and no people or living animals studied": (274, 314),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (45, 56),
    'population: mixed — MeSH: Humans and Animals': (140, 201),
    'population: unknown — a news item (PT: News) studies nobody': (17, 23),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (32, 32),
    'population: unknown — no MeSH check tags and no words for people or animals': (177, 264),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (35, 51),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (46, 61),
    'route: intravenous — MeSH: Injections, Intravenous': (36, 37),
    "route: intravenous — abstract: '…'": (86, 95),
    "route: intravenous — title: '…'": (26, 27),
    'route: oral — MeSH: Administration, Oral': (41, 42),
    "route: oral — abstract: '…'": (92, 119),
    "route: oral — title: '…'": (18, 29),
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
