"""Merge the blind reads into one labelled set: first reads, and second reads of the records a
first reader was unsure of. Usage: python tests/labelled/blind/merge_reads.py classify|extract OUT.yml

Per field: a sure first read stands; otherwise two reads that agree (or where one's answer is
among the other's alternatives) give an agreed label; two that do not are 'disputed', and
either reader's answers are accepted.
"""
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
kind, out = sys.argv[1], sys.argv[2]
sets = {e["pmid"]: e for e in json.load(open(HERE / "sets.json"))[kind]}

FIELDS = {
    "classify": ["design", "population", "conditions", "routes", "ketamine", "pain"],
    "extract": ["sample_size", "studies_included", "registrations", "randomised", "blinding",
                "placebo_controlled", "comparators", "follow_up_days", "ketamine_doses", "conclusion"],
}[kind]
SETS = {"conditions", "routes", "comparators", "registrations", "ketamine_doses"}


# Quotes compare as the accuracy tests compare them.
sys.path.insert(0, str(HERE.parents[2]))
from tests.blind import same_text  # noqa: E402


def key(field, value):
    """A hashable form of a value, so that answers can be compared."""
    if field == "registrations":
        return frozenset(re.sub(r"\W", "", r["id"]).upper() for r in value or [])
    if field == "ketamine_doses":
        return frozenset((float(d["low"]), float(d["high"]), str(d["unit"]).replace("μ", "µ").replace("mcg", "µg"))
                         for d in value or [])
    if field in SETS:
        return frozenset(str(v).lower() for v in value or [])
    if field == "follow_up_days" and value is not None:
        return round(float(value), 1)
    return value


def alternatives(entry, field) -> list:
    """The reader's answer first, then each alternative the reader gave."""
    answers = [entry.get(field)]
    also = (entry.get("also") or {}).get(field, "__none__")
    if also == "__none__":
        return answers
    if field in SETS:
        if also and all(isinstance(a, list) for a in also):
            answers += also
        else:
            answers.append(also)
    elif isinstance(also, list):
        answers += also
    else:
        answers.append(also)
    return answers


def agree(field, a, b) -> bool:
    if field == "conclusion":
        return same_text(a, b)
    return key(field, a) == key(field, b)


def contains(field, answers, value) -> bool:
    return any(agree(field, a, value) for a in answers)


def merge_field(field, first, second):
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


# Fields the codebook answers with true or false. A reader may quote the answer ('no'), which YAML then reads as text.
YES_NO = {"ketamine", "pain", "randomised", "placebo_controlled"}
SAID = {"yes": True, "true": True, "no": False, "false": False}


def as_written_meant(entry) -> dict:
    """A read with quoted yes/no answers taken as the true or false they say."""
    for answers in (entry, entry.get("also") or {}):
        for field in YES_NO & answers.keys():
            said = answers[field].strip().lower() if isinstance(answers[field], str) else None
            if said in SAID:
                answers[field] = SAID[said]
    return entry


def reads(which):
    found = {}
    for path in sorted(HERE.glob(f"reads/{kind}-{which}-*.yml")):
        for entry in yaml.safe_load(path.read_text()) or []:
            found[entry["pmid"]] = as_written_meant(entry)
    return found


HEADER = {
    "classify": "# Blind labels of design, population, conditions, routes and scope (tests/labelled/blind/README.md).\n",
    "extract": "# Blind labels of what records state about their studies (tests/labelled/blind/README.md).\n",
}
firsts, seconds = reads("first"), reads("second")
merged = []
for pmid, drawn in sets.items():
    first = firsts[pmid]
    second = seconds.get(pmid)
    entry = {"pmid": pmid, "half": drawn["half"], "stratum": drawn["stratum"], "reads": 2 if second else 1}
    for field in FIELDS:
        entry[field] = merge_field(field, first, second)
    merged.append(entry)
class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def dump(entries) -> str:
    """One line per field: easy to read and to diff."""
    lines = []
    for e in entries:
        lines.append(f"- pmid: {e['pmid']}")
        for k, v in e.items():
            if k == "pmid":
                continue
            text = yaml.dump(v, Dumper=Dumper, default_flow_style=True, allow_unicode=True, width=10**6)
            text = text.removesuffix("\n...\n").strip()
            lines.append(f"  {k}: {text}")
    return "\n".join(lines) + "\n"


Path(out).write_text(HEADER[kind] + dump(merged))
status = {}
for e in merged:
    for f in FIELDS:
        status.setdefault(f, {}).setdefault(e[f]["status"], 0)
        status[f][e[f]["status"]] += 1
for f, s in status.items():
    print(f, s)
