"""Facets and filters as faceted search works everywhere: OR within a facet, AND across facets,
counts of what one more value would give, and pages that say in words what they show."""

import json
import re
import urllib.parse
from html import unescape

import pytest
import sqlite_utils

from tests.test_site import METADATA, TROCHES, get_json, site, table_pmids


@pytest.fixture(scope="module")
def ds(sample_db):
    return site(sample_db)


def pmids_where(sample_db, where) -> set:
    return {row[0] for row in sqlite_utils.Database(sample_db).execute(f"select pmid from articles where {where}")}


def facet(body, name) -> dict:
    return {r["value"]: r for r in body["facet_results"][name]["results"]}


def local(url) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


async def test_values_of_one_label_facet_widen_the_selection(ds, sample_db):
    crps = await table_pmids(ds, "_join_conditions=crps")
    depression = await table_pmids(ds, "_join_conditions=depression")
    both = await table_pmids(ds, "_join_conditions=crps&_join_conditions=depression")
    assert crps and depression and set(both) == set(crps) | set(depression)
    # and across facets they narrow
    assert set(await table_pmids(ds, "_join_conditions=crps&_join_conditions=depression&population=human")) == \
        (set(crps) | set(depression)) & pmids_where(sample_db, "population = 'human'")


async def test_the_design_facet_takes_several_values(ds, sample_db):
    body = await get_json(ds, "/catalogue/articles.json?design=observational")
    designs = facet(body, "design")
    # Counted without the design filter: every design stays there to be added.
    unfiltered = facet(await get_json(ds, "/catalogue/articles.json"), "design")
    assert {v: r["count"] for v, r in designs.items()} == {v: r["count"] for v, r in unfiltered.items()}
    assert designs["observational"]["selected"] and not designs["review"]["selected"]
    added = urllib.parse.parse_qs(urllib.parse.urlsplit(designs["review"]["toggle_url"]).query)
    assert json.loads(added["design__in"][0]) == ["observational", "review"] and "design" not in added
    widened = await get_json(ds, local(designs["review"]["toggle_url"]))
    expected = pmids_where(sample_db, "design in ('observational', 'review')")
    assert {r[0] for r in widened["rows"]} == expected and widened["filtered_table_rows_count"] == len(expected)
    again = facet(widened, "design")
    assert again["observational"]["selected"] and again["review"]["selected"]
    back = urllib.parse.parse_qs(urllib.parse.urlsplit(again["review"]["toggle_url"]).query)
    assert back == {"design": ["observational"]}


async def test_a_repeated_column_reads_as_any_of_its_values(ds):
    response = await ds.client.get("/catalogue/articles?design=observational&design=review&population=human")
    assert response.status_code == 302
    target = urllib.parse.urlsplit(response.headers["location"])
    args = urllib.parse.parse_qs(target.query)
    assert target.path == "/catalogue/articles" and args["population"] == ["human"]
    assert json.loads(args["design__in"][0]) == ["observational", "review"]


async def test_counts_of_a_facet_leave_out_its_own_filter_only(ds, sample_db):
    body = await get_json(ds, "/catalogue/articles.json?_join_conditions=crps&population=human")
    conditions = facet(body, "conditions")
    human = pmids_where(sample_db, "population = 'human'")
    db = sqlite_utils.Database(sample_db)
    expected = {c: len({p for (p,) in db.execute("select pmid from article_conditions where condition = ?", [c])} & human)
                for (c,) in db.execute("select distinct condition from article_conditions")}
    assert {v: r["count"] for v, r in conditions.items()} == {c: n for c, n in expected.items() if n}
    populations = facet(body, "population")
    crps = await table_pmids(ds, "_join_conditions=crps")
    assert sum(r["count"] for r in populations.values()) == len(crps)


async def test_evidence_levels_read_in_words_in_level_order(ds):
    for query in ("", "?population=human"):
        levels = (await get_json(ds, f"/catalogue/articles.json{query}"))["facet_results"]["evidence_level"]["results"]
        assert [r["value"] for r in levels] == sorted(r["value"] for r in levels)
        assert levels[0]["label"] == "Level 1 · systematic reviews/meta-analyses of trials"
    html = (await ds.client.get("/catalogue/articles")).text
    assert "Level 1 · systematic reviews/meta-analyses of trials" in html


async def test_shortcuts_keep_the_filters_already_chosen(ds):
    html = (await ds.client.get("/catalogue/articles?_join_conditions=chronic-pain")).text
    shortcuts = re.search(r'<ul class="shortcuts">(.*?)</ul>', html, re.S).group(1)
    links = {label: unescape(href) for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', shortcuts)}
    human = urllib.parse.parse_qs(urllib.parse.urlsplit(links["Human evidence only"]).query)
    assert human == {"_join_conditions": ["chronic-pain"], "population": ["human"]}
    reviews = urllib.parse.parse_qs(urllib.parse.urlsplit(links["Systematic reviews and trials only"]).query)
    assert reviews["_join_conditions"] == ["chronic-pain"] and "design__in" in reviews
    # chosen, a shortcut takes itself off again and leaves the rest
    html = (await ds.client.get("/catalogue/articles?_join_conditions=chronic-pain&population=human")).text
    chosen = re.search(r'<a href="([^"]+)" class="selected"[^>]*>Human evidence only</a>', html)
    assert chosen and urllib.parse.parse_qs(urllib.parse.urlsplit(unescape(chosen.group(1))).query) == \
        {"_join_conditions": ["chronic-pain"]}


async def test_headings_say_in_words_what_a_page_shows(ds, sample_db):
    query = '_join_conditions=chronic-pain&_join_conditions=crps&design__in=["observational","case-series"]'
    html = (await ds.client.get(f"/catalogue/articles?{query}")).text
    heading = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.search(r'<h2 class="selection">(.*?)</h2>', html, re.S).group(1)))
    shown = pmids_where(sample_db, "design in ('observational', 'case-series') and pmid in (select pmid from "
                                   "article_conditions where condition in ('chronic-pain', 'crps'))")
    assert shown, "the sample holds such records"
    counted = f"{len(shown)} record" + ("s" if len(shown) > 1 else "")
    assert heading.startswith(f"{counted} · conditions: chronic-pain or crps · design: observational or case-series")
    whole = re.search(r'<h2 class="selection">(.*?)</h2>', (await ds.client.get("/catalogue/articles")).text, re.S)
    assert re.sub(r"<[^>]+>", "", whole.group(1)).startswith(f"{len(pmids_where(sample_db, '1'))} records")
    assert "sorted by publication date, newest first" in heading
    assert "design in [" not in html and "in [&#34;" not in html
    one = (await ds.client.get("/catalogue/articles?_join_routes=sublingual-buccal&_sort=evidence_rank")).text
    heading = re.search(r'<h2 class="selection">(.*?)</h2>', one, re.S).group(1)
    assert heading.startswith("1 record<") and "1 records" not in one and "evidence level, level 1 first" in heading
    assert "<h3" not in html.split('<div class="facet-results">')[0]


async def test_every_order_offered_is_a_link_and_the_current_one_is_marked(ds):
    html = (await ds.client.get("/catalogue/articles")).text
    for option in METADATA["plugins"]["catalogue"]["sorts"]:
        assert option["label"] in html
    assert re.search(r'<strong aria-current="true">publication date, newest first</strong>', html)
    assert "_sort=evidence_rank" in html


async def test_nothing_found_says_what_the_catalogue_covers(ds):
    html = (await ds.client.get("/catalogue/articles?_join_conditions=sickle-cell")).text
    assert "No records match conditions: sickle-cell" in html
    coverage = re.search(r'<div class="coverage">(.*?)</div>', html, re.S).group(1)
    assert "This catalogue holds 8 PubMed records" in coverage and "<details class=\"coverage-conditions\" open>" in coverage
    assert re.search(r"sickle-cell\s*<span class=\"count\">0</span>", coverage)


async def test_every_result_page_and_the_maps_say_what_the_catalogue_covers(ds):
    for path in ["/catalogue/articles", "/catalogue/articles?population=human", "/catalogue/search?q=ketamine",
                 "/catalogue/evidence_map", "/catalogue/evidence_map_routes", "/catalogue/whats_new",
                 "/catalogue/per_year"]:
        html = (await ds.client.get(path)).text
        assert "This catalogue holds 8 PubMed records from the PubMed data files" in html, path
        assert re.search(r"published \d{4} to \d{4}; last updated \d{1,2} \w+ \d{4}", html), path


async def test_the_map_has_a_row_for_every_condition(ds):
    from harvest.classify import RULES

    html = (await ds.client.get("/catalogue/evidence_map")).text
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', html)
    vocabulary = list(dict.fromkeys(label.name for label in RULES.facets["conditions"].values()))
    assert rows[:len(vocabulary)] == vocabulary and rows[-1] == "(no condition)"
    sickle = re.search(r'<th scope="row">sickle-cell</th>(.*?)</tr>', html, re.S).group(1)
    assert "<a " not in sickle and sickle.count('class="zero"') == sickle.count("<td")


async def test_single_records_are_counted_in_the_singular(ds):
    html = (await ds.client.get(f"/catalogue/articles?pmid={TROCHES}")).text
    assert "1 record" in html and "1 records" not in html and "1 rows" not in html


async def test_a_facet_s_more_link_shows_every_value_of_that_facet_alone(ds):
    page = (await ds.client.get("/catalogue/articles?_facet_size=2")).text
    more = re.findall(r'<a href="([^"]+)" aria-label="Every value of ([^"]+)"', page)
    assert {"design", "conditions"} <= {name for _, name in more}
    for url, name in more:
        assert "_facet_size=max" not in url
    design = unescape(next(url for url, name in more if name == "design"))
    body = await get_json(ds, design.replace("/catalogue/articles?", "/catalogue/articles.json?"))
    facets = body["facet_results"]
    every = await get_json(ds, "/catalogue/articles.json?_facet_size=max")
    counts = lambda facet: [(r["value"], r["count"]) for r in facet["results"]]
    assert counts(facets["design"]) == counts(every["facet_results"]["design"]) and len(counts(facets["design"])) > 2
    assert not facets["design"]["truncated"] and facets["design"]["more_url"] is None
    assert len(facets["conditions"]["results"]) == 2 and facets["conditions"]["truncated"]
    assert facets["conditions"]["more_url"].endswith("_facet_more=_join_conditions")


@pytest.mark.parametrize("query, expected", [
    # metadata.yml shows these facets on every articles page: asked for again, each would be drawn twice
    ("_facet=sample_size_band", ""),
    ("population=human&_facet=design&_facet=volume", "population=human&_facet=volume"),
    ("_facet=volume&_facet=volume&_sort=title", "_facet=volume&_sort=title"),
])
async def test_a_facet_is_asked_for_once(ds, query, expected):
    response = await ds.client.get("/catalogue/articles?" + query)
    assert response.status_code == 302
    assert response.headers["location"] == "/catalogue/articles" + ("?" + expected if expected else "")
    page = await ds.client.get(response.headers["location"])
    for column in re.findall(r"_facet=(\w+)", query):
        assert page.text.count(f'data-column="{column}"') <= 1, column


async def test_a_page_asking_each_facet_once_is_read_as_written(ds):
    response = await ds.client.get("/catalogue/articles?_facet=volume&population=human")
    assert response.status_code == 200 and response.text.count('data-column="volume"') == 1


# Datasette gathers every facet of a page at once and leaves the others unawaited when one fails.
@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited:RuntimeWarning")
@pytest.mark.parametrize("query", ["_facet=no_such_column", "_facet=volume&_facet=no_such_column&population=human"])
async def test_a_facet_on_a_column_the_table_lacks_says_so(ds, query):
    for page in ("/catalogue/articles.json?", "/catalogue/articles?"):
        response = await ds.client.get(page + query)
        assert response.status_code == 400
        assert "_facet=no_such_column: articles has no column no_such_column" in unescape(response.text)
