"""A diagnostic side for make bench: `harvest files` with extraction switched off (classification on).

Set beside the real ingest, it shows what reading each record's study out costs a full build.
"""

import sys

from harvest import cli, load

if __name__ == "__main__":
    load.EXTRACTING = False
    cli.cli(sys.argv[1:], prog_name="harvest")
