"""Loading on temporary databases: schema, idempotency, versions, deletions, search."""

import pytest

from harvest import load, parse, schema
from tests.conftest import real_record_xml

PMIDS = [34092024, 34062414, 33962333, 423962, 33049103]


@pytest.fixture
def records(real_record):
    return [real_record(p) for p in PMIDS]


def save(db, records):
    run_id = load.start_run(db, "files")
    counts = load.save_records(db, records, run_id)
    load.ensure_search(db)
    return counts


def test_tables_and_foreign_keys(db, records):
    save(db, records)
    names = set(db.table_names())
    assert {"articles", "article_authors", "article_mesh", "article_publication_types", "journals",
            "raw_records", "harvest_runs", "articles_fts"} <= names
    fks = {(fk.column, fk.other_table) for fk in db["article_mesh"].foreign_keys}
    assert ("pmid", "articles") in fks and ("descriptor", "mesh_descriptors") in fks
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_rows_hold_what_a_reader_needs(db, records):
    save(db, records)
    row = db["articles"].get(34092024)
    assert row["journal_iso"] == "Intern Med J" and row["doi"] == "10.1111/imj.15404"
    assert row["authors"].startswith("Maudlin B, ")
    assert row["pubmed_url"] == "https://pubmed.ncbi.nlm.nih.gov/34092024/"
    authors = list(db.query("select position, last_name from article_authors where pmid = 34092024 order by position"))
    assert authors[0] == {"position": 1, "last_name": "Maudlin"} and len(authors) == len(records[0]["authors"])
    mesh = list(db.query("select descriptor, major_topic, qualifiers from article_mesh where pmid = 423962"))
    assert mesh and all(m["descriptor"] for m in mesh)
    assert db["comments_corrections"].count_where("pmid = 423962 and ref_type = 'RetractionIn'") == 1


def test_second_save_changes_nothing(db, records):
    first = save(db, records)
    assert (first.new, first.updated) == (len(PMIDS), 0)
    before = db.execute("select count(*) from article_authors").fetchone()
    second = save(db, records)
    assert (second.new, second.updated, second.unchanged) == (0, 0, len(PMIDS))
    assert db.execute("select count(*) from article_authors").fetchone() == before


def test_changed_record_is_updated_and_children_replaced(db, real_record, sample_files):
    save(db, [real_record(34092024)])
    changed = parse.parse_record(real_record_xml(sample_files, 34092024).replace(
        b"<LastName>Maudlin</LastName>", b"<LastName>Maudlin-Changed</LastName>"))
    counts = save(db, [changed])
    assert counts.updated == 1
    names = [r["last_name"] for r in db.query("select last_name from article_authors where pmid = 34092024")]
    assert "Maudlin-Changed" in names and "Maudlin" not in names


def test_older_version_never_replaces_newer(db, sample_files):
    xml = real_record_xml(sample_files, 30271887)
    newest = parse.parse_record(xml)
    older = parse.parse_record(xml.replace(b'Version="4">30271887', b'Version="2">30271887'))
    save(db, [newest])
    assert save(db, [older]).unchanged == 1
    assert db["articles"].get(30271887)["pmid_version"] == 4


def test_latest_version_wins_within_a_batch(tmp_path, sample_files):
    db = load.open_db(tmp_path / "x.db")
    xml = real_record_xml(sample_files, 30271887)
    older = parse.parse_record(xml.replace(b'Version="4">30271887', b'Version="3">30271887'))
    save(db, [parse.parse_record(xml), older])
    assert db["articles"].get(30271887)["pmid_version"] == 4


def test_deletions_remove_rows_and_search_entries(db, records):
    save(db, records)
    run_id = load.start_run(db, "files")
    assert load.delete_pmids(db, [34092024, 1], run_id) == 1
    assert not db["articles"].count_where("pmid = 34092024")
    assert not db["article_authors"].count_where("pmid = 34092024")
    assert not list(db.query("select rowid from articles_fts where articles_fts match 'troches'"))
    assert db["deleted_articles"].count == 2


def test_search_ranks_troches_first(db, records):
    save(db, records)
    hits = [r["pmid"] for r in db["articles"].search("troches")]
    assert hits[0] == 34092024


def test_search_covers_mesh_keywords_and_authors(db, records):
    save(db, records)
    assert 34092024 in [r["pmid"] for r in db["articles"].search("lozenges")]   # keyword
    assert 34092024 in [r["pmid"] for r in db["articles"].search("Maudlin")]    # author
    mesh_name = db["article_mesh"].rows_where("pmid = 423962", limit=1).__next__()["descriptor"]
    assert 423962 in [r["pmid"] for r in db["articles"].search(f'"{mesh_name}"')]


def test_runs_record_provenance(db, records):
    run_id = load.start_run(db, "files", files=["pubmed21n1298.xml.gz"])
    load.finish_run(db, run_id, {"read": 5, "new": 5, "bogus": 1}, "complete")
    run = db["harvest_runs"].get(run_id)
    assert run["status"] == "complete" and run["read"] == 5 and run["finished"]
    assert run["files"] == '["pubmed21n1298.xml.gz"]' and run["software_version"]


def fts(db, query) -> list:
    return [row[0] for row in db.execute("select rowid from articles_fts where articles_fts match ? order by rowid",
                                         [query])]


def test_search_finds_hyphenated_words_without_hyphens_and_labels_by_their_words(db, records):
    save(db, records)
    terms = db["articles"].get(34092024)["search_terms"].split()
    # The title says "Sub-Lingual"; the record is labelled sublingual-buccal and chronic-pain.
    assert {"sublingual", "buccal", "chronic", "pain"} <= set(terms) and "sublingualbuccal" in terms
    assert 34092024 in fts(db, '"sublingual"') and 34092024 in fts(db, '"sub lingual"')
    crps = [r["pmid"] for r in db.query("select pmid from article_conditions where condition = 'crps'")]
    assert crps and set(crps) <= set(fts(db, '"crps"'))
    assert load.search_terms({"title": "Years 2012-2019, COVID-19 and long-term care"}, {"design": "other"}) == \
        "covid19 longterm"  # number ranges and the uninformative design "other" are left out


def test_a_records_identifiers_are_search_words(db, records):
    save(db, records)
    assert 34092024 in fts(db, '"pmid 34092024"') and 34092024 in fts(db, '"10 1111 imj 15404"')
    assert load.identifiers({"pmid": 1, "doi": "10.1/x", "pmcid": "PMC9"}) == ["pmid 1", "doi 10.1/x", "PMC9"]


def test_sorting_by_evidence_rank_puts_unrated_last(db, records):
    save(db, records)
    rows = db.execute("select evidence_level, evidence_rank from articles order by evidence_rank, pmid").fetchall()
    assert [level for level, rank in rows if level is not None] == [rank for level, rank in rows if level is not None]
    assert all(rank == 6 for level, rank in rows if level is None)
    assert rows[-1][0] is None or all(level is not None for level, _ in rows)


def test_harm_rows_say_whether_the_harm_was_reported(db, records):
    save(db, records)
    for pmid, harms, none in db.execute("select pmid, harms, harms_none_reported from articles where harms is not null"):
        rows = dict(db.execute("select harm, reported from article_harms where pmid = ?", [pmid]).fetchall())
        assert rows == {h: int(h not in (none or "")) for h in load.json.loads(harms)}, pmid


def test_an_older_catalogue_gains_the_new_columns_when_classified_again(db, records):
    save(db, records)
    # As a catalogue built before search_terms, evidence_rank and article_harms.reported.
    db["articles"].disable_fts()
    db.execute("drop index idx_articles_evidence_rank_sample_size_desc_pub_date_desc_population_design_retracted")
    for column in ("evidence_rank", "search_terms", "harms_none_reported"):
        db.execute(f"alter table articles drop column {column}")
    db.execute("alter table article_harms drop column reported")
    db["articles"].enable_fts(["title", "abstract", "keywords", "mesh_terms", "authors"], fts_version="FTS5",
                              tokenize="porter", create_triggers=True)
    assert 34092024 not in fts(db, '"sublingual"')
    schema.ensure_schema(db)  # what every command does when it opens the catalogue
    load.reclassify(db)
    assert 34092024 in fts(db, '"sublingual"')
    assert db.execute("select count(*) from articles where evidence_rank is null").fetchone() == (0,)
    assert db.execute("select count(*) from article_harms where reported is null").fetchone() == (0,)


def test_extraction_switched_off_leaves_labels_and_no_study_facts(real_record, monkeypatch):
    troches = real_record(34092024)
    columns, _ = load.derived_rows(troches)
    assert columns["sample_size"] == 29 and columns["design"]
    monkeypatch.setattr(load, "EXTRACTING", False)
    columns, children = load.derived_rows(troches)
    assert columns["design"] and "sample_size" not in columns and not any("dose" in t for t in children)
