"""Pure parsing of PubMed XML records (PubmedArticle, PubmedBookArticle, DeleteCitation) into
record dicts (docs/record.md). No network, database or clock here.

harvest.read cuts a file or an EFetch answer into records, so each record is parsed on its
own; the parser never reads a DTD, resolves an entity or fetches anything.
"""

import re

from lxml import etree

from harvest.record import (ORCID, checked_pmid, empty_record, month_name, month_number, range_start_month,
                            sortable_date, squeezed, whole_number)

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def parse_element(xml: bytes):
    """Parse one top-level element's bytes into an lxml element."""
    return etree.fromstring(xml, _PARSER)


def text_of(element) -> str | None:
    """All text inside an element (inline markup and MathML kept), spaces squeezed."""
    if element is None:
        return None
    # Most elements hold plain text; only mixed content needs itertext().
    return squeezed(element.text if not len(element) else "".join(element.itertext()))


def _children(element) -> dict:
    """The first child of each tag, by tag, in one pass: a find() per field costs far more."""
    found = {}
    if element is not None:
        for child in element:
            found.setdefault(child.tag, child)
    return found


def _required(parts, tag, parent):
    """The child a record cannot be read without, or ValueError naming what is missing."""
    child = parts.get(tag)
    if child is None:
        raise ValueError(f"{parent} without {tag}")
    return child


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
                          "cited_pmid": whole_number(ids.get("pubmed")), "cited_doi": ids.get("doi"), "list_title": title})
    return found


# ---------------------------------------------------------------- records


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
    if element is None or whole_number(element.text) is None:
        raise ValueError("record has no numeric PMID")
    pmid = checked_pmid(whole_number(element.text))
    version = whole_number(element.get("Version") or "1")
    if version is None:
        raise ValueError(f"PMID {pmid} has a non-numeric Version")
    return pmid, version


def _article(root) -> dict:
    parts = _children(root)
    citation = _required(parts, "MedlineCitation", "PubmedArticle")
    cited = _children(citation)
    article = _required(cited, "Article", "MedlineCitation")
    fields = _children(article)
    record = empty_record(*_pmid(cited.get("PMID")), "article")
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
    document = _required(parts, "BookDocument", "PubmedBookArticle")
    fields = _children(document)
    book = _children(fields.get("Book"))
    record = empty_record(*_pmid(fields.get("PMID")), "book")
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


# ---------------------------------------------------------------- journal and dates


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


def _pub_date(element) -> dict:
    """Year, month, day, a sortable date and the date as printed."""
    if element is None:
        return {}
    fields = _children(element)
    medline = text_of(fields.get("MedlineDate"))
    if medline:
        return _medline_date(medline)
    year = whole_number(_own_text(fields.get("Year")))
    season = text_of(fields.get("Season"))
    month = month_number(_own_text(fields.get("Month"))) or range_start_month(season)
    day = whole_number(_own_text(fields.get("Day"))) if month else None
    printed = [str(year) if year else None, season or month_name(month), str(day) if day else None]
    return {
        "pub_year": year,
        "pub_month": month,
        "pub_day": day,
        "pub_date": sortable_date(year, month, day),
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
        "pub_date": sortable_date(year, month, None),
        "pub_date_text": text,
    }


def _ymd(element):
    """A Year/Month/Day element as YYYY-MM-DD (or shorter when parts are missing)."""
    if element is None:
        return None
    texts = {}
    for child in element:  # the first of each part, as _children() would pick
        texts.setdefault(child.tag, child.text)
    year = whole_number(texts.get("Year"))
    month = month_number(texts.get("Month"))
    return sortable_date(year, month, whole_number(texts.get("Day")) if month else None)


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
            "ref_pmid": whole_number(_own_text(f.get("PMID"))),
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
