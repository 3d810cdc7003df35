"""Do two catalogues hold the same things? Every table, row by row: articles with every column,
the label, extraction and link tables, raw records, counts. A change meant only to make the build
faster must leave a catalogue of the same files unchanged.

    python bench/same_output.py REFERENCE.db NEW.db

Prints the tables that differ (with a few differing rows) and exits 1, or says they are the same.
The runs table (times, software version) and the full-text index's own tables are left out: the
search index is compared through a few searches instead.
"""

import hashlib
import sqlite3
import sys

SKIPPED = ("harvest_runs", "sqlite_sequence")
CLOCK_COLUMNS = {"deleted_articles": "deleted_at"}  # when a run saw a deletion: differs every run
SEARCHES = ("ketamine", "randomized placebo", "crps", "sublingual", "depression NOT pain", "\"chronic pain\"")
SHOWN = 3


def tables(db) -> list:
    """The ordinary tables of a catalogue, the full-text index's shadow tables aside."""
    names = [r[0] for r in db.execute("select name from sqlite_master where type = 'table' order by name")]
    return [n for n in names if n not in SKIPPED and not n.startswith("articles_fts")]


def rows(db, table) -> list:
    """Every row of a table as text, sorted, so that insertion order does not matter."""
    kept = [f"[{c}]" for c in columns(db, table) if c != CLOCK_COLUMNS.get(table)]
    return sorted(repr(row) for row in db.execute(f"select {', '.join(kept)} from [{table}]"))


def columns(db, table) -> list:
    return [r[1] for r in db.execute(f"pragma table_info([{table}])")]


def digest(values) -> str:
    return hashlib.sha256("\n".join(values).encode()).hexdigest()


def searched(db, query) -> list:
    return [r[0] for r in db.execute(
        "select rowid from articles_fts where articles_fts match ? order by rowid", [query])]


def differences(reference, new) -> list:
    """One line per difference between two catalogues."""
    found = []
    old_tables, new_tables = tables(reference), tables(new)
    if old_tables != new_tables:
        found.append(f"tables differ: only in reference {sorted(set(old_tables) - set(new_tables))}, "
                     f"only in new {sorted(set(new_tables) - set(old_tables))}")
    for table in sorted(set(old_tables) & set(new_tables)):
        if columns(reference, table) != columns(new, table):
            found.append(f"{table}: columns differ")
            continue
        old, now = rows(reference, table), rows(new, table)
        if digest(old) != digest(now):
            gone, added = sorted(set(old) - set(now)), sorted(set(now) - set(old))
            found.append(f"{table}: {len(old)} rows in reference, {len(now)} in new; "
                         f"{len(gone)} only in reference, {len(added)} only in new")
            found += [f"    - {r[:300]}" for r in gone[:SHOWN]] + [f"    + {r[:300]}" for r in added[:SHOWN]]
    if _has(reference, "articles_fts") and _has(new, "articles_fts"):
        for query in SEARCHES:
            if searched(reference, query) != searched(new, query):
                found.append(f"search {query!r} finds different articles")
    return found


def _has(db, table) -> bool:
    return db.execute("select 1 from sqlite_master where name = ?", [table]).fetchone() is not None


def main(reference_path, new_path) -> int:
    reference, new = sqlite3.connect(reference_path), sqlite3.connect(new_path)
    found = differences(reference, new)
    for line in found:
        print(line)
    if not found:
        print(f"same: every table of {new_path} matches {reference_path}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
