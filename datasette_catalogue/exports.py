"""Reference-manager exports of any table filter, search or query: .ris, .bib, .nbib, .csljson.

Every matching row is exported, not just the page on screen: a table view is paged through
with Datasette's own filters, a query is run again without the row limit. Each record is
exported once; cells that cannot be a PMID are skipped; a page without a pmid column, or a
query that fails or runs too long, is a 400.
"""

import asyncio
import sqlite3
import urllib.parse

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import BadRequest, Response
from datasette.views.base import DatasetteError

from datasette_catalogue import citations

FORMATS = {
    # extension: (writer, content type, file suffix, what a reader calls it)
    "ris": (citations.to_ris, "application/x-research-info-systems", "ris", "RIS"),
    "bib": (citations.to_bibtex, "application/x-bibtex", "bib", "BibTeX"),
    "nbib": (citations.to_medline, "application/nbib", "nbib", "MEDLINE (.nbib)"),
    "csljson": (citations.to_csl_json, "application/vnd.citationstyles.csl+json", "json", "CSL-JSON"),
}
# Arguments that shape a page rather than choose its rows.
PAGE_ARGS = {"_next", "_size", "_col", "_nocol", "_shape", "_labels", "_facet", "_facet_array",
             "_facet_date", "_facet_join", "_facet_size", "_facet_more", "_json", "_trace", "_timelimit", "_view"}


def can_render(columns, table, view_name):
    return "pmid" in (columns or []) and (view_name in ("table", "row", "query") or table)


def as_pmid(value):
    """A cell as a PMID, or None where it cannot be one (text, null, 0, a number SQLite cannot hold)."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2 ** 63:
        return value
    return None


async def matching_pmids(datasette, request, database, table, view_name, sql, data) -> list:
    """PMIDs of every row that the page's filters, search or query match, in the page's order,
    each once (a query or join table may list a record on several rows)."""
    if view_name == "row":
        cells = [row["pmid"] for row in data.get("rows") or []]
    elif table:
        cells = await _table_pmids(datasette, request, database, table)
    else:
        db = datasette.get_database(database)
        params = (data.get("query") or {}).get("params") or {}
        try:
            results = await db.execute(sql, params, truncate=False)
        except QueryInterrupted:
            raise BadRequest("The query took too long to export every row it matches: narrow it down.")
        except sqlite3.DatabaseError as e:
            raise BadRequest(str(e))
        cells = [row["pmid"] for row in results.rows]
    return list(dict.fromkeys(p for p in map(as_pmid, cells) if p is not None))


async def _table_pmids(datasette, request, database, table) -> list:
    base = datasette.urls.table(database, table, format="json")
    args = [(k, v) for k, v in urllib.parse.parse_qsl(request.query_string, keep_blank_values=True)
            if k not in PAGE_ARGS]
    args += [("_col", "pmid"), ("_size", "max"), ("_shape", "objects"), ("_nofacet", "1"),
             ("_nocount", "1"), ("_nosuggest", "1")]
    pmids, next_token = [], None
    while True:
        page = args + ([("_next", next_token)] if next_token else [])
        response = await datasette.client.get(base + "?" + urllib.parse.urlencode(page))
        if response.status_code != 200:  # a filter Datasette refuses, or a listing that took too long
            raise DatasetteError(_error(response), status=response.status_code)
        body = response.json()
        pmids += [row["pmid"] for row in body["rows"]]
        next_token = body.get("next")
        if not next_token:
            return pmids


def _error(response) -> str:
    try:
        return str(response.json()["error"])
    except (ValueError, KeyError, TypeError):
        return f"{response.status_code} while listing rows"


async def has_pmids(datasette, database, table, columns) -> bool:
    """Whether the rows name records: a pmid column in the table (whatever _col shows) or the query."""
    if table:
        columns = await datasette.get_database(database).table_columns(table)
    return "pmid" in (columns or [])


def renderer(extension):
    write, content_type, suffix, _ = FORMATS[extension]

    async def render(datasette, request, database, table, view_name, sql, data, columns):
        if data.get("error"):  # the query itself failed: Datasette answers 400 with its message
            raise BadRequest(str(data["error"]))
        if not await has_pmids(datasette, database, table, columns):
            raise BadRequest(f"Only rows with a pmid column can be exported as .{extension}.")
        pmids = await matching_pmids(datasette, request, database, table, view_name, sql, data)
        db = datasette.get_database(database)
        refs = await db.execute_fn(lambda conn: citations.load_references(conn, pmids))
        name = f"{table or data.get('query_name') or 'query'}-{len(refs)}.{suffix}"
        headers = {"content-disposition": f'attachment; filename="{name}"',
                   "x-records": str(len(refs))}
        if request.args.get("_inline"):
            headers.pop("content-disposition")
        # Tens of thousands of records take seconds to write: off the event loop, so pages keep loading.
        body = await asyncio.to_thread(write, refs)
        return Response(body, content_type=content_type + "; charset=utf-8", headers=headers)

    return render


@hookimpl(specname="register_output_renderer")
def export_renderers(datasette):
    return [{"extension": ext, "render": renderer(ext), "can_render": can_render} for ext in FORMATS]


@hookimpl(specname="prepare_jinja2_environment")
def export_names(env):
    """The formats' names for the pages' export links (_export_links.html)."""
    env.globals["export_formats"] = {ext: name for ext, (*_, name) in FORMATS.items()}
