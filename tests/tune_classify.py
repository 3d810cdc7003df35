"""List where the classifier and the blind labels disagree, on the TUNING half only.

    .venv/bin/python -m tests.tune_classify [FIELD ...]

The held-out half is scored by tests/test_classifier_blind_accuracy.py and never listed here.
"""

import sys

from tests import blind, classification_scores as scores

FIELDS = ("design", "population", "conditions", "routes", "scope")


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


def main(fields):
    entries, records, predictions = blind.tuning_half("classify")
    print("\n".join(disagreements(entries, records, predictions, fields or FIELDS)))
    print("\n" + scores.report(entries, predictions, "tuning half"))


if __name__ == "__main__":
    main(sys.argv[1:])
