"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.48'
AGREED = {
    "condition: depression — title: '…'": (17, 21),
    'design: case-report — PT: Case Reports': (495, 517),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (37, 37),
    "design: case-series — abstract: '…'": (43, 59),
    "design: case-series — title: '…'": (18, 20),
    'design: clinical-trial — PT: Clinical Trial': (146, 152),
    "design: clinical-trial — abstract: '…'": (18, 29),
    "design: clinical-trial — title: '…'": (21, 28),
    'design: letter-editorial — PT: Comment': (28, 29),
    'design: letter-editorial — PT: Editorial': (247, 247),
    'design: letter-editorial — PT: Letter': (288, 316),
    "design: meta-analysis — title: '…'": (51, 52),
    "design: observational — abstract: '…'": (401, 479),
    "design: observational — abstract: '…' (a study of its own, no design named)": (46, 81),
    "design: observational — title: '…'": (198, 245),
    'design: other — PT: Biography': (30, 31),
    "design: other — abstract: '…'": (50, 53),
    'design: other — no study design named in the publication types, title or abstract': (1923, 2048),
    "design: other — title: '…'": (172, 182),
    'design: rct — PT: Randomized Controlled Trial': (109, 110),
    "design: rct — title: '…'": (18, 20),
    'design: review — MeSH: Humans': (16, 27),
    'design: review — PT: Review': (390, 397),
    "design: review — abstract: '…'": (26, 31),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (31, 55),
    "design: review — title: '…'": (20, 25),
    "design: systematic-review — title: '…'": (24, 25),
    'population: animal — MeSH: Animals, no Humans': (590, 618),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (26, 44),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (85, 104),
    "population: animal — journal: '…'": (21, 25),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (102, 117),
    'population: human — MeSH: Humans, no Animals': (1729, 1781),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (481, 510),
    'population: human — abstract: N word(s) for people, N for animals (none)': (20, 21),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (56, 56),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (195, 233),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (53, 69),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (75, 76),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (26, 28),
    'population: human — title: N word(s) for people, N for animals (none)': (24, 24),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (355, 369),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (27, 27),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (20, 25),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (150, 186),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (22, 29),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (19, 28),
    "population: in-vitro — title: '…', and no people or living animals studied": (191, 218),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (29, 35),
    'population: mixed — MeSH: Humans and Animals': (90, 133),
    'population: unknown — no MeSH check tags and no words for people or animals': (117, 174),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (25, 30),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (28, 36),
    'route: intravenous — MeSH: Injections, Intravenous': (25, 26),
    "route: intravenous — abstract: '…'": (60, 67),
    'route: oral — MeSH: Administration, Oral': (27, 28),
    "route: oral — abstract: '…'": (58, 69),
    'route: topical — MeSH: Administration, Topical': (21, 21),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
