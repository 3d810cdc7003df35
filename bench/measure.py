"""Run a command and measure it: wall time and peak memory of its whole process tree."""

import os
import statistics
import subprocess
import time

POLL_SECONDS = 0.05


def tree_rss(pid) -> int:
    """Proportional resident bytes (PSS) of a process and all its descendants (Linux /proc).

    PSS counts a page shared by forked workers once in all, where adding up their
    RSS would count it once per worker.
    """
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as status:
                total += next((int(l.split()[1]) * 1024 for l in status if l.startswith("Pss:")), 0)
            with open(f"/proc/{current}/task/{current}/children") as children:
                todo += [int(c) for c in children.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended between two looks
    return total


def run(command, timeout=1800, shell=False) -> dict:
    """Seconds and peak MB of one run; raises CalledProcessError when it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        if time.perf_counter() - start > timeout:
            process.kill()
        time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command, stderr=error[-2000:])
    return {"seconds": seconds, "peak_mb": peak / 2**20}


def summary(runs, records=None) -> dict:
    """Median, min and max seconds, peak memory and records per second of repeated runs."""
    seconds = [r["seconds"] for r in runs]
    median = statistics.median(seconds)
    return {
        "runs": len(runs), "median_s": median, "min_s": min(seconds), "max_s": max(seconds),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "records_per_s": records / median if records else None,
    }


def scratch(path):
    """Remove a scratch database and its journals."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.remove(f"{path}{suffix}")
