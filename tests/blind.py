"""Scoring against the blind labelled sets (tests/labelled/blind/README.md).

Shared by the accuracy tests, which report the held-out half, and by `python -m tests.blind`,
which lists disagreements on the tuning half only: the held-out half is never shown record by
record, so nobody changes the rules while looking at it.
"""

import functools
import json
import math
import re
from pathlib import Path

import yaml

BLIND = Path(__file__).resolve().parent / "labelled" / "blind"
TRUSTED = ("sure", "agreed")  # labels one reader was sure of, or two readers agreed on
# Each fresh round's counts as scored at its draw, before any rule saw it (score_round.py --record).
ROUNDS = BLIND / "rounds.json"


def load(kind: str) -> list:
    """The labels of one set ('classify' or 'extract'), merged from its reads (reads/) in the order of sets.json.

    The merged labels are derived, never stored: the reads and the draws are the record of what readers said.
    """
    return list(_merged(kind))


@functools.cache
def _merged(kind: str) -> tuple:
    """load's labels, merged once a process: the reads are megabytes, and the tests, the docs' check and the
    tools read them many times over. Nothing that uses them changes them."""
    firsts, seconds = _reads(kind, "first"), _reads(kind, "second")
    return tuple(merged_entry(kind, drawn_entry, firsts[drawn_entry["pmid"]], seconds.get(drawn_entry["pmid"]))
                 for drawn_entry in drawn(kind))


def drawn(kind: str) -> list:
    """The records drawn for a set (pmid, half, stratum), in order: what is labelled, without reading the labels.
    sets.json names the half of the held-out records only: every other drawn record is in the tuning half (and every
    round since the first draw joins it), so it is written once a line without one (collect_round.sets_text)."""
    return [{"half": "tuning", **entry} for entry in json.loads((BLIND / "sets.json").read_text(encoding="utf-8"))[kind]]


# ---------------------------------------------------------------- merging the reads

# Per field: a sure first read stands; otherwise two reads that agree (or where one's answer is among the other's
# alternatives) give an agreed label; two that do not are 'disputed', and either reader's answers are accepted.
FIELDS = {
    "classify": ["design", "population", "conditions", "routes", "ketamine", "pain"],
    "extract": ["sample_size", "studies_included", "registrations", "randomised", "blinding",
                "placebo_controlled", "comparators", "follow_up_days", "ketamine_doses", "conclusion"],
}
LISTS = {"conditions", "routes", "comparators", "registrations", "ketamine_doses"}
# Fields the codebook answers with true or false. A reader may quote the answer ('no'), which YAML then reads as text.
YES_NO = {"ketamine", "pain", "randomised", "placebo_controlled"}
SAID = {"yes": True, "true": True, "no": False, "false": False}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where installed: the reads are megabytes


def _reads(kind: str, which: str) -> dict:
    """{pmid: read} of every first (or second) read of a set, later files winning."""
    found = {}
    for path in sorted(BLIND.glob(f"reads/{kind}-{which}-*.yml")):
        for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []:
            found[entry["pmid"]] = as_written_meant(entry)
    return found


def as_written_meant(entry) -> dict:
    """A read with quoted yes/no answers taken as the true or false they say."""
    for answers in (entry, entry.get("also") or {}):
        for field in YES_NO & answers.keys():
            said = answers[field].strip().lower() if isinstance(answers[field], str) else None
            if said in SAID:
                answers[field] = SAID[said]
    return entry


def merged_entry(kind: str, drawn: dict, first: dict, second: dict | None) -> dict:
    """One record's labels: its draw (half, stratum) and each field merged from its reads."""
    entry = {"pmid": drawn["pmid"], "half": drawn["half"], "stratum": drawn["stratum"], "reads": 2 if second else 1}
    for field in FIELDS[kind]:
        entry[field] = merge_field(field, first, second)
    return entry


def merge_field(field: str, first: dict, second: dict | None) -> dict:
    one = alternatives(first, field)
    if first.get("confidence") == "sure" or second is None:
        return {"value": one[0], "accept": one, "status": "sure" if first.get("confidence") == "sure" else "unsure"}
    two = alternatives(second, field)
    if agree(field, one[0], two[0]):
        return {"value": one[0], "accept": [a for a in one if contains(field, two, a)] or one[:1], "status": "agreed"}
    if contains(field, one, two[0]) or contains(field, two, one[0]):
        value = two[0] if contains(field, one, two[0]) else one[0]
        both = [a for a in one if contains(field, two, a)]
        return {"value": value, "accept": both or [value], "status": "agreed"}
    return {"value": one[0], "accept": one + [a for a in two if not contains(field, one, a)], "status": "disputed"}


def alternatives(entry: dict, field: str) -> list:
    """The reader's answer first, then each alternative the reader gave."""
    answers = [entry.get(field)]
    also = (entry.get("also") or {}).get(field, "__none__")
    if also == "__none__":
        return answers
    if field in LISTS:
        if also and all(isinstance(a, list) for a in also):
            answers += also
        else:
            answers.append(also)
    elif isinstance(also, list):
        answers += also
    else:
        answers.append(also)
    return answers


def agree(field: str, a, b) -> bool:
    if field == "conclusion":
        return same_text(a, b)
    return _answer_key(field, a) == _answer_key(field, b)


def contains(field: str, answers: list, value) -> bool:
    return any(agree(field, a, value) for a in answers)


def _answer_key(field: str, value):
    """A hashable form of a reader's answer, so that two answers can be compared."""
    if field == "registrations":
        return frozenset(re.sub(r"\W", "", r["id"]).upper() for r in value or [])
    if field == "ketamine_doses":
        return frozenset((float(d["low"]), float(d["high"]), str(d["unit"]).replace("μ", "µ").replace("mcg", "µg"))
                         for d in value or [])
    if field in LISTS:
        return frozenset(str(v).lower() for v in value or [])
    if field == "follow_up_days" and value is not None:
        return round(float(value), 1)
    return value


def rounds() -> dict:
    """{kind: [round, ...]}: the fresh rounds kept, each with its counts as scored at its draw."""
    return json.loads(ROUNDS.read_text(encoding="utf-8")) if ROUNDS.exists() else {"classify": [], "extract": []}


def rounds_total(kept: list, row: str) -> tuple:
    """(hits, total) of one row over some kept rounds (of one set)."""
    counts = [r["rows"][row] for r in kept if row in r["rows"]]
    return sum(h for h, _ in counts), sum(t for _, t in counts)


def half(entries, name: str) -> list:
    return [e for e in entries if e["half"] == name]


def wilson(hits: int, total: int, z: float = 1.96) -> tuple:
    """95% Wilson score interval for a proportion."""
    if not total:
        return (0.0, 0.0)
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return (max(0.0, centre - margin), min(1.0, centre + margin))


def share(hits: int, total: int) -> str:
    """'0.93 (0.88–0.96; 140/150)', or '—' for nothing to count."""
    if not total:
        return "— (0/0)"
    low, high = wilson(hits, total)
    return f"{hits / total:.2f} ({low:.2f}–{high:.2f}; {hits}/{total})"


# ---------------------------------------------------------------- comparing answers


def words(text) -> list:
    return re.findall(r"\w+", (text or "").lower())


def same_text(a, b, share_needed: float = 0.8) -> bool:
    """Two quotes are the same when the words of the shorter are (nearly all) in the longer."""
    if not a or not b:
        return not a and not b
    short, long = sorted((words(a), words(b)), key=len)
    bag = {}
    for w in long:
        bag[w] = bag.get(w, 0) + 1
    hit = 0
    for w in short:
        if bag.get(w):
            bag[w] -= 1
            hit += 1
    return hit >= share_needed * len(short)


def registration_key(rid: str) -> str:
    """An id's letters and digits; an OSF registration's DOI, its page and its address are one id."""
    rid = re.sub(r"^(?:https?://)?(?:www\.)?(?:(?:dx\.)?doi\.org/10\.17605/|10\.17605/)?", "", str(rid).strip(),
                 flags=re.IGNORECASE)
    return re.sub(r"\W", "", rid).upper()


def same_registration(a: str, b: str) -> bool:
    """Two ids of one registration; 'ISRCTN96169987' and a bare '96169987' are the same."""
    a, b = sorted((registration_key(a), registration_key(b)), key=len)
    return a == b or (len(a) >= 6 and a.isdigit() and b.endswith(a))


def matched_registrations(wanted, got) -> int:
    """How many of the wanted ids are among those got."""
    return sum(any(same_registration(w, g) for g in got) for w in wanted)


def unit_key(unit: str) -> str:
    unit = str(unit).replace("μ", "µ").replace("mcg", "µg").replace("ug", "µg").replace(" ", "")
    return {"mg/kg/hr": "mg/kg/h", "mg/d": "mg/day", "µg/kg/hr": "µg/kg/h"}.get(unit, unit)


def dose_key(dose) -> tuple:
    return (float(dose["low"]), float(dose["high"]), unit_key(dose["unit"]))


def accepted(label: dict, predicted, compare=None) -> bool:
    """True when a prediction is one of the answers a label accepts."""
    compare = compare or (lambda a, b: a == b)
    return any(compare(predicted, answer) for answer in label["accept"])


def records(kind: str) -> dict:
    """{pmid: parsed record} for a labelled set, read from the real sample."""
    found = _labelled_records()
    return {e["pmid"]: found[e["pmid"]] for e in drawn(kind) if e["pmid"] in found}


@functools.cache
def _labelled_records() -> dict:
    """{pmid: parsed record} of every record either set labels, read from the real sample in one pass a process."""
    from harvest import parse
    from tests.conftest import SAMPLE_FILES, find_in_sample

    wanted = {e["pmid"] for kind in FIELDS for e in drawn(kind)}
    return {pmid: parse.parse_record(xml) for pmid, xml in find_in_sample(SAMPLE_FILES, wanted).items()}


# ---------------------------------------------------------------- the held-out half


def scores_of(kind: str):
    """The module that scores a set: tests.classification_scores or tests.extraction_scores."""
    from tests import classification_scores, extraction_scores

    return {"classify": classification_scores, "extract": extraction_scores}[kind]


def predictions_of(kind: str, labelled: list, found=None) -> dict:
    """{pmid: what the code answers} for every record of a labelled set (found: its records, if read)."""
    found, predict = found or records(kind), scores_of(kind).predict
    return {e["pmid"]: predict(found[e["pmid"]]) for e in labelled}


@functools.cache
def answers(kind: str) -> dict:
    """predictions_of every record of a set, once a process: the accuracy tests and the docs' check
    (tests/test_docs.py runs cog in the same process) share them."""
    return predictions_of(kind, load(kind))


def tuning_half(kind: str) -> tuple:
    """(labels, records, answers) of the half of a set whose disagreements the rule author reads."""
    entries, found = half(load(kind), "tuning"), records(kind)
    return entries, found, predictions_of(kind, entries, found)


def set_fixtures(kind: str) -> tuple:
    """The `labelled` and `predictions` fixtures of an accuracy test of one set, module-wide."""
    import pytest

    @pytest.fixture(scope="module")
    def labelled():
        return load(kind)

    @pytest.fixture(scope="module")
    def predictions(labelled, sample_files):
        return answers(kind)

    return labelled, predictions


def goal_text(kind: str, row: str) -> str:
    scores = scores_of(kind)
    goal = scores.GOALS.get(row)
    if goal:
        return f"≥ {goal:.2f}"
    most_wrong = getattr(scores, "MOST_WRONG", None)
    return f"≤ {most_wrong:.2f}" if most_wrong is not None and row.startswith("sample sizes given") else ""


def held_out_report(kind: str, labelled=None, predicted=None, goals_only=False) -> str:
    """One table: each row's share on the held-out half beside the tuning half, with its goal."""
    labelled = labelled or load(kind)
    predicted = predicted or predictions_of(kind, labelled)
    counts = scores_of(kind).counts
    heldout, tuned = counts(half(labelled, "heldout"), predicted), counts(half(labelled, "tuning"), predicted)
    lines = ["| row | held-out half (95% CI; count) | tuning half | goal |", "|---|---|---|---|"]
    for row, (hits, total) in heldout.items():
        goal = goal_text(kind, row)
        if goal or not goals_only:
            lines.append(f"| {row} | {share(hits, total)} | {share(*tuned[row])} | {goal} |")
    return "\n".join(lines) + "\n"


def held_out(kind: str, labelled, predicted, floors: dict, report_path) -> tuple:
    """(table, {row: share}, {row: share below its floor}) of the held-out half; the table also
    goes to report_path and the test's output, with the issue's goals not met yet."""
    table = held_out_report(kind, labelled, predicted)
    report_path.parent.mkdir(exist_ok=True)
    report_path.write_text(table, encoding="utf-8")
    print("\n" + table)
    scores, heldout = scores_of(kind), half(labelled, "heldout")
    share = {row: hits / total for row, (hits, total) in scores.counts(heldout, predicted).items() if total}
    print("held-out goals not met yet:", scores.shortfalls(heldout, predicted) or "none")
    return table, share, {row: share[row] for row, floor in floors.items() if share.get(row, 1) < floor}
