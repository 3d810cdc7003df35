"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.46'
AGREED = {
    "condition: depression — title: '…'": (17, 21),
    'design: case-report — PT: Case Reports': (482, 502),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (35, 35),
    "design: case-series — abstract: '…'": (41, 57),
    'design: clinical-trial — PT: Clinical Trial': (142, 148),
    "design: clinical-trial — abstract: '…'": (15, 26),
    "design: clinical-trial — title: '…'": (19, 26),
    'design: letter-editorial — PT: Comment': (27, 28),
    'design: letter-editorial — PT: Editorial': (242, 242),
    'design: letter-editorial — PT: Letter': (282, 310),
    "design: meta-analysis — title: '…'": (50, 51),
    "design: observational — abstract: '…'": (388, 464),
    "design: observational — abstract: '…' (a study of its own, no design named)": (45, 80),
    "design: observational — title: '…'": (195, 242),
    'design: other — PT: Biography': (30, 31),
    "design: other — abstract: '…'": (50, 52),
    'design: other — no study design named in the publication types, title or abstract': (1867, 1988),
    "design: other — title: '…'": (165, 175),
    'design: rct — PT: Randomized Controlled Trial': (107, 108),
    "design: rct — title: '…'": (18, 20),
    'design: review — MeSH: Humans': (16, 27),
    'design: review — PT: Review': (376, 383),
    "design: review — abstract: '…'": (26, 31),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (31, 55),
    "design: review — title: '…'": (20, 25),
    "design: systematic-review — title: '…'": (23, 24),
    'population: animal — MeSH: Animals, no Humans': (571, 599),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (26, 44),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (82, 100),
    "population: animal — journal: '…'": (20, 24),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (97, 112),
    'population: human — MeSH: Humans, no Animals': (1685, 1736),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (469, 499),
    'population: human — abstract: N word(s) for people, N for animals (none)': (19, 20),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (54, 54),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (191, 227),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (53, 68),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (73, 74),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (25, 27),
    'population: human — title: N word(s) for people, N for animals (none)': (24, 24),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (346, 360),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (25, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (20, 24),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (144, 182),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (21, 28),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (19, 28),
    "population: in-vitro — title: '…', and no people or living animals studied": (183, 210),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (28, 34),
    'population: mixed — MeSH: Humans and Animals': (88, 129),
    'population: unknown — no MeSH check tags and no words for people or animals': (114, 169),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (25, 29),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (29, 37),
    'route: intravenous — MeSH: Injections, Intravenous': (25, 26),
    "route: intravenous — abstract: '…'": (60, 67),
    'route: oral — MeSH: Administration, Oral': (26, 27),
    "route: oral — abstract: '…'": (55, 66),
    'route: topical — MeSH: Administration, Topical': (21, 21),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
