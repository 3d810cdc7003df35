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
    'design: case-report — PT: Case Reports': (409, 423),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (32, 32),
    "design: case-series — abstract: '…'": (37, 53),
    'design: clinical-trial — PT: Clinical Trial': (119, 123),
    "design: clinical-trial — abstract: '…'": (13, 25),
    "design: clinical-trial — title: '…'": (16, 22),
    'design: letter-editorial — PT: Comment': (23, 24),
    'design: letter-editorial — PT: Editorial': (217, 217),
    'design: letter-editorial — PT: Letter': (239, 267),
    "design: meta-analysis — title: '…'": (45, 46),
    "design: observational — abstract: '…'": (328, 391),
    "design: observational — abstract: '…' (a study of its own, no design named)": (40, 70),
    "design: observational — title: '…'": (157, 192),
    'design: other — PT: Biography': (26, 27),
    "design: other — abstract: '…'": (40, 42),
    'design: other — no study design named in the publication types, title or abstract': (1611, 1713),
    "design: other — title: '…'": (147, 157),
    'design: rct — PT: Randomized Controlled Trial': (97, 98),
    'design: review — MeSH: Humans': (14, 22),
    'design: review — PT: Review': (317, 323),
    "design: review — abstract: '…'": (23, 27),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (26, 50),
    "design: review — title: '…'": (19, 23),
    "design: systematic-review — title: '…'": (20, 21),
    'population: animal — MeSH: Animals, no Humans': (499, 530),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (21, 39),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (66, 78),
    "population: animal — journal: '…'": (18, 20),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (76, 88),
    'population: human — MeSH: Humans, no Animals': (1447, 1494),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (408, 433),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (46, 46),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (165, 196),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (49, 60),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (65, 66),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (21, 23),
    'population: human — title: N word(s) for people, N for animals (none)': (23, 23),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (304, 318),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (23, 23),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (18, 22),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (125, 153),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (17, 23),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (16, 25),
    "population: in-vitro — title: '…', and no people or living animals studied": (178, 202),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (27, 29),
    'population: mixed — MeSH: Humans and Animals': (77, 113),
    'population: unknown — no MeSH check tags and no words for people or animals': (99, 151),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (25, 34),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (26, 32),
    'route: intravenous — MeSH: Injections, Intravenous': (22, 23),
    "route: intravenous — abstract: '…'": (54, 59),
    'route: oral — MeSH: Administration, Oral': (24, 25),
    "route: oral — abstract: '…'": (45, 53),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
