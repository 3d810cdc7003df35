"""One order for every listing of a table: whatever it is sorted by, the primary key breaks ties;
and the orders the articles page offers (plugins: catalogue: sorts: in metadata.yml), in words.

Datasette 0.65 pages a sorted table with a cursor of (sort value, primary key), and adds the
primary key to ORDER BY from the second page on, but not on the first. Rows that share a
sort value (hundreds of records share a publication date) then come in any order on the
first page, and the cursor that follows it repeats some and skips others: a page walk, the
streamed CSV and every reference-manager export lost and repeated records. Here the first
page's ORDER BY ends with the primary key too, as the cursor assumes.
"""

import functools
import re

from datasette import hookimpl
from datasette.database import Database
from datasette.utils import path_with_replaced_args

from datasette_catalogue import listing

# The one query of a table page that lists its rows, as Datasette 0.65 writes it
# (views/table.py): columns by name, one sort term, no tie-breaker yet.
NAME = listing.NAME  # a name as Datasette writes it in SQL: [quoted] or bare
LISTING = re.compile(
    rf"^(?P<head>select {NAME}(?:, {NAME})* from (?P<table>{NAME}) (?:where .+ )?order by )"
    rf"(?P<column>{NAME})(?P<desc> desc)?(?P<tail> limit \d+(?: offset \d+)?)$",
    re.DOTALL)


async def with_tie_breaker(db, sql):
    """The SQL of a table listing sorted by one column, with the primary key added to its order."""
    match = LISTING.match(sql) if isinstance(sql, str) else None
    if not match:
        return sql
    table = match["table"].strip("[]")
    if table in await db.view_names():
        return sql  # a view has no key; Datasette pages it by offset
    keys = await db.primary_keys(table) or ["rowid"]
    if match["column"].strip("[]") in keys:
        return sql
    order = ", ".join(f"[{key}]" for key in keys)
    return f"{match['head']}{match['column']}{match['desc'] or ''}, {order}{match['tail']}"


def ordered(execute):
    @functools.wraps(execute)
    async def execute_in_order(self, sql, *args, **kwargs):
        return await listing.answered(self, await with_tie_breaker(self, sql), execute, args, kwargs)

    execute_in_order.tie_breaking = True
    return execute_in_order


@hookimpl(specname="startup")
def tie_breaking(datasette):
    # Startup runs once per Datasette instance: wrap its query method once per process.
    # The articles page's rows and count are answered in memory where they can be (listing.py).
    if not getattr(Database.execute, "tie_breaking", False):
        Database.execute = ordered(Database.execute)


# ---------------------------------------------------------------- the orders offered


def sort_options(datasette) -> list:
    return (datasette.plugin_config("catalogue") or {}).get("sorts") or []


def sorts(datasette, request, table_metadata, columns) -> list:
    """The orders the articles page offers, each {label, url, selected} (every one ends with
    the PMID, as tie_breaking makes it); only those by a column the catalogue has (an older
    one has no evidence_rank)."""
    chosen = current_sort(request, table_metadata)
    found = []
    for option in sort_options(datasette):
        key = "_sort_desc" if "_sort_desc" in option else "_sort"
        if option[key] not in columns:
            continue
        args = {"_sort": None, "_sort_desc": None, "_next": None, key: option[key]}
        found.append({"label": option["label"], "selected": chosen == (key, option[key]),
                      "url": path_with_replaced_args(request, args)})
    return found


def current_sort(request, table_metadata) -> tuple:
    """(_sort or _sort_desc, column) of a table page, the table's default when none is asked for."""
    for key in ("_sort", "_sort_desc"):
        if request.args.get(key):
            return key, request.args[key]
    if table_metadata.get("sort_desc"):
        return "_sort_desc", table_metadata["sort_desc"]
    if table_metadata.get("sort"):
        return "_sort", table_metadata["sort"]
    return None, None


def sort_in_words(datasette, request, table_metadata) -> str:
    """'publication date, newest first': how a table page is sorted, in words."""
    key, column = current_sort(request, table_metadata)
    for option in sort_options(datasette):
        if option.get(key) == column:
            return option["label"]
    if column is None:
        return "by PMID"
    return f"by {column.replace('_', ' ')}" + (", highest first" if key == "_sort_desc" else "")


@hookimpl(specname="extra_template_vars")
def sort_vars(view_name, table, request, datasette, database):
    if view_name != "table" or table != "articles" or request is None:
        return {}

    async def inner():
        metadata = datasette.table_metadata(database, "articles")
        db = datasette.get_database(database)
        columns = {row[0] for row in (await db.execute("select name from pragma_table_xinfo('articles')")).rows}
        return {"sorts": sorts(datasette, request, metadata, columns),
                "sort_in_words": sort_in_words(datasette, request, metadata)}

    return inner
