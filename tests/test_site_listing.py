"""The rows and count of an articles page found in memory (datasette_catalogue.listing) are those
SQL finds, in the same order, page after page, for every sort the page offers.

On a catalogue of the first RECORDS real records of the sample, out of scope or not (`harvest
files --all`): the in-scope sample is a handful, too few to page through."""

import re
import sqlite3
import urllib.parse

import pytest
from click.testing import CliRunner

from datasette_catalogue import listing, selection
from harvest import read
from harvest.cli import cli
from tests.conftest import article_set
from tests.test_site import get_json, site
from tests.test_site_selection import PAGES

RECORDS = 1500

SORTS = ["", "_sort=evidence_rank", "_sort_desc=sample_size", "_sort_desc=entrez_date", "_sort=title",
         "_sort=pmid", "_sort_desc=pub_year"]


@pytest.fixture(scope="module")
def sample_db(sample_files, tmp_path_factory):
    """A catalogue of the first RECORDS records of the sample, every one kept."""
    records = []
    with read.open_input(sample_files[0]) as stream:
        for block in read.iter_blocks(stream):
            records += re.findall(rb"<PubmedArticle>.*?</PubmedArticle>", block, re.DOTALL)
            if len(records) >= RECORDS:
                break
    folder = tmp_path_factory.mktemp("listing")
    (folder / "records.xml").write_bytes(article_set(*records[:RECORDS]))
    result = CliRunner().invoke(cli, ["files", str(folder / "records.xml"), "--db", str(folder / "catalogue.db"),
                                      "--all", "--quiet"])
    assert result.exit_code == 0, result.output
    return folder / "catalogue.db"


@pytest.fixture(scope="module")
def ds(sample_db):
    return site(sample_db)


@pytest.fixture
def listed(monkeypatch):
    """How many pages were listed in memory."""
    calls = []
    original = selection.Catalogue.listed

    def counting(self, *args):
        calls.append(args)
        return original(self, *args)

    monkeypatch.setattr(selection.Catalogue, "listed", counting)
    return calls


def by_sql(monkeypatch):
    async def refuse(*args, **kwargs):
        return None

    monkeypatch.setattr(listing, "_chosen", refuse)


def page(body) -> tuple:
    return [row["pmid"] for row in body["rows"]], body["filtered_table_rows_count"], body["next"]


async def walk(ds, url) -> list:
    pmids = []
    while url:
        body = await get_json(ds, url)
        pmids += [row["pmid"] for row in body["rows"]]
        url = body.get("next_url") and urllib.parse.urlsplit(body["next_url"])._replace(scheme="", netloc="").geturl()
    return pmids


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("query", PAGES)
async def test_a_page_listed_in_memory_is_the_page_sql_lists(ds, query, sort, monkeypatch, listed):
    url = f"/catalogue/articles.json?_shape=objects&_col=pmid&{query}&{sort}"
    in_memory = page(await get_json(ds, url))
    in_memory_next = page(await get_json(ds, url + f"&_next={urllib.parse.quote(in_memory[2])}")) \
        if in_memory[2] else None
    read = not any(k.startswith("_search") or k == "_where" for k, _ in urllib.parse.parse_qsl(query))
    assert bool(listed) == read  # the site's own filters are listed in memory, and no other
    by_sql(monkeypatch)
    assert in_memory == page(await get_json(ds, url))
    if in_memory[2]:
        assert in_memory_next == page(await get_json(ds, url + f"&_next={urllib.parse.quote(in_memory[2])}"))


@pytest.mark.parametrize("query", ["design=observational", "_join_mesh=Female&population=human",
                                   "conditions__isnull=1&_sort_desc=sample_size", "_sort=title"])
async def test_every_page_of_a_listing_in_order(ds, sample_db, query, listed):
    """Paged through by cursor, a listing holds every record it matches once, in its order
    (ORDER BY the sort, then the PMID, as SQLite orders them: nulls first)."""
    pmids = await walk(ds, f"/catalogue/articles.json?_shape=objects&_col=pmid&_size=40&{query}")
    assert listed
    args = dict(urllib.parse.parse_qsl(query))
    where = {"design=observational": "design = 'observational'",
             "_join_mesh=Female&population=human":
                 "population = 'human' and pmid in (select pmid from article_mesh where descriptor = 'Female')",
             "conditions__isnull=1&_sort_desc=sample_size": "conditions is null",
             "_sort=title": "1"}[query]
    order = f"{args['_sort_desc']} desc" if "_sort_desc" in args else args.get("_sort", "pub_date desc")
    conn = sqlite3.connect(sample_db)
    expected = [r[0] for r in conn.execute(f"select pmid from articles where {where} order by {order}, pmid")]
    assert len(expected) > 80 and pmids == expected


async def test_a_cursor_that_is_not_the_listing_s_is_left_to_sql(ds, sample_db, monkeypatch, listed):
    """A cursor whose value is not its record's (another sort's, an edited one) or whose record is
    not in the catalogue pages as SQL pages it."""
    conn = sqlite3.connect(sample_db)
    pmid, date = conn.execute("select pmid, pub_date from articles where design = 'review' "
                              "order by pub_date desc, pmid limit 1 offset 100").fetchone()
    cursors = [f"1975-01-01,{pmid}", f"{date},{pmid}", f"{date},999999999", f"$null,{pmid}", str(pmid), "x,y"]
    base = "/catalogue/articles.json?_shape=objects&_col=pmid&design=review&_next="
    found = [page(await get_json(ds, base + urllib.parse.quote(c, safe=","))) for c in cursors]
    assert len(listed) == 1  # the record's own value: listed in memory; the others by SQL
    by_sql(monkeypatch)
    assert found == [page(await get_json(ds, base + urllib.parse.quote(c, safe=","))) for c in cursors]


async def test_exports_and_the_streamed_csv_list_every_record(ds, sample_db):
    conn = sqlite3.connect(sample_db)
    expected = [r[0] for r in conn.execute("select pmid from articles where design = 'review' "
                                           "order by pub_date desc, pmid")]
    csv = (await ds.client.get("/catalogue/articles.csv?design=review&_stream=on&_col=pmid&_size=50")).text
    assert [int(line.split(",")[0]) for line in csv.splitlines()[1:]] == expected
    ris = (await ds.client.get("/catalogue/articles.ris?design=review")).text
    assert ris.count("ER  -") == len(expected) > 100


@pytest.mark.parametrize("population", [None, "human", "animal", "in-vitro"])
def test_a_profile_s_strongest_records_read_from_its_index_are_those_of_its_order(sample_db, population):
    """A profile of no condition or route reads its strongest records in the strongest-first index's
    terms (profile.STRONGEST_FIRST_INDEXED): the same records, in the same order, as STRONGEST_FIRST."""
    from datasette_catalogue import profile

    conn = sqlite3.connect(sample_db)
    where, params = profile.question_filter(population=population)
    by_index = profile.strongest(conn, where, params, limit=200, order=profile.STRONGEST_FIRST_INDEXED)
    assert len(by_index) > 25 and by_index == profile.strongest(conn, where, params, limit=200)
