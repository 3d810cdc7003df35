"""Fit harvest/weights.json and harvest/conclusion_weights.json: the word weights that weigh the rules'
design and population again, and the patterns' choice of an unlabelled conclusion.

    .venv/bin/pip install scikit-learn          # once: only fitting needs it, the catalogue does not
    .venv/bin/python -m tests.train_weights      # or: make weights

The weights learn from the blind labels of the development part of the tuning half only (three quarters of it,
cut by tests/tune_classify.py): the check part stays unseen, so its figures, printed here as totals, say what
the weights do to records they were not fitted to; the held-out half is never read. Each field is a
multinomial logistic regression over the features harvest.weights.features names, each present or
not, fitted to the labels' first answers; weights below MIN_WEIGHT are dropped and the rest rounded,
so the file stays small and readable. The rules' own answers are among the features, so the weights
are fitted again whenever rules.yml's version changes (tests/test_weights.py holds them to it).

The conclusion's weights learn, from the same half of the blind extraction labels, which of the sentences
of an abstract that labels no conclusion a reader quoted (harvest.weights.sentence_features): a logistic
regression over every sentence the patterns could quote, the sentence quoted or not. Its words of one
letter and stop words keep their weights here: 'these', 'we' and 'may' are what a conclusion opens on.
Whether the patterns chose a sentence is among what it reads, so it is fitted again whenever extract.yml's
version changes.
"""

import json
import sys

from harvest import classify, extract, weights
from tests import blind
from tests.tune_classify import split

# Inverse strengths of the L2 penalty, each chosen on the check half's totals (with rounds to 210, when it was a
# half: design and population best at 0.5, 0.3 to 1 within 0.2 points; conclusions best at 0.3, 0.1 to 1 within
# 1.2 points; with rounds to 252, fitted to the three quarters, conclusions at 0.1, 0.2 and 0.5 did no better)
C_LABELS = 0.5
C_CONCLUSION = 0.3
MIN_RECORDS = 5  # a feature seen in fewer development records has no weight
MIN_WEIGHT = 0.05
DIGITS = 2


def development(entries) -> list:
    """The labelled records the weights may learn from: the development part of the tuning half."""
    return split(blind.half(entries, "tuning"))[0]


def ruled(record) -> tuple:
    """(notice, {field: (the rules' answer, the kind of their reason)}, what the rules' words count of a record
    without MeSH, the fields the weights may overrule): what harvest.weights reads of the rules, as
    harvest.classify gives it, and whether the record is a notice, which keeps the rules' answers."""
    view = classify.View(record)
    notice, said = classify.read_by_rules(view)
    return notice, classify.as_weighed(said), classify.words_counted(view, record), classify.weighable(said)


def informative(name: str) -> bool:
    """Words such as 'of' and 'the', and the publication type nearly every record has, get no weight:
    they say nothing a reader could check, and the check part loses nothing by it."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    name = name.removeprefix(weights.WITHOUT_ABSTRACT)
    return name != "p:journal article" and not (name.startswith("w:") and name[2:] in ENGLISH_STOP_WORDS)


def learns_from(table: str, record: dict) -> bool:
    """Whether a table of weights learns from a record: population's own for records without MeSH from those only
    (harvest.weights.table_for), the others from every record."""
    return table != "population without mesh" or not record.get("mesh")


def regression(rows, c: float) -> tuple:
    """(the names of the features, a logistic regression with penalty c) fitted to (features, label) rows: each
    feature present or not, those seen in fewer than MIN_RECORDS rows left out."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = CountVectorizer(analyzer=sorted, binary=True, min_df=MIN_RECORDS)
    matrix = vectoriser.fit_transform([found for found, _ in rows])
    return vectoriser.get_feature_names_out(), LogisticRegression(C=c, max_iter=10000).fit(
        matrix, [label for _, label in rows])


def fit(rows) -> dict:
    """One field's weights from (features, label) rows."""
    names, model = regression(rows, C_LABELS)
    answers = [str(a) for a in model.classes_]
    table = {}
    for name, column in zip(names, model.coef_.T):
        kept = {a: round(float(w), DIGITS) for a, w in zip(answers, column) if abs(w) >= MIN_WEIGHT}
        if kept:
            table[str(name)] = kept
    return {"answers": answers, "intercepts": [round(float(b), DIGITS) for b in model.intercept_],
            "weights": dict(sorted(table.items()))}


def conclusion_choices(entries, records):
    """(entry, sentence texts, candidates, the patterns' choice) of each labelled record whose abstract labels no
    conclusion, where the patterns choose among its sentences (harvest.extract.sentences_to_weigh)."""
    for e in entries:
        record = records[e["pmid"]]
        weighed = extract.sentences_to_weigh(extract.Reading(record, classify.classify(record)))
        if weighed:
            yield e, *weighed


def quoted(label: dict, text: str) -> bool:
    """Whether a sentence is (in) a conclusion the readers accept."""
    return any(answer and blind.same_text(answer, text) for answer in label["accept"])


def fit_conclusions(entries, records) -> dict:
    """The conclusion's weights, from each candidate sentence of the records given whose label one reader was
    sure of or two agreed on, and that states a conclusion."""
    rows = [(weights.sentence_features(texts, i, at), quoted(e["conclusion"], texts[i]))
            for e, texts, candidates, at in conclusion_choices(
                [e for e in entries if e["conclusion"]["status"] in blind.TRUSTED and e["conclusion"]["value"]],
                records)
            for i in candidates]
    names, model = regression(rows, C_CONCLUSION)
    table = {str(name): round(float(w), DIGITS) for name, w in zip(names, model.coef_[0]) if abs(w) >= MIN_WEIGHT}
    return {"intercept": round(float(model.intercept_[0]), DIGITS), "weights": dict(sorted(table.items()))}


def conclusions_on_check_part(table, entries, records) -> tuple:
    """(records, right by the patterns alone, right weighed, changed, became right, became wrong) on the check
    part's abstracts that label no conclusion (labels one reader was sure of, or two agreed on)."""
    check = [e for e in split(blind.half(entries, "tuning"))[1] if e["conclusion"]["status"] in blind.TRUSTED]
    outcomes = []
    for e, texts, candidates, at in conclusion_choices(check, records):
        chosen = weights.conclusion_at(texts, candidates, at, table)
        right = lambda i: blind.contains("conclusion", e["conclusion"]["accept"], texts[i])
        outcomes.append((right(at), right(chosen), chosen != at))
    return tally(outcomes)


def tally(outcomes) -> tuple:
    """(records, right before, right after, changed, became right, became wrong) of (right before, right after,
    changed) outcomes: what weighing did on the check part."""
    outcomes = list(outcomes)
    return (len(outcomes), sum(before for before, _, _ in outcomes), sum(after for _, after, _ in outcomes),
            sum(changed for _, _, changed in outcomes),
            sum(changed and after and not before for before, after, changed in outcomes),
            sum(changed and before and not after for before, after, changed in outcomes))


def feature_lines(weights_given: dict, indent: str) -> list:
    """The lines of a JSON object of weights, one feature a line, so a fit again shows in a diff as the weights it
    moved."""
    items = list(weights_given.items())
    return [f"{indent}{json.dumps(k)}: {json.dumps(v)}" + ("," if i < len(items) - 1 else "")
            for i, (k, v) in enumerate(items)]


def written_conclusions(data: dict) -> str:
    """conclusion_weights.json's text, one feature a line."""
    lines = ["{", f'  "patterns_version": {json.dumps(data["patterns_version"])},',
             f'  "fitted_to": {json.dumps(data["fitted_to"])},', f'  "intercept": {json.dumps(data["intercept"])},',
             '  "weights": {']
    return "\n".join(lines + feature_lines(data["weights"], "    ") + ["  }", "}"]) + "\n"


def written(data: dict) -> str:
    """weights.json's text: one feature a line, so a fit again shows in a diff as the weights it moved."""
    lines = ["{", f'  "rules_version": {json.dumps(data["rules_version"])},',
             f'  "fitted_to": {json.dumps(data["fitted_to"])},']
    for n, table in enumerate(weights.TABLES):
        spec = data[table]
        lines += [f'  "{table}": {{', f'    "answers": {json.dumps(spec["answers"])},',
                  f'    "intercepts": {json.dumps(spec["intercepts"])},', '    "weights": {']
        lines += feature_lines(spec["weights"], "      ")
        lines += ["    }", "  }" + ("," if n < len(weights.TABLES) - 1 else "")]
    return "\n".join(lines + ["}"]) + "\n"


def on_check_part(table, entries, records) -> dict:
    """{field: (records, right by the rules alone, right weighed, changed, became right, became wrong)}: what a
    table of weights does on the check part, which it was not fitted to (labels one reader was sure of, or two
    agreed on). Notices keep the rules' answers, as harvest.classify keeps them."""
    check = split(blind.half(entries, "tuning"))[1]
    answers = {}  # pmid -> (the rules' answers, the answers weighed)
    for e in check:
        record = records[e["pmid"]]
        notice, said, counted, fields = ruled(record)
        weighed = {} if notice else weights.weigh(record, said, table, counted, fields)
        answers[e["pmid"]] = ({f: said[f][0] for f in said}, {f: weighed.get(f, said[f])[0] for f in said})
    return {field: tally((by_rules[field] in e[field]["accept"], by_weights[field] in e[field]["accept"],
                          by_weights[field] != by_rules[field])
                         for e in check if e[field]["status"] in blind.TRUSTED
                         for by_rules, by_weights in [answers[e["pmid"]]])
            for field in weights.FIELDS}


def main():
    entries, records = blind.load("classify"), blind.records("classify")
    learning = development(entries)
    found = {e["pmid"]: {name for name in weights.features(records[e["pmid"]], *ruled(records[e["pmid"]])[1:3])
                         if informative(name)} for e in learning}
    data = {"rules_version": classify.RULES_VERSION,
            "fitted_to": f"{len(learning)} records of the development part of the blind tuning half"}
    for table in weights.TABLES:
        field = table.split()[0]
        rows = [({name for name in found[e["pmid"]] if weights.reads_as(table, name)}, e[field]["value"])
                for e in learning if e[field]["value"] and learns_from(table, records[e["pmid"]])]
        data[table] = fit(rows)
    weights.WEIGHTS_PATH.write_text(written(data), encoding="utf-8")
    print(f"wrote {weights.WEIGHTS_PATH.name}: " + ", ".join(
        f"{table} {len(data[table]['weights'])} features" for table in weights.TABLES))
    for field, (total, alone, weighed, *_) in on_check_part(weights.Table(data), entries, records).items():
        print(f"check part, {field}: rules alone {alone}/{total}, weighed {weighed}/{total}")
    main_conclusions()


def main_conclusions():
    entries, records = blind.load("extract"), blind.records("extract")
    learning = development(entries)
    data = {"patterns_version": extract.VERSION,
            "fitted_to": f"{len(learning)} records of the development part of the blind tuning half",
            **fit_conclusions(learning, records)}
    weights.CONCLUSION_WEIGHTS_PATH.write_text(written_conclusions(data), encoding="utf-8")
    print(f"wrote {weights.CONCLUSION_WEIGHTS_PATH.name}: {len(data['weights'])} features")
    total, alone, weighed, *_ = conclusions_on_check_part(weights.SentenceWeights(data), entries, records)
    print(f"check part, conclusions of abstracts that label none: patterns alone {alone}/{total}, "
          f"weighed {weighed}/{total}")


if __name__ == "__main__":
    sys.exit(main())
