"""How the extractor's answers compare with the blind labels (tests.blind.load('extract'))."""

from harvest import classify, extract, load
from tests import blind

GOALS = {  # the goals, by row of the report
    "sample size exact (records that state one)": 0.90,
    "registry ids in DataBankList found": 1.00,
    "registry ids in text: precision": 0.98,
    "registry ids in text: recall": 0.98,
    "design signals agree": 0.90,
    "ketamine doses found, with unit (recall)": 0.85,
    "conclusion agrees": 0.90,
}
MOST_WRONG = 0.05  # of the sample sizes given, at most this share wrong
FIELDS_SCORED = ("sample_size", "studies_included", "registrations", "randomised", "blinding", "placebo_controlled",
                 "comparators", "follow_up_days", "ketamine_doses", "conclusion")
# A prediction that finds nothing at all, for building test cases.
EMPTY = {"sample_size": None, "studies_included": None, "registrations": [], "databank_ids": [], "randomised": None,
         "blinding": None, "placebo_controlled": None, "comparators": [], "follow_up_days": None,
         "ketamine_doses": [], "conclusion": None}


def predict(record: dict) -> dict:
    """The extractor's answers for one record, as plain values comparable with the labels."""
    found = extract.extract(record, classify.classify(record))
    value = lambda f: f.value if f else None
    kinds = {field: extract.value_kind(field, item.value, record, item.quote.start)
             for field in load.QUOTED_FIELDS if (item := getattr(found, field)) is not None}
    kinds.update({field: field for field in ("comparators", "registrations") if getattr(found, field)})
    return {
        "kinds": kinds,  # the kind of each value given, for the article page's figures
        "sample_size": value(found.sample_size),
        "studies_included": value(found.studies_included),
        "registrations": [r.registration_id for r in found.registrations],
        "databank_ids": [a for bank in record.get("databanks") or () for a in bank["accessions"]
                         if extract._registry_for_databank(bank["name"], extract.PATTERNS)],
        "randomised": value(found.randomised),
        "blinding": value(found.blinding),
        "placebo_controlled": value(found.placebo_controlled),
        "comparators": [c.value for c in found.comparators],
        "follow_up_days": value(found.follow_up_days),
        "ketamine_doses": [{"low": d.low, "high": d.high, "unit": d.unit} for d in found.doses],
        "conclusion": value(found.conclusion),
    }


def trusted(entries, field) -> list:
    return [e for e in entries if e[field]["status"] in blind.TRUSTED]


def follow_up_close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 0.1 * max(float(a), float(b), 1)


def as_set(values) -> set:
    return {str(v).lower() for v in values or []}


COMPARE = {
    "randomised": None, "blinding": None, "placebo_controlled": None,
    "comparators": lambda p, a: as_set(p) == as_set(a),
    "follow_up_days": follow_up_close,
    "conclusion": lambda p, a: blind.same_text(p, a),
    "sample_size": None, "studies_included": None,
}


def closest_registrations(label: dict, got: set) -> set:
    """The ids of the accepted answer nearest to those got: as for every other field, any answer
    the readers accept counts (two readers may differ on whether an OSF page is a registration)."""
    answers = [{blind.registration_key(r["id"]) for r in answer or []} for answer in label["accept"]]
    return max(answers, key=lambda want: 2 * blind.matched_registrations(want, got) - len(want) - len(got))


def same_registrations(label: dict, got: list) -> bool:
    """Whether the ids got are those of an answer the readers accept, all of them and no more."""
    ids = {blind.registration_key(r) for r in got}
    want = closest_registrations(label, ids)
    return blind.matched_registrations(want, ids) == len(want) == len(ids)


def counts(entries, predictions) -> dict:
    """{row: (hits, total)} for every row of the report."""
    rows = {}
    stated = [e for e in trusted(entries, "sample_size") if e["sample_size"]["value"] is not None]
    rows["sample size exact (records that state one)"] = (
        sum(blind.accepted(e["sample_size"], predictions[e["pmid"]]["sample_size"]) for e in stated), len(stated))
    given = [e for e in trusted(entries, "sample_size") if predictions[e["pmid"]]["sample_size"] is not None]
    rows["sample sizes given that are wrong"] = (
        sum(not blind.accepted(e["sample_size"], predictions[e["pmid"]]["sample_size"]) for e in given), len(given))
    reviews = [e for e in trusted(entries, "studies_included") if e["studies_included"]["value"] is not None]
    rows["studies included exact (reviews that state it)"] = (
        sum(blind.accepted(e["studies_included"], predictions[e["pmid"]]["studies_included"]) for e in reviews),
        len(reviews))
    banked = [(e, i) for e in entries for i in predictions[e["pmid"]]["databank_ids"]]
    rows["registry ids in DataBankList found"] = (
        sum(blind.matched_registrations([i], predictions[e["pmid"]]["registrations"]) for e, i in banked), len(banked))
    labelled_ids = predicted_ids = hits = 0
    for e in trusted(entries, "registrations"):
        got = {blind.registration_key(r) for r in predictions[e["pmid"]]["registrations"]}
        want = closest_registrations(e["registrations"], got)
        found = blind.matched_registrations(want, got)
        labelled_ids, predicted_ids, hits = labelled_ids + len(want), predicted_ids + len(got), hits + found
    rows["registry ids in text: precision"] = (hits, predicted_ids)
    rows["registry ids in text: recall"] = (hits, labelled_ids)
    signal_hits = signal_total = 0
    for field in ("randomised", "blinding", "placebo_controlled"):
        group = trusted(entries, field)
        right = sum(blind.accepted(e[field], predictions[e["pmid"]][field]) for e in group)
        rows[f"{field.replace('_', ' ')} agrees"] = (right, len(group))
        signal_hits, signal_total = signal_hits + right, signal_total + len(group)
    rows["design signals agree"] = (signal_hits, signal_total)
    doses_labelled = doses_found = doses_given = doses_right = 0
    for e in trusted(entries, "ketamine_doses"):
        want = {blind.dose_key(d) for d in e["ketamine_doses"]["value"] or []}
        got = {blind.dose_key(d) for d in predictions[e["pmid"]]["ketamine_doses"]}
        doses_labelled, doses_found = doses_labelled + len(want), doses_found + len(want & got)
        doses_given, doses_right = doses_given + len(got), doses_right + len(want & got)
    rows["ketamine doses found, with unit (recall)"] = (doses_found, doses_labelled)
    rows["ketamine doses given that are right (precision)"] = (doses_right, doses_given)
    for field in ("comparators", "follow_up_days"):
        group = trusted(entries, field)
        rows[f"{field.replace('_', ' ')} agree"] = (
            sum(blind.accepted(e[field], predictions[e["pmid"]][field], COMPARE[field]) for e in group), len(group))
    concluded = [e for e in trusted(entries, "conclusion") if e["conclusion"]["value"]]
    rows["conclusion agrees"] = (
        sum(blind.accepted(e["conclusion"], predictions[e["pmid"]]["conclusion"], COMPARE["conclusion"])
            for e in concluded), len(concluded))
    return rows


def report(entries, predictions, heading: str) -> str:
    rows = counts(entries, predictions)
    lines = [f"| {heading} | share (95% CI; count) | goal |", "|---|---|---|"]
    for row, (hits, total) in rows.items():
        lines.append(f"| {row} | {blind.share(hits, total)} | {blind.goal_text('extract', row)} |")
    return "\n".join(lines) + "\n"


def shortfalls(entries, predictions) -> dict:
    """Rows that miss their goal: {row: share}."""
    rows = counts(entries, predictions)
    missed = {row: rows[row][0] / rows[row][1] for row, goal in GOALS.items()
              if rows[row][1] and rows[row][0] / rows[row][1] < goal}
    hits, total = rows["sample sizes given that are wrong"]
    if total and hits / total > MOST_WRONG:
        missed["sample sizes given that are wrong"] = hits / total
    return missed
