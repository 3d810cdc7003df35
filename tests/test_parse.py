"""Parsing PubMed XML on real NLM records from the offline sample, and on small fixtures for quirks."""

import io

import pytest

from harvest import parse, read
from harvest.record import author_string
from tests.conftest import FIXTURES, article_set, real_record_xml


def items(data: bytes, needles=None):
    return list(read.iter_xml(io.BytesIO(data), needles))


def test_troches_record(real_record):
    record = real_record(34092024)
    assert record["title"].startswith("Long Term Safety and Efficacy of Sub-Lingual Ketamine Troches")
    assert record["journal_iso"] == "Intern Med J"
    assert record["doi"] == "10.1111/imj.15404"
    assert record["pub_date"] == "2021-06-06"
    assert record["created_date"] == "2021-06-06" and record["entrez_date"] == "2021-06-07"
    assert record["mesh"] == []  # not indexed yet, like most 2021 records
    assert record["authors"][0]["orcid"] == "0000-0003-3048-8046"
    assert record["authors"][0]["affiliations"][0].startswith("Pain Management Centre")
    assert {k["keyword"] for k in record["keywords"]} >= {"lozenges", "Ketamine"}


def test_structured_abstract_keeps_labels(real_record):
    record = real_record(34092024)
    assert record["abstract"].startswith("INTRODUCTION: Chronic non-malignant pain")
    labels = [s["label"] for s in record["abstract_sections"]]
    assert labels[0] == "INTRODUCTION" and len(labels) > 2
    assert "\n\n" in record["abstract"]


def test_inline_markup_keeps_its_text(real_record):
    record = real_record(34092205)  # Ca<sup>2+</sup> and MathML in the abstract
    assert "Ca2+" in record["abstract"]
    assert "<" not in record["abstract"]


def test_latest_version_wins_within_the_sample(sample_files):
    record = parse.parse_record(real_record_xml(sample_files, 30271887))
    assert record["pmid_version"] == 4


def test_text_escaped_twice_reads_as_written(real_record):
    # the XML holds "&amp;#945;" and "P&amp;lt;0.05": the publisher escaped the characters before NLM did
    assert "with α- glucosidase" in real_record(31808390)["title"]
    abstract = real_record(31845223)["abstract"]
    assert "(P<0.05)" in abstract and "&lt;" not in abstract and "&" not in abstract


def test_mesh_headings_with_qualifiers(real_record):
    record = real_record(423962)
    assert record["mesh"], "a 1979 MEDLINE record is indexed"
    heading = record["mesh"][0]
    assert heading["descriptor_ui"].startswith("D") and heading["descriptor"]
    assert all(isinstance(q["major_topic"], bool) for m in record["mesh"] for q in m["qualifiers"])


def test_retraction_link(real_record):
    record = real_record(423962)
    assert {"ref_type": "RetractionIn", "ref_pmid": 7350521,
            "ref_source": "Nature. 1980 Jan 3;283(5742):111"} in record["comments_corrections"]


@pytest.mark.parametrize("pmid, year, month, printed", [
    (399335, 1979, None, "1979 Summer"),   # Season
    (399340, 1979, 9, "1979 Sep-Oct"),     # MedlineDate
    (399296, 1979, 6, "1979 Jun"),         # month name
    (31385538, 2021, 6, "2021 Jun"),       # month number
])
def test_publication_dates(real_record, pmid, year, month, printed):
    record = real_record(pmid)
    assert (record["pub_year"], record["pub_month"]) == (year, month)
    assert record["pub_date_text"].startswith(printed)
    assert record["pub_date"].startswith(str(year))


# Excerpt of a real NCBI record: PMID 32437181 as EFetch returned it (kept in the
# metapub 0.7.5 sdist, tests/fixtures/pmid_xml/32437181.xml); the offline sample has
# seasons such as 'Spring' only, never a range of months.
SEASON_RANGE_XML = (
    b'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM" IndexingMethod="Manual">'
    b'<PMID Version="1">32437181</PMID><Article PubModel="Print-Electronic"><Journal>'
    b'<ISSN IssnType="Electronic">1935-990X</ISSN><JournalIssue CitedMedium="Internet">'
    b"<Volume>75</Volume><Issue>5</Issue><PubDate><Year>2020</Year><Season>Jul-Aug</Season>"
    b"</PubDate></JournalIssue><Title>The American psychologist</Title>"
    b"<ISOAbbreviation>Am Psychol</ISOAbbreviation></Journal><ArticleTitle>Risk and resilience"
    b" in family well-being during the COVID-19 pandemic.</ArticleTitle></Article>"
    b"</MedlineCitation></PubmedArticle>"
)


def test_season_that_is_a_range_of_months_gives_its_first_month(tmp_path):
    (kind, record), = [i for i in items(article_set(SEASON_RANGE_XML)) if i[0] == "record"]
    assert (record["pub_year"], record["pub_month"], record["pub_day"]) == (2020, 7, None)
    assert record["pub_date"] == "2020-07" and record["pub_date_text"] == "2020 Jul-Aug"
    # The same record's DP as PubMed's MEDLINE format prints it gives the same month,
    # as does a range across years (a MedlineDate form, '1998 Dec-1999 Jan').
    path = tmp_path / "season.txt"
    path.write_text("PMID- 32437181\nDP  - 2020 Jul-Aug\nTI  - Risk and resilience.\n\n"
                    "PMID- 10000001\nDP  - 1998 Dec-1999 Jan\nTI  - Range across years.\n")
    records = [v for k, v in read.iter_file(path) if k == "record"]
    assert [(r["pub_month"], r["pub_date"]) for r in records] == [(7, "2020-07"), (12, "1998-12")]


def test_collective_name_authors(real_record):
    record = real_record(33049103)
    assert record["authors"][-1]["collective_name"] == "Executive of ACPGBI"
    assert author_string(record["authors"]) == "Brown SR, Shorthouse AJ, Finan PJ, Executive of ACPGBI"


def test_pmcid_and_doi(real_record):
    record = real_record(33496988)
    assert record["pmcid"] == "PMC7995373"
    assert record["doi"] == "10.1111/jvim.16034"


def test_book_article():
    (kind, record), = [i for i in items((FIXTURES / "book-fixture.xml").read_bytes()) if i[0] == "record"]
    assert record["record_type"] == "book"
    assert record["title"] == "Fixture chapter: ketamine in vitro"
    assert record["book_title"] == "Fixture Handbook of Pain"
    assert record["publisher"] == "Fixture Press"
    assert record["pub_date"] == "2020-03"


def test_databank_accession_numbers_from_real_xml(real_record):
    record = real_record(34086266)
    assert record["databanks"] == [{"name": "ClinicalTrials.gov", "accessions": ["NCT04447131"]}]
    assert real_record(34092024)["databanks"] == []


def test_a_broken_reference_list_costs_only_the_references(real_record):
    xml = b"<PubmedArticle><ReferenceList><Reference><Citation>x</Citation></ReferenceList></PubmedArticle>"
    assert parse.references(xml) == []
