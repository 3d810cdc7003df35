"""Facet counts of any selection of simple filters, counted in memory rather than by SQL.

Counting a facet over a large selection in SQL reads every selected article's row (or every
join row of it): at a million articles, the twenty facets of a page filtered to human studies
take seconds. Here each faceted column is held as one array of value codes, aligned with the
sorted PMIDs, and each join table as (article, value) pairs; a selection is a boolean array
over the articles, and a facet's counts one bincount of the codes it selects. A page's
twenty facets then take tens of milliseconds at any scale.

The same selection gives a page its rows and its count (listing.py): each order a page may be
sorted in is an array of the articles in that order, read from SQLite once, and a page's rows
are the first chosen articles in it.

The arrays are read once per database file (again when it changes), each when first needed.
The filters the site's own links use are read here: column=value, column__exact, column__in,
column__isnull, column__notnull and ?_join_NAME=value. For any other (a search, a lookup,
SQL) facets.py asks SQL for the PMIDs the page matches, once, and counts over those.
"""

import collections
import json
import os
import sqlite3
import threading
import urllib.parse

import numpy as np

from harvest.schema import COUNTED_COLUMNS, JOINS

# Arguments that shape a page rather than choose its rows.
PAGE_ARGS = {"_next", "_size", "_sort", "_sort_desc", "_facet", "_facet_join", "_facet_size", "_facet_more", "_facet_array",
             "_facet_date", "_labels", "_nolabels", "_col", "_nocol", "_shape", "_json", "_trace", "_timelimit",
             "_nofacet", "_nocount", "_nosuggest", "_extra", "_stream", "_dl", "_ttl", "_view"}
LOOKUPS = {"exact", "in", "isnull", "notnull"}
# The columns read in the one pass over articles: those faceted, and those the evidence maps' cells
# filter on without faceting them (conditions__isnull, routes__isnull: the records with no condition, no route).
READ_COLUMNS = (*COUNTED_COLUMNS, "conditions", "routes")
KEPT_SELECTIONS = 8  # selections kept for the pages asking for them now (a million articles: 1 MB each)
JOIN_PREFIX = "_join_"


class Unsupported(Exception):
    """A filter this module does not read: SQL counts the facets instead."""


def _pmid_array(text) -> np.ndarray:
    return np.array(text.split(","), dtype=np.int64) if text else np.empty(0, dtype=np.int64)


class Catalogue:
    """The faceted columns, join tables and orders of one catalogue file, as arrays, each read when first asked for."""

    def __init__(self, conn):
        self.pmids = _pmid_array(conn.execute("select group_concat(pmid) from (select pmid from articles "
                                              "order by pmid)").fetchone()[0])
        self._columns, self._joins, self._orders = {}, {}, {}
        self._lock = threading.RLock()
        # the orders have a lock of their own: an unfiltered listing need not wait for the columns
        self._orders_lock = threading.Lock()
        self._selections, self._selections_lock = collections.OrderedDict(), threading.Lock()

    def _positions(self, pmids) -> np.ndarray:
        """Where PMIDs stand among the articles; those of no article (a join row left behind) are dropped."""
        positions = np.searchsorted(self.pmids, pmids)
        inside = positions < len(self.pmids)
        positions, pmids = positions[inside], pmids[inside]
        return positions[self.pmids[positions] == pmids]

    def position(self, pmid):
        """Where a PMID stands among the articles; None for one that is not an article."""
        at = self._positions(np.array([pmid], dtype=np.int64))
        return int(at[0]) if len(at) else None

    def column(self, conn, name) -> tuple:
        """(codes, values): values[codes[i]] is article i's value of the column; -1 where it is null."""
        with self._lock:
            if name not in self._columns:
                self._read_columns(conn, [name] + [c for c in READ_COLUMNS if c not in self._columns])
            return self._columns[name]

    def _read_columns(self, conn, names):
        """Columns of articles in one pass over the table: its rows are long, read them once."""
        present = {row[1] for row in conn.execute("pragma table_xinfo(articles)")}
        names = [n for n in dict.fromkeys(names) if n in present]
        found = {name: ([], {}) for name in names}
        select = ", ".join(f"[{n}]" for n in names)
        for row in conn.execute(f"select {select} from articles order by pmid"):
            for name, value in zip(names, row):
                codes, index = found[name]
                codes.append(-1 if value is None else index.setdefault(value, len(index)))
        for name, (codes, index) in found.items():
            self._columns[name] = (np.array(codes, dtype=np.int32), list(index))

    def join(self, conn, name) -> tuple:
        """(articles, codes, values): article articles[j] has value values[codes[j]], each pair once."""
        with self._lock:
            if name not in self._joins:
                join = JOINS[name]
                value = join.expression or f"[{join.column}]"
                parts, codes, values = [], [], []
                # group_concat hands over every PMID of a value at once: one row per value, not per pair
                sql = (f"select {value}, group_concat(pmid) from [{join.table}] "
                       f"where {value} is not null group by 1")
                for found, pmids in conn.execute(sql):
                    positions = np.unique(self._positions(_pmid_array(pmids)))
                    parts.append(positions.astype(np.int32))
                    codes.append(np.full(len(positions), len(values), dtype=np.int32))
                    values.append(found)
                empty = np.empty(0, dtype=np.int32)
                self._joins[name] = (np.concatenate(parts) if parts else empty,
                                     np.concatenate(codes) if codes else empty, values)
            return self._joins[name]

    def order(self, conn, column, descending) -> np.ndarray:
        """The articles (their positions) in the order of a listing sorted by column, descending or
        not, then by PMID: as SQLite orders them (nulls first, numbers before text), read from it once."""
        with self._orders_lock:
            if (column, descending) not in self._orders:
                sql = f"select pmid from articles order by [{column}]{' desc' if descending else ''}, pmid"
                pmids = np.fromiter((row[0] for row in conn.execute(sql)), dtype=np.int64)
                self._orders[column, descending] = self._positions(pmids).astype(np.int32)
            return self._orders[column, descending]

    def listed(self, order, chosen, start, size) -> list:
        """PMIDs of the first size chosen articles of an order, from its start'th article on."""
        rest = order[start:]
        return self.pmids[rest[np.flatnonzero(chosen[rest])[:size]]].tolist()

    def warm(self, conn, orders=()):
        """Read the orders (column, descending) given, every faceted column and every counted join
        table now, before a page asks for them."""
        for column, descending in orders:
            self.order(conn, column, descending)
        self.column(conn, READ_COLUMNS[0])
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        for name, join in JOINS.items():
            if join.counted and join.table in tables:
                self.join(conn, name)

    # ------------------------------------------------------------ selections

    def selection(self, conn, filters) -> np.ndarray:
        """The articles every filter chooses, as a boolean array (read only); filters as from
        read_filters. The last few are kept: a page's count, rows and most of its facets ask for one."""
        key = tuple(sorted((kind, name, lookup, tuple(sorted(values))) for kind, name, lookup, values in filters))
        with self._selections_lock:
            if key in self._selections:
                self._selections.move_to_end(key)
                return self._selections[key]
        chosen = np.ones(len(self.pmids), dtype=bool)
        for kind, name, lookup, values in filters:
            chosen &= self._join_mask(conn, name, values) if kind == "join" else \
                self._column_mask(conn, name, lookup, values)
        chosen.flags.writeable = False
        with self._selections_lock:
            self._selections[key] = chosen
            while len(self._selections) > KEPT_SELECTIONS:
                self._selections.popitem(last=False)
        return chosen

    def _join_mask(self, conn, name, values) -> np.ndarray:
        """The articles with any of the values in a join table: each value's articles are one run
        of the pairs (they are read value by value)."""
        articles, codes, known = self.join(conn, name)
        mask = np.zeros(len(self.pmids), dtype=bool)
        for code in (i for i, v in enumerate(known) if str(v) in values):
            start, end = np.searchsorted(codes, [code, code + 1])
            mask[articles[start:end]] = True
        return mask

    def _column_mask(self, conn, name, lookup, values) -> np.ndarray:
        codes, known = self.column(conn, name)
        if lookup in ("isnull", "notnull"):
            return codes == -1 if lookup == "isnull" else codes != -1
        # a table of the wanted codes, looked up by code (ten times faster than np.isin); -1, null, is its last
        wanted = np.zeros(len(known) + 1, dtype=bool)
        wanted[[i for i, v in enumerate(known) if _same(v, values)]] = True
        return wanted[codes]

    def matching(self, pmids_text) -> np.ndarray:
        """The articles of a comma-separated list of PMIDs (what SQL found), as a boolean array."""
        chosen = np.zeros(len(self.pmids), dtype=bool)
        chosen[self._positions(_pmid_array(pmids_text))] = True
        return chosen

    def column_counts(self, conn, name, chosen, most=None) -> list:
        """(value, articles) of a column over a selection, every value that has any (see _counted)."""
        codes, values = self.column(conn, name)
        picked = codes[chosen]
        return _counted(np.bincount(picked[picked >= 0], minlength=len(values)), values, most)

    def join_counts(self, conn, name, chosen, most=None) -> list:
        """(value, articles) of a join over a selection: each article once per value (see _counted)."""
        articles, codes, values = self.join(conn, name)
        return _counted(np.bincount(codes[chosen[articles]], minlength=len(values)), values, most)


def _counted(counts, values, most=None) -> list:
    """(value, count) of every value counted; with most, only those whose count is among the most
    highest (ties included): an author facet has hundreds of thousands of values to leave unsorted."""
    found = np.flatnonzero(counts)
    if most and len(found) > most:
        least = np.partition(counts[found], len(found) - most)[len(found) - most]
        found = found[counts[found] >= least]
    return [(values[i], int(counts[i])) for i in found]


def _same(value, wanted) -> bool:
    """A stored value is one of the wanted strings, as SQLite compares a column with text: 1 = '1'."""
    if str(value) in wanted:
        return True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        for text in wanted:
            try:
                if float(text) == value:
                    return True
            except ValueError:
                continue
    return False


def read_filters(pairs, columns) -> list:
    """(kind, name, lookup, values) for each filter of a page's arguments; Unsupported for any
    this module does not count (a search, SQL, another lookup, a column it does not know)."""
    by_key = {}
    for key, value in pairs:
        if key.startswith(JOIN_PREFIX) and key[len(JOIN_PREFIX):] in JOINS:
            by_key.setdefault(("join", key[len(JOIN_PREFIX):], "in"), []).append(value)
            continue
        if key in PAGE_ARGS:
            continue
        if key.startswith("_"):
            raise Unsupported(key)
        column, _, lookup = key.partition("__")
        lookup = lookup or "exact"
        if column not in columns or lookup not in LOOKUPS or (lookup in ("exact", "in") and value == ""):
            raise Unsupported(key)
        values = _in_values(value) if lookup == "in" else [value]
        by_key.setdefault(("column", column, "isnull" if lookup == "isnull" else
                           "notnull" if lookup == "notnull" else "in"), []).append(values)
    filters = []
    for (kind, name, lookup), found in by_key.items():
        if kind == "join":
            filters.append((kind, name, lookup, set(found)))
        elif lookup in ("isnull", "notnull"):
            filters.append((kind, name, lookup, set()))
        else:  # each repeated filter must hold: the values each allows, kept apart
            filters += [(kind, name, lookup, set(values)) for values in found]
    return filters


def _in_values(value) -> list:
    """The values of column__in: a JSON list of plain values (text, numbers), or comma-separated
    text. Any other JSON (true, null, an object) SQL binds, or refuses, as it does."""
    if not value.startswith("["):
        return value.split(",")
    try:
        values = json.loads(value)
    except ValueError:
        raise Unsupported(value)
    if not isinstance(values, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                               for v in values):
        raise Unsupported(value)
    return [str(v) for v in values]


# ---------------------------------------------------------------- one per database file


_catalogues, _catalogues_lock = {}, threading.Lock()


def file_signature(path) -> tuple:
    """What changes when a database file is written: its and its write-ahead log's size and time."""
    found = []
    for suffix in ("", "-wal"):
        try:
            stat = os.stat(f"{path}{suffix}")
            found += [stat.st_size, stat.st_mtime_ns]
        except OSError:
            found += [None, None]
    return tuple(found)


def catalogue_for(conn, path) -> Catalogue:
    """The arrays of a database file, read again when the file has changed since. One reading
    at a time: a page that asks while the arrays are read waits for them."""
    with _catalogues_lock:
        signature = file_signature(path)
        held = _catalogues.get(path)
        if not held or held[0] != signature:
            held = _catalogues[path] = (signature, Catalogue(conn))
        return held[1]


def warm_in_background(path, orders=()):
    """Read a catalogue file's arrays (and the orders (column, descending) given) in a thread of
    their own, with a connection of their own: at a million articles this takes a minute, which
    no reader's first page should wait."""

    def read():
        conn = sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)
        try:
            if conn.execute("select 1 from sqlite_master where name = 'articles'").fetchone():
                catalogue_for(conn, path).warm(conn, orders)
        finally:
            conn.close()

    threading.Thread(target=read, name="catalogue facets", daemon=True).start()
