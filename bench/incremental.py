"""Target 4: a re-run of the live harvest with nothing new costs only the searches.

The E-utilities stand-in (tests/eutils_standin.py) serves the sample's ketamine-and-pain
records for one query; the harvest runs twice and the stand-in counts every request.
"""

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = "ketamine AND pain"
RECORDS = 1000


def harvest_twice(pmids, sample) -> list:
    """Requests by endpoint and seconds, for a first harvest and an immediate re-run."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from eutils_standin import StandIn
    from harvest import live, load
    from harvest.eutils import EUtils, RateLimiter

    standin = StandIn()
    standin.start()
    runs = []
    try:
        for pmid in pmids:
            standin.add(pmid, sample[pmid], query=QUERY)
        client = EUtils("bench@example.org", base_url=standin.base_url, limiter=RateLimiter(1000))
        with tempfile.TemporaryDirectory() as folder:
            db = load.open_db(Path(folder) / "catalogue.db")
            for _ in range(2):
                before, start = len(standin.seen), time.perf_counter()
                live.harvest_pubmed(db, query=QUERY, client=client)
                calls = Counter(s.endpoint for s in standin.seen[before:])
                runs.append({"seconds": time.perf_counter() - start, "requests": dict(calls)})
    finally:
        standin.stop()
    return runs


def main(sample_paths) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from eutils_standin import load_sample

    sample = load_sample(*map(str, sample_paths))
    pmids = sorted(sample)[:RECORDS]
    print(f"Target 4: live harvest of {len(pmids)} records from the stand-in, twice", file=sys.stderr)
    first, second = harvest_twice(pmids, sample)
    passed = set(second["requests"]) <= {"esearch"}
    print(f"\nIncremental harvest of {len(pmids)} records (E-utilities stand-in)")
    for name, run in (("first run", first), ("re-run, nothing new", second)):
        print(f"  {name:22} {run['seconds']:6.2f} s  requests {run['requests']}")
    print(f"  re-run asks only ESearch: {'PASS' if passed else 'FAIL'}")
    return {"records": len(pmids), "first": first, "rerun": second, "pass": passed}
