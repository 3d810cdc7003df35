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
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (26, 26),
    'condition: depression — MeSH: Depression': (13, 24),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (33, 39),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (22, 22),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 26),
    "condition: substance-use — abstract: '…'": (8, 21),
    'design: case-report — PT: Case Reports': (784, 812),
    "design: case-report — abstract: '…'": (27, 39),
    "design: case-report — title: '…'": (53, 56),
    "design: case-series — abstract: '…'": (75, 99),
    "design: case-series — title: '…'": (26, 29),
    'design: clinical-trial — PT: Clinical Trial': (231, 243),
    "design: clinical-trial — abstract: '…'": (34, 52),
    "design: clinical-trial — title: '…'": (37, 49),
    "design: guideline — title: '…'": (19, 22),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (359, 359),
    'design: letter-editorial — PT: Letter': (448, 481),
    'design: letter-editorial — PT: News': (24, 25),
    "design: meta-analysis — title: '…'": (73, 74),
    'design: observational — MeSH: Adult': (17, 26),
    "design: observational — abstract: '…'": (654, 804),
    "design: observational — abstract: '…' (a study of its own, no design named)": (78, 151),
    "design: observational — title: '…'": (363, 443),
    'design: other — PT: Biography': (43, 44),
    'design: other — PT: Published Erratum': (32, 32),
    "design: other — abstract: '…'": (149, 158),
    'design: other — no study design named in the publication types, title or abstract': (3118, 3322),
    "design: other — title: '…'": (281, 296),
    'design: rct — PT: Randomized Controlled Trial': (155, 157),
    "design: rct — abstract: '…'": (14, 21),
    "design: rct — title: '…'": (34, 36),
    'design: review — MeSH: Humans': (21, 35),
    'design: review — PT: Historical Article': (21, 22),
    'design: review — PT: Review': (614, 625),
    "design: review — abstract: '…'": (46, 55),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (67, 110),
    "design: review — title: '…'": (32, 42),
    "design: systematic-review — title: '…'": (43, 45),
    'population: animal — MeSH: Animals, no Humans': (960, 1000),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (43, 71),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (136, 172),
    "population: animal — journal: '…'": (43, 54),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (18, 23),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (159, 182),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (23, 27),
    'population: human — MeSH: Humans, no Animals': (2867, 2950),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 23),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (786, 838),
    'population: human — abstract: N word(s) for people, N for animals (none)': (31, 32),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (70, 70),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (18, 22),
    "population: human — no words for people or animals, but design observational (title: '…')": (32, 36),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (300, 362),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (80, 113),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (111, 113),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (44, 47),
    'population: human — title: N word(s) for people, N for animals (none)': (38, 38),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (557, 576),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (30, 30),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (29, 31),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (38, 38),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (26, 36),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (30, 30),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (262, 314),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (36, 56),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (35, 48),
    "population: in-vitro — title: '…', and no people or living animals studied": (283, 324),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (47, 59),
    'population: mixed — MeSH: Humans and Animals': (148, 213),
    'population: unknown — a news item (PT: News) studies nobody': (18, 25),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (32, 32),
    'population: unknown — no MeSH check tags and no words for people or animals': (184, 276),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (37, 53),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (47, 63),
    'route: intravenous — MeSH: Injections, Intravenous': (36, 37),
    "route: intravenous — abstract: '…'": (95, 104),
    "route: intravenous — title: '…'": (26, 28),
    'route: oral — MeSH: Administration, Oral': (41, 42),
    "route: oral — abstract: '…'": (95, 124),
    "route: oral — title: '…'": (20, 31),
    "route: subcutaneous — abstract: '…'": (16, 25),
    'route: topical — MeSH: Administration, Topical': (28, 29),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
