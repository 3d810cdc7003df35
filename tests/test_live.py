"""Live harvests against the E-utilities stand-in: topics, resume, increments, faults."""

import datetime
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

import eutils_standin
from eutils_standin import FakeTime, fixture_record, load_sample
from harvest import eutils, live, load
from harvest.eutils import RATE, EUtils, RateLimiter
from tests.test_site import live_group_by, summaries

ROOT = Path(__file__).parent.parent
EMAIL = "catalogue-tests@example.org"
SECRET = "s3cr3t-api-key-0123456789"
FIELD_TAGS = {"mh", "tiab", "pt", "nm", "ta"}


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "catalogue.db"


@pytest.fixture
def sample(sample_files):
    return load_sample(*sample_files)


@pytest.fixture
def without_classification(monkeypatch):
    """Skip the classifier where only the harvest is under test: it costs 4 ms a record."""
    monkeypatch.setattr(load, "CLASSIFYING", False)


def client_for(standin, batch_size=100, **options):
    fake = FakeTime()
    limiter = RateLimiter(RATE, clock=fake.clock, sleep=fake.sleep)
    return EUtils(EMAIL, base_url=standin.base_url, limiter=limiter, sleep=fake.sleep,
                  batch_size=batch_size, timeout=(2, 5), **options)


def topics_file(tmp_path, queries):
    path = tmp_path / "topics.yml"
    topics = [{"name": n, "title": n.title(), "query": q} for n, q in queries.items()]
    path.write_text(yaml.safe_dump({"topics": topics}))
    return path


def serve(standin, pmids, query="q", xml=None):
    for pmid in pmids:
        standin.add(pmid, xml[pmid] if xml else fixture_record(pmid), query=query)


def harvest(standin, db_path, tmp_path=None, client=None, **kwargs):
    """One harvest in process; returns (outcomes, planned, db)."""
    db = load.open_db(db_path)
    topics = topics_file(tmp_path, kwargs.pop("topics")) if "topics" in kwargs else None
    outcomes, planned = live.harvest_pubmed(
        db, client=client or client_for(standin), topics_path=topics or live.TOPICS_PATH,
        **kwargs)
    return outcomes, planned, db


def pmids_in(db, table="articles"):
    return sorted(r[0] for r in db.execute(f"select pmid from {table}"))


# ---------------------------------------------------------------- topics.yml


def test_topics_cover_the_subjects_the_catalogue_promises():
    topics = live.load_topics()
    names = [t.name for t in topics]
    assert len(names) == len(set(names))
    for needed in ["chronic-pain", "reviews", "crps", "fibromyalgia",
                   "opioid-induced-hyperalgesia", "neuropathic-pain", "headache",
                   "cancer-palliative", "oral-sublingual", "intranasal-topical",
                   "esketamine", "harms"]:
        assert needed in names
    text = " ".join(t.query for t in topics).lower()
    for word in ["postherpetic", "diabetic neuropathies", "phantom limb", "spinal cord injur",
                 "cluster headache", "palliative", "troche", "lozenge", "sublingual", "buccal",
                 "intranasal", "topical", "cystitis", "hepatotoxicity", "dependence",
                 "psychotomimetic", "tumor", "tumour"]:
        assert word in text, word


@pytest.mark.parametrize("topic", live.load_topics(), ids=lambda t: t.name)
def test_each_query_is_well_formed_mesh_plus_free_text(topic):
    query = topic.query
    assert "[mh]" in query or "[nm]" in query
    assert "[tiab]" in query
    depth = 0
    for char in re.sub(r'"[^"]*"', "", query):
        depth += {"(": 1, ")": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0 and query.count('"') % 2 == 0
    assert set(re.findall(r"\[([^\]]+)\]", query)) <= FIELD_TAGS
    # PubMed reads operators left to right: never mix AND and OR at one level.
    for level in _levels(query):
        assert not ({"AND", "OR"} <= set(re.findall(r"\b(AND|OR|NOT)\b", level))), level


def _levels(query):
    """The text of each bracket level with nested groups and phrases blanked out."""
    query = re.sub(r'"[^"]*"', '""', query)
    while True:
        inner = re.findall(r"\(([^()]*)\)", query)
        if not inner:
            return [query]
        yield from inner
        query = re.sub(r"\([^()]*\)", "X", query)


def test_every_query_is_documented_verbatim():
    docs = (ROOT / "docs" / "topics.md").read_text()
    for topic in live.load_topics():
        assert f"`{topic.name}`" in docs
        assert topic.query in docs, topic.name


# ---------------------------------------------------------------- harvests


def test_a_query_brings_every_record_exactly_once(standin, db_path, sample):
    real = sorted(sample)[:40] + sorted(sample)[-40:]
    serve(standin, real, xml=sample)
    serve(standin, range(900_001, 900_041))
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)
    assert pmids_in(db) == sorted(real + list(range(900_001, 900_041)))
    assert sorted(standin.asked_pmids()) == pmids_in(db)
    assert outcomes[0].new == 120 and outcomes[0].esearch_count == 120
    run = db["harvest_runs"].get(1)
    assert (run["source"], run["query"], run["status"]) == ("pubmed", "q", "complete")
    title = db["articles"].get(real[0])["title"]
    assert title and title in sample[real[0]].decode()


def test_topics_are_linked_and_shared_records_fetched_once(standin, db_path, tmp_path, without_classification):
    serve(standin, range(1, 301), query="alpha query")
    serve(standin, range(201, 401), query="beta query")
    outcomes, planned, db = harvest(standin, db_path, tmp_path,
                                    topics={"alpha": "alpha query", "beta": "beta query"})
    assert live.all_complete(outcomes, planned)
    assert sorted(standin.asked_pmids()) == list(range(1, 401))
    links = {(r["pmid"], r["topic"]) for r in db["article_topics"].rows}
    assert links == {(p, "alpha") for p in range(1, 301)} | {(p, "beta") for p in range(201, 401)}
    assert [r["name"] for r in db["topics"].rows] == ["alpha", "beta"]
    assert [r["topic"] for r in db["harvest_runs"].rows] == ["alpha", "beta"]


def test_named_topics_only(standin, db_path, tmp_path):
    serve(standin, range(1, 11), query="alpha query")
    serve(standin, range(11, 21), query="beta query")
    harvest(standin, db_path, tmp_path, topics={"alpha": "alpha query", "beta": "beta query"},
            names=["beta"])
    assert [s.params["term"] for s in standin.calls("esearch")] == ["beta query"]


def test_unknown_topic_is_refused(standin, db_path, tmp_path):
    with pytest.raises(live.LiveError, match="nosuch"):
        harvest(standin, db_path, tmp_path, topics={"alpha": "a"}, names=["nosuch"])


@pytest.mark.slow
def test_tens_of_thousands_come_back_through_the_cap(standin, db_path, without_classification):
    pmids = list(range(2_000_001, 2_012_001))
    serve(standin, pmids)
    outcomes, planned, db = harvest(standin, db_path, client=client_for(standin, 1000),
                                    query="q")
    assert live.all_complete(outcomes, planned)
    assert outcomes[0].esearch_count == 12_000
    assert pmids_in(db) == pmids
    assert sorted(standin.asked_pmids()) == pmids


def test_dropped_pmids_are_asked_for_again(standin, db_path):
    serve(standin, range(1, 51))
    standin.fault("drop", "efetch", drop=3)
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)
    asks = [c.params["id"].split(",") for c in standin.calls("efetch")]
    assert len(asks) == 2 and len(asks[1]) == 3
    assert pmids_in(db) == list(range(1, 51))


def test_pmids_that_never_come_back_leave_it_incomplete_until_the_next_run(standin, db_path, without_classification):
    serve(standin, range(1, 51))
    standin.fault("drop", "efetch", drop=2, times=live.FETCH_TRIES)
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert not live.all_complete(outcomes, planned)
    assert outcomes[0].status == "incomplete" and outcomes[0].pending == 2
    assert db["harvest_runs"].get(1)["status"] == "incomplete"
    assert "still to fetch" in live.summary(outcomes, planned)
    stored = pmids_in(db)
    assert len(stored) == 48
    # ESummary has them: no note that PubMed could not find them.
    assert len(standin.calls("esummary")) == 1 and pmids_in(db, "pubmed_not_found") == []
    before = len(standin.asked_pmids())
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)
    assert set(standin.asked_pmids()[before:]).isdisjoint(stored)
    assert pmids_in(db) == list(range(1, 51))


@pytest.mark.parametrize("kind", ["429", "500", "502", "503", "html", "empty", "truncated",
                                  "short", "reset", "error", "falsezero", "noids", "partial"])
def test_harvest_comes_back_whole_through_faults(standin, db_path, kind, without_classification):
    """A small cap makes a small harvest split its search, so every path meets the fault."""
    standin.cap = 50
    serve(standin, range(1, 251))
    standin.fault(kind, "esearch", after=2, times=2)  # hits the counts of the split
    efetch_kind = kind if kind in eutils_standin.TRANSIENT_BY_ENDPOINT["efetch"] else "drop"
    standin.fault(efetch_kind, "efetch", after=1, times=2)
    client = client_for(standin, 50, cap=50)
    outcomes, planned, db = harvest(standin, db_path, client=client, query="q")
    assert live.all_complete(outcomes, planned)
    assert pmids_in(db) == list(range(1, 251))
    assert all(f.times == 0 for f in standin.faults)
    assert [s.fault for s in standin.calls("esearch")][2:4] == [kind, kind]


def test_a_count_that_does_not_add_up_makes_the_run_incomplete(standin, db_path):
    serve(standin, range(1, 11))
    standin.count_offset = 1
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert outcomes[0].status == "incomplete"
    assert "counted 11 records but 10 came back" in outcomes[0].message


def test_a_dead_server_fails_the_run_and_stops_the_rest(standin, db_path, tmp_path):
    serve(standin, range(1, 11), query="alpha query")
    standin.fault("503", "esearch", times=100)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, client=client_for(
        standin, max_tries=2), topics={"alpha": "alpha query", "beta": "beta query"})
    assert [o.status for o in outcomes] == ["failed"] and planned == 2
    assert db["harvest_runs"].get(1)["status"] == "failed"
    assert "gave up after 2 tries" in db["harvest_runs"].get(1)["message"]


def test_a_failed_fetch_says_how_much_is_still_to_fetch(standin, db_path, without_classification):
    serve(standin, range(1, 31))
    standin.fault("503", "efetch", times=100)
    outcomes, planned, db = harvest(standin, db_path, client=client_for(standin, max_tries=2),
                                    query="q")
    assert (outcomes[0].status, outcomes[0].pending) == ("failed", 30)
    assert "30 still to fetch" in live.summary(outcomes, planned)
    assert "requests in a row failed" in outcomes[0].message
    # Halving a batch on a dead server stops after a few requests, not one per PMID.
    assert len(standin.calls("efetch")) <= eutils.FAILURES_IN_A_ROW * 3


# ---------------------------------------------------------------- faults that hit one batch


def test_an_error_in_an_id_list_efetch_does_not_end_the_harvest(standin, db_path, without_classification):
    """Issue 16: an <ERROR>Unable to obtain query #1</ERROR> for a POST of PMIDs ended the run."""
    serve(standin, range(1, 301))
    standin.fault("error", "efetch", after=1, times=3, message="Unable to obtain query #1")
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)
    assert pmids_in(db) == list(range(1, 301))


def test_a_record_that_breaks_every_request_is_isolated_and_the_rest_go_on(standin, db_path, without_classification):
    serve(standin, range(1, 301))
    standin.failing_ids = {150}
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert (outcomes[0].status, outcomes[0].pending) == ("incomplete", 1)
    assert pmids_in(db) == [p for p in range(1, 301) if p != 150]
    assert "1 still to fetch" in live.summary(outcomes, planned)
    alone = [c for c in standin.calls("efetch") if c.params["id"] == "150"]
    assert alone and all(c.fault == "error" for c in alone)
    assert len(standin.calls("efetch")) < 60  # halving, not one request per PMID
    standin.failing_ids = set()
    before = len(standin.asked_pmids())
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)
    assert standin.asked_pmids()[before:] == [150]


@pytest.mark.parametrize("unknown_ids", ["drop", "refuse"])
def test_pmids_efetch_does_not_know_never_stop_the_harvest(standin, db_path, unknown_ids, without_classification):
    """ESearch lists two PMIDs that EFetch answers with HTTP 400 "ID list is empty"."""
    serve(standin, range(1, 201))
    standin.ghosts = {150_001, 150_002}
    standin.queries["q"] |= standin.ghosts
    standin.unknown_ids = unknown_ids  # "refuse": one of them makes a whole batch a 400
    outcomes, planned, db = harvest(standin, db_path, client=client_for(standin, 150), query="q")
    assert pmids_in(db) == list(range(1, 201))
    assert (outcomes[0].status, outcomes[0].not_found, outcomes[0].pending) == ("incomplete", 2, 2)
    assert pmids_in(db, "pubmed_not_found") == [150_001, 150_002]
    assert standin.calls("esummary")  # asked, and answered "cannot find" or HTTP 400
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)  # an earlier harvest could not find them either
    assert outcomes[0].deleted == 0 and pmids_in(db) == list(range(1, 201))
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)


# ---------------------------------------------------------------- answers that may be false


def test_a_false_empty_answer_never_unlinks_or_deletes(standin, db_path, tmp_path, without_classification):
    """Issue 16: a topic of 57 records re-run while ESearch answers "No items found"."""
    serve(standin, range(1, 58), query="alpha query")
    topics = {"alpha": "alpha query"}
    harvest(standin, db_path, tmp_path, topics=topics)
    standin.fault("falsezero", "esearch", times=1000)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert not live.all_complete(outcomes, planned)
    assert (outcomes[0].unlinked, outcomes[0].deleted, outcomes[0].status) == (0, 0, "incomplete")
    assert "found 0 records, every time it was asked, for a query that found 57 before" in outcomes[0].message
    assert pmids_in(db, "article_topics") == list(range(1, 58)) == pmids_in(db)
    assert len(standin.calls("esearch")) > 1 + eutils.DROP_CHECKS * eutils.ZERO_CHECKS
    standin.faults.clear()
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert live.all_complete(outcomes, planned)
    assert pmids_in(db, "article_topics") == list(range(1, 58))
    assert db["pubmed_searches"].get("alpha")["drop_run"] is None


def test_a_drop_seen_by_two_harvests_is_believed(standin, db_path, tmp_path, without_classification):
    serve(standin, range(1, 58), query="alpha query")
    topics = {"alpha": "alpha query"}
    harvest(standin, db_path, tmp_path, topics=topics)
    for pmid in range(11, 58):
        standin.queries["alpha query"].discard(pmid)  # the query now finds 10 of them
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert (outcomes[0].status, outcomes[0].unlinked) == ("incomplete", 0)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert live.all_complete(outcomes, planned)
    assert outcomes[0].unlinked == 47 and pmids_in(db, "article_topics") == list(range(1, 11))
    assert pmids_in(db) == list(range(1, 58))  # unlinked, never deleted


def test_esummary_saying_not_found_once_deletes_nothing(standin, db_path, tmp_path, without_classification):
    serve(standin, range(1, 21), query="alpha query")
    topics = {"alpha": "alpha query"}
    harvest(standin, db_path, tmp_path, topics=topics)
    standin.queries["alpha query"].discard(5)  # vanished: fetched again to see whether it was deleted
    standin.fault("drop", "efetch", times=live.FETCH_TRIES)
    standin.fault("nosummary", "esummary")
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert (outcomes[0].deleted, outcomes[0].not_found) == (0, 1)
    assert 5 in pmids_in(db) and 5 in pmids_in(db, "pubmed_not_found")
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert live.all_complete(outcomes, planned)  # EFetch sends it again: not deleted after all
    assert 5 in pmids_in(db) and pmids_in(db, "pubmed_not_found") == []
    assert 5 not in pmids_in(db, "deleted_articles")


def test_one_harvest_of_two_topics_is_not_two_harvests(standin, db_path, tmp_path, without_classification):
    """A record both topics find, deleted: the second topic's look is not a second harvest."""
    serve(standin, range(1, 21), query="alpha query")
    serve(standin, range(1, 21), query="beta query")
    topics = {"alpha": "alpha query", "beta": "beta query"}
    harvest(standin, db_path, tmp_path, topics=topics)
    standin.delete(5)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert [o.deleted for o in outcomes] == [0, 0] and 5 in pmids_in(db)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert sum(o.deleted for o in outcomes) == 1 and 5 not in pmids_in(db)
    assert live.all_complete(outcomes, planned)


def test_warnings_are_counted_and_shown(standin, db_path, tmp_path, without_classification):
    query = 'ketamine AND "pain relef"'
    standin.unfound_phrases = {"pain relef"}
    serve(standin, range(1, 11), query=query)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics={"alpha": query})
    assert live.all_complete(outcomes, planned)  # a topic's query is harvested, with a warning
    assert outcomes[0].warnings == [("quoted phrase not found", '"pain relef"')]
    assert '1 ESearch warning(s): quoted phrase not found: "pain relef"' in live.summary(outcomes, planned)


def test_an_ad_hoc_query_with_a_phrase_pubmed_did_not_find_is_refused(standin, db_path, without_classification):
    query = "ketamine AND pain relef"
    standin.unfound_phrases = {"pain relef"}
    serve(standin, range(1, 11), query=query)
    with pytest.raises(live.LiveError, match="PubMed did not find 'pain relef' of --query"):
        harvest(standin, db_path, query=query)
    assert standin.calls("efetch") == [] and len(standin.calls("esearch")) == 1
    outcomes, planned, db = harvest(standin, db_path, query=query, accept_phrases_not_found=True)
    assert live.all_complete(outcomes, planned) and pmids_in(db) == list(range(1, 11))


# ---------------------------------------------------------------- atomic, resumable


def test_a_crash_inside_a_batch_leaves_nothing_of_it(standin, db_path, monkeypatch, without_classification):
    serve(standin, range(1, 301))
    calls = []
    real = live.mark_done

    def crash_on_second_batch(db, search, pmids):
        calls.append(1)
        real(db, search, pmids)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")

    monkeypatch.setattr(live, "mark_done", crash_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        harvest(standin, db_path, query="q")
    db = sqlite_utils.Database(db_path)
    assert pmids_in(db) == list(range(1, 101))
    assert pmids_in(db, "raw_records") == list(range(1, 101))
    assert db.execute("select count(*) from pubmed_pending where done = 0").fetchone()[0] == 200
    monkeypatch.setattr(live, "mark_done", real)
    before = len(standin.asked_pmids())
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)
    assert sorted(standin.asked_pmids()[before:]) == list(range(101, 301))


def test_a_batch_is_parsed_whole_before_anything_is_saved(standin, db_path, monkeypatch, without_classification):
    serve(standin, range(1, 101))
    saved = []
    real = load.save_records
    monkeypatch.setattr(load, "save_records",
                        lambda db, records, run_id: saved.append(len(records)) or real(db, records, run_id))
    standin.fault("drop", "efetch", drop=40)
    harvest(standin, db_path, query="q")
    # One save per batch, holding the re-asked PMIDs too.
    assert saved == [100]


def test_killed_harvests_resume_without_refetching(standin, db_path):
    """Real processes, real rate limit: kill -9 part-way, several times, then finish."""
    pmids = list(range(5_000_001, 5_001_501))
    serve(standin, pmids)
    standin.rate_limit = (3, 10)
    rng, runs, kills = random.Random(), [], 0
    while True:
        stored = set(pmids_in(sqlite_utils.Database(db_path))) if db_path.exists() else set()
        first = len(standin.seen)
        process = _start_harvest(standin, db_path)
        if kills < 3 and _kill_part_way(process, standin, first, rng):
            kills += 1
        output = process.communicate(timeout=60)[0]
        runs.append((stored, standin.seen[first:], process.returncode, output))
        if process.returncode == 0:
            break
        assert len(runs) < 8, output
    assert kills >= 2
    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert pmids_in(db) == pmids
    for stored, seen, _, _ in runs:
        # A request cut off by the kill may arrive without its form body.
        asked = {int(p) for s in seen if s.endpoint == "efetch"
                 for p in s.params.get("id", "").split(",") if p}
        assert asked.isdisjoint(stored)
    assert all(s.status != 429 for s in standin.seen)
    assert SECRET.encode() not in db_path.read_bytes()
    assert all(SECRET not in r[3] for r in runs)


HARVEST_SCRIPT = """
import sys
from harvest import live, load
load.CLASSIFYING = False  # the classifier is not under test and costs 4 ms a record
client = live.EUtils.from_env(batch_size=int(sys.argv[3]))
outcomes, planned = live.harvest_pubmed(load.open_db(sys.argv[1]), query=sys.argv[2], client=client)
print(live.summary(outcomes, planned))
sys.exit(0 if live.all_complete(outcomes, planned) else 1)
"""


def _start_harvest(standin, db_path):
    env = {**os.environ, "NCBI_EMAIL": EMAIL, "NCBI_API_KEY": SECRET, "CI": "1",
           "EUTILS_BASE_URL": standin.base_url}
    return subprocess.Popen([sys.executable, "-c", HARVEST_SCRIPT, str(db_path), "q", "100"],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def _kill_part_way(process, standin, first, rng):
    """SIGKILL the harvest after a few EFetch requests; False if it finished first."""
    target = rng.randint(1, 5)
    while process.poll() is None:
        fetches = sum(1 for s in standin.seen[first:] if s.endpoint == "efetch")
        if fetches >= target:
            time.sleep(rng.uniform(0, 0.15))
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.01)
    return False


# ---------------------------------------------------------------- incremental


def test_a_rerun_with_nothing_new_only_searches(standin, db_path, without_classification):
    serve(standin, range(1, 101))
    harvest(standin, db_path, query="q")
    before = len(standin.seen)
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)
    sent = standin.seen[before:]
    assert [s.endpoint for s in sent] == ["esearch"] * (2 + eutils.ZERO_CHECKS)
    assert sent[0].params["retmax"] == "0"  # the ad-hoc query's phrases checked first
    # No record was revised: "No items found" is believed when said ZERO_CHECKS times.
    changed = standin.seen[-1].params
    assert changed["datetype"] == "mdat" and re.fullmatch(r"\d{4}/\d\d/\d\d", changed["mindate"])


def test_a_rerun_fetches_new_and_revised_records_and_drops_deleted_ones(standin, db_path, tmp_path, without_classification):
    serve(standin, range(1, 101), query="alpha query")
    topics = {"alpha": "alpha query"}
    harvest(standin, db_path, tmp_path, topics=topics)
    today = time.strftime("%Y/%m/%d")
    standin.add(500, fixture_record(500, created=(2030, 1, 2)), query="alpha query")
    standin.add(7, fixture_record(7, title="Revised title of record 7."), mdat=today)
    standin.delete(9)
    before = len(standin.asked_pmids())
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    # 9 is gone from PubMed: EFetch leaves it out, then answers "ID list is empty" for it
    # alone, and ESummary cannot find it. Kept, marked, until a later harvest agrees.
    assert sorted(standin.asked_pmids()[before:]) == [7, 9, 9, 500]
    assert [s.params["id"] for s in standin.calls("esummary")] == ["9"]
    assert (outcomes[0].status, outcomes[0].not_found, outcomes[0].pending) == ("incomplete", 1, 1)
    assert "not found in PubMed: kept" in outcomes[0].message
    assert db["articles"].get(7)["title"] == "Revised title of record 7."
    assert pmids_in(db) == list(range(1, 101)) + [500]
    assert db["pubmed_not_found"].get(9)["since"] == datetime.date.today().isoformat()
    assert 9 not in pmids_in(db, "deleted_articles") and outcomes[0].deleted == 0
    assert 9 not in pmids_in(db, "article_topics")  # the query no longer finds it
    assert (outcomes[0].new, outcomes[0].updated) == (1, 1)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert live.all_complete(outcomes, planned)
    assert pmids_in(db) == [p for p in range(1, 101) if p != 9] + [500]
    assert 9 in pmids_in(db, "deleted_articles") and outcomes[0].deleted == 1
    assert summaries(db_path) == live_group_by(db_path)  # the facets of an unfiltered page


def test_a_revision_search_that_comes_back_short_is_searched_again(standin, db_path, without_classification):
    serve(standin, range(1, 31))
    harvest(standin, db_path, query="q")
    # The last complete run began ten days ago; record 7 was revised five days ago.
    days_ago = lambda n: datetime.datetime.now() - datetime.timedelta(days=n)
    sqlite_utils.Database(db_path)["pubmed_searches"].update(
        "query:q", {"last_complete": days_ago(10).isoformat(timespec="seconds")})
    for pmid in (7, 8):
        standin.add(pmid, fixture_record(pmid, title=f"Revised title of record {pmid}."),
                    mdat=days_ago(5).strftime("%Y/%m/%d"))
    # After the phrase check and the search itself, the revision search loses an ID per page.
    standin.fault("fewids", "esearch", after=2, times=2)
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert outcomes[0].status == "incomplete"
    assert "2 revised records but 1 came back" in outcomes[0].message
    assert db["harvest_runs"].get(2)["status"] == "incomplete"
    outcomes, planned, db = harvest(standin, db_path, query="q")
    assert live.all_complete(outcomes, planned)
    assert db["articles"].get(7)["title"] == "Revised title of record 7."


def test_a_record_that_leaves_a_topic_is_unlinked_not_deleted(standin, db_path, tmp_path):
    serve(standin, range(1, 21), query="alpha query")
    topics = {"alpha": "alpha query"}
    harvest(standin, db_path, tmp_path, topics=topics)
    standin.queries["alpha query"].discard(5)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert 5 in pmids_in(db)
    assert 5 not in pmids_in(db, "article_topics")
    assert outcomes[0].unlinked == 1 and outcomes[0].deleted == 0


def test_a_vanished_record_that_cannot_be_read_is_not_taken_for_deleted(standin, db_path, tmp_path, without_classification):
    serve(standin, range(1, 21), query="alpha query")
    topics = {"alpha": "alpha query"}
    harvest(standin, db_path, tmp_path, topics=topics)
    standin.queries["alpha query"].discard(5)
    # EFetch sends record 5, but with a byte that is not UTF-8: the parser rejects it.
    standin.records[5] = fixture_record(5, title="Caf\u00e9").replace("\u00e9".encode(), b"\xff")
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert 5 in pmids_in(db) and 5 not in pmids_in(db, "deleted_articles")
    assert (outcomes[0].status, outcomes[0].deleted, outcomes[0].pending) == ("incomplete", 0, 1)
    assert 5 not in pmids_in(db, "article_topics")  # it did leave the topic
    standin.records[5] = fixture_record(5)
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics=topics)
    assert live.all_complete(outcomes, planned)
    assert 5 in pmids_in(db) and outcomes[0].read == 1


def test_a_rewritten_query_starts_its_topic_afresh(standin, db_path, tmp_path):
    serve(standin, range(1, 21), query="old query")
    serve(standin, range(11, 31), query="new query")
    harvest(standin, db_path, tmp_path, topics={"alpha": "old query", "beta": "old query"})
    before = len(standin.asked_pmids())
    outcomes, planned, db = harvest(standin, db_path, tmp_path, topics={"alpha": "new query"})
    assert live.all_complete(outcomes, planned)
    assert sorted(set(standin.asked_pmids()[before:])) == list(range(1, 11)) + list(range(21, 31))
    assert pmids_in(db, "article_topics") == list(range(11, 31))
    assert [r["name"] for r in db["topics"].rows] == ["alpha"]
    assert db["pubmed_searches"].get("alpha")["query"] == "new query"
    assert pmids_in(db) == list(range(1, 31))  # unlinked records stay in the catalogue


@pytest.mark.parametrize("since, refetched", [("2019/06/01", 30), ("2021/01/01", 0)])
def test_since_picks_the_revision_window(standin, db_path, since, refetched):
    serve(standin, range(1, 31))  # revised 2020/01/01
    harvest(standin, db_path, query="q")
    before = len(standin.asked_pmids())
    outcomes, planned, db = harvest(standin, db_path, query="q", since=since)
    assert len(standin.asked_pmids()) - before == refetched
    assert outcomes[0].unchanged == refetched
    assert standin.calls("esearch")[-1].params["mindate"] == since


def test_since_must_be_a_date(standin, db_path):
    with pytest.raises(live.LiveError, match="not a date"):
        harvest(standin, db_path, query="q", since="last week")


# ---------------------------------------------------------------- command line


def test_pubmed_command_reports_one_line_and_exit_status(standin, db_path, monkeypatch):
    from harvest.cli import cli

    serve(standin, range(1, 21))
    monkeypatch.setenv("NCBI_EMAIL", EMAIL)
    monkeypatch.setenv("NCBI_API_KEY", SECRET)
    monkeypatch.setenv("EUTILS_BASE_URL", standin.base_url)
    monkeypatch.setattr(live.EUtils, "from_env", classmethod(
        lambda cls, **kw: client_for(standin, api_key=SECRET)))
    runner = CliRunner()
    result = runner.invoke(cli, ["pubmed", "--query", "q", "--db", str(db_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("pubmed: 1 of 1 searches complete")
    assert result.output.count("\n") == 1
    standin.fault("503", "esearch", times=50)
    result = runner.invoke(cli, ["pubmed", "--query", "q", "--db", str(db_path), "--quiet"])
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert SECRET.encode() not in db_path.read_bytes()
    result = runner.invoke(cli, ["pubmed", "--topic", "nosuch", "--db", str(db_path)])
    assert result.exit_code == 1 and "unknown topic" in result.output


def test_a_query_with_a_phrase_pubmed_did_not_find_ends_in_one_line(standin, db_path, monkeypatch):
    from harvest.cli import cli

    query = 'ketamine AND "pain relef"'
    standin.unfound_phrases = {"pain relef"}
    serve(standin, range(1, 11), query=query)
    monkeypatch.setenv("NCBI_EMAIL", EMAIL)
    monkeypatch.setattr(live.EUtils, "from_env", classmethod(lambda cls, **kw: client_for(standin)))
    runner = CliRunner()
    command = ["pubmed", "--query", query, "--db", str(db_path), "--quiet"]
    result = runner.invoke(cli, command)
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith("""Error: PubMed did not find '"pain relef"' of --query""")
    assert "--accept-phrases-not-found" in result.output
    assert not db_path.exists() and standin.calls("efetch") == []
    result = runner.invoke(cli, command + ["--accept-phrases-not-found"])
    assert result.exit_code == 0, result.output
    assert """1 ESearch warning(s): quoted phrase not found: "pain relef\"""" in result.output
    assert pmids_in(sqlite_utils.Database(db_path)) == list(range(1, 11))


def test_ctrl_c_records_the_run_and_ends_in_one_line(standin, db_path, monkeypatch, without_classification):
    from harvest.cli import cli

    serve(standin, range(1, 301))
    monkeypatch.setenv("NCBI_EMAIL", EMAIL)
    monkeypatch.setattr(live.EUtils, "from_env", classmethod(lambda cls, **kw: client_for(standin)))
    real, calls = live.fetch_batch, []

    def interrupted_on_second_batch(client, pmids):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(client, pmids)

    monkeypatch.setattr(live, "fetch_batch", interrupted_on_second_batch)
    runner = CliRunner()
    result = runner.invoke(cli, ["pubmed", "--query", "q", "--db", str(db_path), "--quiet"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "interrupted" in result.output
    assert not db_path.exists()  # the catalogue is as it was: not there yet
    work = sqlite_utils.Database(f"{db_path}-building")
    run = work["harvest_runs"].get(1)
    assert (run["status"], run["read"]) == ("incomplete", 100)
    assert "interrupted" in run["message"]
    work.conn.close()
    monkeypatch.setattr(live, "fetch_batch", real)
    result = runner.invoke(cli, ["pubmed", "--query", "q", "--db", str(db_path), "--quiet"])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    assert pmids_in(db) == list(range(1, 301))
    assert [r["status"] for r in db["harvest_runs"].rows] == ["incomplete", "complete"]


def test_ping_says_whether_e_utilities_answer(standin, monkeypatch):
    from harvest.cli import cli

    monkeypatch.setenv("NCBI_EMAIL", EMAIL)
    monkeypatch.setenv("EUTILS_BASE_URL", standin.base_url)
    runner = CliRunner()
    assert runner.invoke(cli, ["ping"]).exit_code == 0
    assert [s.endpoint for s in standin.seen] == ["einfo"]
    standin.fault("503", "einfo", times=5)
    monkeypatch.setattr("harvest.eutils.time.sleep", lambda seconds: None)
    result = runner.invoke(cli, ["ping"])
    assert result.exit_code == 1 and "do not answer" in result.output
    monkeypatch.delenv("NCBI_EMAIL")
    result = runner.invoke(cli, ["ping"])
    # nothing was sent: the message names what to set, not a server that did not answer
    assert result.exit_code == 1 and "not asked: set NCBI_EMAIL" in result.output
    assert "do not answer" not in result.output and len(standin.seen) == 3


def test_progress_bar_only_when_asked(standin, db_path, capsys):
    serve(standin, range(1, 21))
    harvest(standin, db_path, query="q", progress=False)
    assert capsys.readouterr().err == ""
    serve(standin, range(21, 41))
    harvest(standin, db_path, query="q", progress=True)
    assert "records" in capsys.readouterr().err


@pytest.mark.live
def test_live_ncbi_answers_a_small_query(tmp_path):
    """Against the real NCBI; run with -m live and NCBI_EMAIL set."""
    if not os.environ.get("NCBI_EMAIL"):
        pytest.skip("NCBI_EMAIL is not set")
    db = load.open_db(tmp_path / "live.db")
    outcomes, planned = live.harvest_pubmed(
        db, query='"Ketamine"[mh] AND "Complex Regional Pain Syndromes"[mh] AND 2015[dp]')
    assert live.all_complete(outcomes, planned)
    assert outcomes[0].found == outcomes[0].esearch_count > 0
