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
    'condition: depression — MeSH: Depression': (18, 30),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — keywords: '…'": (15, 21),
    "condition: depression — title: '…'": (41, 48),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (23, 23),
    'condition: substance-use — MeSH: Substance-Related Disorders': (29, 31),
    "condition: substance-use — abstract: '…'": (9, 24),
    "condition: substance-use — title: '…'": (18, 22),
    'design: case-report — PT: Case Reports': (932, 965),
    "design: case-report — abstract: '…'": (29, 44),
    "design: case-report — title: '…'": (62, 65),
    "design: case-series — abstract: '…'": (92, 119),
    "design: case-series — title: '…'": (29, 33),
    'design: clinical-trial — PT: Clinical Trial': (276, 293),
    "design: clinical-trial — abstract: '…'": (40, 68),
    "design: clinical-trial — title: '…'": (40, 56),
    "design: guideline — title: '…'": (22, 25),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (426, 426),
    'design: letter-editorial — PT: Letter': (538, 577),
    'design: letter-editorial — PT: News': (31, 32),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (83, 84),
    'design: observational — MeSH: Adult': (21, 31),
    'design: observational — MeSH: Retrospective Studies': (23, 23),
    "design: observational — abstract: '…'": (816, 1010),
    "design: observational — abstract: '…' (a study of its own, no design named)": (100, 187),
    "design: observational — title: '…'": (437, 537),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (42, 42),
    "design: other — abstract: '…'": (183, 194),
    'design: other — no study design named in the publication types, title or abstract': (3851, 4094),
    "design: other — title: '…'": (337, 354),
    'design: rct — PT: Randomized Controlled Trial': (181, 183),
    "design: rct — abstract: '…'": (20, 28),
    "design: rct — title: '…'": (39, 41),
    'design: review — MeSH: Humans': (28, 45),
    'design: review — PT: Historical Article': (28, 31),
    'design: review — PT: Review': (743, 759),
    "design: review — abstract: '…'": (59, 69),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (85, 140),
    "design: review — title: '…'": (39, 52),
    "design: systematic-review — abstract: '…'": (16, 22),
    "design: systematic-review — title: '…'": (47, 50),
    'population: animal — MeSH: Animals, no Humans': (1187, 1234),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (55, 88),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (16, 20),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (166, 210),
    "population: animal — journal: '…'": (54, 69),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (22, 27),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (198, 226),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (26, 30),
    'population: human — MeSH: Humans, no Animals': (3508, 3611),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 26),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (939, 1004),
    'population: human — abstract: N word(s) for people, N for animals (none)': (35, 36),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (74, 74),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 26),
    "population: human — no words for people or animals, but design observational (title: '…')": (38, 44),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (16, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (342, 417),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (97, 135),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (136, 139),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (52, 57),
    'population: human — title: N word(s) for people, N for animals (none)': (48, 49),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (669, 691),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (39, 39),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (37, 39),
    'population: in-vitro — MeSH: Culture Media, and no people or living animals studied': (20, 21),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (44, 45),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (22, 27),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (34, 46),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (38, 38),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (337, 401),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (50, 72),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (42, 58),
    "population: in-vitro — title: '…', and no people or living animals studied": (344, 393),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (56, 68),
    'population: mixed — MeSH: Humans and Animals': (179, 261),
    'population: unknown — a news item (PT: News) studies nobody': (22, 32),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (42, 42),
    'population: unknown — no MeSH check tags and no words for people or animals': (218, 336),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (43, 63),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (59, 78),
    'route: intravenous — MeSH: Injections, Intravenous': (40, 41),
    "route: intravenous — abstract: '…'": (120, 132),
    "route: intravenous — title: '…'": (31, 33),
    'route: oral — MeSH: Administration, Oral': (53, 54),
    "route: oral — abstract: '…'": (109, 150),
    "route: oral — title: '…'": (23, 38),
    "route: subcutaneous — abstract: '…'": (23, 34),
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
