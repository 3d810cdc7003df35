"""How often blind readers gave the design, population, condition or route the classifier gives for each kind
of reason (harvest.classify.reason_kind), so that the article page can say how far each label may be trusted.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the rules were written
from: there the rules do better than on records they never saw (the about page's held-out table). Written
by `make docs` (docs/generated.py: reason_accuracy); tests/test_docs.py fails when it is stale.
"""

from harvest.classify import reason_kind

# [[[cog from docs.generated import reason_accuracy; cog.out(reason_accuracy()) ]]]
RULES_VERSION = '2024.40'
AGREED = {
    'design: case-report — PT: Case Reports': (460, 477),
    "design: case-report — abstract: '…'": (25, 34),
    "design: case-report — title: '…'": (33, 33),
    "design: case-series — abstract: '…'": (40, 56),
    'design: clinical-trial — PT: Clinical Trial': (134, 139),
    "design: clinical-trial — abstract: '…'": (15, 27),
    "design: clinical-trial — title: '…'": (18, 25),
    'design: letter-editorial — PT: Comment': (25, 26),
    'design: letter-editorial — PT: Editorial': (233, 233),
    'design: letter-editorial — PT: Letter': (265, 293),
    "design: meta-analysis — title: '…'": (47, 48),
    "design: observational — abstract: '…'": (365, 438),
    "design: observational — abstract: '…' (a study of its own, no design named)": (43, 77),
    "design: observational — title: '…'": (182, 225),
    'design: other — PT: Biography': (27, 28),
    "design: other — abstract: '…'": (45, 47),
    'design: other — no study design named in the publication types, title or abstract': (1760, 1871),
    "design: other — title: '…'": (159, 169),
    'design: rct — PT: Randomized Controlled Trial': (102, 103),
    'design: review — MeSH: Humans': (15, 24),
    'design: review — PT: Review': (351, 358),
    "design: review — abstract: '…'": (25, 30),
    'design: review — abstract: reports no study of its own (nobody counted, nothing measured or compared)': (29, 53),
    "design: review — title: '…'": (19, 23),
    "design: systematic-review — title: '…'": (21, 22),
    'population: animal — MeSH: Animals, no Humans': (545, 583),
    'population: animal — MeSH: Humans and Animals, but the text names no people studied': (24, 44),
    "population: animal — abstract: N word(s) for people, N for animals (abstract: '…')": (70, 83),
    "population: animal — journal: '…'": (20, 22),
    "population: animal — title: N word(s) for people, N for animals (title: '…')": (85, 99),
    'population: human — MeSH: Humans, no Animals': (1594, 1649),
    "population: human — abstract: N word(s) for people, N for animals (abstract: '…')": (447, 477),
    'population: human — no words for people or animals, but design case-report (PT: Case Reports)': (51, 51),
    "population: human — no words for people or animals, but it speaks of clinical medicine (journal: '…')": (184, 217),
    "population: human — no words for people or animals, but it speaks of clinical medicine (title: '…')": (49, 63),
    "population: human — title: N word(s) for people, N for animals (abstract: '…')": (70, 71),
    "population: human — title: N word(s) for people, N for animals (keywords: '…')": (24, 26),
    'population: human — title: N word(s) for people, N for animals (none)': (24, 24),
    "population: human — title: N word(s) for people, N for animals (title: '…')": (331, 345),
    'population: in-vitro — MeSH: Escherichia coli, and no people or living animals studied': (24, 24),
    'population: in-vitro — MeSH: In Vitro Techniques, and no people or living animals studied': (19, 23),
    "population: in-vitro — abstract: '…', and no people or living animals studied": (140, 171),
    "population: in-vitro — abstract: '…': N laboratory word(s) to N for people, and no living animals studied": (18, 24),
    "population: in-vitro — keywords: '…', and no people or living animals studied": (17, 26),
    "population: in-vitro — title: '…', and no people or living animals studied": (189, 216),
    "population: in-vitro — title: '…': N laboratory word(s) to N for people, and no living animals studied": (27, 31),
    'population: mixed — MeSH: Humans and Animals': (82, 124),
    'population: unknown — no MeSH check tags and no words for people or animals': (106, 160),
    "population: unknown — plants or a field site (abstract: '…'), and no people or animals studied": (27, 37),
    "population: unknown — plants or a field site (title: '…'), and no people or animals studied": (27, 35),
    'route: intravenous — MeSH: Injections, Intravenous': (23, 24),
    "route: intravenous — abstract: '…'": (56, 61),
    'route: oral — MeSH: Administration, Oral': (25, 26),
    "route: oral — abstract: '…'": (48, 58),
    'route: topical — MeSH: Administration, Topical': (20, 20),
}
# [[[end]]]


def agreement(reason: str, rules_version: str | None) -> tuple | None:
    """(agreed, read): of the blind-read records given a label for this kind of reason, how many the readers
    labelled alike. None when the figures were measured with other rules or too few records had the reason."""
    if rules_version != RULES_VERSION:
        return None
    return AGREED.get(reason_kind(reason))
