"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.55'
AGREED = {
    "condition: depression — title: '…'": (19, 23),
    'design: case-report — PT: Case Reports': (523, 546),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (37, 37),
    "design: case-series — abstract: '…'": (46, 62),
    "design: case-series — title: '…'": (19, 21),
    'design: clinical-trial — PT: Clinical Trial': (150, 157),
    "design: clinical-trial — abstract: '…'": (21, 33),
    "design: clinical-trial — title: '…'": (24, 31),
    'design: letter-editorial — PT: Comment': (28, 29),
    'design: letter-editorial — PT: Editorial': (258, 258),
    'design: letter-editorial — PT: Letter': (305, 333),
    "design: meta-analysis — title: '…'": (55, 56),
    "design: observational — abstract: '…'": (422, 508),
    "design: observational — abstract: '…' (a study of its own, no design named)": (45, 81),
    "design: observational — title: '…'": (219, 269),
    'design: other — PT: Biography': (33, 34),
    'design: other — PT: Published Erratum': (20, 20),
    "design: other — abstract: '…'": (77, 81),
    'design: other — no study design named in the publication types, title or abstract': (2000, 2126),
    "design: other — title: '…'": (185, 195),
    'design: rct — PT: Randomized Controlled Trial': (114, 115),
    "design: rct — title: '…'": (20, 22),
    'design: review — MeSH: Humans': (16, 27),
    'design: review — PT: Review': (411, 419),
    "design: review — abstract: '…'": (28, 33),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (33, 58),
    "design: review — title: '…'": (22, 27),
    "design: systematic-review — title: '…'": (26, 27),
    'population: animal — MeSH: Animals, no Humans': (619, 648),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (27, 45),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (86, 107),
    "population: animal — journal: '…'": (22, 26),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (110, 124),
    'population: human — MeSH: Humans, no Animals': (1835, 1890),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (508, 539),
    'population: human — abstract: N word(s) for people, N for animals (none)': (20, 21),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (59, 59),
    "population: human — no words for people or animals, but design observational (title: '…')": (18, 21),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (201, 240),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (57, 74),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (75, 76),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (28, 30),
    'population: human — title: N word(s) for people, N for animals (none)': (26, 26),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (380, 394),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (27, 27),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (20, 26),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (158, 194),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (25, 32),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (19, 28),
    "population: in-vitro — title: '…', and no people or living animals studied": (198, 225),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (30, 36),
    'population: mixed — MeSH: Humans and Animals': (96, 140),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (20, 20),
    'population: unknown — no MeSH check tags and no words for people or animals': (126, 186),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (26, 32),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (30, 39),
    'route: intravenous — MeSH: Injections, Intravenous': (27, 28),
    "route: intravenous — abstract: '…'": (63, 70),
    'route: oral — MeSH: Administration, Oral': (28, 29),
    "route: oral — abstract: '…'": (63, 77),
    'route: topical — MeSH: Administration, Topical': (23, 23),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
