"""The tools of a blind reading round (tests/labelled/blind/README.md): rendering the unsure records for
second readers, taking the reads into the sets, and keeping each round's counts as scored at its draw.
Small fixture reads only: the real sets are never written here."""

import importlib.util
import json
import sys

import pytest

from tests import blind
from tests.conftest import ROOT

TOOLS = ROOT / "tests/labelled/blind"


def tool(name):
    sys.path.insert(0, str(TOOLS))  # collect_round imports second_reads beside it
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record_text(pmid):
    return f"=== PMID {pmid} ===\nTitle: Fixture record {pmid}.\nAbstract:\nFixture words.\n"


def reads_text(answers):
    return "".join(f"- pmid: {pmid}\n  design: \"other\"\n  confidence: {how}\n" for pmid, how in answers)


@pytest.fixture
def round_dir(tmp_path):
    """A round of two records for each set, the second of each read unsure, its second read in."""
    out = tmp_path / "round"
    for kind, pmids in (("classify", (1, 2)), ("extract", (3, 4))):
        (out / kind).mkdir(parents=True)
        (out / kind / "records-1.txt").write_text("\n".join(record_text(p) for p in pmids))
        (out / kind / "reads-1.yml").write_text(reads_text([(pmids[0], "sure"), (pmids[1], "unsure")]))
    (out / "sets.json").write_text(json.dumps({"classify": [{"pmid": 1}, {"pmid": 2}],
                                               "extract": [{"pmid": 3}, {"pmid": 4}]}))
    return out


@pytest.fixture
def sets_dir(tmp_path):
    folder = tmp_path / "blind"
    (folder / "reads").mkdir(parents=True)
    (folder / "reads" / "classify-first-7.yml").write_text(reads_text([(9, "sure")]))
    (folder / "sets.json").write_text(json.dumps({"classify": [{"pmid": 9}], "extract": []}, indent=1) + "\n")
    return folder


def test_second_readers_are_given_the_unsure_records_as_first_readers_saw_them(round_dir):
    tool("second_reads").main(round_dir, "classify")
    second = round_dir / "classify" / "second"
    assert (second / "records-1.txt").read_text() == record_text(2)
    assert (second / "codebook.md").read_text() == (TOOLS / "classify-codebook.md").read_text()


def test_where_every_first_read_is_sure_there_is_nothing_to_read_again(round_dir, sets_dir):
    (round_dir / "extract" / "reads-1.yml").write_text(reads_text([(3, "sure"), (4, "sure")]))
    tool("second_reads").main(round_dir, "extract")
    assert not (round_dir / "extract" / "second").exists()
    tool("collect_round").main(round_dir, sets_dir)
    assert not list((sets_dir / "reads").glob("extract-second-*"))


def test_a_round_is_taken_into_the_sets_under_the_next_numbers(round_dir, sets_dir):
    tool("second_reads").main(round_dir, "classify")
    (round_dir / "classify" / "second" / "reads-1.yml").write_text(reads_text([(2, "sure")]))
    tool("collect_round").main(round_dir, sets_dir)
    reads = sorted(p.name for p in (sets_dir / "reads").iterdir())
    assert reads == ["classify-first-7.yml", "classify-first-8.yml", "classify-second-1.yml", "extract-first-1.yml"]
    assert (sets_dir / "reads" / "classify-second-1.yml").read_text() == reads_text([(2, "sure")])
    sets = json.loads((sets_dir / "sets.json").read_text())
    assert [e["pmid"] for e in sets["classify"]] == [9, 1, 2] and [e["pmid"] for e in sets["extract"]] == [3, 4]


def test_a_round_of_one_set_adds_reads_of_that_set_only(round_dir, sets_dir):
    import shutil

    shutil.rmtree(round_dir / "extract")
    (round_dir / "sets.json").write_text(json.dumps({"classify": [{"pmid": 1}, {"pmid": 2}], "extract": []}))
    tool("collect_round").main(round_dir, sets_dir)
    assert sorted(p.name for p in (sets_dir / "reads").iterdir()) == ["classify-first-7.yml", "classify-first-8.yml"]


@pytest.mark.parametrize("spoil", ["a record unanswered", "a record answered twice", "a record already in the sets"])
def test_a_round_that_does_not_add_up_is_refused_and_nothing_is_written(round_dir, sets_dir, spoil):
    reads = round_dir / "extract" / "reads-1.yml"
    if spoil == "a record unanswered":
        reads.write_text(reads_text([(3, "sure")]))
    elif spoil == "a record answered twice":
        reads.write_text(reads_text([(3, "sure"), (4, "sure"), (4, "unsure")]))
    else:
        (round_dir / "sets.json").write_text(json.dumps({"classify": [{"pmid": 9}], "extract": []}))
    before = {p.name: p.read_text() for p in sets_dir.rglob("*") if p.is_file()}
    with pytest.raises(SystemExit):
        tool("collect_round").main(round_dir, sets_dir)
    assert {p.name: p.read_text() for p in sets_dir.rglob("*") if p.is_file()} == before
# ---------------------------------------------------------------- each round kept as scored at its draw


def test_a_round_is_kept_once_with_the_commit_that_scored_it(tmp_path, monkeypatch):
    module = tool("score_round")
    monkeypatch.setattr(blind, "ROUNDS", tmp_path / "rounds.json")
    counts = {"design": (130, 150), "population": (128, 149)}
    assert module.record("classify", "tuning-only-40", 150, counts, "abc1234") == ""
    kept = blind.rounds()
    assert kept["extract"] == [] and kept["classify"][0]["scored_at"] == "abc1234"
    assert blind.rounds_total(kept["classify"], "design") == (130, 150)
    # scored once, before any rule sees it: a second score of the round is refused, and so is a non-round
    assert "kept already" in module.record("classify", "tuning-only-40", 150, {"design": (140, 150)}, "def5678")
    assert "only a fresh round" in module.record("classify", "first", 150, counts, "abc1234")
    module.record("classify", "tuning-only-39", 150, {"design": (120, 150)}, "0123abc")
    assert [r["round"] for r in blind.rounds()["classify"]] == [39, 40]
    kept = blind.rounds()["classify"]
    assert blind.rounds_total(kept, "design") == (250, 300)
    assert blind.rounds_total([r for r in kept if r["round"] >= 40], "design") == (130, 150)


@pytest.mark.parametrize("kind", ["classify", "extract"])
def test_the_kept_rounds_are_rounds_of_the_sets_with_every_record_scored(kind):
    drawn = {}
    for entry in blind.load(kind):
        if entry["stratum"].startswith("tuning-only-"):
            number = int(entry["stratum"].split(":")[0].rsplit("-", 1)[1])
            drawn[number] = drawn.get(number, 0) + 1
    kept = blind.rounds()[kind]
    assert kept and all(r["records"] == drawn[r["round"]] for r in kept)


@pytest.mark.parametrize("first, second, expected", [
    # a sure first read stands, whatever a second says
    ({"design": "rct", "confidence": "sure"}, {"design": "other"}, {"value": "rct", "accept": ["rct"], "status": "sure"}),
    # two reads that agree give an agreed label; one reader's answer among the other's alternatives agrees too
    ({"design": "rct", "confidence": "unsure"}, {"design": "rct"}, {"value": "rct", "accept": ["rct"], "status": "agreed"}),
    ({"design": "rct", "confidence": "unsure", "also": {"design": "clinical-trial"}}, {"design": "clinical-trial"},
     {"value": "clinical-trial", "accept": ["clinical-trial"], "status": "agreed"}),
    # two that do not are disputed, and either reader's answer is accepted
    ({"design": "rct", "confidence": "unsure"}, {"design": "other"},
     {"value": "rct", "accept": ["rct", "other"], "status": "disputed"}),
    # an unsure first read with no second stays unsure
    ({"design": "rct", "confidence": "unsure"}, None, {"value": "rct", "accept": ["rct"], "status": "unsure"}),
])
def test_reads_merge_into_a_label(first, second, expected):
    merged = blind.merged_entry("classify", {"pmid": 1, "half": "tuning", "stratum": "x"}, first, second)
    assert merged["design"] == expected and merged["reads"] == (2 if second else 1)


def test_a_quoted_yes_or_no_is_read_as_true_or_false():
    read = blind.as_written_meant({"ketamine": "No", "pain": "yes", "also": {"ketamine": "true"}})
    assert read == {"ketamine": False, "pain": True, "also": {"ketamine": True}}


def test_the_sets_are_merged_from_the_reads_in_the_order_of_their_draws():
    drawn = json.loads((TOOLS / "sets.json").read_text())
    for kind in ("classify", "extract"):
        assert [e["pmid"] for e in blind.load(kind)] == [d["pmid"] for d in drawn[kind]]
    assert not (TOOLS / "classify.yml").exists() and not (TOOLS / "extract.yml").exists()


def test_the_sets_are_written_one_draw_a_line_naming_only_the_held_out_half(tmp_path, monkeypatch):
    sets = {"classify": [{"pmid": 1, "stratum": "s", "half": "tuning"}, {"pmid": 2, "stratum": "s", "half": "heldout"}],
            "extract": []}
    text = tool("collect_round").sets_text(sets)
    assert text.splitlines()[2:4] == ['{"pmid":1,"stratum":"s"},', '{"pmid":2,"stratum":"s","half":"heldout"}']
    (tmp_path / "sets.json").write_text(text)
    monkeypatch.setattr(blind, "BLIND", tmp_path)
    assert blind.drawn("classify") == sets["classify"] and blind.drawn("extract") == []
