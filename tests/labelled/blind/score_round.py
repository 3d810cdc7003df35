"""Totals for part of the tuning half of a blind set: a fresh round, scored before any rule sees it,
or the first set's tuning records. Usage, from the repository's top:

    .venv/bin/python tests/labelled/blind/score_round.py classify|extract tuning-only-8
    .venv/bin/python tests/labelled/blind/score_round.py classify|extract first

Prints the accuracy table only, never a record: the held-out half is never read here.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from tests import blind  # noqa: E402


def main(kind: str, which: str) -> str:
    entries = blind.half(blind.load(kind), "tuning")
    if which == "first":
        entries = [e for e in entries if not e["stratum"].startswith("tuning-only")]
    else:
        entries = [e for e in entries if e["stratum"].split(":")[0] == which]
    if not entries:
        raise SystemExit(f"no tuning records in {which!r}: give a round's stratum (tuning-only-8) or 'first'")
    predictions = blind.predictions_of(kind, entries)
    return blind.scores_of(kind).report(entries, predictions, f"{which}, tuning half ({len(entries)} records)")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("classify", "extract"):
        raise SystemExit("usage: score_round.py classify|extract ROUND-STRATUM|first (e.g. tuning-only-8)")
    print(main(sys.argv[1], sys.argv[2]))
