"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.66'
AGREED = {
    'condition: arthritis — MeSH: Arthritis, Rheumatoid': (30, 30),
    "condition: arthritis — abstract: '…'": (8, 24),
    'condition: depression — MeSH: Depression': (16, 27),
    "condition: depression — abstract: '…'": (14, 22),
    "condition: depression — title: '…'": (40, 47),
    'condition: schizophrenia-psychosis — MeSH: Schizophrenia': (23, 23),
    'condition: substance-use — MeSH: Substance-Related Disorders': (28, 30),
    "condition: substance-use — abstract: '…'": (9, 24),
    "condition: substance-use — title: '…'": (17, 21),
    'design: case-report — PT: Case Reports': (906, 937),
    "design: case-report — abstract: '…'": (29, 43),
    "design: case-report — title: '…'": (59, 62),
    "design: case-series — abstract: '…'": (89, 116),
    "design: case-series — title: '…'": (28, 32),
    'design: clinical-trial — PT: Clinical Trial': (269, 285),
    "design: clinical-trial — abstract: '…'": (40, 68),
    "design: clinical-trial — title: '…'": (40, 55),
    "design: guideline — title: '…'": (22, 25),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (416, 416),
    'design: letter-editorial — PT: Letter': (521, 559),
    'design: letter-editorial — PT: News': (30, 31),
    "design: letter-editorial — title: '…'": (20, 20),
    "design: meta-analysis — title: '…'": (83, 84),
    'design: observational — MeSH: Adult': (19, 29),
    'design: observational — MeSH: Retrospective Studies': (23, 23),
    "design: observational — abstract: '…'": (792, 977),
    "design: observational — abstract: '…' (a study of its own, no design named)": (98, 184),
    "design: observational — title: '…'": (419, 517),
    'design: other — PT: Biography': (44, 45),
    'design: other — PT: Published Erratum': (41, 41),
    "design: other — abstract: '…'": (178, 189),
    'design: other — no study design named in the publication types, title or abstract': (3755, 3988),
    "design: other — title: '…'": (330, 346),
    'design: rct — PT: Randomized Controlled Trial': (177, 179),
    "design: rct — abstract: '…'": (18, 26),
    "design: rct — title: '…'": (38, 40),
    'design: review — MeSH: Humans': (26, 43),
    'design: review — PT: Historical Article': (27, 30),
    'design: review — PT: Review': (724, 738),
    "design: review — abstract: '…'": (56, 66),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (81, 133),
    "design: review — title: '…'": (39, 52),
    "design: systematic-review — abstract: '…'": (16, 22),
    "design: systematic-review — title: '…'": (45, 48),
    'population: animal — MeSH: Animals, no Humans': (1155, 1199),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (53, 86),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (164, 207),
    "population: animal — journal: '…'": (52, 67),
    "population: animal — title: N word(s) for people, N for animals (keywords: '…')": (22, 27),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (192, 219),
    'population: human — MeSH: Humans and Animals, but the text names no animals studied': (25, 29),
    'population: human — MeSH: Humans, no Animals': (3406, 3505),
    "population: human — abstract: '…'; species only in the abstract of a review or letter": (11, 25),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (910, 972),
    'population: human — abstract: N word(s) for people, N for animals (none)': (35, 36),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (74, 74),
    "population: human — no words for people or animals, but design observational (abstract: '…')": (20, 26),
    "population: human — no words for people or animals, but design observational (title: '…')": (36, 42),
    "population: human — no words for people or animals, but it speaks of clinical medicine (abstract: '…')": (16, 23),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (334, 406),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (96, 133),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (134, 136),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (51, 56),
    'population: human — title: N word(s) for people, N for animals (none)': (45, 46),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (648, 670),
    'population: in-vitro — MeSH: Bacteria, and no people or living animals studied': (20, 20),
    'population: in-vitro — MeSH: Cell Line, and no people or living animals studied': (37, 37),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (37, 39),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (41, 42),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (22, 27),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (34, 46),
    'population: in-vitro — MeSH: Kinetics, and no people or living animals studied': (36, 36),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (334, 394),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (50, 71),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (42, 57),
    "population: in-vitro — title: '…', and no people or living animals studied": (328, 377),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (55, 67),
    'population: mixed — MeSH: Humans and Animals': (174, 254),
    'population: unknown — a news item (PT: News) studies nobody': (22, 31),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (41, 41),
    'population: unknown — no MeSH check tags and no words for people or animals': (214, 327),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (42, 62),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (58, 76),
    'route: intravenous — MeSH: Injections, Intravenous': (40, 41),
    "route: intravenous — abstract: '…'": (118, 129),
    "route: intravenous — title: '…'": (30, 32),
    'route: oral — MeSH: Administration, Oral': (52, 53),
    "route: oral — abstract: '…'": (108, 147),
    "route: oral — title: '…'": (23, 38),
    "route: subcutaneous — abstract: '…'": (23, 33),
    'route: topical — MeSH: Administration, Topical': (30, 31),
    "route: topical — abstract: '…'": (21, 25),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
