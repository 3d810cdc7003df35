"""Target 4: every link the site offers, on catalogues of 200,000 and 1,000,000 articles.

The scale catalogues are an --all catalogue replicated under new PMIDs (pmid + k * 100,000,000,
study ids shifted alike) in one scratch database that grows from the smaller scale to the
larger: indexes, the full-text index and the counts the loader keeps are rebuilt after the
rows, as a bulk load does. raw_records are not replicated: a copy's article page shows its
abstract without section labels.

The links are those the site offers, found by reading its pages as a reader would follow them:
the home page (shortcuts, tools, the claim box's example), every link of the articles page
(each facet value, "more facets", the shortcuts), every cell of
both evidence maps, the evidence profiles these open and the links of one profile, a sample of
article pages and a search. Each link is requested once to warm up and then --timed times, one
after another; any answer but 200 is an error. The exports a profile offers are downloads,
requested once each; the streamed CSV of every record (_stream=on) and Atom feeds are left out.
"""

import argparse
import asyncio
import html
import json
import math
import os
import random
import re
import socket
import sqlite3
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
OFFSET = 100_000_000
GOALS_MS = {200_000: 300, 1_000_000: 1000}  # p95 of every link, by the scale it is measured at
SCALES = (200_000, 1_000_000)
TIMED, WARMUP = 5, 1
ARTICLE_SAMPLE = 20
SEARCHES = ("/catalogue/articles?_search=ketamine+pain", "/catalogue/search?q=ketamine+neuropathic+pain")
LOAD_CLIENTS, LOAD_SECONDS, LOAD_MAX_REQUESTS = 8, 20, 5000
# Links that are not pages to time: files to download, feeds, other sites, the site's own files.
NOT_PAGES = re.compile(r"_stream=on|\.atom(\?|$)|^/-/|^/assets/|\.db$|^#")
HREF = re.compile(r'href="([^"]+)"')
ARTICLE_PAGE = re.compile(r"^/catalogue/articles/\d+$")
# Exports of every record a question matches (the export links of a profile): files whose size grows
# with the catalogue, so requested once and checked for errors, but held to no page's goal and left
# out of the load test. (The articles page offers the same exports of whatever it shows.)
DOWNLOADS = "downloads: exports of every record"


# ---------------------------------------------------------------- the scale catalogues


def copies_for(articles: int, source_articles: int) -> int:
    return max(1, math.ceil(articles / source_articles))


def start_scale(source: Path, target: Path):
    """A scratch copy of the --all catalogue (the first copy of every scale)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(source, target)


def grow(target: Path, copies: int) -> int:
    """Replicate the original articles until the catalogue holds copies of them; returns its articles.

    Indexes and the full-text index are dropped first and rebuilt after the rows, and the
    counts the site reads recomputed, as harvest.load.bulk_build does for a first load.
    """
    sys.path.insert(0, str(ROOT))
    from harvest import load, schema

    db = load.open_db(target)
    held = db.execute(f"select coalesce(max(pmid), 0) / {OFFSET} + 1 from articles").fetchone()[0]
    if held >= copies:
        return db["articles"].count
    if "articles_fts" in db.table_names():
        db["articles"].disable_fts()
    schema.drop_indexes(db)
    tables = ["articles", *schema.CHILD_TABLES, "article_studies", "review_studies",
              *[t for t in ("article_topics",) if t in db.table_names()]]
    with db.conn:
        for copy in range(held, copies):
            for table in tables:
                _replicate(db.conn, table, copy * OFFSET)
    schema.ensure_indexes(db)
    load.ensure_search(db)
    db.execute("analyze")
    db.conn.commit()
    return db["articles"].count


# Columns holding a PMID of the same copy: shifted with the pmid. (A copy's references and
# notices keep naming the original records, as a record may cite one outside the catalogue.)
SHIFTED = {"pmid", "study_id", "review_pmid", "study_pmid"}


def _replicate(conn, table, shift):
    columns = [row[1] for row in conn.execute(f"pragma table_info([{table}])")]
    select = ", ".join(f"[{c}] + {shift}" if c in SHIFTED else f"[{c}]" for c in columns)
    names = ", ".join(f"[{c}]" for c in columns)
    key = "review_pmid" if table == "review_studies" else "pmid"
    conn.execute(f"insert into [{table}] ({names}) select {select} from [{table}] where [{key}] < {OFFSET}")


# ---------------------------------------------------------------- the site


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


# ---------------------------------------------------------------- the links a reader can follow


def local_links(page: str, base_path: str = "/", host: str = "site") -> list:
    """The site's own links on a page (relative, or absolute to host), as paths, in order, each once."""
    found = []
    for href in HREF.findall(page):
        href = html.unescape(href)
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(f"http://{host}" + base_path, href))
        if parts.netloc != host:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not NOT_PAGES.search(path) and path not in found:
            found.append(path)
    return found


def between(page: str, start: str, end: str) -> str:
    """The part of a page from the first start marker to the next end marker after it."""
    at = page.find(start)
    return "" if at < 0 else page[at:page.find(end, at) if page.find(end, at) > 0 else None]


def collect_links(client, pmids) -> dict:
    """{group: [path, ...]}: the links each part of the site offers, found by reading its pages."""
    get = lambda path: client.get(path).text
    home = get("/")
    host = client.base_url.netloc.decode() if isinstance(client.base_url.netloc, bytes) else client.base_url.netloc
    groups = {"home page": ["/"] + [p for p in local_links(home, "/", host) if "/profile" not in p]}
    claim = "ketamine troches have demonstrated efficacy in treating neuropathic pain, fibromyalgia and CRPS"
    profiles = ["/catalogue/profile", "/catalogue/profile?" + urllib.parse.urlencode({"claim": claim})]
    articles = get("/catalogue/articles")
    # facet values link by absolute address (Datasette's absolute_url): the server's own host is local
    offered = local_links(articles, "/catalogue/articles", host)
    facets = local_links(between(articles, 'class="facet-results"', 'id="records"')
                         + between(articles, "More facets:", "</p>"), "/catalogue/articles", host)
    groups["articles page: facet links"] = [p for p in facets if "/profile" not in p]
    profiles += [p for p in offered if "/profile" in p]
    groups["articles page: other links"] = [p for p in offered if p not in facets and "/profile" not in p
                                            and not ARTICLE_PAGE.match(p) and not _export(p)]
    cells = []
    for query in ("evidence_map", "evidence_map_routes"):
        page = get(f"/catalogue/{query}?population=")
        cells += local_links(between(page, '<table class="map"', "</table>"), f"/catalogue/{query}", host)
    groups["evidence map cells"] = [p for p in cells if "/profile" not in p]
    profiles += [p for p in cells if "/profile" in p]
    groups["evidence profiles"] = list(dict.fromkeys(profiles))
    one = get(next(p for p in profiles if "condition=" in p))
    groups["links of a profile"] = [p for p in local_links(one, "/catalogue/profile", host)
                                    if "/profile" not in p and not ARTICLE_PAGE.match(p)]
    groups["article pages"] = [f"/catalogue/articles/{p}" for p in pmids]
    groups["search"] = list(SEARCHES)
    # every export link, wherever it is offered, is a download
    downloads = [p for paths in groups.values() for p in paths if _export(p)]
    groups = {name: [p for p in paths if not _export(p)] for name, paths in groups.items()}
    groups[DOWNLOADS] = downloads
    return {name: list(dict.fromkeys(paths)) for name, paths in groups.items()}


def _export(path) -> bool:
    return bool(re.match(r"^/catalogue/articles\.(ris|bib|nbib|csljson|csv)", path))


# ---------------------------------------------------------------- timing


def percentile(values, p) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def time_link(client, path, timed=TIMED, warmup=WARMUP) -> dict:
    """One link: warmed up, then requested timed times; any answer but 200 is an error."""
    times, errors = [], 0
    for i in range(warmup + timed):
        start = time.perf_counter()
        try:
            ok = client.get(path).status_code == 200
        except httpx.HTTPError:
            ok = False
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
            errors += not ok
    return {"path": path, "p50_ms": statistics.median(times), "p95_ms": percentile(times, 95), "errors": errors,
            "times": times}


def time_groups(base, groups, timed=TIMED) -> dict:
    """Per group: its links' times pooled (p50, p95), its slowest link (by p95) and its errors."""
    results = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, paths in groups.items():
            # a download is requested once: each is a file of every record a question matches
            links = [time_link(client, path, 1, 0) if name == DOWNLOADS else time_link(client, path, timed)
                     for path in paths]
            pooled = [t for link in links for t in link.pop("times")]
            worst = max(links, key=lambda link: link["p95_ms"])
            results[name] = {"links": len(links), "requests": len(pooled), "p50_ms": statistics.median(pooled),
                             "p95_ms": percentile(pooled, 95), "max_ms": max(pooled),
                             "errors": sum(link["errors"] for link in links), "worst": worst,
                             "failing": [link for link in links if link["errors"]][:10],
                             "slowest": sorted(links, key=lambda link: -link["p95_ms"])[:5]}
            print(f"    {name}: {len(links)} links, p95 {results[name]['p95_ms']:.0f} ms, "
                  f"worst {worst['p95_ms']:.0f} ms {worst['path']}", file=sys.stderr)
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
                ok, status = response.status_code == 200, response.status_code
            except httpx.HTTPError as e:
                ok, status = False, type(e).__name__
            latencies.append((time.perf_counter() - start) * 1000)
            if not ok:
                errors.append((path, status, round(latencies[-1])))


def load_test(base, paths) -> dict:
    """LOAD_CLIENTS concurrent clients on loopback over the mix of links, each client starting
    at its own place in a shuffled list, bounded by LOAD_SECONDS and LOAD_MAX_REQUESTS."""
    paths = random.Random(15).sample(paths, len(paths))
    latencies, errors, budget = [], [], [None] * LOAD_MAX_REQUESTS
    start = time.monotonic()
    step = max(1, len(paths) // LOAD_CLIENTS)

    async def everyone():
        deadline = start + LOAD_SECONDS
        await asyncio.gather(*(_client(base, paths[i * step:] + paths[:i * step], deadline, budget, latencies,
                                       errors) for i in range(LOAD_CLIENTS)))

    asyncio.run(everyone())
    elapsed = time.monotonic() - start
    return {"clients": LOAD_CLIENTS, "seconds": elapsed, "requests": len(latencies), "links": len(paths),
            "errors": len(errors), "failing": errors[:10], "requests_per_s": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies), "p99_ms": percentile(latencies, 99)}


def measure_site(db, pmids, timed=TIMED, groups_only=None) -> dict:
    process, base = serve(db)
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            # The site reads the arrays it counts facets from as it starts; the first filtered page waits for them.
            started = time.perf_counter()
            ready = client.get("/catalogue/articles?population=human", timeout=900).status_code == 200
            first = {"ms": (time.perf_counter() - started) * 1000, "ok": ready}
            groups = collect_links(client, pmids)
        if groups_only:
            groups = {k: v for k, v in groups.items() if any(g in k for g in groups_only)}
        timings = time_groups(base, groups, timed)
        mix = [p for name, paths in groups.items() if name != DOWNLOADS for p in paths]
        return {"first_filtered_page": first, "groups": timings, "load": load_test(base, mix)}
    finally:
        process.terminate()
        process.wait(timeout=30)


def verdict(scale_report) -> bool:
    goal = scale_report["goal_ms"]
    return (all(group_holds(name, g, goal) for name, g in scale_report["groups"].items())
            and not scale_report["load"]["errors"])


def group_holds(name, group, goal) -> bool:
    fast = name == DOWNLOADS or (group["p95_ms"] < goal and group["worst"]["p95_ms"] < goal)
    return fast and not group["errors"]


def main(source: Path, work: Path, scales=SCALES, timed=TIMED, groups_only=None, reuse=False) -> dict:
    """Build each scale in turn (one database grown from the smaller to the larger) and time it.
    reuse: grow the scale catalogue already in work rather than start again from source."""
    db = work / "catalogue.db"  # metadata.yml configures the database named catalogue
    original = sqlite3.connect(source).execute("select count(*) from articles").fetchone()[0]
    if not (reuse and db.exists()):
        start_scale(source, db)
    report = {"scales": []}
    for wanted in sorted(scales):
        copies = copies_for(wanted, original)
        print(f"Target 4: a catalogue of {copies} copies of the --all catalogue (~{wanted:,} articles)",
              file=sys.stderr)
        started = time.monotonic()
        articles = grow(db, copies)
        built = time.monotonic() - started
        pmids = [r[0] for r in sqlite3.connect(db).execute(
            f"select pmid from articles order by random() limit {ARTICLE_SAMPLE}")]
        when, load_average = time.strftime("%Y-%m-%d %H:%M:%S %Z"), os.getloadavg()[0]
        measured = measure_site(db, pmids, timed, groups_only)
        scale = {"articles": articles, "scale": wanted, "goal_ms": goal_for(wanted), "build_s": built,
                 "timed_per_link": timed, "started": when, "load_average_at_start": load_average, **measured}
        scale["pass"] = verdict(scale)
        report["scales"].append(scale)
        print_scale(scale)
    first = report["scales"][0]
    # The shape target 3 reported (one scale): its articles, its groups as pages, its load test.
    report.update({"articles": first["articles"], "load": first["load"],
                   "pages": {name: {"path": g["worst"]["path"], "p50_ms": g["p50_ms"], "p95_ms": g["p95_ms"],
                                    "max_ms": g["max_ms"], "errors": g["errors"]}
                             for name, g in first["groups"].items()}})
    return report


def goal_for(articles) -> int:
    return next((ms for scale, ms in sorted(GOALS_MS.items()) if articles <= scale), max(GOALS_MS.values()))


def print_scale(scale):
    goal = scale["goal_ms"]
    print(f"\nDatasette over {scale['articles']:,} articles ({os.cpu_count()} cores), every link "
          f"{WARMUP} + {scale['timed_per_link']} times, goal p95 < {goal} ms")
    for name, g in scale["groups"].items():
        ok = group_holds(name, g, goal)
        print(f"  {name:30} {g['links']:4} links  p50 {g['p50_ms']:6.0f}  p95 {g['p95_ms']:6.0f}  "
              f"worst {g['worst']['p95_ms']:6.0f} ms  {g['errors']} errors  {'PASS' if ok else 'FAIL'}")
        if not ok:
            print(f"      worst: {g['worst']['path']}")
    print(f"  first filtered page after start: {scale['first_filtered_page']['ms']:.0f} ms (reads the facet arrays)")
    load = scale["load"]
    print(f"  load test: {load['clients']} clients over {load['links']} links, {load['requests']} requests in "
          f"{load['seconds']:.1f} s, {load['requests_per_s']:.1f} req/s, p50 {load['p50_ms']:.0f} ms, "
          f"p99 {load['p99_ms']:.0f} ms, {load['errors']} errors")
    for path, status, ms in load.get("failing", []):
        print(f"      failed: {path} ({status} after {ms} ms)")


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="an --all catalogue (read only: it is copied)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out/site")
    parser.add_argument("--scales", type=int, nargs="+", default=list(SCALES))
    parser.add_argument("--timed", type=int, default=TIMED, help="timed requests per link, after one warm-up")
    parser.add_argument("--groups", nargs="*", help="time only the groups whose names contain these words")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--reuse", action="store_true", help="grow the scale catalogue left in --out by a "
                        "previous run (it must hold no more copies than the smallest scale asks for)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    args = arguments()
    result = main(args.source, args.out, args.scales, args.timed, args.groups, args.reuse)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
