"""Evidence profiles: one question (a condition, a route, a population, each optional) answered from
the catalogue — what kinds of evidence there are, how many studies and participants, the newest
review and what came after it, the gaps, and the strongest evidence first.

The data functions take an sqlite3 connection and return plain values; the page and its routes are
at the end. Reports of one study count once as studies (articles.study_id, harvest.links).
"""

import json
import sqlite3
import urllib.parse

from datasette import hookimpl
from datasette.utils.asgi import Response

from datasette_catalogue import citations
from harvest import classify, vocabulary

REVIEW_DESIGNS = vocabulary.SYNTHESES

TRIAL_DESIGNS = ("rct", "clinical-trial")
# Designs a question is answered from, in the vocabulary's order (strongest first); laboratory work,
# notices and the like ("other") are left out.
EVIDENCE_DESIGNS = tuple(d for d in vocabulary.DESIGN.values() if d != "other")
SHOWN = 25  # the strongest records listed on a page; the exports carry every one
PRECLINICAL = classify.PRECLINICAL


def question_filter(condition=None, route=None, population=None) -> tuple:
    """(SQL where clause over articles a, parameters) for a question; each part optional."""
    where, params = [], {}
    if condition:
        where.append("a.pmid in (select pmid from article_conditions where condition = :condition)")
        params["condition"] = condition
    if route:
        where.append("a.pmid in (select pmid from article_routes where route = :route)")
        params["route"] = route
    if population:
        # +: not by the population index. Most records are of one population; those that answer a
        # question are found from its label tables, the design index or the strongest-first index.
        where.append("+a.population = :population")
        params["population"] = population
    return (" and ".join(where) or "1"), params


def _rows(conn, sql, params) -> list:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def by_design(conn, where, params) -> list:
    """Records, studies and participants (primary studies, each study once) for every design."""
    rows = _rows(conn, f"""
        with chosen as (select a.design, coalesce(a.study_id, a.pmid) as study, a.sample_size
                        from articles a where {where}),
        studies as (select design, study, max(sample_size) as participants, count(*) as reports
                    from chosen group by 1, 2)
        select design, sum(reports) as records, count(*) as studies,
               case when design not in ({_marks(REVIEW_DESIGNS)}) then sum(participants) end as participants
        from studies group by design""", params)
    found = {row["design"]: row for row in rows}
    return [found.get(design) or {"design": design, "records": 0, "studies": 0, "participants": None}
            for design in EVIDENCE_DESIGNS]


def counted_designs(conn, population=None):
    """by_design of a question that names no condition and no route, from the counts the loader
    keeps (harvest.load's design_counts); None where a catalogue has none to read."""
    try:
        rows = _rows(conn, "select design, records, studies, participants from design_counts "
                           "where population = :population", {"population": population or ""})
    except sqlite3.OperationalError:  # a catalogue built before the table
        return None
    if not rows:
        return None
    found = {row["design"]: row for row in rows}
    return [found.get(design) or {"design": design, "records": 0, "studies": 0, "participants": None}
            for design in EVIDENCE_DESIGNS]


def same_side(population) -> str:
    """SQL keeping records on the question's side of the bench: a review of animal or laboratory
    work does not synthesise trials in patients, nor the other way round."""
    marks = _marks(PRECLINICAL)
    if population in PRECLINICAL:
        return f"a.population in ({marks})"
    return f"coalesce(a.population, '') not in ({marks})"


def newest_review(conn, where, params, population=None):
    """The most recent systematic review or meta-analysis that answers the question, or None."""
    rows = _rows(conn, f"""
        select a.pmid, a.title, a.pub_date, a.pub_year, a.studies_included, a.sample_size
        from articles a where {where} and {same_side(population)} and a.design in ({_marks(REVIEW_DESIGNS)})
        order by a.pub_date desc, a.pmid desc limit 1""", params)
    return rows[0] if rows else None


def trials_after(conn, where, params, review, population=None) -> int:
    """Trials (counted as studies) published after a review: the synthesis gap."""
    if review is None or not review.get("pub_date"):
        return 0
    return conn.execute(f"""
        select count(distinct coalesce(a.study_id, a.pmid)) from articles a
        where {where} and {same_side(population)} and a.design in ({_marks(TRIAL_DESIGNS)})
          and a.pub_date > :after""", {**params, "after": review["pub_date"]}).fetchone()[0]


# Evidence level, then sample size, then recency. The strongest are chosen by the columns of the
# index harvest.schema gives profiles before any long row of theirs is read (+design: nearly every
# design is evidence, so that index is read whole rather than the design index row by row).
STRONGEST_FIRST = "coalesce(a.evidence_level, 6), a.sample_size is null, a.sample_size desc, a.pub_date desc, a.pmid"
# The same order in the terms of the (evidence_rank, sample_size desc, pub_date desc) index (nulls sort
# last when descending): a question of no condition or route, most of the catalogue, reads its
# strongest records as the index's first rows. A condition's or a route's records are found from their
# label table first (STRONGEST_FIRST, which no index matches): for a rare one, walking the index would
# read most of the catalogue.
STRONGEST_FIRST_INDEXED = "a.evidence_rank, a.sample_size desc, a.pub_date desc, a.pmid"


def strongest(conn, where, params, limit=SHOWN, order=STRONGEST_FIRST) -> list:
    """The records that answer the question, strongest first: evidence level, then sample size, then recency."""
    return _rows(conn, f"""
        select a.pmid, a.title, a.authors, a.journal_iso, a.pub_year, a.pub_date, a.design, a.evidence_level,
               a.population, a.sample_size, a.studies_included, a.randomised, a.blinding, a.placebo_controlled,
               a.comparators, a.follow_up_days, a.conclusion, a.retracted, a.cites_retracted, a.study_id,
               a.study_reports,
               (select group_concat(registration_id, ' ') from article_registrations r where r.pmid = a.pmid)
                 as registrations,
               (select json_group_array(dose_text) from article_doses d where d.pmid = a.pmid) as doses
        from articles a
        where a.pmid in (select a.pmid from articles a
                         where {where} and +a.design in ({_marks(EVIDENCE_DESIGNS)}) and coalesce(a.retracted, 0) = 0
                         order by {order} limit {int(limit)})
        order by {order}""", params)


def retracted_in(conn, where, params) -> list:
    """Retracted records that would answer the question: listed apart, never among the evidence.
    (unlikely(): few are, so SQLite reads the retracted index rather than every row by date.)"""
    return _rows(conn, f"""
        select a.pmid, a.title, a.pub_year from articles a where {where} and unlikely(a.retracted = 1)
        order by a.pub_date desc, a.pmid""", params)


def profile(conn, condition=None, route=None, population=None) -> dict:
    """Everything a profile page shows for one question."""
    where, params = question_filter(condition, route, population)
    designs = ((not condition and not route and counted_designs(conn, population))
               or by_design(conn, where, params))
    review = newest_review(conn, where, params, population)
    trials = [d for d in designs if d["design"] in TRIAL_DESIGNS]
    return {
        "question": {"condition": condition, "route": route, "population": population},
        "records": sum(d["records"] for d in designs),
        "studies": sum(d["studies"] for d in designs),
        "designs": designs,
        "trial_participants": sum(d["participants"] or 0 for d in trials),
        "trial_studies": sum(d["studies"] for d in trials),
        "newest_review": review,
        "review_side": "of animal or laboratory work" if population in PRECLINICAL else "of studies in people",
        "trials_after_review": trials_after(conn, where, params, review, population),
        "absent": [d["design"] for d in designs if not d["records"] and d["design"] in
                   (*REVIEW_DESIGNS, *TRIAL_DESIGNS, "observational")],
        "strongest": [_facts(row) for row in strongest(conn, where, params, order=STRONGEST_FIRST
                                                       if condition or route else STRONGEST_FIRST_INDEXED)],
        "retracted": retracted_in(conn, where, params),
    }


def _facts(row) -> dict:
    """A record's at-a-glance facts as lists and flags a page can show."""
    return {**row, "comparators": json.loads(row["comparators"]) if row.get("comparators") else [],
            "doses": [d for d in json.loads(row["doses"] or "[]") if d],
            "registrations": (row.get("registrations") or "").split()}


def table_args(condition=None, route=None, population=None) -> dict:
    """The articles-table filters that select the same records (for exports and the full list)."""
    args = {}
    if condition:
        args["_join_conditions"] = condition
    if route:
        args["_join_routes"] = route
    if population:
        args["population"] = population
    return args


def query_string(**question) -> str:
    return urllib.parse.urlencode({k: v for k, v in question.items() if v})


def _marks(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


# ---------------------------------------------------------------- the page


STYLE_CHOICES = ("AMA", "Vancouver")
MAX_SECTIONS = 6  # a claim naming more questions than this is read as its first six


def questions(conditions, routes, population) -> list:
    """One question per condition and route named (side by side); one question of all records if none."""
    pairs = [(c, r) for c in (conditions or [None]) for r in (routes or [None])]
    return [{"condition": c, "route": r, "population": population} for c, r in pairs[:MAX_SECTIONS]]


def read_request(request) -> dict:
    """The questions a profile URL asks, and what a pasted claim named when there is one."""
    claim = (request.args.get("claim") or "").strip()[:2000]
    population = request.args.get("population") or None
    if population not in (None, *vocabulary.POPULATION.values()):
        population = None
    known = lambda facet, values: [v for v in values if v in vocabulary.FACETS[facet].values()]
    conditions = known("conditions", request.args.getlist("condition"))
    routes = known("routes", request.args.getlist("route"))
    unknown = unlabelled_values(request)
    recognised = None
    if claim and not (conditions or routes):
        recognised = classify.recognise(claim)
        # the rules say where they read a word ("title: 'CRPS'"); here it is the claim's own word
        recognised["reasons"] = {k: v.split(": ", 1)[-1] for k, v in recognised["reasons"].items()}
        conditions, routes = recognised["conditions"], recognised["routes"]
        population = population or recognised["population"]
    style = request.args.get("style") if request.args.get("style") in STYLE_CHOICES else STYLE_CHOICES[0]
    return {"claim": claim, "recognised": recognised, "conditions": conditions, "routes": routes,
            "population": population, "style": style, "questions": questions(conditions, routes, population),
            "unknown": unknown}


# The profile's arguments, each with the facet of harvest/vocabulary.yml that names its values.
ASKED_FACETS = {"condition": "conditions", "route": "routes", "population": "population"}


def unlabelled_values(request) -> list:
    """(argument, value) of every value asked for that the catalogue does not label ('condition=crsp'): the page
    answers without it, and says so, rather than answer another question in silence."""
    return [(argument, value) for argument, facet in ASKED_FACETS.items() for value in request.args.getlist(argument)
            if value and value not in vocabulary.FACETS[facet].values()]


def reference_list(conn, rows, style: str) -> str:
    """The shown records' references, numbered, ready to paste."""
    refs = citations.load_references(conn, [row["pmid"] for row in rows])
    return "\n".join(f"{i}. {citations.cite(ref, style)}" for i, ref in enumerate(refs, start=1))


def leftover_query(recognised) -> str:
    """The words a claim's recognised labels did not account for, for a full-text search."""
    if not recognised:
        return ""
    words = [w for w in recognised["rest"] if len(w) > 2 and w.lower() not in SEARCH_STOPWORDS]
    return " ".join(dict.fromkeys(words))


SEARCH_STOPWORDS = {"the", "and", "for", "with", "have", "has", "been", "was", "were", "are", "that", "this", "from",
                    "its", "their", "can", "may", "demonstrated", "shown", "treating", "treatment", "efficacy",
                    "effective", "evidence"}


async def profile_page(datasette, request):
    from datasette_catalogue.pages import catalogue_db

    db = await catalogue_db(datasette)
    if db is None:
        return Response.html("No catalogue here.", status=404)
    asked = read_request(request)

    def answer(conn):
        sections = []
        for question in asked["questions"]:
            found = profile(conn, **question)
            found["references"] = reference_list(conn, found["strongest"], asked["style"])
            sections.append(found)
        return sections

    sections = await db.execute_fn(answer)
    base = datasette.urls.table(db.name, "articles")
    for section in sections:
        question = section["question"]
        section["records_url"] = f"{base}?" + urllib.parse.urlencode(table_args(**question))
        section["feed_url"] = datasette.urls.query(db.name, "new_on_question") + ".atom?" + urllib.parse.urlencode(
            {k: v or "" for k, v in question.items()})
        section["exports"] = {label: f"{base}.{ext}?" + urllib.parse.urlencode(table_args(**question))
                              for ext, label in (("ris", "RIS"), ("bib", "BibTeX"), ("csljson", "CSL-JSON"))}
        section["title"] = question_title(**question)
    context = {"asked": asked, "sections": sections, "database": db.name,
               "leftover": leftover_query(asked["recognised"]),
               "vocabulary": vocabulary.FACETS, "design_names": vocabulary.DESIGN.names(),
               "level_names": vocabulary.LEVEL.names(), "styles": STYLE_CHOICES}
    html = await datasette.render_template("profile.html", context, request=request)
    return Response.html(html)


def question_title(condition=None, route=None, population=None) -> str:
    """'Ketamine for CRPS, sublingual or buccal, in human studies'."""
    names = lambda facet, value: vocabulary.FACETS[facet].names().get(value, value)
    words = ["Ketamine" + (f" for {names('conditions', condition)}" if condition else "")]
    if route:
        words.append(f"given {names('routes', route)}")
    if population:
        words.append(f"in {names('population', population).lower()} studies")
    return ", ".join(words)


@hookimpl(specname="register_routes")
def profile_route():
    return [(r"^/(?P<database>[^/]+)/profile$", profile_page)]
