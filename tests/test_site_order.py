"""Every listing of the site in one order: pages, the streamed CSV and every export list each
record of their set once, however many records share a sort value.

The catalogue here is made of fixture records (their titles say so) with heavy ties: most share
a publication date, an entry date, a design and an evidence level, some have none. Pages are
small (max_returned_rows 25), so that a walk and every export go through many pages.
"""

import csv
import copy
import io
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from harvest import load, parse
from tests.test_site import parse_export

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text())
from datasette_catalogue import ordering

RECORDS = 150
FIRST = 90500001
DESIGNS = ["Randomized controlled trials were pooled in this meta-analysis.",
           "In this randomized controlled trial, patients were given ketamine.",
           "We report a case of a patient given ketamine.",
           "This study protocol describes a trial: participants will be randomized.", ""]


def fixture_record(i: int) -> bytes:
    """A fixture record: ketamine and chronic pain, people in two of three, a design by turns."""
    people = "Twenty patients with chronic pain were studied. " if i % 3 else "Rats were studied. "
    return f"""<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">
<PMID Version="1">{FIRST + i}</PMID><Article><Journal><Title>Fixture Journal</Title></Journal>
<ArticleTitle>Fixture record {i}: ketamine for chronic pain</ArticleTitle>
<Abstract><AbstractText>{people}{DESIGNS[i % len(DESIGNS)]}</AbstractText></Abstract>
</Article></MedlineCitation><PubmedData><History>
<PubMedPubDate PubStatus="entrez"><Year>2021</Year><Month>7</Month><Day>1</Day></PubMedPubDate>
</History><PublicationStatus>ppublish</PublicationStatus></PubmedData></PubmedArticle>""".encode()


@pytest.fixture(scope="module")
def tied(tmp_path_factory):
    """A catalogue of fixture records where most sort values are shared, and some are missing."""
    path = tmp_path_factory.mktemp("tied") / "catalogue.db"
    db = load.open_db(path)
    records = [parse.parse_record(fixture_record(i)) for i in range(RECORDS)]
    run = load.start_run(db, "files", files=["fixture.xml"])
    load.save_records(db, records, run)
    load.finish_run(db, run, {"read": RECORDS, "in_scope": RECORDS, "new": RECORDS}, "complete")
    with db.conn:
        # Most share one date; one in ten has none; the rest share two others.
        db.execute("update articles set pub_date = case when pmid % 10 = 0 then null "
                   "when pmid % 10 < 7 then '2021-07-01' else '2020-01' end, "
                   "pub_year = case when pmid % 10 = 0 then null else 2021 end, "
                   "title = case when pmid % 4 = 0 then 'Fixture record: the same title' else title end")
    load.ensure_search(db)
    db.close()
    return path


@pytest.fixture(scope="module")
def ds(tied):
    return Datasette(immutables=[str(tied)], metadata=copy.deepcopy(METADATA), settings={"max_returned_rows": 25})


def counted(tied, where="") -> int:
    import sqlite3

    with sqlite3.connect(tied) as conn:
        return conn.execute(f"select count(*) from articles {where}").fetchone()[0]


SORTABLE = METADATA["databases"]["catalogue"]["tables"]["articles"]["sortable_columns"]
OFFERED = [""] + ["&" + "&".join(f"{k}={v}" for k, v in s.items() if k.startswith("_"))
                  for s in METADATA["plugins"]["catalogue"]["sorts"]]
EVERY_SORT = list(dict.fromkeys(OFFERED + [f"&_sort={c}" for c in SORTABLE] + [f"&_sort_desc={c}" for c in SORTABLE]))
FILTERS = [("", ""), ("population=human", "where population = 'human'"),
           ('_join_conditions=chronic-pain&design__in=["rct","meta-analysis"]',
            "where design in ('rct', 'meta-analysis') and pmid in "
            "(select pmid from article_conditions where condition = 'chronic-pain')")]


def test_the_fixture_has_the_ties_that_lost_records(tied):
    assert counted(tied) == RECORDS
    assert counted(tied, "where pub_date = '2021-07-01'") > 80 and counted(tied, "where pub_date is null") > 10
    assert counted(tied, "where evidence_level is null") > 25 and counted(tied, "where design = 'rct'") > 25
    for _, where in FILTERS[1:]:
        assert 25 < counted(tied, where) < RECORDS, where


async def walk(ds, query) -> list:
    """PMIDs of every page of a listing, following its next links."""
    pmids, url = [], f"/catalogue/articles.json?_shape=objects&_col=pmid&_size=9&{query}"
    while url:
        response = await ds.client.get(url)
        assert response.status_code == 200, response.text[:300]
        pmids += [row["pmid"] for row in response.json()["rows"]]
        url = response.json().get("next_url")
        url = url and url.removeprefix("http://localhost")
    return pmids


@pytest.mark.parametrize("sort", EVERY_SORT)
async def test_a_page_walk_lists_each_record_once_in_every_order(ds, tied, sort):
    for query, where in FILTERS:
        pmids = await walk(ds, query + sort)
        assert len(pmids) == len(set(pmids)) == counted(tied, where), (query, sort)


@pytest.mark.parametrize("sort", EVERY_SORT)
async def test_the_streamed_csv_lists_each_record_once_in_every_order(ds, tied, sort):
    for query, where in FILTERS:
        response = await ds.client.get(f"/catalogue/articles.csv?_stream=on&_size=max&{query}{sort}")
        assert response.status_code == 200
        pmids = [int(row["pmid"]) for row in csv.DictReader(io.StringIO(response.text))]
        assert len(pmids) == len(set(pmids)) == counted(tied, where), (query, sort)


@pytest.mark.parametrize("fmt", ["ris", "bib", "nbib", "csljson"])
@pytest.mark.parametrize("sort", OFFERED)
async def test_every_export_lists_each_record_once_in_every_order_offered(ds, tied, fmt, sort):
    for query, where in FILTERS:
        response = await ds.client.get(f"/catalogue/articles.{fmt}?{query}{sort}")
        assert response.status_code == 200
        pmids = parse_export(fmt, response.text)
        assert len(pmids) == len(set(pmids)) == counted(tied, where) == int(response.headers["x-records"])
        assert pmids == await walk(ds, query + sort)  # in the page's order


async def test_evidence_level_order_puts_unrated_records_last(ds, tied):
    body = (await ds.client.get("/catalogue/articles.json?_shape=objects&_col=evidence_level&_size=max"
                                "&_sort=evidence_rank")).json()
    levels = [row["evidence_level"] for row in body["rows"]]
    rated = [level for level in levels if level is not None]
    assert rated and levels[:len(rated)] == sorted(rated) and set(levels[len(rated):]) <= {None}


@pytest.mark.parametrize("sql, expected", [
    # the first page of a sorted table: the primary key is added
    ("select pmid, title from articles order by pub_date desc limit 26",
     "select pmid, title from articles order by pub_date desc, [pmid] limit 26"),
    ("select pmid, [title] from articles where population = :p0 order by [pub_date] limit 8",
     "select pmid, [title] from articles where population = :p0 order by [pub_date], [pmid] limit 8"),
    ("select rowid, a from [no pk] order by a limit 3", "select rowid, a from [no pk] order by a, [rowid] limit 3"),
    ("select pmid, position from article_authors order by last_name limit 5",
     "select pmid, position from article_authors order by last_name, [pmid], [position] limit 5"),
    # later pages have it already; sorting by the key needs nothing; facets and queries are left alone
    ("select pmid from articles where (a < :p1) order by pub_date desc, pmid limit 26", None),
    ("select pmid from articles order by pmid limit 26", None),
    ("select design as value, count(*) as count from (select * from articles) where design is not null "
     "group by design order by value limit 11", None),
    ("select * from v order by a limit 3", None),
])
async def test_the_tie_breaker_goes_only_where_a_table_page_needs_it(tmp_path, sql, expected):
    path = tmp_path / "t.db"
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.executescript("create table articles (pmid integer primary key, title, pub_date, population, a);"
                           "create table article_authors (pmid, position, last_name, primary key (pmid, position));"
                           "create table [no pk] (a); create view v as select 1 as a;")
    db = Datasette(immutables=[str(path)]).get_database("t")
    assert await ordering.with_tie_breaker(db, sql) == (expected or sql)
