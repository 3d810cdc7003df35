"""Reading MEDLINE text ("PubMed" format): a fixture file and excerpts of real NCBI records."""

import pytest

from harvest import classify, medline, read
from tests.conftest import FIXTURES


def test_medline_text():
    found = list(read.iter_file(FIXTURES / "medline-fixture.nbib"))
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
    found = list(read.iter_file(path))
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
    (record,) = [v for k, v in read.iter_file(path) if k == "record"]
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
    (record,) = [v for k, v in read.iter_file(path) if k == "record"]
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
    first, second = [v["authors"] for k, v in read.iter_file(path) if k == "record"]
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


def test_databanks_from_medline_si_lines():
    text = ("PMID- 1\nTI  - Fixture\nSI  - ClinicalTrials.gov/NCT01234567\nSI  - ClinicalTrials.gov/NCT07654321\n"
            "SI  - ISRCTN/ISRCTN12345678\n")
    assert medline.parse_record(text)["databanks"] == [
        {"name": "ClinicalTrials.gov", "accessions": ["NCT01234567", "NCT07654321"]},
        {"name": "ISRCTN", "accessions": ["ISRCTN12345678"]}]


def test_medline_text_escaped_twice_reads_as_written(tmp_path):
    record = medline_record(tmp_path, "PMID- 1\nTI  - Docking with &#945;-glucosidase &amp; fixtures\n"
                                      "AB  - Lesions fell (P&lt;0.05) at 23.2 pmol/L.\n")
    assert record["title"] == "Docking with α-glucosidase & fixtures"
    assert record["abstract"] == "Lesions fell (P<0.05) at 23.2 pmol/L."
