"""Pure parsing: PubMed XML and MEDLINE text in, record dicts out (see docs/record.md).

No network, database or clock here. Files are cut into top-level records at the
byte level, so each record is parsed on its own: a broken record is rejected
with its position while its neighbours load, the DOCTYPE is never read (no DTD
or external entity is ever fetched), and the scope filter can skip records
without parsing them.
"""

import gzip
import io
import re
from dataclasses import dataclass, field

from lxml import etree

from harvest.messages import error_text

try:  # ISA-L inflates gzip about three times faster than zlib
    from isal import igzip as _gzip
except ImportError:  # pragma: no cover - isal is a declared dependency
    _gzip = gzip

BLOCK_SIZE = 1 << 23
# No real record comes near this; past it the input is not PubMed (or is a bomb).
MAX_RECORD_BYTES = 64 << 20
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{}/"

# Top-level elements of a PubmedArticleSet; none of them carries attributes.
ARTICLE, BOOK, DELETE = b"<PubmedArticle>", b"<PubmedBookArticle>", b"<DeleteCitation>"
END_TAGS = (b"</PubmedArticle>", b"</PubmedBookArticle>", b"</DeleteCitation>")
START_TAGS = (ARTICLE, BOOK, DELETE)

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
MONTHS = {
    m: i
    for i, m in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
    )
}


class ParseError(Exception):
    """The input is not a PubMed article set or MEDLINE file at all."""


@dataclass
class ParsedBatch:
    """What one input yielded: records, deleted PMIDs and rejected records."""

    records: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    read: int = 0


# ---------------------------------------------------------------- input bytes


def open_input(path):
    """Open a file as a binary stream, inflating gzip judged by its magic bytes."""
    raw = open(path, "rb")
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return _gzip.open(raw, "rb")
    return raw


UTF8_BOM = b"\xef\xbb\xbf"


def sniff_format(head: bytes) -> str:
    """Tell PubMed XML from MEDLINE text by content: 'pubmed-xml' or 'medline'."""
    text = head.removeprefix(UTF8_BOM).lstrip(b" \t\r\n")
    if re.match(rb"PMID- ?\d", text):
        return "medline"
    if text.startswith(b"<") and b"<PubmedArticleSet" in head:
        _require_plain_record_tags(head)
        return "pubmed-xml"
    if text.startswith(b"<"):
        raise ParseError(f"XML but not a PubMed article set ({_root_name(text)})")
    raise ParseError("neither PubMed XML nor MEDLINE text" + _packed_as(head))


# Containers a PubMed file may come in, of which only gzip is read: (magic, offset, what it is, what to do).
ARCHIVE, COMPRESSED = "unpack it and name the files inside", "decompress it first; only gzip is read directly"
PACKED = ((b"PK\x03\x04", 0, "a zip archive", ARCHIVE), (b"ustar", 257, "a tar archive", ARCHIVE),
          (b"BZh", 0, "bzip2-compressed", COMPRESSED), (b"\xfd7zXZ\x00", 0, "xz-compressed", COMPRESSED),
          (b"\x28\xb5\x2f\xfd", 0, "zstd-compressed", COMPRESSED),
          (b"\x1f\x8b", 0, "gzip-compressed twice", "decompress it once"))


def _packed_as(head: bytes) -> str:
    """' (a zip archive: unpack it ...)' when the bytes are a container, else ''."""
    for magic, offset, name, advice in PACKED:
        if head[offset:offset + len(magic)] == magic:
            return f" ({name}: {advice})"
    return ""


# A top-level record's start tag, however it is written.
RECORD_TAG = re.compile(rb"<([\w.:-]*(?:PubmedArticle|PubmedBookArticle|DeleteCitation))\b([^>]*)>")


def _require_plain_record_tags(head: bytes):
    """Refuse XML whose records are tagged otherwise than NCBI writes them.

    Records are found by their exact start tags (START_TAGS); ones written as
    <PubmedArticle xmlns="..."> or <pm:PubmedArticle> (XML re-serialised by some
    tool) would be skipped without a word, and the run would report success.
    """
    for match in RECORD_TAG.finditer(head):
        if match.group(2).strip() or b"<%s>" % match.group(1) not in START_TAGS:
            tag = match.group(0).decode("utf-8", "replace")[:80]
            raise ParseError(f"records tagged {tag}, not as NCBI writes them (<PubmedArticle>); "
                             "this reader finds records by their exact tags")


def _root_name(text: bytes) -> str:
    """Name the first element of an XML document, for error messages."""
    for match in re.finditer(rb"<([A-Za-z][\w.:-]*)", text):
        return "root element <%s>" % match.group(1).decode("ascii", "replace")
    return "no root element"


# ---------------------------------------------------------------- record cutting


def iter_blocks(stream, head=b"", size=BLOCK_SIZE):
    """Yield buffers that end on a complete top-level record; the tail goes last.

    head is what was already read from the stream to sniff its format.
    """
    carry = head
    while chunk := stream.read(size):
        cut = _last_end(chunk)
        if cut:  # the last record ends in this chunk: the block costs one copy, not two
            yield b"".join((carry, memoryview(chunk)[:cut]))
            carry = chunk[cut:]
        else:
            carry += chunk
        if len(carry) > MAX_RECORD_BYTES:
            raise ParseError(f"no record ends within {MAX_RECORD_BYTES >> 20} MB; not PubMed input")
    yield carry


def _last_end(buffer) -> int:
    """Offset just past the buffer's last complete top-level record, 0 if none ends in it.

    Records are small, so the last one usually ends in the buffer's last megabyte:
    looking there first spares a backward scan of the whole buffer per end tag.
    """
    for start in (max(0, len(buffer) - (1 << 20)), 0):
        ends = [(buffer.rfind(tag, start), len(tag)) for tag in END_TAGS]
        position, length = max(ends)
        if position != -1:
            return position + length
    return 0


def record_spans(block: bytes):
    """Yield (start, end) of every top-level record in a block, in order."""
    starts = []
    for tag in START_TAGS:
        pos = block.find(tag)
        while pos != -1:
            starts.append(pos)
            pos = block.find(tag, pos + 1)
    starts.sort()
    for i, start in enumerate(starts):
        limit = starts[i + 1] if i + 1 < len(starts) else len(block)
        end = _record_end(block, start, limit)
        yield start, end


def _record_end(block, start, limit):
    """End offset of the record starting at start, or -1 when it is cut short."""
    tag = next(t for t in END_TAGS if block.startswith(t[:1] + t[2:], start))
    end = block.find(tag, start, limit)
    return -1 if end == -1 else end + len(tag)


def candidate_spans(block: bytes, needles):
    """Yield spans of records that contain a needle, and of every deletion, in input order.

    Deletions keep their place among the records: a PMID deleted and then sent
    again (or sent and then deleted) ends as the file's order says, as with --all.
    """
    starts = set()
    pos = block.find(DELETE)
    while pos != -1:
        starts.add(pos)
        pos = block.find(DELETE, pos + 1)
    for needle in needles:
        pos = block.find(needle)
        while pos != -1:
            start, after = _record_start(block, pos), _next_start(block, pos)
            if start != -1:
                starts.add(start)
            pos = block.find(needle, after)  # the rest of this record cannot add anything
    for start in sorted(starts):
        yield start, _record_end(block, start, _next_start(block, start))


def _record_start(block, pos) -> int:
    """Start of the article or book record around pos, -1 if none."""
    article = block.rfind(ARTICLE, 0, pos)
    return max(article, block.rfind(BOOK, max(article, 0), pos))


def _next_start(block, start) -> int:
    """Where the record after the one at start begins (the block's end if none).

    Each search stops where an earlier one found a record: an absent tag
    costs a scan of one record, not of the rest of the block.
    """
    limit = len(block)
    for tag in START_TAGS:
        pos = block.find(tag, start + 1, limit)
        if pos != -1:
            limit = pos
    return limit


def count_records(block: bytes) -> int:
    """Count article and book records in a block without parsing it."""
    return block.count(ARTICLE) + block.count(BOOK)


# ---------------------------------------------------------------- XML records


def parse_element(xml: bytes):
    """Parse one top-level element's bytes into an lxml element."""
    return etree.fromstring(xml, _PARSER)


def text_of(element) -> str | None:
    """All text inside an element (inline markup and MathML kept), spaces squeezed."""
    if element is None:
        return None
    # Most elements hold plain text; only mixed content needs itertext().
    text = element.text if not len(element) else "".join(element.itertext())
    return " ".join(text.split()) or None if text else None


def _children(element) -> dict:
    """The first child of each tag, by tag, in one pass: a find() per field costs far more."""
    found = {}
    if element is not None:
        for child in element:
            found.setdefault(child.tag, child)
    return found


def _own_text(element):
    """An element's own text (no children's), like findtext(); None when it is absent."""
    return None if element is None else element.text


REFERENCES, REFERENCES_END = b"<ReferenceList", b"</ReferenceList>"


def without_references(xml: bytes) -> bytes:
    """The record without its cited-reference lists, which nothing here reads.

    They are the last children of PubmedData (and BookDocument) and a third of a
    recent record's bytes; cutting them before parsing saves that much parsing.
    """
    start = xml.find(REFERENCES)
    if start == -1:
        return xml
    end = xml.rfind(REFERENCES_END)
    if end < start:
        return xml  # broken: let the parser say why
    return xml[:start] + xml[end + len(REFERENCES_END):]


def references(xml: bytes) -> list:
    """The record's cited references, in order, each with its list's title and the PMID and DOI it gives.

    Parsed apart from the rest of the record (which skips them), and only where a record has them.
    """
    start = xml.find(REFERENCES)
    if start == -1:
        return []
    end = xml.rfind(REFERENCES_END)
    try:
        root = parse_element(b"<Lists>" + xml[start:end + len(REFERENCES_END)] + b"</Lists>")
    except etree.XMLSyntaxError:
        return []  # a broken reference list costs its references, never the record
    found = []
    for ref_list in root.iter("ReferenceList"):
        title = text_of(ref_list.find("Title"))
        for reference in ref_list.iterchildren("Reference"):
            ids = {a.get("IdType"): text_of(a) for a in reference.iter("ArticleId")}
            found.append({"position": len(found) + 1, "citation": text_of(reference.find("Citation")),
                          "cited_pmid": _int(ids.get("pubmed")), "cited_doi": ids.get("doi"), "list_title": title})
    return found


def parse_record(xml: bytes) -> dict:
    """Turn one PubmedArticle or PubmedBookArticle into a record dict."""
    root = parse_element(without_references(xml))
    if root.tag == "PubmedArticle":
        record = _article(root)
    elif root.tag == "PubmedBookArticle":
        record = _book(root)
    else:
        raise ValueError(f"unexpected element <{root.tag}>")
    record["references"] = references(xml)
    record["raw"] = xml
    record["raw_format"] = "pubmed-xml"
    return record


def parse_deletion(xml: bytes) -> list:
    """PMIDs listed in a DeleteCitation element."""
    return [_pmid(p)[0] for p in parse_element(xml).iterchildren("PMID")]


def _pmid(element):
    """PMID and its version from a PMID element (absent Version means 1)."""
    if element is None or _int(element.text) is None:
        raise ValueError("record has no numeric PMID")
    pmid = checked_pmid(_int(element.text))
    version = _int(element.get("Version") or "1")
    if version is None:
        raise ValueError(f"PMID {pmid} has a non-numeric Version")
    return pmid, version


def checked_pmid(pmid: int) -> int:
    """A PMID as read, refused if it is 0: PubMed numbers records from 1, and a 0 is
    what a template or a broken export leaves, not a record to store or delete."""
    if pmid == 0:
        raise ValueError("PMID 0 is not a PubMed record number")
    return pmid


def _article(root) -> dict:
    parts = _children(root)
    citation = parts.get("MedlineCitation")
    if citation is None:
        raise ValueError("PubmedArticle without MedlineCitation")
    cited = _children(citation)
    article = cited.get("Article")
    if article is None:
        raise ValueError("MedlineCitation without Article")
    fields = _children(article)
    record = _empty_record(*_pmid(cited.get("PMID")), "article")
    record.update(_journal(fields.get("Journal"), cited.get("MedlineJournalInfo")))
    record.update(
        title=text_of(fields.get("ArticleTitle")) or text_of(fields.get("VernacularTitle")),
        pages=_pages(fields.get("Pagination")),
        electronic_date=_ymd(fields.get("ArticleDate")),
        languages=_languages(article),
        status=citation.get("Status"),
        revised_date=_ymd(cited.get("DateRevised")),
        completed_date=_ymd(cited.get("DateCompleted")),
        coi_statement=text_of(cited.get("CoiStatement")),
        authors=_authors(fields.get("AuthorList")),
        publication_types=_publication_types(fields.get("PublicationTypeList")),
        mesh=_mesh(cited.get("MeshHeadingList")),
        keywords=_keywords(citation),
        chemicals=_chemicals(cited.get("ChemicalList")),
        grants=_grants(fields.get("GrantList")),
        comments_corrections=_comments(cited.get("CommentsCorrectionsList")),
        databanks=_databanks(fields.get("DataBankList")),
    )
    record.update(_abstract(fields.get("Abstract")))
    record.update(_pubmed_data(parts.get("PubmedData"), article))
    return record


def _book(root) -> dict:
    parts = _children(root)
    document = parts.get("BookDocument")
    if document is None:
        raise ValueError("PubmedBookArticle without BookDocument")
    fields = _children(document)
    book = _children(fields.get("Book"))
    record = _empty_record(*_pmid(fields.get("PMID")), "book")
    record.update(_pub_date(book.get("PubDate")))
    book_title = text_of(book.get("BookTitle"))
    record.update(
        title=text_of(fields.get("ArticleTitle")) or book_title,
        book_title=book_title,
        publisher=text_of(_children(book.get("Publisher")).get("PublisherName")),
        languages=_languages(document),
        authors=_authors(fields.get("AuthorList")),
        publication_types=_publication_types(document),
        keywords=_keywords(document),
        revised_date=_ymd(fields.get("DateRevised")),
    )
    record.update(_abstract(fields.get("Abstract")))
    record.update(_article_ids(fields.get("ArticleIdList")))
    record.update(_history(parts.get("PubmedBookData")))
    return record


def _empty_record(pmid, version, record_type) -> dict:
    """A record with every key of docs/record.md present and empty."""
    record = dict.fromkeys(SCALAR_KEYS)
    record.update({key: [] for key in LIST_KEYS})
    record.update(pmid=pmid, pmid_version=version, record_type=record_type)
    return record


SCALAR_KEYS = (
    "title abstract journal journal_iso issn journal_nlm_id volume issue pages "
    "pub_year pub_month pub_day pub_date pub_date_text electronic_date doi pmcid pii "
    "status publication_status entrez_date created_date revised_date completed_date "
    "coi_statement book_title publisher"
).split()
LIST_KEYS = (
    "abstract_sections languages authors mesh publication_types keywords chemicals "
    "grants comments_corrections databanks references"
).split()


def _journal(journal, info) -> dict:
    if journal is None:
        return {}
    fields, info = _children(journal), _children(info)
    issue = _children(fields.get("JournalIssue"))
    return {
        "journal": text_of(fields.get("Title")),
        "journal_iso": text_of(fields.get("ISOAbbreviation")) or text_of(info.get("MedlineTA")),
        "issn": text_of(fields.get("ISSN")) or text_of(info.get("ISSNLinking")),
        "journal_nlm_id": text_of(info.get("NlmUniqueID")),
        "volume": text_of(issue.get("Volume")),
        "issue": text_of(issue.get("Issue")),
        **_pub_date(issue.get("PubDate")),
    }


def _pages(pagination):
    fields = _children(pagination)
    pages = text_of(fields.get("MedlinePgn"))
    if pages:
        return pages
    start, end = text_of(fields.get("StartPage")), text_of(fields.get("EndPage"))
    return f"{start}-{end}" if start and end else start


def _languages(parent) -> list:
    return [l.text for l in parent.iterchildren("Language") if l.text]


# ---------------------------------------------------------------- dates


# ---------------------------------------------------------------- dates


def month_number(value):
    """Month as 1-12 from 'Jan', 'January', '01' or '1'; None otherwise."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        number = _int(value)
        return number if number and 1 <= number <= 12 else None
    return MONTHS.get(value[:3].lower())


def _int(value):
    """A plain decimal number that fits SQLite's INTEGER, or None."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _pub_date(element) -> dict:
    """Year, month, day, a sortable date and the date as printed."""
    if element is None:
        return {}
    fields = _children(element)
    medline = text_of(fields.get("MedlineDate"))
    if medline:
        return _medline_date(medline)
    year = _int(_own_text(fields.get("Year")))
    season = text_of(fields.get("Season"))
    month = month_number(_own_text(fields.get("Month"))) or _range_start_month(season)
    day = _int(_own_text(fields.get("Day"))) if month else None
    printed = [str(year) if year else None, season or _month_name(month), str(day) if day else None]
    return {
        "pub_year": year,
        "pub_month": month,
        "pub_day": day,
        "pub_date": _sortable(year, month, day),
        "pub_date_text": " ".join(p for p in printed if p) or None,
    }


def _medline_date(text) -> dict:
    """Year and first month of a free-text MedlineDate such as '1998 Dec-1999 Jan'."""
    year_match = re.search(r"\b(1[5-9]\d\d|2\d\d\d)\b", text)
    year = int(year_match.group(1)) if year_match else None
    month_match = re.match(r"\s*\d{4}\s+([A-Za-z]{3})", text)
    month = month_number(month_match.group(1)) if month_match else None
    return {
        "pub_year": year,
        "pub_month": month,
        "pub_date": _sortable(year, month, None),
        "pub_date_text": text,
    }


def _range_start_month(text):
    """First month of a range of months such as 'Jul-Aug' or 'Dec-1999 Jan'; None for 'Spring'.

    NLM prints bimonthly and quarterly issues as a Season ('Jan-Mar') in XML and in
    MEDLINE's DP, and as a MedlineDate in older records; all three must give the month
    _medline_date gives, or one issue sorts by month or by year depending on its source.
    """
    match = re.match(r"([A-Za-z]{3,9})(?:-|\s|$)", (text or "").strip())
    return month_number(match.group(1)) if match else None


def _month_name(month):
    return "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[month - 1] if month else None


def _sortable(year, month, day):
    if not year:
        return None
    parts = [f"{year:04d}"] + [f"{v:02d}" for v in (month, day) if v]
    return "-".join(parts[: 3 if month else 1])


def _ymd(element):
    """A Year/Month/Day element as YYYY-MM-DD (or shorter when parts are missing)."""
    if element is None:
        return None
    texts = {}
    for child in element:  # the first of each part, as _children() would pick
        texts.setdefault(child.tag, child.text)
    year = _int(texts.get("Year"))
    month = month_number(texts.get("Month"))
    return _sortable(year, month, _int(texts.get("Day")) if month else None)


# ---------------------------------------------------------------- people and terms


def _authors(author_list) -> list:
    if author_list is None:
        return []
    valid = (a for a in author_list.iterchildren("Author") if a.get("ValidYN", "Y") != "N")
    return [_author(position, a) for position, a in enumerate(valid, start=1)]


def _author(position, author) -> dict:
    fields = _children(author)
    return {
        "position": position,
        "last_name": text_of(fields.get("LastName")),
        "fore_name": text_of(fields.get("ForeName")),
        "initials": text_of(fields.get("Initials")),
        "suffix": text_of(fields.get("Suffix")),
        "collective_name": text_of(fields.get("CollectiveName")),
        "orcid": _orcid(author) if "Identifier" in fields else None,
        "affiliations": [
            t for info in author.iterchildren("AffiliationInfo")
            for t in map(text_of, info.iterchildren("Affiliation")) if t
        ],
        "equal_contrib": author.get("EqualContrib") == "Y",
    }


ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")


def _orcid(author):
    """The bare ORCID iD, whether given as a URL or a number."""
    for identifier in author.iterchildren("Identifier"):
        if (identifier.get("Source") or "").upper() == "ORCID":
            match = ORCID.search(identifier.text or "")
            if match:
                return match.group(1)
    return None


def _publication_types(parent) -> list:
    if parent is None:
        return []
    types = ((pt.get("UI"), text_of(pt)) for pt in parent.iterchildren("PublicationType"))
    return [{"ui": ui, "name": name} for ui, name in types if name]


def _mesh(heading_list) -> list:
    if heading_list is None:
        return []
    headings = ((h, next(h.iterchildren("DescriptorName"), None)) for h in heading_list.iterchildren("MeshHeading"))
    return [_heading(h, descriptor) for h, descriptor in headings if descriptor is not None]


def _heading(heading, descriptor) -> dict:
    return {
        "descriptor_ui": descriptor.get("UI"),
        "descriptor": text_of(descriptor),
        "major_topic": descriptor.get("MajorTopicYN") == "Y",
        "qualifiers": [
            {"ui": q.get("UI"), "name": text_of(q), "major_topic": q.get("MajorTopicYN") == "Y"}
            for q in heading.iterchildren("QualifierName")
        ],
    }


def _keywords(parent) -> list:
    found = (
        (kl.get("Owner"), k, text_of(k))
        for kl in parent.iterchildren("KeywordList")
        for k in kl.iterchildren("Keyword")
    )
    return [
        {"keyword": text, "major_topic": k.get("MajorTopicYN") == "Y", "owner": owner}
        for owner, k, text in found
        if text
    ]


def _chemicals(chemical_list) -> list:
    if chemical_list is None:
        return []
    fields = (_children(c) for c in chemical_list.iterchildren("Chemical"))
    return [
        {
            "ui": f["NameOfSubstance"].get("UI"),
            "name": text_of(f["NameOfSubstance"]),
            "registry_number": text_of(f.get("RegistryNumber")),
        }
        for f in fields
        if "NameOfSubstance" in f
    ]


def _grants(grant_list) -> list:
    if grant_list is None:
        return []
    fields = (_children(g) for g in grant_list.iterchildren("Grant"))
    return [{key: text_of(f.get(tag)) for key, tag in GRANT_FIELDS} for f in fields]


GRANT_FIELDS = (("grant_id", "GrantID"), ("acronym", "Acronym"), ("agency", "Agency"), ("country", "Country"))


def _comments(comment_list) -> list:
    if comment_list is None:
        return []
    comments = ((c, _children(c)) for c in comment_list.iterchildren("CommentsCorrections"))
    return [
        {
            "ref_type": c.get("RefType"),
            "ref_pmid": _int(_own_text(f.get("PMID"))),
            "ref_source": text_of(f.get("RefSource")),
        }
        for c, f in comments
    ]


def _databanks(databank_list) -> list:
    """Registries and data repositories the record names, each with its accession numbers."""
    if databank_list is None:
        return []
    banks = []
    for bank in databank_list.iterchildren("DataBank"):
        accessions = [text_of(a) for a in bank.iter("AccessionNumber")]
        banks.append({"name": text_of(bank.find("DataBankName")), "accessions": [a for a in accessions if a]})
    return banks


def _abstract(abstract) -> dict:
    """Plain abstract with its section labels kept, plus the sections themselves."""
    if abstract is None:
        return {}
    sections = [
        {"label": t.get("Label"), "category": t.get("NlmCategory"), "text": text_of(t)}
        for t in abstract.iterchildren("AbstractText")
    ]
    sections = [s for s in sections if s["text"]]
    joined = "\n\n".join(
        f"{s['label']}: {s['text']}" if s["label"] else s["text"] for s in sections
    )
    return {"abstract": joined or None, "abstract_sections": sections}


# ---------------------------------------------------------------- identifiers and history


def _pubmed_data(pubmed_data, article) -> dict:
    found = {}
    for location in article.iterchildren("ELocationID"):
        if location.get("ValidYN", "Y") == "Y" and location.get("EIdType") in ("doi", "pii"):
            found.setdefault(location.get("EIdType"), text_of(location))
    fields = _children(pubmed_data)
    ids = _article_ids(fields.get("ArticleIdList"))
    result = {
        "doi": ids.get("doi") or found.get("doi"),
        "pii": ids.get("pii") or found.get("pii"),
        "pmcid": ids.get("pmcid"),
    }
    result.update(_history(pubmed_data, fields))
    return result


def _article_ids(id_list) -> dict:
    """DOI, PII and PMCID from the record's own ArticleIdList (not its references')."""
    if id_list is None:
        return {}
    ids = {}
    for article_id in id_list.iterchildren("ArticleId"):
        kind = {"pmc": "pmcid"}.get(article_id.get("IdType"), article_id.get("IdType"))
        text = text_of(article_id) if kind in ("doi", "pii", "pmcid") else None
        if text:
            ids.setdefault(kind, text)
    return ids


def _history(pubmed_data, fields=None) -> dict:
    """Created (CRDT, 'entrez'), entrez (EDAT, 'pubmed') dates and publication status."""
    if pubmed_data is None:
        return {}
    fields = fields or _children(pubmed_data)
    history = fields.get("History")
    found = history.iterchildren("PubMedPubDate") if history is not None else ()
    # a record lists half a dozen dates (received, accepted...); two of them are kept
    dates = {d.get("PubStatus"): d for d in found}
    dates = {status: _ymd(dates.get(status)) for status in ("entrez", "pubmed")}
    return {
        "created_date": dates.get("entrez"),
        "entrez_date": dates.get("pubmed") or dates.get("entrez"),
        "publication_status": text_of(fields.get("PublicationStatus")),
    }


def author_string(authors) -> str | None:
    """Authors as a reader expects them: 'Smith J, Doe AB, Trial Group'."""
    names = []
    for a in authors:
        if a.get("collective_name"):
            names.append(a["collective_name"])
        elif a.get("last_name"):
            names.append(" ".join(p for p in (a["last_name"], a.get("initials"), a.get("suffix")) if p))
    return ", ".join(names) or None


# ---------------------------------------------------------------- whole inputs


def iter_xml(stream, needles=None, head=b""):
    """Yield ('record', dict), ('deleted', [pmid]), ('rejected', (where, why)) and ('read', n).

    With needles, only records containing one of them are parsed: the rest are
    counted at the byte level and skipped.
    """
    seen, tail = 0, b""
    for block in iter_blocks(stream, head):
        read = count_records(block)
        yield from block_items(block, needles, seen, read)
        seen += read
        tail = block
    yield from truncated_tail(tail, seen)


def block_items(block, needles=None, seen=0, read=None):
    """iter_xml's items for one block; seen is how many records came before it."""
    spans = candidate_spans(block, needles) if needles else record_spans(block)
    for start, end in spans:
        yield from _xml_item(block, start, end, seen)
    yield "read", count_records(block) if read is None else read


def _xml_item(block, start, end, seen):
    if end == -1:
        if any(tag in block[start + 1:] for tag in START_TAGS):
            yield "rejected", (_where(block, start, seen), "no closing tag before the next record")
        return  # the input's unfinished last record: reported by truncated_tail
    chunk = block[start:end]
    try:
        if chunk.startswith(DELETE):
            yield "deleted", parse_deletion(chunk)
        else:
            yield "record", parse_record(chunk)
    except Exception as error:  # one bad record never stops its neighbours
        yield "rejected", (_where(block, start, seen), error_text(error))


def _where(block, start, seen) -> str:
    return f"record {seen + count_records(block[:start]) + 1} (byte {start})"


def truncated_tail(tail, seen):
    """Report a record the input broke off in the middle of."""
    last_end = max((tail.rfind(tag) + len(tag) for tag in END_TAGS if tag in tail), default=0)
    rest = tail[last_end:]
    if any(tag in rest for tag in START_TAGS):
        number = seen - count_records(rest) + 1
        yield "rejected", (f"record {number}", "input ends inside this record (truncated)")


def iter_medline(stream):
    """Yield the same items as iter_xml for MEDLINE ('PubMed' format) text."""
    position = 0
    for lines in _medline_blocks(stream):
        position += 1
        yield "read", 1
        block = b"".join(lines)
        try:
            yield "record", parse_medline_record(block.decode("utf-8"))
        except Exception as error:  # one bad record never stops its neighbours
            yield "rejected", (f"record {position}", error_text(error))


def _medline_blocks(stream):
    """Group lines into records: each starts at 'PMID-' and ends at a blank line."""
    lines, size = [], 0
    while line := stream.readline(MAX_RECORD_BYTES):
        if line.startswith(b"PMID-") and lines:
            yield lines
            lines, size = [], 0
        if line.strip() or lines:
            lines.append(line)
            size += len(line)
            if size > MAX_RECORD_BYTES:
                raise ParseError(f"a MEDLINE record longer than {MAX_RECORD_BYTES >> 20} MB; not PubMed input")
    if any(line.strip() for line in lines):
        yield lines


def iter_file(path, needles=None):
    """Yield items from a PubMed XML or MEDLINE file, plain or gzipped."""
    with open_input(path) as stream:
        head = stream.read(4096)
        kind = sniff_format(head)
        if kind == "medline":
            # Windows editors start a file with a BOM, which would glue itself to the first
            # 'PMID-' tag and lose that record its PMID (XML records are cut out past it).
            yield from iter_medline(_chain(head.removeprefix(UTF8_BOM), stream))
        else:
            yield from iter_xml(stream, needles, head)


def _chain(head, stream):
    """Lines of the head bytes followed by the rest of the stream."""
    return io.BufferedReader(_Prefixed(head, stream))


class _Prefixed(io.RawIOBase):
    """A raw stream that replays a prefix before the rest of another stream."""

    def __init__(self, prefix, stream):
        self.prefix, self.stream = prefix, stream

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.prefix[: len(buffer)] or self.stream.read(len(buffer))
        self.prefix = self.prefix[len(data):] if self.prefix else b""
        buffer[: len(data)] = data
        return len(data)


def parse_xml_bytes(data: bytes) -> ParsedBatch:
    """Parse a whole PubmedArticleSet held in memory (an EFetch answer)."""
    sniff_format(data[:4096])
    batch = ParsedBatch()
    for kind, value in iter_xml(io.BytesIO(data)):
        if kind == "record":
            batch.records.append(value)
        elif kind == "deleted":
            batch.deleted.extend(value)
        elif kind == "rejected":
            batch.rejected.append(value)
        else:
            batch.read += value
    batch.complete = b"</PubmedArticleSet>" in data[-200:] or data.rstrip().endswith(b"<PubmedArticleSet/>")
    return batch


# ---------------------------------------------------------------- MEDLINE text


def parse_medline_record(text: str) -> dict:
    """Map one MEDLINE record (as Bio.Medline reads it) onto the record dict."""
    from Bio import Medline  # imported here: only MEDLINE inputs need Biopython

    fields = Medline.read(io.StringIO(text))
    pmid = _int(str(fields.get("PMID", "")))
    if pmid is None:
        raise ValueError("MEDLINE record without a numeric PMID")
    record = _empty_record(checked_pmid(pmid), 1, "article")
    record.update(_medline_core(fields))
    record["authors"] = _medline_authors(_medline_lines(text))
    record.update(_pub_date_from_dp(fields.get("DP")))
    record["raw"] = text.encode("utf-8")
    record["raw_format"] = "medline"
    return record


MEDLINE_TEXT = {
    "title": "TI", "abstract": "AB", "journal": "JT", "journal_iso": "TA", "volume": "VI",
    "issue": "IP", "pages": "PG", "status": "STAT", "coi_statement": "COIS",
    "journal_nlm_id": "JID",
}
MEDLINE_REF_TYPES = {
    "CIN": "CommentIn", "CON": "CommentOn", "EIN": "ErratumIn", "EFR": "ErratumFor",
    "RIN": "RetractionIn", "ROF": "RetractionOf", "CRI": "CorrectedandRepublishedIn",
    "CRF": "CorrectedandRepublishedFrom", "UIN": "UpdateIn", "UOF": "UpdateOf",
    "ECI": "ExpressionOfConcernIn", "ECF": "ExpressionOfConcernFor",
}


def _medline_databanks(lines) -> list:
    """SI lines ('ClinicalTrials.gov/NCT01234567') as the XML's DataBankList gives them."""
    banks = {}
    for line in [lines] if isinstance(lines, str) else lines:
        name, _, accession = line.partition("/")
        if accession.strip():
            banks.setdefault(name.strip(), []).append(accession.strip())
    return [{"name": name, "accessions": accessions} for name, accessions in banks.items()]


def _medline_text(value):
    """A MEDLINE field as one string (Bio.Medline keeps some fields as lists)."""
    if isinstance(value, list):
        value = " ".join(value)
    return " ".join(value.split()) or None if value else None


def _medline_core(fields) -> dict:
    record = {key: _medline_text(fields.get(tag)) for key, tag in MEDLINE_TEXT.items()}
    ids = " ".join(fields.get("AID", []) + [_medline_text(fields.get("LID")) or ""])
    record.update(
        issn=_first(r"\b(\d{4}-\d{3}[\dXx])\b", _medline_text(fields.get("IS"))),
        doi=_first(r"(\S+) \[doi\]", ids),
        pii=_first(r"(\S+) \[pii\]", ids),
        pmcid=_medline_text(fields.get("PMC")),
        languages=list(fields.get("LA", [])),
        publication_status=_first(r"^(\w+)", _medline_text(fields.get("PST"))),
        # DEP is MEDLINE's ArticleDate (the electronic publication), as YYYYMMDD
        electronic_date=_compact_date(fields.get("DEP")),
        created_date=_slashed_date(fields.get("CRDT")),
        entrez_date=_slashed_date(fields.get("EDAT")),
        revised_date=_compact_date(fields.get("LR")),
        completed_date=_compact_date(fields.get("DCOM")),
        publication_types=[{"ui": None, "name": n} for n in fields.get("PT", [])],
        mesh=[_medline_heading(h) for h in fields.get("MH", [])],
        keywords=[{"keyword": k, "major_topic": False, "owner": None} for k in fields.get("OT", [])],
        chemicals=[_medline_chemical(c) for c in fields.get("RN", [])],
        comments_corrections=_medline_comments(fields),
        databanks=_medline_databanks(fields.get("SI", [])),
    )
    record.update(_medline_abstract(record["abstract"]))
    return record


# A structured abstract's label as MEDLINE prints it: upper-case words and a colon, at
# the start of AB or after the end of a sentence (`... were used. RESULTS: Based on`,
# `... "outcome." STUDY ELIGIBILITY CRITERIA: We`), as in OBJECTIVE(S) or MATERIALS/METHODS.
MEDLINE_SECTION = re.compile(
    r"""(?:^|(?<=[.?!] )|(?<=[.?!]["')\]] ))"""
    r"([A-Z][A-Z0-9]*(?:\(S\))?(?:[ ,&/'-]+[A-Z0-9]+(?:\(S\))?)*): ")


def _medline_abstract(text) -> dict:
    """The abstract and its sections, as the XML's AbstractText elements give them.

    MEDLINE text runs a structured abstract's sections together in AB. They are cut at
    their labels when AB starts with one, as most structured abstracts do, or holds two
    (an unlabelled opening section comes first): a plain abstract with one 'HIV: ' after
    a full stop stays whole.
    """
    if not text:
        return {}
    labels = [m for m in MEDLINE_SECTION.finditer(text) if sum(c.isalpha() for c in m.group(1)) >= 3]
    if not labels or (labels[0].start() != 0 and len(labels) < 2):
        return {"abstract": text, "abstract_sections": [{"label": None, "category": None, "text": text}]}
    opening = [{"label": None, "category": None, "text": text[:labels[0].start()].strip()}]
    ends = [m.start() for m in labels[1:]] + [len(text)]
    sections = opening + [{"label": m.group(1), "category": None, "text": text[m.end():end].strip()}
                          for m, end in zip(labels, ends)]
    sections = [s for s in sections if s["text"]]
    return {"abstract": "\n\n".join(f"{s['label']}: {s['text']}" if s["label"] else s["text"]
                                      for s in sections) or None,
            "abstract_sections": sections}


def _first(pattern, text):
    match = re.search(pattern, text or "")
    return match.group(1) if match else None


def _slashed_date(value):
    """'2021/06/07 06:00' (first of a list) as 2021-06-07."""
    value = value[0] if isinstance(value, list) and value else value
    match = re.match(r"(\d{4})/(\d{2})/(\d{2})", value or "")
    return "-".join(match.groups()) if match else None


def _compact_date(value):
    match = re.match(r"(\d{4})(\d{2})(\d{2})", _medline_text(value) or "")
    return "-".join(match.groups()) if match else None


def _pub_date_from_dp(value) -> dict:
    """DP such as '2021 Jun 3', '2020 Spring' or '1998 Dec-1999 Jan'."""
    text = _medline_text(value)
    if not text:
        return {}
    parts = text.split()
    month = _range_start_month(parts[1]) if len(parts) > 1 else None
    day = _int(parts[2]) if month and len(parts) == 3 else None
    year = _int(parts[0][:4])
    return {
        "pub_year": year, "pub_month": month, "pub_day": day,
        "pub_date": _sortable(year, month, day), "pub_date_text": text,
    }


MEDLINE_LINE = re.compile(r"([A-Z0-9]{1,4}) *- ?(.*)")


def _medline_lines(text) -> list:
    """(tag, value) of every field line in order, continuation lines joined on.

    Bio.Medline groups values by tag, which loses which author an AD (affiliation)
    or AUID (ORCID) line follows, and where a CN (group) stands among the names.
    """
    lines = []
    for line in text.splitlines():
        if line.startswith("      ") and lines:
            tag, value = lines[-1]
            lines[-1] = (tag, f"{value} {line.strip()}")
        elif match := MEDLINE_LINE.fullmatch(line.rstrip()):
            lines.append((match.group(1), match.group(2).strip()))
    return lines


def _medline_authors(lines) -> list:
    """Authors in the order of their lines: FAU (full name, then its AU for initials),
    a lone AU in records without FAU, or CN (a group). AD and AUID lines belong to the
    author above them; an AD above every author (older records) to the first author,
    which is where the XML of those records keeps it."""
    authors, waiting_for_au, early = [], False, []
    for tag, value in lines:
        if tag == "FAU":
            last, _, fore = value.partition(",")
            fore, suffix = _name_suffix(fore.strip())
            authors.append(_plain_author(len(authors) + 1, last.strip(), fore or None, None, suffix))
        elif tag == "AU" and waiting_for_au:
            value, _ = _name_suffix(value)
            authors[-1]["initials"] = value.rpartition(" ")[2] if " " in value else None
        elif tag == "AU":
            value, suffix = _name_suffix(value)
            last, _, initials = value.rpartition(" ") if " " in value else (value, "", "")
            authors.append(_plain_author(len(authors) + 1, last.strip(), None, initials or None, suffix))
        elif tag == "CN":
            authors.append({**_plain_author(len(authors) + 1, None, None, None), "collective_name": value})
        elif tag == "AD" and value:
            (authors[-1]["affiliations"] if authors else early).append(value)
        elif tag == "AUID" and authors and (orcid := ORCID.search(value)) and "ORCID" in value.upper():
            authors[-1]["orcid"] = orcid.group(1)
        waiting_for_au = tag == "FAU"
    if authors and early:
        authors[0]["affiliations"][:0] = early
    return authors


# PubMed ends FAU and AU with the author's Suffix: 'Hale, N G Jr', 'Hale NG Jr'.
NAME_SUFFIX = re.compile(r"(.*\S)\s+(Jr|Sr|2nd|3rd|[4-9]th)\.?")


def _name_suffix(text):
    """'N G Jr' as ('N G', 'Jr'); a name without a suffix as (name, None)."""
    match = NAME_SUFFIX.fullmatch(text or "")
    return (match.group(1), match.group(2)) if match else (text, None)


def _plain_author(position, last, fore, initials, suffix=None) -> dict:
    return {
        "position": position, "last_name": last, "fore_name": fore, "initials": initials,
        "suffix": suffix, "collective_name": None, "orcid": None, "affiliations": [],
        "equal_contrib": False,
    }


def _medline_heading(text) -> dict:
    """'Ketamine/*administration & dosage/adverse effects' or '*Chronic Pain'."""
    descriptor, *qualifiers = text.split("/")
    return {
        "descriptor_ui": None,
        "descriptor": descriptor.lstrip("*").strip(),
        "major_topic": descriptor.startswith("*"),
        "qualifiers": [
            {"ui": None, "name": q.lstrip("*").strip(), "major_topic": q.startswith("*")}
            for q in qualifiers
        ],
    }


def _medline_chemical(text) -> dict:
    """'690G0D6V8H (Ketamine)' -> registry number and name."""
    match = re.match(r"\s*(\S+)\s+\((.*)\)\s*$", text)
    if not match:
        return {"ui": None, "name": text.strip(), "registry_number": None}
    return {"ui": None, "name": match.group(2), "registry_number": match.group(1)}


def _medline_comments(fields) -> list:
    return [
        {"ref_type": ref_type, "ref_pmid": _int(_first(r"PMID:\s*(\d+)", text)), "ref_source": text}
        for tag, ref_type in MEDLINE_REF_TYPES.items()
        for text in fields.get(tag, [])
    ]


def parse_raw(raw: str, raw_format: str) -> dict:
    """Rebuild a record from the raw text the catalogue keeps (raw_records)."""
    if raw_format == "medline":
        return parse_medline_record(raw)
    return parse_record(raw.encode("utf-8"))
