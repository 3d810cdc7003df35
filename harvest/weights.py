"""A second reading of design and population: the rules' answers weighed with the record's words.

The rules (rules.yml) answer first. Their design and population, the kinds of reason they gave, the
words of the title and abstract, the MeSH headings and the publication types are then scored against
each design and each population with word weights (weights.json beside this module), fitted by
`tests/train_weights.py` to blind labels of the development half of the tuning half only: never the
check half, never the held-out half. Where the weights give another answer than the rules' more than
even odds, it stands, and its reason names the words that tipped it and what the rules had said.
Population is weighed only for records indexed with MeSH: without MeSH the weights lean on the words of
a clinic, and gave a clinical study of dogs to people (docs/classification.md). The weights are part of
the rules: they are fitted to one rules version and fitted again whenever it changes
(tests/test_weights.py holds them to it).

Pure: weights.json is read once, on import; no network, database or clock.
"""

import json
import re
from pathlib import Path

import numpy

WEIGHTS_PATH = Path(__file__).with_name("weights.json")
FIELDS = ("design", "population")
NEEDS_MESH = frozenset({"population"})  # fields weighed only for records indexed with MeSH
WORD = re.compile(r"[a-z][a-z0-9-]+")
SHOWN = 3  # features named in a reason
REASON = "word weights fitted to blind labels"  # how a reason the weights gave begins
# The weights overrule the rules only where they hold their answer likelier than all the others together;
# short of that the rules' answer stands, with a reason a reader can check. On the check half, overruling
# below these odds too would right 102 more records and make 62 wrong (docs/classification.md).
ODDS = 0.5


def features(record: dict, ruled: dict) -> set:
    """What the weights read, each as one name: the words of the title and abstract ("w:cohort"), MeSH
    headings ("m:retrospective studies"), publication types ("p:letter"), and for design and population
    the rules' answer ("rd:case-report") and the kind of reason they gave ("kd:title: '…'"), and whether
    the record has an abstract and MeSH headings (and the rules' answers where it has none); ruled is
    {field: (the rules' answer, the kind of their reason)} (classify.reason_kind)."""
    abstract = record.get("abstract") or ""
    found = {"w:" + word for word in WORD.findall(f"{record.get('title') or ''} {abstract}".lower())}
    found.update("m:" + h["descriptor"].lower() for h in record.get("mesh") or () if h.get("descriptor"))
    found.update("p:" + t["name"].lower() for t in record.get("publication_types") or () if t.get("name"))
    indexed = bool(record.get("mesh"))
    for field, (answer, kind) in ruled.items():
        found.update((f"r{field[0]}:{answer}", f"k{field[0]}:{kind}"))
        if not indexed:  # not indexed yet: the rules' answers weigh otherwise without MeSH to read
            found.add(f"no mesh+r{field[0]}:{answer}")
    if not abstract.strip():
        found.add("no abstract")
    if not indexed:
        found.add("no mesh")
    return found


class Weights:
    """One field's fitted weights: its answers, their intercepts and each feature's weight for each answer,
    as rows of a matrix numbered by `rows` (shared by the fields, so that a record's features are looked up
    once and its scores are one sum over their rows)."""

    def __init__(self, spec: dict, rows: dict):
        self.answers = tuple(spec["answers"])
        index = {answer: i for i, answer in enumerate(self.answers)}
        self.intercepts = numpy.array(spec["intercepts"], dtype=float)
        self.matrix = numpy.zeros((len(rows), len(self.answers)))
        for name, by_answer in spec["weights"].items():
            for answer, weight in by_answer.items():
                self.matrix[rows[name], index[answer]] = weight

    def odds(self, rows: list) -> list:
        """Each answer's probability (the softmax of its score) for a record with features of these rows."""
        scores = self.intercepts + self.matrix[rows].sum(axis=0)
        exps = numpy.exp(scores - scores.max())
        return (exps / exps.sum()).tolist()

    def tipping(self, named: dict, chosen: int, rules: int) -> list:
        """Of the features a reason can name ({name: row}), those that most favour the chosen answer over
        the rules' one, strongest first."""
        leads = sorted(((self.matrix[row, rules] - self.matrix[row, chosen], name) for name, row in named.items()))
        return [name for lead, name in leads if lead < 0][:SHOWN]


class Table:
    """The weights of every field, read from weights.json."""

    def __init__(self, data: dict):
        self.rules_version = data["rules_version"]
        names = sorted({name for field in FIELDS for name in data[field]["weights"]})
        self.rows = {name: row for row, name in enumerate(names)}
        self.fields = {field: Weights(data[field], self.rows) for field in FIELDS}


def load(path=WEIGHTS_PATH) -> Table:
    return Table(json.loads(Path(path).read_text(encoding="utf-8")))


WEIGHTS = load()


def shown(name: str) -> str | None:
    """A feature as a reason names it ('cohort', MeSH 'Retrospective Studies', PT 'Letter'), or None for
    what the rules said, which the reason gives in full."""
    kind, _, value = name.partition(":")
    return {"w": f"'{value}'", "m": f"MeSH '{value}'", "p": f"PT '{value}'"}.get(kind)


def weigh(record: dict, ruled: dict, table: Table = WEIGHTS) -> dict:
    """{field: (answer, reason)} for each field whose weights give another answer than the rules' more
    than even odds (ruled: {field: (the rules' answer, the kind of their reason)}); a field the weights
    leave alone is not in it."""
    present = {name: table.rows[name] for name in features(record, ruled) if name in table.rows}
    rows = sorted(present.values())  # summed in one order whatever the set's, so every process gives the same odds
    changed = {}
    for field, fitted in table.fields.items():
        if field in NEEDS_MESH and not record.get("mesh"):
            continue
        rules_answer = ruled[field][0]
        odds = fitted.odds(rows)
        best = max(range(len(odds)), key=odds.__getitem__)
        if fitted.answers[best] == rules_answer or rules_answer not in fitted.answers or odds[best] <= ODDS:
            continue
        named = {name: row for name, row in present.items() if shown(name)}
        words = ", ".join(map(shown, fitted.tipping(named, best, fitted.answers.index(rules_answer))))
        changed[field] = (fitted.answers[best], f"{REASON} give it {min(odds[best], 0.99):.0%} "
                                                f"over the rules' '{rules_answer}'" + (f" ({words})" if words else ""))
    return changed
