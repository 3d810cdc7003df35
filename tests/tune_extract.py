"""List where the extractor and the blind labels disagree, on the TUNING half only.

    .venv/bin/python -m tests.tune_extract [FIELD ...]            # every tuning record
    .venv/bin/python -m tests.tune_extract --dev [FIELD ...]      # the development part of it
    .venv/bin/python -m tests.tune_extract --check                # the check part: its figures only

Patterns are changed while reading the development part (the same seeded random three quarters of the
tuning half as tests/tune_classify.py cuts); the check part is only ever read as a whole, to see whether a
change holds on records it was not made for. The held-out half is scored by
tests/test_extraction_accuracy.py and never listed here.
"""

import sys

from tests import blind, extraction_scores as scores
from tests.tune_classify import run

FIELDS = ("sample_size", "studies_included", "registrations", "randomised", "blinding", "placebo_controlled",
          "comparators", "follow_up_days", "ketamine_doses", "conclusion")


def disagreements(entries, predictions, fields) -> list:
    lines = []
    for e in entries:
        got = predictions[e["pmid"]]
        for field in fields:
            label = e[field]
            # The tuning-only records were read once: unsure labels are shown too, to learn from.
            if label["status"] not in blind.TRUSTED and not e["stratum"].startswith("tuning-only"):
                continue
            if field == "registrations":
                right = scores.same_registrations(label, got[field])
            elif field == "ketamine_doses":
                right = {blind.dose_key(d) for d in label["value"] or []} == {blind.dose_key(d) for d in got[field]}
            else:
                right = blind.accepted(label, got[field], scores.COMPARE.get(field))
            if not right:
                lines.append(f"{e['pmid']} {field}: labelled {label['accept']!r:.300} | got {got[field]!r:.300}")
    return lines


def main(args):
    run("extract", args, FIELDS, lambda entries, records, predictions, fields: disagreements(entries, predictions, fields))


if __name__ == "__main__":
    main(sys.argv[1:])
