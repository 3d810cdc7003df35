"""Catalogue pages: provenance and coverage on the home page and every page of results, the
article page, the evidence maps and chart, /about, the shortcuts, and the site's look.

Labels are named and ordered as harvest/vocabulary.yml has them.
"""

import datetime
import urllib.parse
from functools import lru_cache
from pathlib import Path

from datasette import hookimpl
from datasette.utils import path_with_replaced_args
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from datasette_catalogue import citations, reason_accuracy, study
from datasette_catalogue.profile import EVIDENCE_DESIGNS
from harvest import read, vocabulary
from harvest.classify import RULES
from harvest.schema import LABEL_TABLES

STATIC = Path(__file__).with_name("static")
# Links to retractions, errata, expressions of concern, updates and republications, from either end.
NOTICE_KINDS = set(citations.NOTICES) | {citations.INVERSE[kind] for kind in citations.NOTICES
                                         if kind in citations.INVERSE}


def plugin_config(datasette) -> dict:
    return datasette.plugin_config("catalogue") or {}


async def catalogue_db(datasette):
    """The database that holds the catalogue (the first one with an articles table)."""
    for name, db in datasette.databases.items():
        if name != "_internal" and "articles" in await db.table_names():
            return db
    return None


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


def pivot(rows, across: str, down: str = "condition", value: str = "records", every=()) -> dict:
    """Rows of (down, across, value) as a grid: {"down": [...], "across": [...], "cells": {(d, a): n}}.
    every: values of down to show in this order even where no row has them (with zeros)."""
    cells = {(row[down], row[across]): row[value] for row in rows}
    details = {(row[down], row[across]): dict(row) for row in rows}
    found = sorted({d for d, _ in cells} - set(every), key=_last_if_bracketed)
    return {"down": [d for d in found if not str(d).startswith("(")] + list(every)
                    + [d for d in found if str(d).startswith("(")] if every else found,
            "across": sorted({a for _, a in cells}, key=_design_order),
            "cells": cells, "details": details}


DESIGN_ORDER = vocabulary.DESIGN.values()


def _last_if_bracketed(value):
    return (str(value).startswith("("), str(value))


def _design_order(value):
    return (str(value).startswith("("), DESIGN_ORDER.index(value) if value in DESIGN_ORDER else 99, str(value))


def filter_args(column: str, value) -> dict:
    """Table filter for one cell of a map: '(no condition)' and '(unclassified)' mean null."""
    if str(value).startswith("("):
        return {f"{column}__isnull": "1"}
    # The classifier's multi-valued labels filter by their join facets (harvest.schema.JOINS), which
    # read the label tables, rather than by __arraycontains on the JSON columns.
    return {f"_join_{column}" if column in LABEL_TABLES else column: value}


def on_a_profile(condition: str, value: str, column: str) -> bool:
    """Whether a map cell (condition x design or route) has a row on an evidence profile: not '(no condition)',
    and not a design profiles leave out ('other': laboratory work, notices), whose cells list their records."""
    return not condition.startswith("(") and not value.startswith("(") and (
        column == "routes" or value in EVIDENCE_DESIGNS)


def profile_url(datasette, database, condition=None, route=None, population=None, design=None) -> str:
    """The evidence profile of one map cell: its condition (and route), at the row of its design."""
    question = {"condition": condition, "route": route, "population": population}
    query = urllib.parse.urlencode({k: v for k, v in question.items() if v and not str(v).startswith("(")})
    return (datasette.urls.database(database) + "/profile" + (f"?{query}" if query else "")
            + (f"#design-{design}" if design and not design.startswith("(") else ""))


def articles_url(datasette, database, **columns) -> str:
    """The articles table filtered to one cell of a map or chart."""
    args = {}
    for column, value in columns.items():
        if value not in (None, ""):
            args.update(filter_args(column, value))
    return datasette.urls.table(database, "articles") + "?" + urllib.parse.urlencode(args)


@hookimpl(specname="prepare_jinja2_environment")
def page_filters(env):
    env.filters["pivot"] = pivot
    env.filters["extract_cell"] = lambda across, cells, down: cells.get((down, across)) or 0
    env.filters["design_order"] = lambda values: sorted(values, key=_design_order)
    env.filters["snippet_html"] = snippet_html
    env.filters["json_list"] = citations.json_list
    env.filters["long_date"] = long_date
    env.filters["urlencode_pairs"] = lambda pairs: urllib.parse.urlencode(list(pairs))
    env.filters["count_noun"] = count_noun
    env.filters["with_args"] = lambda request, **args: path_with_replaced_args(request, args)


# ---------------------------------------------------------------- the site's own files


@lru_cache(maxsize=None)
def static_root() -> str:
    """Where Datasette serves this package's static/ folder: /-/static-plugins/<its name>/."""
    from datasette.plugins import get_plugins  # not on import: Datasette imports this package from there

    name = next(p["name"] for p in get_plugins() if p["static_path"] == str(STATIC))
    return f"/-/static-plugins/{name}/"


def static_url(datasette, name: str) -> str:
    return datasette.urls.path(static_root() + name)


@hookimpl(specname="extra_css_urls")
def page_css_urls(datasette):
    return [static_url(datasette, "catalogue.css")]


@hookimpl(specname="extra_js_urls")
def page_js_urls(datasette):
    return [{"url": static_url(datasette, "catalogue.js"), "module": False}]


@hookimpl(specname="register_routes")
def moved_static_files():
    """/assets/ served the site's files before they moved into the package: keep old links working."""

    async def moved(datasette, request):
        return Response.redirect(static_url(datasette, request.url_vars["path"]), status=301)

    return [(r"^/assets/(?P<path>[\w.-]+)$", moved)]


def shortcuts(datasette, database: str, request=None) -> list:
    """The configured shortcuts, each {key, label, filters, url, selected}. On the articles
    page a shortcut keeps the filters already chosen and adds its own (or, when they are all
    there already, takes its own off again)."""
    table = datasette.urls.table(database, "articles")
    on_table = request is not None and request.path == table
    current = urllib.parse.parse_qsl(request.query_string, keep_blank_values=True) if on_table else []
    found = []
    for key, shortcut in (plugin_config(datasette).get("shortcuts") or {}).items():
        own = [(k, str(v)) for k, v in shortcut["filters"].items()]
        selected = bool(current) and all(pair in current for pair in own)
        kept = [(k, v) for k, v in current if k != "_next" and k not in shortcut["filters"]]
        args = kept if selected else kept + own
        found.append({"key": key, "label": shortcut["label"], "filters": shortcut["filters"], "selected": selected,
                      "url": table + ("?" + urllib.parse.urlencode(args) if args else "")})
    return found


@hookimpl(specname="extra_template_vars")
def page_vars(template, database, table, view_name, request, datasette):
    async def inner():
        db = await catalogue_db(datasette)
        if db is None:
            return {}
        extra = {"catalogue": db.name, "shortcuts": shortcuts(datasette, db.name, request),
                 "articles_url": lambda **columns: articles_url(datasette, db.name, **columns),
                 "profile_url": lambda **question: profile_url(datasette, db.name, **question),
                 "on_a_profile": on_a_profile,
                 "level_names": vocabulary.LEVEL.names(), "populations": vocabulary.POPULATION.names(),
                 "design_names": vocabulary.DESIGN.names()}
        if view_name == "index" or template == "pages/about.html":
            extra["provenance"] = await provenance(db)
            extra["ladder"] = ladder()
            extra["vocabulary"] = vocabulary.FACETS
        if view_name in ("index", "table", "query") or template in ("pages/about.html", "profile.html"):
            extra["coverage"] = await coverage(db)
        if view_name == "row" and table == "articles" and request is not None:
            pks = request.url_vars.get("pks", "")
            extra["article"] = await article(datasette, db, pks)
        return extra

    return inner


# ---------------------------------------------------------------- provenance and coverage


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
    """One paragraph: what the catalogue holds, what was read to build it, and when."""
    if not runs:
        return f"This catalogue holds {count_noun(records, 'record')}; no harvest run is recorded in it."
    finished = [r for r in runs if r.get("finished")]
    sources = []
    file_runs = [r for r in runs if r["source"] == "files"]
    read = kept = 0
    if file_runs:
        names = sorted({n for r in file_runs for n in citations.json_list(r.get("files"))})
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
    held = ""
    if file_runs and kept != records:
        held = (f" It holds each record once, in its latest version, and none that PubMed deleted: "
                f"{records:,} of the {kept:,} records in scope that were read.")
    return (f"This catalogue holds {count_noun(records, 'record')}, built from {' and '.join(sources)}{when}."
            f"{held}{status}")


def ladder() -> dict:
    """The evidence levels as the rules give them, for the page that explains them."""
    spec = RULES.data["evidence_level"]
    return {"levels": [{"level": level, "name": name, "designs": [d for d, n in spec["levels"].items() if n == level]}
                       for level, name in vocabulary.LEVEL.names().items()],
            "reviewing": spec["reviewing"], "reviews": spec["reviews"], "preclinical": spec["preclinical"],
            "preclinical_level": spec["preclinical_level"], "not_rated": spec["not_applicable"]}


def count_noun(count, noun: str, plural: str = None) -> str:
    """'1 record', '2,504 records', '3 studies'."""
    return f"{count:,} " + (noun if count == 1 else plural or noun + "s")


async def coverage(db) -> dict:
    """What the catalogue covers, for every page of results and the evidence maps: its source,
    files or topics, years of publication and last update, and every condition the classifier
    knows with its records (zero included), so that a reader can tell no evidence from not covered."""
    runs = [dict(r) for r in (await db.execute(
        "select source, topic, files, finished, status from harvest_runs order by id")).rows]
    records = (await db.execute("select count(*) from articles")).first()[0]
    # two queries, each the first or last entry of the pub_year index; together, one would read every row
    years = (await db.execute("select (select min(pub_year) from articles), (select max(pub_year) from articles)")).first()
    files = sorted({n for r in runs if r["source"] == "files" for n in citations.json_list(r.get("files"))})
    topics = sorted({r["topic"] for r in runs if r["source"] == "pubmed" and r.get("topic")})
    finished = [r["finished"] for r in runs if r.get("finished")]
    sources = []
    if files:
        sources.append(f"the PubMed data files {', '.join(files)}")
    if topics:
        sources.append(f"PubMed searches for the topics {', '.join(topics)}")
    elif any(r["source"] == "pubmed" for r in runs):
        sources.append("PubMed searches through NCBI's E-utilities")
    statement = f"This catalogue holds {count_noun(records, 'PubMed record')}"
    if sources:
        statement += f" from {' and '.join(sources)}"
    if years[0] is not None:
        statement += f", published {years[0]}" + (f" to {years[1]}" if years[1] != years[0] else "")
    statement += f"; last updated {long_date(finished[-1])}." if finished else "."
    return {"statement": statement, "records": records, "conditions": await condition_counts(db)}


async def condition_counts(db) -> list:
    """(condition, records) for every condition of the classifier's vocabulary, in its order,
    then any other the catalogue holds (from older rules)."""
    tables = set(await db.table_names())
    table, column = LABEL_TABLES["conditions"]
    counts = {}
    if "join_counts" in tables:
        counts = {r["value"]: r["records"] for r in (await db.execute(
            "select value, records from join_counts where join_table = :table", {"table": table})).rows}
    if not counts and table in tables:
        counts = {r[0]: r[1] for r in (await db.execute(
            f"select [{column}], count(distinct pmid) from [{table}] group by 1")).rows}
    known = vocabulary.FACETS["conditions"].values()
    return [(name, counts.get(name, 0)) for name in known + sorted(set(counts) - set(known))]


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
        for link in page["notices"] + page["related"]:
            link["url"] = (f"{base}/{link['pmid']}" if link["in_catalogue"]
                           else citations.PUBMED_URL.format(link["pmid"]) if link["pmid"] else None)
    return page


def _article(conn, pmid: int, tables: set):
    refs = citations.load_references(conn, [pmid])
    if not refs:
        return None
    ref = refs[0]
    a = ref.article
    raw = conn.execute("select raw, format from raw_records where pmid = ?", [pmid]).fetchone()
    record = read.parse_raw(*raw) if raw else {}
    mesh = [dict(zip(("descriptor", "major_topic", "qualifiers"), row)) for row in conn.execute(
        "select descriptor, major_topic, qualifiers from article_mesh where pmid = ? order by position", [pmid])]
    linked = linked_records(conn, ref)
    topics = []
    if "article_topics" in tables and "topics" in tables:
        topics = [dict(zip(("name", "title"), row)) for row in conn.execute(
            "select t.name, t.title from article_topics at join topics t on t.name = at.topic "
            "where at.pmid = ? order by t.name", [pmid])]
    quoted = study.quotes(conn, pmid)
    # The live harvester's note of a record PubMed could not find (kept until confirmed).
    not_found = conn.execute("select since from pubmed_not_found where pmid = ?", [pmid]).fetchone() \
        if "pubmed_not_found" in tables else None
    return {
        "pmid": pmid, "warning": citations.warning(ref), "retracted": citations.is_retracted(ref),
        "citations": citations.citations(ref),
        "glance": study.at_a_glance(a, quoted, record), "marked": study.marked_sections(record, quoted),
        "among": study.record_links(conn, pmid, a.get("design")),
        "authors": [_author(x) for x in ref.authors], "mesh": mesh,
        "notices": [link for link in linked if link["ref_type"] in NOTICE_KINDS],
        "related": [link for link in linked if link["ref_type"] not in NOTICE_KINDS],
        "harms": harms(a),
        "level_name": vocabulary.LEVEL.names().get(a.get("evidence_level")),
        "topics": topics, "meta_tags": highwire_tags(ref), "links": links(a),
        "not_found_since": not_found[0] if not_found else None,
        "reasons": [(reason, reason_accuracy.agreement(reason, a.get("rules_version")))
                    for reason in citations.json_list(a.get("classification_reasons"))],
        "publication_types": citations.json_list(a.get("publication_types")),
        "keywords": citations.json_list(a.get("keywords")),
        "citation_line": _citation_line(a),
    }


def linked_records(conn, ref) -> list:
    """Every CommentsCorrections link of a record, its own and those other records make to it,
    each labelled from this record's side ("Retracted by the retraction notice"), once."""
    links = [(link["ref_type"], link.get("ref_pmid"), link.get("ref_source")) for link in ref.links]
    links += [(citations.INVERSE.get(kind, kind), pmid, None) for pmid, kind in conn.execute(
        "select pmid, ref_type from comments_corrections where ref_pmid = ? order by pmid, position", [ref.pmid])
        if kind in citations.INVERSE]
    found, seen = [], set()
    for kind, pmid, source in links:
        if (kind, pmid or source) in seen:
            continue
        seen.add((kind, pmid or source))
        found.append({"ref_type": kind, "label": citations.LINK_LABELS.get(kind, kind), "pmid": pmid, "source": source})
    held = _held(conn, [link["pmid"] for link in found if link["pmid"]])
    for link in found:
        link["in_catalogue"] = link["pmid"] in held
    return found


def harms(a) -> list:
    """(harm, reported) for an article: False where the record looked for the harm and reports none."""
    none_reported = set(citations.json_list(a.get("harms_none_reported")))
    return [(harm, harm not in none_reported) for harm in citations.json_list(a.get("harms"))]


def _held(conn, pmids) -> set:
    if not pmids:
        return set()
    marks = ",".join("?" * len(pmids))
    return {row[0] for row in conn.execute(f"select pmid from articles where pmid in ({marks})", pmids)}


def _author(row) -> dict:
    name = row.get("collective_name") or " ".join(p for p in (row.get("fore_name"), row.get("last_name")) if p)
    return {"name": name, "orcid": row.get("orcid"), "affiliations": citations.json_list(row.get("affiliations"))}


def links(a) -> list:
    found = [("PubMed", citations.PUBMED_URL.format(a["pmid"]))]
    if a.get("doi"):
        found.append(("DOI " + a["doi"], citations.DOI_URL.format(urllib.parse.quote(a["doi"], safe="/()"))))
    if a.get("pmcid"):
        found.append(("Full text in PMC (" + a["pmcid"] + ")", citations.PMC_URL.format(a["pmcid"])))
    return found


def _citation_line(a) -> str:
    """Journal citation as PubMed prints it: 'J Clin Anesth. 2021;73:110331.'"""
    return citations.medline_source(a)


def highwire_tags(ref) -> list:
    """Highwire Press citation_* meta tags (read by Zotero's connector and Google Scholar)."""
    a = ref.article
    start, _, end = (a.get("pages") or "").partition("-")
    date = "/".join(str(p).zfill(2) for p in citations.date_parts(a))
    tags = [("citation_title", a.get("title"))]
    tags += [("citation_author", citations.inverted_name(citations.author_name(x))) for x in ref.authors]
    tags += [("citation_publication_date", date), ("citation_journal_title", a.get("journal")),
             ("citation_journal_abbrev", a.get("journal_iso")), ("citation_issn", a.get("issn")),
             ("citation_volume", a.get("volume")), ("citation_issue", a.get("issue")),
             ("citation_firstpage", start), ("citation_lastpage", citations.full_end_page(start, end)),
             ("citation_doi", a.get("doi")), ("citation_pmid", str(ref.pmid)),
             ("citation_language", a.get("language"))]
    tags += [("citation_keywords", term) for term in citations.json_list(a.get("mesh_terms"))]
    return [(name, value) for name, value in tags if value]
