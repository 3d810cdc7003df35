"""The command line on small real inputs, through click's runner."""

import gzip
import json

import sqlite_utils
from click.testing import CliRunner

from harvest.cli import cli
from tests.conftest import FIXTURES, article_set, real_record_xml


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def write_sample_slice(sample_files, path, pmids):
    path.write_bytes(gzip.compress(article_set(*(real_record_xml(sample_files, p) for p in pmids))))
    return path


def test_files_keeps_ketamine_and_pain_only(tmp_path, sample_files):
    xml = write_sample_slice(sample_files, tmp_path / "slice.xml.gz", [34092024, 34093963, 399335])
    db = tmp_path / "c.db"
    result = run("files", xml, "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    assert "read 3, in scope 1, new 1, updated 0, deleted 0, rejected 0" in result.output
    assert [r["pmid"] for r in sqlite_utils.Database(db)["articles"].rows] == [34092024]


def test_all_keeps_everything_and_second_run_is_a_no_op(tmp_path, sample_files):
    xml = write_sample_slice(sample_files, tmp_path / "slice.xml.gz", [34092024, 34093963, 399335])
    db = tmp_path / "c.db"
    assert "new 3, updated 0" in run("files", xml, "--db", db, "--all").output
    again = run("files", xml, "--db", db, "--all")
    assert "read 3, in scope 3, new 0, updated 0, deleted 0, rejected 0" in again.output
    runs = list(sqlite_utils.Database(db)["harvest_runs"].rows)
    assert [r["status"] for r in runs] == ["complete", "complete"]
    assert json.loads(runs[0]["files"]) == ["slice.xml.gz"]


def test_medline_text_is_read_by_content(tmp_path):
    db = tmp_path / "c.db"
    result = run("files", FIXTURES / "medline-fixture.nbib", "--db", db, "--all")
    assert "read 2, in scope 2, new 2" in result.output


def test_rejected_record_is_reported_and_exit_is_nonzero(tmp_path, sample_files):
    good = real_record_xml(sample_files, 34092024)
    bad = real_record_xml(sample_files, 34062414).replace(b"</Abstract>", b"</Abstrakt>")
    path = tmp_path / "mixed.xml"
    path.write_bytes(article_set(good, bad))
    result = run("files", path, "--db", tmp_path / "c.db")
    assert result.exit_code == 1
    assert "rejected: mixed.xml record 2" in result.output
    assert "new 1" in result.output and "rejected 1" in result.output


def test_not_pubmed_is_a_one_line_error(tmp_path):
    path = tmp_path / "esearch.xml"
    path.write_bytes(b"<?xml version='1.0'?><eSearchResult><Count>0</Count></eSearchResult>")
    result = run("files", path, "--db", tmp_path / "c.db")
    assert result.exit_code == 1
    assert "Error:" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_classify_reclassifies_every_stored_record_in_batches(tmp_path, sample_files, monkeypatch):
    from harvest import load
    xml = write_sample_slice(sample_files, tmp_path / "slice.xml.gz", [34092024, 33962333, 34093963])
    db = tmp_path / "c.db"
    run("files", xml, "--db", db, "--all", "--quiet")
    catalogue = sqlite_utils.Database(db)
    catalogue.execute("update articles set design = null, rules_version = 'old'")
    catalogue.execute("delete from article_routes")
    catalogue.conn.commit()
    catalogue.close()
    monkeypatch.setattr(load.reclassify, "__defaults__", (2,))  # more than one batch
    result = run("classify", "--db", db)
    assert result.exit_code == 0, result.output
    assert "classified 3 records" in result.output
    rows = {r["pmid"]: r for r in sqlite_utils.Database(db)["articles"].rows}
    assert rows[33962333]["design"] == "meta-analysis"
    assert all(r["rules_version"] != "old" for r in rows.values())
    routes = [r["route"] for r in sqlite_utils.Database(db).query("select route from article_routes where pmid = 33962333")]
    assert routes == ["neuraxial"]
