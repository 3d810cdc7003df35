"""What the article page says about a record's own study and how it stands among the others:
the study at a glance (every value beside the words it was read from, those words marked in the
abstract), the catalogued records it cites and that cite it, the reviews that include it, and the
other reports of the same study. Reads the tables harvest.load and harvest.links fill; no Datasette code.
"""

import json

from markupsafe import Markup, escape

from datasette_catalogue import value_accuracy
from harvest import extract, vocabulary

BLINDING = {"double": "double-blind", "single": "single-blind", "triple": "triple-blind", "open-label": "open-label"}


def _rows(conn, sql, params) -> list:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# ---------------------------------------------------------------- at a glance


def quotes(conn, pmid: int) -> list:
    """Every extracted value of a record with the words it came from, in the order a panel shows them."""
    found = [{**q, "kind": "value"} for q in _rows(conn, """
        select field, position, value, quote, quote_source, quote_start, quote_end
        from article_quotes where pmid = ? order by position""", [pmid])]
    found += [{"field": "doses", "position": d["position"], "value": d, "quote": d["quote"],
               "quote_source": d["quote_source"], "quote_start": d["quote_start"], "quote_end": d["quote_end"],
               "kind": "dose"} for d in _rows(conn, """
        select position, dose_text, low, high, unit, route, schedule, quote, quote_source, quote_start, quote_end
        from article_doses where pmid = ? order by position""", [pmid])]
    found += [{"field": "registrations", "position": i, "value": r, "quote": r["quote"],
               "quote_source": r["quote_source"], "quote_start": r["quote_start"], "quote_end": r["quote_end"],
               "kind": "registration"} for i, r in enumerate(_rows(conn, """
        select registry, registration_id, source, url, quote, quote_source, quote_start, quote_end
        from article_registrations where pmid = ? order by registry, registration_id""", [pmid]), start=1)]
    for i, q in enumerate(found):
        q["anchor"] = f"q{i + 1}" if q.get("quote") and q.get("quote_source") in ("title", "abstract") else None
    return found


def at_a_glance(a: dict, found: list, record: dict) -> list:
    """(heading, [items], agreed) rows of the panel; an item is {text, quote, anchor, url?, note?, agreed?}; a row
    with no item says the record does not state it. agreed (of an item, or of the row for lists judged whole):
    how often blind readers gave the same for values of its kind, or None (value_accuracy.agreement)."""
    by_field = {}
    for q in found:
        by_field.setdefault(q["field"], []).append(q)
    version = a.get("extraction_version")

    def item(q, text, figure=True, **more):
        agreed = None
        # a conclusion's kind needs the abstract it was read from (kept raw: always, but for a broken row)
        if figure and (record or q["field"] != "conclusion"):
            kind = extract.value_kind(q["field"], q["value"], record, q.get("quote_start"))
            agreed = value_accuracy.agreement(kind, version)
            if q["field"] == "conclusion":
                more["note"] = kind.split(": ", 1)[1]  # how it was read: labelled, or chosen
        return {"text": text, "quote": q.get("quote"), "anchor": q.get("anchor"), "agreed": agreed, **more}

    def whole(field):  # a list judged whole: its figure is the row's
        return value_accuracy.agreement(field, version) if by_field.get(field) else None

    rows = [("Participants", [item(q, _participants(a)) for q in by_field.get("sample_size", [])], None)]
    if a.get("studies_included") is not None:
        rows.append(("Studies included", [item(q, f"{int(q['value'])} studies")
                                          for q in by_field.get("studies_included", [])], None))
    signals = []
    for field, describe in (("randomised", _randomised), ("blinding", _blinding), ("placebo_controlled", _placebo)):
        signals += [item(q, describe(q["value"])) for q in by_field.get(field, [])]
    rows.append(("Design signals", signals, None))
    registrations = [item(q, f"{q['value']['registry']} {q['value']['registration_id']}", figure=False,
                          url=q["value"]["url"],
                          note="in the record's databank list" if q["value"]["source"] == "databank" else None)
                     for q in by_field.get("registrations", [])]
    rows.append(("Registrations", registrations, whole("registrations")))
    rows.append(("Ketamine doses", [item(q, dose_text(q["value"]), figure=False) for q in by_field.get("doses", [])],
                 None))
    rows.append(("Compared with", [item(q, q["value"], figure=False) for q in by_field.get("comparators", [])],
                 whole("comparators")))
    rows.append(("Follow-up", [item(q, follow_up_text(float(q["value"]))) for q in by_field.get("follow_up_days", [])],
                 None))
    rows.append(("Conclusion", [item(q, None) for q in by_field.get("conclusion", [])], None))
    return rows


def _participants(a) -> str:
    n = int(a["sample_size"])
    if a.get("design") in vocabulary.SYNTHESES:
        return f"{n:,} participants in the studies it includes"
    return f"{n:,} participant" + ("" if n == 1 else "s")


def _randomised(value) -> str:
    return "randomised" if str(value) in ("1", "True") else "not randomised"


def _blinding(value) -> str:
    return BLINDING.get(value, value)


def _placebo(value) -> str:
    return "placebo or sham controlled" if str(value) in ("1", "True") else "no placebo: an active comparison"


def dose_text(dose: dict) -> str:
    """'0.5 mg/kg/h intravenous, for 4 hours on 5 days'."""
    amount = _number(dose["low"]) + ("" if dose["high"] == dose["low"] else f"–{_number(dose['high'])}")
    route = vocabulary.FACETS["routes"].names().get(dose.get("route"), dose.get("route"))
    words = [f"{amount} {dose['unit']}", route, dose.get("schedule")]
    return ", ".join(w for w in words if w)


def _number(value) -> str:
    return f"{value:g}"


def follow_up_text(days: float) -> str:
    """Days as a person would say them: '2 days', '12 weeks', '6 months', '2 years', '4 hours'."""
    if days < 1:
        return f"{round(days * 24):g} hours"
    for unit, size in (("years", 365), ("months", 30), ("weeks", 7)):
        if days >= size * 2 and days % size == 0:
            return f"{int(days // size)} {unit}"
    return f"{days:g} days"


# ---------------------------------------------------------------- the abstract, marked


def marked_sections(record: dict, found: list) -> list:
    """The abstract's sections as (label, Markup), each quote the panel shows marked where it stands."""
    spans = sorted((q["quote_start"], q["quote_end"], q["anchor"]) for q in found
                   if q.get("anchor") and q["quote_source"] == "abstract")
    marked = []
    for label, offset, text in extract.sections_of(record):
        end = offset + len(text)
        inside = [(max(s, offset) - offset, min(e, end) - offset, anchor) for s, e, anchor in spans
                  if s < end and e > offset]
        marked.append((label or None, _marked(text, inside)))
    return marked


def _marked(text: str, spans: list) -> Markup:
    """Text with each span in a <mark id=...>; overlapping spans are marked from where the last ended."""
    parts, at = [], 0
    for start, end, anchor in spans:
        start = max(start, at)
        if start >= end:
            continue
        parts.append(escape(text[at:start]))
        parts.append(Markup('<mark id="%s">') % anchor + escape(text[start:end]) + Markup("</mark>"))
        at = end
    parts.append(escape(text[at:]))
    return Markup("").join(parts)


# ---------------------------------------------------------------- among the other records


def record_links(conn, pmid: int, design: str) -> dict:
    """The catalogued records this one cites and that cite it, the reviews that cite it, the
    studies a review includes, and the other reports of its study."""
    cites = _rows(conn, """
        select a.pmid, a.title, a.pub_year, a.design, a.retracted,
               coalesce(a.corrections like '%expression-of-concern%', 0) as concerned,
               max(coalesce(r.list_title like '%includ%', 0)) as included
        from article_references r join articles a on a.pmid = r.cited_pmid
        where r.pmid = ? group by a.pmid order by a.pub_date desc, a.pmid""", [pmid])
    cited_by = _rows(conn, """
        select a.pmid, a.title, a.pub_year, a.design from article_references r join articles a on a.pmid = r.pmid
        where r.cited_pmid = ? group by a.pmid order by a.pub_date desc, a.pmid""", [pmid])
    reports = _rows(conn, """
        select a.pmid, a.title, a.pub_year, a.design from article_studies s
        join article_studies mine on mine.study_id = s.study_id and mine.pmid = ?
        join articles a on a.pmid = s.pmid where s.pmid != ? order by a.pub_date, a.pmid""", [pmid, pmid])
    reviews = [r for r in cited_by if r["design"] in vocabulary.SYNTHESES]
    return {"cites": cites, "cited_by": cited_by, "reviews": reviews, "reports": reports,
            "retracted_cited": [c for c in cites if c["retracted"] or c["concerned"]],
            "includes": [c for c in cites if c["included"]] if design in vocabulary.SYNTHESES else []}


def comparators_of(a: dict) -> list:
    return json.loads(a["comparators"]) if a.get("comparators") else []
