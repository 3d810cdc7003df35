"""How well the classifier does on the labelled set of real records (tests/labelled/records.yml).

The table of precision and recall per label (tests/labelled_set.py) goes to
build/classifier-accuracy.md, to the test output (shown with -s or -rP) and to
docs/classification.md; the test fails when design, population or route accuracy falls below 85%.
"""

import pytest

from harvest import classify, vocabulary
from tests import labelled_set
from tests.conftest import ROOT
from tests.labelled_set import MULTI, accuracy, acceptable, misses, report, tally

REPORT = ROOT / "build" / "classifier-accuracy.md"
# The blind set (tests/test_classifier_blind_accuracy.py) gates the issue's goals; this older
# set, labelled by the rules' author, guards against a large regression.
THRESHOLD = 0.85
GATED = ("design", "population", "routes")


@pytest.fixture(scope="session")
def labelled():
    return labelled_set.load()


@pytest.fixture(scope="session")
def sample_records(labelled, sample_files):
    return labelled_set.records(labelled)


@pytest.fixture(scope="session")
def predictions(labelled, sample_records):
    return labelled_set.predictions(labelled, sample_records)


# ---------------------------------------------------------------- tests


def test_the_labelled_set_is_large_real_and_explained(labelled, sample_records):
    pmids = [entry["pmid"] for entry in labelled]
    assert len(pmids) >= 150 and len(set(pmids)) == len(pmids)
    assert set(pmids) <= set(sample_records), "every labelled record must be in the sample"
    for entry in labelled:
        assert {"design", "population", "routes", "conditions", "harms"} <= set(entry["why"]), entry["pmid"]
        if entry["retracted"] or entry["corrections"] or entry["ketamine_form"] != "unspecified":
            assert {"retracted", "corrections", "ketamine_form"} & set(entry["why"]), entry["pmid"]


def test_labels_are_values_the_classifier_can_give(labelled):
    known = {facet: set(vocabulary.FACETS[facet].values()) for facet in ("design", "population", "ketamine_form", *MULTI)}
    for entry in labelled:
        for facet in ("design", "population", "ketamine_form"):
            assert acceptable(entry, facet) <= known[facet], (entry["pmid"], facet)
        for facet in MULTI:
            assert set(entry[facet]) <= known[facet], (entry["pmid"], facet)


def test_accuracy_on_the_labelled_set(labelled, predictions):
    table = report(labelled, predictions)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(table + "\n## Misses\n\n" + misses(labelled, predictions), encoding="utf-8")
    print("\n" + table)
    low = {f: accuracy(labelled, predictions, f) for f in GATED if accuracy(labelled, predictions, f) < THRESHOLD}
    assert not low, f"accuracy below {THRESHOLD:.0%}: {low}\n{table}"


def test_scoring_counts_alternatives_and_misses():
    entries = [
        {"pmid": 1, "stratum": "x", "design": ["case-report", "observational"], "routes": ["oral"]},
        {"pmid": 2, "stratum": "x", "design": "rct", "routes": []},
    ]
    predicted = {1: {"design": "observational", "routes": ["oral", "topical"]}, 2: {"design": "review", "routes": []}}
    assert accuracy(entries, predicted, "design") == 0.5 and accuracy(entries, predicted, "routes") == 0.5
    design = tally(entries, predicted, "design")
    assert design["observational"] == [1, 0, 0] and design["review"] == [0, 1, 0] and design["rct"] == [0, 0, 1]
    assert tally(entries, predicted, "routes")["topical"] == [0, 1, 0]


# The issue's own examples, from the real sample.
DONE_WHEN = [
    (34092024, {"design": {"case-series", "case-report", "observational"}, "population": {"human"}},
     {"conditions": "chronic-pain", "routes": "sublingual-buccal"}),
    (33962333, {"design": {"meta-analysis"}}, {"routes": "neuraxial"}),
    (34062414, {}, {"conditions": "crps"}),
    (34092549, {"design": {"protocol"}}, {}),
    (34091932, {"population": {"animal"}}, {}),
    (34089140, {"design": {"review"}}, {"conditions": "headache-migraine"}),
]


@pytest.mark.parametrize("pmid, one_of, contains", DONE_WHEN)
def test_the_issues_examples(sample_records, pmid, one_of, contains):
    got = classify.classify(sample_records[pmid])
    for facet, allowed in one_of.items():
        assert got[facet] in allowed, (facet, got[facet], got["classification_reasons"])
    for facet, label in contains.items():
        assert label in got[facet], (facet, got[facet], got["classification_reasons"])
