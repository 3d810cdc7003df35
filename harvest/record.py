"""The record dict every layer passes on (docs/record.md), and the conventions the PubMed XML
reader (harvest.parse) and the MEDLINE text reader (harvest.medline) share: numbers, PMIDs,
month names, sortable dates, ORCID iDs, how authors are written, a record's PubMed address,
how text is squeezed.

Pure: no network, database or clock.
"""

import html
import re

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{}/"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")

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


# Some publishers' text reaches PubMed escaped twice: the XML then holds "P&amp;lt;0.05" or "&amp;#945;-glucosidase",
# and the record's text "P&lt;0.05" or "&#945;-glucosidase", which a reader would see and a writer quote as written.
ESCAPED_TWICE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot|apos);")


def squeezed(text) -> str | None:
    """Text as it is stored: references escaped twice read as their characters, every run of white space one
    space, None when nothing is left."""
    if not text:
        return None
    if "&" in text:
        text = ESCAPED_TWICE.sub(lambda m: html.unescape(m.group()), text)
    return " ".join(text.split()) or None


def empty_record(pmid, version, record_type) -> dict:
    """A record with every key of docs/record.md present and empty."""
    record = dict.fromkeys(SCALAR_KEYS)
    record.update({key: [] for key in LIST_KEYS})
    record.update(pmid=pmid, pmid_version=version, record_type=record_type)
    return record


def checked_pmid(pmid: int) -> int:
    """A PMID as read, refused if it is 0: PubMed numbers records from 1, and a 0 is
    what a template or a broken export leaves, not a record to store or delete."""
    if pmid == 0:
        raise ValueError("PMID 0 is not a PubMed record number")
    return pmid


def whole_number(value):
    """A plain decimal number that fits SQLite's INTEGER, or None."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


# ---------------------------------------------------------------- dates


def month_number(value):
    """Month as 1-12 from 'Jan', 'January', '01' or '1'; None otherwise."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        number = whole_number(value)
        return number if number and 1 <= number <= 12 else None
    return MONTH_NUMBERS.get(value[:3].lower())


def month_name(month):
    """'Jan' for 1; None for no month."""
    return MONTHS[month - 1] if month else None


def range_start_month(text):
    """First month of a range of months such as 'Jul-Aug' or 'Dec-1999 Jan'; None for 'Spring'.

    NLM prints bimonthly and quarterly issues as a Season ('Jan-Mar') in XML and in
    MEDLINE's DP, and as a MedlineDate in older records; all three must give the month
    a MedlineDate gives, or one issue sorts by month or by year depending on its source.
    """
    match = re.match(r"([A-Za-z]{3,9})(?:-|\s|$)", (text or "").strip())
    return month_number(match.group(1)) if match else None


def sortable_date(year, month, day):
    """'2021-06-07', '2021-06' or '2021'; None without a year."""
    if not year:
        return None
    parts = [f"{year:04d}"] + [f"{v:02d}" for v in (month, day) if v]
    return "-".join(parts[: 3 if month else 1])


# ---------------------------------------------------------------- people


def author_string(authors) -> str | None:
    """Authors as a reader expects them: 'Smith J, Doe AB, Trial Group'."""
    names = []
    for a in authors:
        if a.get("collective_name"):
            names.append(a["collective_name"])
        elif a.get("last_name"):
            names.append(" ".join(p for p in (a["last_name"], a.get("initials"), a.get("suffix")) if p))
    return ", ".join(names) or None
