"""Citations and reference-manager files on real sample records: every style and format,
retraction warnings, and the records that once broke them (no authors, group names, page ranges)."""

import html as htmllib
import json
import re
from io import StringIO

import bibtexparser
import pytest
import rispy
import sqlite_utils
from bibtexparser.middlewares import LatexDecodingMiddleware
from Bio import Medline

from datasette_catalogue import citations
from harvest import load, parse
from tests.conftest import real_record_xml
from tests.test_site import NOTICE, RETRACTED, parse_export


def real_references(db, sample_files, *pmids) -> list:
    """Real sample records loaded into a fresh catalogue, as the site reads them."""
    records = [parse.parse_record(real_record_xml(sample_files, p)) for p in pmids]
    load.save_records(db, records, load.start_run(db, "files"))
    return citations.load_references(db.conn, pmids)


def test_styles_print_medline_abbreviated_page_ranges_as_each_style_wants(db, sample_files):
    # PMID 403562 has MedlinePgn 73-7: APA 7 and AMA 11 give page ranges in full, Citing
    # Medicine shortens them. citeproc-py printed 73-7 in APA and AMA and '73–.' in Vancouver.
    ref, = real_references(db, sample_files, 403562)
    styles = citations.citations(ref)
    assert styles["APA"].endswith("Psychopharmacology, 52(1), 73\u201377. https://doi.org/10.1007/bf00426603")
    assert "1977;52(1):73-77." in styles["AMA"]
    assert "1977;52(1):73\u20137." in styles["Vancouver"]
    assert json.loads(citations.to_csl_json([ref]))[0]["page"] == "73-77"
    assert bibtexparser.parse_string(citations.to_bibtex([ref])).entries[0].fields_dict["pages"].value == "73--77"


def test_vancouver_keeps_end_pages_longer_than_the_start(db, sample_files):
    # PMID 399306, pages 1-12: citeproc-py's 'minimal' printed '1\u20132', pages 1 to 2.
    ref, = real_references(db, sample_files, 399306)
    assert "1979;Suppl 40:1\u201312. PubMed PMID: 399306." in citations.cite(ref, "Vancouver")


def test_record_without_authors_prints_its_title_once(db, sample_files):
    # PMID 399498 has no AuthorList; AMA and APA printed its title twice.
    ref, = real_references(db, sample_files, 399498)
    title = "Historical sketch: Loma Linda University School of Dentistry."
    assert citations.cite(ref, "AMA") == f"{title} New Dent. 1979;9(3):28-29. https://pubmed.ncbi.nlm.nih.gov/399498/"
    assert citations.cite(ref, "APA").startswith(f"{title} (1979). The New Dentist")
    for style in citations.STYLES:
        assert citations.cite(ref, style).count("Historical sketch") == 1
        assert citations.cite(ref, style, html=True).count("Historical sketch") == 1


def test_title_ending_in_a_question_mark_keeps_one_stop(db, sample_files):
    # PMID 399444: 'Is the practice of dentistry in ancient Egypt an archaeological fact?'
    ref, = real_references(db, sample_files, 399444)
    for style, text in citations.citations(ref).items():
        assert "archaeological fact? Bull" in text or "archaeological fact? Bulletin" in text, (style, text)
        assert "?." not in text


def test_html_citations_escape_the_record_text(db, sample_files):
    # Real records: a SICI DOI with '<' and '>' (400626), a title with '<10 eV' (34019425),
    # a journal named 'Physiology & behavior' (399525).
    refs = real_references(db, sample_files, 400626, 34019425, 399525)
    for ref in refs:
        for style in citations.STYLES:
            html = citations.cite(ref, style, html=True)
            text = re.sub(r"</?i>", "", html)
            assert "<" not in text and ">" not in text and not re.search(r"&(?!amp;|lt;|gt;)", text), html
            assert htmllib.unescape(text) == citations.cite(ref, style), style
    assert "15:1&lt;3::aid-jhbs2300150102&gt;3.0.co;2-l" in citations.cite(refs[0], "APA", html=True)
    assert "Slow (&lt;10 eV) Electrons" in citations.cite(refs[1], "AMA", html=True)
    assert "<i>Physiology &amp; Behavior</i>" in citations.cite(refs[2], "APA", html=True)


def test_bibtex_escapes_latex_special_characters(db, sample_files):
    # Real titles and journals with $, #, _, & and braces; in a .bib file unescaped they stop
    # LaTeX ('Missing $ inserted', 'Misplaced alignment tab') or vanish ('{Mo6I8}').
    pmids = (421880, 33245788, 33217152, 399525, 34095938)
    refs = real_references(db, sample_files, *pmids)
    text = citations.to_bibtex(refs)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    fields = [e.fields_dict for e in library.entries]
    assert "\\$1 billion" in fields[0]["title"].value
    assert "program \\#Tamojunto2.0." in fields[1]["title"].value
    assert fields[2]["title"].value.startswith("PE\\_PGRS: ")
    assert fields[3]["journal"].value == "Physiology \\& behavior"
    assert "of \\textbraceleft{}Mo6I8\\textbraceright{} aquahydroxo" in fields[4]["title"].value
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    for ref, entry in zip(refs[:4], decoded.entries):
        assert entry.fields_dict["title"].value == ref.article["title"]


def test_name_suffixes_survive_ris_and_medline(db, sample_files, tmp_path):
    # Real records whose authors have Suffix Jr: 400628 (Hale NG Jr), 399321 (Kinkade JM Jr).
    from click.testing import CliRunner

    from harvest.cli import cli

    refs = real_references(db, sample_files, 400628, 399321)
    assert rispy.loads(citations.to_ris(refs))[1]["authors"][0] == "Kinkade, J M, Jr"
    medline = list(Medline.parse(StringIO(citations.to_medline(refs))))
    assert medline[0]["FAU"] == ["Hale, N G Jr"] and medline[0]["AU"] == ["Hale NG Jr"]
    assert medline[1]["AU"][:2] == ["Kinkade JM Jr", "Kellar KL"]
    # The catalogue's own MEDLINE reader takes the suffix back off the name.
    export = tmp_path / "suffix.nbib"
    export.write_text(citations.to_medline(refs))
    result = CliRunner().invoke(cli, ["files", str(export), "--db", str(tmp_path / "copy.db"), "--all", "--quiet"])
    assert result.exit_code == 0, result.output
    columns = "pmid, position, last_name, fore_name, initials, suffix"
    copied = sqlite_utils.Database(tmp_path / "copy.db").execute(
        f"select {columns} from article_authors order by pmid, position").fetchall()
    assert copied == db.execute(f"select {columns} from article_authors order by pmid, position").fetchall()


# Excerpt of a real NCBI record with no AuthorList (an erratum): PMID 38962805 as EFetch
# returned it, kept in the metapub 0.7.5 sdist (tests/fixtures/pmid_xml/38962805.xml).
NO_AUTHORS_XML = (
    b'<PubmedArticle><MedlineCitation Status="PubMed-not-MEDLINE" Owner="NLM">'
    b'<PMID Version="1">38962805</PMID><Article PubModel="Print-Electronic"><Journal>'
    b'<ISSN IssnType="Electronic">1360-0451</ISSN><JournalIssue CitedMedium="Internet">'
    b"<Volume>36</Volume><Issue>sup1</Issue><PubDate><Year>2024</Year><Month>Jul</Month></PubDate>"
    b"</JournalIssue><Title>AIDS care</Title><ISOAbbreviation>AIDS Care</ISOAbbreviation></Journal>"
    b"<ArticleTitle>Correction.</ArticleTitle><Pagination><MedlinePgn>228-229</MedlinePgn></Pagination>"
    b'<Language>eng</Language><PublicationTypeList><PublicationType UI="D016425">Published Erratum'
    b"</PublicationType></PublicationTypeList></Article></MedlineCitation></PubmedArticle>"
)


@pytest.mark.parametrize("fmt, write", [("ris", citations.to_ris), ("bib", citations.to_bibtex),
                                        ("nbib", citations.to_medline), ("csljson", citations.to_csl_json)])
def test_exports_of_a_record_without_authors(db, fmt, write):
    # One such record in a filter's rows used to turn the whole .ris or .bib export into a 500.
    load.save_records(db, [parse.parse_record(NO_AUTHORS_XML)], load.start_run(db, "files"))
    refs = citations.load_references(db.conn, [38962805])
    assert parse_export(fmt, write(refs)) == [38962805]


def test_medline_export_keeps_a_long_group_name_one_author(db, sample_files):
    # PMID 32739453's group author has 96 characters: wrapped onto a continuation line,
    # Bio.Medline (and others) read the rest as a second author.
    load.save_records(db, [parse.parse_record(real_record_xml(sample_files, 32739453))],
                      load.start_run(db, "files"))
    (ref,) = citations.load_references(db.conn, [32739453])
    record = next(Medline.parse(StringIO(citations.to_medline([ref]))))
    group = "APPROACH-IS Consortium and the International Society for Adult Congenital Heart Disease (ISACHD)"
    assert record["CN"] == [group]
    assert len(record["AU"]) + len(record["CN"]) == len(ref.authors)


def test_ris_keeps_every_page_range(db, sample_files):
    # PMID 400021 is printed on pages 449-50 and 454-5: RIS has one start and one end page.
    load.save_records(db, [parse.parse_record(real_record_xml(sample_files, 400021))], load.start_run(db, "files"))
    (entry,) = rispy.loads(citations.to_ris(citations.load_references(db.conn, [400021])))
    assert entry["start_page"] == "449-450, 454-455" and "end_page" not in entry


def test_a_retraction_known_only_from_its_notice_still_warns(db, sample_files):
    # The notice says RetractionOf; the article's own record, as an older version might, says nothing.
    records = {p: parse.parse_record(real_record_xml(sample_files, p)) for p in (RETRACTED, NOTICE)}
    records[RETRACTED]["comments_corrections"] = []
    records[RETRACTED]["publication_types"] = [t for t in records[RETRACTED]["publication_types"]
                                               if t["name"] != "Retracted Publication"]
    load.save_records(db, list(records.values()), load.start_run(db, "files"))
    (ref,) = citations.load_references(db.conn, [RETRACTED])
    assert citations.warning(ref) == f"RETRACTED ARTICLE: see the retraction notice, PMID {NOTICE}"
    assert rispy.loads(citations.to_ris([ref]))[0]["title"].startswith("[RETRACTED] ")
