"""Facets of the articles table, as faceted search works everywhere: values of one facet
combine with OR, facets with each other with AND, and each facet counts what choosing one
more of its values would give.

- Many-to-many facets over the join tables (article_mesh, article_conditions...): Datasette
  0.65 facets only columns of the table itself (simonw/datasette#354), and its array facet
  over a JSON column is too slow for MeSH on a large catalogue. `?_join_NAME=VALUE` filters
  by one; repeated, by any of the values. The join tables are harvest.schema.JOINS.
- Column facets (design, evidence level, population, year...): a second value of the same
  column turns `design=rct` into `design__in=["rct", "clinical-trial"]`.
- A facet counts the rows of every filter but its own (a "disjunctive" facet): with design
  rct chosen, the design facet still shows how many clinical trials there are to add.
- With no filter, no search and no page cursor, a facet counts every article: the loader
  keeps those counts (join_counts and column_counts, harvest.load.refresh_summaries), so
  such a page reads them instead of grouping every article at each request. So does a
  facet whose only filter is its own. A page narrowed by the filters the site's own links
  use is counted in memory (selection.py); a search or any other filter by SQL.
- Evidence levels read "Level 1 · systematic reviews/meta-analyses of trials" and come in
  level order; retraction reads "retracted" or "not retracted" (harvest/vocabulary.yml).
"""

import json
import re
import urllib.parse

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet, Facet
from datasette.filters import FilterArguments, Filters
from datasette.plugins import pm
from datasette.utils import (await_me_maybe, escape_sqlite, path_with_added_args, path_with_removed_args,
                             path_with_replaced_args)
from datasette.utils.asgi import Request
from datasette.views.base import DatasetteError, ureg

from datasette_catalogue import selection
from harvest import vocabulary
from harvest.schema import COUNTED_COLUMNS, JOINS

PREFIX = "_join_"
# The SQL of an articles page that shows every article: no where clause follows the table.
UNFILTERED = re.compile(r"\sfrom \[?articles\]?\s*$")
# Join facets whose values each have an evidence profile (datasette_catalogue/profile.py).
PROFILED = {"conditions", "routes"}
# Facets whose values come in the vocabulary's order (levels 1 to 5, bands smallest first), not by count.
IN_VALUE_ORDER = {"evidence_level", "sample_size_band"}


def vocabulary_order(column, value) -> tuple:
    values = vocabulary.FACETS[column].values()
    return (0, values.index(value)) if value in values else (1, str(value))


def value_sql(join) -> str:
    return join.expression or escape_sqlite(join.column)


def value_label(column, value) -> str:
    """A facet value as a reader sees it: 'Level 1 · systematic reviews/meta-analyses of trials',
    'randomised' for a 1 (the vocabulary names the values of its numbered columns)."""
    names = vocabulary.FACETS[column].names() if column in vocabulary.FACETS else {}
    if column == "evidence_level" and isinstance(value, int) and value in names:
        return f"Level {value} · {names[value]}"
    return names.get(value, value) if isinstance(value, int) else value


# ---------------------------------------------------------------- which rows a facet counts


def argument_column(key: str) -> str:
    """The column (or _join_NAME) a query argument filters on: design__in -> design."""
    return key if key.startswith(PREFIX) else key.split("__", 1)[0]


async def rows_to_count(facet, own: str):
    """(sql, params) of the rows a facet counts: the page's rows with every filter but the
    facet's own (own: its column, or _join_NAME). The page's cursor is left out too: a facet
    counts the whole selection, not what is left of it after this page."""
    pairs = facet.get_querystring_pairs()
    if not any(argument_column(k) == own or k == "_next" for k, _ in pairs):
        return facet.sql, facet.params
    kept = [(k, v) for k, v in pairs if argument_column(k) != own and k != "_next"]
    where, params = await where_clauses(facet.ds, facet.database, facet.table, facet.request.path, kept)
    sql = f"select * from {escape_sqlite(facet.table)}" + (f" where {' and '.join(where)} " if where else "")
    return sql, params


async def where_clauses(datasette, database, table, path, pairs) -> tuple:
    """(where clauses, params) of a table page with these query arguments, as Datasette 0.65's
    table view writes them (views/table.py): its filters, then those of filters_from_request."""
    request = Request.fake(path + "?" + urllib.parse.urlencode(pairs))
    units = (datasette.table_metadata(database, table) or {}).get("units", {})
    filters = Filters(sorted((k, v) for k, v in pairs if not (k.startswith("_") and "__" not in k)), units, ureg)
    where, params = filters.build_where_clauses(table)
    for hook in pm.hook.filters_from_request(request=request, table=table, database=database, datasette=datasette):
        arguments = await await_me_maybe(hook)
        if arguments:
            where += arguments.where_clauses
            params.update(arguments.params)
    return where, params


async def summary_table(facet, sql, summary: str):
    """The summary table a facet may read for these rows: only when they are every article."""
    if facet.table != "articles" or not UNFILTERED.search(sql):
        return None
    return summary if summary in await facet.ds.get_database(facet.database).table_names() else None


async def counted(facet, summary: str, key: str, size: int, in_value_order=False):
    """Rows (value, count) of an unfiltered facet from a summary table, in Datasette's order
    (count desc, then value), one more than size; None where the summary holds none."""
    key_column = {"join_counts": "join_table", "column_counts": "column_name"}[summary]
    order = "value" if in_value_order else "count desc, value"
    sql = (f"select value, records as count from {summary} where {key_column} = :key "
           f"order by {order} limit {size + 1}")
    rows = (await facet.ds.execute(facet.database, sql, {"key": key}, truncate=False)).rows
    return rows or None


async def summary_filled(facet, summary: str) -> bool:
    """True when the loader has filled a summary table (an older catalogue may hold it empty)."""
    rows = (await facet.ds.execute(facet.database, f"select 1 from {summary} limit 1")).rows
    return bool(rows)


def sqlite_order(row) -> tuple:
    """SQLite's order of values: numbers, then text, then blobs."""
    value = row[0]
    rank = 0 if isinstance(value, (int, float)) else 1 if isinstance(value, str) else 2
    return (rank, value)


async def in_memory(facet, own: str, size: int, in_value_order=False):
    """Rows (value, count) of a facet counted by datasette_catalogue.selection over the page's
    rows with every filter but the facet's own, one more than size; None where it cannot (a
    database held in memory, a selection SQL cannot find within the facet time limit).

    The site's own filters are read as arrays; any other (a search, a lookup, SQL) is left to
    SQL to find the PMIDs it matches, once a page, and the facets are counted over those."""
    db = facet.ds.get_database(facet.database)
    if facet.table != "articles" or not db.path:
        return None
    kept = [(k, v) for k, v in facet.get_querystring_pairs() if argument_column(k) != own]
    columns = set(await db.table_columns("articles"))
    try:
        filters, matched = selection.read_filters(kept, columns), None
    except selection.Unsupported:
        filters, matched = [], await matched_by_sql(facet, own)
        if matched is None:
            return None

    def count(conn):
        held = selection.catalogue_for(conn, db.path)
        chosen = held.selection(conn, filters) if matched is None else matched.mask(held)
        most = None if in_value_order else size + 1
        if own.startswith(PREFIX):
            return held.join_counts(conn, own[len(PREFIX):], chosen, most)
        return held.column_counts(conn, own, chosen, most)

    rows = await db.execute_fn(count)
    rows.sort(key=sqlite_order)
    if not in_value_order:
        rows.sort(key=lambda row: -row[1])
    return [{"value": value, "count": n} for value, n in rows[:size + 1]]


class Matched:
    """The PMIDs SQL found for a selection, as text, and as the articles' mask once it is asked for."""

    def __init__(self, text):
        self.text, self._masks = text or "", {}

    def mask(self, held):
        if id(held) not in self._masks:
            self._masks[id(held)] = held.matching(self.text)
        return self._masks[id(held)]


async def matched_by_sql(facet, own: str):
    """The rows a facet counts, found by SQL once for every facet of a page that counts the same rows."""
    sql, params = await rows_to_count(facet, own)
    found = facet.request.scope.setdefault("catalogue_matched", {})
    pairs = params.items() if isinstance(params, dict) else enumerate(params or ())
    key = (sql, tuple(sorted((str(k), str(v)) for k, v in pairs)))
    if key not in found:
        try:
            row = (await facet.ds.execute(facet.database, f"select group_concat(pmid) from ({sql})", params,
                                          custom_time_limit=facet.ds.setting("facet_time_limit_ms"))).first()
        except QueryInterrupted:
            return None
        found[key] = Matched(row[0])
    return found[key]


async def live(facet, sql, params):
    """Rows of a facet query, within the facet time limit."""
    return (await facet.ds.execute(facet.database, sql, params, truncate=False,
                                   custom_time_limit=facet.ds.setting("facet_time_limit_ms"))).rows


# ---------------------------------------------------------------- every value of one facet


MORE = "_facet_more"


def facet_size(facet, key) -> int:
    """Values a facet shows: every one (up to max_returned_rows) for the facet ?_facet_more= names
    (its column, or _join_NAME), else the page's facet size. A facet's "…" link shows the rest of
    that facet alone: every value of twenty facets (?_facet_size=max) is thousands of links."""
    if facet.request.args.get(MORE) == key:
        return facet.ds.max_returned_rows
    return facet.get_facet_size()


def more_url(request, key):
    """The page with every value of one facet shown (its "…" link); None on that page."""
    return None if request.args.get(MORE) == key else path_with_replaced_args(request, {MORE: key})


# ---------------------------------------------------------------- join facets


class JoinFacet(Facet):
    type = "join"

    async def facet_results(self):
        results, timed_out = [], []
        if self.table != "articles":
            return results, timed_out
        tables = set(await self.ds.get_database(self.database).table_names())
        pairs = self.get_querystring_pairs()
        for source_and_config in self.get_configs():
            name = source_and_config["config"].get("simple")
            join = JOINS.get(name)
            if not join or join.table not in tables:
                continue
            size = facet_size(self, PREFIX + name)
            sql, params = await rows_to_count(self, PREFIX + name)
            rows = None
            if join.counted and await summary_table(self, sql, "join_counts"):
                rows = await counted(self, "join_counts", join.table, size)
            if rows is None:
                rows = await in_memory(self, PREFIX + name, size)
            # Unfiltered, every join row counts: skip matching pmids against the whole table.
            within = "" if UNFILTERED.search(sql) else f"pmid in (select pmid from ({sql})) and "
            try:
                if rows is None:
                    rows = await live(self, f"select {value_sql(join)} as value, count(distinct pmid) as count "
                                            f"from {escape_sqlite(join.table)} where {within}value is not null "
                                            f"group by value order by count desc, value limit {size + 1}", params)
            except QueryInterrupted:
                timed_out.append(name)
                continue
            results.append({
                "name": join.label or name, "type": self.type,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet_join": name})),
                "truncated": len(rows) > size, "more_url": more_url(self.request, PREFIX + name),
                "results": [self._result(name, row, pairs) for row in rows[:size]],
            })
        return results, timed_out

    def _result(self, name, row, pairs) -> dict:
        arg, value = PREFIX + name, str(row["value"])
        selected = (arg, value) in pairs
        change = path_with_removed_args if selected else path_with_added_args
        result = {"value": value, "label": value, "count": row["count"], "selected": selected,
                  "toggle_url": self.ds.absolute_url(self.request, change(self.request, {arg: value}))}
        if name in PROFILED:  # a condition or a route is a question: its evidence profile answers it
            question = {"condition" if name == "conditions" else "route": value}
            result["profile_url"] = self.ds.urls.database(self.database) + "/profile?" + urllib.parse.urlencode(question)
        return result


# ---------------------------------------------------------------- column facets


def chosen_values(pairs, column) -> list:
    """The values a page's arguments choose for a column: column=, column__exact= and column__in=."""
    values = []
    for key, value in pairs:
        if key in (column, f"{column}__exact"):
            values.append(value)
        elif key == f"{column}__in":
            try:
                values += [str(v) for v in json.loads(value)] if value.startswith("[") else value.split(",")
            except ValueError:
                continue
    return list(dict.fromkeys(values))


def choosing(request, column, values) -> str:
    """The page's path with these values chosen for a column (one as column=, more as column__in=)."""
    kept = [(k, v) for k, v in urllib.parse.parse_qsl(request.query_string, keep_blank_values=True)
            if k not in (column, f"{column}__exact", f"{column}__in", "_next")]
    if len(values) == 1:
        kept.append((column, values[0]))
    elif values:
        kept.append((f"{column}__in", json.dumps(values, ensure_ascii=False)))
    query = urllib.parse.urlencode(kept)
    return request.path + (f"?{query}" if query else "")


class CountedColumnFacet(ColumnFacet):
    """Datasette's column facet, with several values of a column combined with OR, counted
    without the column's own filter, read from column_counts where that is every article."""

    async def facet_results(self):
        results, timed_out = [], []
        columns = set(await self.ds.get_database(self.database).table_columns(self.table))
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            if column not in columns:
                # as Datasette answers ?_col= with a column the table lacks (its own facet gave "Invalid SQL")
                raise DatasetteError(f"_facet={column}: {self.table} has no column {column}", status=400)
            size = facet_size(self, column)
            sql, params = await rows_to_count(self, column)
            rows = None
            if await summary_table(self, sql, "column_counts"):
                rows = await counted(self, "column_counts", column, size, column in IN_VALUE_ORDER)
                if rows is None and column in COUNTED_COLUMNS and await summary_filled(self, "column_counts"):
                    rows = []  # counted by the loader, and no article has a value: nothing to group
            if rows is None:
                rows = await in_memory(self, column, size, column in IN_VALUE_ORDER)
            order = "value" if column in IN_VALUE_ORDER else "count desc, value"
            try:
                if rows is None:
                    rows = await live(self, f"select {escape_sqlite(column)} as value, count(*) as count "
                                            f"from ({sql}) where {escape_sqlite(column)} is not null "
                                            f"group by {escape_sqlite(column)} order by {order} limit {size + 1}",
                                      params)
            except QueryInterrupted:
                timed_out.append(column)
                continue
            if column in IN_VALUE_ORDER:
                rows = sorted(rows, key=lambda row: vocabulary_order(column, row["value"]))
            results.append(await self._result(column, source_and_config["source"], rows, size))
        return results, timed_out

    async def _result(self, column, source, rows, size) -> dict:
        """The facet as ColumnFacet.facet_results (Datasette 0.65) builds it from its rows."""
        chosen = chosen_values(self.get_querystring_pairs(), column)
        values = [row["value"] for row in rows[:size]]
        expanded = await self.ds.expand_foreign_keys(self.database, self.table, column, values)
        results = []
        for row in rows[:size]:
            value = str(row["value"])
            selected = value in chosen
            toggled = [v for v in chosen if v != value] if selected else chosen + [value]
            results.append({
                "value": row["value"],
                "label": value_label(column, expanded.get((column, row["value"]), row["value"])),
                "count": row["count"],
                "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(choosing(self.request, column, toggled))),
                "selected": selected,
            })
        return {"name": column, "type": self.type, "hideable": source != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                "results": results, "truncated": len(rows) > size, "more_url": more_url(self.request, column)}


@hookimpl(specname="startup")
def warm_facet_counts(datasette):
    """Read the arrays selection.py counts facets from, and the order of the articles page's
    default sort (listing.py), as the site starts, for every database that cannot change while
    it is served (`datasette serve -i`, as `make serve` does)."""
    for name, db in datasette.databases.items():
        if name != "_internal" and db.path and not db.is_mutable:
            metadata = datasette.table_metadata(name, "articles") or {}
            default = [(metadata["sort_desc"], True)] if metadata.get("sort_desc") else \
                [(metadata["sort"], False)] if metadata.get("sort") else []
            selection.warm_in_background(db.path, default)


@hookimpl(specname="register_facet_classes")
def join_facet_class():
    return [JoinFacet]


@hookimpl(specname="register_facet_classes", hookwrapper=True)
def counted_column_facet():
    """Datasette's ColumnFacet gives way to CountedColumnFacet, whatever registered it."""
    outcome = yield
    outcome.force_result([[CountedColumnFacet if klass is ColumnFacet else klass for klass in classes]
                          for classes in outcome.get_result()])


@hookimpl(specname="filters_from_request")
def join_filters(request, database, table, datasette):
    """?_join_NAME=VALUE: the articles with that label (MeSH heading, author...); repeated,
    with any of the values."""
    if table != "articles":
        return None
    where, params, described = [], {}, []
    for name, join in JOINS.items():
        values = list(dict.fromkeys(request.args.getlist(PREFIX + name)))
        if not values:
            continue
        keys = [f"join_{name}_{i}" for i in range(len(values))]
        where.append(f"pmid in (select pmid from {escape_sqlite(join.table)} "
                     f"where {value_sql(join)} in ({', '.join(':' + k for k in keys)}))")
        params.update(zip(keys, values))
        described.append(f'{(join.label or name).lower()} is ' + " or ".join(f'"{v}"' for v in values))
    return FilterArguments(where, params=params, human_descriptions=described)


# ---------------------------------------------------------------- the page's choice in words


COLUMN_WORDS = {"pub_year": "year", "evidence_level": "evidence level", "pub_date": "publication date",
                "entrez_date": "date added to PubMed", "journal_iso": "journal"}
LOOKUP_WORDS = {"gt": "after", "gte": "from", "lt": "before", "lte": "up to", "not": "not",
                "contains": "containing", "startswith": "starting with", "endswith": "ending with",
                "like": "like", "glob": "matching", "arraycontains": "including", "arraynotcontains": "not including"}


def filters_in_words(request, datasette) -> list:
    """What an articles page is filtered by, as phrases: 'design: rct or clinical-trial',
    'conditions: chronic-pain', 'search: “ketamine”'."""
    pairs = urllib.parse.parse_qsl(request.query_string, keep_blank_values=True)
    phrases, seen = [], set()
    for key, value in pairs:
        column = argument_column(key)
        if key.startswith(PREFIX) and column not in seen and key[len(PREFIX):] in JOINS:
            name = key[len(PREFIX):]
            values = list(dict.fromkeys(v for k, v in pairs if k == key))
            phrases.append(f"{(JOINS[name].label or name).lower()}: {' or '.join(values)}")
        elif key == "_search" or (key.startswith("_search_") and key != "_searchmode"):
            phrases.append(f"search: “{value}”")
        elif key == "_where":
            phrases.append("a condition written in SQL")
        elif key.startswith("_") and "__" not in key:
            continue
        elif "__" in key and key.split("__", 1)[1] not in ("exact", "in"):
            phrases.append(_lookup_in_words(column, key.split("__", 1)[1], value))
        elif column not in seen:
            values = chosen_values(pairs, column)
            words = " or ".join(str(value_label(column, _number(v))) for v in values)
            phrases.append(words if column == "retracted" else f"{COLUMN_WORDS.get(column, column.replace('_', ' '))}: {words}")
        seen.add(column)
    return phrases


def _lookup_in_words(column, lookup, value) -> str:
    name = COLUMN_WORDS.get(column, column.replace("_", " "))
    if lookup == "isnull":
        return f"no {name}"
    if lookup == "notnull":
        return f"any {name}"
    if lookup == "notblank":
        return f"{name} given"
    if lookup == "isblank":
        return f"{name} blank"
    return f"{name} {LOOKUP_WORDS.get(lookup, lookup)} {value}"


def _number(value):
    return int(value) if value.isdigit() else value


def shown_facets(datasette, database) -> list:
    """The facets metadata.yml shows on every articles page of a database: column names and {"join": name}."""
    return (datasette.table_metadata(database, "articles") or {}).get("facets") or []


def more_facets(datasette, database) -> list:
    """(name, label) of the join facets a reader may add: those the table does not show already."""
    shown = shown_facets(datasette, database)
    return [(name, (join.label or name).lower()) for name, join in JOINS.items() if {"join": name} not in shown]


@hookimpl(specname="extra_template_vars")
def facet_vars(view_name, table, request, datasette, database):
    if view_name != "table" or table != "articles" or request is None:
        return {}
    return {"filters_in_words": filters_in_words(request, datasette), "more_facets": more_facets(datasette, database)}


# ---------------------------------------------------------------- the address a page is read as


ARTICLES_PAGE = re.compile(r"/articles(\.\w+)?$")


def tidied(path, query_string, shown=()) -> str | None:
    """The address an articles page's address is read as, or None where it is read as written.

    - A repeated column (design=rct&design=clinical-trial) is read as faceted search reads it, any of
      the values: design__in=["rct", "clinical-trial"] (Datasette would require every value at once:
      no record).
    - A column facet the page shows anyway (`shown`: shown_facets), or one asked for
      twice, is asked for once: Datasette would draw it twice, and the column menu's "Facet by this"
      offers every column, shown or not (simonw/datasette#1469)."""
    if not ARTICLES_PAGE.search(path):
        return None
    pairs = urllib.parse.parse_qsl(query_string, keep_blank_values=True)
    kept = _without_repeated_facets(_any_of_repeated_values(pairs), shown)
    if kept == pairs:
        return None
    return path + ("?" + urllib.parse.urlencode(kept) if kept else "")


def _any_of_repeated_values(pairs) -> list:
    plain = [k for k, _ in pairs if not k.startswith("_") and "__" not in k]
    repeated = {k for k in plain if plain.count(k) > 1}
    kept = [(k, v) for k, v in pairs if k not in repeated]
    for column in sorted(repeated):
        kept.append((f"{column}__in", json.dumps(list(dict.fromkeys(v for k, v in pairs if k == column)),
                                                 ensure_ascii=False)))
    return kept if repeated else pairs


def _without_repeated_facets(pairs, shown) -> list:
    asked = {facet for facet in shown if isinstance(facet, str)}  # column facets; joins are {"join": name}
    kept = []
    for key, value in pairs:
        if key == "_facet":
            if value in asked:
                continue
            asked.add(value)
        kept.append((key, value))
    return kept


@hookimpl(specname="asgi_wrapper")
def tidy_address_redirect(datasette):
    def wrap(app):
        async def tidy_address(scope, receive, send):
            if scope["type"] == "http" and scope.get("query_string"):
                path = scope["path"]
                # (only an articles page reads the table's facets: every other request passes untouched)
                shown = shown_facets(datasette, path.strip("/").split("/")[0]) if ARTICLES_PAGE.search(path) else ()
                target = tidied(path, scope["query_string"].decode("latin-1"), shown)
                if target:
                    await send({"type": "http.response.start", "status": 302,
                                "headers": [(b"location", target.encode("latin-1")),
                                            (b"content-type", b"text/plain; charset=utf-8")]})
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return tidy_address

    return wrap
