"""A bounded soak: real sample records harvested through the stand-in while one request
in ten meets a transient fault of a random kind (eutils_standin.TRANSIENT_BY_ENDPOINT).

Each run must complete by itself: every record stored once, nothing unlinked, nothing
deleted, nothing marked as not found. The cap is scaled down (9,999 -> 1,000) so that
the search is split into PMID ranges, and faults meet the counts of the split too.
"""

import collections

import pytest

from harvest import live, load
from tests.test_live import client_for, harvest, pmids_in

SEEDS = [1, 2, 3, 4, 5, 6]
RATE = 0.10
CAP = 1000
# From each sample file: its oldest PMIDs and its newest, 1,500 + 1,500 real records.
PER_END = 1500


@pytest.fixture(scope="module")
def soak_records(sample_files):
    from eutils_standin import load_sample

    sample = load_sample(*sample_files)
    pmids = sorted(sample)
    return {p: sample[p] for p in pmids[:PER_END] + pmids[-PER_END:]}


@pytest.fixture
def without_classification(monkeypatch):
    monkeypatch.setattr(load, "CLASSIFYING", False)


@pytest.mark.parametrize("seed", SEEDS)
def test_harvests_through_mixed_faults_complete_with_every_record_once(
        standin, tmp_path, soak_records, seed, without_classification):
    standin.records = dict(soak_records)
    standin.queries["soak query"] = set(soak_records)
    standin.cap = standin.history_cap = CAP
    standin.random_faults(RATE, seed)
    topics = {"soak": "soak query"}
    everything = sorted(soak_records)
    db_path = tmp_path / "catalogue.db"
    for run in (1, 2):  # a first harvest, then a re-run through the same faults
        client = client_for(standin, 100, cap=CAP)
        outcomes, planned, db = harvest(standin, db_path, tmp_path, client=client, topics=topics)
        assert live.all_complete(outcomes, planned), live.summary(outcomes, planned)
        assert pmids_in(db) == everything == pmids_in(db, "raw_records")
        assert pmids_in(db, "article_topics") == everything
        assert (outcomes[0].deleted, outcomes[0].unlinked, outcomes[0].not_found) == (0, 0, 0)
        assert pmids_in(db, "deleted_articles") == [] == pmids_in(db, "pubmed_not_found")
        assert outcomes[0].new == (len(everything) if run == 1 else 0)
    met = collections.Counter(s.fault for s in standin.seen if s.fault)
    assert sum(met.values()) >= RATE / 2 * len(standin.seen), met
    assert len(met) >= 5, met  # many kinds, not one
