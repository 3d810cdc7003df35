"""The fast paths of a load: label tables, a first load into an empty catalogue, worker processes."""

import gzip
import json
from pathlib import Path

import pytest
import yaml

from harvest import files, load, read, schema
from tests.conftest import article_set, real_record_xml

PMIDS = [34092024, 34062414, 33962333, 423962, 33049103, 399335, 399340, 31385538]


def table_rows(db, table):
    return sorted(map(repr, db.execute(f"select * from [{table}]").fetchall()))


def test_label_tables_mirror_the_classification(db, real_record):
    if not load.CLASSIFYING:
        pytest.skip("no classifier")
    load.save_records(db, [real_record(p) for p in PMIDS], load.start_run(db, "files"))
    for facet, (table, column) in schema.LABEL_TABLES.items():
        for row in db.query(f"select pmid, {facet} from articles"):
            stored = [r[column] for r in db.query(f"select {column} from {table} where pmid = ?", [row["pmid"]])]
            assert sorted(stored) == sorted(set(json.loads(row[facet] or "[]")))


def test_workers_load_what_one_process_loads(tmp_path, sample_files):
    path = tmp_path / "some.xml.gz"
    path.write_bytes(gzip.compress(article_set(*(real_record_xml(sample_files, p) for p in PMIDS))))
    fast = load.open_db(tmp_path / "fast.db")
    run = files.ingest_files(fast, [str(path)], load.start_run(fast, "files"), keep_all=True)
    slow = load.open_db(tmp_path / "slow.db")
    records = [v for k, v in read.iter_file(path) if k == "record"]
    for record in records:
        record["source"] = path.name
    load.save_records(slow, records, load.start_run(slow, "files"))
    load.ensure_search(slow)
    assert (run.read, run.new) == (len(PMIDS), len(PMIDS))
    for table in ["articles", "raw_records", *schema.CHILD_TABLES, "journals", "mesh_descriptors"]:
        assert table_rows(fast, table) == table_rows(slow, table), table


def test_first_load_builds_indexes_and_search_afterwards(db, real_record):
    with load.bulk_build(db):
        assert not db["articles"].indexes and "articles_fts" not in db.table_names()
        load.save_records(db, [real_record(p) for p in PMIDS], load.start_run(db, "files"))
    assert {tuple(i.columns) for i in db["articles"].indexes} >= {("pub_year", "design"), ("design", "pub_date")}
    assert [r["pmid"] for r in db["articles"].search("troches")] == [34092024]


def test_a_catalogue_with_articles_keeps_its_indexes_during_a_load(db, real_record):
    load.save_records(db, [real_record(PMIDS[0])], load.start_run(db, "files"))
    load.ensure_search(db)
    with load.bulk_build(db):
        assert db["articles"].indexes and "articles_fts" in db.table_names()


def test_evidence_counts_add_up_to_the_articles(db, real_record):
    load.save_records(db, [real_record(p) for p in PMIDS], load.start_run(db, "files"))
    load.ensure_search(db)
    (total,) = db.execute("select sum(records) from evidence_counts").fetchone()
    with_labels = db.execute("select count(*) from article_conditions").fetchone()[0]
    without = db.execute("select count(*) from articles where pmid not in "
                         "(select pmid from article_conditions)").fetchone()[0]
    assert total == with_labels + without


def test_label_tables_are_filled_for_an_older_catalogue(db, real_record):
    if not load.CLASSIFYING:
        pytest.skip("no classifier")
    load.save_records(db, [real_record(p) for p in PMIDS], load.start_run(db, "files"))
    tables = [table for table, _ in schema.LABEL_TABLES.values()]
    expected = [table_rows(db, t) for t in tables]
    for table in tables:
        db.execute(f"delete from [{table}]")
    schema.ensure_schema(db)
    assert [table_rows(db, t) for t in tables] == expected


def test_join_counts_count_articles_per_value(db, real_record):
    load.save_records(db, [real_record(p) for p in PMIDS], load.start_run(db, "files"))
    load.ensure_search(db)
    counts = {r["value"]: r["records"] for r in db.query(
        "select value, records from join_counts where join_table = 'article_publication_types'")}
    assert counts["Journal Article"] == db.execute(
        "select count(distinct pmid) from article_publication_types where publication_type = 'Journal Article'").fetchone()[0]


def test_newest_records_are_read_from_an_index_without_sorting_ties(db, real_record):
    """What's new lists the newest Entrez dates with a PMID tie-breaker: a daily file gives thousands of records
    one date, and an index on the date alone would sort all of them for every page."""
    load.save_records(db, [real_record(p) for p in PMIDS], load.start_run(db, "files"))
    load.ensure_search(db)
    metadata = yaml.safe_load((Path(__file__).parent.parent / "metadata.yml").read_text())
    sql = metadata["databases"]["catalogue"]["queries"]["whats_new"]["sql"]
    plan = " / ".join(row[3] for row in db.execute("explain query plan " + sql).fetchall())
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, plan
