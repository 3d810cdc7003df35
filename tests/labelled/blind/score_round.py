"""Totals for part of the tuning half of a blind set: a fresh round, scored before any rule sees it,
or the first set's tuning records. Usage, from the repository's top:

    .venv/bin/python tests/labelled/blind/score_round.py classify|extract tuning-only-8
    .venv/bin/python tests/labelled/blind/score_round.py classify|extract tuning-only-8 --record
    .venv/bin/python tests/labelled/blind/score_round.py classify|extract first

Prints the accuracy table only, never a record: the held-out half is never read here. --record
keeps a fresh round's counts in rounds.json with the commit that scored it, once, and only from
a commit whose harvest/ is as committed: a round is scored with the code of its draw, before any
rule or pattern has seen it, and `make docs` writes every figure of the rounds from that file.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from harvest import classify, extract  # noqa: E402
from tests import blind  # noqa: E402


def entries_of(kind: str, which: str) -> list:
    entries = blind.half(blind.load(kind), "tuning")
    if which == "first":
        return [e for e in entries if not e["stratum"].startswith("tuning-only")]
    return [e for e in entries if e["stratum"].split(":")[0] == which]


def scoring_commit() -> tuple:
    """(the commit HEAD is, or None; why a round cannot be kept with it)."""
    changed = subprocess.run(["git", "status", "--porcelain", "--", "harvest"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    if changed:
        return None, "harvest/ has changes not committed: a round is kept with the commit that scored it"
    return subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip(), ""


def record(kind: str, which: str, records: int, counts: dict, commit: str) -> str:
    """Keep a round's counts in rounds.json, scored by `commit`; the reason it cannot be kept, if any."""
    drawn = re.fullmatch(r"tuning-only-(\d+)", which)
    if not drawn:
        return f"only a fresh round is kept, not {which!r}"
    kept, number = blind.rounds(), int(drawn.group(1))
    if any(r["round"] == number for r in kept[kind]):
        return f"round {number} of {kind} is kept already: it is scored once, before any rule sees it"
    kept[kind].append({"round": number, "scored_at": commit, "rules": classify.RULES_VERSION,
                       "patterns": extract.VERSION, "records": records,
                       "rows": {row: list(hits_total) for row, hits_total in counts.items()}})
    kept[kind].sort(key=lambda r: r["round"])
    blind.ROUNDS.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
    return ""


def main(kind: str, which: str, keep: bool = False) -> str:
    entries = entries_of(kind, which)
    if not entries:
        raise SystemExit(f"no tuning records in {which!r}: give a round's stratum (tuning-only-8) or 'first'")
    predictions = blind.predictions_of(kind, entries)
    scores = blind.scores_of(kind)
    if keep:
        commit, refused = scoring_commit()
        refused = refused or record(kind, which, len(entries), scores.counts(entries, predictions), commit)
        if refused:
            raise SystemExit(f"not kept: {refused}")
    return scores.report(entries, predictions, f"{which}, tuning half ({len(entries)} records)")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--record"]
    if len(args) != 2 or args[0] not in ("classify", "extract") or len(sys.argv) - len(args) > 2:
        raise SystemExit("usage: score_round.py classify|extract ROUND-STRATUM|first [--record] (e.g. tuning-only-8)")
    print(main(args[0], args[1], keep="--record" in sys.argv))
