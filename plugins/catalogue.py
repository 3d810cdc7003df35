"""Catalogue pages: provenance on the home page, the article page, shortcuts and search snippets."""

import datetime
import re
import urllib.parse

from datasette import hookimpl
from datasette.utils import escape_fts as datasette_escape_fts
from markupsafe import Markup, escape

from harvest import cite, parse
from harvest.load import LABEL_TABLES


def plugin_config(datasette) -> dict:
    return datasette.plugin_config("catalogue") or {}


async def catalogue_db(datasette):
    """The database that holds the catalogue (the first one with an articles table)."""
    for name, db in datasette.databases.items():
        if name != "_internal" and "articles" in await db.table_names():
            return db
    return None


# ---------------------------------------------------------------- search


# Words and quoted phrases a search keeps. FTS5 ranks and highlights inside one step of SQLite,
# which the time limit cannot stop: 2,000 words kept a 50,000-record search busy for 14 s.
MAX_SEARCH_TERMS = 100


def escape_fts(query):
    """Datasette's escape_fts for words typed into a search box, where FTS5 would refuse what it
    makes of some: a NUL separates words (FTS5 reads a C string, so a NUL leaves a quote open) and a
    query of no words is the empty phrase '""', which matches nothing, rather than a syntax error.
    Words past the first MAX_SEARCH_TERMS are left out."""
    if not isinstance(query, str):
        return datasette_escape_fts(query)
    terms = re.findall(r'"[^"]*"', datasette_escape_fts(query.replace("\0", " ")))
    return " ".join(terms[:MAX_SEARCH_TERMS]) or '""'


@hookimpl(specname="prepare_connection", trylast=True)
def search_functions(conn):
    """Replaces Datasette's own escape_fts (the search query and ?_search= both call it)."""
    conn.create_function("escape_fts", 1, escape_fts)


# ---------------------------------------------------------------- template helpers


def snippet_html(text) -> Markup:
    """An FTS snippet with only its <mark> highlights left as HTML."""
    if not text:
        return Markup("")
    html = str(escape(text)).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
    return Markup(html)


def long_date(value) -> str:
    """'2021-06-07' or an ISO timestamp as '7 June 2021'."""
    if not value:
        return ""
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {day.strftime('%B %Y')}"


def pivot(rows, across: str, down: str = "condition", value: str = "records") -> dict:
    """Rows of (down, across, value) as a grid: {"down": [...], "across": [...], "cells": {(d, a): n}}."""
    cells = {(row[down], row[across]): row[value] for row in rows}
    return {"down": sorted({d for d, _ in cells}, key=_last_if_bracketed),
            "across": sorted({a for _, a in cells}, key=_design_order),
            "cells": cells}


DESIGN_ORDER = ["meta-analysis", "systematic-review", "guideline", "rct", "clinical-trial", "observational",
                "case-series", "case-report", "review", "letter-editorial", "protocol", "other"]


def _last_if_bracketed(value):
    return (str(value).startswith("("), str(value))


def _design_order(value):
    return (str(value).startswith("("), DESIGN_ORDER.index(value) if value in DESIGN_ORDER else 99, str(value))


def filter_args(column: str, value) -> dict:
    """Table filter for one cell of a map: '(no condition)' and '(unclassified)' mean null."""
    if str(value).startswith("("):
        return {f"{column}__isnull": "1"}
    # The classifier's multi-valued labels filter by their join facets (metadata.yml), which
    # read the label tables, rather than by __arraycontains on the JSON columns.
    return {f"_join_{column}" if column in LABEL_TABLES else column: value}


def articles_url(datasette, database, **columns) -> str:
    """The articles table filtered to one cell of a map or chart."""
    args = {}
    for column, value in columns.items():
        if value not in (None, ""):
            args.update(filter_args(column, value))
    return datasette.urls.table(database, "articles") + "?" + urllib.parse.urlencode(args)


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["pivot"] = pivot
    env.filters["extract_cell"] = lambda across, cells, down: cells.get((down, across)) or 0
    env.filters["design_order"] = lambda values: sorted(values, key=_design_order)
    env.filters["snippet_html"] = snippet_html
    env.filters["json_list"] = cite.json_list
    env.filters["long_date"] = long_date
    env.filters["urlencode_pairs"] = lambda pairs: urllib.parse.urlencode(list(pairs))


@hookimpl
def extra_css_urls():
    return ["/assets/catalogue.css"]


@hookimpl
def extra_js_urls():
    return [{"url": "/assets/catalogue.js", "module": False}]


def shortcuts(datasette, database: str) -> list:
    """The configured shortcuts as (key, label, table URL, filters)."""
    table = datasette.urls.table(database, "articles")
    return [{"key": key, "label": s["label"], "filters": s["filters"],
             "url": table + "?" + urllib.parse.urlencode(s["filters"])}
            for key, s in (plugin_config(datasette).get("shortcuts") or {}).items()]


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    async def inner():
        db = await catalogue_db(datasette)
        if db is None:
            return {}
        extra = {"catalogue": db.name, "shortcuts": shortcuts(datasette, db.name),
                 "articles_url": lambda **columns: articles_url(datasette, db.name, **columns)}
        if view_name == "index" or template == "pages/about.html":
            extra["provenance"] = await provenance(db)
        if view_name == "row" and table == "articles" and request is not None:
            pks = request.url_vars.get("pks", "")
            extra["article"] = await article(datasette, db, pks)
        return extra

    return inner


# ---------------------------------------------------------------- provenance


async def provenance(db) -> dict:
    """Where the records came from, when, and how many there are, from harvest_runs."""
    runs = [dict(r) for r in (await db.execute("select * from harvest_runs order by id")).rows]
    records = (await db.execute("select count(*) from articles")).first()[0]
    topics = []
    if {"topics", "article_topics"} <= set(await db.table_names()):
        topics = [dict(r) for r in (await db.execute(
            "select t.name, t.title, count(at.pmid) as records from topics t "
            "left join article_topics at on at.topic = t.name group by t.name order by t.name")).rows]
    return {"records": records, "runs": runs[::-1][:10], "run_count": len(runs), "topics": topics,
            "statement": provenance_statement(runs, records)}


def provenance_statement(runs, records: int) -> str:
    """One paragraph: source, dates and counts, in words a reader can cite."""
    if not runs:
        return f"This catalogue holds {records:,} records; no harvest run is recorded in it."
    finished = [r for r in runs if r.get("finished")]
    sources = []
    file_runs = [r for r in runs if r["source"] == "files"]
    if file_runs:
        names = sorted({n for r in file_runs for n in cite.json_list(r.get("files"))})
        read = sum(r.get("read") or 0 for r in file_runs)
        kept = sum(r.get("in_scope") or 0 for r in file_runs)
        sources.append(f"PubMed data files read offline ({', '.join(names)}: "
                       f"{read:,} records read, {kept:,} in scope)")
    live = [r for r in runs if r["source"] == "pubmed"]
    if live:
        topics = sorted({r["topic"] for r in live if r.get("topic")})
        what = f" for the topics {', '.join(topics)}" if topics else ""
        sources.append(f"live searches of PubMed through NCBI's E-utilities{what} ({len(live):,} runs)")
    when = ""
    if finished:
        first, last = long_date(finished[0]["finished"]), long_date(finished[-1]["finished"])
        when = f", last updated {last}" if first == last else f", harvested between {first} and {last}"
    latest = runs[-1]
    status = "" if latest.get("status") == "complete" else f" The latest run is {latest.get('status')}."
    return (f"This catalogue holds {records:,} records, built from {' and '.join(sources)}{when}."
            f"{status}")


# ---------------------------------------------------------------- the article page


async def article(datasette, db, pks: str):
    """Everything the article page shows beyond the row: citations, abstract sections, MeSH, notices."""
    try:
        pmid = int(urllib.parse.unquote(pks))
    except ValueError:
        return None
    tables = set(await db.table_names())
    page = await db.execute_fn(lambda conn: _article(conn, pmid, tables))
    if page:
        base = datasette.urls.table(db.name, "articles")
        for notice in page["notices"]:
            notice["url"] = (f"{base}/{notice['pmid']}" if notice["in_catalogue"]
                             else cite.PUBMED_URL.format(notice["pmid"]) if notice["pmid"] else None)
    return page


def _article(conn, pmid: int, tables: set):
    refs = cite.load_references(conn, [pmid])
    if not refs:
        return None
    ref = refs[0]
    a = ref.article
    raw = conn.execute("select raw, format from raw_records where pmid = ?", [pmid]).fetchone()
    record = parse.parse_raw(*raw) if raw else {}
    mesh = [dict(zip(("descriptor", "major_topic", "qualifiers"), row)) for row in conn.execute(
        "select descriptor, major_topic, qualifiers from article_mesh where pmid = ? order by position", [pmid])]
    notices = cite.notices(ref)
    # Notices elsewhere that point at this record (a retraction notice for it, say).
    notices += [{"ref_type": t, "label": cite.NOTICES.get(t, (t,))[0].replace(" in", " of this record:"),
                 "pmid": p, "source": None} for p, t in conn.execute(
        "select pmid, ref_type from comments_corrections where ref_pmid = ? and ref_type in "
        "('RetractionOf', 'ErratumFor', 'ExpressionOfConcernFor')", [pmid])]
    held = _held(conn, [n["pmid"] for n in notices if n["pmid"]])
    for notice in notices:
        notice["in_catalogue"] = notice["pmid"] in held
    topics = []
    if "article_topics" in tables and "topics" in tables:
        topics = [dict(zip(("name", "title"), row)) for row in conn.execute(
            "select t.name, t.title from article_topics at join topics t on t.name = at.topic "
            "where at.pmid = ? order by t.name", [pmid])]
    return {
        "pmid": pmid, "warning": cite.warning(ref), "retracted": cite.is_retracted(ref),
        "citations": cite.citations(ref), "sections": sections(record, a.get("abstract")),
        "authors": [_author(x) for x in ref.authors], "mesh": mesh, "notices": notices,
        "topics": topics, "meta_tags": highwire_tags(ref), "links": links(a),
        "reasons": cite.json_list(a.get("classification_reasons")),
        "publication_types": cite.json_list(a.get("publication_types")),
        "keywords": cite.json_list(a.get("keywords")),
        "citation_line": _citation_line(a),
    }


def _held(conn, pmids) -> set:
    if not pmids:
        return set()
    marks = ",".join("?" * len(pmids))
    return {row[0] for row in conn.execute(f"select pmid from articles where pmid in ({marks})", pmids)}


def sections(record: dict, abstract):
    """Abstract sections as (label, text); one unlabelled section for a plain abstract."""
    found = [(s.get("label"), s.get("text")) for s in record.get("abstract_sections") or [] if s.get("text")]
    if found:
        return found
    return [(None, abstract)] if abstract else []


def _author(row) -> dict:
    name = row.get("collective_name") or " ".join(p for p in (row.get("fore_name"), row.get("last_name")) if p)
    return {"name": name, "orcid": row.get("orcid"), "affiliations": cite.json_list(row.get("affiliations"))}


def links(a) -> list:
    found = [("PubMed", cite.PUBMED_URL.format(a["pmid"]))]
    if a.get("doi"):
        found.append(("DOI " + a["doi"], cite.DOI_URL.format(urllib.parse.quote(a["doi"], safe="/()"))))
    if a.get("pmcid"):
        found.append(("Full text in PMC (" + a["pmcid"] + ")", cite.PMC_URL.format(a["pmcid"])))
    return found


def _citation_line(a) -> str:
    """Journal citation as PubMed prints it: 'J Clin Anesth. 2021;73:110331.'"""
    return cite._medline_source(a)


def highwire_tags(ref) -> list:
    """Highwire Press citation_* meta tags (read by Zotero's connector and Google Scholar)."""
    a = ref.article
    start, _, end = (a.get("pages") or "").partition("-")
    date = "/".join(str(p).zfill(2) for p in cite.date_parts(a))
    tags = [("citation_title", a.get("title"))]
    tags += [("citation_author", cite._inverted(cite.author_name(x))) for x in ref.authors]
    tags += [("citation_publication_date", date), ("citation_journal_title", a.get("journal")),
             ("citation_journal_abbrev", a.get("journal_iso")), ("citation_issn", a.get("issn")),
             ("citation_volume", a.get("volume")), ("citation_issue", a.get("issue")),
             ("citation_firstpage", start), ("citation_lastpage", cite._full_end_page(start, end)),
             ("citation_doi", a.get("doi")), ("citation_pmid", str(ref.pmid)),
             ("citation_language", a.get("language"))]
    tags += [("citation_keywords", term) for term in cite.json_list(a.get("mesh_terms"))]
    return [(name, value) for name, value in tags if value]


# ---------------------------------------------------------------- topic feeds


@hookimpl
def canned_queries(datasette, database):
    """A per-topic Atom feed, where the live harvester has linked records to topics."""

    async def inner():
        db = datasette.get_database(database)
        if not {"article_topics", "topics"} <= set(await db.table_names()):
            return {}
        return {"new_in_topic": {
            "title": "New records in a topic (Atom feed)",
            "description": "The newest records linked to a topic: add .atom to this page's address "
                           "and keep ?topic=NAME to subscribe.",
            "hide_sql": True,
            "sql": NEW_IN_TOPIC_SQL,
        }}

    return inner


NEW_IN_TOPIC_SQL = """select
  'tag:ketamine-pain-catalogue,2025:pmid:' || a.pmid as atom_id,
  case when a.retracted then '[RETRACTED] ' else '' end || a.title as atom_title,
  coalesce(a.entrez_date, a.created_date) || 'T00:00:00Z' as atom_updated,
  'https://pubmed.ncbi.nlm.nih.gov/' || a.pmid || '/' as atom_link,
  coalesce(a.authors, '') || '. ' || coalesce(a.journal_iso, '') || ' ' || coalesce(a.pub_year, '')
    || '. ' || coalesce(a.abstract, '') as atom_content,
  t.topic
from article_topics t join articles a on a.pmid = t.pmid
where t.topic = :topic
order by a.entrez_date desc, a.pmid desc
limit 50"""
