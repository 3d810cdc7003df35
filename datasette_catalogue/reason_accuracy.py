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
    "condition: depression — title: '…'": (24, 30),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (20, 20),
    'condition: substance-use — MeSH: Substance-Related Disorders': (19, 20),
    'design: case-report — PT: Case Reports': (635, 661),
    "design: case-report — abstract: '…'": (26, 35),
    "design: case-report — title: '…'": (43, 44),
    "design: case-series — abstract: '…'": (60, 81),
    "design: case-series — title: '…'": (23, 25),
    'design: clinical-trial — PT: Clinical Trial': (189, 198),
    "design: clinical-trial — abstract: '…'": (27, 42),
    "design: clinical-trial — title: '…'": (29, 36),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (301, 301),
    'design: letter-editorial — PT: Letter': (363, 393),
    'design: letter-editorial — PT: News': (21, 22),
    "design: meta-analysis — title: '…'": (61, 62),
    'design: observational — MeSH: Adult': (13, 20),
    "design: observational — abstract: '…'": (521, 631),
    "design: observational — abstract: '…' (a study of its own, no design named)": (60, 111),
    "design: observational — title: '…'": (293, 357),
    'design: other — PT: Biography': (37, 38),
    'design: other — PT: Published Erratum': (27, 27),
    "design: other — abstract: '…'": (118, 124),
    'design: other — no study design named in the publication types, title or abstract': (2458, 2615),
    "design: other — title: '…'": (226, 239),
    'design: rct — PT: Randomized Controlled Trial': (131, 133),
    "design: rct — title: '…'": (28, 30),
    'design: review — MeSH: Humans': (18, 29),
    'design: review — PT: Review': (499, 507),
    "design: review — abstract: '…'": (36, 42),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (46, 76),
    "design: review — title: '…'": (30, 36),
    "design: systematic-review — title: '…'": (36, 38),
    'population: animal — MeSH: Animals, no Humans': (753, 787),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (35, 57),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (110, 138),
    "population: animal — journal: '…'": (30, 37),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (132, 146),
    'population: human — MeSH: Humans, no Animals': (2272, 2341),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (632, 670),
    'population: human — abstract: N word(s) for people, N for animals (none)': (26, 27),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (67, 67),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (23, 26),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (248, 291),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (68, 92),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (91, 92),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (36, 38),
    'population: human — title: N word(s) for people, N for animals (none)': (31, 31),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (457, 472),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (21, 21),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (22, 24),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (32, 32),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (19, 23),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (22, 31),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (24, 24),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (199, 245),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (27, 38),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (23, 36),
    "population: in-vitro — title: '…', and no people or living animals studied": (240, 271),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (39, 48),
    'population: mixed — MeSH: Humans and Animals': (117, 170),
    'population: unknown — a news item (PT: News) studies nobody': (16, 22),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (27, 27),
    'population: unknown — no MeSH check tags and no words for people or animals': (153, 223),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (29, 40),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (39, 49),
    'route: intravenous — MeSH: Injections, Intravenous': (31, 32),
    "route: intravenous — abstract: '…'": (75, 83),
    "route: intravenous — title: '…'": (20, 21),
    'route: oral — MeSH: Administration, Oral': (34, 35),
    "route: oral — abstract: '…'": (77, 97),
    "route: oral — title: '…'": (15, 25),
    "route: subcutaneous — abstract: '…'": (16, 24),
    'route: topical — MeSH: Administration, Topical': (25, 25),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
