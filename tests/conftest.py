"""Shared fixtures: the real offline sample and records cut from it."""

import re
import subprocess
from pathlib import Path

import pytest
import sqlite_utils

from harvest import load, parse

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sample"
SAMPLE_FILES = [SAMPLE_DIR / "pubmed20n0014.xml.gz", SAMPLE_DIR / "pubmed21n1298.xml.gz"]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_files():
    """The two real NLM files, fetched by `make sample` when missing."""
    if not all(p.exists() for p in SAMPLE_FILES):
        subprocess.run(["make", "-C", str(ROOT), "sample"], check=True)
    return SAMPLE_FILES


_cache = {}


def real_record_xml(sample_files, pmid: int) -> bytes:
    """The raw XML of the latest version of a real sample record."""
    if pmid not in _cache:
        _cache[pmid] = _find_in_sample(sample_files, pmid)
    return _cache[pmid]


def _find_in_sample(sample_files, pmid):
    needle = re.compile(rb'<PMID Version="\d+">%d</PMID>' % pmid)
    found = None
    for path in sample_files:
        with parse.open_input(path) as stream:
            for block in parse.iter_blocks(stream):
                for match in needle.finditer(block):
                    start = block.rfind(b"<PubmedArticle>", 0, match.start())
                    end = block.find(b"</PubmedArticle>", match.start()) + len(b"</PubmedArticle>")
                    chunk = block[start:end]
                    if re.search(rb"<MedlineCitation[^>]*>\s*" + needle.pattern, chunk):
                        found = chunk  # later versions and later files win
    assert found, f"PMID {pmid} is not in the sample"
    return found


@pytest.fixture(scope="session")
def real_record(sample_files):
    """Parse a real sample record by PMID."""
    return lambda pmid: parse.parse_record(real_record_xml(sample_files, pmid))


@pytest.fixture
def db(tmp_path):
    """A fresh catalogue in a temporary file."""
    return load.open_db(tmp_path / "catalogue.db")


def article_set(*records: bytes) -> bytes:
    """Wrap record XML into a PubmedArticleSet document as NCBI ships it."""
    return (b'<?xml version="1.0" encoding="utf-8"?>\n'
            b'<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
            b'"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
            b"<PubmedArticleSet>\n" + b"\n".join(records) + b"\n</PubmedArticleSet>\n")
