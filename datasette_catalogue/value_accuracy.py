"""How often blind readers gave the value the extractor gives, for each kind of value (harvest.extract.value_kind),
so that the study at a glance can say how far each value may be trusted: a conclusion its authors label is nearly
always the readers' too, the sentence taken for the main finding of an abstract that labels none far less often.

Measured on the tuning half of the blind set (tests/labelled/blind), the records the patterns were written from:
there they do better than on records they never saw (the about page's held-out table). Written by `make docs`
(docs/generated.py: value_accuracy); tests/test_docs.py fails when it is stale.
"""

# [[[cog from docs.generated import value_accuracy; cog.out(value_accuracy()) ]]]
PATTERNS_VERSION = '2026.195'
AGREED = {
    'blinding: double': (163, 163),
    'blinding: open-label': (49, 51),
    'blinding: single': (24, 27),
    'comparators': (198, 302),
    'conclusion: labelled a conclusion by its authors': (2759, 2773),
    'conclusion: the sentence taken for the main finding; the abstract labels none': (1695, 2153),
    'follow_up_days': (1063, 1518),
    'placebo_controlled: no': (319, 399),
    'placebo_controlled: yes': (181, 191),
    'randomised: no': (26, 28),
    'randomised: yes': (502, 542),
    'registrations': (296, 296),
    'sample_size': (4690, 4917),
    'studies_included': (398, 418),
}
# [[[end]]]


def agreement(kind: str, patterns_version: str | None) -> tuple | None:
    """(agreed, given): of the blind-read records given a value of this kind, how many the readers gave alike.
    None when the figures were measured with other patterns or too few records had a value of the kind."""
    if patterns_version != PATTERNS_VERSION:
        return None
    return AGREED.get(kind)
