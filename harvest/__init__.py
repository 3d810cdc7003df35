"""Harvest PubMed records on ketamine and pain into a SQLite catalogue."""

__version__ = "0.1.0"
