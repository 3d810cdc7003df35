"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.63'
AGREED = {
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (29, 29),
    "condition: arthritis — abstract: '…'": (8, 22),
    'condition: depression — MeSH: Depression': (13, 24),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (38, 44),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (23, 23),
    'condition: substance-use — MeSH: Substance-Related Disorders': (27, 29),
    "condition: substance-use — abstract: '…'": (9, 24),
    'design: case-report — PT: Case Reports': (860, 891),
    "design: case-report — abstract: '…'": (29, 43),
    "design: case-report — title: '…'": (57, 60),
    "design: case-series — abstract: '…'": (85, 111),
    "design: case-series — title: '…'": (28, 30),
    'design: clinical-trial — PT: Clinical Trial': (256, 270),
    "design: clinical-trial — abstract: '…'": (37, 62),
    "design: clinical-trial — title: '…'": (39, 53),
    "design: guideline — title: '…'": (21, 24),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (395, 395),
    'design: letter-editorial — PT: Letter': (496, 532),
    'design: letter-editorial — PT: News': (26, 27),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (79, 80),
    'design: observational — MeSH: Adult': (19, 28),
    'design: observational — MeSH: Retrospective Studies': (21, 21),
    "design: observational — abstract: '…'": (746, 914),
    "design: observational — abstract: '…' (a study of its own, no design named)": (95, 175),
    "design: observational — title: '…'": (396, 491),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (36, 36),
    "design: other — abstract: '…'": (169, 180),
    'design: other — no study design named in the publication types, title or abstract': (3518, 3737),
    "design: other — title: '…'": (314, 330),
    'design: rct — PT: Randomized Controlled Trial': (169, 171),
    "design: rct — abstract: '…'": (15, 23),
    "design: rct — title: '…'": (35, 37),
    'design: review — MeSH: Humans': (25, 41),
    'design: review — PT: Historical Article': (23, 24),
    'design: review — PT: Review': (684, 696),
    "design: review — abstract: '…'": (54, 63),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (79, 129),
    "design: review — title: '…'": (37, 49),
    "design: systematic-review — abstract: '…'": (15, 21),
    "design: systematic-review — title: '…'": (44, 47),
    'population: animal — MeSH: Animals, no Humans': (1075, 1118),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (51, 82),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (156, 198),
    "population: animal — journal: '…'": (49, 63),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (21, 26),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (183, 208),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (25, 29),
    'population: human — MeSH: Humans, no Animals': (3216, 3307),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 24),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (870, 928),
    'population: human — abstract: N word(s) for people, N for animals (none)': (33, 34),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (73, 73),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 25),
    "population: human — no words for people or animals, but design observational (title: '…')": (34, 39),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (14, 20),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (323, 391),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (89, 124),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (126, 128),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (48, 51),
    'population: human — title: N word(s) for people, N for animals (none)': (45, 46),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (615, 636),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (37, 37),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (33, 35),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (38, 39),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (21, 26),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (28, 39),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (33, 33),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (311, 366),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (47, 68),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (40, 54),
    "population: in-vitro — title: '…', and no people or living animals studied": (310, 356),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (52, 64),
    'population: mixed — MeSH: Humans and Animals': (162, 238),
    'population: unknown — a news item (PT: News) studies nobody': (19, 27),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (36, 36),
    'population: unknown — no MeSH check tags and no words for people or animals': (203, 307),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (40, 57),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (58, 75),
    'route: intravenous — MeSH: Injections, Intravenous': (37, 38),
    "route: intravenous — abstract: '…'": (111, 121),
    "route: intravenous — title: '…'": (28, 30),
    'route: oral — MeSH: Administration, Oral': (46, 47),
    "route: oral — abstract: '…'": (105, 141),
    "route: oral — title: '…'": (22, 37),
    "route: subcutaneous — abstract: '…'": (21, 31),
    'route: topical — MeSH: Administration, Topical': (28, 29),
    "route: topical — abstract: '…'": (19, 22),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
