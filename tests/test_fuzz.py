"""Fuzzing the parser and the loader with Hypothesis: whatever the bytes, a record is
loaded or rejected with a reason, and a whole input is read or refused with ParseError.

The suite runs a short budget; `make fuzz` runs the same tests with FUZZ_EXAMPLES
raised. Any failure Hypothesis finds becomes a regression test in
tests/test_bad_input.py.
"""

import gzip
import io
import os
from xml.sax.saxutils import escape

import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harvest import files, load, read, schema
from harvest.record import LIST_KEYS, SCALAR_KEYS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])
KINDS = {"record", "deleted", "rejected", "read"}

# Values that have broken parsers before: empty, huge, signed, non-ASCII digits, markup.
AWKWARD = ["", " ", "0", "-1", "007", "13", "32", "99999999999999999999", "١٢", "²", "Jan", "sept",
           "Spring", "2021 Dec-2022 Jan", "1998/12/31", "<b>x</b>", "&amp;", "&#x1F600;", "\u202e",
           "ketamine", "chronic pain", "x" * 3000, "Y", "N", "ORCID", "doi", "pmc", "pii"]
text = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=40))


def value(draw):
    """Element text: escaped unless the draw keeps awkward raw markup (which must be rejected)."""
    raw = draw(text)
    return raw if draw(st.integers(0, 9)) == 0 else escape(raw)


def element(draw, tag, attrs=()):
    chosen = "".join(f' {a}="{escape(draw(text), {chr(34): "&quot;"})}"' for a in attrs if draw(st.booleans()))
    return f"<{tag}{chosen}>{value(draw)}</{tag}>"


def repeat(draw, make, most=3):
    return "".join(make() for _ in range(draw(st.integers(0, most))))


@st.composite
def pubmed_article(draw):
    """A PubmedArticle with every field the parser reads, each present 0-3 times with awkward text."""
    e = lambda tag, *attrs: element(draw, tag, attrs)
    date = lambda tag, *attrs: (f"<{tag}{''.join(f' {a}={chr(34)}{escape(draw(text))}{chr(34)}' for a in attrs)}>"
                                f"{e('Year')}{e('Month')}{e('Day')}</{tag}>")
    author = lambda: (f"<Author ValidYN=\"{draw(st.sampled_from('YN'))}\">{e('LastName')}{e('ForeName')}"
                      f"{e('Initials')}{repeat(draw, lambda: e('CollectiveName'), 1)}"
                      f"{repeat(draw, lambda: e('Identifier', 'Source'), 2)}"
                      f"{repeat(draw, lambda: '<AffiliationInfo>' + e('Affiliation') + '</AffiliationInfo>')}</Author>")
    heading = lambda: (f"<MeshHeading>{e('DescriptorName', 'UI', 'MajorTopicYN')}"
                       f"{repeat(draw, lambda: e('QualifierName', 'UI', 'MajorTopicYN'))}</MeshHeading>")
    pmid = draw(st.sampled_from(["1", "2", "34092024", "0", "", "x", "99999999999999999999", "١"]))
    return (
        f"<PubmedArticle><MedlineCitation Status=\"MEDLINE\"><PMID Version=\"{draw(st.sampled_from(['1', '2', '', 'x']))}\">"
        f"{pmid}</PMID>{date('DateCompleted')}{date('DateRevised')}<Article>"
        f"<Journal>{e('ISSN')}<JournalIssue>{e('Volume')}{e('Issue')}<PubDate>{e('Year')}{e('Month')}{e('Day')}"
        f"{repeat(draw, lambda: e('MedlineDate'), 1)}{repeat(draw, lambda: e('Season'), 1)}</PubDate></JournalIssue>"
        f"{e('Title')}{e('ISOAbbreviation')}</Journal>{e('ArticleTitle')}{repeat(draw, lambda: e('VernacularTitle'), 1)}"
        f"<Pagination>{e('MedlinePgn')}{e('StartPage')}{e('EndPage')}</Pagination>"
        f"{repeat(draw, lambda: e('ELocationID', 'EIdType', 'ValidYN'))}"
        f"<Abstract>{repeat(draw, lambda: e('AbstractText', 'Label', 'NlmCategory'))}</Abstract>"
        f"<AuthorList>{repeat(draw, author)}</AuthorList>{repeat(draw, lambda: e('Language'))}"
        f"<GrantList>{repeat(draw, lambda: '<Grant>' + e('GrantID') + e('Agency') + e('Country') + '</Grant>')}</GrantList>"
        f"<PublicationTypeList>{repeat(draw, lambda: e('PublicationType', 'UI'))}</PublicationTypeList>"
        f"{date('ArticleDate', 'DateType')}</Article>"
        f"<MedlineJournalInfo>{e('MedlineTA')}{e('NlmUniqueID')}{e('ISSNLinking')}</MedlineJournalInfo>"
        f"<ChemicalList>{repeat(draw, lambda: '<Chemical>' + e('RegistryNumber') + e('NameOfSubstance', 'UI') + '</Chemical>')}</ChemicalList>"
        f"<CommentsCorrectionsList>{repeat(draw, lambda: '<CommentsCorrections RefType=' + chr(34) + 'RetractionIn' + chr(34) + '>' + e('RefSource') + e('PMID') + '</CommentsCorrections>')}</CommentsCorrectionsList>"
        f"<MeshHeadingList>{repeat(draw, heading)}</MeshHeadingList>"
        f"<KeywordList Owner=\"NOTNLM\">{repeat(draw, lambda: e('Keyword', 'MajorTopicYN'))}</KeywordList>"
        f"{repeat(draw, lambda: e('CoiStatement'), 1)}</MedlineCitation>"
        f"<PubmedData><History>{repeat(draw, lambda: date('PubMedPubDate', 'PubStatus'))}</History>"
        f"{e('PublicationStatus')}<ArticleIdList>{repeat(draw, lambda: e('ArticleId', 'IdType'))}</ArticleIdList>"
        f"</PubmedData></PubmedArticle>"
    ).encode("utf-8", "surrogatepass")


@st.composite
def article_set(draw):
    records = draw(st.lists(st.one_of(pubmed_article(), st.just(
        "<DeleteCitation><PMID Version=\"1\">2</PMID></DeleteCitation>".encode())), min_size=1, max_size=4))
    return b'<?xml version="1.0"?>\n<PubmedArticleSet>\n' + b"\n".join(records) + b"\n</PubmedArticleSet>\n"


@st.composite
def mutated(draw, documents):
    """A document with bytes replaced, inserted, deleted, duplicated or cut off."""
    data = bytearray(draw(documents))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "delete", "duplicate", "cut"]))
        chunk = draw(st.one_of(st.binary(min_size=1, max_size=8), st.sampled_from(
            [b"<", b">", b"</PubmedArticle>", b"<PubmedArticle>", b"<DeleteCitation>", b"&", b"\xff", b"\x00",
             b"]]>", b"<![CDATA[", b"<!DOCTYPE x [<!ENTITY e 'e'>]>", b"&e;", b"</PubmedArticleSet>"])))
        if action == "replace":
            data[at:at + len(chunk)] = chunk
        elif action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif action == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 400))]
        else:
            del data[at:]
    return bytes(data)


def parse_all(data):
    """Every item of an input, or None when the whole input is refused."""
    try:
        kind = read.sniff_format(data[:4096])
    except read.ParseError:
        return None
    stream = io.BytesIO(data)
    try:
        if kind == "medline":
            items = list(read.iter_medline(io.BufferedReader(stream)))
        else:
            items = list(read.iter_xml(stream))
    except read.ParseError:
        return None
    for kind, item in items:
        assert kind in KINDS
        if kind == "record":
            assert 0 <= item["pmid"] < 10 ** 18 and 0 <= item["pmid_version"] < 10 ** 18
            assert set(SCALAR_KEYS + LIST_KEYS) <= set(item)
        if kind == "rejected":
            where, why = item
            assert where.startswith("record ") and why and "\n" not in why
    return items


def save_all(items):
    """Save every parsed record; none may break the loader (a bad one is rejected)."""
    db = sqlite_utils.Database(memory=True)
    schema.ensure_schema(db)
    load.ensure_search(db)
    run = files.FileRun()
    records = [dict(item, source="fuzz.xml") for kind, item in items if kind == "record"]
    files._save(db, records, 1, run)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("insert into articles_fts(articles_fts, rank) values ('integrity-check', 1)")
    stored = db.execute("select count(*) from articles").fetchone()[0]
    rejected = {int(where.split()[1]) for _, where, _ in run.rejections}
    assert stored == len({r["pmid"] for r in records} - rejected)
    return run


@FUZZ
@given(article_set())
def test_generated_article_sets_load_or_reject(data):
    items = parse_all(data)
    assert items is not None
    save_all(items)


@FUZZ
@given(mutated(article_set()))
def test_mutated_article_sets_never_crash(data):
    items = parse_all(data)
    if items is not None:
        save_all(items)


MEDLINE_TAGS = ["PMID", "OWN", "STAT", "DCOM", "LR", "IS", "VI", "IP", "DP", "TI", "PG", "LID", "AB", "FAU", "AU",
                "AD", "LA", "PT", "DEP", "PL", "TA", "JT", "JID", "RN", "MH", "OT", "EDAT", "MHDA", "CRDT", "PHST",
                "AID", "PST", "SO", "CIN", "RIN", "EIN", "PMC", "COIS", "CN", "GR"]


@st.composite
def medline_text(draw):
    """MEDLINE records with awkward values, continuation lines and broken tags."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        lines.append(f"PMID- {draw(st.sampled_from(['1', '2', '', 'x', '99999999999999999999', '٣']))}")
        for _ in range(draw(st.integers(0, 12))):
            tag = draw(st.sampled_from(MEDLINE_TAGS + ["X", "TOOLONGTAG", ""]))
            lines.append(f"{tag:<4}- {draw(text)}")
            if draw(st.integers(0, 4)) == 0:
                lines.append("      " + draw(text))
            if draw(st.integers(0, 9)) == 0:
                lines.append(draw(text))  # a broken line with no tag
        lines.append("")
    body = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(body)))
        body = body[:at] + draw(st.binary(max_size=6)) + body[at:]
    return body


@FUZZ
@given(medline_text())
def test_medline_text_loads_or_rejects(data):
    items = parse_all(data)
    if items is not None:
        save_all(items)


@FUZZ
@given(st.one_of(st.binary(max_size=3000), mutated(st.sampled_from([
    gzip.compress(b"<PubmedArticleSet><DeleteCitation><PMID>1</PMID></DeleteCitation></PubmedArticleSet>"),
    b"PMID- 1\nTI  - ketamine\n\n", b"<?xml version='1.0'?><PubmedArticleSet></PubmedArticleSet>"]))))
def test_any_bytes_in_a_file_are_read_or_refused_in_one_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "input.xml.gz"
    path.write_bytes(data)
    db = sqlite_utils.Database(memory=True)
    schema.ensure_schema(db)
    try:
        run = files.ingest_files(db, [str(path)], 1, keep_all=False)
    except files.InputError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))
        return
    assert run.read >= 0 and run.rejected == len(run.rejections)
