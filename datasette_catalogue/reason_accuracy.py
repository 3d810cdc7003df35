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
    "condition: depression — title: '…'": (23, 29),
    'condition: substance-use — MeSH: Substance-Related Disorders': (19, 20),
    'design: case-report — PT: Case Reports': (625, 651),
    "design: case-report — abstract: '…'": (26, 35),
    "design: case-report — title: '…'": (43, 44),
    "design: case-series — abstract: '…'": (59, 79),
    "design: case-series — title: '…'": (23, 25),
    'design: clinical-trial — PT: Clinical Trial': (185, 193),
    "design: clinical-trial — abstract: '…'": (26, 41),
    "design: clinical-trial — title: '…'": (28, 35),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (295, 295),
    'design: letter-editorial — PT: Letter': (356, 385),
    'design: letter-editorial — PT: News': (21, 22),
    "design: meta-analysis — title: '…'": (61, 62),
    'design: observational — MeSH: Adult': (13, 20),
    "design: observational — abstract: '…'": (508, 617),
    "design: observational — abstract: '…' (a study of its own, no design named)": (58, 106),
    "design: observational — title: '…'": (285, 346),
    'design: other — PT: Biography': (37, 38),
    'design: other — PT: Published Erratum': (26, 26),
    "design: other — abstract: '…'": (117, 123),
    'design: other — no study design named in the publication types, title or abstract': (2400, 2553),
    "design: other — title: '…'": (222, 235),
    'design: rct — PT: Randomized Controlled Trial': (129, 131),
    "design: rct — title: '…'": (28, 30),
    'design: review — MeSH: Humans': (18, 29),
    'design: review — PT: Review': (494, 502),
    "design: review — abstract: '…'": (35, 41),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (44, 72),
    "design: review — title: '…'": (29, 35),
    "design: systematic-review — title: '…'": (35, 37),
    'population: animal — MeSH: Animals, no Humans': (732, 766),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (34, 56),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (106, 134),
    "population: animal — journal: '…'": (29, 36),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (132, 146),
    'population: human — MeSH: Humans, no Animals': (2225, 2294),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (618, 655),
    'population: human — abstract: N word(s) for people, N for animals (none)': (26, 27),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (67, 67),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (21, 24),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (239, 282),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (67, 89),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (88, 89),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (35, 37),
    'population: human — title: N word(s) for people, N for animals (none)': (31, 31),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (451, 466),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (21, 21),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (21, 23),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (29, 29),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (19, 23),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (22, 31),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (24, 24),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (195, 241),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (27, 38),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (22, 35),
    "population: in-vitro — title: '…', and no people or living animals studied": (232, 262),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (37, 46),
    'population: mixed — MeSH: Humans and Animals': (117, 170),
    'population: unknown — a news item (PT: News) studies nobody': (16, 22),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (26, 26),
    'population: unknown — no MeSH check tags and no words for people or animals': (150, 220),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (29, 39),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (38, 48),
    'route: intravenous — MeSH: Injections, Intravenous': (31, 32),
    "route: intravenous — abstract: '…'": (73, 81),
    "route: intravenous — title: '…'": (20, 21),
    'route: oral — MeSH: Administration, Oral': (33, 34),
    "route: oral — abstract: '…'": (75, 94),
    "route: oral — title: '…'": (15, 25),
    "route: subcutaneous — abstract: '…'": (15, 23),
    'route: topical — MeSH: Administration, Topical': (25, 25),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
