"""Reference-manager exports of any table filter, search or query: .ris, .bib, .nbib, .csljson.

Every matching row is exported, not just the page on screen: a table view is paged through
with Datasette's own filters, a query is run again without the row limit.
"""

import urllib.parse

from datasette import hookimpl
from datasette.utils.asgi import Response

from harvest import cite

FORMATS = {
    # extension: (writer, content type, file suffix)
    "ris": (cite.to_ris, "application/x-research-info-systems", "ris"),
    "bib": (cite.to_bibtex, "application/x-bibtex", "bib"),
    "nbib": (cite.to_medline, "application/nbib", "nbib"),
    "csljson": (cite.to_csl_json, "application/vnd.citationstyles.csl+json", "json"),
}
# Arguments that shape a page rather than choose its rows.
PAGE_ARGS = {"_next", "_size", "_col", "_nocol", "_shape", "_labels", "_facet", "_facet_array",
             "_facet_date", "_facet_join", "_facet_size", "_json", "_trace", "_timelimit", "_view"}


def can_render(columns, table, view_name):
    return "pmid" in (columns or []) and (view_name in ("table", "row", "query") or table)


async def matching_pmids(datasette, request, database, table, view_name, sql, data) -> list:
    """PMIDs of every row that the page's filters, search or query match, in the page's order."""
    if view_name == "row":
        return [row["pmid"] for row in data.get("rows") or []]
    if table:
        return await _table_pmids(datasette, request, database, table)
    db = datasette.get_database(database)
    params = (data.get("query") or {}).get("params") or {}
    results = await db.execute(sql, params, truncate=False)
    return [row["pmid"] for row in results.rows]


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
        if response.status_code != 200:
            raise ValueError(f"{response.status_code} while listing rows: {response.text[:200]}")
        body = response.json()
        pmids += [row["pmid"] for row in body["rows"]]
        next_token = body.get("next")
        if not next_token:
            return pmids


def renderer(extension):
    write, content_type, suffix = FORMATS[extension]

    async def render(datasette, request, database, table, view_name, sql, data):
        pmids = await matching_pmids(datasette, request, database, table, view_name, sql, data)
        db = datasette.get_database(database)
        refs = await db.execute_fn(lambda conn: cite.load_references(conn, pmids))
        name = f"{table or data.get('query_name') or 'query'}-{len(refs)}.{suffix}"
        headers = {"content-disposition": f'attachment; filename="{name}"',
                   "x-records": str(len(refs))}
        if request.args.get("_inline"):
            headers.pop("content-disposition")
        return Response(write(refs), content_type=content_type + "; charset=utf-8", headers=headers)

    return render


@hookimpl
def register_output_renderer(datasette):
    return [{"extension": ext, "render": renderer(ext), "can_render": can_render} for ext in FORMATS]
