"""Searching as readers type: common words, hyphens, labels, OR, quotes and minus; what the page says."""

import html
import re
import urllib.parse
from pathlib import Path

import pytest

from tests.test_site import TROCHES, get_json, site, table_pmids

ROOT = Path(__file__).resolve().parent.parent
from datasette_catalogue import search


@pytest.fixture(scope="module")
def ds(sample_db):
    return site(sample_db)


# ---------------------------------------------------------------- reading a query


@pytest.mark.parametrize("typed, all_words, any_word", [
    ("ketamine", '"ketamine"', '"ketamine"'),
    ("ketamine for chronic pain", '"ketamine" AND "chronic" AND "pain"', '"ketamine" OR "chronic" OR "pain"'),
    ("the", '"the"', '"the"'),  # only common words: search for them
    ("the and of", '"the" AND "and" AND "of"', '"the" OR "and" OR "of"'),
    ('"chronic pain" ketamine', '"chronic pain" AND "ketamine"', '"chronic pain" OR "ketamine"'),
    ("crps OR fibromyalgia ketamine", '("crps" OR "fibromyalgia") AND "ketamine"',
     '"crps" OR "fibromyalgia" OR "ketamine"'),
    ("ketamine -rats", '("ketamine") NOT ("rats")', '("ketamine") NOT ("rats")'),
    ('ketamine -"case report"', '("ketamine") NOT ("case report")', '("ketamine") NOT ("case report")'),
    ("sub-lingual", '("sub lingual" OR "sublingual")', '("sub lingual" OR "sublingual")'),
    ("Sub-Lingual ketamine", '("sub lingual" OR "sublingual") AND "ketamine"',
     '("sub lingual" OR "sublingual") OR "ketamine"'),
    ("analges*", '"analges"*', '"analges"*'),
    ("-ketamine", '""', '""'),  # nothing to look for
    ("", '""', '""'), ('"', '""', '""'), ("\0", '""', '""'), ("OR", '""', '""'),
    ("ket\0amine", '"ket" AND "amine"', '"ket" OR "amine"'),
    ("ketamine OR", '"ketamine"', '"ketamine"'),
    ('"unclosed phrase', '"unclosed phrase"', '"unclosed phrase"'),
    ("AND NOT NEAR", '"not" AND "near"', '"not" OR "near"'),  # words, not FTS5 operators
    ("p<0.05 {x} (y) ^z", '("p 0 05" OR "p005") AND "x" AND "y" AND "z"',
     '("p 0 05" OR "p005") OR "x" OR "y" OR "z"'),
])
def test_a_query_is_read_as_people_type_it(typed, all_words, any_word):
    query = search.parse(typed)
    assert query.all_words() == all_words and query.any_word() == any_word


def test_the_reading_says_what_was_searched_for_and_left_out():
    reading = search.reading(search.parse('ketamine for "chronic pain" OR crps -rats sub-lingual'))
    assert "“ketamine”" in reading and "either “chronic pain” or “crps”" in reading
    assert "Left out: records with “rats”" in reading and "Common words not searched for: for" in reading
    assert "sub-lingual also finds sublingual" in reading
    fallback = search.reading(search.parse("ketamine nosuchword"), fallback=True)
    assert fallback.startswith("No record has all of “ketamine” and “nosuchword”: these records have")


def test_a_search_keeps_at_most_a_hundred_terms():
    assert len(search.parse(" ".join(f"w{i}" for i in range(500))).groups) == search.MAX_SEARCH_TERMS


# ---------------------------------------------------------------- the search page


async def search_pmids(ds, q, **args) -> list:
    query = urllib.parse.urlencode({"q": q, "_shape": "objects", **args})
    return [row["pmid"] for row in (await get_json(ds, f"/catalogue/search.json?{query}"))["rows"]]


@pytest.mark.parametrize("words", ["sublingual", "sub-lingual", "Sub-Lingual", "sublingual buccal",
                                   "sublingual-buccal", "troches", "troche OR lozenge"])
async def test_hyphenated_and_unhyphenated_forms_and_labels_meet(ds, words):
    # The record's title says "Sub-Lingual"; its route label is sublingual-buccal.
    assert TROCHES in await search_pmids(ds, words)


@pytest.mark.parametrize("pasted", ["34092024", "PMID: 34092024", "pmid 34092024", "10.1111/imj.15404",
                                    "doi:10.1111/imj.15404", "https://doi.org/10.1111/imj.15404",
                                    "https://pubmed.ncbi.nlm.nih.gov/34092024/"])
async def test_a_pasted_pmid_or_doi_finds_its_record(ds, pasted):
    assert await search_pmids(ds, pasted) == [TROCHES]
    assert await table_pmids(ds, "_search=" + urllib.parse.quote(pasted)) == [TROCHES]


async def test_label_words_find_the_records_they_label(ds, sample_db):
    import sqlite_utils

    db = sqlite_utils.Database(sample_db)
    for table, column in [("article_conditions", "condition"), ("article_routes", "route")]:
        for label, pmid in db.execute(f"select {column}, min(pmid) from {table} group by 1"):
            assert pmid in await search_pmids(ds, label), label


@pytest.mark.parametrize("words", ["the", "and", "of", "the and of", "a", "for the"])
async def test_common_words_never_fail_nor_show_sql(ds, words):
    page = await ds.client.get("/catalogue/search?" + urllib.parse.urlencode({"q": words}))
    assert page.status_code == 200
    assert not re.search(r"articles_fts|bm25|search_all|\bSQL\b", page.text)
    assert "could not run" not in page.text


async def test_common_words_are_left_out_when_others_are_typed(ds):
    assert await search_pmids(ds, "ketamine for chronic pain") == await search_pmids(ds, "ketamine chronic pain")
    page = (await ds.client.get("/catalogue/search?q=ketamine+for+chronic+pain")).text
    assert "Common words not searched for: for" in page


async def test_or_quotes_and_minus(ds):
    crps, troches = await search_pmids(ds, "crps"), await search_pmids(ds, "troches")
    assert crps and troches and not set(crps) & set(troches)
    assert set(await search_pmids(ds, "crps OR troches")) == set(crps) | set(troches)
    everything = await search_pmids(ds, "ketamine")
    assert set(await search_pmids(ds, "ketamine -troches")) == set(everything) - set(troches)
    assert set(await search_pmids(ds, '"long term safety"')) == {TROCHES}


async def test_any_word_ranking_when_no_record_has_all(ds):
    assert await search_pmids(ds, "troches nosuchwordanywhere") == [TROCHES]
    page = (await ds.client.get("/catalogue/search?q=troches+nosuchwordanywhere")).text
    assert "No record has all of" in page and f"/catalogue/articles/{TROCHES}" in page
    # the link to the table carries the same reading over
    refine = html.unescape(re.search(r'<a href="([^"]+)">Filter these by', page).group(1))
    assert await table_pmids(ds, refine.split("?", 1)[1]) == [TROCHES]
    heading = (await ds.client.get(refine)).text
    assert "search: “" in heading and "search: “raw”" not in heading


async def test_nothing_found_says_what_the_catalogue_covers(ds):
    page = (await ds.client.get("/catalogue/search?q=nosuchwordanywhere")).text
    assert "No records match" in page
    coverage = re.search(r'<div class="coverage">(.*?)</div>', page, re.S).group(1)
    assert "This catalogue holds 8 PubMed records from the PubMed data files pubmed20n0014.xml.gz" in coverage
    assert re.search(r"last updated \d{1,2} \w+ \d{4}", coverage)
    assert "sickle-cell" in coverage and "labour-pain" in coverage  # conditions with no record, at 0


async def test_one_record_is_one_record(ds):
    page = (await ds.client.get("/catalogue/search?q=troches")).text
    assert "1 record" in page and "1 records" not in page


async def test_search_exports_list_every_ranked_record(ds):
    shown = await search_pmids(ds, "ketamine")
    response = await ds.client.get("/catalogue/search.ris?q=ketamine&rows=all")
    assert response.status_code == 200 and int(response.headers["x-records"]) == len(shown)
