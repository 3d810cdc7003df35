"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.66'
AGREED = {
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (31, 31),
    "condition: arthritis — abstract: '…'": (9, 25),
    'condition: depression — MeSH: Depression': (18, 31),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — keywords: '…'": (15, 21),
    "condition: depression — title: '…'": (42, 49),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (24, 24),
    'condition: substance-use — MeSH: Substance-Related Disorders': (29, 31),
    "condition: substance-use — abstract: '…'": (9, 26),
    "condition: substance-use — title: '…'": (18, 22),
    'design: case-report — PT: Case Reports': (942, 976),
    "design: case-report — abstract: '…'": (29, 44),
    "design: case-report — title: '…'": (63, 66),
    "design: case-series — abstract: '…'": (93, 120),
    "design: case-series — title: '…'": (29, 33),
    'design: clinical-trial — PT: Clinical Trial': (281, 298),
    "design: clinical-trial — abstract: '…'": (40, 69),
    "design: clinical-trial — title: '…'": (40, 56),
    "design: guideline — title: '…'": (22, 25),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (430, 430),
    'design: letter-editorial — PT: Letter': (544, 583),
    'design: letter-editorial — PT: News': (31, 32),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (83, 84),
    'design: observational — MeSH: Adult': (21, 31),
    'design: observational — MeSH: Retrospective Studies': (23, 23),
    "design: observational — abstract: '…'": (829, 1024),
    "design: observational — abstract: '…' (a study of its own, no design named)": (100, 188),
    "design: observational — title: '…'": (443, 546),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (43, 43),
    "design: other — abstract: '…'": (186, 197),
    'design: other — no study design named in the publication types, title or abstract': (3916, 4162),
    "design: other — title: '…'": (340, 358),
    'design: rct — PT: Randomized Controlled Trial': (183, 185),
    "design: rct — abstract: '…'": (20, 30),
    "design: rct — title: '…'": (39, 41),
    'design: review — MeSH: Humans': (29, 46),
    'design: review — PT: Historical Article': (30, 33),
    'design: review — PT: Review': (748, 765),
    "design: review — abstract: '…'": (59, 69),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (86, 142),
    "design: review — title: '…'": (40, 53),
    "design: systematic-review — abstract: '…'": (16, 22),
    "design: systematic-review — title: '…'": (50, 54),
    'population: animal — MeSH: Animals, no Humans': (1211, 1259),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (55, 88),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (16, 20),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (170, 214),
    "population: animal — journal: '…'": (55, 70),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (22, 27),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (201, 229),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (26, 30),
    'population: human — MeSH: Humans, no Animals': (3551, 3654),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 26),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (955, 1021),
    'population: human — abstract: N word(s) for people, N for animals (none)': (37, 38),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (74, 74),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 26),
    "population: human — no words for people or animals, but design observational (title: '…')": (38, 44),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (16, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (346, 421),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (98, 136),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (139, 142),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (53, 59),
    'population: human — title: N word(s) for people, N for animals (none)': (49, 51),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (676, 700),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (21, 21),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (41, 41),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (37, 39),
    'population: in-vitro — MeSH: Culture Media, and no people or living animals studied': (20, 21),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (45, 46),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (24, 29),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (34, 46),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (38, 38),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (339, 404),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (50, 73),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (45, 61),
    "population: in-vitro — title: '…', and no people or living animals studied": (347, 397),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (56, 69),
    'population: mixed — MeSH: Humans and Animals': (183, 265),
    'population: unknown — a news item (PT: News) studies nobody': (22, 32),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (43, 43),
    'population: unknown — no MeSH check tags and no words for people or animals': (221, 343),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (43, 63),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (59, 78),
    'route: intravenous — MeSH: Injections, Intravenous': (41, 42),
    "route: intravenous — abstract: '…'": (121, 134),
    "route: intravenous — title: '…'": (31, 33),
    'route: oral — MeSH: Administration, Oral': (54, 55),
    "route: oral — abstract: '…'": (111, 152),
    "route: oral — title: '…'": (24, 39),
    "route: subcutaneous — abstract: '…'": (24, 35),
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
