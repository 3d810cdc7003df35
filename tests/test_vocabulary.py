"""One vocabulary: every label the classifier and the extractor give is in harvest/vocabulary.yml,
which refuses rules that give another, and names and explains each one."""

import copy
import json
from pathlib import Path

import pytest
import sqlite_utils

from harvest import classify, extract, read_yaml, schema, vocabulary


def test_every_label_has_a_name_a_meaning_and_a_column_that_exists():
    for key, spec in read_yaml(vocabulary.VOCABULARY_PATH).items():
        for value, label in spec["labels"].items():
            assert set(label) <= {"name", "description", "kind", "from"}, (key, value, label)  # a stray comma
    for facet in vocabulary.FACETS.values():
        assert facet.description and facet.labels, facet.key
        generated = schema.GENERATED_COLUMNS["articles"]
        assert facet.column is None or facet.column in {**schema.ARTICLE_COLUMNS, **generated}, facet.key
        for label in facet.labels.values():
            assert label.name and label.description, (facet.key, label.value)


def test_the_rules_give_only_labels_of_the_vocabulary():
    vocabulary.check_rules(classify.RULES.data)
    names = {facet: {label.name for label in labels.values()} for facet, labels in classify.RULES.facets.items()}
    for facet in ("conditions", "routes", "harms", "corrections", "ketamine_form", "reviewed"):
        assert names[facet] <= set(vocabulary.FACETS[facet].values()), facet


@pytest.mark.parametrize("change, message", [
    (lambda data: data["conditions"]["labels"].update({"gout": {"text": ["gout"]}}), "conditions labels .*gout"),
    (lambda data: data["routes"]["labels"]["oral"].update({"as": "by-mouth"}), "routes labels .*by-mouth"),
    (lambda data: data["design"]["order"].append("cohort-study"), "design labels .*cohort-study"),
    (lambda data: data["evidence_level"]["levels"].update({"rct": 7}), "evidence_level labels .*7"),
    (lambda data: data["evidence_level"]["preclinical"].append("plants"), "population labels .*plants"),
])
def test_rules_that_give_an_unknown_label_are_refused(tmp_path, change, message):
    data = copy.deepcopy(read_yaml(classify.RULES_PATH))
    change(data)
    path = tmp_path / "rules.yml"
    path.write_text(json.dumps(data))  # JSON is YAML
    with pytest.raises(vocabulary.VocabularyError, match=message):
        classify.load_rules(path)


def test_extraction_patterns_with_an_unknown_blinding_are_refused(tmp_path):
    data = copy.deepcopy(read_yaml(extract.PATTERNS_PATH))
    data["blinding"]["quadruple"] = ["quadruple"]
    path = tmp_path / "extract.yml"
    path.write_text(json.dumps(data))
    with pytest.raises(vocabulary.VocabularyError, match="blinding labels .*quadruple"):
        extract.load_patterns(path)


@pytest.mark.parametrize("size, band", [(1, "<20"), (19, "<20"), (20, "20–49"), (499, "100–499"), (500, "≥500"),
                                        (None, "not stated")])
def test_sample_size_bands_are_the_vocabulary_s(size, band):
    found = None if size is None else extract.Found(size, None)
    assert extract.band(found) == band


def test_designs_of_each_kind():
    assert set(vocabulary.SYNTHESES) == {"meta-analysis", "systematic-review"}
    assert {"rct", "case-report", "protocol"} <= set(vocabulary.PRIMARY_STUDIES)
    assert extract.NOT_A_STUDY == {"guideline", "review", "letter-editorial", "other"}


def test_a_catalogue_holds_only_labels_of_the_vocabulary(sample_db):
    db = sqlite_utils.Database(sample_db)
    seen = set()
    for facet in vocabulary.FACETS.values():
        if facet.column is None:
            continue
        sql = (f"select distinct j.value from articles, json_each(coalesce(articles.[{facet.column}], '[]')) j"
               if facet.many else f"select distinct [{facet.column}] from articles where [{facet.column}] is not null")
        held = {row[0] for row in db.execute(sql)}
        assert held <= set(facet.values()), (facet.key, held - set(facet.values()))
        seen |= {facet.key} if held else set()
    assert {"design", "population", "conditions", "routes", "evidence_level", "sample_size_band"} <= seen


def test_metadata_column_descriptions_list_every_label():
    for facet in vocabulary.FACETS.values():
        described = vocabulary.column_description(facet)
        assert described.startswith(facet.description) and all(str(v) in described for v in facet.values())


def test_the_shortcuts_filter_by_labels_of_the_vocabulary():
    metadata = read_yaml(Path(__file__).resolve().parent.parent / "metadata.yml")
    by_column = {facet.column: facet for facet in vocabulary.FACETS.values() if facet.column}
    for key, shortcut in metadata["plugins"]["catalogue"]["shortcuts"].items():
        for argument, value in shortcut["filters"].items():
            column = argument.split("__")[0]
            vocabulary.require(by_column[column].key, str(value).split(","), f"metadata.yml shortcut {key}")
