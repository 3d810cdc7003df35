"""Parsing on real NLM records from the offline sample, and on small fixtures for quirks."""

import gzip
import io

import pytest

from harvest import classify, parse
from tests.conftest import FIXTURES, article_set, real_record_xml


def items(data: bytes, needles=None):
    return list(parse.iter_xml(io.BytesIO(data), needles))


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
    medline = [v for k, v in parse.iter_file(path) if k == "record"]
    assert [(r["pub_month"], r["pub_date"]) for r in medline] == [(7, "2020-07"), (12, "1998-12")]


def test_collective_name_authors(real_record):
    record = real_record(33049103)
    assert record["authors"][-1]["collective_name"] == "Executive of ACPGBI"
    assert parse.author_string(record["authors"]) == "Brown SR, Shorthouse AJ, Finan PJ, Executive of ACPGBI"


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
    with pytest.raises(parse.ParseError, match=message):
        parse.sniff_format(head)


def test_gzip_is_judged_by_content(tmp_path, sample_files):
    path = tmp_path / "looks-plain.xml"
    path.write_bytes(gzip.compress(article_set(real_record_xml(sample_files, 34092024))))
    assert [v["pmid"] for k, v in parse.iter_file(path) if k == "record"] == [34092024]


def test_medline_text():
    found = list(parse.iter_file(FIXTURES / "medline-fixture.nbib"))
    records = [v for k, v in found if k == "record"]
    assert [r["pmid"] for r in records] == [99000002, 99000003]
    first = records[0]
    assert first["title"].endswith("written only to test the MEDLINE reader.")
    assert first["doi"] == "10.1111/fixture.0001" and first["issn"] == "1445-5994"
    assert first["pub_date"] == "2021-06-06" and first["created_date"] == "2021-06-06"
    assert [a["last_name"] for a in first["authors"]] == ["Fixture", "Example"]
    assert first["authors"][0]["initials"] == "AB"
    assert first["mesh"][0] == {"descriptor_ui": None, "descriptor": "Ketamine", "major_topic": False,
                                "qualifiers": [{"ui": None, "name": "administration & dosage", "major_topic": True},
                                               {"ui": None, "name": "adverse effects", "major_topic": False}]}
    assert first["mesh"][1]["major_topic"] is True
    assert first["chemicals"] == [{"ui": None, "name": "Ketamine", "registry_number": "690G0D6V8H"}]
    assert first["comments_corrections"][0]["ref_type"] == "RetractionIn"
    assert first["comments_corrections"][0]["ref_pmid"] == 99000009
    assert records[1]["pub_date_text"] == "2020 Spring" and records[1]["pub_year"] == 2020


def test_medline_broken_record_is_rejected(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"PMID- 1\nTI  - fine\n\nPMID- x2\nTI  - no number\n")
    found = list(parse.iter_file(path))
    assert [v["pmid"] for k, v in found if k == "record"] == [1]
    assert [k for k, v in found].count("rejected") == 1


# Excerpt of a real NCBI record in MEDLINE format: PMID 16403221 from the Biopython 1.88
# sdist (Tests/Medline/pubmed_result2.txt).
MEDLINE_DEP = """PMID- 16403221
DP  - 2006
TI  - A high level interface to SCOP and ASTRAL implemented in python.
PG  - 10
DEP - 20060110
AID - 1471-2105-7-10 [pii]
AID - 10.1186/1471-2105-7-10 [doi]
PST - epublish
"""


def test_medline_electronic_date_comes_from_dep(tmp_path):
    path = tmp_path / "dep.txt"
    path.write_text(MEDLINE_DEP)
    (record,) = [v for k, v in parse.iter_file(path) if k == "record"]
    assert record["electronic_date"] == "2006-01-10"  # what ArticleDate gives from XML
    assert record["doi"] == "10.1186/1471-2105-7-10" and record["publication_status"] == "epublish"


# Excerpt of a real NCBI record in MEDLINE format: PMID 23039619 from the Biopython 1.88
# sdist (Tests/Medline/pubmed_result3.txt), its abstract shortened.
MEDLINE_STRUCTURED = """PMID- 23039619
DP  - 2012 Oct
TI  - Effects of different parameters in the fast scanning method for HIFU treatment.
AB  - PURPOSE: High-intensity focused ultrasound is a promising method for the
      noninvasive treatment of benign and malignant tumors.
      METHODS: Two transducers, six scanning paths, and three focal patterns were used
      to examine the ablation results. The Pennes equation was solved using the
      finite-difference time-domain method to simulate the heating procedure. RESULTS:
      Based on the results of the fast-scanning method, the different scanning paths
      exhibited small effect on the total treatment time. CONCLUSIONS: Unlike traditional
      scanning methods, fast scanning method produces a planned lesion.
FAU - Qiao, Shan
AU  - Qiao S
AD  - School of Biomedical Engineering, Shanghai Jiao Tong University, Shanghai,
      People's Republic of China.
FAU - Shen, Guofeng
AU  - Shen G
LA  - eng
"""
# The same for PMID 16403221 (Tests/Medline/pubmed_result2.txt): an older record, whose
# one affiliation comes before the authors.
MEDLINE_OLD_AFFILIATION = """PMID- 16403221
DP  - 2006
TI  - A high level interface to SCOP and ASTRAL implemented in python.
AB  - BACKGROUND: Benchmarking algorithms in structural bioinformatics often involves
      the construction of datasets of proteins with given sequence and structural
      properties. RESULTS: We have designed a set of python modules. CONCLUSION: The
      modules make the analysis and generation of datasets easier and more principled.
AD  - Bioinformatics, Institute of Cell and Molecular Science, School of Medicine and
      Dentistry, Queen Mary, University of London, London EC1 6BQ, UK.
      j.a.casbon@qmul.ac.uk
FAU - Casbon, James A
AU  - Casbon JA
FAU - de Hoon, M J L
AU  - de Hoon MJ
"""


def medline_record(tmp_path, text) -> dict:
    path = tmp_path / "excerpt.txt"
    path.write_text(text)
    (record,) = [v for k, v in parse.iter_file(path) if k == "record"]
    return record


def test_medline_structured_abstract_has_its_sections(tmp_path):
    record = medline_record(tmp_path, MEDLINE_STRUCTURED)
    sections = record["abstract_sections"]
    assert [s["label"] for s in sections] == ["PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert sections[2]["text"] == ("Based on the results of the fast-scanning method, the different scanning "
                                   "paths exhibited small effect on the total treatment time.")
    # the abstract column reads as an XML record's does: one labelled paragraph per section
    assert record["abstract"].split("\n\n")[1].startswith("METHODS: Two transducers")
    background = classify.record_texts(record, {"BACKGROUND"})["background"]
    assert background == ""
    old = medline_record(tmp_path, MEDLINE_OLD_AFFILIATION)
    assert classify.record_texts(old, {"BACKGROUND"})["background"].startswith("BACKGROUND: Benchmarking")


@pytest.mark.parametrize("text", [
    "Ketamine was given. HIV: a cohort was not studied.",  # no label at the start: one section
    "AB: x",  # too short to be a label
])
def test_medline_plain_abstract_stays_whole(tmp_path, text):
    record = medline_record(tmp_path, f"PMID- 1\nTI  - t\nAB  - {text}\n")
    assert record["abstract_sections"] == [{"label": None, "category": None, "text": text}]
    assert record["abstract"] == text


def test_medline_affiliations_belong_to_their_authors(tmp_path):
    authors = medline_record(tmp_path, MEDLINE_STRUCTURED)["authors"]
    assert [(a["last_name"], a["fore_name"], a["initials"]) for a in authors] == [
        ("Qiao", "Shan", "S"), ("Shen", "Guofeng", "G")]
    assert authors[0]["affiliations"] == [
        "School of Biomedical Engineering, Shanghai Jiao Tong University, Shanghai, People's Republic of China."]
    assert authors[1]["affiliations"] == []
    old = medline_record(tmp_path, MEDLINE_OLD_AFFILIATION)["authors"]
    assert old[0]["affiliations"][0].endswith("London EC1 6BQ, UK. j.a.casbon@qmul.ac.uk")
    assert (old[1]["last_name"], old[1]["initials"], old[1]["affiliations"]) == ("de Hoon", "MJ", [])


def test_medline_authors_keep_their_order_and_identifiers(tmp_path):
    # The layout NLM prints (FAU, AU, AUID, AD; CN for a group; AU alone in old records),
    # written for this test.
    text = ("PMID- 2\nTI  - t\nFAU - Smith, Ann\nAU  - Smith A\nAUID- ORCID: 0000-0002-1825-0097\n"
            "AD  - Pain Clinic, Leeds, UK.\nAD  - Second place.\nCN  - Ketamine Study Group\n"
            "FAU - Jones, Bob\nAU  - Jones B\n\nPMID- 3\nTI  - t\nAU  - de Hoon MJ\nAU  - Plato\n")
    path = tmp_path / "authors.txt"
    path.write_text(text)
    first, second = [v["authors"] for k, v in parse.iter_file(path) if k == "record"]
    assert [(a["last_name"], a["collective_name"]) for a in first] == [
        ("Smith", None), (None, "Ketamine Study Group"), ("Jones", None)]
    assert [a["position"] for a in first] == [1, 2, 3]
    assert first[0]["orcid"] == "0000-0002-1825-0097"
    assert first[0]["affiliations"] == ["Pain Clinic, Leeds, UK.", "Second place."]
    assert [(a["last_name"], a["initials"]) for a in second] == [("de Hoon", "MJ"), ("Plato", None)]


@pytest.mark.parametrize("text, labels", [
    # an unlabelled opening section, then labelled ones (PMID 32730190's shape)
    ("Wildfire smoke is a growing burden. METHODS: We combined data. RESULTS: Rates rose.",
     [None, "METHODS", "RESULTS"]),
    # a section ending in a quotation, and labels with (S) and a slash
    ('OBJECTIVE(S): To test. MATERIALS/METHODS: Items were "moderately anxiety-provoking." '
     "RESULTS: Fear fell.", ["OBJECTIVE(S)", "MATERIALS/METHODS", "RESULTS"]),
])
def test_medline_abstract_sections_in_other_shapes(tmp_path, text, labels):
    record = medline_record(tmp_path, f"PMID- 1\nTI  - t\nAB  - {text}\n")
    assert [s["label"] for s in record["abstract_sections"]] == labels
    assert " ".join(record["abstract"].split()) == text


def test_databank_accession_numbers_from_real_xml(real_record):
    record = real_record(34086266)
    assert record["databanks"] == [{"name": "ClinicalTrials.gov", "accessions": ["NCT04447131"]}]
    assert real_record(34092024)["databanks"] == []


def test_databanks_from_medline_si_lines():
    text = ("PMID- 1\nTI  - Fixture\nSI  - ClinicalTrials.gov/NCT01234567\nSI  - ClinicalTrials.gov/NCT07654321\n"
            "SI  - ISRCTN/ISRCTN12345678\n")
    assert parse.parse_medline_record(text)["databanks"] == [
        {"name": "ClinicalTrials.gov", "accessions": ["NCT01234567", "NCT07654321"]},
        {"name": "ISRCTN", "accessions": ["ISRCTN12345678"]}]


def test_a_broken_reference_list_costs_only_the_references(real_record):
    xml = b"<PubmedArticle><ReferenceList><Reference><Citation>x</Citation></ReferenceList></PubmedArticle>"
    assert parse.references(xml) == []
