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
    "condition: depression — title: '…'": (32, 38),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (22, 22),
    'condition: substance-use — MeSH: Substance-Related Disorders': (24, 26),
    "condition: substance-use — abstract: '…'": (8, 21),
    'design: case-report — PT: Case Reports': (772, 800),
    "design: case-report — abstract: '…'": (26, 38),
    "design: case-report — title: '…'": (51, 54),
    "design: case-series — abstract: '…'": (74, 98),
    "design: case-series — title: '…'": (26, 29),
    'design: clinical-trial — PT: Clinical Trial': (229, 240),
    "design: clinical-trial — abstract: '…'": (34, 52),
    "design: clinical-trial — title: '…'": (37, 49),
    "design: guideline — title: '…'": (19, 22),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (353, 353),
    'design: letter-editorial — PT: Letter': (442, 475),
    'design: letter-editorial — PT: News': (23, 24),
    "design: meta-analysis — title: '…'": (72, 73),
    'design: observational — MeSH: Adult': (17, 26),
    "design: observational — abstract: '…'": (645, 789),
    "design: observational — abstract: '…' (a study of its own, no design named)": (77, 149),
    "design: observational — title: '…'": (356, 436),
    'design: other — PT: Biography': (43, 44),
    'design: other — PT: Published Erratum': (32, 32),
    "design: other — abstract: '…'": (146, 155),
    'design: other — no study design named in the publication types, title or abstract': (3059, 3259),
    "design: other — title: '…'": (276, 291),
    'design: rct — PT: Randomized Controlled Trial': (153, 155),
    "design: rct — abstract: '…'": (14, 21),
    "design: rct — title: '…'": (33, 35),
    'design: review — MeSH: Humans': (21, 34),
    'design: review — PT: Historical Article': (21, 22),
    'design: review — PT: Review': (605, 616),
    "design: review — abstract: '…'": (45, 54),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (67, 108),
    "design: review — title: '…'": (32, 41),
    "design: systematic-review — title: '…'": (43, 45),
    'population: animal — MeSH: Animals, no Humans': (940, 980),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (43, 71),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (132, 168),
    "population: animal — journal: '…'": (41, 52),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (17, 22),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (156, 178),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (22, 25),
    'population: human — MeSH: Humans, no Animals': (2825, 2907),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 23),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (778, 829),
    'population: human — abstract: N word(s) for people, N for animals (none)': (30, 31),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (70, 70),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (17, 21),
    "population: human — no words for people or animals, but design observational (title: '…')": (30, 34),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (296, 355),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (79, 110),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (108, 110),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (44, 46),
    'population: human — title: N word(s) for people, N for animals (none)': (38, 38),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (550, 569),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (29, 29),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (29, 31),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (38, 38),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (20, 25),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (25, 35),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (30, 30),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (258, 310),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (36, 55),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (33, 46),
    "population: in-vitro — title: '…', and no people or living animals studied": (279, 320),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (46, 58),
    'population: mixed — MeSH: Humans and Animals': (144, 209),
    'population: unknown — a news item (PT: News) studies nobody': (18, 24),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (32, 32),
    'population: unknown — no MeSH check tags and no words for people or animals': (180, 271),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (37, 53),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (47, 62),
    'route: intravenous — MeSH: Injections, Intravenous': (36, 37),
    "route: intravenous — abstract: '…'": (92, 101),
    "route: intravenous — title: '…'": (26, 28),
    'route: oral — MeSH: Administration, Oral': (41, 42),
    "route: oral — abstract: '…'": (93, 121),
    "route: oral — title: '…'": (19, 30),
    "route: subcutaneous — abstract: '…'": (16, 25),
    'route: topical — MeSH: Administration, Topical': (28, 28),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
