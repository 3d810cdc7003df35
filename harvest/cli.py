"""Command line: python -m harvest COMMAND ... (docs/harvesting.md explains each command).

Every command that writes takes the catalogue's lock and works on a copy that
replaces the catalogue only when the command succeeds (harvest.safety), so an
error, Ctrl-C or a kill leaves the catalogue as it was. Errors are one line.
"""

import contextlib
import datetime
import functools
import logging
import os
import signal
import sqlite3
import sys
import threading

import click

from harvest import __version__, eutils, files, load, safety
from harvest.messages import one_line

log = logging.getLogger(__name__)
# Rejected records listed one per line before the summary; the rest are counted.
MAX_LISTED = 50


def show_progress(quiet: bool) -> bool:
    """Progress bars only on a terminal, never under CI or --quiet."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


def open_catalogue(path):
    """Open the catalogue database, turning unusable paths into one-line errors."""
    if os.path.isdir(path):
        raise click.ClickException(f"{path} is a directory, not a database file")
    try:
        return load.open_db(path)
    except Exception as error:  # sqlite3.DatabaseError and friends: report, don't trace
        raise click.ClickException(one_line(f"cannot open {path} as a catalogue: {error}"))


@contextlib.contextmanager
def writing(db_path, resumable=False):
    """Yield the path of a working copy of the catalogue, under the lock; it replaces
    the catalogue only if the block ends without an exception (safety.working_copy)."""
    in_block = False
    try:
        with safety.working_copy(db_path, resumable) as work:
            in_block = True
            yield work
            in_block = False
    except safety.SafetyError as error:
        raise click.ClickException(one_line(error))
    except sqlite3.Error as error:  # the working copy or the swap: about the catalogue either way
        raise click.ClickException(one_line(f"{db_path}: {error}; the catalogue is unchanged"))
    except OSError as error:
        if in_block:
            raise  # the command's own (a network error, say): reported as unexpected
        raise click.ClickException(one_line(
            f"{db_path}: {error.strerror or error}; the catalogue is unchanged"))


@contextlib.contextmanager
def writing_db(db_path):
    """Like writing(), but yield the working copy opened as a catalogue."""
    with writing(db_path) as work:
        try:
            db = load.open_db(work)
        except sqlite3.Error as error:
            raise click.ClickException(one_line(f"cannot open {db_path} as a catalogue: {error}"))
        # The working copy is thrown away if the run dies, so it needs no journal on disk.
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA journal_mode=MEMORY")
        try:
            yield db
        finally:
            db.close()


def guard_writes(command, validate=None, resumable=False):
    """Give a registered command the lock and the working copy: its callback gets the
    working copy's path as db_path. A command that finishes by calling sys.exit()
    (a harvest that completed only in part) still has its work kept."""
    callback = command.callback

    @functools.wraps(callback)
    def guarded(*args, db_path, **kwargs):
        if validate:
            validate(**kwargs)
        status = None
        with writing(db_path, resumable) as work:
            try:
                callback(*args, db_path=work, **kwargs)
            except SystemExit as exit_:
                status = exit_
            close_interrupted_runs(work)
        if status is not None:
            raise status

    command.callback = guarded
    return command


def close_interrupted_runs(path):
    """Runs still 'running' once a command has finished were killed; a resumed run carried on their work."""
    conn = sqlite3.connect(path)
    try:
        if conn.execute("select 1 from sqlite_master where name = 'harvest_runs'").fetchone():
            with conn:
                conn.execute("update harvest_runs set status = 'incomplete', message = "
                             "'interrupted; a later run resumed its work' where status = 'running'")
    finally:
        conn.close()


class Terminated(BaseException):
    """SIGTERM in the main process. Not an Exception, so that nothing handles it as
    a bad record or input: like Ctrl-C, it unwinds every with-block on its way out."""


def stop_on_sigterm(ctx):
    """Let SIGTERM (kill, systemd, a CI timeout) end a command as Ctrl-C does.

    Left to its default, SIGTERM kills this process at once: its working copy stays
    behind and its worker processes, orphaned, wait for work forever, holding the
    output pipe open. Raised as an exception, the pool is shut down and the working
    copy removed. A child forked with this handler still dies as SIGTERM says; the
    worker pool's processes set their own (harvest.files._worker_start).
    """
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set there (a test runner's thread, say)
    main = os.getpid()

    def handler(signum, frame):
        if os.getpid() != main:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, previous))


def terminated_error() -> click.ClickException:
    """The one line for a command stopped by SIGTERM, with the shell's status for it."""
    error = click.ClickException("terminated by SIGTERM before the command finished")
    error.exit_code = 128 + signal.SIGTERM
    return error


def stopped_by(error):
    """The Ctrl-C or SIGTERM an error was raised while unwinding from, if any.

    A stop signal can arrive anywhere, even while a worker pool starts, and the
    clean-up on its way out then fails with an error of its own.
    """
    while error is not None:
        if isinstance(error, (KeyboardInterrupt, Terminated)):
            return error
        error = error.__context__
    return None


class Commands(click.Group):
    """A click group whose commands end in a one-line error, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Abort,
                click.exceptions.Exit, KeyboardInterrupt):
            raise
        except Terminated:
            raise terminated_error() from None
        except Exception as error:
            stop = stopped_by(error)
            if stop is not None:  # cleaning up after Ctrl-C or SIGTERM failed in its turn: say why it stopped
                raise terminated_error() if isinstance(stop, Terminated) else click.exceptions.Abort() from None
            log.debug("unexpected error", exc_info=True)
            raise click.ClickException(one_line(
                f"unexpected {type(error).__name__}: {error} (run with -v for details)"))


# Paths are checked by the commands themselves (check_inputs, safety.real_path): click's
# readability check would end in a usage message and status 2, not one line.
db_option = click.option("--db", "db_path", default="catalogue.db", show_default=True,
                         type=click.Path(dir_okay=True, readable=False), help="Catalogue database file")
quiet_option = click.option("--quiet", is_flag=True, help="No progress bar")


@click.group(cls=Commands)
@click.version_option(__version__)
@click.option("-v", "--verbose", is_flag=True, help="Log every request and batch")
@click.pass_context
def cli(ctx, verbose):
    """Harvest PubMed records on ketamine and pain into a SQLite catalogue."""
    stop_on_sigterm(ctx)
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@cli.command(name="files")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@db_option
@click.option("--all", "keep_all", is_flag=True, help="Keep every record, not only ketamine and pain")
@quiet_option
def files_command(paths, db_path, keep_all, quiet):
    """Load PubMed XML (.xml, .xml.gz) or MEDLINE text files into the catalogue."""
    check_inputs(paths, db_path)
    with writing_db(db_path) as db:
        run_id = load.start_run(db, "files", files=[os.path.basename(p) for p in paths],
                                query=None if keep_all else "scope: ketamine AND pain")
        try:
            run = files.ingest_files(db, paths, run_id, keep_all, show_progress(quiet))
        except files.InputError as error:
            raise click.ClickException(one_line(f"{error}; {db_path} is unchanged"))
        load.finish_run(db, run_id, run.as_dict(), "incomplete" if run.rejected else "complete")
    report_rejections(run.rejections)
    click.echo(run.summary(), err=True)
    if run.rejected:
        sys.exit(1)


def check_inputs(paths, db_path):
    """Refuse inputs that are missing, unreadable, directories, or the catalogue itself."""
    for path in paths:
        try:
            os.stat(path)
        except OSError as error:  # not only missing: a symlink loop, a folder we may not enter
            raise click.ClickException(one_line(f"{path}: {stat_error(error)}"))
        if os.path.isdir(path):
            raise click.ClickException(one_line(f"{path} is a directory; name the files in it"))
        if not os.access(path, os.R_OK):
            raise click.ClickException(one_line(f"{path}: permission denied"))
        if os.path.exists(db_path) and os.path.samefile(path, db_path):
            raise click.ClickException(one_line(f"{path} is the catalogue itself, not an input"))


def stat_error(error) -> str:
    """Why a path cannot be looked at, in the words the other checks use."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    return (error.strerror or str(error)).lower()


def report_rejections(rejections):
    """One line per rejected record (up to MAX_LISTED), then how many more."""
    for name, where, why in rejections[:MAX_LISTED]:
        click.echo(one_line(f"rejected: {name} {where}: {why}"), err=True)
    if len(rejections) > MAX_LISTED:
        click.echo(f"rejected: {len(rejections) - MAX_LISTED} more not listed", err=True)


@cli.command(name="classify")
@db_option
def classify_command(db_path):
    """Classify and read every stored record again with the current rules and patterns (offline)."""
    if not os.path.isfile(db_path):
        raise click.ClickException(one_line(f"no catalogue at {db_path}; load one with 'files' or 'pubmed'"))
    with writing_db(db_path) as db:
        count = load.reclassify(db)
    click.echo(f"classified {count} records", err=True)


# ---------------------------------------------------------------- live harvest


def validate_pubmed(topics=(), query=None, since=None, **_):
    """Refuse option values and settings that make no sense before any work starts: the catalogue is copied to
    work in only then."""
    from harvest import live

    if query is not None and not query.strip():
        raise click.ClickException("--query is empty")
    try:
        since_date = live.parse_since(since)
        known = [t.name for t in live.load_topics()]
    except live.LiveError as error:
        raise click.ClickException(one_line(error))
    unknown = [name for name in topics if name not in known]
    if unknown:
        raise click.ClickException(one_line(
            f"unknown topic(s) {', '.join(unknown)}; known: {', '.join(known)}"))
    if since_date and since_date > (datetime.date.today() + datetime.timedelta(days=1)).strftime("%Y/%m/%d"):
        raise click.ClickException(one_line(f"--since {since} is in the future"))
    try:
        eutils.settings_from_env()
    except eutils.EUtilsError as error:
        raise click.ClickException(one_line(error))


@cli.command(name="pubmed")
@click.option("--topic", "topics", multiple=True, metavar="NAME",
              help="Harvest this topic of harvest/topics.yml (repeatable)")
@click.option("--query", help="Harvest an ad-hoc PubMed query as well")
@db_option
@click.option("--since", metavar="YYYY/MM/DD",
              help="Refetch records revised since this date (default: the last complete run)")
@click.option("--accept-phrases-not-found", is_flag=True,
              help="Harvest --query even when PubMed reports phrases of it that it did not find "
                   "(it then searches without them)")
@quiet_option
def pubmed_command(topics, query, db_path, since, accept_phrases_not_found, quiet):
    """Harvest PubMed live through E-utilities (every topic unless --topic or --query)."""
    from harvest import live

    db = open_catalogue(db_path)
    # Passed only when given, so the call stays the five arguments harvest_pubmed began with.
    options = {"accept_phrases_not_found": True} if accept_phrases_not_found else {}
    try:
        outcomes, planned = live.harvest_pubmed(db, topics, query, since, show_progress(quiet), **options)
    except (live.LiveError, eutils.EUtilsError) as error:
        raise click.ClickException(one_line(error))
    except KeyboardInterrupt:
        # Instead of click's bare "Aborted!": what happened to the work so far.
        raise click.ClickException("pubmed: interrupted; the catalogue is unchanged and the "
                                   "next run resumes where this one stopped") from None
    click.echo(live.summary(outcomes, planned), err=True)
    if not live.all_complete(outcomes, planned):
        sys.exit(1)


# The lock and the working copy; a killed harvest resumes from its working copy.
guard_writes(pubmed_command, validate=validate_pubmed, resumable=True)


@cli.command(name="ping")
def ping_command():
    """Check that E-utilities answer at EUTILS_BASE_URL (NCBI_EMAIL must be set)."""
    try:
        client = eutils.EUtils.from_env(max_tries=2, timeout=(5, 10))
    except eutils.EUtilsError as error:  # configuration (NCBI_EMAIL, EUTILS_BASE_URL): nothing was asked
        raise click.ClickException(one_line(f"E-utilities not asked: {error}"))
    try:
        client.ping()
    except eutils.EUtilsError as error:
        raise click.ClickException(one_line(f"E-utilities do not answer: {error}"))
    click.echo(f"E-utilities answer at {client.base_url}", err=True)
