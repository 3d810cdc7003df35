"""How well the classifier does on the held-out half of the blind labelled set (tests/labelled/blind/).

The table goes to build/classifier-blind-accuracy.md and to the test output (-s or -rP). Rules are
tuned on the other half only (`python -m tests.tune_classify` lists its disagreements); this file
reports the held-out half as a whole, never record by record.
"""

import pytest

from harvest import classify
from tests import blind, classification_scores as scores
from tests.conftest import ROOT

REPORT = ROOT / "build" / "classifier-blind-accuracy.md"


@pytest.fixture(scope="module")
def labelled():
    return blind.load("classify")


@pytest.fixture(scope="module")
def predictions(labelled, sample_files):
    records = blind.records("classify")
    return {e["pmid"]: scores.predict(records[e["pmid"]]) for e in labelled}


def test_the_blind_set_is_real_split_and_labelled(labelled, sample_files):
    records = blind.records("classify")
    assert len(labelled) >= 300 and {e["pmid"] for e in labelled} == set(records)
    heldout, tuning = blind.half(labelled, "heldout"), blind.half(labelled, "tuning")
    assert min(len(heldout), len(tuning)) >= 150
    assert sum(e["stratum"] == "ketamine" for e in labelled) >= 40


def test_held_out_accuracy(labelled, predictions):
    heldout, tuning = blind.half(labelled, "heldout"), blind.half(labelled, "tuning")
    table = (f"Rules version {classify.RULES_VERSION}. Produced by `.venv/bin/pytest tests/test_classifier_blind_accuracy.py -rP`.\n\n"
             + scores.report_beside(heldout, tuning, predictions))
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(table, encoding="utf-8")
    print("\n" + table)
    missed = scores.shortfalls(heldout, predictions)
    assert not missed, f"held-out goals missed: {missed}\n{table}"
