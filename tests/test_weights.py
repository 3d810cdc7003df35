"""The word weights that weigh the rules' design and population again (harvest/weights.py)."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harvest import classify, extract, weights
from tests import blind, train_weights
from tests.tune_classify import split

RULED = {"design": ("other", "no study design named"), "population": ("human", "MeSH: Humans")}


def table(design_weights=None, population_weights=None, unindexed_weights=None,
          designs=("observational", "other")) -> weights.Table:
    """A toy table of weights: two designs, two populations (for records with MeSH, and for those without) and
    the weights given."""
    return weights.Table({
        "rules_version": "toy",
        "design": {"answers": list(designs), "intercepts": [0.0, 0.0], "weights": design_weights or {}},
        "population": {"answers": ["animal", "human"], "intercepts": [0.0, 0.0], "weights": population_weights or {}},
        "population without mesh": {"answers": ["animal", "human"], "intercepts": [0.0, 0.0],
                                    "weights": unindexed_weights or {}},
    })


def record(title, abstract=None, pt=("Journal Article",), mesh=()):
    return {"pmid": 1, "title": title, "abstract": abstract,
            "publication_types": [{"ui": None, "name": p} for p in pt],
            "mesh": [{"descriptor_ui": None, "descriptor": m, "major_topic": False, "qualifiers": []} for m in mesh]}


def test_the_weights_are_fitted_to_the_rules_they_weigh():
    """The rules' answers are among what the weights read: rules of another version need weights fitted
    to them (make weights)."""
    assert weights.WEIGHTS.rules_version == classify.RULES_VERSION


def test_weights_json_is_as_the_fitting_writes_it():
    text = weights.WEIGHTS_PATH.read_text(encoding="utf-8")
    assert train_weights.written(json.loads(text)) == text


@pytest.mark.parametrize("kind", ["classify", "extract"])
def test_the_weights_learn_from_the_development_half_only(kind):
    entries = blind.load(kind)
    learning = {e["pmid"] for e in train_weights.development(entries)}
    check = {e["pmid"] for e in split(blind.half(entries, "tuning"))[1]}
    held_out = {e["pmid"] for e in entries if e["half"] != "tuning"}
    assert learning and held_out and check
    assert not learning & held_out and not learning & check


def test_features_name_words_headings_types_and_what_the_rules_said(real_record):
    found = weights.features(real_record(34092024), {"design": ("case-series", "abstract: '…'"),
                                                     "population": ("human", "MeSH: Humans, no Animals")})
    assert {"w:ketamine", "w:troches", "w:sub-lingual", "p:journal article"} <= found
    assert {"rd:case-series", "kd:abstract: '…'", "rp:human", "kp:MeSH: Humans, no Animals"} <= found
    assert "no abstract" not in found and not any(name.startswith("w:") and name != name.lower() for name in found)
    assert {"m:ketamine", "m:haplorhini", "m:animals"} <= weights.features(real_record(402144), RULED)


def test_features_read_the_title_apart_the_mesh_qualifiers_and_the_journal():
    given = record("A case of porphyria", mesh=("Porphyrias",))
    given["mesh"][0]["qualifiers"] = [{"ui": None, "name": "Drug Therapy", "major_topic": False}]
    given["journal_iso"] = "J Pain"
    found = weights.features(given, RULED)
    assert {"t:case", "t:porphyria", "tb:case of", "tb:of porphyria"} <= found
    assert "t:a" not in found  # words of one letter are no words, as in the abstract's
    assert {"q:drug therapy", "j:j pain", "m:porphyrias", "w:case"} <= found
    assert not any(name.startswith(("t:", "tb:")) for name in weights.features(record(""), RULED))


def test_a_reason_names_title_qualifier_and_journal_features_as_such():
    assert weights.shown("tb:case of") == "title 'case of'"
    assert weights.shown("q:metabolism") == "MeSH qualifier 'metabolism'"
    assert weights.shown("j:j pain") == "journal 'j pain'"
    assert weights.shown("rd:other") is None


def test_a_reason_names_no_title_word_that_carries_no_weight_as_a_word():
    toy = table({"t:of": {"observational": 3.0}, "t:cohort": {"observational": 0.5}, "w:cohort": {"observational": 0.1},
                 "tb:cohort of": {"observational": 0.2}})
    design, reason = weights.weigh(record("A cohort of nurses"), RULED, toy)["design"]
    assert design == "observational"
    assert reason.endswith("(title 'cohort', title 'cohort of', 'cohort')"), reason


def test_a_record_without_an_abstract_says_so():
    assert "no abstract" in weights.features(record("Cohort of nurses"), RULED)


def test_a_record_without_an_abstract_reads_its_features_again_as_such_for_design():
    bare = weights.features(record("Cohort of nurses", mesh=("Humans",)), RULED)
    assert {"no abstract+w:cohort", "no abstract+m:humans", "no abstract+rd:other", "w:cohort"} <= bare
    assert "no abstract+no abstract" not in bare
    full = weights.features(record("Cohort of nurses", "Nurses were followed.", mesh=("Humans",)), RULED)
    assert not any(name.startswith(weights.WITHOUT_ABSTRACT) for name in full)
    assert weights.reads_as("design", "no abstract+w:cohort") and weights.reads_as("population", "w:cohort")
    assert not weights.reads_as("population", "no abstract+w:cohort")
    toy = table({"no abstract+w:cohort": {"observational": 3.0}})
    design, reason = weights.weigh(record("Cohort of nurses"), RULED, toy)["design"]
    assert design == "observational" and reason.endswith("('cohort')"), reason  # named as the word it is
    assert weights.weigh(record("Cohort of nurses", "Nurses were followed."), RULED, toy) == {}
    assert weights.shown("no abstract+m:humans") == "MeSH 'humans'" and weights.shown("no abstract+rd:other") is None
    # a word read twice is named once, weighing as both
    twice = table({"w:cohort": {"observational": 1.0}, "no abstract+w:cohort": {"observational": 1.0},
                   "w:nurses": {"observational": 1.5}})
    design, reason = weights.weigh(record("Cohort of nurses"), RULED, twice)["design"]
    assert reason.endswith("('cohort', 'nurses')"), reason


def test_what_the_rules_words_count_is_read_without_mesh_only():
    counted = frozenset({"more people"})
    assert "more people" in weights.features(record("Cohort of nurses"), RULED, counted)
    assert "more people" not in weights.features(record("Cohort of nurses", mesh=("Humans",)), RULED, counted)


# (design weights, the design the weights give, or None where the rules' answer stands)
WEIGHED_DESIGNS = [
    ({"w:cohort": {"observational": 3.0}}, "observational"),  # e^3 / (e^3 + 1): 95%
    ({"w:cohort": {"observational": 0.5}, "w:nurses": {"observational": 0.5}}, "observational"),  # 73%
    ({"w:cohort": {"observational": 1.0, "other": 1.0}}, None),  # even odds: the rules stand
    ({"w:cohort": {"other": 2.0}}, None),  # the rules' answer is the weights' too
    ({"w:retrospective": {"observational": 3.0}}, None),  # a word the record does not have
    ({}, None),
]


@pytest.mark.parametrize("design_weights, expected", WEIGHED_DESIGNS)
def test_the_weights_overrule_the_rules_only_past_even_odds(design_weights, expected):
    changed = weights.weigh(record("A cohort of nurses"), RULED, table(design_weights))
    assert changed.get("design", (None,))[0] == expected


def test_the_reason_gives_the_odds_and_the_words_that_tipped_it():
    toy = table({"w:cohort": {"observational": 2.0}, "m:cohort studies": {"observational": 1.0},
                 "w:nurses": {"observational": 0.5}, "w:a": {"observational": 0.1},
                 "rd:other": {"observational": 1.0}, "w:of": {"other": 0.4}})
    design, reason = weights.weigh(record("A cohort of nurses", mesh=("Cohort Studies",)), RULED, toy)["design"]
    assert design == "observational"
    assert reason.startswith("word weights fitted to blind labels give it 98% over the rules' 'other'")
    # strongest first, at most three, and what the rules said (rd:) is never named as a word
    assert reason.endswith("('cohort', MeSH 'cohort studies', 'nurses')")


def test_an_answer_the_weights_do_not_know_is_left_to_the_rules():
    ruled = {**RULED, "design": ("protocol", "title: 'protocol'")}
    assert weights.weigh(record("A cohort of nurses"), ruled, table({"w:cohort": {"observational": 5.0}})) == {}


def test_classify_weighs_the_rules_answers_and_levels_what_it_keeps(monkeypatch):
    monkeypatch.setattr(classify.RULES, "weights", table({"w:nurses": {"observational": 5.0}}))
    nurses = record("Nurses and their work", mesh=("Humans",))
    assert classify.read_by_rules(classify.View(nurses))[1]["design"][0] == "other"
    got = classify.classify(nurses)
    assert got["design"] == "observational" and got["evidence_level"] == 3
    assert got["classification_reasons"][0].startswith(
        "design: observational — word weights fitted to blind labels give it")
    assert "; the rules read: " in got["classification_reasons"][0]


def test_a_population_weighed_to_animals_levels_the_record_as_preclinical(monkeypatch):
    monkeypatch.setattr(classify.RULES, "weights", table(population_weights={"w:nurses": {"animal": 5.0}}))
    nurses = record("A cohort of nurses", "We followed 200 nurses for ten years.", mesh=("Humans",))
    assert classify.read_by_rules(classify.View(nurses))[1]["population"][0] == "human"
    got = classify.classify(nurses)
    assert got["population"] == "animal" and got["evidence_level"] == 5
    assert got["classification_reasons"][2].startswith("population: animal — word weights fitted to blind labels")


def test_population_is_weighed_by_its_own_weights_for_records_without_mesh():
    toy = table(population_weights={"w:rats": {"animal": 4.0}}, unindexed_weights={"title animals": {"animal": 4.0}})
    assert weights.weigh(record("Ketamine in rats", mesh=("Ketamine",)), RULED, toy)["population"][0] == "animal"
    assert "population" not in weights.weigh(record("Ketamine in rats"), RULED, toy)
    counted = frozenset({"title animals", "more animals"})
    assert weights.weigh(record("Ketamine in rats"), RULED, toy, counted)["population"][0] == "animal"
    # what the rules' words count is read of records without MeSH only
    assert "population" not in weights.weigh(record("Ketamine", mesh=("Ketamine",)), RULED, toy, counted)


# (title, abstract, what the rules' words for people, animals and laboratory work count)
COUNTED = [
    ("Thoracic surgery in dogs", "Records of 40 dogs were reviewed.", {"title animals", "more animals"}),
    ("Pain after surgery", "We followed 200 patients and their nurses.", {"more people"}),
    ("A note on surgery", "Nothing is said of whom.", {"as many"}),
]


@pytest.mark.parametrize("title, abstract, expected", COUNTED)
def test_words_counted_say_which_kinds_of_subject_the_rules_words_name(title, abstract, expected):
    assert classify.words_counted(classify.View(record(title, abstract)), record(title, abstract)) == expected
    indexed = record(title, abstract, mesh=("Humans",))
    assert classify.words_counted(classify.View(indexed), indexed) == frozenset()


def test_a_record_without_mesh_keeps_the_rules_population(real_record):
    """Without MeSH the weights lean on the words of a clinic: fitted weights gave this clinical study of
    dogs in a veterinary journal, not indexed yet, to people."""
    dogs = real_record(34091932)
    assert not dogs["mesh"]
    assert classify.classify(dogs)["population"] == "animal" == classify.read_by_rules(classify.View(dogs))[1]["population"][0]


def test_a_notice_is_not_weighed(monkeypatch):
    monkeypatch.setattr(classify.RULES, "weights", table({"w:cohort": {"observational": 9.0}},
                                                         {"w:cohort": {"animal": 9.0}}))
    got = classify.classify(record("Retraction note: a cohort of nurses", pt=("Retraction of Publication",),
                                   mesh=("Humans",)))
    assert got["design"] == "other" and got["population"] == "unknown"


def test_rules_compiled_elsewhere_carry_no_weights():
    assert classify.RULES.weights is weights.WEIGHTS
    assert classify.compile_rules(classify.RULES.data).weights is None


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=200), abstract=st.one_of(st.none(), st.text(max_size=600)),
       mesh=st.lists(st.sampled_from(["Humans", "Animals", "Rats", "Cohort Studies"]), max_size=3))
def test_any_text_is_weighed_without_error(title, abstract, mesh):
    got = classify.classify(record(title, abstract, mesh=tuple(mesh)))
    assert got["design"] in weights.WEIGHTS.tables["design"].answers + ("protocol", "guideline", "other")
    assert got["classification_reasons"][0].startswith(f"design: {got['design']} — ")


# ---------------------------------------------------------------- the sentence quoted as a conclusion

ABSTRACT = ["Forty fixture patients were treated.", "Pain fell in 30 of them (p < 0.01).",
            "These results suggest the fixture works.", "Further trials are needed."]


def sentence_table(weights_given=None, intercept=0.0) -> weights.SentenceWeights:
    return weights.SentenceWeights({"patterns_version": "toy", "intercept": intercept, "weights": weights_given or {}})


def test_the_conclusion_weights_are_fitted_to_the_patterns_they_weigh():
    """Whether the patterns chose a sentence is among what the weights read: patterns of another version need
    weights fitted to them (make weights)."""
    assert weights.load_conclusion_weights().patterns_version == extract.VERSION
    assert extract.PATTERNS.conclusion_weights.weights
    assert extract.load_patterns().conclusion_weights is None  # patterns loaded elsewhere carry none


def test_conclusion_weights_json_is_as_the_fitting_writes_it():
    text = weights.CONCLUSION_WEIGHTS_PATH.read_text(encoding="utf-8")
    assert train_weights.written_conclusions(json.loads(text)) == text


def test_sentence_features_name_its_words_place_and_the_patterns_choice():
    found = weights.sentence_features(ABSTRACT, 2, chosen=3)
    assert {"w:these", "w:suggest", "f1:these", "f2:these results", "end:1", "start:2", "n1:further"} <= found
    assert "rules" not in found and "digit" not in found
    assert {"rules", "end:0", "start:3"} <= weights.sentence_features(ABSTRACT, 3, chosen=3)
    assert {"digit", "pval", "n1:these"} <= weights.sentence_features(ABSTRACT, 1, chosen=3)
    assert not any(name.startswith("n1:") for name in weights.sentence_features(ABSTRACT, 3, chosen=3))


# (weights, the index chosen among sentences 1 to 3 where the patterns chose 3)
CHOSEN_SENTENCES = [
    ({"w:suggest": 2.0}, 2),
    ({"w:suggest": 2.0, "rules": 2.5}, 3),  # the patterns' choice scores higher
    ({"w:suggest": 2.0, "rules": 2.0}, 3),  # a tie: the patterns' choice stands
    ({"w:forty": 9.0}, 3),  # the first sentence is not among those the patterns could quote
    ({"w:fell": 1.0, "w:suggest": 0.5}, 1),
    ({}, 3),
]


@pytest.mark.parametrize("weights_given, expected", CHOSEN_SENTENCES)
def test_another_sentence_is_quoted_only_where_it_scores_higher(weights_given, expected):
    assert weights.conclusion_at(ABSTRACT, [1, 2, 3], 3, sentence_table(weights_given)) == expected


def test_the_extractor_quotes_the_sentence_the_weights_choose(monkeypatch):
    record = {"title": "Fixture title", "abstract": " ".join(ABSTRACT), "abstract_sections": []}
    study = {"design": "case-series", "population": "human"}
    monkeypatch.setattr(extract.PATTERNS, "conclusion_weights", None)
    by_patterns = extract.extract(record, study).conclusion.value
    monkeypatch.setattr(extract.PATTERNS, "conclusion_weights", sentence_table({"w:fell": 3.0}))
    weighed = extract.extract(record, study).conclusion
    assert by_patterns != weighed.value == "Pain fell in 30 of them (p < 0.01)."
    assert record["abstract"][weighed.quote.start:weighed.quote.end] == weighed.value


def test_a_labelled_conclusion_is_not_weighed(monkeypatch):
    monkeypatch.setattr(extract.PATTERNS, "conclusion_weights", sentence_table({"w:fell": 9.0}))
    sections = [("METHODS", "Pain fell in 30 fixture patients."), ("CONCLUSIONS", "The fixture works.")]
    record = {"title": "Fixture title", "abstract": "\n\n".join(f"{label}: {text}" for label, text in sections),
              "abstract_sections": [{"label": label, "category": None, "text": text} for label, text in sections]}
    assert extract.extract(record, {"design": "rct", "population": "human"}).conclusion.value == "The fixture works."


@settings(max_examples=200, deadline=None)
@given(sentences=st.lists(st.text(min_size=1, max_size=120), min_size=1, max_size=8))
def test_any_abstract_is_weighed_without_error(sentences):
    abstract = ". ".join(sentences)
    got = extract.extract({"title": "Fixture", "abstract": abstract, "abstract_sections": []},
                          {"design": "observational", "population": "human"}).conclusion
    assert got is None or abstract[got.quote.start:got.quote.end] == got.value


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.sampled_from("ab Thes p<=%1²9.,é"), min_size=1, max_size=60),
                      min_size=1, max_size=6), data=st.data())
def test_a_sentence_is_scored_as_its_features_are(texts, data):
    """The extractor scores a sentence without naming its features (SentenceWeights.sentence_score): the same
    score as the features the fitting reads, with the weights as fitted."""
    table = extract.PATTERNS.conclusion_weights
    i, chosen = data.draw(st.integers(0, len(texts) - 1)), data.draw(st.integers(0, len(texts) - 1))
    words = weights.SENTENCE_WORD.findall(texts[i].lower())
    following = weights.SENTENCE_WORD.findall(texts[i + 1].lower())[:1] if i + 1 < len(texts) else []
    named = sum(table.weights.get(name, 0.0) for name in weights.sentence_features(texts, i, chosen))
    assert table.sentence_score(texts, i, chosen, words, following[0] if following else None) == \
        pytest.approx(table.intercept + named, abs=1e-9)


def test_only_an_abstract_that_labels_no_conclusion_is_weighed():
    plain = {"title": "Fixture title", "abstract": " ".join(ABSTRACT), "abstract_sections": []}
    texts, candidates, chosen = extract.sentences_to_weigh(extract.Reading(plain, {"design": "rct"}))
    assert texts == ABSTRACT and chosen in candidates and chosen == 2  # 'Further trials are needed' is no finding
    sections = [("METHODS", "Pain fell in 30 fixture patients."), ("CONCLUSIONS", "The fixture works.")]
    labelled = {"title": "Fixture title", "abstract": "\n\n".join(f"{label}: {text}" for label, text in sections),
                "abstract_sections": [{"label": label, "category": None, "text": text} for label, text in sections]}
    assert extract.sentences_to_weigh(extract.Reading(labelled, {"design": "rct"})) is None
    assert extract.sentences_to_weigh(extract.Reading({"title": "A title alone"}, {"design": "rct"})) is None


@pytest.mark.parametrize("abstract, stands", [
    # a record that calls itself a case series is one, as the label definitions say, whatever the weights lean to
    ("The aim of this case-series is to describe twelve patients given a fixture drug.", True),
    ("We present a case series of 14 patients treated with a fixture drug.", True),
    # other words for a series are weighed as any
    ("We describe twelve patients given a fixture drug.", False),
])
def test_weights_never_overrule_a_case_series_the_record_names_itself(abstract, stands):
    rules = classify.load_rules()
    rules.weights = table({"w:fixture": {"observational": 9.0}}, designs=("case-series", "observational"))
    got = classify.classify(record("A fixture title", abstract), rules)
    assert classify.classify(record("A fixture title", abstract))["design"] == "case-series"  # the rules' answer
    assert got["design"] == ("case-series" if stands else "observational"), got["classification_reasons"]
