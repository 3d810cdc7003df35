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
    'design: case-report — PT: Case Reports': (427, 442),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (32, 32),
    "design: case-series — abstract: '…'": (38, 54),
    'design: clinical-trial — PT: Clinical Trial': (123, 128),
    "design: clinical-trial — abstract: '…'": (13, 25),
    "design: clinical-trial — title: '…'": (18, 25),
    'design: letter-editorial — PT: Comment': (24, 25),
    'design: letter-editorial — PT: Editorial': (222, 222),
    'design: letter-editorial — PT: Letter': (248, 276),
    "design: meta-analysis — title: '…'": (46, 47),
    "design: observational — abstract: '…'": (341, 406),
    "design: observational — abstract: '…' (a study of its own, no design named)": (42, 72),
    "design: observational — title: '…'": (163, 203),
    'design: other — PT: Biography': (27, 28),
    "design: other — abstract: '…'": (41, 43),
    'design: other — no study design named in the publication types, title or abstract': (1657, 1762),
    "design: other — title: '…'": (150, 160),
    'design: rct — PT: Randomized Controlled Trial': (99, 100),
    'design: review — MeSH: Humans': (14, 23),
    'design: review — PT: Review': (328, 334),
    "design: review — abstract: '…'": (24, 29),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (27, 51),
    "design: review — title: '…'": (19, 23),
    "design: systematic-review — title: '…'": (21, 22),
    'population: animal — MeSH: Animals, no Humans': (511, 544),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (21, 39),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (68, 80),
    "population: animal — journal: '…'": (19, 21),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (78, 91),
    'population: human — MeSH: Humans, no Animals': (1498, 1547),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (421, 448),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (48, 48),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (169, 200),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (49, 62),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (67, 68),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (21, 23),
    'population: human — title: N word(s) for people, N for animals (none)': (24, 24),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (315, 329),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (24, 24),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (19, 23),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (128, 158),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (17, 23),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (16, 25),
    "population: in-vitro — title: '…', and no people or living animals studied": (184, 208),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (27, 30),
    'population: mixed — MeSH: Humans and Animals': (79, 116),
    'population: unknown — no MeSH check tags and no words for people or animals': (103, 156),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (25, 34),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (26, 34),
    'route: intravenous — MeSH: Injections, Intravenous': (22, 23),
    "route: intravenous — abstract: '…'": (55, 60),
    'route: oral — MeSH: Administration, Oral': (24, 25),
    "route: oral — abstract: '…'": (45, 55),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
