"""Every write to the catalogue: upserts of parsed records, runs, deletions, search and the counts
the site reads. The tables themselves are harvest.schema's."""

import datetime
import json
import re
import sys
from contextlib import contextmanager
from operator import itemgetter
from dataclasses import dataclass

import sqlite_utils

from harvest import __version__, links, read
from harvest.record import PUBMED_URL, author_string
from harvest.vocabulary import SYNTHESES
from harvest.schema import (ARTICLE_COLUMNS, CHILD_COLUMNS, CHILD_TABLES, COUNTED_COLUMNS, COUNTED_JOINS,
                            DERIVED_TABLES, LABEL_EXTRA_COLUMNS, LABEL_TABLES, LOOKUP_COLUMNS, RAW_COLUMNS,
                            RUN_COLUMNS, SUMMARY_COLUMNS, drop_indexes, ensure_full_text, ensure_indexes,
                            ensure_schema)

# Whether records are classified and extracted as they are loaded. Tests of the harvest alone
# and one side of `make bench` switch it off: the classifier costs milliseconds a record.
CLASSIFYING = True
# Whether what a record says about its study is read out (harvest.extract); a side of `make bench`
# switches it off alone, to show what extraction adds to a build.
EXTRACTING = True


def classifier():
    """The classifier module, or None where CLASSIFYING is off.

    harvest.classify is imported on first use: compiling its rules takes half a second,
    which a scope scan spends while its workers read the files.
    """
    if not CLASSIFYING:
        return None
    from harvest import classify

    return classify


def extractor():
    """The extraction module (harvest.extract), loaded on first use as the classifier is."""
    from harvest import extract

    return extract


@dataclass
class Counts:
    """What a save did: rows added, rows changed and rows left as they were."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------- the catalogue and its counts


def open_db(path) -> sqlite_utils.Database:
    """Open (creating if needed) a catalogue database with its full schema."""
    db = sqlite_utils.Database(path)
    ensure_schema(db)
    return db


SUMMARY_SQL = {
    # studies: reports of one study count once; participants: the sample sizes of a cell's primary
    # studies, each study once (reviews' sample sizes would count those people again)
    "evidence_counts": f"""
        with cells as (
            select a.population, c.condition, a.design, coalesce(a.study_id, a.pmid) as study,
                   count(*) as records, max(a.sample_size) as participants
            from articles a left join article_conditions c on c.pmid = a.pmid
            group by 1, 2, 3, 4)
        select population, condition, design, sum(records), count(*),
               case when design not in ({", ".join(f"'{d}'" for d in SYNTHESES)}) then sum(participants) end
        from cells group by 1, 2, 3""",
    # the same for every design alone, each population's and (population '') every record's: an evidence
    # profile that names no condition or route (datasette_catalogue/profile.py) reads these
    "design_counts": f"""
        with scopes as (select '' as population union select population from articles where population is not null),
        studies as (
            select s.population, a.design, coalesce(a.study_id, a.pmid) as study,
                   count(*) as records, max(a.sample_size) as participants
            from scopes s join articles a on s.population = '' or a.population = s.population
            group by 1, 2, 3)
        select population, design, sum(records), count(*),
               case when design not in ({", ".join(f"'{d}'" for d in SYNTHESES)}) then sum(participants) end
        from studies group by 1, 2""",
    # publications per year by design (metadata.yml's per_year), read from the (pub_year, design) index
    "year_counts": "select pub_year, design, count(*) from articles where pub_year is not null group by 1, 2",
    "evidence_route_counts": """
        select a.population, c.condition, r.route, count(distinct a.pmid)
        from articles a left join article_conditions c on c.pmid = a.pmid
        left join article_routes r on r.pmid = a.pmid
        group by 1, 2, 3""",
}


def refresh_summaries(db):
    """Recompute the links between records (harvest.links), then the counts the site reads."""
    links.refresh(db)
    refresh_counts(db)


def refresh_counts(db):
    """Recompute the evidence-map counts, and the articles per value of each join table
    and of each counted column (what an unfiltered facet on it shows)."""
    with db.atomic():
        for name in SUMMARY_COLUMNS:
            db.execute(f"delete from [{name}]")
        for name, sql in SUMMARY_SQL.items():
            db.execute(f"insert into [{name}] {sql}")
        tables = set(db.table_names())
        for table, column in COUNTED_JOINS.items():
            if table in tables:
                db.execute(f"insert into join_counts select '{table}', [{column}], count(distinct pmid) "
                           f"from [{table}] where [{column}] is not null group by 2")
        for column in COUNTED_COLUMNS:
            db.execute(f"insert into column_counts select '{column}', [{column}], count(*) "
                       f"from articles where [{column}] is not null group by 2")


def ensure_search(db):
    """After a load: the links between records, the full-text index (schema.ensure_full_text)
    and fresh counts for the site. The links come first: where the full-text index is new, its
    triggers would otherwise index again every row whose links were written."""
    links.refresh(db)
    ensure_full_text(db)
    refresh_counts(db)


# What search also finds a record by (search_terms): the words of its design, condition and
# route labels, so that "crps" or "sublingual" find what the classifier labelled so; and every
# hyphenated word of its texts without the hyphens, so that "sublingual" finds "Sub-Lingual"
# (the full-text index splits a word at its hyphens). A design of "other" says nothing.
SEARCHED_LABELS = ("design", "conditions", "routes")
UNSEARCHED_LABELS = {"other"}
# Tried only where a word starts (the lookbehind): a match never starts inside a word, and
# without it the engine would try every letter of every word again.
# The word parts are possessive: a hyphen never follows a shorter part of a word, so giving letters
# back (as the engine would, letter by letter, at the end of every word) finds nothing.
HYPHENATED = re.compile(r"(?<![^\W_])[^\W_]++(?:[-\u2010\u2011][^\W_]++)+")
WORD_PARTS = re.compile(r"[^\W_]+")


def has_hyphen(text: str) -> bool:
    """Whether a text holds one of HYPHENATED's hyphens (three plain searches: a generator over
    them cost more than the searching)."""
    return "-" in text or "\u2010" in text or "\u2011" in text


def search_terms(record, classification) -> str | None:
    """The words search_terms holds for a record and its classification (lists or JSON arrays)."""
    labels = []
    for key in SEARCHED_LABELS:
        value = classification.get(key)
        values = json.loads(value) if isinstance(value, str) and value.startswith("[") else value
        labels += [v for v in ([values] if isinstance(values, str) else values or ()) if v not in UNSEARCHED_LABELS]
    texts = [record.get("title"), record.get("abstract"), *labels,
             *(k.get("keyword") for k in record.get("keywords") or ()),
             *(m.get("descriptor") for m in record.get("mesh") or ())]
    hyphenated = (text for text in texts if text and has_hyphen(text))
    compounds = (WORD_PARTS.findall(m.group().lower()) for text in hyphenated for m in HYPHENATED.finditer(text))
    joined = ["".join(parts) for parts in compounds if not all(part.isdigit() for part in parts)]  # not 2012-2019
    words = [label.replace("-", " ") for label in labels] + joined + identifiers(record)
    return " ".join(dict.fromkeys(words)) or None


def identifiers(record) -> list:
    """The record's PMID, DOI and PMCID as search words: pasted into a search box ("PMID: 34092024",
    "10.1111/imj.15404", "PMC8012345"), each finds its record."""
    found = [f"pmid {record['pmid']}"] if record.get("pmid") else []
    if record.get("doi"):
        found.append(f"doi {record['doi']}")
    if record.get("pmcid"):
        found.append(record["pmcid"])
    return found


@contextmanager
def bulk_build(db):
    """Fill an empty catalogue faster: its indexes and search index are built once, after the rows.

    Building an index over rows already in place costs a fraction of keeping it
    up to date row by row. A catalogue that already has articles keeps its indexes.
    Either way the links, search and counts are brought up to date (ensure_search) once at the end.
    """
    if db.execute("select 1 from articles limit 1").fetchone():
        yield
        ensure_search(db)
        return
    if "articles_fts" in db.table_names():
        db["articles"].disable_fts()
    drop_indexes(db)
    try:
        yield
    finally:
        ensure_indexes(db)
        ensure_search(db)


# ---------------------------------------------------------------- runs


def start_run(db, source: str, query: str = None, files=None, topic: str = None) -> int:
    """Record the start of a harvest run and return its id."""
    row = {"source": source, "query": query, "topic": topic, "started": now(), "status": "running",
           "files": json.dumps(files) if files else None, "software_version": __version__,
           "rules_version": _rules_version()}
    return db["harvest_runs"].insert(row).last_pk


def finish_run(db, run_id: int, counts: dict, status: str, message: str = None):
    """Record how a run ended: its counts and 'complete', 'incomplete' or 'failed'."""
    known = {k: v for k, v in counts.items() if k in RUN_COLUMNS}
    db["harvest_runs"].update(run_id, {**known, "finished": now(), "status": status, "message": message,
                                       "rules_version": getattr(classifier(), "RULES_VERSION", None)})


def _rules_version():
    """The rules version if the classifier is loaded already; finish_run() records it in any case."""
    return getattr(sys.modules.get("harvest.classify"), "RULES_VERSION", None)


# ---------------------------------------------------------------- records


# Child rows as tuples in column order, for executemany (itemgetter does it in C).
_AS_TUPLE = {table: itemgetter(*columns) for table, columns in CHILD_COLUMNS.items()}


@dataclass
class Prepared:
    """A record reduced to the rows the catalogue stores.

    prepare() is pure, so it can run where the record was parsed (a worker process):
    pickling these rows is far cheaper than pickling the record, and the classifier
    then runs in parallel too.
    """

    pmid: int
    pmid_version: int
    raw: str
    raw_format: str
    source: str | None
    article: dict
    children: dict
    lookups: dict


def prepare(record) -> Prepared:
    """The rows for one parsed record (docs/record.md); a Prepared passes through."""
    if isinstance(record, Prepared):
        return record
    children = {table: list(map(_AS_TUPLE[table], rows)) for table, rows in child_rows_of([record]).items() if rows}
    derived, derived_children = derived_rows(record)
    article = {**_article_fields(record), **derived}
    children.update(derived_children)
    return Prepared(record["pmid"], record["pmid_version"], _raw_text(record), record["raw_format"],
                    record.get("source"), article, children, _lookup_rows(record))


def label_rows(pmid, classification) -> dict:
    """Rows of the label tables from a classification row (its lists are JSON arrays); a harm
    row says whether the record reports the harm or looked for it and found none."""
    rows = {}
    none_reported = set(json.loads(classification.get("harms_none_reported") or "[]"))
    for key, (table, _) in LABEL_TABLES.items():
        if classification.get(key):
            labels = dict.fromkeys(json.loads(classification[key]))
            if table in LABEL_EXTRA_COLUMNS:
                rows[table] = [(pmid, label, int(label not in none_reported)) for label in labels]
            else:
                rows[table] = [(pmid, label) for label in labels]
    return rows


def save_records(db, records, run_id: int) -> Counts:
    """Upsert parsed records (dicts or Prepared) in one transaction; unchanged ones are not rewritten."""
    latest = _latest_versions(records)
    counts = Counts()
    with db.atomic():
        stored = _stored(db, latest)
        changed = []
        for pmid, record in latest.items():
            state = _state(record, stored.get(pmid))
            setattr(counts, state, getattr(counts, state) + 1)
            if state != "unchanged":
                changed.append(prepare(record))
        _write(db, changed, set(stored), run_id)
    return counts


def _key(record) -> tuple:
    """(pmid, version) of a record dict or a Prepared."""
    if isinstance(record, Prepared):
        return record.pmid, record.pmid_version
    return record["pmid"], record["pmid_version"]


def _latest_versions(records) -> dict:
    """One record per PMID: the highest version, the later one on a tie."""
    latest = {}
    for record in records:
        pmid, version = _key(record)
        kept = latest.get(pmid)
        if kept is None or version >= _key(kept)[1]:
            latest[pmid] = record
    return latest


def _stored(db, latest) -> dict:
    """Stored version and raw text of the PMIDs about to be saved."""
    pmids = list(latest)
    stored = {}
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        sql = "select pmid, pmid_version, raw from raw_records where pmid in (%s)" % ",".join("?" * len(chunk))
        stored.update({pmid: (version, raw) for pmid, version, raw in db.execute(sql, chunk)})
    return stored


def _state(record, stored) -> str:
    if stored is None:
        return "new"
    version, raw = stored
    if _key(record)[1] < version or _raw_text(record) == raw:
        return "unchanged"
    return "updated"


def _raw_text(record) -> str:
    if isinstance(record, Prepared):
        return record.raw
    return record["raw"].decode("utf-8", errors="replace")


def _write(db, records, existing, run_id):
    """Write articles and their child rows; child rows of updated articles are replaced."""
    if not records:
        return
    updated = [r.pmid for r in records if r.pmid in existing]
    _delete_children(db, updated)
    _forget_deletions(db, [r.pmid for r in records if r.pmid not in existing])
    _save_lookups(db, records)
    new = [{**r.article, "first_seen_run": run_id, "last_changed_run": run_id}
           for r in records if r.pmid not in existing]
    _insert(db, "articles", new)
    changed = [{**r.article, "last_changed_run": run_id} for r in records if r.pmid in existing]
    _insert(db, "articles", changed, upsert="pmid")
    for table in CHILD_TABLES:
        rows = [row for r in records for row in r.children.get(table, ())]
        _insert_tuples(db, table, CHILD_COLUMNS[table], rows)
    raw_rows = [(r.pmid, r.pmid_version, r.raw_format, r.raw, r.source, run_id) for r in records]
    _insert_tuples(db, "raw_records", RAW_COLUMNS, raw_rows, upsert="pmid")


def _insert(db, table, rows, upsert=None):
    """Insert dict rows with one prepared statement per set of columns (sqlite-utils costs more per row)."""
    groups = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for columns, group in groups.items():
        _insert_tuples(db, table, columns, [tuple(row.values()) for row in group], upsert)


def _insert_tuples(db, table, columns, rows, upsert=None, on_conflict=None):
    """executemany an INSERT; upsert names the key whose conflict updates the other columns."""
    if not rows:
        return
    sql = "insert into [%s] (%s) values (%s)" % (
        table, ", ".join(f"[{c}]" for c in columns), ", ".join("?" * len(columns)))
    if upsert:
        sets = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != upsert)
        sql += f" on conflict([{upsert}]) do update set {sets}"
    elif on_conflict:
        sql += " " + on_conflict
    db.conn.executemany(sql, rows)


def _delete_children(db, pmids):
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for table in CHILD_TABLES:
            db.execute(f"delete from [{table}] where pmid in ({marks})", chunk)


def _article_fields(record) -> dict:
    """The articles row for a record, without the run columns."""
    row = {k: record.get(k) for k in ARTICLE_COLUMNS if k in record and not isinstance(record[k], list)}
    row.update(
        authors=author_string(record["authors"]),
        publication_types=_json([p["name"] for p in record["publication_types"]]),
        mesh_terms=_json([m["descriptor"] for m in record["mesh"]]),
        keywords=_json([k["keyword"] for k in record["keywords"]]),
        languages=_json(record["languages"]),
        language=record["languages"][0] if record["languages"] else None,
        pubmed_url=PUBMED_URL.format(record["pmid"]),
    )
    return row


def derived_rows(record) -> tuple:
    """What the classifier and the extractor make of a record: (articles columns, among them
    search_terms, which holds its labels; rows of DERIVED_TABLES)."""
    classify = classifier()
    if classify is None:
        return {"search_terms": search_terms(record, {})}, {}
    result = classify.assess(record)
    columns = {k: _json(v) if isinstance(v, list) else v for k, v in result.items()}
    columns["rules_version"] = classify.RULES_VERSION
    columns["search_terms"] = search_terms(record, result)
    children = label_rows(record["pmid"], columns)
    if not EXTRACTING:
        return columns, children
    extract = extractor()
    found = extract.extract(record, result)
    columns.update(extraction_columns(found, extract.band(found.sample_size), extract.VERSION))
    children.update(extraction_rows(record["pmid"], found))
    return columns, children


def extraction_columns(found, band: str, version: str) -> dict:
    """The articles columns for an extraction: values only; their words go to the child tables."""
    value = lambda f: None if f is None else f.value
    flag = lambda f: None if f is None else int(f.value)
    return {
        "sample_size": value(found.sample_size), "sample_size_band": band,
        "studies_included": value(found.studies_included), "randomised": flag(found.randomised),
        "blinding": value(found.blinding), "placebo_controlled": flag(found.placebo_controlled),
        "comparators": _json([c.value for c in found.comparators]), "follow_up_days": value(found.follow_up_days),
        "registered": int(bool(found.registrations)), "conclusion": value(found.conclusion),
        "extraction_version": version,
    }


QUOTED_FIELDS = ("sample_size", "studies_included", "randomised", "blinding", "placebo_controlled",
                 "follow_up_days", "conclusion")


def extraction_rows(pmid, found) -> dict:
    """Rows of article_registrations, article_doses and article_quotes for an extraction."""
    where = lambda q: (q.text, q.source, q.start, q.end) if q else (None, None, None, None)
    quotes = []
    for field in QUOTED_FIELDS:
        item = getattr(found, field)
        if item is not None:
            value = item.value if field != "conclusion" else None  # the column holds it already
            quotes.append((pmid, field, 1, None if value is None else str(value), *where(item.quote)))
    quotes += [(pmid, "comparators", i, c.value, *where(c.quote)) for i, c in enumerate(found.comparators, 1)]
    rows = {
        "article_registrations": [(pmid, r.registry, r.registration_id, r.source, r.url, *where(r.quote))
                                  for r in found.registrations],
        "article_doses": [(pmid, i, d.dose_text, d.low, d.high, d.unit, d.route, d.schedule, *where(d.quote))
                          for i, d in enumerate(found.doses, 1)],
        "article_quotes": quotes,
    }
    return {table: found_rows for table, found_rows in rows.items() if found_rows}


# json.dumps with an argument of its own builds a new encoder at every call; this one is built once.
_ENCODE_JSON = json.JSONEncoder(ensure_ascii=False).encode


def _json(values):
    return _ENCODE_JSON(values) if values else None


def child_rows_of(records) -> dict:
    """Rows for every child table, for a list of records."""
    rows = {table: [] for table in CHILD_TABLES}
    for r in records:
        pmid = r["pmid"]
        rows["article_authors"] += [_author_row(pmid, a) for a in r["authors"]]
        for position, m in enumerate(r["mesh"], start=1):
            rows["article_mesh"].append(_mesh_row(pmid, position, m))
            rows["article_mesh_qualifiers"] += [
                {"pmid": pmid, "position": position, "descriptor": m["descriptor"], "qualifier": q["name"],
                 "qualifier_ui": q["ui"], "major_topic": int(q["major_topic"])} for q in m["qualifiers"]]
        rows["article_publication_types"] += [
            {"pmid": pmid, "publication_type": n} for n in dict.fromkeys(p["name"] for p in r["publication_types"])]
        rows["article_keywords"] += [
            {"pmid": pmid, "position": i, **k, "major_topic": int(k["major_topic"])}
            for i, k in enumerate(r["keywords"], start=1)]
        rows["article_chemicals"] += [
            {"pmid": pmid, "chemical": n} for n in dict.fromkeys(c["name"] for c in r["chemicals"])]
        rows["article_grants"] += [{"pmid": pmid, "position": i, **g} for i, g in enumerate(r["grants"], start=1)]
        rows["comments_corrections"] += [
            {"pmid": pmid, "position": i, **c} for i, c in enumerate(r["comments_corrections"], start=1)]
        rows["article_references"] += [{"pmid": pmid, **ref} for ref in r.get("references") or ()]
    return rows


def _author_row(pmid, author) -> dict:
    return {**author, "pmid": pmid, "affiliations": _json(author["affiliations"]),
            "equal_contrib": int(author["equal_contrib"])}


def _mesh_row(pmid, position, heading) -> dict:
    qualifiers = "; ".join(q["name"] + ("*" if q["major_topic"] else "") for q in heading["qualifiers"])
    return {"pmid": pmid, "position": position, "descriptor": heading["descriptor"],
            "descriptor_ui": heading["descriptor_ui"], "major_topic": int(heading["major_topic"]),
            "qualifiers": qualifiers or None}


def _lookup_rows(record) -> dict:
    """Rows for the name tables (MeSH descriptors, publication types, chemicals, journals)."""
    rows = {
        "mesh_descriptors": [(m["descriptor"], m["descriptor_ui"]) for m in record["mesh"]],
        "publication_types": [(p["name"], p["ui"]) for p in record["publication_types"]],
        "chemicals": [(c["name"], c["ui"], c["registry_number"]) for c in record["chemicals"]],
    }
    if record.get("journal_nlm_id"):
        rows["journals"] = [(record["journal_nlm_id"], record["journal"], record["journal_iso"], record["issn"])]
    return rows


def _save_lookups(db, records):
    """Names of MeSH descriptors, publication types, chemicals and journals; UIs when known."""
    for table, columns in LOOKUP_COLUMNS.items():
        # The last row for a name wins within a batch, as it would row by row.
        rows = {row[0]: row for r in records for row in r.lookups.get(table, ())}
        if table == "journals":
            _insert_tuples(db, table, columns, list(rows.values()), upsert="nlm_id")
        else:
            _insert_tuples(db, table, columns, list(rows.values()), on_conflict=_keep_uis(columns))


def _keep_uis(columns) -> str:
    """Insert new names; fill in a UI but never blank one (MEDLINE text has no UIs)."""
    sets = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns[1:])
    return f"on conflict([name]) do update set {sets} where excluded.ui is not null"


def delete_pmids(db, pmids, run_id: int) -> int:
    """Remove deleted citations from the catalogue; returns how many were present."""
    pmids = list(dict.fromkeys(pmids))
    with db.atomic():
        present = _present(db, pmids)
        _delete_children(db, present)
        for start in range(0, len(present), 500):
            chunk = present[start:start + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(f"delete from raw_records where pmid in ({marks})", chunk)
            db.execute(f"delete from articles where pmid in ({marks})", chunk)
        db["deleted_articles"].upsert_all(
            [{"pmid": p, "run_id": run_id, "deleted_at": now()} for p in pmids], pk="pmid")
    return len(present)


def _forget_deletions(db, pmids):
    """A PMID that comes back after a DeleteCitation is no longer deleted."""
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        db.execute("delete from deleted_articles where pmid in (%s)" % ",".join("?" * len(chunk)), chunk)


def _present(db, pmids) -> list:
    found = []
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        sql = "select pmid from articles where pmid in (%s)" % ",".join("?" * len(chunk))
        found += [row[0] for row in db.execute(sql, chunk)]
    return found


def reclassify(db, batch_size=2000) -> int:
    """Classify and extract every stored record again from its raw record; no network needed."""
    if classifier() is None:
        return 0
    total = 0
    last = -1
    # Page by PMID rather than keep one cursor open: SQLite refuses some writes
    # while a read of the same database is still pending on the connection.
    sql = "select pmid, raw, format from raw_records where pmid > ? order by pmid limit ?"
    while chunk := db.execute(sql, [last, batch_size]).fetchall():
        last = chunk[-1][0]
        derived = {}
        for _, raw, fmt in chunk:
            record = read.parse_raw(raw, fmt)
            derived[record["pmid"]] = derived_rows(record)
        with db.atomic():
            _replace_derived(db, derived)
        total += len(chunk)
    ensure_search(db)  # rebuilds a full-text index older than search_terms; refreshes the counts
    return total


def _replace_derived(db, derived: dict):
    """Rewrite the classification and extraction of articles: their columns and derived tables."""
    pmids = list(derived)
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        for table in DERIVED_TABLES:
            db.execute(f"delete from [{table}] where pmid in ({','.join('?' * len(chunk))})", chunk)
    _insert(db, "articles", [{"pmid": pmid, **columns} for pmid, (columns, _) in derived.items()], upsert="pmid")
    for table in DERIVED_TABLES:
        rows = [row for _, children in derived.values() for row in children.get(table, ())]
        _insert_tuples(db, table, CHILD_COLUMNS[table], rows)
