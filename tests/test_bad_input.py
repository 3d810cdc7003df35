"""Bad input never damages the catalogue: each gets one clear line and a non-zero exit.

Whole-file problems leave the catalogue byte for byte as it was (exit 1,
"Error: ..."); a bad record among good ones is rejected with its position and
reason while the good ones load (exit 1, "rejected: ..." lines, then the summary).
"""

import gzip
import hashlib
import os
import subprocess
import sys

import pytest
import sqlite_utils
from click.testing import CliRunner

from harvest import cli as cli_module
from harvest import live, safety
from harvest.cli import cli
from tests.conftest import FIXTURES, ROOT

SECRET = "not-a-real-key-7d1e"


def article(pmid, title="Ketamine for chronic pain: a fixture", abstract="Pain fell.", extra=b""):
    """A hand-written in-scope PubmedArticle (a fixture, not a real record)."""
    return (b'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
            b'<PMID Version="1">%d</PMID><Article><Journal><Title>Fixture Journal</Title></Journal>'
            b"<ArticleTitle>%s</ArticleTitle><Abstract><AbstractText>%s</AbstractText></Abstract>"
            b"</Article>%s</MedlineCitation></PubmedArticle>"
            % (pmid, title.encode(), abstract.encode(), extra))


def article_set(*records, doctype=b""):
    return (b'<?xml version="1.0" encoding="utf-8"?>\n' + doctype +
            b"<PubmedArticleSet>\n" + b"\n".join(records) + b"\n</PubmedArticleSet>\n")


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def catalogue(tmp_path):
    """A catalogue holding three records; tests check it is left byte for byte alone."""
    source = tmp_path / "start.xml"
    source.write_bytes(article_set(article(90000001), article(90000002), article(90000003)))
    path = tmp_path / "catalogue.db"
    assert run("files", source, "--db", path, "--quiet").exit_code == 0
    return path


def pmids(path):
    return sorted(r[0] for r in sqlite_utils.Database(path).execute("select pmid from articles"))


def assert_one_line_error(result):
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output


def assert_untouched(catalogue, before):
    assert digest(catalogue) == before
    assert not os.path.exists(str(catalogue) + safety.WORK_SUFFIX)


# ---------------------------------------------------------------- whole files


def packed(kind):
    """A small article set inside a container that only gzip is read out of."""
    import bz2
    import io
    import tarfile
    import zipfile

    data, buffer = article_set(article(90000103)), io.BytesIO()
    if kind == "zip":
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("pubmed.xml", data)
        return buffer.getvalue()
    if kind == "tar":
        with tarfile.open(fileobj=buffer, mode="w") as archive:
            info = tarfile.TarInfo("pubmed.xml")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        return gzip.compress(buffer.getvalue())
    return bz2.compress(data) if kind == "bz2" else gzip.compress(gzip.compress(data))


def gzip_bomb():
    """A small gzip file that inflates to a PubmedArticleSet with a 70 MB record."""
    body = b"<PubmedArticleSet><PubmedArticle>" + b" " * (70 << 20)
    return gzip.compress(body, compresslevel=1)


BAD_FILES = {
    "not-gzip.xml.gz": (b"\x1f\x8bthis is not deflate data at all", "gzip"),
    "bad-deflate.xml.gz": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x00\x06", "corrupt gzip"),  # found by test_fuzz
    "truncated.xml.gz": (gzip.compress(article_set(*(article(90000100 + i) for i in range(50))))[:400], "ends early"),
    "random.bin": (bytes(range(256)) * 40, "neither PubMed XML nor MEDLINE"),
    "empty.xml": (b"", "neither PubMed XML nor MEDLINE"),
    "prose.txt": (b"Dear editor,\nplease find attached...\n", "neither PubMed XML nor MEDLINE"),
    "esearch.xml": (b"<?xml version='1.0'?><eSearchResult><Count>3</Count><IdList><Id>1</Id></IdList>"
                    b"</eSearchResult>", "eSearchResult"),
    "error.html": (b"<!DOCTYPE html><html><head><title>Service unavailable</title></head>"
                   b"<body>WWW Error Blocked Diagnostic</body></html>", "html"),
    "pmc.xml": (b'<?xml version="1.0"?><!DOCTYPE pmc-articleset PUBLIC "-//NLM//DTD ARTICLE SET 2.0//EN" '
                b'"https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd"><pmc-articleset>'
                b"<article><front><article-meta><title-group><article-title>Ketamine</article-title>"
                b"</title-group></article-meta></front></article></pmc-articleset>", "pmc-articleset"),
    "namespaced.xml": (article_set(article(90000101)).replace(b"<PubmedArticle>", b'<PubmedArticle xmlns="urn:x">'),
                       "records tagged <PubmedArticle xmlns"),
    "prefixed.xml": (article_set(article(90000102)).replace(b"PubmedArticle>", b"pm:PubmedArticle>"),
                     "records tagged <pm:PubmedArticle>"),
    "pubmed.zip": (packed("zip"), "a zip archive: unpack it"),
    "pubmed.xml.bz2": (packed("bz2"), "bzip2-compressed"),
    "pubmed.tar.gz": (packed("tar"), "a tar archive"),
    "twice.xml.gz.gz": (packed("gzip"), "gzip-compressed twice"),
    "utf16.xml": ('<?xml version="1.0" encoding="utf-16"?><PubmedArticleSet></PubmedArticleSet>'.encode("utf-16"),
                  "neither PubMed XML nor MEDLINE"),
    "json.json": (b'{"esearchresult": {"idlist": ["1"]}}', "neither PubMed XML nor MEDLINE"),
    "endless.xml": (b"<PubmedArticleSet><PubmedArticle><MedlineCitation>" + b"x" * (70 << 20), "64 MB"),
    "bomb.xml.gz": (gzip_bomb(), "64 MB"),
    "endless-medline.txt": (b"PMID- 1\nAB  - " + b"y" * (70 << 20), "64 MB"),
}


@pytest.mark.parametrize("keep_all", [[], ["--all"]], ids=["scope", "all"])
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_one_line_and_leaves_the_catalogue(tmp_path, catalogue, name, keep_all):
    data, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = digest(catalogue)
    result = run("files", path, "--db", catalogue, "--quiet", *keep_all)
    assert_one_line_error(result)
    assert name in result.output and reason in result.output
    assert "unchanged" in result.output
    assert_untouched(catalogue, before)


def test_bad_second_file_undoes_the_good_first(tmp_path, catalogue):
    good = tmp_path / "good.xml"
    good.write_bytes(article_set(article(90000010)))
    bad = tmp_path / "bad.xml.gz"
    bad.write_bytes(BAD_FILES["truncated.xml.gz"][0])
    before = digest(catalogue)
    assert_one_line_error(run("files", good, bad, "--db", catalogue, "--quiet"))
    assert_untouched(catalogue, before)


# ---------------------------------------------------------------- bad records among good ones


def bad_records():
    huge = "z" * (11 << 20)  # past libxml2's 10 MB text-node limit
    deep = b"<i>" * 300 + b"deep" + b"</i>" * 300  # past libxml2's depth limit of 256
    return {
        "malformed": (article(1, title="Ketamine</ArticleTitle>pain"), "mismatch"),
        "latin-1 bytes": (article(1).replace(b"Pain fell.", b"Douleur r\xe9duite."), "encoding"),
        "deep element": (article(1).replace(b"Pain fell.", deep), "depth"),
        "huge element": (article(1, abstract=huge), "too long"),
        "undeclared entity": (article(1, abstract="&lol9;"), "lol9"),
        "no PMID": (article(1).replace(b'<PMID Version="1">1</PMID>', b""), "PMID"),
        "PMID beyond INTEGER": (article(1).replace(b">1</PMID>", b">99999999999999999999999</PMID>"), "PMID"),
        "PMID 0": (article(1).replace(b">1</PMID>", b">0</PMID>"), "PMID 0"),
        "deletion without PMID": (b"<DeleteCitation><PMID/></DeleteCitation>", "PMID"),
        "deletion of PMID 0": (b"<DeleteCitation><PMID>0</PMID></DeleteCitation>", "PMID 0"),
        "not closed": (article(1)[:-len(b"</PubmedArticle>")], "no closing tag"),
        "qualifier twice": (article(1, extra=b"<MeshHeadingList><MeshHeading><DescriptorName>Ketamine"
                                             b"</DescriptorName><QualifierName>adverse effects</QualifierName>"
                                             b"<QualifierName>adverse effects</QualifierName></MeshHeading>"
                                             b"</MeshHeadingList>"), "cannot be stored"),
    }


@pytest.mark.parametrize("keep_all", [[], ["--all"]], ids=["scope", "all"])
@pytest.mark.parametrize("name", sorted(bad_records()))
def test_bad_record_is_rejected_and_its_neighbours_load(tmp_path, catalogue, name, keep_all):
    bad, reason = bad_records()[name]
    path = tmp_path / "mixed.xml"
    path.write_bytes(article_set(article(90000020), bad, article(90000021)))
    result = run("files", path, "--db", catalogue, "--quiet", *keep_all)
    assert result.exit_code == 1 and "Traceback" not in result.output
    rejected = [line for line in result.output.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == 1, result.output
    assert "mixed.xml" in rejected[0] and reason in rejected[0]
    assert "record 2" in rejected[0] or "PMID 1" in rejected[0]
    assert "rejected 1" in result.output.splitlines()[-1]
    assert pmids(catalogue) == [90000001, 90000002, 90000003, 90000020, 90000021]
    run_row = list(sqlite_utils.Database(catalogue)["harvest_runs"].rows)[-1]
    assert (run_row["status"], run_row["rejected"]) == ("incomplete", 1)


@pytest.mark.parametrize("keep_all", [[], ["--all"]], ids=["scope", "all"])
def test_truncated_last_record_is_reported(tmp_path, catalogue, keep_all):
    path = tmp_path / "cut.xml"
    path.write_bytes(article_set(article(90000030), article(90000031))[:-60])
    result = run("files", path, "--db", catalogue, "--quiet", *keep_all)
    assert result.exit_code == 1
    assert "rejected: cut.xml record 2: input ends inside this record (truncated)" in result.output
    assert 90000030 in pmids(catalogue)


@pytest.mark.parametrize("keep_all", [[], ["--all"]], ids=["scope", "all"])
def test_small_good_file_is_not_called_truncated(tmp_path, catalogue, keep_all):
    path = tmp_path / "small.xml"
    path.write_bytes(article_set(article(90000040)))
    assert len(path.read_bytes()) < 4096
    result = run("files", path, "--db", catalogue, "--quiet", *keep_all)
    assert result.exit_code == 0, result.output
    assert "rejected 0" in result.output


@pytest.mark.parametrize("keep_all", [[], ["--all"]], ids=["scope", "all"])
def test_deletions_and_records_apply_in_file_order(tmp_path, catalogue, keep_all):
    """A PMID deleted and then sent again in one file is back; one sent and then deleted is gone."""
    path = tmp_path / "order.xml"
    path.write_bytes(article_set(b"<DeleteCitation><PMID>90000002</PMID></DeleteCitation>",
                                 article(90000002, title="Ketamine for chronic pain: revised"),
                                 article(90000004),
                                 b"<DeleteCitation><PMID>90000004</PMID></DeleteCitation>"))
    result = run("files", path, "--db", catalogue, "--quiet", *keep_all)
    assert result.exit_code == 0, result.output
    assert pmids(catalogue) == [90000001, 90000002, 90000003]
    deleted = [row[0] for row in sqlite_utils.Database(catalogue).execute("select pmid from deleted_articles")]
    assert deleted == [90000004]


def test_many_rejections_are_listed_up_to_a_limit(tmp_path, catalogue):
    bad = [article(1, title="Ketamine</ArticleTitle>pain")] * (cli_module.MAX_LISTED + 7)
    path = tmp_path / "many.xml"
    path.write_bytes(article_set(article(90000050), *bad))
    result = run("files", path, "--db", catalogue, "--quiet")
    lines = result.output.splitlines()
    assert sum(line.startswith("rejected: many.xml") for line in lines) == cli_module.MAX_LISTED
    assert "rejected: 7 more not listed" in lines
    assert f"rejected {cli_module.MAX_LISTED + 7}" in lines[-1]


def test_control_characters_never_reach_the_terminal(tmp_path, catalogue):
    path = tmp_path / "evil\x1b[31m\nname.xml"
    path.write_bytes(article_set(article(1, title="Ketamine</ArticleTitle>pain")))
    result = run("files", path, "--db", catalogue, "--quiet")
    assert "\x1b" not in result.output
    assert len(result.output.strip().splitlines()) == 2  # one rejection, one summary


# ---------------------------------------------------------------- entities and DTDs


def test_no_external_entity_or_dtd_is_ever_read(tmp_path, catalogue):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY stolen SYSTEM "file://{secret}">')
    doctype = (f'<!DOCTYPE PubmedArticleSet SYSTEM "file://{dtd}" ['
               f'<!ENTITY inner SYSTEM "file://{secret}"><!ENTITY % remote SYSTEM "file://{dtd}"> %remote;]>\n')
    path = tmp_path / "xxe.xml"
    path.write_bytes(article_set(article(90000060), article(90000061, abstract="&inner;"),
                                 article(90000062, abstract="&stolen;"), doctype=doctype.encode()))
    result = run("files", path, "--db", catalogue, "--quiet")
    assert "TOP-SECRET" not in result.output
    assert b"TOP-SECRET" not in catalogue.read_bytes()
    assert pmids(catalogue)[-1] == 90000060
    assert "rejected 2" in result.output


def test_billion_laughs_is_refused_quickly(tmp_path, catalogue):
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    path = tmp_path / "laughs.xml"
    path.write_bytes(article_set(article(90000070, abstract="&lol9;"),
                                 doctype=f"<!DOCTYPE PubmedArticleSet [{entities}]>\n".encode()))
    result = run("files", path, "--db", catalogue, "--quiet")
    assert result.exit_code == 1 and "lol9" in result.output
    assert 90000070 not in pmids(catalogue)


# ---------------------------------------------------------------- MEDLINE text


def test_medline_with_broken_lines(tmp_path, catalogue):
    text = (b"PMID- 90000080\nTI  - Ketamine in chronic pain, fine\n\n"
            b"PMID- 90000081\nTI  - Ketamine in chronic pain, bad bytes \xff\xfe\n\n"
            b"PMID-\n      continuation with no field\nTI  - Ketamine pain\n\n"
            b"PMID- 0\nTI  - Ketamine in chronic pain, a template\n\n"
            b"PMID- 90000083\nTI  - Ketamine\n  stray line without a tag\nTI-no space\nAB  - chronic pain\n\n")
    path = tmp_path / "broken.nbib"
    path.write_bytes(text)
    result = run("files", path, "--db", catalogue, "--quiet")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "rejected: broken.nbib record 2: 'utf-8' codec" in result.output
    assert "rejected: broken.nbib record 3: MEDLINE record without a numeric PMID" in result.output
    assert "rejected: broken.nbib record 4: PMID 0 is not a PubMed record number" in result.output
    assert 0 not in pmids(catalogue)
    assert {90000080, 90000083} <= set(pmids(catalogue))


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_medline_with_a_byte_order_mark(tmp_path, catalogue, newline):
    """Windows editors save text with a BOM (and CRLF): the first record keeps its PMID."""
    text = b"PMID- 90000084\nTI  - Ketamine in chronic pain, first\n\nPMID- 90000085\nTI  - Ketamine pain\n"
    path = tmp_path / "windows.nbib"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace(b"\n", newline))
    result = run("files", path, "--db", catalogue, "--quiet")
    assert result.exit_code == 0, result.output
    assert {90000084, 90000085} <= set(pmids(catalogue))


# ---------------------------------------------------------------- command-line values


def test_database_path_that_is_a_directory(tmp_path):
    source = tmp_path / "good.xml"
    source.write_bytes(article_set(article(90000090)))
    result = run("files", source, "--db", tmp_path)
    assert_one_line_error(result)
    assert "is a directory" in result.output


def test_database_in_a_missing_directory(tmp_path):
    source = tmp_path / "good.xml"
    source.write_bytes(article_set(article(90000090)))
    result = run("files", source, "--db", tmp_path / "nowhere" / "c.db")
    assert_one_line_error(result)
    assert "does not exist" in result.output
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("content, message", [
    (b"These are my notes, not a database.\n" * 100, "cannot read"),
    (None, "not a catalogue"),
])
def test_database_that_is_something_else_is_left_alone(tmp_path, content, message):
    db = tmp_path / "precious.db"
    if content is None:
        sqlite_utils.Database(db)["notes"].insert({"text": "keep me"})
    else:
        db.write_bytes(content)
    before = digest(db)
    source = tmp_path / "good.xml"
    source.write_bytes(article_set(article(90000090)))
    result = run("files", source, "--db", db)
    assert_one_line_error(result)
    assert message in result.output
    assert_untouched(db, before)


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "is a directory"),
    (lambda p: p.symlink_to(p.name), "too many levels of symbolic links"),
])
def test_input_paths_that_make_no_sense(tmp_path, catalogue, make, message):
    path = tmp_path / "input.xml"
    make(path)
    before = digest(catalogue)
    result = run("files", path, "--db", catalogue)
    assert_one_line_error(result)
    assert message in result.output
    assert_untouched(catalogue, before)


@pytest.mark.parametrize("which", ["input", "catalogue"])
def test_unreadable_input_or_catalogue(tmp_path, catalogue, monkeypatch, which):
    """One line, not click's usage message and status 2. Tests may run as root, who can read
    anything, so access() says no, as it would to another user."""
    source = tmp_path / "good.xml"
    source.write_bytes(article_set(article(90000090)))
    unreadable = source if which == "input" else catalogue
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: (
        False if os.path.realpath(path) == str(unreadable) else access(path, mode, **kw)))
    before = digest(catalogue)
    result = run("files", source, "--db", catalogue)
    assert_one_line_error(result)
    assert f"{unreadable}: permission denied" in result.output
    assert_untouched(catalogue, before)


def test_the_catalogue_as_its_own_input(catalogue):
    before = digest(catalogue)
    result = run("files", catalogue, "--db", catalogue)
    assert_one_line_error(result)
    assert "the catalogue itself" in result.output
    assert_untouched(catalogue, before)


def test_classify_needs_an_existing_catalogue(tmp_path):
    result = run("classify", "--db", tmp_path / "missing.db")
    assert_one_line_error(result)
    assert not (tmp_path / "missing.db").exists()


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if the pubmed command got as far as building a client."""
    def refuse(*args, **kwargs):
        raise AssertionError("the command reached the network")
    monkeypatch.setattr(live.EUtils, "from_env", classmethod(refuse))
    if getattr(cli.commands["pubmed"].callback, "__wrapped__", None) is None:
        cli_module.add_live_commands(cli)  # another test registered an unguarded copy


@pytest.mark.parametrize("args, message", [
    (["--since", "2999/01/01"], "in the future"),
    (["--since", "yesterday"], "not a date"),
    (["--since", "2024/02/30"], "not a date"),
    (["--topic", "no-such-topic"], "unknown topic"),
    (["--query", "   "], "--query is empty"),
])
def test_pubmed_values_that_make_no_sense(catalogue, no_network, args, message):
    before = digest(catalogue)
    result = run("pubmed", *args, "--db", catalogue, env={"NCBI_API_KEY": SECRET})
    assert_one_line_error(result)
    assert message in result.output and SECRET not in result.output
    assert_untouched(catalogue, before)


@pytest.mark.parametrize("env, message", [
    ({"NCBI_EMAIL": None}, "set NCBI_EMAIL"),
    ({"NCBI_EMAIL": "not an address"}, "set NCBI_EMAIL"),
    ({"NCBI_EMAIL": "reader@example.org", "EUTILS_BASE_URL": "ftp://eutils.example.org"}, "EUTILS_BASE_URL"),
])
def test_pubmed_settings_that_cannot_work_leave_no_copy_behind(catalogue, no_network, env, message):
    before = digest(catalogue)
    result = run("pubmed", "--db", catalogue, env={"NCBI_API_KEY": SECRET, **env})
    assert_one_line_error(result)
    assert message in result.output and SECRET not in result.output
    assert_untouched(catalogue, before)
    # a resumable run keeps its working copy when it fails; one that could ask nothing has none to keep
    assert not [p.name for p in catalogue.parent.iterdir() if p.name.startswith(catalogue.name + "-building")]


# ---------------------------------------------------------------- a real process


def harvest(*args, env=None):
    return subprocess.run([sys.executable, "-m", "harvest", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NCBI_API_KEY": SECRET, **(env or {})})


def test_real_process_exit_status_and_one_line(tmp_path, catalogue):
    bad = tmp_path / "error.html"
    bad.write_bytes(BAD_FILES["error.html"][0])
    before = digest(catalogue)
    done = harvest("files", bad, "--db", catalogue)
    assert done.returncode == 1
    assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("Error: ") and SECRET not in done.stderr
    assert_untouched(catalogue, before)
    done = harvest("pubmed", "--since", "2999/12/31", "--db", catalogue)
    assert done.returncode == 1 and done.stderr.strip().splitlines() == [
        "Error: --since 2999/12/31 is in the future"]
    done = harvest("files", FIXTURES / "medline-fixture.nbib", "--db", catalogue, "--all")
    assert done.returncode == 0 and "new 2" in done.stderr


def test_no_room_for_the_working_copy(tmp_path, catalogue):
    """A full disk, as a file size limit: the copy of the catalogue stops part-way."""
    import resource
    import signal

    source = tmp_path / "good.xml"
    source.write_bytes(article_set(article(90000090)))
    before = digest(catalogue)

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    done = subprocess.run([sys.executable, "-m", "harvest", "files", str(source), "--db", str(catalogue)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=small_files)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "cannot write the working copy" in done.stderr and "cannot read" not in done.stderr
    assert_untouched(catalogue, before)


def test_unexpected_errors_are_one_line_too(tmp_path, catalogue, monkeypatch):
    from harvest import files

    def explode(*args, **kwargs):
        raise RuntimeError("something nobody planned for\nwith a second line")

    monkeypatch.setattr(files, "ingest_files", explode)
    source = tmp_path / "good.xml"
    source.write_bytes(article_set(article(90000090)))
    before = digest(catalogue)
    result = run("files", source, "--db", catalogue)
    assert_one_line_error(result)
    assert "unexpected RuntimeError" in result.output
    assert_untouched(catalogue, before)


def test_a_network_error_never_prints_the_api_key(catalogue, no_network, monkeypatch):
    def fail(*args, **kwargs):
        raise ConnectionError(f"Max retries exceeded with url: /esearch.fcgi?db=pubmed&api_key={SECRET}&term=k")

    monkeypatch.setattr(live, "harvest_pubmed", fail)
    before = digest(catalogue)
    result = run("pubmed", "--query", "ketamine", "--db", catalogue,
                 env={"NCBI_API_KEY": SECRET, "NCBI_EMAIL": "reader@example.org"})
    assert_one_line_error(result)
    assert "unexpected ConnectionError" in result.output and SECRET not in result.output
    assert digest(catalogue) == before  # its working copy waits for the next run to resume it
