"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.41'
AGREED = {
    "condition: depression — title: '…'": (16, 20),
    'design: case-report — PT: Case Reports': (473, 492),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (34, 34),
    "design: case-series — abstract: '…'": (40, 56),
    'design: clinical-trial — PT: Clinical Trial': (137, 143),
    "design: clinical-trial — abstract: '…'": (15, 27),
    "design: clinical-trial — title: '…'": (18, 25),
    'design: letter-editorial — PT: Comment': (26, 27),
    'design: letter-editorial — PT: Editorial': (237, 237),
    'design: letter-editorial — PT: Letter': (273, 301),
    "design: meta-analysis — title: '…'": (49, 50),
    "design: observational — abstract: '…'": (376, 450),
    "design: observational — abstract: '…' (a study of its own, no design named)": (45, 80),
    "design: observational — title: '…'": (188, 233),
    'design: other — PT: Biography': (29, 30),
    "design: other — abstract: '…'": (46, 48),
    'design: other — no study design named in the publication types, title or abstract': (1809, 1924),
    "design: other — title: '…'": (162, 172),
    'design: rct — PT: Randomized Controlled Trial': (105, 106),
    "design: rct — title: '…'": (18, 20),
    'design: review — MeSH: Humans': (16, 26),
    'design: review — PT: Review': (364, 371),
    "design: review — abstract: '…'": (26, 31),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (30, 54),
    "design: review — title: '…'": (20, 24),
    "design: systematic-review — title: '…'": (23, 24),
    'population: animal — MeSH: Animals, no Humans': (562, 601),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (24, 44),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (71, 85),
    "population: animal — journal: '…'": (20, 24),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (91, 105),
    'population: human — MeSH: Humans, no Animals': (1643, 1698),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (457, 487),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (54, 54),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (191, 224),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (53, 67),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (72, 73),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (25, 27),
    'population: human — title: N word(s) for people, N for animals (none)': (24, 24),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (338, 351),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (24, 24),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (19, 23),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (147, 183),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (21, 28),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (19, 28),
    "population: in-vitro — title: '…', and no people or living animals studied": (195, 222),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (30, 36),
    'population: mixed — MeSH: Humans and Animals': (86, 129),
    'population: unknown — no MeSH check tags and no words for people or animals': (109, 163),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (25, 28),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (28, 36),
    'route: intravenous — MeSH: Injections, Intravenous': (23, 24),
    "route: intravenous — abstract: '…'": (59, 65),
    'route: oral — MeSH: Administration, Oral': (26, 27),
    "route: oral — abstract: '…'": (53, 63),
    'route: topical — MeSH: Administration, Topical': (20, 20),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
