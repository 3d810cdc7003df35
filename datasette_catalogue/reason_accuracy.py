"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.65'
AGREED = {
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (29, 29),
    "condition: arthritis — abstract: '…'": (8, 23),
    'condition: depression — MeSH: Depression': (13, 24),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (39, 46),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (23, 23),
    'condition: substance-use — MeSH: Substance-Related Disorders': (27, 29),
    "condition: substance-use — abstract: '…'": (9, 24),
    "condition: substance-use — title: '…'": (16, 20),
    'design: case-report — PT: Case Reports': (886, 917),
    "design: case-report — abstract: '…'": (29, 43),
    "design: case-report — title: '…'": (58, 61),
    "design: case-series — abstract: '…'": (87, 113),
    "design: case-series — title: '…'": (28, 32),
    'design: clinical-trial — PT: Clinical Trial': (263, 277),
    "design: clinical-trial — abstract: '…'": (38, 65),
    "design: clinical-trial — title: '…'": (40, 55),
    "design: guideline — title: '…'": (21, 24),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (405, 405),
    'design: letter-editorial — PT: Letter': (512, 548),
    'design: letter-editorial — PT: News': (27, 28),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (81, 82),
    'design: observational — MeSH: Adult': (19, 29),
    'design: observational — MeSH: Retrospective Studies': (21, 21),
    "design: observational — abstract: '…'": (766, 944),
    "design: observational — abstract: '…' (a study of its own, no design named)": (96, 180),
    "design: observational — title: '…'": (407, 503),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (38, 38),
    "design: other — abstract: '…'": (174, 185),
    'design: other — no study design named in the publication types, title or abstract': (3637, 3861),
    "design: other — title: '…'": (318, 334),
    'design: rct — PT: Randomized Controlled Trial': (173, 175),
    "design: rct — abstract: '…'": (18, 26),
    "design: rct — title: '…'": (36, 38),
    'design: review — MeSH: Humans': (26, 43),
    'design: review — PT: Historical Article': (24, 26),
    'design: review — PT: Review': (706, 719),
    "design: review — abstract: '…'": (54, 63),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (79, 130),
    "design: review — title: '…'": (39, 51),
    "design: systematic-review — abstract: '…'": (16, 22),
    "design: systematic-review — title: '…'": (45, 48),
    'population: animal — MeSH: Animals, no Humans': (1114, 1158),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (52, 83),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (158, 200),
    "population: animal — journal: '…'": (50, 65),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (22, 27),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (187, 213),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (25, 29),
    'population: human — MeSH: Humans, no Animals': (3318, 3412),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 25),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (892, 952),
    'population: human — abstract: N word(s) for people, N for animals (none)': (34, 35),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (74, 74),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 25),
    "population: human — no words for people or animals, but design observational (title: '…')": (35, 41),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (14, 20),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (327, 398),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (92, 129),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (131, 133),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (49, 52),
    'population: human — title: N word(s) for people, N for animals (none)': (45, 46),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (632, 654),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (37, 37),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (35, 37),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (39, 40),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (21, 26),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (30, 41),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (34, 34),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (321, 379),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (48, 69),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (40, 54),
    "population: in-vitro — title: '…', and no people or living animals studied": (319, 367),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (54, 66),
    'population: mixed — MeSH: Humans and Animals': (170, 247),
    'population: unknown — a news item (PT: News) studies nobody': (20, 28),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (38, 38),
    'population: unknown — no MeSH check tags and no words for people or animals': (209, 318),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (40, 58),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (58, 76),
    'route: intravenous — MeSH: Injections, Intravenous': (38, 39),
    "route: intravenous — abstract: '…'": (116, 126),
    "route: intravenous — title: '…'": (29, 31),
    'route: oral — MeSH: Administration, Oral': (47, 48),
    "route: oral — abstract: '…'": (107, 145),
    "route: oral — title: '…'": (23, 38),
    "route: subcutaneous — abstract: '…'": (23, 33),
    'route: topical — MeSH: Administration, Topical': (28, 29),
    "route: topical — abstract: '…'": (20, 24),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
