"""List where the classifier and the blind labels disagree, on the TUNING half only.

    .venv/bin/python -m tests.tune_classify [FIELD ...]            # every tuning record
    .venv/bin/python -m tests.tune_classify --dev [FIELD ...]      # the development part of it
    .venv/bin/python -m tests.tune_classify --check                # the check part: its figures only

Rules are changed while reading the development part (a fixed, seeded random three quarters of the
tuning half); the check part is only ever read as a whole, to see whether a change holds on records it was
not made for. The held-out half is scored by tests/test_classifier_blind_accuracy.py and never
listed here. The answers are the classifier's, word weights included (harvest/weights.py): the weights
were fitted to the development part, so its design figure flatters them, and a rule's own misses there
may be hidden where the weights mend them (classify.read_by_rules gives the rules' answer alone).
"""

import random
import re
import sys

from tests import blind, classification_scores as scores

FIELDS = ("design", "population", "conditions", "routes", "scope")
SPLIT_SEED = 1414
MOVED_SEED = 2026


def disagreements(entries, records, predictions, fields) -> list:
    lines = []
    for e in entries:
        got = predictions[e["pmid"]]
        title = (records[e["pmid"]].get("title") or "")[:90]
        for field in fields:
            if field == "scope":
                if scores.scope_trusted(e) and got["scope"] != scores.labelled_scope(e):
                    lines.append(f"{e['pmid']} scope: labelled {scores.labelled_scope(e)} | got {got['scope']} | {title}")
                continue
            # The tuning-only records were read once: unsure labels are shown too, to learn from.
            shown = e[field]["status"] in blind.TRUSTED or e["stratum"].startswith("tuning-only")
            if shown and not scores.right(e, got, field):
                lines.append(f"{e['pmid']} {field}: labelled {e[field]['accept']} | got {got[field]} | {title}")
    return lines


def round_of(entry) -> str:
    """The reading round a tuning record came in: rounds 1 to 3, or a later round on its own."""
    drawn = re.match(r"tuning-only-(\d+):", entry["stratum"])
    return drawn.group(1) if drawn and int(drawn.group(1)) >= 4 else "1-3"


def split(entries) -> tuple:
    """(development, check): the tuning half cut at random, three quarters to develop on and one to check, the
    same way every time.

    Each round from the fourth on is cut on its own, so that a new round never moves an earlier
    record between the parts (rounds 1 to 3 were cut together, before there were more). The cut is made
    as it was made: in halves first (SPLIT_SEED), then half of the first check half given to development
    (MOVED_SEED: the weights learn from more records), so no record read while developing ever moved
    to the check part."""
    rounds = {}
    for e in entries:
        rounds.setdefault(round_of(e), []).append(e["pmid"])
    development = set()
    for name in sorted(rounds):
        pmids = sorted(rounds[name])
        first = set(random.Random(SPLIT_SEED).sample(pmids, len(pmids) // 2))
        rest = [pmid for pmid in pmids if pmid not in first]
        development |= first | set(random.Random(MOVED_SEED).sample(rest, len(rest) // 2))
    return [e for e in entries if e["pmid"] in development], [e for e in entries if e["pmid"] not in development]


OPTIONS = ("--dev", "--check")


def run(kind: str, args, fields, list_disagreements):
    """What both tuning scripts do: refuse what they do not know, then list the development part's
    disagreements (--dev), give the check part's figures only (--check), or list the whole tuning half.
    list_disagreements(entries, records, predictions, fields) -> lines."""
    unknown = [a for a in args if a.startswith("-") and a not in OPTIONS] + \
              [a for a in args if not a.startswith("-") and a not in fields]
    if unknown:
        # an option it does not know must not fall back to listing the whole tuning half
        sys.exit(f"tune_{kind}: unknown argument {unknown[0]!r}; options {', '.join(OPTIONS)}, fields {', '.join(fields)}")
    scores = blind.scores_of(kind)
    entries, records, predictions = blind.tuning_half(kind)
    development, check = split(entries)
    if "--check" in args:
        print(scores.report(check, predictions, "check part of the tuning half"))
        return
    shown = development if "--dev" in args else entries
    print("\n".join(list_disagreements(shown, records, predictions, [a for a in args if a in fields] or fields)))
    print("\n" + scores.report(shown, predictions, "development part" if "--dev" in args else "tuning half"))


def main(args):
    run("classify", args, FIELDS, disagreements)


if __name__ == "__main__":
    main(sys.argv[1:])
