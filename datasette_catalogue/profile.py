"""Evidence profiles: one question (a condition, a route, a population, each optional) answered from
the catalogue — what kinds of evidence there are, how many studies and participants, the newest
review and what came after it, the gaps, and the strongest evidence first.

The data functions take an sqlite3 connection and return plain values; the page and its routes are
at the end. Reports of one study count once as studies (articles.study_id, harvest.links).
"""

import json
import urllib.parse

from harvest.links import REVIEW_DESIGNS

TRIAL_DESIGNS = ("rct", "clinical-trial")
# Designs a question is answered from, strongest first; notices and laboratory work are left out.
EVIDENCE_DESIGNS = ("meta-analysis", "systematic-review", "guideline", "rct", "clinical-trial", "observational",
                    "case-series", "case-report", "review", "letter-editorial", "protocol")
SHOWN = 25  # the strongest records listed on a page; the exports carry every one


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
        where.append("a.population = :population")
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


def newest_review(conn, where, params):
    """The most recent systematic review or meta-analysis that answers the question, or None."""
    rows = _rows(conn, f"""
        select a.pmid, a.title, a.pub_date, a.pub_year, a.studies_included, a.sample_size
        from articles a where {where} and a.design in ({_marks(REVIEW_DESIGNS)})
        order by a.pub_date desc, a.pmid desc limit 1""", params)
    return rows[0] if rows else None


def trials_after(conn, where, params, review) -> int:
    """Trials (counted as studies) published after a review: the synthesis gap."""
    if review is None or not review.get("pub_date"):
        return 0
    return conn.execute(f"""
        select count(distinct coalesce(a.study_id, a.pmid)) from articles a
        where {where} and a.design in ({_marks(TRIAL_DESIGNS)}) and a.pub_date > :after""",
                        {**params, "after": review["pub_date"]}).fetchone()[0]


def strongest(conn, where, params, limit=SHOWN) -> list:
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
        where {where} and a.design in ({_marks(EVIDENCE_DESIGNS)}) and coalesce(a.retracted, 0) = 0
        order by coalesce(a.evidence_level, 6), a.sample_size is null, a.sample_size desc, a.pub_date desc, a.pmid
        limit {int(limit)}""", params)


def retracted_in(conn, where, params) -> list:
    """Retracted records that would answer the question: listed apart, never among the evidence."""
    return _rows(conn, f"""
        select a.pmid, a.title, a.pub_year from articles a where {where} and a.retracted = 1
        order by a.pub_date desc, a.pmid""", params)


def profile(conn, condition=None, route=None, population=None) -> dict:
    """Everything a profile page shows for one question."""
    where, params = question_filter(condition, route, population)
    designs = by_design(conn, where, params)
    review = newest_review(conn, where, params)
    trials = [d for d in designs if d["design"] in TRIAL_DESIGNS]
    return {
        "question": {"condition": condition, "route": route, "population": population},
        "records": sum(d["records"] for d in designs),
        "studies": sum(d["studies"] for d in designs),
        "designs": designs,
        "trial_participants": sum(d["participants"] or 0 for d in trials),
        "trial_studies": sum(d["studies"] for d in trials),
        "newest_review": review,
        "trials_after_review": trials_after(conn, where, params, review),
        "absent": [d["design"] for d in designs if not d["records"] and d["design"] in
                   (*REVIEW_DESIGNS, *TRIAL_DESIGNS, "observational")],
        "strongest": [_facts(row) for row in strongest(conn, where, params)],
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
