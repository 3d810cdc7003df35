"""Many-to-many facets and filters over the catalogue's join tables (MeSH, authors, topics...).

Datasette 0.65 facets only columns of the table itself (simonw/datasette#354); its array
facet over a JSON column is too slow for MeSH on a large catalogue. Here a facet counts
rows of a join table (article_mesh, article_authors...) whose pmid is in the filtered
articles, and `?_join_NAME=VALUE` (repeatable: every value must match) filters by it.
Joins are configured under plugins: catalogue: joins: in metadata.yml.
"""

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

PREFIX = "_join_"


def joins(datasette) -> dict:
    return (datasette.plugin_config("catalogue") or {}).get("joins") or {}


def value_sql(join: dict) -> str:
    return join.get("expression") or escape_sqlite(join["column"])


class JoinFacet(Facet):
    type = "join"

    async def facet_results(self):
        results, timed_out = [], []
        if self.table != "articles":
            return results, timed_out
        configured = joins(self.ds)
        tables = set(await self.ds.get_database(self.database).table_names())
        pairs = self.get_querystring_pairs()
        size = self.get_facet_size()
        filtered = " where " in self.sql.lower()
        for source_and_config in self.get_configs():
            name = source_and_config["config"].get("simple")
            join = configured.get(name)
            if not join or join["table"] not in tables:
                continue
            # Unfiltered, every join row counts: skip matching pmids against the whole table.
            within = "" if not filtered else f"pmid in (select pmid from ({self.sql})) and "
            sql = (f"select {value_sql(join)} as value, count(distinct pmid) as count "
                   f"from {escape_sqlite(join['table'])} where {within}value is not null "
                   f"group by value order by count desc, value limit {size + 1}")
            try:
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


@hookimpl
def register_facet_classes():
    return [JoinFacet]


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
