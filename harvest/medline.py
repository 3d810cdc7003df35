"""Pure parsing of MEDLINE text ("PubMed" format, .nbib, as PubMed's website exports it) into
record dicts (docs/record.md). No network, database or clock here.

MEDLINE text carries less than XML: no MeSH or chemical UIs, no NlmCategory for abstract
sections (they are found by their upper-case labels) and no equal-contribution flags.
harvest.read cuts a file into records; this module reads one.
"""

import io
import re

from harvest.record import (ORCID, checked_pmid, empty_record, range_start_month, sortable_date, squeezed,
                            whole_number)


def parse_record(text: str) -> dict:
    """Map one MEDLINE record (as Bio.Medline reads it) onto the record dict."""
    from Bio import Medline  # imported here: only MEDLINE inputs need Biopython

    fields = Medline.read(io.StringIO(text))
    pmid = whole_number(str(fields.get("PMID", "")))
    if pmid is None:
        raise ValueError("MEDLINE record without a numeric PMID")
    record = empty_record(checked_pmid(pmid), 1, "article")
    record.update(_core(fields))
    record["authors"] = _authors(_lines(text))
    record.update(_pub_date(fields.get("DP")))
    record["raw"] = text.encode("utf-8")
    record["raw_format"] = "medline"
    return record


# Record keys read from one MEDLINE field each, and the CommentsCorrections types of the link fields.
TEXT_FIELDS = {
    "title": "TI", "abstract": "AB", "journal": "JT", "journal_iso": "TA", "volume": "VI",
    "issue": "IP", "pages": "PG", "status": "STAT", "coi_statement": "COIS",
    "journal_nlm_id": "JID",
}
REF_TYPES = {
    "CIN": "CommentIn", "CON": "CommentOn", "EIN": "ErratumIn", "EFR": "ErratumFor",
    "RIN": "RetractionIn", "ROF": "RetractionOf", "CRI": "CorrectedandRepublishedIn",
    "CRF": "CorrectedandRepublishedFrom", "UIN": "UpdateIn", "UOF": "UpdateOf",
    "ECI": "ExpressionOfConcernIn", "ECF": "ExpressionOfConcernFor",
}


def _databanks(lines) -> list:
    """SI lines ('ClinicalTrials.gov/NCT01234567') as the XML's DataBankList gives them."""
    banks = {}
    for line in [lines] if isinstance(lines, str) else lines:
        name, _, accession = line.partition("/")
        if accession.strip():
            banks.setdefault(name.strip(), []).append(accession.strip())
    return [{"name": name, "accessions": accessions} for name, accessions in banks.items()]


def _text(value):
    """A MEDLINE field as one string (Bio.Medline keeps some fields as lists)."""
    if isinstance(value, list):
        value = " ".join(value)
    return squeezed(value)


def _core(fields) -> dict:
    record = {key: _text(fields.get(tag)) for key, tag in TEXT_FIELDS.items()}
    ids = " ".join(fields.get("AID", []) + [_text(fields.get("LID")) or ""])
    record.update(
        issn=_first(r"\b(\d{4}-\d{3}[\dXx])\b", _text(fields.get("IS"))),
        doi=_first(r"(\S+) \[doi\]", ids),
        pii=_first(r"(\S+) \[pii\]", ids),
        pmcid=_text(fields.get("PMC")),
        languages=list(fields.get("LA", [])),
        publication_status=_first(r"^(\w+)", _text(fields.get("PST"))),
        # DEP is MEDLINE's ArticleDate (the electronic publication), as YYYYMMDD
        electronic_date=_compact_date(fields.get("DEP")),
        created_date=_slashed_date(fields.get("CRDT")),
        entrez_date=_slashed_date(fields.get("EDAT")),
        revised_date=_compact_date(fields.get("LR")),
        completed_date=_compact_date(fields.get("DCOM")),
        publication_types=[{"ui": None, "name": n} for n in fields.get("PT", [])],
        mesh=[_heading(h) for h in fields.get("MH", [])],
        keywords=[{"keyword": k, "major_topic": False, "owner": None} for k in fields.get("OT", [])],
        chemicals=[_chemical(c) for c in fields.get("RN", [])],
        comments_corrections=_comments(fields),
        databanks=_databanks(fields.get("SI", [])),
    )
    record.update(_abstract(record["abstract"]))
    return record


# A structured abstract's label as MEDLINE prints it: upper-case words and a colon, at
# the start of AB or after the end of a sentence (`... were used. RESULTS: Based on`,
# `... "outcome." STUDY ELIGIBILITY CRITERIA: We`), as in OBJECTIVE(S) or MATERIALS/METHODS.
SECTION_LABEL = re.compile(
    r"""(?:^|(?<=[.?!] )|(?<=[.?!]["')\]] ))"""
    r"([A-Z][A-Z0-9]*(?:\(S\))?(?:[ ,&/'-]+[A-Z0-9]+(?:\(S\))?)*): ")


def _abstract(text) -> dict:
    """The abstract and its sections, as the XML's AbstractText elements give them.

    MEDLINE text runs a structured abstract's sections together in AB. They are cut at
    their labels when AB starts with one, as most structured abstracts do, or holds two
    (an unlabelled opening section comes first): a plain abstract with one 'HIV: ' after
    a full stop stays whole.
    """
    if not text:
        return {}
    labels = [m for m in SECTION_LABEL.finditer(text) if sum(c.isalpha() for c in m.group(1)) >= 3]
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
    match = re.match(r"(\d{4})(\d{2})(\d{2})", _text(value) or "")
    return "-".join(match.groups()) if match else None


def _pub_date(value) -> dict:
    """DP such as '2021 Jun 3', '2020 Spring' or '1998 Dec-1999 Jan'."""
    text = _text(value)
    if not text:
        return {}
    parts = text.split()
    month = range_start_month(parts[1]) if len(parts) > 1 else None
    day = whole_number(parts[2]) if month and len(parts) == 3 else None
    year = whole_number(parts[0][:4])
    return {
        "pub_year": year, "pub_month": month, "pub_day": day,
        "pub_date": sortable_date(year, month, day), "pub_date_text": text,
    }
FIELD_LINE = re.compile(r"([A-Z0-9]{1,4}) *- ?(.*)")


def _lines(text) -> list:
    """(tag, value) of every field line in order, continuation lines joined on.

    Bio.Medline groups values by tag, which loses which author an AD (affiliation)
    or AUID (ORCID) line follows, and where a CN (group) stands among the names.
    """
    lines = []
    for line in text.splitlines():
        if line.startswith("      ") and lines:
            tag, value = lines[-1]
            lines[-1] = (tag, f"{value} {line.strip()}")
        elif match := FIELD_LINE.fullmatch(line.rstrip()):
            lines.append((match.group(1), match.group(2).strip()))
    return lines


def _authors(lines) -> list:
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


def _heading(text) -> dict:
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


def _chemical(text) -> dict:
    """'690G0D6V8H (Ketamine)' -> registry number and name."""
    match = re.match(r"\s*(\S+)\s+\((.*)\)\s*$", text)
    if not match:
        return {"ui": None, "name": text.strip(), "registry_number": None}
    return {"ui": None, "name": match.group(2), "registry_number": match.group(1)}


def _comments(fields) -> list:
    return [
        {"ref_type": ref_type, "ref_pmid": whole_number(_first(r"PMID:\s*(\d+)", text)), "ref_source": text}
        for tag, ref_type in REF_TYPES.items()
        for text in fields.get(tag, [])
    ]
