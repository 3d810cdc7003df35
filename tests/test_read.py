"""Reading inputs: records cut from whole files and answers, deletions counted, bad records and inputs refused."""

import gzip
import io

import pytest

from harvest import read
from tests.conftest import article_set, real_record_xml


def items(data: bytes, needles=None):
    return list(read.iter_xml(io.BytesIO(data), needles))


def test_delete_citation_and_counts(sample_files):
    xml = article_set(real_record_xml(sample_files, 34092024),
                      b"<DeleteCitation><PMID Version=\"1\">111</PMID><PMID Version=\"1\">222</PMID></DeleteCitation>")
    found = items(xml)
    assert ("deleted", [111, 222]) in found
    assert sum(v for k, v in found if k == "read") == 1


def test_malformed_record_is_rejected_and_neighbours_survive(sample_files):
    good = real_record_xml(sample_files, 34092024)
    bad = good.replace(b"</ArticleTitle>", b"</ArticleTitl>", 1)
    found = items(article_set(good, bad, real_record_xml(sample_files, 34062414)))
    assert [v["pmid"] for k, v in found if k == "record"] == [34092024, 34062414]
    (where, why), = [v for k, v in found if k == "rejected"]
    assert where.startswith("record 2") and "ArticleTitl" in why


def test_truncated_input_reports_the_cut_record(sample_files):
    xml = article_set(real_record_xml(sample_files, 34092024), real_record_xml(sample_files, 34062414))
    found = items(xml[: len(xml) - 3000])
    assert [v["pmid"] for k, v in found if k == "record"] == [34092024]
    assert any(k == "rejected" and "truncated" in v[1] for k, v in found)


def test_needles_skip_records_without_them(sample_files):
    xml = article_set(real_record_xml(sample_files, 34092024), real_record_xml(sample_files, 399335))
    found = items(xml, needles=[b"ketamin", b"Ketamin"])
    assert [v["pmid"] for k, v in found if k == "record"] == [34092024]
    assert sum(v for k, v in found if k == "read") == 2


def test_no_dtd_or_entity_is_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xml = (b'<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "file://%s">]>'
           b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version=\"1\">5</PMID>"
           b"<Article><ArticleTitle>&x;</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
           b"</PubmedArticleSet>" % str(secret).encode())
    found = items(xml)
    assert not any("TOP SECRET" in str(v) for k, v in found)


@pytest.mark.parametrize("head, message", [
    (b"<?xml version='1.0'?><eSearchResult><Count>1</Count></eSearchResult>", "eSearchResult"),
    (b"<html><body>WWW Error 500 Diagnostic</body></html>", "html"),
    (b"just some text", "neither"),
])
def test_other_inputs_are_refused(head, message):
    with pytest.raises(read.ParseError, match=message):
        read.sniff_format(head)


def test_gzip_is_judged_by_content(tmp_path, sample_files):
    path = tmp_path / "looks-plain.xml"
    path.write_bytes(gzip.compress(article_set(real_record_xml(sample_files, 34092024))))
    assert [v["pmid"] for k, v in read.iter_file(path) if k == "record"] == [34092024]
