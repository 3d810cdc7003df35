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
    'design: case-report — PT: Case Reports': (600, 624),
    "design: case-report — abstract: '…'": (26, 35),
    "design: case-report — title: '…'": (43, 44),
    "design: case-series — abstract: '…'": (57, 75),
    "design: case-series — title: '…'": (22, 24),
    'design: clinical-trial — PT: Clinical Trial': (175, 183),
    "design: clinical-trial — abstract: '…'": (26, 40),
    "design: clinical-trial — title: '…'": (28, 35),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (285, 285),
    'design: letter-editorial — PT: Letter': (344, 372),
    'design: letter-editorial — PT: News': (19, 20),
    "design: meta-analysis — title: '…'": (59, 60),
    "design: observational — abstract: '…'": (482, 583),
    "design: observational — abstract: '…' (a study of its own, no design named)": (58, 104),
    "design: observational — title: '…'": (266, 326),
    'design: other — PT: Biography': (36, 37),
    'design: other — PT: Published Erratum': (24, 24),
    "design: other — abstract: '…'": (109, 115),
    'design: other — no study design named in the publication types, title or abstract': (2302, 2449),
    "design: other — title: '…'": (213, 226),
    'design: rct — PT: Randomized Controlled Trial': (125, 127),
    "design: rct — title: '…'": (26, 28),
    'design: review — MeSH: Humans': (18, 29),
    'design: review — PT: Review': (474, 482),
    "design: review — abstract: '…'": (34, 40),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (38, 65),
    "design: review — title: '…'": (26, 32),
    "design: systematic-review — title: '…'": (32, 34),
    'population: animal — MeSH: Animals, no Humans': (704, 736),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (31, 51),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (101, 127),
    "population: animal — journal: '…'": (27, 34),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (126, 140),
    'population: human — MeSH: Humans, no Animals': (2132, 2195),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (587, 623),
    'population: human — abstract: N word(s) for people, N for animals (none)': (26, 27),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (67, 67),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (20, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (227, 269),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (66, 85),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (84, 85),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (32, 34),
    'population: human — title: N word(s) for people, N for animals (none)': (31, 31),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (432, 446),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (19, 21),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (29, 29),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (19, 22),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (22, 31),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (21, 21),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (184, 230),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (26, 36),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (21, 33),
    "population: in-vitro — title: '…', and no people or living animals studied": (223, 253),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (36, 44),
    'population: mixed — MeSH: Humans and Animals': (115, 167),
    'population: unknown — a news item (PT: News) studies nobody': (15, 20),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (24, 24),
    'population: unknown — no MeSH check tags and no words for people or animals': (146, 211),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (29, 37),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (35, 45),
    'route: intravenous — MeSH: Injections, Intravenous': (31, 32),
    "route: intravenous — abstract: '…'": (72, 80),
    "route: intravenous — title: '…'": (19, 20),
    'route: oral — MeSH: Administration, Oral': (31, 32),
    "route: oral — abstract: '…'": (71, 88),
    "route: oral — title: '…'": (14, 23),
    "route: subcutaneous — abstract: '…'": (14, 22),
    'route: topical — MeSH: Administration, Topical': (25, 25),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
