"""How well the classifier does on the labelled set of real records (tests/labelled/records.yml).

The table of precision and recall per label goes to build/classifier-accuracy.md
and to the test output (shown with -s or -rP); the test fails when design,
population or route accuracy falls below 90%.
"""

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from harvest import classify, parse, read, vocabulary

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "labelled" / "records.yml"
REPORT = ROOT / "build" / "classifier-accuracy.md"
THRESHOLD = 0.90
GATED = ("design", "population", "routes")
SINGLE = ("design", "population", "ketamine_form", "retracted")
MULTI = ("conditions", "routes", "harms", "corrections")
FACETS = ("design", "population", "routes", "conditions", "harms", "ketamine_form", "retracted", "corrections")
CITATION_PMID = re.compile(rb"<MedlineCitation[^>]*>\s*<PMID Version=\"\d+\">(\d+)</PMID>")


@pytest.fixture(scope="session")
def labelled():
    return yaml.safe_load(LABELLED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_records(labelled, sample_files):
    """The labelled records parsed from the real sample, in one pass over each file."""
    wanted = {entry["pmid"] for entry in labelled}
    found = {}
    for path in sample_files:  # a later file's version replaces an earlier one
        with read.open_input(path) as stream:
            for block in read.iter_blocks(stream):
                found.update(_records_in(block, wanted))
    return found


def _records_in(block: bytes, wanted: set) -> dict:
    """{pmid: record} for the wanted records in one block of a PubMed XML file."""
    found = {}
    for match in CITATION_PMID.finditer(block):
        pmid = int(match.group(1))
        if pmid in wanted:
            start = block.rfind(b"<PubmedArticle>", 0, match.start())
            end = block.find(b"</PubmedArticle>", match.end()) + len(b"</PubmedArticle>")
            found[pmid] = parse.parse_record(block[start:end])
    return found


@pytest.fixture(scope="session")
def predictions(labelled, sample_records):
    return {entry["pmid"]: classify.classify(sample_records[entry["pmid"]]) for entry in labelled}


# ---------------------------------------------------------------- scoring


def acceptable(entry, facet) -> set:
    """The answers a labelled record accepts for a single-valued facet."""
    value = entry[facet]
    return set(value) if isinstance(value, list) else {value}


def primary(entry, facet):
    """The label a record is counted under when it is missed."""
    value = entry[facet]
    return value[0] if isinstance(value, list) else value


def is_correct(entry, predicted, facet) -> bool:
    if facet in SINGLE:
        return predicted[facet] in acceptable(entry, facet)
    return set(predicted[facet]) == set(entry[facet])


def tally(labelled, predictions, facet) -> dict:
    """{label: [true positives, false positives, false negatives]} for one facet."""
    counts = defaultdict(lambda: [0, 0, 0])
    for entry in labelled:
        got = predictions[entry["pmid"]][facet]
        if facet in SINGLE:
            right = got in acceptable(entry, facet)
            counts[got][0 if right else 1] += 1
            if not right:
                counts[primary(entry, facet)][2] += 1
            continue
        for label in set(got) | set(entry[facet]):
            counts[label][0 if label in got and label in entry[facet] else 1 if label in got else 2] += 1
    return counts


# The rules were revised while reading the misses on the first two groups; the
# held-out group was labelled afterwards and never used to change them.
GROUPS = ("random and ketamine", "targeted", "held-out")


def stratum_group(entry) -> str:
    stratum = entry["stratum"]
    return "targeted" if stratum.startswith("targeted") else stratum if stratum == "held-out" else "random and ketamine"


def accuracy(entries, predictions, facet) -> float:
    return sum(is_correct(e, predictions[e["pmid"]], facet) for e in entries) / len(entries)


def ratio(numerator, denominator) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "—"


def report(labelled, predictions) -> str:
    """The Markdown accuracy report: accuracy by facet and stratum, then precision and recall by label."""
    groups = {name: [e for e in labelled if stratum_group(e) == name] for name in GROUPS}
    lines = [
        f"Rules version {classify.RULES_VERSION}; {len(labelled)} labelled records: "
        + ", ".join(f"{len(groups[name])} {name}" for name in GROUPS) + ".",
        "Produced by `.venv/bin/pytest tests/test_classifier_accuracy.py`.", "",
        "| facet | all | " + " | ".join(GROUPS) + " |", "|---|---|" + "---|" * len(GROUPS),
    ]
    for facet in FACETS:
        cells = [f"{accuracy(group, predictions, facet):.3f}" for group in [labelled] + list(groups.values())]
        lines.append(f"| {facet} | " + " | ".join(cells) + " |")
    lines += ["", "| facet | label | labelled | predicted | precision | recall |", "|---|---|---|---|---|---|"]
    for facet in FACETS:
        for label, (tp, fp, fn) in sorted(tally(labelled, predictions, facet).items(), key=lambda kv: str(kv[0])):
            lines.append(f"| {facet} | {label} | {tp + fn} | {tp + fp} | {ratio(tp, tp + fp)} | {ratio(tp, tp + fn)} |")
    return "\n".join(lines) + "\n"


def misses(labelled, predictions) -> str:
    """Every wrong answer, one line each, for reading beside the labels."""
    lines = []
    for entry in labelled:
        got = predictions[entry["pmid"]]
        for facet in FACETS:
            if not is_correct(entry, got, facet):
                lines.append(f"- {entry['pmid']} {facet}: labelled {entry[facet]}, got {got[facet]}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- tests


def test_the_labelled_set_is_large_real_and_explained(labelled, sample_records):
    pmids = [entry["pmid"] for entry in labelled]
    assert len(pmids) >= 150 and len(set(pmids)) == len(pmids)
    assert set(pmids) <= set(sample_records), "every labelled record must be in the sample"
    for entry in labelled:
        assert {"design", "population", "routes", "conditions", "harms"} <= set(entry["why"]), entry["pmid"]
        if entry["retracted"] or entry["corrections"] or entry["ketamine_form"] != "unspecified":
            assert {"retracted", "corrections", "ketamine_form"} & set(entry["why"]), entry["pmid"]


def test_labels_are_values_the_classifier_can_give(labelled):
    known = {facet: set(vocabulary.FACETS[facet].values()) for facet in ("design", "population", "ketamine_form", *MULTI)}
    for entry in labelled:
        for facet in ("design", "population", "ketamine_form"):
            assert acceptable(entry, facet) <= known[facet], (entry["pmid"], facet)
        for facet in MULTI:
            assert set(entry[facet]) <= known[facet], (entry["pmid"], facet)


def test_accuracy_on_the_labelled_set(labelled, predictions):
    table = report(labelled, predictions)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(table + "\n## Misses\n\n" + misses(labelled, predictions), encoding="utf-8")
    print("\n" + table)
    low = {f: accuracy(labelled, predictions, f) for f in GATED if accuracy(labelled, predictions, f) < THRESHOLD}
    assert not low, f"accuracy below {THRESHOLD:.0%}: {low}\n{table}"


def test_scoring_counts_alternatives_and_misses():
    entries = [
        {"pmid": 1, "stratum": "x", "design": ["case-report", "observational"], "routes": ["oral"]},
        {"pmid": 2, "stratum": "x", "design": "rct", "routes": []},
    ]
    predicted = {1: {"design": "observational", "routes": ["oral", "topical"]}, 2: {"design": "review", "routes": []}}
    assert accuracy(entries, predicted, "design") == 0.5 and accuracy(entries, predicted, "routes") == 0.5
    design = tally(entries, predicted, "design")
    assert design["observational"] == [1, 0, 0] and design["review"] == [0, 1, 0] and design["rct"] == [0, 0, 1]
    assert tally(entries, predicted, "routes")["topical"] == [0, 1, 0]


# The issue's own examples, from the real sample.
DONE_WHEN = [
    (34092024, {"design": {"case-report", "observational"}, "population": {"human"}},
     {"conditions": "chronic-pain", "routes": "sublingual-buccal"}),
    (33962333, {"design": {"meta-analysis"}}, {"routes": "neuraxial"}),
    (34062414, {}, {"conditions": "crps"}),
    (34092549, {"design": {"protocol"}}, {}),
    (34091932, {"population": {"animal"}}, {}),
    (34089140, {"design": {"review"}}, {"conditions": "headache-migraine"}),
]


@pytest.mark.parametrize("pmid, one_of, contains", DONE_WHEN)
def test_the_issues_examples(sample_records, pmid, one_of, contains):
    got = classify.classify(sample_records[pmid])
    for facet, allowed in one_of.items():
        assert got[facet] in allowed, (facet, got[facet], got["classification_reasons"])
    for facet, label in contains.items():
        assert label in got[facet], (facet, got[facet], got["classification_reasons"])
