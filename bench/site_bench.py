"""Target 3: Datasette over a catalogue of 200,000+ articles, page by page and under load.

The scale catalogue is the sample loaded with --all, replicated under new PMIDs
(pmid + k * 100,000,000) in a scratch database. raw_records are not replicated: of the
pages measured only the article page reads them, and a copy's article page shows its
abstract without section labels.
"""

import asyncio
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
OFFSET = 100_000_000
PAGES = {
    "articles page, all facets": "/catalogue/articles",
    "full-text search + facets": "/catalogue/articles?_search=ketamine+pain",
    "evidence map query": "/catalogue/evidence_map?population=",
}
TIMED_REQUESTS, WARMUP = 30, 3
LOAD_CLIENTS, LOAD_SECONDS, LOAD_MAX_REQUESTS = 8, 20, 5000


def build_scale(source: Path, target: Path, copies: int) -> int:
    """Copy the --all catalogue and replicate its articles copies times; returns the article count."""
    sys.path.insert(0, str(ROOT))
    from harvest import load, schema

    shutil.copy(source, target)
    db = load.open_db(target)
    db["articles"].disable_fts()
    tables = ["articles", *schema.CHILD_TABLES] + [t for t in ("article_topics",) if t in db.table_names()]
    with db.conn:
        for copy in range(1, copies):
            for table in tables:
                _replicate(db.conn, table, copy * OFFSET)
    load.ensure_search(db)
    db.execute("analyze")
    return db["articles"].count


def _replicate(conn, table, shift):
    columns = [row[1] for row in conn.execute(f"pragma table_info([{table}])")]
    select = ", ".join(f"[{c}] + {shift}" if c == "pmid" else f"[{c}]" for c in columns)
    names = ", ".join(f"[{c}]" for c in columns)
    conn.execute(f"insert into [{table}] ({names}) select {select} from [{table}] where pmid < {OFFSET}")


def serve(db: Path) -> tuple:
    """Start Datasette as `make serve` does, on a free loopback port; returns (process, base URL)."""
    port = _free_port()
    flags = subprocess.run(["make", "-s", "--no-print-directory", "datasette-flags", f"DB={db}"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    # python -m, from ROOT: the site imports this checkout's harvest and datasette_catalogue packages.
    process = subprocess.Popen([sys.executable, "-m", "datasette", "serve", *flags,
                                "--host", "127.0.0.1", "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    _wait_until_up(base, process)
    return process, base


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(base + "/-/versions.json", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("Datasette did not start")


def percentile(values, p) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def time_pages(base) -> dict:
    """p50/p95/max of each page, requested one after another; any answer but 200 is an error."""
    results = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, path in PAGES.items():
            for _ in range(WARMUP):
                client.get(path)
            times, errors = [], 0
            for _ in range(TIMED_REQUESTS):
                start = time.perf_counter()
                errors += client.get(path).status_code != 200
                times.append((time.perf_counter() - start) * 1000)
            results[name] = {"path": path, "p50_ms": statistics.median(times), "p95_ms": percentile(times, 95),
                             "max_ms": max(times), "errors": errors}
    return results


async def _client(base, paths, deadline, budget, latencies, errors):
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        i = 0
        while time.monotonic() < deadline and budget:
            budget.pop()
            path = paths[i % len(paths)]
            i += 1
            start = time.perf_counter()
            try:
                response = await client.get(path)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - start) * 1000)
            errors.append(not ok)


def load_test(base, pmids) -> dict:
    """LOAD_CLIENTS concurrent clients on loopback, bounded by LOAD_SECONDS and LOAD_MAX_REQUESTS."""
    paths = list(PAGES.values()) + [f"/catalogue/articles/{p}" for p in pmids]
    latencies, errors, budget = [], [], [None] * LOAD_MAX_REQUESTS
    start = time.monotonic()

    async def everyone():
        deadline = start + LOAD_SECONDS
        await asyncio.gather(*(_client(base, paths[i:] + paths[:i], deadline, budget, latencies, errors)
                               for i in range(LOAD_CLIENTS)))

    asyncio.run(everyone())
    elapsed = time.monotonic() - start
    return {"clients": LOAD_CLIENTS, "seconds": elapsed, "requests": len(latencies),
            "errors": sum(errors), "requests_per_s": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies), "p99_ms": percentile(latencies, 99)}


def measure_site(db, pmids) -> dict:
    process, base = serve(db)
    try:
        return {"pages": time_pages(base), "load": load_test(base, pmids)}
    finally:
        process.terminate()
        process.wait(timeout=30)


def main(source: Path, work: Path, copies: int) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    db = work / "catalogue.db"  # metadata.yml configures the database named catalogue
    print(f"Target 3: building a catalogue of {copies} copies of the sample", file=sys.stderr)
    articles = build_scale(source, db, copies)
    pmids = [r[0] for r in sqlite3.connect(db).execute("select pmid from articles order by random() limit 20")]
    report = {"articles": articles, **measure_site(db, pmids)}
    print_report(report)
    return report


def print_report(report):
    print(f"\nDatasette over {report['articles']} articles ({os.cpu_count()} cores)")
    for name, row in report["pages"].items():
        verdict = "PASS" if row["p95_ms"] < 300 and not row["errors"] else "FAIL"
        print(f"  {name:28} p50 {row['p50_ms']:7.0f} ms  p95 {row['p95_ms']:7.0f} ms  goal < 300  "
              f"{row['errors']} errors  {verdict}")
    load = report["load"]
    print(f"  load test: {load['clients']} clients, {load['requests']} requests in {load['seconds']:.1f} s, "
          f"{load['requests_per_s']:.1f} req/s, p50 {load['p50_ms']:.0f} ms, p99 {load['p99_ms']:.0f} ms, "
          f"{load['errors']} errors")
