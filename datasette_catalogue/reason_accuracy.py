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
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (27, 27),
    'condition: depression — MeSH: Depression': (13, 24),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (35, 41),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (22, 22),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 26),
    "condition: substance-use — abstract: '…'": (8, 22),
    'design: case-report — PT: Case Reports': (817, 848),
    "design: case-report — abstract: '…'": (29, 42),
    "design: case-report — title: '…'": (55, 58),
    "design: case-series — abstract: '…'": (82, 108),
    "design: case-series — title: '…'": (27, 31),
    'design: clinical-trial — PT: Clinical Trial': (241, 254),
    "design: clinical-trial — abstract: '…'": (34, 53),
    "design: clinical-trial — title: '…'": (38, 50),
    "design: guideline — title: '…'": (21, 24),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (372, 372),
    'design: letter-editorial — PT: Letter': (472, 507),
    'design: letter-editorial — PT: News': (25, 26),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (78, 79),
    'design: observational — MeSH: Adult': (17, 26),
    "design: observational — abstract: '…'": (693, 851),
    "design: observational — abstract: '…' (a study of its own, no design named)": (87, 162),
    "design: observational — title: '…'": (374, 461),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (33, 33),
    "design: other — abstract: '…'": (162, 171),
    'design: other — no study design named in the publication types, title or abstract': (3279, 3486),
    "design: other — title: '…'": (295, 310),
    'design: rct — PT: Randomized Controlled Trial': (161, 163),
    "design: rct — abstract: '…'": (14, 22),
    "design: rct — title: '…'": (35, 37),
    'design: review — MeSH: Humans': (22, 38),
    'design: review — PT: Historical Article': (22, 23),
    'design: review — PT: Review': (643, 654),
    "design: review — abstract: '…'": (50, 59),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (72, 120),
    "design: review — title: '…'": (35, 46),
    "design: systematic-review — title: '…'": (43, 46),
    'population: animal — MeSH: Animals, no Humans': (1005, 1045),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (47, 75),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (145, 184),
    "population: animal — journal: '…'": (46, 58),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (19, 24),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (171, 196),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (24, 28),
    'population: human — MeSH: Humans, no Animals': (3020, 3105),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 24),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (821, 876),
    'population: human — abstract: N word(s) for people, N for animals (none)': (33, 34),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (72, 72),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (18, 23),
    "population: human — no words for people or animals, but design observational (title: '…')": (34, 39),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (14, 20),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (311, 377),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (83, 118),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (120, 122),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (44, 47),
    'population: human — title: N word(s) for people, N for animals (none)': (42, 42),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (581, 601),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (32, 32),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (30, 32),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (38, 38),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (26, 36),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (31, 31),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (287, 341),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (39, 59),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (37, 51),
    "population: in-vitro — title: '…', and no people or living animals studied": (295, 339),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (48, 60),
    'population: mixed — MeSH: Humans and Animals': (157, 224),
    'population: unknown — a news item (PT: News) studies nobody': (19, 26),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (33, 33),
    'population: unknown — no MeSH check tags and no words for people or animals': (194, 290),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (39, 55),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (52, 68),
    'route: intravenous — MeSH: Injections, Intravenous': (37, 38),
    "route: intravenous — abstract: '…'": (100, 109),
    "route: intravenous — title: '…'": (26, 28),
    'route: oral — MeSH: Administration, Oral': (43, 44),
    "route: oral — abstract: '…'": (100, 132),
    "route: oral — title: '…'": (20, 31),
    "route: subcutaneous — abstract: '…'": (16, 26),
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
