"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.49'
AGREED = {
    "condition: depression — title: '…'": (18, 22),
    'design: case-report — PT: Case Reports': (508, 531),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (37, 37),
    "design: case-series — abstract: '…'": (44, 60),
    "design: case-series — title: '…'": (18, 20),
    'design: clinical-trial — PT: Clinical Trial': (149, 156),
    "design: clinical-trial — abstract: '…'": (20, 31),
    "design: clinical-trial — title: '…'": (22, 29),
    'design: letter-editorial — PT: Comment': (28, 29),
    'design: letter-editorial — PT: Editorial': (251, 251),
    'design: letter-editorial — PT: Letter': (297, 325),
    "design: meta-analysis — title: '…'": (52, 53),
    "design: observational — abstract: '…'": (412, 494),
    "design: observational — abstract: '…' (a study of its own, no design named)": (46, 81),
    "design: observational — title: '…'": (206, 255),
    'design: other — PT: Biography': (32, 33),
    "design: other — abstract: '…'": (77, 81),
    'design: other — no study design named in the publication types, title or abstract': (1956, 2083),
    "design: other — title: '…'": (178, 188),
    'design: rct — PT: Randomized Controlled Trial': (112, 113),
    "design: rct — title: '…'": (19, 21),
    'design: review — MeSH: Humans': (16, 27),
    'design: review — PT: Review': (401, 409),
    "design: review — abstract: '…'": (27, 32),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (31, 55),
    "design: review — title: '…'": (21, 26),
    "design: systematic-review — title: '…'": (24, 25),
    'population: animal — MeSH: Animals, no Humans': (616, 647),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (27, 45),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (85, 104),
    "population: animal — journal: '…'": (21, 25),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (107, 122),
    'population: human — MeSH: Humans, no Animals': (1784, 1836),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (495, 525),
    'population: human — abstract: N word(s) for people, N for animals (none)': (20, 21),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (57, 57),
    "population: human — no words for people or animals, but design observational (title: '…')": (17, 20),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (198, 236),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (56, 73),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (75, 76),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (26, 28),
    'population: human — title: N word(s) for people, N for animals (none)': (24, 24),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (362, 376),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (27, 27),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (20, 25),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (154, 190),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (23, 30),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (19, 28),
    "population: in-vitro — title: '…', and no people or living animals studied": (194, 221),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (30, 36),
    'population: mixed — MeSH: Humans and Animals': (91, 134),
    'population: unknown — no MeSH check tags and no words for people or animals': (121, 179),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (26, 32),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (29, 38),
    'route: intravenous — MeSH: Injections, Intravenous': (26, 27),
    "route: intravenous — abstract: '…'": (63, 70),
    'route: oral — MeSH: Administration, Oral': (28, 29),
    "route: oral — abstract: '…'": (62, 75),
    'route: topical — MeSH: Administration, Topical': (23, 23),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
