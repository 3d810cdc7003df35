"""The public site through Datasette's own client: read-only, bounded, and not a way in.

The site is configured here as loosely as a careless command line could (mutable
file, long time limit, many rows, downloads on): datasette_catalogue/security.py must hold
the line by itself.
"""

import base64
import hashlib
import re
import sqlite3
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from datasette.app import Datasette

from harvest.cli import cli

ROOT = Path(__file__).resolve().parent.parent
from datasette_catalogue import security

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text())
HOSTILE = 90000666
ATTACKS = ["<script>alert(", "<img src=x", "<svg onload", "<b onmouseover"]


def hostile_record():
    """A fixture record whose every text field carries markup (escaped once in the XML)."""
    return f"""<PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">
<PMID Version="1">{HOSTILE}</PMID><Article>
<Journal><Title>Fixture &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; Journal</Title>
<ISOAbbreviation>&lt;img src=x onerror=alert(2)&gt;</ISOAbbreviation></Journal>
<ArticleTitle>Ketamine &lt;script&gt;alert(3)&lt;/script&gt; for chronic pain</ArticleTitle>
<ELocationID EIdType="doi" ValidYN="Y">javascript:alert(4)</ELocationID>
<Abstract><AbstractText>&lt;img src=x onerror=alert(5)&gt; pain &lt;/textarea&gt;&lt;svg onload=alert(6)&gt;
<![CDATA[<script>alert(7)</script>]]> ketamine</AbstractText></Abstract>
<AuthorList><Author><LastName>&lt;b onmouseover=alert(8)&gt;Fixture</LastName><Initials>A</Initials></Author></AuthorList>
</Article>
<MeshHeadingList><MeshHeading><DescriptorName UI="D1">&lt;/a&gt;&lt;script&gt;alert(9)&lt;/script&gt;</DescriptorName>
</MeshHeading></MeshHeadingList>
<KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">javascript:alert(10)</Keyword></KeywordList>
</MedlineCitation><PubmedData><History>
<PubMedPubDate PubStatus="entrez"><Year>2024</Year><Month>1</Month><Day>2</Day></PubMedPubDate>
<PubMedPubDate PubStatus="pubmed"><Year>2024</Year><Month>1</Month><Day>3</Day></PubMedPubDate>
</History><PublicationStatus>ppublish</PublicationStatus></PubmedData></PubmedArticle></PubmedArticleSet>""".encode()


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    folder = tmp_path_factory.mktemp("secure")
    (folder / "hostile.xml").write_bytes(hostile_record())
    path = folder / "catalogue.db"
    result = CliRunner().invoke(cli, ["files", str(folder / "hostile.xml"), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def careless_site(path):
    """The catalogue served mutable, with generous limits and downloads on."""
    return Datasette([str(path)], metadata=METADATA,
                     settings={"sql_time_limit_ms": 60_000, "max_returned_rows": 100_000,
                               "allow_download": True})


@pytest.fixture(scope="module")
def ds(catalogue):
    return careless_site(catalogue)


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def sql(query):
    return "/catalogue.json?" + __import__("urllib.parse").parse.urlencode({"sql": query})


# ---------------------------------------------------------------- read-only


async def test_catalogue_is_opened_immutable_even_when_served_mutable(ds, catalogue):
    locker = sqlite3.connect(catalogue, isolation_level=None)
    locker.execute("begin exclusive")  # a reader that honours locks would now fail
    try:
        response = await ds.client.get("/catalogue/articles.json?_shape=array")
    finally:
        locker.execute("rollback")
        locker.close()
    assert response.status_code == 200
    assert HOSTILE in [row["pmid"] for row in response.json()]
    assert ds.databases["catalogue"].is_mutable is False


WRITE_PATHS = ["/", "/catalogue", "/catalogue/articles", f"/catalogue/articles/{HOSTILE}",
               "/catalogue/-/create", "/catalogue/articles/-/insert", "/catalogue/articles/-/upsert",
               f"/catalogue/articles/{HOSTILE}/-/delete", f"/catalogue/articles/{HOSTILE}/-/update",
               "/catalogue/articles/-/drop", "/catalogue/search", "/-/upload-csvs", "/-/messages",
               "/-/permissions", "/-/logout"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
async def test_no_endpoint_accepts_a_write(ds, catalogue, method):
    before = digest(catalogue)
    for path in WRITE_PATHS:
        response = await ds.client.request(method.upper(), path, json={"rows": [{"pmid": 1}]})
        assert response.status_code == 405, path
        assert "content-security-policy" in response.headers
    assert digest(catalogue) == before


@pytest.mark.parametrize("query", [
    "insert into articles (pmid) values (1)", "update articles set title = 'x'",
    "delete from articles", "drop table articles", "create table x (y)",
    "pragma query_only = 0", "vacuum into '/tmp/catalogue-stolen.db'",
    "select * from articles; delete from articles",
])
async def test_sql_that_writes_is_refused(ds, catalogue, query):
    before = digest(catalogue)
    response = await ds.client.get(sql(query))
    assert response.status_code == 400
    assert digest(catalogue) == before
    assert not Path("/tmp/catalogue-stolen.db").exists()


def test_canned_queries_never_write():
    for database in METADATA.get("databases", {}).values():
        for name, query in (database.get("queries") or {}).items():
            assert not (isinstance(query, dict) and query.get("write")), name


# ---------------------------------------------------------------- files, extensions, pointers


@pytest.mark.parametrize("query", [
    "select readfile('/etc/passwd')", "select load_extension('/tmp/evil')",
    "select hex(fts3_tokenizer('simple'))", "attach database '/etc/passwd' as stolen",
    "select * from pragma_database_list where file like '%' union select 1, 2, readfile('/etc/hostname')",
])
async def test_sql_cannot_read_files_load_code_or_attach(ds, query):
    response = await ds.client.get(sql(query))
    assert response.status_code == 400
    assert "root:" not in response.text


def test_guarded_connection_refuses_on_its_own(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("create table t (x)")
    security.guard_connection(conn)
    for statement in [f"attach database '{tmp_path / 'y.db'}' as y", "select fts3_tokenizer('simple')",
                      "pragma query_only = 0", "insert into t values (1)", "select hex(zeroblob(20000000))"]:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute(statement)
    assert not (tmp_path / "y.db").exists()
    assert conn.execute("select count(*) from t").fetchone() == (0,)


async def test_database_file_cannot_be_downloaded(catalogue):
    served = Datasette(immutables=[str(catalogue)], settings={"allow_download": True})
    response = await served.client.get("/catalogue.db")
    assert response.status_code == 403


async def test_internal_database_is_hidden(ds):
    assert (await ds.client.get("/_internal")).status_code == 403


# ---------------------------------------------------------------- runaway queries


async def test_runaway_query_is_stopped_within_the_time_limit(ds):
    started = time.monotonic()
    response = await ds.client.get(sql(
        "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"))
    assert response.status_code == 400 and "too long" in response.text
    assert time.monotonic() - started < 10


async def test_answers_are_cut_at_a_row_limit(ds):
    response = await ds.client.get(sql(
        "with recursive c(x) as (select 1 union all select x + 1 from c limit 5000) select x from c"))
    data = response.json()
    assert len(data["rows"]) == security.SETTING_CAPS["max_returned_rows"] and data["truncated"]
    assert (await ds.client.get("/catalogue/articles.json?_size=5000")).status_code == 400


async def test_no_value_can_fill_the_memory(ds):
    response = await ds.client.get(sql("select length(hex(zeroblob(20000000)))"))
    assert response.status_code == 400 and "too big" in response.text


# ---------------------------------------------------------------- markup from the records


def pages():
    return ["/", "/catalogue", "/catalogue/articles", "/catalogue/articles?_view=grid",
            f"/catalogue/articles/{HOSTILE}", "/catalogue/article_mesh", "/catalogue/article_authors",
            "/catalogue/search?q=ketamine", "/catalogue/whats_new", "/catalogue/per_year",
            "/catalogue/evidence_map", "/catalogue?sql=select+title,+abstract+from+articles",
            "/catalogue/articles?_search=ketamine", "/catalogue/articles?_facet=journal_iso"]


async def test_markup_in_records_is_shown_as_text(ds):
    row = await ds.client.get(f"/catalogue/articles/{HOSTILE}")
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in row.text
    for path in pages():
        response = await ds.client.get(path)
        assert response.status_code == 200, path
        html = response.text
        for attack in ATTACKS:
            assert attack not in html, (path, attack)
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE), path


async def test_json_is_never_sniffed_as_html(ds):
    response = await ds.client.get(f"/catalogue/articles/{HOSTILE}.json")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"


# ---------------------------------------------------------------- headers and robots


async def test_every_response_has_the_security_headers(ds):
    for path in ["/", f"/catalogue/articles/{HOSTILE}", "/catalogue.json?sql=select+1", "/no/such/page",
                 "/robots.txt", "/-/static/app.css", "/catalogue/articles.csv"]:
        response = await ds.client.get(path)
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


async def test_inline_scripts_the_pages_need_are_allowed(ds):
    for path in pages():
        response = await ds.client.get(path)
        policy = response.headers["content-security-policy"]
        for attrs, body in security.SCRIPT.findall(response.text):
            if "src=" in attrs:
                continue
            digest_ = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest_}'" in policy, (path, body[:80])


async def test_robots_stay_off_queries(ds):
    robots = (await ds.client.get("/robots.txt")).text.splitlines()
    assert "User-agent: *" in robots
    for rule in ["Disallow: /*?", "Disallow: /*.json", "Disallow: /*.csv", "Disallow: /catalogue/search"]:
        assert rule in robots
    response = await ds.client.get("/catalogue?sql=select+1")
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert "x-robots-tag" not in (await ds.client.get(f"/catalogue/articles/{HOSTILE}")).headers


# ---------------------------------------------------------------- bad arguments


@pytest.mark.parametrize("query, message", [
    ("_sort=no_such_column", "Cannot sort table by no_such_column"),
    ("_sort=conditions", "Cannot sort table by conditions"),  # a JSON column, not sortable
    ("_sort_desc=abstract", "Cannot sort table by abstract"),
    ("_sort=pmid&_sort_desc=title", "Cannot use _sort and _sort_desc"),
    ("pmid__in=[1", "pmid__in takes comma-separated values or a JSON list"),
    ("pmid__notin=[1,", "pmid__notin takes comma-separated values or a JSON list"),
    ('pmid__in=[{"a":1}]', "not a plain value"),
    ("pmid__in=[[1]]", "not a plain value"),
    ("pmid__gt=99999999999999999999999", "too large a number"),
    ("pub_year__gte=99999999999999999999999", "too large a number"),
    ("_timelimit=abc", "_timelimit must be a whole number"),
])
async def test_bad_arguments_are_a_400_not_a_500(ds, query, message):
    for path in ["/catalogue/articles", "/catalogue/articles.json", "/catalogue/articles.ris"]:
        response = await ds.client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, response.text[:300])
        assert message in response.text, path
    assert (await ds.client.get("/catalogue/articles?_sort=title")).status_code == 200


# ---------------------------------------------------------------- where the catalogue lives


@pytest.mark.parametrize("query", [
    "select * from pragma_database_list",
    "select file from pragma_database_list()",
    "select seq, name, file from pragma_database_list where seq = 0",
    "select name from articles union select file from pragma_database_list",
    "select * from (select * from pragma_database_list)",
    "with x as (select * from pragma_database_list) select * from x",
    "select (select file from pragma_database_list)",
    "select * from PRAGMA_DATABASE_LIST",
    "select * from main.pragma_database_list",
    "select * from dbstat", "select * from sqlite_dbpage",
    "select * from pragma_function_list", "select * from pragma_module_list",
    "select * from pragma_compile_options", "select * from pragma_collation_list",
])
async def test_no_sql_tells_where_the_catalogue_lives(ds, catalogue, query):
    for path in [sql(query), sql(query).replace("/catalogue.json?", "/catalogue?")]:
        response = await ds.client.get(path)
        assert response.status_code == 400, (path, response.text[:300])
        assert str(catalogue.parent) not in response.text and "/tmp" not in response.text


@pytest.mark.parametrize("query", [
    "select * from pragma_table_info('articles')", "select * from pragma_table_xinfo('articles')",
    "select * from pragma_index_list('articles')", "select * from pragma_foreign_key_list('article_mesh')",
    "select * from json_each('[1, 2]')", "select key from json_tree('{\"a\": [1]}')",
    "select count(*) from articles a join article_mesh m on m.pmid = a.pmid",
    "select rowid from articles_fts where articles_fts match 'ketamine'",
    "with recursive c(x) as (select 1 union all select x + 1 from c limit 3) select count(*) from c",
    "select * from (select pmid from articles) s", "select name from sqlite_master",
])
async def test_sql_a_reader_needs_still_answers(ds, query):
    response = await ds.client.get(sql(query))
    assert response.status_code == 200, response.text[:300]


@pytest.mark.parametrize("path", ["/-/databases", "/-/databases.json", "/-/threads", "/-/threads.json"])
async def test_pages_that_show_server_paths_are_not_served(ds, catalogue, path):
    response = await ds.client.get(path)
    assert response.status_code == 404 and str(catalogue.parent) not in response.text
    assert (await ds.client.get("/-/versions.json")).status_code == 200


async def test_a_query_stopped_at_the_time_limit_shows_no_sql(ds):
    runaway = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    response = await ds.client.get(sql(runaway).replace("/catalogue.json?", "/catalogue?"))
    assert response.status_code == 400 and "too long" in response.text
    assert "recursive" not in response.text and "<textarea" not in response.text
