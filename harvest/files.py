"""Ingest local PubMed files (XML, gzipped XML, MEDLINE text): parse, scope, save."""

import contextlib
import gc
import gzip
import os
import signal
import sqlite3
import sys
import zlib
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from tqdm import tqdm

from harvest import load, read, scope

try:  # parse inflates with ISA-L, whose errors are not zlib's
    from isal.igzip_lib import IsalError
except ImportError:  # pragma: no cover - isal is a declared dependency
    IsalError = zlib.error

BATCH_SIZE = 1000
# Blocks of input handed to each worker process, and how many may wait parsed or unparsed. Each block waits as
# XML, then as prepared rows: 2 MB blocks keep a build of the sample about 25 MB (PSS) below 4 MB ones, no slower.
WORKER_BLOCK_SIZE = 1 << 21
BLOCKS_AHEAD = 1
# A record that breaks these while being saved is rejected; anything else stops the run.
# What reading a broken file raises (besides read.ParseError).
READ_ERRORS = (OSError, EOFError, zlib.error, IsalError)
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
    with load.bulk_build(db), _workers(keep_all, paths) as pool, _no_cycle_collector():
        for path, items in zip(paths, _readers(paths, keep_all, pool)):
            bar.set_description(os.path.basename(path))
            _ingest_file(db, path, items, keep_all, run_id, run, bar)
    bar.close()
    return run


def _workers(keep_all, paths):
    """Processes that read while this one writes: blocks of every file with --all, else whole files."""
    workers = min(os.cpu_count() or 1, 64 if keep_all else len(paths))
    if workers < 2:
        return contextlib.nullcontext()
    if keep_all and load.classifier():
        load.extractor()  # both imported (their patterns compiled) once here, not once per worker
    return _pool(workers)


@contextlib.contextmanager
def _pool(workers):
    """A pool of worker processes; a run that stops early drops the blocks still queued."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        pool.shutdown(cancel_futures=True)  # Ctrl-C, SIGTERM or an error: no need to parse the rest
        raise
    pool.shutdown()


def _worker_start(main):
    """In each worker: no cycle collector (see _no_cycle_collector), and Ctrl-C and
    SIGTERM left to the main process, which shuts the pool down.

    Both reach the whole process group (a terminal's Ctrl-C, a service manager's
    stop). A worker they killed would print a traceback, or die halfway through
    sending its results and leave the main process waiting for the rest forever.
    """
    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: _worker_terminated(main, signum))


def _worker_terminated(main, signum):
    """SIGTERM in a worker: ignored while its main process lives, else (orphaned) obeyed."""
    if os.getppid() == main:
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _readers(paths, keep_all, pool) -> list:
    """One iterable of read.iter_file's items per path, in the order of the paths.

    A scope scan keeps few records, so every file is scanned at once, each by a
    worker, and its items wait for their turn; with --all, workers parse blocks.
    """
    needles = None if keep_all else scope.prefilter_needles()
    if pool is None:
        return [read.iter_file(path, needles) for path in paths]
    if keep_all:
        return [_parallel_items(path, pool) for path in paths]
    scans = [_scanned(pool.submit(_scan_file, path, needles)) for path in paths]
    load.classifier()  # its import overlaps the scans
    return scans


@contextlib.contextmanager
def _no_cycle_collector():
    """Records and rows hold no reference cycles, yet the millions of dicts and tuples
    an ingest makes set off the cycle collector again and again (a sixth of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _ingest_file(db, path, items, keep_all, run_id, run, bar):
    batch = []
    try:
        for kind, value in items:
            if kind == "record" and (keep_all or scope.in_scope(value)):
                if isinstance(value, dict):
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
    except (*READ_ERRORS, read.ParseError) as error:
        raise input_error(path, error) from None
    finally:
        _flush(db, batch, run_id, run)


def _scan_file(path, needles) -> tuple:
    """In a worker: all of a file's items for a scope scan, and the error that ended it, if any."""
    items = []
    try:
        items.extend(read.iter_file(path, needles))
    except (*READ_ERRORS, read.ParseError) as error:
        return items, input_error(path, error)  # made here: not every error pickles
    return items, None


def _scanned(future):
    """A scanned file's items, then its error (as reading it in this process would raise)."""
    items, error = future.result()
    yield from items
    if error is not None:
        raise error


def _parallel_items(path, pool):
    """read.iter_file's items, XML blocks parsed by the pool's workers."""
    if _format(path) == "medline":
        yield from read.iter_file(path)
    else:
        yield from _parallel_xml(path, pool)


def _format(path) -> str:
    with read.open_input(path) as stream:
        return read.sniff_format(stream.read(4096))


def _parallel_xml(path, pool):
    """read.iter_xml's items in input order, each block parsed and prepared by a worker."""
    source, pending = os.path.basename(path), deque()
    seen, tail = 0, b""
    with read.open_input(path) as stream:
        for block in read.iter_blocks(stream, size=WORKER_BLOCK_SIZE):
            count = read.count_records(block)
            pending.append(pool.submit(_prepared_items, block, seen, count, source))
            seen, tail = seen + count, block
            if len(pending) > BLOCKS_AHEAD * (os.cpu_count() or 1):
                yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
    yield from read.truncated_tail(tail, seen)


def _prepared_items(block, seen, count, source) -> list:
    """In a worker: a block's items, each record turned into its rows (load.prepare)."""
    items = []
    for kind, value in read.block_items(block, None, seen, count):
        if kind == "record":
            value["source"] = source
            try:
                value = load.prepare(value)
            except RECORD_ERRORS as error:
                kind, value = "rejected", (f"PMID {value['pmid']}", cannot_store(error))
        items.append((kind, value))
    return items


def _identity(record) -> tuple:
    """(source file, PMID) of a record dict or a load.Prepared."""
    if isinstance(record, load.Prepared):
        return record.source, record.pmid
    return record.get("source"), record["pmid"]


def cannot_store(error) -> str:
    return " ".join(f"cannot be stored: {type(error).__name__}: {error}".split())[:200]


def input_error(path, error) -> InputError:
    """The one-line InputError for a file that could not be read or is not PubMed input."""
    if isinstance(error, read.ParseError):
        return InputError(f"{path}: {error}")
    return InputError(f"{path}: {read_error(error)}")


def read_error(error) -> str:
    """One line for a file that failed while being read."""
    if isinstance(error, EOFError):
        return "the file ends early (truncated gzip?)"
    if isinstance(error, (zlib.error, gzip.BadGzipFile, IsalError)) or "gzip" in str(error).lower() or "CRC" in str(error):
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
            source, pmid = _identity(record)
            run.rejected += 1
            run.rejections.append((source, f"PMID {pmid}", cannot_store(error)))
            continue
        for name in ("new", "updated", "unchanged"):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
    return total
