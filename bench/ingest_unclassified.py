"""A diagnostic side for make bench: `harvest files` with the classifier switched off.

Set beside the real ingest, it shows how much of a full ingest the classifier costs.
"""

import sys

from harvest import cli, load

if __name__ == "__main__":
    load.CLASSIFYING = False
    cli.cli(sys.argv[1:], prog_name="harvest")
