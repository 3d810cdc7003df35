"""Render a run of make bench (bench-out/bench.json) as Markdown tables: docs/benchmarks.md shows
the run kept in bench/results.json this way.

    python bench/report.py [bench-out/bench.json]
"""

import json
import sys


def ingest_table(report) -> list:
    table = report["ingest"]
    ours = table["catalogue --all"]["median_s"]
    lines = ["| side | median s | min s | max s | peak MB (PSS) | records/s | × ours --all |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, row in table.items():
        lines.append(f"| {name.strip()} | {row['median_s']:.2f} | {row['min_s']:.2f} | {row['max_s']:.2f} | "
                     f"{row['peak_mb']:.0f} | {row['records_per_s'] or 0:,.0f} | {row['median_s'] / ours:.2f} |")
    lines += ["", "| target | measured | goal | |", "|---|---:|---|---|"]
    lines += [f"| {t['target']} | {t['value']:.2f} | {t['goal']} | {'pass' if t['pass'] else 'FAIL'} |"
              for t in report["targets"]]
    return lines


def rules_table(rules) -> list:
    return ["| rule set | labels | ms per record | × as they are |", "|---|---:|---:|---:|",
            f"| as they are | {rules['labels']} | {rules['normal_ms']:.3f} | 1.00 |",
            f"| every label twice | {rules['doubled_labels']} | {rules['doubled_ms']:.3f} | {rules['ratio']:.2f} |",
            "", f"Classification and extraction of {rules['records']:,} records, best of the rounds; "
            f"the same designs and populations with both sets: {'yes' if rules['same_designs'] else 'NO'}."]


def site_table(site) -> list:
    lines = []
    for scale in site["scales"]:
        goal = scale["goal_ms"]
        built = f" (built in {scale['build_s']:.0f} s)" if scale["build_s"] > 5 else ""  # else grown by a run before
        lines += [f"Catalogue of {scale['articles']:,} articles{built}; every link once to "
                  f"warm up, then {scale['timed_per_link']} times; goal p95 < {goal:,} ms. The first filtered page "
                  f"after the site starts took {scale['first_filtered_page']['ms']:,.0f} ms. Measured "
                  f"{scale.get('started', '')}, load average {scale.get('load_average_at_start', 0):.1f} at the start.",
                  "",
                  "| links | count | p50 ms | p95 ms | slowest link's p95 ms | errors | holds |",
                  "|---|---:|---:|---:|---:|---:|---|"]
        for name, g in scale["groups"].items():
            downloads = name.startswith("downloads")
            ok = not g["errors"] and (downloads or (g["p95_ms"] < goal and g["worst"]["p95_ms"] < goal))
            verdict = ("no goal (files), " if downloads else "") + ("pass" if ok else "FAIL")
            lines.append(f"| {name} | {g['links']} | {g['p50_ms']:,.0f} | {g['p95_ms']:,.0f} | "
                         f"{g['worst']['p95_ms']:,.0f} | {g['errors']} | {verdict} |")
        load = scale["load"]
        lines += ["", "| load test: clients | links | requests | seconds | req/s | p50 ms | p99 ms | errors |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|",
                  f"| {load['clients']} | {load['links']} | {load['requests']} | {load['seconds']:.1f} | "
                  f"{load['requests_per_s']:.1f} | {load['p50_ms']:,.0f} | {load['p99_ms']:,.0f} | {load['errors']} |", ""]
        if load.get("failing"):
            lines += ["Failed in the load test: " + "; ".join(f"`{path}` ({status} after {ms:,} ms)"
                                                           for path, status, ms in load["failing"]), ""]
        slow = [g["worst"] for name, g in scale["groups"].items()
                if not name.startswith("downloads") and g["worst"]["p95_ms"] >= goal]
        if slow:
            lines += ["Slowest links over the goal: " + "; ".join(f"`{w['path']}` {w['p95_ms']:,.0f} ms" for w in slow),
                      ""]
    return lines


def incremental_table(inc) -> list:
    lines = [f"{inc['records']} records served by the E-utilities stand-in.", "",
             "| run | seconds | requests |", "|---|---:|---|"]
    for name, key in (("first harvest", "first"), ("re-run, nothing new", "rerun")):
        calls = ", ".join(f"{k} {v}" for k, v in sorted(inc[key]["requests"].items()))
        lines.append(f"| {name} | {inc[key]['seconds']:.2f} | {calls} |")
    return lines


def markdown(report, heading_level=3) -> str:
    machine, heading = report["machine"], "#" * heading_level
    lines = [f"Run {report['started']}, {report['repeat']} runs per side: {machine['cpu']}, "
             f"{machine['cores']} cores, {machine['memory_mb'] // 1024} GB, Python {machine['python']}, "
             f"load average {machine['load_average_at_start'][0]:.1f} at the start.", ""]
    if "ingest" in report:
        lines += [f"{heading} Targets 1 and 3: the build and the scope scan", ""] + ingest_table(report) + [""]
    if report.get("rules"):
        lines += [f"{heading} Target 2: rules doubled", ""] + rules_table(report["rules"]) + [""]
    if "site" in report:
        lines += [f"{heading} Target 4: Datasette, every link the site offers", ""] + site_table(report["site"]) + [""]
    if "incremental" in report:
        lines += [f"{heading} Incremental harvest", ""] + incremental_table(report["incremental"])
    return "\n".join(lines).rstrip() + "\n"


def main(path):
    print(markdown(json.load(open(path))), end="")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench-out/bench.json")
