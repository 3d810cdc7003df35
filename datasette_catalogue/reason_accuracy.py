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
    "condition: arthritis — abstract: '…'": (8, 23),
    'condition: depression — MeSH: Depression': (13, 24),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (38, 45),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (23, 23),
    'condition: substance-use — MeSH: Substance-Related Disorders': (27, 29),
    "condition: substance-use — abstract: '…'": (9, 24),
    'design: case-report — PT: Case Reports': (874, 905),
    "design: case-report — abstract: '…'": (29, 43),
    "design: case-report — title: '…'": (58, 61),
    "design: case-series — abstract: '…'": (87, 113),
    "design: case-series — title: '…'": (28, 31),
    'design: clinical-trial — PT: Clinical Trial': (260, 274),
    "design: clinical-trial — abstract: '…'": (37, 63),
    "design: clinical-trial — title: '…'": (39, 54),
    "design: guideline — title: '…'": (21, 24),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (401, 401),
    'design: letter-editorial — PT: Letter': (502, 538),
    'design: letter-editorial — PT: News': (27, 28),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (79, 80),
    'design: observational — MeSH: Adult': (19, 29),
    'design: observational — MeSH: Retrospective Studies': (21, 21),
    "design: observational — abstract: '…'": (759, 930),
    "design: observational — abstract: '…' (a study of its own, no design named)": (95, 177),
    "design: observational — title: '…'": (401, 497),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (37, 37),
    "design: other — abstract: '…'": (172, 183),
    'design: other — no study design named in the publication types, title or abstract': (3578, 3797),
    "design: other — title: '…'": (317, 333),
    'design: rct — PT: Randomized Controlled Trial': (171, 173),
    "design: rct — abstract: '…'": (16, 24),
    "design: rct — title: '…'": (35, 37),
    'design: review — MeSH: Humans': (25, 41),
    'design: review — PT: Historical Article': (23, 25),
    'design: review — PT: Review': (698, 710),
    "design: review — abstract: '…'": (54, 63),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (79, 129),
    "design: review — title: '…'": (38, 50),
    "design: systematic-review — abstract: '…'": (15, 21),
    "design: systematic-review — title: '…'": (45, 48),
    'population: animal — MeSH: Animals, no Humans': (1094, 1137),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (51, 82),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (157, 199),
    "population: animal — journal: '…'": (50, 65),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (22, 27),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (185, 210),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (25, 29),
    'population: human — MeSH: Humans, no Animals': (3263, 3355),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 25),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (881, 939),
    'population: human — abstract: N word(s) for people, N for animals (none)': (33, 34),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (74, 74),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 25),
    "population: human — no words for people or animals, but design observational (title: '…')": (35, 41),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (14, 20),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (325, 395),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (89, 125),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (128, 130),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (48, 51),
    'population: human — title: N word(s) for people, N for animals (none)': (45, 46),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (626, 648),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (37, 37),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (34, 36),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (39, 40),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (21, 26),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (30, 41),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (34, 34),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (317, 373),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (47, 68),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (40, 54),
    "population: in-vitro — title: '…', and no people or living animals studied": (315, 362),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (53, 65),
    'population: mixed — MeSH: Humans and Animals': (167, 244),
    'population: unknown — a news item (PT: News) studies nobody': (20, 28),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (37, 37),
    'population: unknown — no MeSH check tags and no words for people or animals': (206, 311),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (40, 57),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (58, 76),
    'route: intravenous — MeSH: Injections, Intravenous': (38, 39),
    "route: intravenous — abstract: '…'": (112, 122),
    "route: intravenous — title: '…'": (28, 30),
    'route: oral — MeSH: Administration, Oral': (47, 48),
    "route: oral — abstract: '…'": (107, 145),
    "route: oral — title: '…'": (22, 37),
    "route: subcutaneous — abstract: '…'": (22, 32),
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
