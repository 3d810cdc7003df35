"""Instructions per record of one ingest stage, counted by valgrind: a measure the machine's load does not move,
for telling whether a change makes a stage cheaper where timings on a shared machine differ more between runs
than the change does (docs/benchmarks.md).

    python bench/instructions.py [--records N] [--stage extraction|classifier]

Runs Python under valgrind's callgrind twice, side by side, on the first N records of each sample file: once
doing everything the stage needs first (parsing; and classifying, for extraction), once doing the stage too. The
difference, divided by the records, is what the stage costs. Hash randomisation is fixed, so that two runs of the
same code count the same. Needs valgrind (Debian's `valgrind` package) and takes a few minutes.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLLECTED = re.compile(r"Collected : (\d+)")
STAGES = ("extraction", "classifier")


def work(stage: str, count: int, with_stage: bool):
    """What one counted run does: parse the records, do what the stage needs first, then the stage if asked."""
    import stages
    from harvest import classify, extract, parse

    records = [parse.parse_record(chunk) for path in stages.SAMPLE for chunk in stages.record_bytes(path, count)]
    classify.classify(records[0])
    extract.extract(records[0])  # both runs pay for whatever is made on first use
    if stage == "classifier":
        if with_stage:
            for record in records:
                classify.classify(record)
        return
    labels = [classify.classify(record) for record in records]
    if with_stage:
        for record, label in zip(records, labels):
            extract.extract(record, label)


def counted_runs(stage: str, count: int) -> tuple:
    """Instructions of the run without the stage and of the run with it, both under callgrind at once."""
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    command = lambda with_stage: ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                                  __file__, "--inner", "with" if with_stage else "without", "--stage", stage,
                                  "--records", str(count)]
    runs = [subprocess.Popen(command(with_stage), env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True) for with_stage in (False, True)]
    counts = []
    for run in runs:
        _, errors = run.communicate()
        found = COLLECTED.search(errors)
        if run.returncode or not found:
            sys.exit(f"error: a counted run failed: {last_words(errors) or run.returncode}")
        counts.append(int(found.group(1)))
    return tuple(counts)


def last_words(errors: str) -> str:
    """The last line a failed run wrote that is not valgrind's own (the Python error, where there is one)."""
    own = [line for line in errors.splitlines() if line.strip() and not re.match(r"==\d+==", line)]
    return own[-1] if own else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=500, help="records read from each sample file")
    parser.add_argument("--stage", choices=STAGES, default="extraction")
    parser.add_argument("--inner", choices=("with", "without"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    if args.inner:
        work(args.stage, args.records, args.inner == "with")
        return
    if shutil.which("valgrind") is None:
        sys.exit("error: valgrind is not installed (Debian: apt-get install valgrind)")
    import stages
    if not all(path.exists() for path in stages.SAMPLE):
        sys.exit("error: the offline sample is missing: run make sample")
    from harvest import classify, extract  # noqa: F401 - compiles and caches the scan databases outside valgrind
    without, with_stage = counted_runs(args.stage, args.records)
    records = 2 * args.records
    print(f"{args.stage}: {(with_stage - without) / records:,.0f} instructions per record "
          f"({records:,} records; {without:,} instructions without it, {with_stage:,} with it)")


if __name__ == "__main__":
    main()
