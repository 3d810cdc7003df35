"""The live harvest at full size, through faults: the check issue 16 is done by.

The E-utilities stand-in (tests/eutils_standin.py) serves the whole offline sample
(50,783 PMIDs) for one topic query; its history server holds only 9,999 PMIDs, and it
limits requests as NCBI does. `python -m harvest pubmed` runs against it, as a user
runs it, in a process of its own (only the topics file is the bench's):

1. one harvest with RATE of the requests meeting a random transient fault of every
   kind the stand-in has (5xx, 429, HTML pages, empty, cut-off and reset answers,
   <ERROR> bodies on ESearch, EFetch and ESummary, false "No items found", Counts
   without IDs, records left out): it must exit 0 with every record stored once;
2. re-runs through false empty answers: ESearch answering "No items found" to
   everything; then (with --since, so that every record is fetched again) EFetch
   leaving records out and ESummary saying it cannot find them: nothing may be
   deleted or unlinked; a clean re-run afterwards clears the marks;
3. a harvest through the same faults killed with SIGKILL twice part-way, then run
   to its end: it must exit 0 with every record once, never asking again for a
   record it had stored.

Opt-in, not part of `make test` (about ten minutes on 2 cores):
    .venv/bin/python bench/harvest_faults.py [--rate 0.05] [--seed 16] [--keep DIR]
"""

import argparse
import collections
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from eutils_standin import StandIn, load_sample  # noqa: E402
from harvest import safety  # noqa: E402
from tests.conftest import SAMPLE_FILES  # noqa: E402

TOPIC, QUERY = "everything", "the whole offline sample"
EMAIL = "bench@example.org"
KEY = "bench-api-key-0123456789"  # the stand-in's; 10 requests a second, as with a real key
# Runs the command line with the bench's topics file in place of harvest/topics.yml.
LAUNCH = """
import sys
from harvest import live
from harvest.cli import cli
topics, original = sys.argv.pop(1), live.load_topics
live.load_topics = lambda path=None: original(topics)
cli(sys.argv[1:], prog_name="harvest")
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=0.05, help="share of requests meeting a fault")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="harvest-faults-"))
    folder.mkdir(parents=True, exist_ok=True)
    topics = folder / "topics.yml"
    topics.write_text(f"topics:\n  - name: {TOPIC}\n    title: Everything\n    query: {QUERY}\n")
    sample = load_sample(*map(str, SAMPLE_FILES))
    standin = StandIn(records=sample, queries={QUERY: set(sample)})
    standin.rate_limit = (3, 10)
    standin.start()
    try:
        report = {"records": len(sample), "rate": args.rate, "seed": args.seed}
        report["first"] = first_harvest(standin, folder, topics, args)
        report["false_empty"] = false_empty_reruns(standin, folder, topics)
        report["killed"] = killed_and_resumed(standin, folder, topics, args)
    finally:
        standin.stop()
    print(json.dumps(report, indent=2))
    (folder / "report.json").write_text(json.dumps(report, indent=2))
    failed = [name for name, part in report.items() if isinstance(part, dict) and not part["pass"]]
    print(f"\n{'FAIL: ' + ', '.join(failed) if failed else 'PASS'} (work in {folder})", file=sys.stderr)
    sys.exit(1 if failed else 0)


def first_harvest(standin, folder, topics, args) -> dict:
    standin.random_faults(args.rate, args.seed)
    db = folder / "catalogue.db"
    run, _ = harvest(standin, db, topics)
    state = catalogue(db)
    run.update(state)
    run["pass"] = (run["exit"] == 0 and state["articles"] == state["distinct"] == len(standin.records)
                   == state["linked"] and set(run["faults"]) >= {"error", "falsezero", "drop"})
    return run


def false_empty_reruns(standin, folder, topics) -> dict:
    standin.random_faults(0, 0)
    db = folder / "catalogue.db"
    before = catalogue(db)
    standin.fault("falsezero", "esearch", times=10**6)
    zero, _ = harvest(standin, db, topics)
    standin.faults.clear()
    standin.fault("drop", "efetch", times=10**6, drop=3)  # each answer leaves out 3 records
    standin.fault("nosummary", "esummary", times=10**6)
    left_out, _ = harvest(standin, db, topics, "--since", "1900/01/01")
    marked = catalogue(db)
    standin.faults.clear()
    clean, _ = harvest(standin, db, topics)
    after = catalogue(db)
    unchanged = all(state["articles"] == state["linked"] == before["articles"] and not state["deleted"]
                    for state in (marked, after))
    return {"zero": zero, "left_out": left_out, "marked": marked, "clean": clean, "after": after,
            "pass": unchanged and zero["exit"] == 1 and left_out["exit"] == 1 and clean["exit"] == 0
            and marked["not_found"] > 0 and after["not_found"] == 0}


def killed_and_resumed(standin, folder, topics, args) -> dict:
    standin.random_faults(args.rate, args.seed + 1)
    db = folder / "resumed.db"
    runs, asked_again = [], 0
    for kill_after in (60, 60, None):  # EFetch requests into each run
        stored = stored_pmids(db)
        run, asked = harvest(standin, db, topics, kill_after=kill_after)
        asked_again += len(stored & asked)
        runs.append({**run, "stored_before": len(stored)})
    state = catalogue(db)
    return {"runs": runs, **state, "asked_again": asked_again,
            "pass": [r["exit"] for r in runs] == [-signal.SIGKILL, -signal.SIGKILL, 0]
            and asked_again == 0 and state["articles"] == state["distinct"] == len(standin.records)}


def harvest(standin, db, topics, *options, kill_after=None) -> dict:
    """One `harvest pubmed` in a process of its own; what it asked for and how it ended."""
    env = {**os.environ, "NCBI_EMAIL": EMAIL, "NCBI_API_KEY": KEY, "CI": "1",
           "EUTILS_BASE_URL": standin.base_url}
    command = [sys.executable, "-c", LAUNCH, str(topics), "pubmed", "--topic", TOPIC,
               "--db", str(db), "--quiet", *options]
    first, started = len(standin.seen), time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    if kill_after:
        while process.poll() is None and sum(s.endpoint == "efetch" for s in standin.seen[first:]) < kill_after:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    output = process.communicate()[0]
    seen = standin.seen[first:]
    lines = output.strip().splitlines()
    asked = {int(p) for s in seen if s.endpoint == "efetch" for p in s.params.get("id", "").split(",") if p}
    return {"exit": process.returncode, "seconds": round(time.monotonic() - started, 1),
            "requests": dict(collections.Counter(s.endpoint for s in seen)),
            "faults": dict(collections.Counter(s.fault for s in seen if s.fault)),
            "rate_limited": sum(s.status == 429 and s.fault == "rate" for s in seen),
            "summary": lines[-1] if lines else "", "lines_logged": len(lines[:-1])}, asked


def stored_pmids(db) -> set:
    """What a run starts from: a killed run's working copy, which the next run resumes."""
    work = Path(str(db) + safety.WORK_SUFFIX)
    path = work if work.exists() else db
    if not path.exists():
        return set()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("select pmid from articles")}
    except sqlite3.OperationalError:  # killed before it made its tables
        return set()
    finally:
        conn.close()


def catalogue(db) -> dict:
    """What the catalogue holds: records (and whether each is there once), links, deletions."""
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        return {"articles": one("select count(*) from articles"),
                "distinct": one("select count(distinct pmid) from raw_records"),
                "linked": one(f"select count(*) from article_topics where topic = '{TOPIC}'"),
                "deleted": one("select count(*) from deleted_articles"),
                "not_found": one("select count(*) from pubmed_not_found") if "pubmed_not_found" in tables else 0,
                "integrity": one("pragma integrity_check")}
    finally:
        conn.close()


if __name__ == "__main__":
    main()
