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
    "condition: depression — title: '…'": (27, 33),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (20, 20),
    'condition: substance-use — MeSH: Substance-Related Disorders': (21, 22),
    "condition: substance-use — abstract: '…'": (8, 21),
    'design: case-report — PT: Case Reports': (712, 739),
    "design: case-report — abstract: '…'": (26, 37),
    "design: case-report — title: '…'": (49, 50),
    "design: case-series — abstract: '…'": (69, 91),
    "design: case-series — title: '…'": (26, 28),
    'design: clinical-trial — PT: Clinical Trial': (213, 223),
    "design: clinical-trial — abstract: '…'": (32, 48),
    "design: clinical-trial — title: '…'": (31, 41),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (329, 329),
    'design: letter-editorial — PT: Letter': (409, 441),
    'design: letter-editorial — PT: News': (21, 22),
    "design: meta-analysis — title: '…'": (66, 67),
    'design: observational — MeSH: Adult': (15, 23),
    "design: observational — abstract: '…'": (596, 727),
    "design: observational — abstract: '…' (a study of its own, no design named)": (72, 135),
    "design: observational — title: '…'": (324, 400),
    'design: other — PT: Biography': (38, 39),
    'design: other — PT: Published Erratum': (30, 30),
    "design: other — abstract: '…'": (132, 140),
    'design: other — no study design named in the publication types, title or abstract': (2783, 2966),
    "design: other — title: '…'": (248, 262),
    'design: rct — PT: Randomized Controlled Trial': (143, 145),
    "design: rct — abstract: '…'": (13, 20),
    "design: rct — title: '…'": (30, 32),
    'design: review — MeSH: Humans': (20, 32),
    'design: review — PT: Review': (560, 570),
    "design: review — abstract: '…'": (41, 48),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (59, 96),
    "design: review — title: '…'": (31, 37),
    "design: systematic-review — title: '…'": (38, 40),
    'population: animal — MeSH: Animals, no Humans': (861, 898),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (38, 62),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (117, 151),
    "population: animal — journal: '…'": (36, 46),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (138, 157),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (19, 21),
    'population: human — MeSH: Humans, no Animals': (2574, 2648),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (10, 22),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (715, 761),
    'population: human — abstract: N word(s) for people, N for animals (none)': (27, 28),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (70, 70),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (16, 20),
    "population: human — no words for people or animals, but design observational (title: '…')": (26, 29),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (274, 324),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (74, 103),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (103, 105),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (40, 42),
    'population: human — title: N word(s) for people, N for animals (none)': (32, 32),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (506, 523),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (24, 24),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (27, 29),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (36, 36),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (23, 33),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (28, 28),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (238, 287),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (30, 44),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (27, 40),
    "population: in-vitro — title: '…', and no people or living animals studied": (267, 305),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (43, 54),
    'population: mixed — MeSH: Humans and Animals': (133, 192),
    'population: unknown — a news item (PT: News) studies nobody': (16, 22),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (30, 30),
    'population: unknown — no MeSH check tags and no words for people or animals': (165, 248),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (34, 49),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (45, 58),
    'route: intravenous — MeSH: Injections, Intravenous': (34, 35),
    "route: intravenous — abstract: '…'": (83, 91),
    "route: intravenous — title: '…'": (25, 26),
    'route: oral — MeSH: Administration, Oral': (39, 40),
    "route: oral — abstract: '…'": (88, 111),
    "route: oral — title: '…'": (16, 26),
    "route: subcutaneous — abstract: '…'": (16, 24),
    'route: topical — MeSH: Administration, Topical': (28, 28),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
