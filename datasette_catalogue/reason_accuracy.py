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
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (26, 26),
    'condition: depression — MeSH: Depression': (13, 24),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (35, 41),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (22, 22),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 26),
    "condition: substance-use — abstract: '…'": (8, 22),
    'design: case-report — PT: Case Reports': (806, 835),
    "design: case-report — abstract: '…'": (28, 40),
    "design: case-report — title: '…'": (54, 57),
    "design: case-series — abstract: '…'": (77, 102),
    "design: case-series — title: '…'": (27, 31),
    'design: clinical-trial — PT: Clinical Trial': (238, 250),
    "design: clinical-trial — abstract: '…'": (34, 53),
    "design: clinical-trial — title: '…'": (38, 50),
    "design: guideline — title: '…'": (20, 23),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (368, 368),
    'design: letter-editorial — PT: Letter': (467, 501),
    'design: letter-editorial — PT: News': (25, 26),
    "design: meta-analysis — title: '…'": (77, 78),
    'design: observational — MeSH: Adult': (17, 26),
    "design: observational — abstract: '…'": (678, 832),
    "design: observational — abstract: '…' (a study of its own, no design named)": (82, 157),
    "design: observational — title: '…'": (374, 459),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (33, 33),
    "design: other — abstract: '…'": (159, 168),
    'design: other — no study design named in the publication types, title or abstract': (3223, 3429),
    "design: other — title: '…'": (292, 307),
    'design: rct — PT: Randomized Controlled Trial': (159, 161),
    "design: rct — abstract: '…'": (14, 22),
    "design: rct — title: '…'": (35, 37),
    'design: review — MeSH: Humans': (22, 37),
    'design: review — PT: Historical Article': (22, 23),
    'design: review — PT: Review': (633, 644),
    "design: review — abstract: '…'": (48, 57),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (72, 117),
    "design: review — title: '…'": (35, 45),
    "design: systematic-review — title: '…'": (43, 46),
    'population: animal — MeSH: Animals, no Humans': (987, 1027),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (45, 73),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (143, 181),
    "population: animal — journal: '…'": (44, 56),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (19, 24),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (170, 195),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (23, 27),
    'population: human — MeSH: Humans, no Animals': (2971, 3054),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 24),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (809, 862),
    'population: human — abstract: N word(s) for people, N for animals (none)': (32, 33),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (71, 71),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (18, 23),
    "population: human — no words for people or animals, but design observational (title: '…')": (33, 38),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (310, 375),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (83, 117),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (120, 122),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (44, 47),
    'population: human — title: N word(s) for people, N for animals (none)': (41, 41),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (572, 592),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (31, 31),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (29, 31),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (38, 38),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (26, 36),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (31, 31),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (274, 327),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (38, 58),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (37, 51),
    "population: in-vitro — title: '…', and no people or living animals studied": (292, 335),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (48, 60),
    'population: mixed — MeSH: Humans and Animals': (154, 219),
    'population: unknown — a news item (PT: News) studies nobody': (19, 26),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (33, 33),
    'population: unknown — no MeSH check tags and no words for people or animals': (190, 282),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (39, 55),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (50, 66),
    'route: intravenous — MeSH: Injections, Intravenous': (37, 38),
    "route: intravenous — abstract: '…'": (100, 109),
    "route: intravenous — title: '…'": (26, 28),
    'route: oral — MeSH: Administration, Oral': (43, 44),
    "route: oral — abstract: '…'": (100, 131),
    "route: oral — title: '…'": (20, 31),
    "route: subcutaneous — abstract: '…'": (16, 25),
    'route: topical — MeSH: Administration, Topical': (28, 29),
    "route: topical — abstract: '…'": (17, 20),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
