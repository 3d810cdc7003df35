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
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (23, 23),
    'condition: depression — MeSH: Depression': (12, 23),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (32, 38),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (22, 22),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 26),
    "condition: substance-use — abstract: '…'": (8, 21),
    'design: case-report — PT: Case Reports': (760, 788),
    "design: case-report — abstract: '…'": (26, 38),
    "design: case-report — title: '…'": (50, 52),
    "design: case-series — abstract: '…'": (72, 96),
    "design: case-series — title: '…'": (26, 29),
    'design: clinical-trial — PT: Clinical Trial': (225, 236),
    "design: clinical-trial — abstract: '…'": (32, 50),
    "design: clinical-trial — title: '…'": (34, 46),
    "design: guideline — title: '…'": (19, 22),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (348, 348),
    'design: letter-editorial — PT: Letter': (437, 470),
    'design: letter-editorial — PT: News': (23, 24),
    "design: meta-analysis — title: '…'": (72, 73),
    'design: observational — MeSH: Adult': (17, 26),
    "design: observational — abstract: '…'": (637, 776),
    "design: observational — abstract: '…' (a study of its own, no design named)": (76, 146),
    "design: observational — title: '…'": (352, 430),
    'design: other — PT: Biography': (42, 43),
    'design: other — PT: Published Erratum': (32, 32),
    "design: other — abstract: '…'": (143, 151),
    'design: other — no study design named in the publication types, title or abstract': (3003, 3202),
    "design: other — title: '…'": (269, 284),
    'design: rct — PT: Randomized Controlled Trial': (151, 153),
    "design: rct — abstract: '…'": (14, 21),
    "design: rct — title: '…'": (31, 33),
    'design: review — MeSH: Humans': (21, 34),
    'design: review — PT: Historical Article': (21, 22),
    'design: review — PT: Review': (596, 607),
    "design: review — abstract: '…'": (44, 53),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (66, 106),
    "design: review — title: '…'": (32, 40),
    "design: systematic-review — title: '…'": (42, 44),
    'population: animal — MeSH: Animals, no Humans': (926, 965),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (43, 69),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (127, 162),
    "population: animal — journal: '…'": (40, 51),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (17, 22),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (154, 175),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (21, 24),
    'population: human — MeSH: Humans, no Animals': (2775, 2855),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 23),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (767, 817),
    'population: human — abstract: N word(s) for people, N for animals (none)': (30, 31),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (70, 70),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (17, 21),
    "population: human — no words for people or animals, but design observational (title: '…')": (29, 33),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (294, 351),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (77, 108),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (107, 109),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (43, 45),
    'population: human — title: N word(s) for people, N for animals (none)': (36, 36),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (538, 556),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (28, 28),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (28, 30),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (37, 37),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (25, 35),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (30, 30),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (253, 305),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (35, 52),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (33, 46),
    "population: in-vitro — title: '…', and no people or living animals studied": (275, 315),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (45, 57),
    'population: mixed — MeSH: Humans and Animals': (143, 205),
    'population: unknown — a news item (PT: News) studies nobody': (18, 24),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (32, 32),
    'population: unknown — no MeSH check tags and no words for people or animals': (179, 269),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (35, 51),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (47, 62),
    'route: intravenous — MeSH: Injections, Intravenous': (36, 37),
    "route: intravenous — abstract: '…'": (90, 99),
    "route: intravenous — title: '…'": (26, 28),
    'route: oral — MeSH: Administration, Oral': (41, 42),
    "route: oral — abstract: '…'": (93, 120),
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
