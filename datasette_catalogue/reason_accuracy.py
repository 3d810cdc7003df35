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
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (20, 20),
    'condition: depression — MeSH: Depression': (11, 20),
    "condition: depression — abstract: '…'": (13, 21),
    "condition: depression — title: '…'": (26, 32),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (20, 20),
    'condition: substance-use — MeSH: Substance-Related Disorders': (21, 22),
    "condition: substance-use — abstract: '…'": (8, 21),
    'design: case-report — PT: Case Reports': (701, 727),
    "design: case-report — abstract: '…'": (26, 37),
    "design: case-report — title: '…'": (49, 50),
    "design: case-series — abstract: '…'": (68, 90),
    "design: case-series — title: '…'": (26, 28),
    'design: clinical-trial — PT: Clinical Trial': (209, 219),
    "design: clinical-trial — abstract: '…'": (31, 47),
    "design: clinical-trial — title: '…'": (31, 40),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (325, 325),
    'design: letter-editorial — PT: Letter': (401, 432),
    'design: letter-editorial — PT: News': (21, 22),
    "design: meta-analysis — title: '…'": (65, 66),
    'design: observational — MeSH: Adult': (15, 23),
    "design: observational — abstract: '…'": (581, 707),
    "design: observational — abstract: '…' (a study of its own, no design named)": (71, 133),
    "design: observational — title: '…'": (322, 397),
    'design: other — PT: Biography': (37, 38),
    'design: other — PT: Published Erratum': (30, 30),
    "design: other — abstract: '…'": (130, 137),
    'design: other — no study design named in the publication types, title or abstract': (2722, 2898),
    "design: other — title: '…'": (247, 261),
    'design: rct — PT: Randomized Controlled Trial': (141, 143),
    "design: rct — abstract: '…'": (13, 20),
    "design: rct — title: '…'": (30, 32),
    'design: review — MeSH: Humans': (20, 32),
    'design: review — PT: Review': (552, 561),
    "design: review — abstract: '…'": (41, 48),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (55, 91),
    "design: review — title: '…'": (30, 36),
    "design: systematic-review — title: '…'": (38, 40),
    'population: animal — MeSH: Animals, no Humans': (843, 879),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (38, 62),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (115, 149),
    "population: animal — journal: '…'": (35, 45),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (136, 155),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (18, 20),
    'population: human — MeSH: Humans, no Animals': (2518, 2592),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (8, 20),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (703, 748),
    'population: human — abstract: N word(s) for people, N for animals (none)': (26, 27),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (70, 70),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (26, 29),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (271, 320),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (72, 99),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (101, 103),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (39, 41),
    'population: human — title: N word(s) for people, N for animals (none)': (32, 32),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (500, 516),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (24, 24),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (26, 28),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (34, 34),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (23, 33),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (27, 27),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (234, 283),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (30, 43),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (25, 38),
    "population: in-vitro — title: '…', and no people or living animals studied": (263, 300),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (43, 54),
    'population: mixed — MeSH: Humans and Animals': (127, 186),
    'population: unknown — a news item (PT: News) studies nobody': (16, 22),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (30, 30),
    'population: unknown — no MeSH check tags and no words for people or animals': (163, 242),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (33, 47),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (44, 57),
    'route: intravenous — MeSH: Injections, Intravenous': (33, 34),
    "route: intravenous — abstract: '…'": (83, 91),
    "route: intravenous — title: '…'": (24, 25),
    'route: oral — MeSH: Administration, Oral': (37, 38),
    "route: oral — abstract: '…'": (88, 108),
    "route: oral — title: '…'": (16, 26),
    "route: subcutaneous — abstract: '…'": (16, 24),
    'route: topical — MeSH: Administration, Topical': (27, 27),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
