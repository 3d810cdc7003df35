"""One order for every listing of a table: whatever it is sorted by, the primary key breaks ties.

Datasette 0.65 pages a sorted table with a cursor of (sort value, primary key), and adds the
primary key to ORDER BY from the second page on, but not on the first. Rows that share a
sort value (hundreds of records share a publication date) then come in any order on the
first page, and the cursor that follows it repeats some and skips others: a page walk, the
streamed CSV and every reference-manager export lost and repeated records. Here the first
page's ORDER BY ends with the primary key too, as the cursor assumes.
"""

import re

from datasette import hookimpl
from datasette.database import Database

# The one query of a table page that lists its rows, as Datasette 0.65 writes it
# (views/table.py): columns by name, one sort term, no tie-breaker yet.
NAME = r"(?:\[[^\]]+\]|\w+)"
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
    async def execute_in_order(self, sql, *args, **kwargs):
        return await execute(self, await with_tie_breaker(self, sql), *args, **kwargs)

    execute_in_order.tie_breaking = True
    return execute_in_order


@hookimpl
def startup(datasette):
    # Datasette loads plugins/ once per instance: wrap its query method once per process.
    if not getattr(Database.execute, "tie_breaking", False):
        Database.execute = ordered(Database.execute)
