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
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (29, 29),
    "condition: arthritis — abstract: '…'": (8, 23),
    'condition: depression — MeSH: Depression': (15, 26),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (40, 47),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (23, 23),
    'condition: substance-use — MeSH: Substance-Related Disorders': (27, 29),
    "condition: substance-use — abstract: '…'": (9, 24),
    "condition: substance-use — title: '…'": (16, 20),
    'design: case-report — PT: Case Reports': (897, 928),
    "design: case-report — abstract: '…'": (29, 43),
    "design: case-report — title: '…'": (58, 61),
    "design: case-series — abstract: '…'": (88, 114),
    "design: case-series — title: '…'": (28, 32),
    'design: clinical-trial — PT: Clinical Trial': (266, 281),
    "design: clinical-trial — abstract: '…'": (40, 67),
    "design: clinical-trial — title: '…'": (40, 55),
    "design: guideline — title: '…'": (22, 25),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (410, 410),
    'design: letter-editorial — PT: Letter': (516, 554),
    'design: letter-editorial — PT: News': (29, 30),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (82, 83),
    'design: observational — MeSH: Adult': (19, 29),
    'design: observational — MeSH: Retrospective Studies': (22, 22),
    "design: observational — abstract: '…'": (778, 958),
    "design: observational — abstract: '…' (a study of its own, no design named)": (97, 181),
    "design: observational — title: '…'": (411, 507),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (38, 38),
    "design: other — abstract: '…'": (178, 189),
    'design: other — no study design named in the publication types, title or abstract': (3700, 3928),
    "design: other — title: '…'": (322, 338),
    'design: rct — PT: Randomized Controlled Trial': (175, 177),
    "design: rct — abstract: '…'": (18, 26),
    "design: rct — title: '…'": (37, 39),
    'design: review — MeSH: Humans': (26, 43),
    'design: review — PT: Historical Article': (25, 28),
    'design: review — PT: Review': (718, 732),
    "design: review — abstract: '…'": (55, 65),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (79, 131),
    "design: review — title: '…'": (39, 51),
    "design: systematic-review — abstract: '…'": (16, 22),
    "design: systematic-review — title: '…'": (45, 48),
    'population: animal — MeSH: Animals, no Humans': (1134, 1178),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (53, 85),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (162, 205),
    "population: animal — journal: '…'": (51, 66),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (22, 27),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (190, 216),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (25, 29),
    'population: human — MeSH: Humans, no Animals': (3357, 3452),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 25),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (904, 964),
    'population: human — abstract: N word(s) for people, N for animals (none)': (35, 36),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (74, 74),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 25),
    "population: human — no words for people or animals, but design observational (title: '…')": (35, 41),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (16, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (332, 403),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (94, 131),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (133, 135),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (49, 52),
    'population: human — title: N word(s) for people, N for animals (none)': (45, 46),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (639, 661),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (37, 37),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (36, 38),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (40, 41),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (21, 26),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (33, 45),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (36, 36),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (328, 387),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (48, 69),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (41, 56),
    "population: in-vitro — title: '…', and no people or living animals studied": (322, 371),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (55, 67),
    'population: mixed — MeSH: Humans and Animals': (173, 251),
    'population: unknown — a news item (PT: News) studies nobody': (21, 30),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (38, 38),
    'population: unknown — no MeSH check tags and no words for people or animals': (209, 322),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (41, 61),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (58, 76),
    'route: intravenous — MeSH: Injections, Intravenous': (39, 40),
    "route: intravenous — abstract: '…'": (117, 127),
    "route: intravenous — title: '…'": (29, 31),
    'route: oral — MeSH: Administration, Oral': (49, 50),
    "route: oral — abstract: '…'": (107, 145),
    "route: oral — title: '…'": (23, 38),
    "route: subcutaneous — abstract: '…'": (23, 33),
    'route: topical — MeSH: Administration, Topical': (28, 29),
    "route: topical — abstract: '…'": (21, 25),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
