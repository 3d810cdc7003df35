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
    'design: case-report — PT: Case Reports': (393, 406),
    "design: case-report — abstract: '…'": (24, 32),
    "design: case-report — title: '…'": (32, 32),
    "design: case-series — abstract: '…'": (34, 50),
    'design: clinical-trial — PT: Clinical Trial': (116, 120),
    "design: clinical-trial — abstract: '…'": (12, 24),
    "design: clinical-trial — title: '…'": (16, 22),
    'design: letter-editorial — PT: Comment': (23, 24),
    'design: letter-editorial — PT: Editorial': (212, 212),
    'design: letter-editorial — PT: Letter': (229, 257),
    "design: meta-analysis — title: '…'": (45, 46),
    "design: observational — abstract: '…'": (321, 381),
    "design: observational — abstract: '…' (a study of its own, no design named)": (40, 68),
    "design: observational — title: '…'": (154, 187),
    'design: other — PT: Biography': (25, 26),
    "design: other — abstract: '…'": (40, 42),
    'design: other — no study design named in the publication types, title or abstract': (1565, 1660),
    "design: other — title: '…'": (139, 148),
    'design: rct — PT: Randomized Controlled Trial': (95, 96),
    'design: review — MeSH: Humans': (14, 22),
    'design: review — PT: Review': (307, 312),
    "design: review — abstract: '…'": (22, 26),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (24, 46),
    "design: review — title: '…'": (17, 21),
    'population: animal — MeSH: Animals, no Humans': (484, 514),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (20, 38),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (63, 73),
    "population: animal — journal: '…'": (18, 20),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (74, 86),
    'population: human — MeSH: Humans, no Animals': (1402, 1445),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (399, 424),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (44, 44),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (157, 185),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (49, 60),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (65, 66),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (20, 22),
    'population: human — title: N word(s) for people, N for animals (none)': (23, 23),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (296, 309),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (23, 23),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (18, 22),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (122, 149),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (16, 21),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (16, 24),
    "population: in-vitro — title: '…', and no people or living animals studied": (170, 193),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (24, 26),
    'population: mixed — MeSH: Humans and Animals': (75, 110),
    'population: unknown — no MeSH check tags and no words for people or animals': (97, 145),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (25, 34),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (26, 32),
    'route: intravenous — MeSH: Injections, Intravenous': (20, 21),
    "route: intravenous — abstract: '…'": (53, 58),
    'route: oral — MeSH: Administration, Oral': (24, 25),
    "route: oral — abstract: '…'": (44, 52),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
