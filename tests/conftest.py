"""Shared fixtures: the real offline sample and records cut from it."""

import re
import subprocess
from pathlib import Path

import pytest

from harvest import load, parse, read

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


# Real records the tests use, cut from the sample in one pass; others cost a pass each.
COMMON_PMIDS = {
    34092024, 34062414, 33962333, 34093963, 34092549, 34091932, 34089140, 30271887, 423962,
    33049103, 33496988, 34092205, 399335, 399340, 399296, 31385538,
    403562, 399444, 400626, 34019425, 399525, 421880, 33245788, 33217152, 34095938, 400628, 399321, 399306, 399498,
    27602157, 34093767,  # a retracted article and its retraction notice
}
_cache = {}


def real_record_xml(sample_files, pmid: int) -> bytes:
    """The raw XML of the latest version of a real sample record."""
    if pmid not in _cache:
        _cache.update(find_in_sample(sample_files, COMMON_PMIDS | {pmid}))
    assert pmid in _cache, f"PMID {pmid} is not in the sample"
    return _cache[pmid]


def find_in_sample(sample_files, pmids) -> dict:
    """Raw XML per PMID; later versions and later files win, as in a real load."""
    own_pmid = re.compile(rb'<MedlineCitation[^>]*>\s*<PMID Version="\d+">(\d+)</PMID>')
    found = {}
    for path in sample_files:
        with read.open_input(path) as stream:
            for block in read.iter_blocks(stream):
                for match in own_pmid.finditer(block):
                    if int(match.group(1)) in pmids:
                        start = block.rfind(b"<PubmedArticle>", 0, match.start())
                        end = block.find(b"</PubmedArticle>", match.start()) + len(b"</PubmedArticle>")
                        found[int(match.group(1))] = block[start:end]
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


@pytest.fixture
def standin():
    """An E-utilities stand-in on 127.0.0.1 (tests/eutils_standin.py)."""
    from eutils_standin import StandIn

    server = StandIn()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sample_db(sample_files, tmp_path_factory):
    """The sample catalogue: the in-scope real records, as `harvest files` builds it. Read only."""
    from click.testing import CliRunner

    from harvest.cli import cli

    path = tmp_path_factory.mktemp("site") / "catalogue.db"
    result = CliRunner().invoke(cli, ["files", *map(str, sample_files), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def pytest_terminal_summary(terminalreporter):
    """Show the classifier's precision and recall table whenever the accuracy test ran."""
    report = ROOT / "build" / "classifier-accuracy.md"
    ran = any(r.nodeid.startswith("tests/test_classifier_accuracy.py")
              for r in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []))
    if ran and report.exists():
        terminalreporter.write_sep("-", "classifier accuracy on the labelled set (build/classifier-accuracy.md)")
        terminalreporter.write_line(report.read_text().split("\n## ")[0].strip())
