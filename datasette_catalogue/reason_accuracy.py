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
    "condition: depression — title: '…'": (23, 27),
    'design: case-report — PT: Case Reports': (611, 636),
    "design: case-report — abstract: '…'": (26, 35),
    "design: case-report — title: '…'": (43, 44),
    "design: case-series — abstract: '…'": (58, 77),
    "design: case-series — title: '…'": (23, 25),
    'design: clinical-trial — PT: Clinical Trial': (179, 187),
    "design: clinical-trial — abstract: '…'": (26, 41),
    "design: clinical-trial — title: '…'": (28, 35),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (290, 290),
    'design: letter-editorial — PT: Letter': (352, 380),
    'design: letter-editorial — PT: News': (20, 21),
    "design: meta-analysis — title: '…'": (61, 62),
    "design: observational — abstract: '…'": (497, 601),
    "design: observational — abstract: '…' (a study of its own, no design named)": (58, 105),
    "design: observational — title: '…'": (281, 342),
    'design: other — PT: Biography': (37, 38),
    'design: other — PT: Published Erratum': (26, 26),
    "design: other — abstract: '…'": (111, 117),
    'design: other — no study design named in the publication types, title or abstract': (2353, 2502),
    "design: other — title: '…'": (215, 228),
    'design: rct — PT: Randomized Controlled Trial': (127, 129),
    "design: rct — title: '…'": (28, 30),
    'design: review — MeSH: Humans': (18, 29),
    'design: review — PT: Review': (480, 488),
    "design: review — abstract: '…'": (34, 40),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (41, 68),
    "design: review — title: '…'": (27, 33),
    "design: systematic-review — title: '…'": (34, 36),
    'population: animal — MeSH: Animals, no Humans': (714, 746),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (33, 54),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (104, 131),
    "population: animal — journal: '…'": (28, 35),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (128, 142),
    'population: human — MeSH: Humans, no Animals': (2181, 2245),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (603, 640),
    'population: human — abstract: N word(s) for people, N for animals (none)': (26, 27),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (67, 67),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (20, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (233, 276),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (66, 88),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (88, 89),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (34, 36),
    'population: human — title: N word(s) for people, N for animals (none)': (31, 31),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (442, 456),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (19, 21),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (29, 29),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (19, 22),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (22, 31),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (23, 23),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (189, 235),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (26, 37),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (21, 33),
    "population: in-vitro — title: '…', and no people or living animals studied": (226, 256),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (37, 45),
    'population: mixed — MeSH: Humans and Animals': (117, 170),
    'population: unknown — a news item (PT: News) studies nobody': (16, 21),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (26, 26),
    'population: unknown — no MeSH check tags and no words for people or animals': (150, 218),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (29, 38),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (36, 46),
    'route: intravenous — MeSH: Injections, Intravenous': (31, 32),
    "route: intravenous — abstract: '…'": (73, 81),
    "route: intravenous — title: '…'": (20, 21),
    'route: oral — MeSH: Administration, Oral': (32, 33),
    "route: oral — abstract: '…'": (71, 90),
    "route: oral — title: '…'": (14, 23),
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
