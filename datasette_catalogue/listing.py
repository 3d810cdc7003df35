"""The rows of an articles page, and how many there are, found in memory.

SQLite lists "the newest 25 human studies" by walking the publication-date index until it has
25 of them, but "the newest 25 observational studies", "the newest 25 with no condition" or "the
newest 25 journal articles" by reading every such article (from the design index, the join table)
and sorting them all: at a million articles that is longer than the site's time limit, a second.
The arrays selection.py counts a page's facets from know which articles a page's filters choose.
With the order of each sort the page may have (read from SQLite once per catalogue file), a
page's rows are the first chosen articles in that order after the page's cursor, found in
milliseconds whatever the filters; SQLite then reads those rows by PMID, in the same ORDER BY.
The page's count ("1,234 rows") is the number of articles chosen.

Only the two queries Datasette's table view writes for a page of articles (its rows, its count)
are answered so, and only when their WHERE clause is the one the page's own query arguments give
(the request being answered is remembered by remember_page) and selection.py reads every filter
of them. Anything else (a search, SQL, another lookup, a streamed CSV, any other query) is
SQL's, as before.
"""

import contextvars
import re
import urllib.parse

import numpy as np
from datasette import hookimpl
from datasette.database import Results
from datasette.utils import urlsafe_components

from datasette_catalogue import facets, selection

# (database route, query arguments) of the articles page being answered; None for any other request.
_page = contextvars.ContextVar("catalogue_articles_page", default=None)
# (searched for at the end of the path: a site served under a base_url has it first)
ARTICLES_PAGE = re.compile(r"/(?P<database>[^/]+)/articles(?:\.\w+)?$")
NAME = r"(?:\[[^\]]+\]|\w+)"  # a name as Datasette writes it in SQL: [quoted] or bare (ordering.py reads it too)
# Datasette 0.65's table view (views/table.py): "select {columns} from articles {where}{order by}
# limit {size}", and "select count(*) from articles {where}" (each where ends with a space).
ROWS = re.compile(rf"^select (?P<columns>.+?) from articles (?:where (?P<where>.+) )?order by "
                  rf"(?P<order>(?P<column>{NAME})(?P<desc> desc)?(?:, (?:\[pmid\]|pmid))?) limit (?P<size>\d+)$",
                  re.DOTALL)
COUNT = re.compile(r"^select count\(\*\) from articles (?:where (?P<where>.+) )?$", re.DOTALL)
COUNT_COLUMN = (("count(*)", None, None, None, None, None, None),)


@hookimpl(specname="asgi_wrapper")
def remember_page(datasette):
    """Remember which articles page a request asks for, for the queries answered while it is."""

    def wrap(app):
        async def remembering(scope, receive, send):
            page = None
            if scope["type"] == "http":
                match = ARTICLES_PAGE.search(scope.get("path") or "")
                if match:
                    query = scope.get("query_string", b"").decode("latin-1")
                    page = (match["database"], urllib.parse.parse_qsl(query, keep_blank_values=True))
            token = _page.set(page)
            try:
                await app(scope, receive, send)
            finally:
                _page.reset(token)

        return remembering

    return wrap


async def answered(db, sql, execute, args, kwargs):
    """Results of sql: from memory where it is an articles page's rows or count (see above), else
    from SQL; execute is Database.execute as Datasette has it."""
    page = _page.get()
    rows = count = None
    if page is not None and page[0] == db.route and db.path and isinstance(sql, str):
        rows, count = ROWS.match(sql), COUNT.match(sql)
    chosen = await _chosen(db, page, (rows or count)["where"] or "") if rows or count else None
    if chosen is None:
        return await execute(db, sql, *args, **kwargs)
    filters, cursor = chosen
    if count:
        if cursor:  # Datasette counts without the cursor: this count is not the page's
            return await execute(db, sql, *args, **kwargs)
        found = await db.execute_fn(lambda conn: _held(conn, db).selection(conn, filters).sum())
        return Results([(int(found),)], False, COUNT_COLUMN)
    pmids = await db.execute_fn(lambda conn: _first(conn, db, filters, rows["column"].strip("[]"),
                                                    bool(rows["desc"]), cursor, int(rows["size"])))
    if pmids is None:  # a cursor that names no article, or not as it is sorted now
        return await execute(db, sql, *args, **kwargs)
    listed = (f"select {rows['columns']} from articles where pmid in ({', '.join(map(str, pmids))}) "
              f"order by {rows['order']} limit {rows['size']}")
    return await execute(db, listed, *args, **kwargs)


async def _chosen(db, page, where):
    """(filters, cursor) of a query of the page: where its WHERE clause is what the page's
    arguments give (cursor None), or that followed by Datasette's cursor clause (the page's
    _next); None where it is neither, or selection.py does not read every filter."""
    _, pairs = page
    args = dict(pairs)
    if "_stream" in args:  # a streamed CSV pages itself, with cursors the request does not hold
        return None
    try:
        filters = selection.read_filters(pairs, set(await db.table_columns("articles")))
    except selection.Unsupported:
        return None
    kept = [(k, v) for k, v in pairs if k != "_next"]
    clauses, _ = await facets.where_clauses(db.ds, db.name, "articles", f"/{db.route}/articles", kept)
    own = " and ".join(clauses)
    if where == own:
        return filters, None
    cursor = args.get("_next")
    if cursor and where.startswith(f"{own} and (" if own else "("):
        return filters, cursor
    return None


def _held(conn, db):
    return selection.catalogue_for(conn, db.path)


def _first(conn, db, filters, column, descending, cursor, size):
    """PMIDs of the first size articles the filters choose, in the page's order, after the cursor."""
    held = _held(conn, db)
    order = held.order(conn, column, descending)
    start = 0 if cursor is None else _after(conn, held, order, column, cursor)
    if start is None:
        return None
    return held.listed(order, held.selection(conn, filters), start, size)


def _after(conn, held, order, column, cursor):
    """Where in the order the rows after a cursor start: just after its article, when the cursor
    holds that article's sort value (Datasette's "value,pmid", "$null,pmid" or "pmid" for none);
    else None."""
    parts = urlsafe_components(cursor)
    if len(parts) not in (1, 2):
        return None
    try:
        pmid = int(parts[-1])
    except ValueError:
        return None
    row = conn.execute(f"select [{column}] from articles where pmid = ?", [pmid]).fetchone()
    at = held.position(pmid)
    if row is None or at is None:
        return None
    value = None if len(parts) == 1 or parts[0] == "$null" else parts[0]
    if value != (None if row[0] is None else str(row[0])):
        return None
    return int(np.flatnonzero(order == at)[0]) + 1
