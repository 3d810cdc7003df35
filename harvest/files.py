"""Ingest local PubMed files (XML, gzipped XML, MEDLINE text): parse, scope, save."""

import gzip
import os
import sqlite3
import sys
import zlib
from dataclasses import dataclass, field

from tqdm import tqdm

from harvest import load, parse, scope

BATCH_SIZE = 1000
# A record that breaks these while being saved is rejected; anything else stops the run.
RECORD_ERRORS = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError,
                 OverflowError, TypeError, ValueError, KeyError, AttributeError)


class InputError(Exception):
    """A file that cannot be read as PubMed input; the message is one line."""


@dataclass
class FileRun:
    """Counts for one ingest, in the order the summary line prints them."""

    read: int = 0
    in_scope: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rejected: int = 0
    rejections: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if k != "rejections"}

    def summary(self) -> str:
        return (f"read {self.read}, in scope {self.in_scope}, new {self.new}, "
                f"updated {self.updated}, deleted {self.deleted}, rejected {self.rejected}")


def ingest_files(db, paths, run_id, keep_all=False, progress=False) -> FileRun:
    """Load every path into the catalogue; records out of scope are skipped unless keep_all."""
    run = FileRun()
    bar = tqdm(unit=" records", disable=not progress, file=sys.stderr, mininterval=0.5)
    for path in paths:
        bar.set_description(os.path.basename(path))
        _ingest_file(db, path, run_id, keep_all, run, bar)
    bar.close()
    load.ensure_search(db)
    return run


def _ingest_file(db, path, run_id, keep_all, run, bar):
    needles = None if keep_all else scope.prefilter_needles()
    batch = []
    try:
        for kind, value in parse.iter_file(path, needles):
            if kind == "record" and (keep_all or scope.in_scope(value)):
                value["source"] = os.path.basename(path)
                batch.append(value)
                if len(batch) >= BATCH_SIZE:
                    _flush(db, batch, run_id, run)
            elif kind == "deleted":
                _flush(db, batch, run_id, run)
                run.deleted += load.delete_pmids(db, value, run_id)
            elif kind == "rejected":
                run.rejected += 1
                run.rejections.append((os.path.basename(path), *value))
            elif kind == "read":
                run.read += value
                bar.update(value)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(f"{path}: {read_error(error)}") from None
    except parse.ParseError as error:
        raise InputError(f"{path}: {error}") from None
    finally:
        _flush(db, batch, run_id, run)


def read_error(error) -> str:
    """One line for a file that failed while being read."""
    if isinstance(error, EOFError):
        return "the file ends early (truncated gzip?)"
    if isinstance(error, (zlib.error, gzip.BadGzipFile)) or "gzip" in str(error).lower() or "CRC" in str(error):
        return f"corrupt gzip data ({error})"
    return error.strerror or str(error) if isinstance(error, OSError) else str(error)


def _flush(db, batch, run_id, run):
    """Save the pending records and empty the batch."""
    if not batch:
        return
    rejected = run.rejected
    counts = _save(db, batch, run_id, run)
    run.in_scope += len(batch) - (run.rejected - rejected)
    run.new += counts.new
    run.updated += counts.updated
    run.unchanged += counts.unchanged
    batch.clear()


def _save(db, batch, run_id, run) -> load.Counts:
    """Save a batch; if it fails, save record by record and reject the ones that cannot be stored."""
    try:
        return load.save_records(db, batch, run_id)
    except RECORD_ERRORS:
        pass  # the batch's transaction rolled back: find the culprits one at a time
    total = load.Counts()
    for record in batch:
        try:
            counts = load.save_records(db, [record], run_id)
        except RECORD_ERRORS as error:
            why = " ".join(f"cannot be stored: {type(error).__name__}: {error}".split())[:200]
            run.rejected += 1
            run.rejections.append((record.get("source"), f"PMID {record['pmid']}", why))
            continue
        for name in ("new", "updated", "unchanged"):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
    return total
