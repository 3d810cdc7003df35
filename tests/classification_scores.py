"""How the classifier's answers compare with the blind labels (tests.blind.load('classify'))."""

from harvest import classify, scope
from tests import blind

# The goals: {row: goal}
GOALS = {
    "design": 0.93,
    "population": 0.93,
    "routes exactly right (ketamine records)": 0.90,
    "conditions exactly right (ketamine records)": 0.90,
    "scope (about ketamine and pain)": 0.95,
}


def predict(record: dict) -> dict:
    found = classify.classify(record)
    return {"design": found["design"], "population": found["population"], "conditions": found["conditions"],
            "routes": found["routes"], "scope": scope.in_scope(record), "reasons": found["classification_reasons"]}


def same_set(predicted, answer) -> bool:
    return set(predicted or []) == set(answer or [])


def right(entry, predicted, field) -> bool:
    if field in ("conditions", "routes"):
        return blind.accepted(entry[field], predicted[field], same_set)
    return blind.accepted(entry[field], predicted[field])


def labelled_scope(entry):
    """The scope a label gives: about ketamine and about pain."""
    return bool(entry["ketamine"]["value"]) and bool(entry["pain"]["value"])


def scope_trusted(entry) -> bool:
    return all(entry[f]["status"] in blind.TRUSTED for f in ("ketamine", "pain"))


def counts(entries, predictions) -> dict:
    rows = {}
    for field in ("design", "population"):
        group = [e for e in entries if e[field]["status"] in blind.TRUSTED]
        rows[field] = (sum(right(e, predictions[e["pmid"]], field) for e in group), len(group))
    ketamine = [e for e in entries if e["stratum"] == "ketamine"]
    for field in ("routes", "conditions"):
        group = [e for e in ketamine if e[field]["status"] in blind.TRUSTED]
        rows[f"{field} exactly right (ketamine records)"] = (
            sum(right(e, predictions[e["pmid"]], field) for e in group), len(group))
    for field in ("design", "population"):
        group = [e for e in ketamine if e[field]["status"] in blind.TRUSTED]
        rows[f"{field} (ketamine records)"] = (sum(right(e, predictions[e["pmid"]], field) for e in group), len(group))
    others = [e for e in entries if e["stratum"] != "ketamine"]
    for field in ("routes", "conditions"):
        group = [e for e in others if e[field]["status"] in blind.TRUSTED]
        rows[f"{field} exactly right (other records)"] = (
            sum(right(e, predictions[e["pmid"]], field) for e in group), len(group))
    group = [e for e in entries if scope_trusted(e)]
    rows["scope (about ketamine and pain)"] = (
        sum(predictions[e["pmid"]]["scope"] == labelled_scope(e) for e in group), len(group))
    return rows


def report(entries, predictions, heading) -> str:
    lines = [f"| {heading} | share (95% CI; count) | goal |", "|---|---|---|"]
    for row, (hits, total) in counts(entries, predictions).items():
        lines.append(f"| {row} | {blind.share(hits, total)} | {blind.goal_text('classify', row)} |")
    return "\n".join(lines) + "\n"


def shortfalls(entries, predictions) -> dict:
    rows = counts(entries, predictions)
    return {row: rows[row][0] / rows[row][1] for row, goal in GOALS.items()
            if rows[row][1] and rows[row][0] / rows[row][1] < goal}
