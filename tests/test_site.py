"""The published site through Datasette's own client: pages, queries, facets and exports."""

import asyncio
import collections
import copy
import datetime
import html as htmllib
import json
import re
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import bibtexparser
import pytest
import rispy
import sqlite_utils
import yaml
from Bio import Medline
from datasette.app import Datasette

from datasette_catalogue import citations
from harvest import classify, live, load, parse, schema, vocabulary
from tests.conftest import real_record_xml

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text())
TROCHES = 34092024
RETRACTED = 27602157  # real sample record: publication type Retracted Publication, RetractionIn 34093767


def site(path) -> Datasette:
    """The catalogue served as `make serve` serves it: the datasette_catalogue plugin is installed."""
    # A copy each: Datasette 0.65 adds plugin canned queries into the metadata dict it is given.
    return Datasette(immutables=[str(path)], metadata=copy.deepcopy(METADATA))


@pytest.fixture(scope="module")
def ds(sample_db):
    return site(sample_db)


def sample_plus(sample_db, sample_files, folder, pmids) -> Datasette:
    """The sample catalogue plus real records of the sample files it does not hold (test-only)."""
    path = folder / "catalogue.db"
    path.write_bytes(sample_db.read_bytes())
    db = load.open_db(path)
    run = load.start_run(db, "files", files=["pubmed21n1298.xml.gz"], query=f"test: PMIDs {pmids}")
    load.save_records(db, [parse.parse_record(real_record_xml(sample_files, p)) for p in pmids], run)
    load.finish_run(db, run, {"read": len(pmids), "in_scope": len(pmids), "new": len(pmids)}, "complete")
    load.ensure_search(db)
    db.close()
    return site(path)


@pytest.fixture(scope="module")
def retracted_ds(sample_db, sample_files, tmp_path_factory):
    """The sample catalogue plus one real retracted record from the sample files (test-only)."""
    return sample_plus(sample_db, sample_files, tmp_path_factory.mktemp("retracted"), [RETRACTED])


@pytest.fixture(scope="module")
def topics_ds(sample_db, tmp_path_factory):
    """The sample catalogue with the topic tables of the live harvester; two records linked by hand."""
    path = tmp_path_factory.mktemp("topics") / "catalogue.db"
    path.write_bytes(sample_db.read_bytes())
    db = load.open_db(path)
    schema.ensure_live_tables(db)
    live.sync_topics(db, live.load_topics())
    live.link(db, "chronic-pain", [TROCHES, 34062414], 1)
    live.note_not_found(db, [34062414], 1)  # as a harvest does when ESummary cannot find it
    load.refresh_summaries(db)  # as a harvest does once it has linked records
    db.close()
    return site(path)


async def get_json(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text[:500]
    return response.json()


async def table_pmids(ds, query=""):
    """PMIDs of every row a table filter matches, paged through Datasette's JSON."""
    pmids, url = [], f"/catalogue/articles.json?_shape=objects&_col=pmid&_size=max&{query}"
    while url:
        body = await get_json(ds, url)
        pmids += [row["pmid"] for row in body["rows"]]
        url = body.get("next_url")
    return pmids


# ---------------------------------------------------------------- metadata and home page


async def test_metadata_describes_every_articles_column(ds, sample_db):
    metadata = await get_json(ds, "/-/metadata.json")
    assert metadata["title"].startswith("Ketamine for chronic pain")
    assert "NLM" in metadata["license"] and "Apache-2.0" in metadata["license"]
    assert metadata["source_url"] == "https://pubmed.ncbi.nlm.nih.gov/"
    described = metadata["databases"]["catalogue"]["tables"]["articles"]["columns"]
    columns = sqlite_utils.Database(sample_db)["articles"].columns_dict
    assert set(columns) - set(described) == set()


async def test_articles_newest_first_with_title_label(ds):
    body = await get_json(ds, "/catalogue/articles.json?_shape=objects&_col=pub_date")
    dates = [row["pub_date"] for row in body["rows"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 8
    described = (await get_json(ds, "/catalogue/articles.json"))["human_description_en"]
    assert described == "sorted by pub_date descending"
    fk = await get_json(ds, "/catalogue/article_authors.json?_labels=on&_shape=objects&pmid=34092024")
    assert fk["rows"][0]["pmid"]["label"].startswith("Long Term Safety")


async def test_home_page_states_source_date_and_count(ds):
    html = (await ds.client.get("/")).text
    statement = re.search(r'<div class="provenance">\s*<p>(.*?)</p>', html, re.S).group(1)
    assert "holds 8 records" in statement
    assert "pubmed20n0014.xml.gz, pubmed21n1298.xml.gz" in statement
    assert "read offline" in statement and "50,788 records read, 8 in scope" in statement
    assert re.search(r"last updated \d{1,2} \w+ \d{4}", statement)
    assert 'action="/catalogue/search"' in html


async def test_about_page(ds):
    response = await ds.client.get("/about")
    assert response.status_code == 200
    assert "OCEBM" in response.text and "holds 8 records" in response.text
    names = vocabulary.DESIGN.names()
    assert f"{names['case-series']}, {names['case-report']}" in response.text  # the vocabulary's own order


async def test_the_about_page_says_how_often_labels_and_values_are_right(ds):
    """The held-out table, measured with the rules and patterns the catalogue runs, each share its own count's."""
    from harvest import extract

    html = re.sub(r"\s+", " ", (await ds.client.get("/about")).text)
    table = re.search(r'<h2 id="accuracy">.*?</table>', html).group()
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)%</td><td>(\d+) of (\d+)</td>', table)
    names = [name for name, *_ in rows]
    assert {"Study design", "Conclusion"} <= set(names) and any(n.startswith("Participants") for n in names)
    for name, percent, hits, total in rows:
        assert int(percent) == round(100 * int(hits) / int(total)), name
    assert f"classification rules {classify.RULES_VERSION} and extraction patterns {extract.VERSION}" in html


async def test_labels_and_the_glance_panel_link_to_how_often_they_are_right(ds):
    page = (await ds.client.get("/catalogue/articles/34092024")).text
    glance = re.search(r'<section class="glance".*?</section>', page, re.S).group()
    assert 'href="/about#accuracy"' in glance
    assert page.count('href="/about#accuracy"') == 2  # the panel, and the reasons for the labels


def reasons_shown(page: str) -> list:
    """(reason, agreement shown beside it or None) for each reason of an article page's 'Why these labels'."""
    listed = re.search(r"<summary>Why these labels</summary>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    shown = []
    for item in re.findall(r"<li>(.*?)</li>", listed, re.S):
        reason, _, agreement = item.partition('<span class="agreement">')
        shown.append((htmllib.unescape(reason).strip(), htmllib.unescape(agreement.removesuffix("</span>")) or None))
    return shown


async def test_each_reason_for_a_design_or_population_says_how_often_blind_readers_agreed_with_it(ds):
    """The share is the one measured for the reason's kind with the rules the catalogue was built with: the
    troches record's design comes from its abstract's own words, a rule readers agree with less often than
    with a publication type."""
    from datasette_catalogue import reason_accuracy

    shown = reasons_shown((await ds.client.get(f"/catalogue/articles/{TROCHES}")).text)
    figures = {reason.split(":", 1)[0]: agreement for reason, agreement in shown if agreement}
    # harms and the evidence level are not read blind; the design and the population always are
    assert {"design", "population"} <= set(figures) <= {"design", "population", "condition", "route"}
    for reason, agreement in shown:
        if agreement:
            agreed, read = reason_accuracy.AGREED[classify.reason_kind(reason)]
            assert agreement.endswith(f"on {round(100 * agreed / read)}% of the records it labelled "
                                      f"({agreed:,} of {read:,})"), agreement
    assert reason_accuracy.RULES_VERSION == classify.RULES_VERSION


async def test_no_share_is_given_for_labels_of_other_rules(ds, sample_db, tmp_path_factory):
    """A catalogue built with other rules gives the same reasons without the figures measured for these ones."""
    other = copy_catalogue(sample_db, tmp_path_factory, "rules", "update articles set rules_version = '2020.1'")
    ours = reasons_shown((await ds.client.get(f"/catalogue/articles/{TROCHES}")).text)
    older = reasons_shown((await other.client.get(f"/catalogue/articles/{TROCHES}")).text)
    assert [reason for reason, _ in older] == [reason for reason, _ in ours]
    assert any(agreement for _, agreement in ours) and not any(agreement for _, agreement in older)


def test_evidence_maps_order_designs_from_the_strongest(sample_db):
    from datasette_catalogue import pages as catalogue

    designs = {label.name for label in classify.RULES.facets["design"].values()}
    designs = {classify.RULES.data["design"]["reported_as"].get(d, d) for d in designs} - {"veterinary-clinic"}
    assert designs <= set(catalogue.DESIGN_ORDER), designs - set(catalogue.DESIGN_ORDER)
    rows = [{"condition": "crps", "design": d, "records": 1} for d in ("review", "case-report", "(unclassified)", "case-series", "rct")]
    assert catalogue.pivot(rows, "design")["across"] == ["rct", "case-series", "case-report", "review", "(unclassified)"]


# ---------------------------------------------------------------- search and facets


async def test_search_troches_puts_34092024_first(ds):
    body = await get_json(ds, "/catalogue/search.json?q=troches&_shape=objects")
    assert body["rows"][0]["pmid"] == TROCHES
    assert "<mark>troches</mark>" in body["rows"][0]["snippet"].lower()
    assert (await table_pmids(ds, "_search=troches"))[0] == TROCHES


async def test_search_page_highlights_and_links(ds):
    html = (await ds.client.get("/catalogue/search?q=troches")).text
    assert '<a href="/catalogue/articles/34092024">' in html
    assert "<mark>Troches</mark>" in html  # the title, highlighted
    assert "&lt;mark&gt;" not in html
    assert '/catalogue/search.ris?q=troches' in html


async def test_search_sorts_by_relevance_or_date(ds):
    relevance = await get_json(ds, "/catalogue/search.json?q=ketamine&_shape=objects")
    newest = await get_json(ds, "/catalogue/search.json?q=ketamine&sort=newest&_shape=objects")
    dates = [row["pub_date"] for row in newest["rows"]]
    assert dates == sorted(dates, reverse=True)
    assert {r["pmid"] for r in relevance["rows"]} == {r["pmid"] for r in newest["rows"]}
    assert [r["pmid"] for r in relevance["rows"]] != [r["pmid"] for r in newest["rows"]]


async def test_empty_search_shows_no_error(ds):
    response = await ds.client.get("/catalogue/search")
    assert response.status_code == 200 and "could not run" not in response.text


@pytest.mark.parametrize("words", ["\0", "ket\0amine", '"\0"', " ", '""', '"'])
async def test_searches_with_no_words_or_nul_characters_show_no_error(ds, words):
    query = urllib.parse.urlencode({"q": words})
    page = await ds.client.get(f"/catalogue/search?{query}")
    assert page.status_code == 200 and "could not run" not in page.text
    assert (await ds.client.get(f"/catalogue/search.ris?{query}")).status_code == 200
    for search in ["_search", "_search_title"]:
        table = await ds.client.get(f"/catalogue/articles.json?{urllib.parse.urlencode({search: words})}")
        assert table.status_code == 200, table.text[:300]
        assert table.json()["rows"] == [] or words == "ket\0amine"


async def test_search_for_words_with_a_nul_between_finds_both(ds):
    assert await table_pmids(ds, "_search=ketamine%00troches") == await table_pmids(ds, "_search=ketamine+troches")


async def test_a_search_keeps_its_first_hundred_words(ds):
    """FTS5 ranks thousands of words past the time limit; the words after the hundredth are left out."""
    ketamine = await get_json(ds, "/catalogue/search.json?q=ketamine&_shape=objects")
    assert ketamine["rows"]
    words = "+".join(["ketamine"] * 100 + ["nosuchwordanywhere"] * 1900)
    for path in [f"/catalogue/search.json?q={words}&_shape=objects", f"/catalogue/articles.json?_search={words}"]:
        response = await ds.client.get(path)
        assert response.status_code == 200 and len(response.json()["rows"]) == len(ketamine["rows"]), path


async def test_an_unknown_search_scope_searches_everything(ds):
    everything = await get_json(ds, "/catalogue/search.json?q=ketamine&_shape=objects")
    assert everything["rows"]
    for scope in ["all", "", "no-such-scope", "HUMAN"]:
        scoped = await get_json(ds, f"/catalogue/search.json?q=ketamine&scope={scope}&_shape=objects")
        assert scoped["rows"] == everything["rows"], scope


async def test_shortcuts_filter_like_the_search_scope(ds, sample_db):
    rows = list(sqlite_utils.Database(sample_db).query("select pmid, population, design from articles"))
    human = {r["pmid"] for r in rows if r["population"] == "human"}
    assert 0 < len(human) < len(rows)
    assert set(await table_pmids(ds, "population=human")) == human
    scoped = await get_json(ds, "/catalogue/search.json?q=ketamine&scope=human&_shape=objects")
    everything = await get_json(ds, "/catalogue/search.json?q=ketamine&_shape=objects")
    assert {r["pmid"] for r in scoped["rows"]} == {r["pmid"] for r in everything["rows"]} & human
    designs = METADATA["plugins"]["catalogue"]["shortcuts"]["reviews-trials"]["filters"]["design__in"]
    trials = {r["pmid"] for r in rows if r["design"] in designs.split(",")}
    assert 33962333 in trials  # the meta-analysis of intrathecal ketamine
    assert set(await table_pmids(ds, "design__in=" + designs)) == trials
    scoped = await get_json(ds, "/catalogue/search.json?q=ketamine&scope=reviews-trials&_shape=objects")
    assert {r["pmid"] for r in scoped["rows"]} == {r["pmid"] for r in everything["rows"]} & trials


def array_counts(path, column) -> dict:
    sql = f"select j.value, count(*) from articles, json_each(articles.{column}) j group by j.value"
    return dict(sqlite_utils.Database(path).execute(sql).fetchall())


def pmids_with(path, column, *values) -> set:
    rows = sqlite_utils.Database(path).query(f"select pmid, {column} from articles")
    return {r["pmid"] for r in rows if set(values) <= set(citations.json_list(r[column]))}


LABELS = {name: name for name in ("conditions", "routes", "harms")}  # facet names: the JSON API kept them


async def test_facet_headings_name_the_facet_not_how_it_is_counted(ds):
    html = (await ds.client.get("/catalogue/articles")).text
    headings = re.findall(r'<p class="facet-info-name">\s*<strong>([^<]*?)\s*<span', html)
    assert {"conditions", "routes", "harms", "MeSH heading", "design"} <= set(headings)
    assert not any("(" in heading for heading in headings)


async def test_default_facets_answer(ds, sample_db):
    body = await get_json(ds, "/catalogue/articles.json")
    facets = body["facet_results"]
    for name in ("design", "evidence_level", "population", *LABELS.values(), "MeSH heading",
                 "Publication type", "pub_year", "journal", "language", "retracted"):
        assert name in facets, name
    for column, label in LABELS.items():
        counts = {r["value"]: r["count"] for r in facets[label]["results"]}
        assert counts == array_counts(sample_db, column), column
    assert {r["value"]: r["count"] for r in facets["routes"]["results"]}["intravenous"] >= 1


def copy_catalogue(sample_db, tmp_path_factory, name, *statements):
    """A copy of the sample catalogue with some SQL run on it, served as `make serve` does."""
    path = tmp_path_factory.mktemp(name) / "catalogue.db"
    path.write_bytes(sample_db.read_bytes())
    db = sqlite_utils.Database(path)
    with db.conn:
        for sql in statements:
            db.execute(sql)
    db.close()
    return site(path)


@pytest.fixture(scope="module")
def live_ds(sample_db, tmp_path_factory):
    """The sample catalogue without the facet summaries: every facet counted live, as Datasette counts."""
    return copy_catalogue(sample_db, tmp_path_factory, "live", "delete from join_counts",
                          "delete from column_counts")


@pytest.fixture(scope="module")
def doctored_ds(sample_db, tmp_path_factory):
    """Summaries off by 1,000 for one column and one join table: shows where a page reads its counts."""
    return copy_catalogue(sample_db, tmp_path_factory, "doctored",
                          "update column_counts set records = records + 1000 where column_name = 'design'",
                          "update join_counts set records = records + 1000 where join_table = 'article_routes'")


def live_group_by(path) -> tuple:
    """What every summary of an unfiltered facet should hold, grouped from the rows."""
    db = sqlite_utils.Database(path)
    columns = {(c, v, n) for c in schema.COUNTED_COLUMNS for v, n in db.execute(
        f"select [{c}], count(*) from articles where [{c}] is not null group by 1").fetchall()}
    joins = {(t, v, n) for t, c in schema.COUNTED_JOINS.items() if t in db.table_names() for v, n in db.execute(
        f"select [{c}], count(distinct pmid) from [{t}] where [{c}] is not null group by 1").fetchall()}
    return columns, joins


def summaries(path) -> tuple:
    db = sqlite_utils.Database(path)
    return (set(db.execute("select column_name, value, records from column_counts").fetchall()),
            set(db.execute("select join_table, value, records from join_counts").fetchall()))


def test_summaries_hold_the_live_counts(sample_db):
    columns, joins = summaries(sample_db)
    assert (columns, joins) == live_group_by(sample_db)
    assert ("pub_year", 2021, 7) in columns and ("design", "meta-analysis", 1) in columns  # types kept
    assert {t for t, _, _ in joins} >= {"article_conditions", "article_routes", "article_harms", "article_mesh"}


def test_summaries_follow_deletions_and_reclassification(sample_db, tmp_path):
    from click.testing import CliRunner

    from harvest.cli import cli

    path = tmp_path / "catalogue.db"
    path.write_bytes(sample_db.read_bytes())
    deletion = tmp_path / "deletion.xml"
    deletion.write_text(f'<PubmedArticleSet><DeleteCitation><PMID Version="1">{TROCHES}</PMID>'
                        f'</DeleteCitation></PubmedArticleSet>')
    result = CliRunner().invoke(cli, ["files", str(deletion), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    columns, joins = summaries(path)
    assert (columns, joins) == live_group_by(path)
    assert ("article_routes", "sublingual-buccal", 1) in summaries(sample_db)[1]
    assert not any(value == "sublingual-buccal" for _, value, _ in joins)  # TROCHES was the only one
    with sqlite_utils.Database(path).conn as conn:
        conn.execute("update column_counts set records = 0")
        conn.execute("update join_counts set records = 0")
    result = CliRunner().invoke(cli, ["classify", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert summaries(path) == (columns, joins)


def test_every_default_facet_has_a_summary():
    facets = METADATA["databases"]["catalogue"]["tables"]["articles"]["facets"]
    for facet in facets:
        if isinstance(facet, str):
            assert facet in schema.COUNTED_COLUMNS, facet
        else:
            join = schema.JOINS[facet["join"]]
            assert join.counted and schema.COUNTED_JOINS[join.table] == join.column, facet


@pytest.mark.parametrize("query", ["", "?_facet_size=2", "?_facet_size=max&_sort=title",
                                   "?_facet=status&_facet_join=author"])
async def test_unfiltered_facets_from_summaries_equal_datasettes_own(ds, live_ds, query):
    summarised = (await get_json(ds, "/catalogue/articles.json" + query))["facet_results"]
    live = (await get_json(live_ds, "/catalogue/articles.json" + query))["facet_results"]
    assert summarised == live
    if query == "?_facet_size=2":
        assert summarised["design"]["truncated"] and summarised["conditions"]["truncated"]


async def test_unfiltered_page_groups_nothing(ds, monkeypatch):
    from datasette.database import Database

    seen, execute = [], Database.execute

    async def recorded(self, sql, *args, **kwargs):
        seen.append(" ".join(sql.split()).lower())
        return await execute(self, sql, *args, **kwargs)

    monkeypatch.setattr(Database, "execute", recorded)
    await get_json(ds, "/catalogue/articles.json")
    assert any("from column_counts" in sql for sql in seen) and any("from join_counts" in sql for sql in seen)
    assert [sql for sql in seen if "group by" in sql] == []
    seen.clear()
    await get_json(ds, "/catalogue/articles.json?population=human")
    # Facets are counted in memory (datasette_catalogue.selection), but population's own: it counts
    # without its own filter, so every article.
    assert [sql for sql in seen if "_counts" in sql] == [
        "select value, records as count from column_counts where column_name = :key order by count desc, value limit 11"]
    assert [sql for sql in seen if "group by" in sql] == []
    seen.clear()
    await get_json(ds, "/catalogue/articles.json?_search=ketamine")
    # a search's PMIDs are found by SQL once a page, and its facets counted over them in memory
    assert len([sql for sql in seen if sql.startswith("select group_concat(pmid) from (")]) == 1
    assert [sql for sql in seen if "group by" in sql] == []


async def test_unfiltered_pages_read_the_summaries_and_filtered_pages_count_live(doctored_ds, sample_db):
    facets = (await get_json(doctored_ds, "/catalogue/articles.json"))["facet_results"]
    designs = {r["value"]: r["count"] for r in facets["design"]["results"]}
    live = dict(sqlite_utils.Database(sample_db).execute(
        "select design, count(*) from articles where design is not null group by 1").fetchall())
    assert designs == {design: n + 1000 for design, n in live.items()}
    assert {r["value"]: r["count"] for r in facets["routes"]["results"]} == {
        route: n + 1000 for route, n in array_counts(sample_db, "routes").items()}
    for query in ("population=human", "_search=ketamine", "_join_routes=intravenous"):
        pmids = set(await table_pmids(doctored_ds, query))
        assert pmids, query
        rows = list(sqlite_utils.Database(sample_db).query("select pmid, design, routes from articles"))
        facets = (await get_json(doctored_ds, f"/catalogue/articles.json?{query}"))["facet_results"]
        designs = {r["value"]: r["count"] for r in facets["design"]["results"]}
        assert designs == dict(collections.Counter(r["design"] for r in rows if r["pmid"] in pmids and r["design"]))
        routes = {r["value"]: r["count"] for r in facets["routes"]["results"]}
        if query.startswith("_join_routes"):
            # A facet counts without its own filter: here every article, so the summary (doctored).
            assert routes == {route: n + 1000 for route, n in array_counts(sample_db, "routes").items()}
            continue
        assert routes == dict(collections.Counter(
            route for r in rows if r["pmid"] in pmids for route in citations.json_list(r["routes"])))


@pytest.mark.parametrize("column", list(LABELS))
async def test_label_facet_toggles_filter_by_the_label_tables(ds, sample_db, column):
    facet = (await get_json(ds, "/catalogue/articles.json"))["facet_results"][LABELS[column]]
    assert facet["results"]
    for result in facet["results"]:
        url = urllib.parse.urlsplit(result["toggle_url"])
        assert url.path == "/catalogue/articles.json" and not result["selected"]
        assert url.query == urllib.parse.urlencode({f"_join_{column}": result["value"]})
        body = await get_json(ds, f"{url.path}?{url.query}")
        rows = await table_pmids(ds, url.query)
        assert set(rows) == pmids_with(sample_db, column, result["value"]), url
        assert body["filtered_table_rows_count"] == result["count"] == len(rows)
        chosen = next(r for r in body["facet_results"][LABELS[column]]["results"] if r["value"] == result["value"])
        assert chosen["selected"] and chosen["count"] == result["count"]
        assert f"_join_{column}=" not in chosen["toggle_url"]  # the toggle takes the filter off again


async def test_label_filters_combine_and_old_arraycontains_urls_still_answer(ds, sample_db):
    chronic = await table_pmids(ds, "_join_conditions=chronic-pain")
    assert set(chronic) == pmids_with(sample_db, "conditions", "chronic-pain") and TROCHES in chronic
    assert await table_pmids(ds, "_join_conditions=chronic-pain&_join_routes=sublingual-buccal") == [TROCHES]
    # Links bookmarked before the label tables: the JSON columns still filter.
    assert await table_pmids(ds, "conditions__arraycontains=chronic-pain") == chronic
    both = await table_pmids(ds, "conditions__arraycontains=chronic-pain&routes__arraycontains=sublingual-buccal")
    assert both == [TROCHES]
    html = await ds.client.get("/catalogue/articles?harms__arraycontains=psychotomimetic")
    assert html.status_code == 200 and "psychotomimetic" in html.text


async def test_site_links_use_the_label_tables(ds):
    page = (await ds.client.get(f"/catalogue/articles/{TROCHES}")).text
    assert "?_join_routes=sublingual-buccal" in page and "?_join_conditions=chronic-pain" in page
    pages = page + (await ds.client.get("/catalogue/evidence_map")).text
    pages += (await ds.client.get("/catalogue/evidence_map_routes")).text + (await ds.client.get("/")).text
    assert "arraycontains" not in pages
    # a map cell opens its evidence profile, which lists the records by their label tables
    routes_map = (await ds.client.get("/catalogue/evidence_map_routes")).text
    assert "/catalogue/profile?condition=chronic-pain&amp;route=sublingual-buccal" in routes_map


async def test_join_facets_count_and_filter(ds):
    body = await get_json(ds, "/catalogue/articles.json?_facet_join=mesh&_facet_join=author")
    mesh = body["facet_results"]["MeSH heading"]["results"]
    animals = next(r for r in mesh if r["value"] == "Animals")
    assert animals["count"] == 1 and "_join_mesh=Animals" in animals["toggle_url"]
    assert await table_pmids(ds, "_join_mesh=Animals") == [426704]
    assert await table_pmids(ds, "_join_mesh=Animals&_join_author=Maudlin+B") == []
    assert await table_pmids(ds, "_join_author=Maudlin+B") == [TROCHES]


# ---------------------------------------------------------------- the article page


async def test_article_page(ds, sample_db):
    design = sqlite_utils.Database(sample_db)["articles"].get(TROCHES)["design"]
    assert design == "case-series"  # troches given to a series of patients, no comparison group
    html = (await ds.client.get(f"/catalogue/articles/{TROCHES}")).text
    assert '<meta name="citation_title" content="Long Term Safety and Efficacy of Sub-Lingual Ketamine' in html
    assert html.count('<meta name="citation_author"') == 3
    assert '<meta name="citation_pmid" content="34092024">' in html
    assert '<meta name="citation_doi" content="10.1111/imj.15404">' in html
    assert 'href="https://doi.org/10.1111/imj.15404"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/34092024/"' in html
    assert '<span class="label">INTRODUCTION:</span>' in html and '<span class="label">RESULTS:</span>' in html
    for style in ("ama", "vancouver", "apa"):
        assert f'id="cite-{style}"' in html
    assert "Maudlin B, Gibson SB, Aggarwal A. Long Term Safety" in html
    assert "sublingual-buccal" in html and design in html
    assert f"design: {design}" in html  # the classification reasons
    # its abstract reports no cystitis: the harms facet counts harms looked for too, and says so
    assert ">Harms reported or looked for</dt>" in html and "?_join_harms=urological" in html


async def test_pmc_link(ds):
    html = (await ds.client.get("/catalogue/articles/34082712")).text
    assert 'href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8173983/"' in html


async def test_ama_citation(ds, sample_db):
    conn = sqlite_utils.Database(sample_db).conn
    ref = citations.load_references(conn, [33962333])[0]
    assert citations.cite(ref, "AMA") == (
        "Sohnen S, Dowling O, Shore-Lesserson L. Single dose perioperative intrathecal ketamine as an "
        "adjuvant to intrathecal bupivacaine: A systematic review and meta-analysis of adult human "
        "randomized controlled trials. J Clin Anesth. 2021;73:110331. doi:10.1016/j.jclinane.2021.110331")
    assert citations.cite(ref, "Vancouver").endswith("J Clin Anesth. 2021;73:110331. "
                                                "doi:10.1016/j.jclinane.2021.110331 PubMed PMID: 33962333.")
    assert citations.cite(ref, "APA").startswith("Sohnen, S., Dowling, O., & Shore-Lesserson, L. (2021).")


# ---------------------------------------------------------------- exports


def parse_export(fmt, text) -> list:
    """PMIDs of the records in an export, read back with each format's own parser."""
    if fmt == "ris":
        return [int(e["accession_number"]) for e in rispy.loads(text)]
    if fmt == "bib":
        return [int(e.fields_dict["pmid"].value) for e in bibtexparser.parse_string(text).entries]
    if fmt == "nbib":
        return [int(r["PMID"]) for r in Medline.parse(StringIO(text))]
    return [int(item["PMID"]) for item in json.loads(text)]


@pytest.mark.parametrize("fmt", ["ris", "bib", "nbib", "csljson"])
async def test_exports_of_a_filtered_search_parse_back_to_the_same_records(ds, fmt):
    query = "_search=ketamine&population=human"
    expected = await table_pmids(ds, query)
    assert len(expected) > 3
    # _size=2: the export still has every matching row, not the first page.
    response = await ds.client.get(f"/catalogue/articles.{fmt}?{query}&_size=2")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert parse_export(fmt, response.text) == expected


@pytest.mark.parametrize("fmt", ["ris", "bib", "nbib", "csljson"])
async def test_exports_of_the_ranked_search(ds, fmt):
    rows = (await get_json(ds, "/catalogue/search.json?q=ketamine&_shape=objects"))["rows"]
    response = await ds.client.get(f"/catalogue/search.{fmt}?q=ketamine")
    assert parse_export(fmt, response.text) == [r["pmid"] for r in rows]


@pytest.mark.parametrize("path", [
    "/catalogue/evidence_map.ris", "/catalogue/per_year.bib", "/catalogue/new_records.nbib",
    "/catalogue/harvest_runs.csljson", "/catalogue/harvest_runs/1.ris", "/catalogue/articles_fts.ris",
    "/catalogue.ris?sql=explain+select+1", "/catalogue.ris?sql=select+pmid+from+articles,+articles+a2",
])
async def test_exports_of_rows_without_pmids_are_refused(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 400, response.text[:300]


@pytest.mark.parametrize("fmt", ["ris", "bib", "nbib", "csljson"])
async def test_exports_of_a_query_take_only_what_can_be_a_pmid(ds, fmt):
    for cell in ["'abc'", "null", "-1", "0", "1.5", "x'00'", "99999999999999999999", "''"]:
        response = await ds.client.get(f"/catalogue.{fmt}?" + urllib.parse.urlencode({"sql": f"select {cell} as pmid"}))
        assert response.status_code == 200 and response.headers["x-records"] == "0", cell
    text = await ds.client.get(f"/catalogue.{fmt}?sql=select+'{TROCHES}'+as+pmid")
    assert parse_export(fmt, text.text) == [TROCHES]
    response = await ds.client.get(f"/catalogue.{fmt}?sql=select+:p+as+pmid")  # a parameter left blank
    assert response.status_code == 200 and response.headers["x-records"] == "0"


async def test_exports_list_each_record_once(ds):
    mesh = await table_pmids(ds, "")  # every article; article_mesh has a row per heading
    response = await ds.client.get("/catalogue/article_mesh.ris")
    exported = parse_export("ris", response.text)
    assert len(exported) == len(set(exported)) and set(exported) <= set(mesh)
    assert len(exported) < len((await get_json(ds, "/catalogue/article_mesh.json?_shape=array&_size=max")))
    twice = urllib.parse.urlencode({"sql": f"select {TROCHES} as pmid union all select {TROCHES}"})
    assert parse_export("ris", (await ds.client.get(f"/catalogue.ris?{twice}")).text) == [TROCHES]


async def test_an_export_of_a_failing_query_is_a_400(ds):
    runaway = "with recursive c(x) as (select 1 union all select x + 1 from c) select x as pmid from c"
    response = await ds.client.get("/catalogue.ris?" + urllib.parse.urlencode({"sql": runaway}))
    assert response.status_code == 400 and "too long" in response.text
    response = await ds.client.get("/catalogue.bib?sql=select+pmid+from+no_such_table")
    assert response.status_code == 400 and "no such table" in response.text


async def test_a_long_export_does_not_hold_up_other_pages(sample_db, monkeypatch):
    from datasette_catalogue import exports

    write, content_type, suffix, name = exports.FORMATS["ris"]
    writing = threading.Event()

    def slow_write(refs):
        writing.set()
        time.sleep(1)
        return write(refs)

    monkeypatch.setitem(exports.FORMATS, "ris", (slow_write, content_type, suffix, name))
    served = site(sample_db)  # its renderers are made now, with the slow writer
    finished = []

    async def export():
        await served.client.get("/catalogue/articles.ris")
        finished.append("export")

    async def page():
        while not writing.is_set():
            await asyncio.sleep(0.01)
        assert (await served.client.get("/about")).status_code == 200
        finished.append("page")

    await asyncio.gather(export(), page())
    assert finished == ["page", "export"]


async def test_export_fields_round_trip(ds, sample_db):
    ris = rispy.loads((await ds.client.get(f"/catalogue/articles/{TROCHES}.ris")).text)[0]
    assert ris["title"].startswith("Long Term Safety") and ris["doi"] == "10.1111/imj.15404"
    assert ris["authors"] == ["Maudlin, Ben", "Gibson, Stephen B", "Aggarwal, Arun"]
    assert ris["journal_name"] == "Intern Med J" and ris["year"] == "2021"
    bib = bibtexparser.parse_string((await ds.client.get(f"/catalogue/articles/{TROCHES}.bib")).text)
    entry = bib.entries[0].fields_dict
    assert entry["author"].value == "Maudlin, Ben and Gibson, Stephen B and Aggarwal, Arun"
    assert entry["doi"].value == "10.1111/imj.15404"
    medline = next(Medline.parse(StringIO((await ds.client.get("/catalogue/articles/33962333.nbib")).text)))
    assert medline["AU"] == ["Sohnen S", "Dowling O", "Shore-Lesserson L"]
    assert medline["TA"] == "J Clin Anesth" and medline["PG"] == "110331"
    assert medline["AB"] == sqlite_utils.Database(sample_db)["articles"].get(33962333)["abstract"].replace("\n\n", " ")
    csl = json.loads((await ds.client.get(f"/catalogue/articles/{TROCHES}.csljson")).text)[0]
    assert csl["issued"] == {"date-parts": [[2021, 6, 6]]} and csl["container-title-short"] == "Intern Med J"


# ---------------------------------------------------------------- evidence map, charts, feeds


async def test_evidence_map_cells_lead_to_their_rows(ds):
    """A cell opens its condition's evidence profile at its design, whose count lists the same records."""
    html = (await ds.client.get("/catalogue/evidence_map")).text
    cells = re.findall(r'<a href="(/catalogue/profile\?[^"#]+)#design-([\w-]+)"[^>]*>(\d+)</a>', html)
    assert cells
    for url, design, count in cells:
        profile = (await ds.client.get(url.replace("&amp;", "&"))).text
        row = re.search(rf'<tr id="design-{design}">.*?<a href="([^"]+)"[^>]*>(\d+)</a>', profile, re.S)
        assert row and row.group(2) == count, (url, design)
        query = row.group(1).split("?", 1)[1].replace("&amp;", "&")
        assert len(await table_pmids(ds, query)) == int(count), url
    unclassified = re.findall(r'<a href="(/catalogue/articles\?[^"]+)"[^>]*>(\d+)</a>', html)
    for url, count in unclassified:  # '(no condition)' has no profile: it lists its records
        assert len(await table_pmids(ds, url.split("?", 1)[1].replace("&amp;", "&"))) == int(count), url


@pytest.mark.parametrize("condition, value, column, profiled", [
    ("crps", "rct", "design", True), ("crps", "other", "design", False), ("(no condition)", "rct", "design", False),
    ("crps", "(no route)", "routes", False), ("crps", "oral", "routes", True)])
def test_a_map_cell_opens_a_profile_only_where_the_profile_has_its_row(condition, value, column, profiled):
    from datasette_catalogue import pages

    assert pages.on_a_profile(condition, value, column) is profiled


async def test_routes_map_and_chart(ds):
    routes = (await ds.client.get("/catalogue/evidence_map_routes")).text
    assert "sublingual-buccal" in routes
    chart = (await ds.client.get("/catalogue/per_year")).text
    bars = re.findall(r'<a href="(/catalogue/articles\?[^"]+)"[^>]*title="(\d+) ([^:]+): (\d+)', chart)
    assert sum(int(n) for *_, n in bars) == 8
    for url, year, design, count in bars:
        assert len(await table_pmids(ds, url.split("?", 1)[1].replace("&amp;", "&"))) == int(count)


async def test_whats_new_and_feed(ds):
    new = await get_json(ds, "/catalogue/whats_new.json?_shape=objects")
    dates = [r["entrez_date"] for r in new["rows"]]
    assert dates == sorted(dates, reverse=True)
    html = (await ds.client.get("/catalogue/whats_new")).text
    assert html.index(str(new["rows"][0]["pmid"])) < html.index(str(new["rows"][-1]["pmid"]))
    response = await ds.client.get("/catalogue/new_records.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.text)
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 8
    assert entries[0].find("{http://www.w3.org/2005/Atom}id").text.endswith(f"pmid:{new['rows'][0]['pmid']}")


# ---------------------------------------------------------------- retractions


async def test_retraction_warned_everywhere(retracted_ds):
    ds = retracted_ds
    page = (await ds.client.get(f"/catalogue/articles/{RETRACTED}")).text
    assert 'class="retracted-warning"' in page and "PMID 34093767" in page
    table = (await ds.client.get(f"/catalogue/articles?pmid={RETRACTED}")).text
    assert 'class="retracted-warning"' in table
    ris = rispy.loads((await ds.client.get(f"/catalogue/articles.ris?pmid={RETRACTED}")).text)[0]
    assert ris["title"].startswith("[RETRACTED] ") and any("RETRACTED" in n for n in ris["notes"])
    bib = bibtexparser.parse_string((await ds.client.get(f"/catalogue/articles.bib?pmid={RETRACTED}")).text)
    assert bib.entries[0].fields_dict["note"].value.startswith("RETRACTED ARTICLE")
    nbib = next(Medline.parse(StringIO((await ds.client.get(f"/catalogue/articles.nbib?pmid={RETRACTED}")).text)))
    assert nbib["GN"][0].startswith("RETRACTED ARTICLE") and "Retracted Publication" in nbib["PT"]
    csl = json.loads((await ds.client.get(f"/catalogue/articles.csljson?pmid={RETRACTED}")).text)[0]
    assert csl["note"].startswith("RETRACTED ARTICLE")
    feed = (await ds.client.get("/catalogue/new_records.atom")).text
    assert "[RETRACTED] " in feed
    clean = (await ds.client.get(f"/catalogue/articles/{TROCHES}")).text
    assert 'class="retracted-warning"' not in clean


# ---------------------------------------------------------------- topics


async def test_a_record_pubmed_could_not_find_says_so_and_stays(topics_ds):
    page = (await topics_ds.client.get("/catalogue/articles/34062414")).text
    today = datetime.date.today()
    assert re.search(r'class="not-found-notice"[^>]*>Not found in PubMed on '
                     + f"{today.day} {today.strftime('%B %Y')}", page)
    assert "not-found-notice" not in (await topics_ds.client.get(f"/catalogue/articles/{TROCHES}")).text


async def test_topic_facet_filter_and_feed(topics_ds):
    ds = topics_ds
    body = await get_json(ds, "/catalogue/articles.json")
    topics = {r["value"]: r["count"] for r in body["facet_results"]["Topic"]["results"]}
    assert topics == {"chronic-pain": 2}
    assert set(await table_pmids(ds, "_join_topic=chronic-pain")) == {TROCHES, 34062414}
    feed = ET.fromstring((await ds.client.get("/catalogue/new_in_topic.atom?topic=chronic-pain")).text)
    ids = [e.find("{http://www.w3.org/2005/Atom}id").text for e in feed.findall("{http://www.w3.org/2005/Atom}entry")]
    assert sorted(ids) == sorted(f"tag:ketamine-pain-catalogue,2025:pmid:{p}" for p in (TROCHES, 34062414))
    home = (await ds.client.get("/")).text
    assert "/catalogue/new_in_topic.atom?topic=chronic-pain" in home
    page = (await ds.client.get(f"/catalogue/articles/{TROCHES}")).text
    assert "_join_topic=chronic-pain" in page


async def test_no_topic_feed_without_topic_tables(ds):
    assert (await ds.client.get("/catalogue/new_in_topic")).status_code == 404


ROUND_TRIP_COLUMNS = ("title", "abstract", "authors", "journal", "journal_iso", "pub_year", "pub_month",
                      "volume", "issue", "pages", "doi", "pmcid", "languages", "publication_types",
                      "mesh_terms", "keywords", "entrez_date", "created_date", "publication_status",
                      "design", "population", "conditions", "routes", "harms")


async def test_medline_export_reads_back_as_the_same_catalogue(ds, sample_db, tmp_path):
    """The .nbib export of the whole catalogue, loaded by `harvest files`, gives the same
    articles: what the writer puts in, the MEDLINE reader takes out, labels included."""
    from click.testing import CliRunner

    from harvest.cli import cli

    export = tmp_path / "catalogue.nbib"
    export.write_text((await ds.client.get("/catalogue/articles.nbib?_size=max")).text)
    copy_db = tmp_path / "from-nbib.db"
    result = CliRunner().invoke(cli, ["files", str(export), "--db", str(copy_db), "--all", "--quiet"])
    assert result.exit_code == 0, result.output
    columns = ", ".join(ROUND_TRIP_COLUMNS)
    rows = lambda path: sqlite_utils.Database(path).execute(
        f"select pmid, {columns} from articles order by pmid").fetchall()
    original, copied = rows(sample_db), rows(copy_db)
    assert [r[0] for r in copied] == [r[0] for r in original]
    for before, after in zip(original, copied):
        assert dict(zip(ROUND_TRIP_COLUMNS, after[1:])) == dict(zip(ROUND_TRIP_COLUMNS, before[1:])), before[0]


# ---------------------------------------------------------------- links between records, from each side

NOTICE = 34093767  # real sample record: the notice that retracts RETRACTED


@pytest.fixture(scope="module")
def notices_ds(sample_db, sample_files, tmp_path_factory):
    """The sample catalogue plus a real retracted article and the notice that retracts it."""
    path = tmp_path_factory.mktemp("notices") / "catalogue.db"
    path.write_bytes(sample_db.read_bytes())
    db = load.open_db(path)
    run = load.start_run(db, "files", files=["pubmed21n1298.xml.gz"], query="test: a retraction and its notice")
    load.save_records(db, [parse.parse_record(real_record_xml(sample_files, p)) for p in (RETRACTED, NOTICE)], run)
    load.finish_run(db, run, {"read": 2, "in_scope": 2, "new": 2}, "complete")
    db.close()
    return site(path)


def notices_of(html) -> list:
    block = re.search(r'<h2>Corrections and notices</h2>\s*<ul>(.*?)</ul>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", item))).strip()
            for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


async def test_each_page_names_a_link_from_its_own_side(notices_ds):
    article = notices_of((await notices_ds.client.get(f"/catalogue/articles/{RETRACTED}")).text)
    assert len(article) == 1 and article[0].startswith("Retracted by the retraction notice") \
        and f"PMID {NOTICE}" in article[0]
    notice = notices_of((await notices_ds.client.get(f"/catalogue/articles/{NOTICE}")).text)
    assert len(notice) == 1 and notice[0].startswith("Retraction notice for") and f"PMID {RETRACTED}" in notice[0]
    assert not any("Retraction of" in n or "Retraction in" in n for n in article + notice)


async def test_a_harm_looked_for_and_not_found_is_shown_so(ds, sample_db):
    row = sqlite_utils.Database(sample_db)["articles"].get(TROCHES)
    assert "urological" in json.loads(row["harms_none_reported"])
    html = (await ds.client.get(f"/catalogue/articles/{TROCHES}")).text
    harms = re.search(r"Harms reported or looked for</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert re.search(r">urological</a> <span class=\"muted\">\(looked for, none reported\)</span>", harms)
    reported = [h for h in json.loads(row["harms"]) if h not in json.loads(row["harms_none_reported"])]
    for harm in reported:
        assert re.search(rf">{harm}</a></span>", harms), harm
    rows = dict(sqlite_utils.Database(sample_db).execute(
        "select harm, reported from article_harms where pmid = ?", [TROCHES]).fetchall())
    assert rows["urological"] == 0 and all(rows[h] == 1 for h in reported)


def test_the_home_page_counts_what_is_held_and_says_what_was_read():
    from datasette_catalogue.pages import provenance_statement


    runs = [{"source": "files", "files": '["a.xml.gz", "b.xml.gz"]', "read": 50788, "in_scope": 50788,
             "finished": "2026-12-02T03:53:03+00:00", "status": "complete"}]
    statement = provenance_statement(runs, 50783)
    assert statement.startswith("This catalogue holds 50,783 records") and "50,788 records read" in statement
    assert "50,783 of the 50,788 records in scope that were read" in statement
    assert provenance_statement(runs[:0], 1) == "This catalogue holds 1 record; no harvest run is recorded in it."


async def test_the_levels_page_says_what_the_rules_do(ds):
    from harvest.classify import RULES
    from harvest.vocabulary import LEVEL

    html = re.sub(r"\s+", " ", (await ds.client.get("/about")).text)
    spec = RULES.data["evidence_level"]
    for level, name in LEVEL.names().items():
        designs = [d for d, n in spec["levels"].items() if n == level]
        assert f"Level {level} · {name}</strong>" + (f": {', '.join(designs)}" if designs else "") in html
    assert "observational studies level 3" in html and "meta-analysis of observational studies is therefore level 3" in html
    page = (await ds.client.get("/catalogue/articles/33962333")).text  # a meta-analysis of trials
    assert "Level 1 · systematic reviews/meta-analyses of trials" in page


def test_the_conditions_column_is_not_said_to_hold_only_pain():
    described = METADATA["databases"]["catalogue"]["tables"]["articles"]["columns"]["conditions"]
    assert not described.lower().startswith("pain conditions") and "depression" in described


async def test_the_feed_has_an_author_links_to_the_catalogue_and_a_stylesheet(ds):
    response = await ds.client.get("/catalogue/new_records.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/xml")
    stylesheet_url = re.search(r'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>', response.text).group(1)
    assert stylesheet_url.startswith("/-/static-plugins/") and stylesheet_url.endswith("/feed.xsl")
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(response.text)
    author = feed.find(f"{atom}author")
    assert author is not None and author.find(f"{atom}name").text == METADATA["title"]
    entries = feed.findall(f"{atom}entry")
    for entry in entries:
        pmid = entry.find(f"{atom}id").text.rsplit(":", 1)[1]
        assert entry.find(f"{atom}link").get("href") == f"http://localhost/catalogue/articles/{pmid}"
    stylesheet = await ds.client.get(stylesheet_url)
    assert stylesheet.status_code == 200 and "xsl:stylesheet" in stylesheet.text
    # The address these files had before the site was a package still leads to them.
    moved = await ds.client.get("/assets/feed.xsl")
    assert moved.status_code == 301 and moved.headers["location"] == stylesheet_url


async def test_a_topic_feed_with_no_records_is_still_a_feed(topics_ds):
    response = await topics_ds.client.get("/catalogue/new_in_topic.atom?topic=no-such-topic")
    assert response.status_code == 200
    feed = ET.fromstring(response.text)
    assert feed.find("{http://www.w3.org/2005/Atom}author") is not None
    assert feed.findall("{http://www.w3.org/2005/Atom}entry") == []
