"""Writes that cannot damage the catalogue: one writer at a time, and every change
built in a copy beside the catalogue that replaces it whole, or not at all.

A run takes the lock `<db>-lock`, copies the catalogue to `<db>-building`, writes
there, checks the copy (`PRAGMA integrity_check` and every full-text index
against its table), flushes it to disk and renames it over the catalogue. A
rename is atomic, so a run killed at any moment (SIGKILL, power cut) leaves the
previous catalogue or the new one, never a mixture; readers that have the old
file open, such as Datasette, keep reading it until they reopen the path.
"""

import contextlib
import datetime
import fcntl
import json
import os
import re
import sqlite3

LOCK_SUFFIX = "-lock"
WORK_SUFFIX = "-building"
# Beside a working copy: the identity of the catalogue it was copied from.
BASE_SUFFIX = "-base"
SIDECARS = ("-journal", "-wal", "-shm")


# Lock file descriptors this process holds. A child forked while one is held (a
# worker process, say) closes its copy at once: otherwise the lock would live as
# long as the child, even after this process was killed.
_HELD = set()


def _close_held_in_child():
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_held_in_child)


class SafetyError(Exception):
    """The catalogue cannot be written safely; the message is one line."""


class Busy(SafetyError):
    """Another run holds the lock."""


def real_path(path) -> str:
    """The file the catalogue lives in (through symlinks); refuses paths that cannot be one."""
    text = os.fspath(path)
    if not text.strip():
        raise SafetyError("the database path is empty")
    real = os.path.realpath(text)
    if os.path.isdir(real):
        raise SafetyError(f"{text} is a directory, not a database file")
    if os.path.exists(real) and not os.path.isfile(real):
        raise SafetyError(f"{text} is not a regular file")
    if os.path.exists(real) and not os.access(real, os.R_OK):
        raise SafetyError(f"{text}: permission denied")
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise SafetyError(f"{text}: the directory {folder} does not exist")
    return real


@contextlib.contextmanager
def lock(path):
    """Hold the catalogue's write lock, or fail at once with who holds it.

    flock() locks die with their process (and its forked children drop their copy,
    see _HELD), so a killed run never leaves it stuck.
    """
    lock_path = path + LOCK_SUFFIX
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise SafetyError(f"cannot create the lock file {lock_path}: {error.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            raise Busy(f"another harvest is writing {path}{holder}; wait for it to finish") from None
        _HELD.add(fd)
        os.ftruncate(fd, 0)
        started = datetime.datetime.now().isoformat(timespec="seconds")
        os.write(fd, f"pid {os.getpid()} since {started}\n".encode())
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)


def _holder(fd) -> str:
    """' (pid N since T)' from the lock file, when it says."""
    text = os.pread(fd, 200, 0).decode("ascii", "replace").strip()
    return f" ({text})" if re.fullmatch(r"pid \d+ since [\dT:-]+", text) else ""


@contextlib.contextmanager
def working_copy(path, resumable=False):
    """Yield the path of a working copy of the catalogue; it replaces the catalogue
    only when the block ends without an exception.

    A resumable run (a live harvest, which commits batch by batch) leaves its working
    copy behind when it fails or is killed, and the next resumable run carries on
    from it as long as the catalogue has not changed since. Any other run starts
    from a fresh copy.
    """
    real = real_path(path)
    work = real + WORK_SUFFIX
    with lock(real):
        before = _identity(real)
        if not (resumable and _resumable(work, before)):
            discard(work)  # left by a run that was killed
            try:
                before = copy_catalogue(real, work)
                _write_base(work, before)
            except BaseException:
                discard(work)
                raise
        try:
            yield work
        except BaseException:
            if not resumable:
                discard(work)
            raise
        try:
            finish(work)
            swap(work, real, before)
        finally:
            discard(work)


def _write_base(work, identity):
    """Record what the working copy was copied from; written last, so it means 'complete'."""
    with open(work + BASE_SUFFIX, "w") as f:
        json.dump(identity, f)
        f.flush()
        os.fsync(f.fileno())


def _resumable(work, before) -> bool:
    """A working copy left by a killed run, made from the catalogue as it still is, and sound."""
    try:
        with open(work + BASE_SUFFIX) as f:
            base = json.load(f)
        if not os.path.isfile(work) or base != json.loads(json.dumps(before)):
            return False
        conn = sqlite3.connect(work)  # rolls back the killed run's last, unfinished transaction
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except (OSError, ValueError, sqlite3.Error):
        return False


def copy_catalogue(real, work):
    """Copy the catalogue (if any) to the working file; returns its identity for swap()."""
    if not os.path.exists(real) or os.path.getsize(real) == 0:
        return _identity(real)
    try:
        source = sqlite3.connect(real)
        try:
            _require_catalogue(source, real)
            if source.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            target = sqlite3.connect(work)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise SafetyError(copy_error(real, error)) from None
    _copy_mode(real, work)
    return _identity(real)


# SQLite's codes for a write that failed. During the copy only the working copy is written:
# a full disk, a quota or a file size limit is no fault of the catalogue's.
WRITE_ERRORS = {"SQLITE_FULL", "SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_TRUNCATE"}


def copy_error(real, error) -> str:
    """Why the copy failed: the catalogue could not be read, or its copy not be written."""
    # sqlite_errorname is new in Python 3.11; before, only the message tells a full disk.
    if getattr(error, "sqlite_errorname", None) in WRITE_ERRORS or "disk is full" in str(error):
        hint = "" if "full" in str(error) else "; is the disk full?"
        return f"cannot write the working copy beside {real} ({error}{hint}); the catalogue is unchanged"
    return f"cannot read {real} as a SQLite catalogue: {error}"


def _require_catalogue(conn, path):
    """Refuse to add catalogue tables to some other SQLite database."""
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    if tables and "harvest_runs" not in tables:
        raise SafetyError(f"{path} is a SQLite database but not a catalogue (no harvest_runs table)")


def _copy_mode(real, work):
    try:
        os.chmod(work, os.stat(real).st_mode & 0o7777)
    except OSError:
        pass  # keep the default mode: the data matter more than the bits


def finish(work):
    """Check the working copy and flush it to disk, or raise SafetyError."""
    try:
        conn = sqlite3.connect(work)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise SafetyError(f"the new catalogue fails its integrity check ({problems[0]}); "
                                  "the previous catalogue is unchanged")
            for name in full_text_tables(conn):
                try:
                    check_full_text(conn, name)
                except sqlite3.DatabaseError as error:
                    raise SafetyError(f"the new catalogue's full-text index {name} does not match its "
                                      f"table ({error}); the previous catalogue is unchanged") from None
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise SafetyError(f"the new catalogue fails its checks ({error}); "
                          "the previous catalogue is unchanged") from None
    _fsync(work)


def full_text_tables(conn) -> dict:
    """Name -> FTS version of every full-text table."""
    rows = conn.execute("select name, sql from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'")
    found = {}
    for name, sql in rows:
        match = re.search(r"USING\s+(fts[345])\b", sql, re.IGNORECASE)
        if match:
            found[name] = match.group(1).lower()
    return found


def check_full_text(conn, name):
    """Raise sqlite3.DatabaseError unless the index matches its content table."""
    version = full_text_tables(conn)[name]
    quoted = '"%s"' % name.replace('"', '""')
    if version == "fts5":
        conn.execute(f"insert into {quoted}({quoted}, rank) values ('integrity-check', 1)")
    else:
        conn.execute(f"insert into {quoted}({quoted}) values ('integrity-check')")
    conn.rollback()


def swap(work, real, before):
    """Rename the checked working copy over the catalogue."""
    if _identity(real) != before:
        raise SafetyError(f"{real} was changed by another program during this run; it is left as it was")
    journal = real + "-journal"
    if os.path.exists(journal) and os.path.getsize(journal) > 0:
        raise SafetyError(f"{journal} shows a write in progress elsewhere; {real} is left as it was")
    # A leftover journal or WAL of the old file would be replayed into the new one.
    for suffix in SIDECARS:
        _remove(real + suffix)
    os.replace(work, real)
    _fsync(os.path.dirname(real))


def file_identity(path):
    """What changes when a new file is swapped in at path (or written in place)."""
    try:
        s = os.stat(path)
    except OSError:
        return None
    return s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns


def _identity(path):
    """What tells a catalogue apart from its next version: its file's identity and its WAL's."""
    return file_identity(path), file_identity(path + "-wal")


def discard(work):
    """Remove a working copy, its journal and its note of where it came from."""
    for suffix in ("", BASE_SUFFIX) + SIDECARS:
        _remove(work + suffix)


def _remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _fsync(path):
    """Flush a file, or a folder's entries, to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
