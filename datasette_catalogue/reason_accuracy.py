"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.37'
AGREED = {
    'design: case-report — PT: Case Reports': (441, 457),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (33, 33),
    "design: case-series — abstract: '…'": (39, 55),
    'design: clinical-trial — PT: Clinical Trial': (127, 132),
    "design: clinical-trial — abstract: '…'": (13, 25),
    "design: clinical-trial — title: '…'": (18, 25),
    'design: letter-editorial — PT: Comment': (25, 26),
    'design: letter-editorial — PT: Editorial': (227, 227),
    'design: letter-editorial — PT: Letter': (256, 284),
    "design: meta-analysis — title: '…'": (47, 48),
    "design: observational — abstract: '…'": (356, 424),
    "design: observational — abstract: '…' (a study of its own, no design named)": (43, 76),
    "design: observational — title: '…'": (172, 214),
    'design: other — PT: Biography': (27, 28),
    "design: other — abstract: '…'": (44, 46),
    'design: other — no study design named in the publication types, title or abstract': (1711, 1819),
    "design: other — title: '…'": (154, 164),
    'design: rct — PT: Randomized Controlled Trial': (101, 102),
    'design: review — MeSH: Humans': (14, 23),
    'design: review — PT: Review': (339, 345),
    "design: review — abstract: '…'": (25, 30),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (27, 51),
    "design: review — title: '…'": (19, 23),
    "design: systematic-review — title: '…'": (21, 22),
    'population: animal — MeSH: Animals, no Humans': (529, 564),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (23, 43),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (69, 82),
    "population: animal — journal: '…'": (19, 21),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (83, 96),
    'population: human — MeSH: Humans, no Animals': (1538, 1590),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (435, 465),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (49, 49),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (176, 208),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (49, 62),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (69, 70),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (22, 24),
    'population: human — title: N word(s) for people, N for animals (none)': (24, 24),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (325, 339),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (24, 24),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (19, 23),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (133, 164),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (18, 24),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (17, 26),
    "population: in-vitro — title: '…', and no people or living animals studied": (185, 210),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (27, 31),
    'population: mixed — MeSH: Humans and Animals': (81, 122),
    'population: unknown — no MeSH check tags and no words for people or animals': (105, 158),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (26, 35),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (27, 35),
    'route: intravenous — MeSH: Injections, Intravenous': (23, 24),
    "route: intravenous — abstract: '…'": (55, 60),
    'route: oral — MeSH: Administration, Oral': (24, 25),
    "route: oral — abstract: '…'": (46, 56),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
