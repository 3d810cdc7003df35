"""Target 2 of make bench: do the rules cost the same however many there are?

    python bench/rules_doubled.py [--records N]

Builds, in memory and only here, a second rule set with every label of harvest/rules.yml and
every comparator and registry of harvest/extract.yml duplicated under a new name, then times
classification and extraction per record with each set, alternately, in one process (process
time, best of the rounds). The copies rank after the originals, so the records get the same
design and population either way; the bench checks that, and that the copies did match.
"""

import argparse
import copy
import itertools
import time
from pathlib import Path

from harvest import classify, extract, parse, read, read_yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = [ROOT / "data/sample/pubmed20n0014.xml.gz", ROOT / "data/sample/pubmed21n1298.xml.gz"]
COPY = "-copy"


def doubled_rules(data: dict) -> dict:
    """rules.yml's data with every label of every facet given twice, the second time as name-copy."""
    data = copy.deepcopy(data)
    for facet in classify.FACETS:
        labels = data[facet]["labels"]
        for key, spec in list(labels.items()):
            spec = dict(spec or {})
            labels[key + COPY] = {**spec, "as": spec.get("as", key) + COPY}
    design = data["design"]
    # The copies rank below every original design, so they never change a record's design.
    design["order"] = design["order"] + [n + COPY for n in design["overrides"] + design["order"]]
    design["cues"] = design["cues"] + [n + COPY for n in design["cues"]]
    design["clinical"] = design["clinical"] + [n + COPY for n in design["clinical"]]
    population = data["population"]
    population["clinical_designs"] = population["clinical_designs"] + [n + COPY for n in population["clinical_designs"]]
    for frame in design["frames"].values():
        for kind, names in frame.items():
            frame[kind] = names + [n + COPY for n in names]
    design["reported_as"] = {**design["reported_as"],
                             **{n + COPY: v for n, v in design["reported_as"].items()}}
    return data


def doubled_patterns(data: dict) -> dict:
    """extract.yml's data with every comparator and registry given twice."""
    data = copy.deepcopy(data)
    data["comparators"] = {**data["comparators"], **{f"{k}{COPY}": v for k, v in data["comparators"].items()}}
    data["registries"] = data["registries"] + [{**r, "name": r["name"] + COPY} for r in data["registries"]]
    return data


def sample_records(count: int) -> list:
    """The first count article records of each sample file, parsed."""
    records = []
    for path in SAMPLE:
        with read.open_input(path) as stream:
            chunks = (block[a:b] for block in read.iter_blocks(stream) for a, b in read.record_spans(block)
                      if b != -1 and not block.startswith(read.DELETE, a))
            records += [parse.parse_record(c) for c in itertools.islice(chunks, count)]
    return records


def label_all(records, rules, patterns) -> list:
    """Classify and extract every record with one rule set."""
    results = []
    for record in records:
        classification = classify.assess(record, rules)
        results.append((classification, extract.extract(record, classification, patterns)))
    return results


def copies_found(results) -> int:
    """How many labels the copies gave: none would mean they were never read."""
    return sum(label.endswith(COPY) for classification, _ in results
               for facet in ("conditions", "routes", "harms", "corrections") for label in classification[facet])


def main(records_per_file=3000, rounds=3) -> dict:
    records = sample_records(records_per_file)
    normal = (classify.RULES, extract.PATTERNS)
    doubled = (classify.compile_rules(doubled_rules(classify.RULES.data)),
               extract.Patterns(doubled_patterns(read_yaml(extract.PATTERNS_PATH))))
    doubled[0].weights = classify.RULES.weights  # the same word weights weigh both sets' answers
    doubled[1].conclusion_weights = extract.PATTERNS.conclusion_weights
    sides = {"normal": normal, "doubled": doubled}
    best, results = {name: float("inf") for name in sides}, {}
    for _ in range(rounds):  # alternately, so that a busy machine slows both alike
        for name, (rules, patterns) in sides.items():
            start = time.process_time()
            results[name] = label_all(records, rules, patterns)
            best[name] = min(best[name], time.process_time() - start)
    same = all(a[0]["design"] == b[0]["design"] and a[0]["population"] == b[0]["population"]
               for a, b in zip(results["normal"], results["doubled"]))
    per_record = {name: seconds / len(records) * 1000 for name, seconds in best.items()}
    return {"records": len(records), "labels": _label_count(classify.RULES),
            "doubled_labels": _label_count(doubled[0]), "normal_ms": per_record["normal"],
            "doubled_ms": per_record["doubled"], "ratio": per_record["doubled"] / per_record["normal"],
            "same_designs": same, "copies_found": copies_found(results["doubled"])}


def _label_count(rules) -> int:
    return sum(len(labels) for labels in rules.facets.values())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=3000, help="records read from each sample file")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for key, value in main(args.records, args.rounds).items():
        print(f"{key:16} {value:.3f}" if isinstance(value, float) else f"{key:16} {value}")
