"""Facets counted in memory (datasette_catalogue.selection) give what SQL gives, on every kind
of page the site links to, and follow the catalogue when it changes."""

import copy
import shutil

import pytest
from datasette.app import Datasette

from datasette_catalogue import facets, profile, selection
from harvest import load, vocabulary
from tests.test_site import METADATA, get_json, site

PAGES = [
    "population=human",
    "design__in=%5B%22meta-analysis%22%2C%22systematic-review%22%2C%22rct%22%2C%22clinical-trial%22%5D",
    "design=rct&population=human",
    "_join_conditions=neuropathic-pain",
    "_join_conditions=crps&_join_conditions=depression&population=human",
    "_join_routes=intravenous&design=rct",
    "evidence_level=2",
    "retracted=1",
    "language=eng&pub_year=2021",
    "conditions__isnull=1&routes__isnull=1",
    "_join_mesh=Humans&sample_size_band__isnull=1",
    "_join_conditions=crps&_facet_join=author&_facet_join=keyword",
    "_search=ketamine",
    "_search=ketamine&design=rct&_join_conditions=neuropathic-pain",
    "pub_year__gte=2015&_where=sample_size+>+20",
    "_view=grid&_where=pmid+>+0",
]


def facet_counts(body) -> dict:
    return {name: ([(r["value"], r["count"]) for r in facet["results"]], facet["truncated"])
            for name, facet in body["facet_results"].items()}


@pytest.fixture(scope="module")
def ds(sample_db):
    return site(sample_db)


def counted_by_sql(monkeypatch):
    async def refuse(*args, **kwargs):
        return None

    monkeypatch.setattr(facets, "in_memory", refuse)


@pytest.mark.parametrize("query", PAGES)
async def test_in_memory_counts_equal_sql_counts(ds, query, monkeypatch):
    url = f"/catalogue/articles.json?{query}"
    in_memory = await get_json(ds, url)
    assert len(in_memory["facet_results"]) >= 15 and not in_memory.get("facets_timed_out")
    counted_by_sql(monkeypatch)
    by_sql = await get_json(ds, url)
    assert facet_counts(in_memory) == facet_counts(by_sql)


def test_only_the_site_s_own_filters_are_read():
    columns = {"design", "population", "pub_year"}
    assert selection.read_filters([("design", "rct"), ("_sort_desc", "pub_date"), ("_join_mesh", "Humans"),
                                   ("_join_mesh", "Adult")], columns) == [
        ("column", "design", "in", {"rct"}), ("join", "mesh", "in", {"Humans", "Adult"})]
    for unread in [("_search", "ketamine"), ("_where", "1"), ("pub_year__gt", "2000"), ("abstract", "x"),
                   ("design", ""), ("design__in", '[{"a": 1}]'), ("design__in", "[null]"), ("design__in", "[true]")]:
        with pytest.raises(selection.Unsupported):
            selection.read_filters([unread], columns)


async def test_counts_follow_a_catalogue_that_changes(sample_db, tmp_path, monkeypatch):
    """Deleting records and classifying them again change the counts of a catalogue served meanwhile."""
    path = tmp_path / "catalogue.db"
    shutil.copy(sample_db, path)
    ds = Datasette([str(path)], metadata=copy.deepcopy(METADATA))  # mutable, as a catalogue being updated
    url = "/catalogue/articles.json?population=human&_size=0&_facet_size=max"
    design = lambda body: {r["value"]: r["count"] for r in body["facet_results"]["design"]["results"]}
    before = await get_json(ds, url)
    db = load.open_db(path)
    kind, pmid = db.execute("select design, pmid from articles where population = 'human' and design is not null "
                            "order by pmid limit 1").fetchone()
    load.delete_pmids(db, [pmid], load.start_run(db, "files"))
    load.ensure_search(db)
    db.conn.commit()
    after = await get_json(ds, url)
    assert design(after).get(kind, 0) == design(before)[kind] - 1
    # reclassified with one label changed under the site's feet: counts follow, as SQL counts them
    db.execute("update articles set population = 'human' where population != 'human'")
    db.execute("delete from article_conditions where condition = 'crps'")
    db.conn.commit()
    changed = await get_json(ds, url)
    assert sum(design(changed).values()) > sum(design(after).values())
    counted_by_sql(monkeypatch)
    assert facet_counts(changed) == facet_counts(await get_json(ds, url))


def test_design_counts_equal_the_live_counts_of_a_profile(sample_db, tmp_path):
    """An evidence profile of no condition or route reads design_counts: the loader keeps them
    equal to what the profile would count live, after loads, deletions and reclassification."""
    path = tmp_path / "catalogue.db"
    shutil.copy(sample_db, path)
    db = load.open_db(path)

    def agree():
        for population in (None, *vocabulary.POPULATION.values()):
            where, params = profile.question_filter(population=population)
            live = profile.by_design(db.conn, where, params)
            assert profile.counted_designs(db.conn, population) in (live, None)
            assert profile.counted_designs(db.conn, population) or not any(row["records"] for row in live)
        assert profile.counted_designs(db.conn) is not None

    agree()
    load.delete_pmids(db, [r[0] for r in db.execute("select pmid from articles order by pmid limit 2")],
                      load.start_run(db, "files"))
    load.ensure_search(db)
    agree()
    load.reclassify(db)
    agree()


def test_an_unchanging_catalogue_is_read_as_the_site_starts(sample_db):
    import threading

    path = str(sample_db)
    selection._catalogues.pop(path, None)
    selection.warm_in_background(path)
    for thread in threading.enumerate():
        if thread.name == "catalogue facets":
            thread.join(timeout=60)
    held = selection._catalogues[path][1]
    assert {"design", "population", "newer_than_reviews", "conditions", "routes"} <= set(held._columns)
    assert {"conditions", "mesh", "publication_type"} <= set(held._joins)
