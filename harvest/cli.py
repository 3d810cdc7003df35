"""Command line: python -m harvest COMMAND ... (see README.md for each command)."""

import logging
import os
import sys

import click

from harvest import __version__, files, load


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
        raise click.ClickException(f"cannot open {path} as a catalogue: {error}")


db_option = click.option("--db", "db_path", default="catalogue.db", show_default=True,
                         type=click.Path(dir_okay=True), help="Catalogue database file")
quiet_option = click.option("--quiet", is_flag=True, help="No progress bar")


@click.group()
@click.version_option(__version__)
@click.option("-v", "--verbose", is_flag=True, help="Log every request and batch")
def cli(verbose):
    """Harvest PubMed records on ketamine and pain into a SQLite catalogue."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@cli.command(name="files")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--all", "keep_all", is_flag=True, help="Keep every record, not only ketamine and pain")
@quiet_option
def files_command(paths, db_path, keep_all, quiet):
    """Load PubMed XML (.xml, .xml.gz) or MEDLINE text files into the catalogue."""
    db = open_catalogue(db_path)
    run_id = load.start_run(db, "files", files=[os.path.basename(p) for p in paths],
                            query=None if keep_all else "scope: ketamine AND pain")
    try:
        run = files.ingest_files(db, paths, run_id, keep_all, show_progress(quiet))
    except files.InputError as error:
        load.finish_run(db, run_id, {}, "failed", str(error))
        raise click.ClickException(str(error))
    load.finish_run(db, run_id, run.as_dict(), "incomplete" if run.rejected else "complete")
    for name, where, why in run.rejections:
        click.echo(f"rejected: {name} {where}: {why}", err=True)
    click.echo(run.summary(), err=True)
    if run.rejected:
        sys.exit(1)


@cli.command(name="classify")
@db_option
def classify_command(db_path):
    """Classify every stored record again with the current rules (offline)."""
    db = open_catalogue(db_path)
    count = load.reclassify(db)
    click.echo(f"classified {count} records", err=True)
