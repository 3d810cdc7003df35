"""The live commands: `pubmed` harvests through E-utilities (see harvest.live), `ping` checks them."""

import sys

import click

from harvest import live
from harvest.eutils import EUtils, EUtilsError


def add_pubmed_command(group):
    """Register `pubmed` on the click group (the cli module's helpers are read late)."""
    from harvest import cli as cli_module

    @group.command(name="pubmed")
    @click.option("--topic", "topics", multiple=True, metavar="NAME",
                  help="Harvest this topic of harvest/topics.yml (repeatable)")
    @click.option("--query", help="Harvest an ad-hoc PubMed query as well")
    @cli_module.db_option
    @click.option("--since", metavar="YYYY/MM/DD",
                  help="Refetch records revised since this date (default: the last complete run)")
    @cli_module.quiet_option
    def pubmed_command(topics, query, db_path, since, quiet):
        """Harvest PubMed live through E-utilities (every topic unless --topic or --query)."""
        db = cli_module.open_catalogue(db_path)
        try:
            outcomes, planned = live.harvest_pubmed(
                db, topics, query, since, cli_module.show_progress(quiet))
        except (live.LiveError, EUtilsError) as error:
            raise click.ClickException(str(error))
        click.echo(live.summary(outcomes, planned), err=True)
        if not live.all_complete(outcomes, planned):
            sys.exit(1)

    return pubmed_command


def add_ping_command(group):
    """Register `ping`: exit 0 when E-utilities answer (make catalogue asks first)."""

    @group.command(name="ping")
    def ping_command():
        """Check that E-utilities answer at EUTILS_BASE_URL (NCBI_EMAIL must be set)."""
        try:
            client = EUtils.from_env(max_tries=2, timeout=(5, 10))
            client.ping()
        except EUtilsError as error:
            raise click.ClickException(f"E-utilities do not answer: {error}")
        click.echo(f"E-utilities answer at {client.base_url}", err=True)

    return ping_command


def add_live_commands(group):
    """Register every command of a live harvest: `pubmed` and `ping`."""
    add_pubmed_command(group)
    add_ping_command(group)
