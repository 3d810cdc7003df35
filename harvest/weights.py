"""A second reading of design and population, and of the sentence that states an abstract's conclusion:
the rules' answers weighed with the record's words.

The rules (rules.yml) answer first. Their design and population, the kinds of reason they gave, the
words of the title and abstract (and the title's own words and pairs of words), the MeSH headings and
their qualifiers, the publication types and the journal are then scored against
each design and each population with word weights (weights.json beside this module), fitted by
`tests/train_weights.py` to blind labels of the development part of the tuning half only: never the
check part, never the held-out half. Where the weights give another answer than the rules' more than
even odds, it stands, and its reason names the words that tipped it and what the rules had said.
Population has weights of its own for records not indexed with MeSH yet, fitted to such records only and
reading also whether the rules' words for people, animals and laboratory work stand in the title and which
of people and animals they name more: weights fitted to every record lean, without MeSH, on the words of a
clinic, and gave a clinical study of dogs to people (docs/classification.md). The weights are part of
the rules: they are fitted to one rules version and fitted again whenever it changes
(tests/test_weights.py holds them to it).

The same is done for the conclusion of an abstract that labels none (harvest/extract.py): each sentence
the patterns could quote is scored with weights (conclusion_weights.json) fitted to the sentences blind
readers quoted, on the development part only, reading its words, its first words, where it stands and
whether the patterns chose it; where another sentence scores higher than the patterns' choice, it is
quoted instead. They are fitted to one version of extract.yml, and fitted again when it changes.

Pure: the weights are read once, on import; no network, database or clock.
"""

import itertools
import json
import math
import re
from pathlib import Path

import numpy

WEIGHTS_PATH = Path(__file__).with_name("weights.json")
CONCLUSION_WEIGHTS_PATH = Path(__file__).with_name("conclusion_weights.json")
FIELDS = ("design", "population")
# The tables of weights.json: one for each field, and population's own for records without MeSH (table_for).
TABLES = ("design", "population", "population without mesh")
WORD = re.compile(r"[a-z][a-z0-9-]+")
SHOWN = 3  # features named in a reason
REASON = "word weights fitted to blind labels"  # how a reason the weights gave begins
# A record without an abstract reads each of its features twice for the tables named here, once as any record's
# and once as a record's without an abstract: a title, its MeSH and its publication types tell a design apart
# otherwise when they are all there is (a letter's title, a short report's). Population's tables learnt
# nothing from it on the check half, so they read each feature once (reads_as).
WITHOUT_ABSTRACT = "no abstract+"
READ_TWICE = ("design",)
# The weights overrule the rules only where they hold their answer likelier than all the others together;
# short of that the rules' answer stands, with a reason a reader can check. On the check half, overruling
# below these odds too would right 102 more records and make 62 wrong (docs/classification.md).
ODDS = 0.5


def table_for(field: str, record: dict) -> str:
    """The table of weights that weighs a field of a record: population's own for a record without MeSH."""
    return f"{field} without mesh" if field == "population" and not record.get("mesh") else field


def features(record: dict, ruled: dict, counted: frozenset = frozenset()) -> set:
    """What the weights read, each as one name: the words of the title and abstract ("w:cohort"), the
    title's words and pairs of words on their own ("t:case", "tb:case report": a title names what a record
    is), MeSH headings ("m:retrospective studies") and their qualifiers ("q:metabolism"), publication types
    ("p:letter"), the journal ("j:j biol chem"), and for design and population the rules' answer
    ("rd:case-report") and the kind of reason they gave ("kd:title: '…'"), and whether the record has an
    abstract and MeSH headings (and the rules' answers where it has none), and for a record without an
    abstract each of these again as such ("no abstract+m:humans", read by the tables of READ_TWICE); ruled
    is {field: (the rules' answer, the kind of their reason)} (classify.reason_kind), and counted what the
    rules' words for people, animals and laboratory work say of a record without MeSH
    (classify.words_counted: "title animals", "more animals")."""
    abstract = record.get("abstract") or ""
    title = WORD.findall((record.get("title") or "").lower())
    found = {"w:" + word for word in (*title, *WORD.findall(abstract.lower()))}
    found.update("t:" + word for word in title)
    found.update(f"tb:{first} {second}" for first, second in zip(title, title[1:]))
    found.update("m:" + h["descriptor"].lower() for h in record.get("mesh") or () if h.get("descriptor"))
    found.update("q:" + q["name"].lower() for h in record.get("mesh") or () for q in h.get("qualifiers") or ()
                 if q.get("name"))
    journal = record.get("journal_iso") or record.get("journal")
    if journal:
        found.add("j:" + journal.lower())
    found.update("p:" + t["name"].lower() for t in record.get("publication_types") or () if t.get("name"))
    indexed = bool(record.get("mesh"))
    for field, (answer, kind) in ruled.items():
        found.update((f"r{field[0]}:{answer}", f"k{field[0]}:{kind}"))
        if not indexed:  # not indexed yet: the rules' answers weigh otherwise without MeSH to read
            found.add(f"no mesh+r{field[0]}:{answer}")
    if not indexed:
        found.add("no mesh")
        found.update(counted)
    if not abstract.strip():
        found |= {WITHOUT_ABSTRACT + name for name in found}
        found.add("no abstract")
    return found


def reads_as(table: str, name: str) -> bool:
    """Whether a table of weights reads a feature: only those of READ_TWICE read a record's features again as
    one without an abstract."""
    return table in READ_TWICE or not name.startswith(WITHOUT_ABSTRACT)


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
        """Of what a reason can name ({as shown: the rows of the features shown so}), what most favours the
        chosen answer over the rules' one, strongest first."""
        leads = sorted((sum(self.matrix[row, rules] - self.matrix[row, chosen] for row in rows), shown_as)
                       for shown_as, rows in named.items())
        return [shown_as for lead, shown_as in leads if lead < 0][:SHOWN]


class Table:
    """The weights of every field, read from weights.json."""

    def __init__(self, data: dict):
        self.rules_version = data["rules_version"]
        names = sorted({name for table in TABLES for name in data[table]["weights"]})
        self.rows = {name: row for row, name in enumerate(names)}
        self.tables = {table: Weights(data[table], self.rows) for table in TABLES}
        # The words that carry weight anywhere in a record: a title's word that does not ("of", "an", given no
        # weight as a word, tests/train_weights.py) still tips the odds but says nothing a reader could check.
        self.words = {name[2:] for name in names if name.startswith("w:")}

    def nameable(self, name: str) -> bool:
        """Whether a reason may name a feature: what it shows, but for a title's stop word."""
        name = name.removeprefix(WITHOUT_ABSTRACT)
        return bool(shown(name)) and (not name.startswith("t:") or name[2:] in self.words)


def load(path=WEIGHTS_PATH) -> Table:
    return Table(json.loads(Path(path).read_text(encoding="utf-8")))


WEIGHTS = load()


def shown(name: str) -> str | None:
    """A feature as a reason names it ('cohort', MeSH 'Retrospective Studies', PT 'Letter'), or None for
    what the rules said, which the reason gives in full."""
    kind, _, value = name.removeprefix(WITHOUT_ABSTRACT).partition(":")
    return {"w": f"'{value}'", "t": f"title '{value}'", "tb": f"title '{value}'", "m": f"MeSH '{value}'",
            "q": f"MeSH qualifier '{value}'", "p": f"PT '{value}'", "j": f"journal '{value}'"}.get(kind)


def nameable_rows(present: dict, table: Table) -> dict:
    """{as a reason shows it: its rows} of the features present ({name: row}) that a reason may name: a word read
    once as any record's and once as a record's without an abstract is one word to a reader, weighing as both."""
    named = {}
    for name, row in sorted(present.items(), key=lambda item: item[1]):  # each sum in one order, in every process
        if table.nameable(name):
            named.setdefault(shown(name), []).append(row)
    return named


def weigh(record: dict, ruled: dict, table: Table = WEIGHTS, counted: frozenset = frozenset(),
          fields: tuple = FIELDS) -> dict:
    """{field: (answer, reason)} for each of the fields given whose weights give another answer than the rules'
    more than even odds (ruled: {field: (the rules' answer, the kind of their reason)}; counted: as features
    reads it); a field the weights leave alone is not in it."""
    present = {name: table.rows[name] for name in features(record, ruled, counted) if name in table.rows}
    rows = sorted(present.values())  # summed in one order whatever the set's, so every process gives the same odds
    changed = {}
    for field in fields:
        fitted = table.tables[table_for(field, record)]
        rules_answer = ruled[field][0]
        odds = fitted.odds(rows)
        best = max(range(len(odds)), key=odds.__getitem__)
        if fitted.answers[best] == rules_answer or rules_answer not in fitted.answers or odds[best] <= ODDS:
            continue
        words = ", ".join(fitted.tipping(nameable_rows(present, table), best, fitted.answers.index(rules_answer)))
        changed[field] = (fitted.answers[best], f"{REASON} give it {min(odds[best], 0.99):.0%} "
                                                f"over the rules' '{rules_answer}'" + (f" ({words})" if words else ""))
    return changed


# ---------------------------------------------------------------- the sentence that states a conclusion

SENTENCE_WORD = re.compile(r"\w+")
P_VALUE = re.compile(r"\bp\s*[<=>]", re.IGNORECASE)
DIGIT = re.compile(r"\d")


def sentence_features(texts: list, i: int, chosen: int) -> set:
    """What the conclusion's weights read of sentence i of an abstract's sentences (texts): its words
    ("w:suggest"), its first word and first two ("f1:these", "f2:these results"), how far it stands from
    the end and from the start ("end:0", "start:2"), its length in tens of words, whether it holds digits,
    a p value or a percentage, the first word of the sentence after it, and whether it is the one the
    patterns chose (chosen)."""
    words = SENTENCE_WORD.findall(texts[i].lower())
    following = SENTENCE_WORD.search(texts[i + 1].lower()) if i + 1 < len(texts) else None
    return {"w:" + word for word in words} | {
        kind + value for kind, value in _sentence_facts(texts, i, chosen, words, following and following.group())}


def _sentence_facts(texts: list, i: int, chosen: int, words: list, following: str | None):
    """(kind, value) of each feature sentence_features names but its words: ("f1:", "these"), ("digit", "")."""
    text = texts[i]
    yield from (("end:", str(min(len(texts) - 1 - i, 6))), ("start:", str(min(i, 3))),
                ("len:", str(min(len(words) // 10, 5))))
    if words:
        yield "f1:", words[0]
    if len(words) > 1:
        yield "f2:", f"{words[0]} {words[1]}"
    if DIGIT.search(text):
        yield "digit", ""
    if ("<" in text or "=" in text or ">" in text) and P_VALUE.search(text):  # most sentences hold none of the three
        yield "pval", ""
    if "%" in text:
        yield "pct", ""
    if following:
        yield "n1:", following
    if i == chosen:
        yield "rules", ""


class SentenceWeights:
    """The conclusion's weights: an intercept and each feature's weight (a logistic regression's), kept by
    the kind of feature ("w:", "f1:", "digit" ...) so that a sentence is scored without naming its features."""

    def __init__(self, data: dict):
        self.patterns_version = data["patterns_version"]
        self.intercept = float(data["intercept"])
        self.weights = data["weights"]
        self.by_kind = {}
        for name, weight in self.weights.items():
            kind, colon, value = name.partition(":")
            self.by_kind.setdefault(kind + colon, {})[value] = weight

    def sentence_score(self, texts: list, i: int, chosen: int, words: list, following: str | None) -> float:
        """The log-odds that sentence i is the one a reader quotes as the conclusion: the intercept and the weights
        of sentence_features(texts, i, chosen), read from the sentence's lower-cased words and the first word of
        the one after it without naming the features."""
        # fsum is exact, so that the order of a set's words (which differs between processes) changes nothing
        by_kind = self.by_kind
        parts = list(map(by_kind.get("w:", {}).get, set(words), itertools.repeat(0.0)))
        parts += [by_kind.get(kind, {}).get(value, 0.0)
                  for kind, value in _sentence_facts(texts, i, chosen, words, following)]
        return math.fsum(parts) + self.intercept


def load_conclusion_weights(path=CONCLUSION_WEIGHTS_PATH) -> SentenceWeights:
    return SentenceWeights(json.loads(Path(path).read_text(encoding="utf-8")))


def conclusion_at(texts: list, candidates: list, chosen: int, table: SentenceWeights) -> int:
    """Of the sentences the patterns could quote as the conclusion (candidates, indices of texts), the one
    the weights score highest where it scores higher than the patterns' choice; the choice otherwise."""
    words = {}
    for i in candidates:
        for j in (i, i + 1):
            if j < len(texts) and j not in words:
                words[j] = SENTENCE_WORD.findall(texts[j].lower())
    following = lambda i: (words[i + 1] or [None])[0] if i + 1 < len(texts) else None
    scores = {i: table.sentence_score(texts, i, chosen, words[i], following(i)) for i in candidates}
    best = max(candidates, key=lambda i: (scores[i], i))  # a tie goes to the later sentence, as the patterns' does
    return best if scores[best] > scores.get(chosen, float("-inf")) else chosen
