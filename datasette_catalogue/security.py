"""The public site is read-only and not a way in.

- Every database file is opened immutable (as `datasette -i` does), and reopened
  when `harvest` swaps a new catalogue in at the same path.
- The site's Datasette settings live here, not on the command line: query time, rows
  per answer and facet time are at most SETTING_CAPS (a lower value given on the command
  line stands; Datasette's defaults give way), and file downloads, debug views and
  facet suggestions are off, whatever the command line said.
- SQL cannot attach databases, load extensions, call file or pointer functions,
  read table-valued functions other than ALLOWED_TABLE_FUNCTIONS (pragma_database_list
  would give away the file's path), or write; no string or blob may exceed MAX_VALUE_BYTES.
- A query stopped at the time limit says so without showing its SQL.
- Only GET, HEAD and OPTIONS reach Datasette: no write, insert or upload endpoint; the
  introspection pages that show the server's file paths (/-/databases, /-/threads) are not served.
- A bad query argument is a 400, never a 500: Datasette 0.65 answers some (an unsortable
  _sort, a malformed __in list, a number SQLite cannot hold) with a server error.
- Every response carries a content security policy (inline scripts only when they
  are a template's own, by hash) and related headers; robots keep off queries.
"""

import asyncio
import base64
import hashlib
import json
import os
import re
import sqlite3
import threading

from datasette import hookimpl
from datasette.database import Database
from datasette.handle_exception import handle_exception as datasette_error_page
from datasette.utils.asgi import BadRequest, Response
from datasette.views.base import DatasetteError

from harvest.safety import file_identity

# The site's limits (a lower value given on the command line stands; Datasette's defaults give way).
SETTING_CAPS = {"sql_time_limit_ms": 1000, "max_returned_rows": 1000, "facet_time_limit_ms": 1000,
                "facet_suggest_time_limit_ms": 200, "max_csv_mb": 100}
# Off whatever the command line says: downloading the database file, the debug views, and facet
# suggestions (which would try every column of a large table at each request).
SETTINGS_OFF = ("allow_download", "trace_debug", "template_debug", "suggest_facets")
MAX_VALUE_BYTES = 16 << 20
MAX_SQL_BYTES = 100_000
ALLOWED_METHODS = {"GET", "HEAD", "OPTIONS"}
# File, extension and pointer functions some SQLite builds carry.
DENIED_FUNCTIONS = {
    "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer", "lsdir", "zipfile",
    "sqlar_compress", "sqlar_uncompress", "sqlite_dbpage", "shell",
}
# Table-valued functions a reader's SQL may read from: JSON, and the pragmas that describe
# tables and indexes. Any other is refused: pragma_database_list answers with the server's path
# to the catalogue, dbstat and sqlite_dbpage with the file's pages.
ALLOWED_TABLE_FUNCTIONS = {
    "json_each", "json_tree", "pragma_table_info", "pragma_table_xinfo", "pragma_table_list",
    "pragma_index_list", "pragma_index_info", "pragma_index_xinfo", "pragma_foreign_key_list",
}
SCHEMA_TABLES = {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema",
                 "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
# Pragmas that would undo query_only or spend memory and disk; reading pragmas stays allowed.
DENIED_PRAGMAS = {
    "query_only", "writable_schema", "trusted_schema", "journal_mode", "cache_size", "mmap_size",
    "temp_store", "temp_store_directory", "data_store_directory", "max_page_count",
}
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
CSP = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


# ---------------------------------------------------------------- read-only databases


class SwappableDatabase(Database):
    """An immutable database file, reopened by each worker thread once a new file
    replaces it. Queries already running finish on the file they started on."""

    def __init__(self, ds, path):
        super().__init__(ds, path=path, is_mutable=False)
        self._local = threading.local()
        self._identity = file_identity(path)
        self._swapped = False

    @property
    def cached_table_counts(self):
        return self._cached_table_counts if self._swapped else super().cached_table_counts

    def _current(self):
        identity = file_identity(self.path)
        if identity is not None and identity != self._identity:
            self._identity, self._swapped = identity, True
            self._cached_table_counts = self.cached_hash = self.cached_size = None
        return self._identity

    def _connection(self):
        identity = self._current()
        conn, seen = getattr(self._local, "conn", (None, None))
        if conn is None or seen != identity:
            if conn is not None:
                conn.close()
                self._all_file_connections.remove(conn)
            conn = self.connect()
            self.ds._prepare_connection(conn, self.name)
            self._local.conn = (conn, identity)
        return conn

    async def execute_fn(self, fn):
        if self.ds.executor is None:
            return fn(self._connection())
        return await asyncio.get_running_loop().run_in_executor(
            self.ds.executor, lambda: fn(self._connection()))


@hookimpl(specname="startup")
def read_only_databases(datasette):
    """Serve every database file immutable, with the site's settings, whatever the command line said."""
    cap_settings(datasette)
    databases = dict(datasette.databases)
    for name, db in datasette.databases.items():
        if db.path and not db.is_memory and not isinstance(db, SwappableDatabase):
            swappable = SwappableDatabase(datasette, db.path)
            swappable.name, swappable.route = db.name, db.route
            databases[name] = swappable
    datasette.databases = databases


def cap_settings(datasette):
    from datasette.app import SETTINGS  # not on import: Datasette imports this package from there

    defaults = {setting.name: setting.default for setting in SETTINGS}
    # Datasette 0.65 has no public setter; its settings live in this dict.
    settings = datasette._settings
    for name, cap in SETTING_CAPS.items():
        if not settings.get(name) or settings[name] == defaults.get(name) or settings[name] > cap:
            settings[name] = cap
    for name in SETTINGS_OFF:
        settings[name] = False
    datasette.max_returned_rows = settings["max_returned_rows"]  # copied at start-up
    datasette.sql_time_limit_ms = settings["sql_time_limit_ms"]
    datasette.page_size = min(datasette.page_size, datasette.max_returned_rows)


# ---------------------------------------------------------------- SQL


def authorizer(action, arg1, arg2, database, source, readable=None):
    """Deny ATTACH/DETACH, the DENIED_FUNCTIONS, setting the DENIED_PRAGMAS and reading from any
    table that is neither in the schema nor an allowed table-valued function (readable, lower case).

    Writes are refused by query_only (and the immutable file) rather than here:
    opening an FTS5 table asks to update sqlite_master without writing it.
    """
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and (arg1 or "").lower() in DENIED_PRAGMAS:
        return sqlite3.SQLITE_DENY
    # A read with no database is of a common table expression or a subquery's result.
    if action == sqlite3.SQLITE_READ and readable is not None and database is not None \
            and (arg1 or "").lower() not in readable:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def readable_tables(conn) -> set:
    """What SQL on this connection may read: the schema's tables, views and full-text tables
    (their names in lower case), and the allowed table-valued functions."""
    names = {name.lower() for (name,) in conn.execute("select name from sqlite_master")}
    return names | SCHEMA_TABLES | ALLOWED_TABLE_FUNCTIONS


def guard_connection(conn):
    """Make a connection read-only and bounded, whatever Datasette runs on it."""
    conn.execute("PRAGMA query_only = 1")
    if hasattr(conn, "enable_load_extension"):  # absent when Python was built without it
        conn.enable_load_extension(False)
    if hasattr(conn, "setlimit"):  # Python 3.11+
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
        conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    # The file is immutable, so its schema is fixed for the life of the connection.
    readable = readable_tables(conn)
    conn.set_authorizer(lambda action, arg1, arg2, database, source:
                        authorizer(action, arg1, arg2, database, source, readable))


@hookimpl(specname="prepare_connection")
def guarded_connection(conn, database):
    if database != "_internal":  # Datasette writes its own schema tables there
        guard_connection(conn)


# ---------------------------------------------------------------- headers and methods


SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_script_hashes(template_dirs, allow_facet=True) -> list:
    """CSP hashes of the inline scripts the templates themselves hold."""
    bodies = {f"DATASETTE_ALLOW_FACET = {'true' if allow_facet else 'false'};"}
    for folder in template_dirs:
        for root, _, names in os.walk(folder):
            for name in names:
                if name.endswith(".html"):
                    with open(os.path.join(root, name), encoding="utf-8") as f:
                        bodies.update(static_scripts(f.read()))
    return sorted("'sha256-%s'" % base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()
                  for b in bodies)


def static_scripts(html) -> list:
    """Inline script bodies that contain no template code."""
    return [body for attrs, body in SCRIPT.findall(html)
            if "src=" not in (attrs or "") and not re.search(r"{[{%#]", body)]


def template_dirs(datasette) -> list:
    """Every folder the Jinja loader reads templates from."""
    found, loaders = [], [datasette.jinja_env.loader]
    while loaders:
        loader = loaders.pop()
        loaders.extend(getattr(loader, "loaders", []))
        loaders.extend(getattr(loader, "mapping", {}).values())
        found.extend(getattr(loader, "searchpath", []))
    return list(dict.fromkeys(found))


def content_security_policy(datasette) -> str:
    hashes = inline_script_hashes(template_dirs(datasette), bool(datasette.setting("allow_facet")))
    return CSP.format(hashes="".join(" " + h for h in hashes))


def add_headers(message, scope, csp):
    """The security headers, plus noindex on anything but a plain page."""
    headers = list(message.get("headers", []))
    present = {key.lower() for key, _ in headers}
    extra = dict(HEADERS, **{"content-security-policy": csp})
    content_type = dict(headers).get(b"content-type", b"")
    if scope.get("query_string") or not content_type.startswith(b"text/html"):
        extra["x-robots-tag"] = "noindex, nofollow"
    headers += [(k.encode(), v.encode()) for k, v in extra.items() if k.encode() not in present]
    return dict(message, headers=headers)


@hookimpl(specname="asgi_wrapper", trylast=True)
def secured_responses(datasette):
    # trylast: applied last, so the outermost wrapper; every response gets the headers.
    def wrap(app):
        policy = []

        async def secured(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            if not policy:
                policy.append(content_security_policy(datasette))

            async def send_secured(message):
                if message["type"] == "http.response.start":
                    message = add_headers(message, scope, policy[0])
                await send(message)

            if scope["method"] not in ALLOWED_METHODS:
                return await refuse_method(scope, receive, send_secured)
            if UNPUBLISHED.match(scope["path"]):
                return await not_published(scope, receive, send_secured)
            return await app(scope, receive, send_secured)

        return secured

    return wrap


# Datasette's introspection pages that give away the server's files: the catalogue's path
# (/-/databases) and the Python installation's (/-/threads).
UNPUBLISHED = re.compile(r"^/-/(?:databases|threads)(?:\.json)?/?$")


async def not_published(scope, receive, send):
    await send({"type": "http.response.start", "status": 404,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": b"Not published.\n"})


async def refuse_method(scope, receive, send):
    """405 for POST, PUT, PATCH, DELETE...: this site never changes."""
    await send({"type": "http.response.start", "status": 405,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"allow", b"GET, HEAD, OPTIONS")]})
    await send({"type": "http.response.body", "body": b"This catalogue is read-only.\n"})


# ---------------------------------------------------------------- bad arguments


# Datasette 0.65 raises these without a status (so 500) for a column it will not sort by.
SORT_ERROR = re.compile(r"Cannot (sort table by |use _sort and _sort_desc at the same time)")


def bad_argument(request, exception):
    """What was wrong with the request, where a query argument rather than a fault raised exception."""
    if isinstance(exception, DatasetteError) and exception.status == 500 and SORT_ERROR.match(str(exception.message)):
        return str(exception.message)
    # Filter values are bound as SQL parameters: only a value from the address fails to bind.
    if isinstance(exception, OverflowError) or (
            isinstance(exception, (sqlite3.InterfaceError, sqlite3.ProgrammingError))
            and "binding parameter" in str(exception)):
        return "A filter value is too large a number or not a plain value."
    if isinstance(exception, ValueError):
        try:
            int(request.args.get("_timelimit") or 0)
        except ValueError:
            return "_timelimit must be a whole number of milliseconds."
        for key in request.args.keys():
            if key.endswith("__in") or key.endswith("__notin"):
                for value in request.args.getlist(key):
                    try:
                        value.startswith("[") and json.loads(value)
                    except ValueError:
                        return f"{key} takes comma-separated values or a JSON list, not {value!r}."
    return None


# A query stopped at the time limit: Datasette 0.65's page for it shows the whole SQL.
TOO_LONG = ("This took too long to answer within the catalogue's time limit. Narrow it down: "
            "fewer or more specific words, or more filters.")


@hookimpl(specname="handle_exception")
def bad_request_page(datasette, request, exception):
    """Datasette's own error page, as a 400, for a bad query argument or a query that ran too long
    (without its SQL); anything else as Datasette has it."""
    if isinstance(exception, DatasetteError) and exception.title == "SQL Interrupted":
        return datasette_error_page(datasette, request, DatasetteError(TOO_LONG, title="Too long", status=400))
    message = bad_argument(request, exception)
    if message is None:
        return None
    return datasette_error_page(datasette, request, BadRequest(message))


# ---------------------------------------------------------------- robots


@hookimpl(specname="register_routes")
def robots_route():
    return [(r"^/robots\.txt$", robots_txt)]


async def robots_txt(datasette):
    lines = ["User-agent: *", "Allow: /-/static", "Disallow: /-/", "Disallow: /*?"]
    lines += [f"Disallow: /*.{ext}" for ext in ["json", "csv", *sorted(datasette.renderers)]]
    for name in datasette.databases:
        if name == "_internal":
            continue
        queries = await datasette.get_canned_queries(name, None)
        lines += [f"Disallow: {datasette.urls.query(name, q)}" for q in sorted(queries)]
    return Response.text("\n".join(dict.fromkeys(lines)) + "\n")
