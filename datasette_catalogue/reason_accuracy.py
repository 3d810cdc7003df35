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
    "condition: depression — title: '…'": (34, 40),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (22, 22),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 26),
    "condition: substance-use — abstract: '…'": (8, 21),
    'design: case-report — PT: Case Reports': (797, 826),
    "design: case-report — abstract: '…'": (27, 39),
    "design: case-report — title: '…'": (53, 56),
    "design: case-series — abstract: '…'": (77, 102),
    "design: case-series — title: '…'": (27, 31),
    'design: clinical-trial — PT: Clinical Trial': (235, 247),
    "design: clinical-trial — abstract: '…'": (34, 53),
    "design: clinical-trial — title: '…'": (37, 49),
    "design: guideline — title: '…'": (20, 23),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (363, 363),
    'design: letter-editorial — PT: Letter': (456, 489),
    'design: letter-editorial — PT: News': (24, 25),
    "design: meta-analysis — title: '…'": (74, 75),
    'design: observational — MeSH: Adult': (17, 26),
    "design: observational — abstract: '…'": (665, 818),
    "design: observational — abstract: '…' (a study of its own, no design named)": (79, 154),
    "design: observational — title: '…'": (370, 453),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (32, 32),
    "design: other — abstract: '…'": (152, 161),
    'design: other — no study design named in the publication types, title or abstract': (3169, 3374),
    "design: other — title: '…'": (284, 299),
    'design: rct — PT: Randomized Controlled Trial': (157, 159),
    "design: rct — abstract: '…'": (14, 21),
    "design: rct — title: '…'": (35, 37),
    'design: review — MeSH: Humans': (22, 36),
    'design: review — PT: Historical Article': (22, 23),
    'design: review — PT: Review': (625, 636),
    "design: review — abstract: '…'": (47, 56),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (71, 114),
    "design: review — title: '…'": (35, 45),
    "design: systematic-review — title: '…'": (43, 45),
    'population: animal — MeSH: Animals, no Humans': (972, 1012),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (43, 71),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (139, 176),
    "population: animal — journal: '…'": (44, 56),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (19, 24),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (166, 189),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (23, 27),
    'population: human — MeSH: Humans, no Animals': (2924, 3007),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 24),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (798, 850),
    'population: human — abstract: N word(s) for people, N for animals (none)': (31, 32),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (71, 71),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (18, 23),
    "population: human — no words for people or animals, but design observational (title: '…')": (32, 37),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (307, 371),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (81, 114),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (113, 115),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (44, 47),
    'population: human — title: N word(s) for people, N for animals (none)': (40, 40),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (565, 585),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (30, 30),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (29, 31),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (38, 38),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (26, 36),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (31, 31),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (267, 319),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (37, 57),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (36, 49),
    "population: in-vitro — title: '…', and no people or living animals studied": (286, 328),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (47, 59),
    'population: mixed — MeSH: Humans and Animals': (152, 217),
    'population: unknown — a news item (PT: News) studies nobody': (18, 25),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (32, 32),
    'population: unknown — no MeSH check tags and no words for people or animals': (185, 277),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (39, 55),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (50, 66),
    'route: intravenous — MeSH: Injections, Intravenous': (37, 38),
    "route: intravenous — abstract: '…'": (96, 105),
    "route: intravenous — title: '…'": (26, 28),
    'route: oral — MeSH: Administration, Oral': (41, 42),
    "route: oral — abstract: '…'": (98, 128),
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
