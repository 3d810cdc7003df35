"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.57'
AGREED = {
    "condition: depression — title: '…'": (21, 25),
    'design: case-report — PT: Case Reports': (542, 565),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (38, 38),
    "design: case-series — abstract: '…'": (47, 63),
    "design: case-series — title: '…'": (22, 24),
    'design: clinical-trial — PT: Clinical Trial': (153, 160),
    "design: clinical-trial — abstract: '…'": (23, 35),
    "design: clinical-trial — title: '…'": (24, 31),
    'design: letter-editorial — PT: Comment': (29, 30),
    'design: letter-editorial — PT: Editorial': (262, 262),
    'design: letter-editorial — PT: Letter': (312, 340),
    "design: meta-analysis — title: '…'": (57, 58),
    "design: observational — abstract: '…'": (429, 519),
    "design: observational — abstract: '…' (a study of its own, no design named)": (49, 86),
    "design: observational — title: '…'": (227, 280),
    'design: other — PT: Biography': (34, 35),
    'design: other — PT: Published Erratum': (21, 21),
    "design: other — abstract: '…'": (79, 83),
    'design: other — no study design named in the publication types, title or abstract': (2041, 2170),
    "design: other — title: '…'": (195, 205),
    'design: rct — PT: Randomized Controlled Trial': (115, 117),
    "design: rct — title: '…'": (22, 24),
    'design: review — MeSH: Humans': (16, 27),
    'design: review — PT: Review': (421, 429),
    "design: review — abstract: '…'": (28, 33),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (33, 56),
    "design: review — title: '…'": (23, 28),
    "design: systematic-review — title: '…'": (26, 27),
    'population: animal — MeSH: Animals, no Humans': (632, 663),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (28, 47),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (88, 110),
    "population: animal — journal: '…'": (23, 27),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (112, 126),
    'population: human — MeSH: Humans, no Animals': (1893, 1950),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (514, 545),
    'population: human — abstract: N word(s) for people, N for animals (none)': (21, 22),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (61, 61),
    "population: human — no words for people or animals, but design observational (title: '…')": (18, 21),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (204, 243),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (60, 78),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (76, 77),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (28, 30),
    'population: human — title: N word(s) for people, N for animals (none)': (27, 27),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (396, 410),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (27, 27),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (20, 27),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (160, 198),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (25, 32),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (19, 29),
    "population: in-vitro — title: '…', and no people or living animals studied": (202, 230),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (30, 36),
    'population: mixed — MeSH: Humans and Animals': (99, 144),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (21, 21),
    'population: unknown — no MeSH check tags and no words for people or animals': (130, 191),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (27, 33),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (31, 40),
    'route: intravenous — MeSH: Injections, Intravenous': (27, 28),
    "route: intravenous — abstract: '…'": (66, 73),
    'route: oral — MeSH: Administration, Oral': (28, 29),
    "route: oral — abstract: '…'": (66, 80),
    "route: oral — title: '…'": (11, 20),
    'route: topical — MeSH: Administration, Topical': (23, 23),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
