"""Facets of the articles table: many-to-many facets over the join tables, and unfiltered
facets read from the counts the loader keeps.

Datasette 0.65 facets only columns of the table itself (simonw/datasette#354); its array
facet over a JSON column is too slow for MeSH on a large catalogue. Here a facet counts
rows of a join table (article_mesh, article_conditions...) whose pmid is in the filtered
articles, and `?_join_NAME=VALUE` (repeatable: every value must match) filters by it.
Joins are configured under plugins: catalogue: joins: in metadata.yml.

With no filter, no search and no page cursor, a facet counts every article: the loader
keeps those counts (join_counts and column_counts, harvest.load.refresh_summaries), so the
default page reads them instead of grouping every article at each request. With a filter
the facets are counted live, as Datasette counts them; so is a facet the summaries do not
cover (a join or column the loader does not count, a catalogue built before they existed).
"""

import re

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet, Facet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from harvest.load import COUNTED_JOINS

PREFIX = "_join_"
# The SQL Datasette facets: every article when no where clause follows the table.
UNFILTERED = re.compile(r"\sfrom articles\s*$")


def joins(datasette) -> dict:
    return (datasette.plugin_config("catalogue") or {}).get("joins") or {}


def value_sql(join: dict) -> str:
    return join.get("expression") or escape_sqlite(join["column"])


async def summary_tables(facet) -> set:
    """The summary tables a facet may read: none unless the page shows every article."""
    if facet.table != "articles" or not UNFILTERED.search(facet.sql):
        return set()
    names = await facet.ds.get_database(facet.database).table_names()
    return {"join_counts", "column_counts"} & set(names)


async def counted(facet, summary: str, key: str, size: int):
    """Rows (value, count) of an unfiltered facet from a summary table, in Datasette's order
    (count desc, then value), one more than size; None where the summary holds none."""
    key_column = {"join_counts": "join_table", "column_counts": "column_name"}[summary]
    sql = (f"select value, records as count from {summary} where {key_column} = :key "
           f"order by count desc, value limit {size + 1}")
    rows = (await facet.ds.execute(facet.database, sql, {"key": key}, truncate=False)).rows
    return rows or None


class JoinFacet(Facet):
    type = "join"

    async def facet_results(self):
        results, timed_out = [], []
        if self.table != "articles":
            return results, timed_out
        configured = joins(self.ds)
        tables = set(await self.ds.get_database(self.database).table_names())
        summaries = await summary_tables(self)
        pairs = self.get_querystring_pairs()
        size = self.get_facet_size()
        filtered = " where " in self.sql.lower()
        for source_and_config in self.get_configs():
            name = source_and_config["config"].get("simple")
            join = configured.get(name)
            if not join or join["table"] not in tables:
                continue
            rows = None
            if "join_counts" in summaries and COUNTED_JOINS.get(join["table"]) == join.get("column"):
                rows = await counted(self, "join_counts", join["table"], size)
            # Unfiltered, every join row counts: skip matching pmids against the whole table.
            within = "" if not filtered else f"pmid in (select pmid from ({self.sql})) and "
            sql = (f"select {value_sql(join)} as value, count(distinct pmid) as count "
                   f"from {escape_sqlite(join['table'])} where {within}value is not null "
                   f"group by value order by count desc, value limit {size + 1}")
            try:
                if rows is None:
                    rows = (await self.ds.execute(self.database, sql, self.params, truncate=False,
                                                  custom_time_limit=self.ds.setting("facet_time_limit_ms"))).rows
            except QueryInterrupted:
                timed_out.append(name)
                continue
            results.append({
                "name": join.get("label") or name, "type": self.type,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet_join": name})),
                "truncated": len(rows) > size,
                "results": [self._result(name, row, pairs) for row in rows[:size]],
            })
        return results, timed_out

    def _result(self, name, row, pairs) -> dict:
        arg, value = PREFIX + name, str(row["value"])
        selected = (arg, value) in pairs
        change = path_with_removed_args if selected else path_with_added_args
        return {"value": value, "label": value, "count": row["count"], "selected": selected,
                "toggle_url": self.ds.absolute_url(self.request, change(self.request, {arg: value}))}


class CountedColumnFacet(ColumnFacet):
    """Datasette's column facet, reading column_counts on an unfiltered articles page."""

    async def facet_results(self):
        if "column_counts" not in await summary_tables(self):
            return await super().facet_results()
        results, timed_out = [], []
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            rows = await counted(self, "column_counts", column, size)
            if rows is None:
                # Not counted by the loader: Datasette's own facet, for this column alone.
                live, live_timed_out = await self._live(source_and_config)
                results += live
                timed_out += live_timed_out
                continue
            results.append(await self._result(column, source_and_config["source"], rows, size))
        return results, timed_out

    async def _live(self, source_and_config):
        facet = ColumnFacet(self.ds, self.request, self.database, sql=self.sql, table=self.table,
                            params=self.params, metadata=self.metadata, row_count=self.row_count)
        facet.get_configs = lambda: [source_and_config]
        return await facet.facet_results()

    async def _result(self, column, source, rows, size) -> dict:
        """The facet as ColumnFacet.facet_results (Datasette 0.65) builds it from its rows."""
        pairs = self.get_querystring_pairs()
        values = [row["value"] for row in rows[:size]]
        expanded = await self.ds.expand_foreign_keys(self.database, self.table, column, values)
        column_qs = f"{column}__exact" if column.startswith("_") else column
        results = []
        for row in rows[:size]:
            selected = (column_qs, str(row["value"])) in pairs
            if selected:
                toggle_path = path_with_removed_args(self.request, {column_qs: str(row["value"])})
            else:
                toggle_path = path_with_added_args(self.request, {column_qs: row["value"]})
            results.append({
                "value": row["value"],
                "label": expanded.get((column, row["value"]), row["value"]),
                "count": row["count"],
                "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle_path)),
                "selected": selected,
            })
        return {"name": column, "type": self.type, "hideable": source != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                "results": results, "truncated": len(rows) > size}


@hookimpl
def register_facet_classes():
    return [JoinFacet]


@hookimpl(specname="register_facet_classes", hookwrapper=True)
def counted_column_facet():
    """Datasette's ColumnFacet gives way to CountedColumnFacet, whatever registered it."""
    outcome = yield
    outcome.force_result([[CountedColumnFacet if klass is ColumnFacet else klass for klass in classes]
                          for classes in outcome.get_result()])


@hookimpl
def filters_from_request(request, database, table, datasette):
    if table != "articles":
        return None
    where, params, described = [], {}, []
    for name, join in joins(datasette).items():
        for i, value in enumerate(request.args.getlist(PREFIX + name)):
            key = f"join_{name}_{i}"
            where.append(f"pmid in (select pmid from {escape_sqlite(join['table'])} "
                         f"where {value_sql(join)} = :{key})")
            params[key] = value
            described.append(f'{(join.get("label") or name).lower()} is "{value}"')
    return FilterArguments(where, params=params, human_descriptions=described)
