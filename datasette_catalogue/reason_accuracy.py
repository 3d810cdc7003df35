"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.59'
AGREED = {
    "condition: depression — title: '…'": (22, 26),
    'design: case-report — PT: Case Reports': (592, 615),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (43, 44),
    "design: case-series — abstract: '…'": (54, 72),
    "design: case-series — title: '…'": (22, 24),
    'design: clinical-trial — PT: Clinical Trial': (171, 179),
    "design: clinical-trial — abstract: '…'": (25, 39),
    "design: clinical-trial — title: '…'": (28, 35),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (280, 280),
    'design: letter-editorial — PT: Letter': (337, 365),
    "design: meta-analysis — title: '…'": (59, 60),
    "design: observational — abstract: '…'": (466, 563),
    "design: observational — abstract: '…' (a study of its own, no design named)": (58, 104),
    "design: observational — title: '…'": (260, 320),
    'design: other — PT: Biography': (35, 36),
    'design: other — PT: Published Erratum': (24, 24),
    "design: other — abstract: '…'": (106, 111),
    'design: other — no study design named in the publication types, title or abstract': (2244, 2391),
    "design: other — title: '…'": (207, 218),
    'design: rct — PT: Randomized Controlled Trial': (123, 125),
    "design: rct — title: '…'": (24, 26),
    'design: review — MeSH: Humans': (18, 29),
    'design: review — PT: Review': (462, 470),
    "design: review — abstract: '…'": (34, 39),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (36, 63),
    "design: review — title: '…'": (26, 32),
    "design: systematic-review — title: '…'": (32, 34),
    'population: animal — MeSH: Animals, no Humans': (692, 723),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (30, 50),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (98, 123),
    "population: animal — journal: '…'": (25, 32),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (120, 134),
    'population: human — MeSH: Humans, no Animals': (2087, 2150),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (572, 607),
    'population: human — abstract: N word(s) for people, N for animals (none)': (25, 26),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (66, 66),
    "population: human — no words for people or animals, but design observational (title: '…')": (20, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (220, 262),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (66, 85),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (82, 83),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (30, 32),
    'population: human — title: N word(s) for people, N for animals (none)': (31, 31),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (425, 439),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (18, 20),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (28, 28),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (19, 22),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (22, 30),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (21, 21),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (178, 221),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (26, 36),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (20, 32),
    "population: in-vitro — title: '…', and no people or living animals studied": (217, 247),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (35, 42),
    'population: mixed — MeSH: Humans and Animals': (113, 163),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (24, 24),
    'population: unknown — no MeSH check tags and no words for people or animals': (143, 207),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (28, 36),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (35, 45),
    'route: intravenous — MeSH: Injections, Intravenous': (31, 32),
    "route: intravenous — abstract: '…'": (71, 79),
    "route: intravenous — title: '…'": (19, 20),
    'route: oral — MeSH: Administration, Oral': (31, 32),
    "route: oral — abstract: '…'": (69, 86),
    "route: oral — title: '…'": (13, 22),
    "route: subcutaneous — abstract: '…'": (14, 22),
    'route: topical — MeSH: Administration, Topical': (25, 25),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
