"""How well the extractor reads the held-out half of the blind labelled set (tests/labelled/blind/).

The table goes to build/extraction-accuracy.md and to the test output (-s or -rP). Patterns are
tuned on the other half only (`python -m tests.tune_extract` lists its disagreements); this file
reports the held-out half as a whole, never record by record.
"""

from tests import blind, extraction_scores as scores
from tests.conftest import ROOT

# Held-out figures this code must not fall below (a regression guard; the goals are reported beside
# them, and a goal met is held: see scores.GOALS).
FLOORS = {"sample size exact (records that state one)": 0.60, "design signals agree": 0.88,
          "conclusion agrees": 0.82, "registry ids in text: precision": 0.95, "registry ids in text: recall": 0.90}
MOST_WRONG_FLOOR = 0.25  # sample sizes given that are wrong, at most
REPORT = ROOT / "build" / "extraction-accuracy.md"


labelled, predictions = blind.set_fixtures("extract")


def test_the_blind_set_is_real_split_and_labelled(labelled, sample_files):
    records = blind.records("extract")
    assert len(labelled) >= 200 and {e["pmid"] for e in labelled} == set(records)
    halves = {name: blind.half(labelled, name) for name in ("tuning", "heldout")}
    assert min(len(h) for h in halves.values()) >= 100
    assert not {e["pmid"] for e in halves["tuning"]} & {e["pmid"] for e in halves["heldout"]}
    for entry in labelled:  # every unsure read was read again, but for the tuning-only records
        allowed = ("sure", "agreed", "disputed") + (("unsure",) if entry["stratum"].startswith("tuning-only") else ())
        assert entry["conclusion"]["status"] in allowed


def test_held_out_accuracy(labelled, predictions):
    table, share, below = blind.held_out("extract", labelled, predictions, FLOORS, REPORT)
    if share.get("sample sizes given that are wrong", 0) > MOST_WRONG_FLOOR:
        below["sample sizes given that are wrong"] = share["sample sizes given that are wrong"]
    assert not below, f"held-out figures fell below their floors: {below}\n{table}"


def test_scoring_accepts_alternatives_and_counts_abstentions():
    label = {"value": 60, "accept": [60, 56], "status": "sure"}
    assert blind.accepted(label, 56) and not blind.accepted(label, 58)
    entries = [{"pmid": 1, "sample_size": label}, {"pmid": 2, "sample_size": {"value": None, "accept": [None],
                                                                               "status": "sure"}}]
    for field in scores.FIELDS_SCORED:
        empty = [] if field in ("registrations", "comparators", "ketamine_doses") else None
        for e in entries:
            e.setdefault(field, {"value": empty, "accept": [empty], "status": "sure"})
    got = {1: {**scores.EMPTY, "sample_size": None}, 2: {**scores.EMPTY, "sample_size": 12}}
    rows = scores.counts(entries, got)
    assert rows["sample size exact (records that state one)"] == (0, 1)  # an abstention is not exact
    assert rows["sample sizes given that are wrong"] == (1, 1)  # an answer where none is stated is wrong
    assert blind.wilson(9, 10)[0] < 0.9 < blind.wilson(9, 10)[1]


def test_one_registration_written_as_an_id_a_doi_or_an_address_is_one_id():
    # readers copy a registration as the text writes it: an OSF page's address is the id the extractor gives
    assert blind.same_registration("https://osf.io/pxjrv/", "osf.io/pxjrv")
    assert blind.same_registration("https://doi.org/10.17605/OSF.IO/EHJ6X", "osf.io/ehj6x")
    assert blind.same_registration("NCT#01234567", "NCT01234567")
    assert not blind.same_registration("osf.io/pxjrv", "osf.io/pxjrw")
