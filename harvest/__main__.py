from harvest.cli import cli

cli(prog_name="python -m harvest")
