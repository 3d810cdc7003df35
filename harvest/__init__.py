"""Harvest PubMed records on ketamine and pain into a SQLite catalogue."""

__version__ = "0.1.0"


def read_yaml(path):
    """Read one of the package's data files (rules, scope, topics) safely.

    PyYAML's C loader, where it was built with libyaml, reads rules.yml ten times
    faster than the pure-Python one, and every command start reads it.
    """
    import pathlib

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(pathlib.Path(path).read_text(encoding="utf-8"), Loader=loader)
