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
    'design: case-report — PT: Case Reports': (565, 588),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (38, 39),
    "design: case-series — abstract: '…'": (52, 70),
    "design: case-series — title: '…'": (22, 24),
    'design: clinical-trial — PT: Clinical Trial': (164, 172),
    "design: clinical-trial — abstract: '…'": (24, 37),
    "design: clinical-trial — title: '…'": (25, 32),
    'design: letter-editorial — PT: Comment': (31, 32),
    'design: letter-editorial — PT: Editorial': (270, 270),
    'design: letter-editorial — PT: Letter': (326, 354),
    "design: meta-analysis — title: '…'": (59, 60),
    "design: observational — abstract: '…'": (452, 544),
    "design: observational — abstract: '…' (a study of its own, no design named)": (53, 94),
    "design: observational — title: '…'": (239, 297),
    'design: other — PT: Biography': (34, 35),
    'design: other — PT: Published Erratum': (22, 22),
    "design: other — abstract: '…'": (102, 107),
    'design: other — no study design named in the publication types, title or abstract': (2135, 2272),
    "design: other — title: '…'": (202, 212),
    'design: rct — PT: Randomized Controlled Trial': (119, 121),
    "design: rct — title: '…'": (24, 26),
    'design: review — MeSH: Humans': (17, 28),
    'design: review — PT: Review': (438, 446),
    "design: review — abstract: '…'": (29, 34),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (34, 58),
    "design: review — title: '…'": (25, 30),
    "design: systematic-review — title: '…'": (28, 30),
    'population: animal — MeSH: Animals, no Humans': (661, 692),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (28, 47),
    "population: animal — abstract: N word(s) for people, N for animals, and no study of people (abstract: '…')": (95, 119),
    "population: animal — journal: '…'": (24, 30),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (116, 130),
    'population: human — MeSH: Humans, no Animals': (1986, 2045),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (543, 575),
    'population: human — abstract: N word(s) for people, N for animals (none)': (21, 22),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (62, 62),
    "population: human — no words for people or animals, but design observational (title: '…')": (19, 22),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (214, 254),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (63, 82),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (80, 81),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (30, 32),
    'population: human — title: N word(s) for people, N for animals (none)': (30, 30),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (413, 427),
    'population: in-vitro — MeSH: Cells, Cultured, and no people or living animals studied': (18, 20),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (27, 27),
    'population: in-vitro — MeSH: Immunodiffusion, and no people or living animals studied': (17, 20),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (20, 27),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (171, 211),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (26, 34),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (20, 31),
    "population: in-vitro — title: '…', and no people or living animals studied": (210, 238),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (33, 40),
    'population: mixed — MeSH: Humans and Animals': (106, 153),
    'population: unknown — a notice (PT: Published Erratum) studies nobody': (22, 22),
    'population: unknown — no MeSH check tags and no words for people or animals': (138, 201),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (27, 34),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (31, 40),
    'route: intravenous — MeSH: Injections, Intravenous': (28, 29),
    "route: intravenous — abstract: '…'": (68, 76),
    'route: oral — MeSH: Administration, Oral': (29, 30),
    "route: oral — abstract: '…'": (67, 81),
    "route: oral — title: '…'": (12, 21),
    "route: subcutaneous — abstract: '…'": (13, 20),
    'route: topical — MeSH: Administration, Topical': (24, 24),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
