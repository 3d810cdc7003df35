"""Every write to the catalogue: schema, upserts of parsed records, runs, deletions, search."""

import datetime
import json
import re
import sys
from contextlib import contextmanager
from operator import itemgetter
from dataclasses import dataclass

import sqlite_utils

from harvest import __version__, links, parse

# Whether records are classified and extracted as they are loaded. Tests of the harvest alone
# and one side of `make bench` switch it off: the classifier costs milliseconds a record.
CLASSIFYING = True


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


SEARCH_COLUMNS = ["title", "abstract", "keywords", "mesh_terms", "authors", "search_terms"]
CLASSIFICATION_COLUMNS = {
    "design": str, "evidence_level": int, "population": str, "conditions": str,
    "routes": str, "harms": str, "harms_none_reported": str, "retracted": int, "corrections": str,
    "ketamine_form": str, "classification_reasons": str, "rules_version": str,
}
# What the extractor reads in the record (harvest/extract.py); the words behind each value
# are in article_quotes, article_registrations and article_doses.
EXTRACTION_COLUMNS = {
    "sample_size": int, "sample_size_band": str, "studies_included": int, "randomised": int, "blinding": str,
    "placebo_controlled": int, "comparators": str, "follow_up_days": float, "registered": int,
    "conclusion": str, "extraction_version": str,
}
ARTICLE_COLUMNS = {
    "pmid": int, "title": str, "authors": str, "journal": str, "journal_iso": str,
    "pub_year": int, "pub_date": str, "volume": str, "issue": str, "pages": str,
    "doi": str, "pmcid": str, "abstract": str, **CLASSIFICATION_COLUMNS, **EXTRACTION_COLUMNS,
    **links.LINK_COLUMNS,
    "publication_types": str, "mesh_terms": str, "keywords": str, "language": str,
    "languages": str, "status": str, "publication_status": str, "pub_month": int,
    "pub_day": int, "pub_date_text": str, "electronic_date": str, "created_date": str,
    "entrez_date": str, "revised_date": str, "completed_date": str, "coi_statement": str,
    "record_type": str, "book_title": str, "publisher": str, "issn": str, "pii": str,
    "journal_nlm_id": str, "pmid_version": int, "pubmed_url": str,
    "first_seen_run": int, "last_changed_run": int, "search_terms": str,
}
# Columns SQLite works out from others. Sorting by evidence level reads evidence_rank:
# levels 1 to 5, then the unrated records (a null would sort first).
GENERATED_COLUMNS = {
    "articles": {"evidence_rank": "integer generated always as (coalesce(evidence_level, 6)) virtual"},
}
# Child tables rewritten whenever their article changes, in dependency order.
# The classifier's multi-valued labels, one row per label: facets count these rows
# with an index instead of unpacking a JSON array in every article.
LABEL_TABLES = {"conditions": ("article_conditions", "condition"),
                "routes": ("article_routes", "route"),
                "harms": ("article_harms", "harm")}
# Rows the classifier and the extractor derive from a record: `classify` rewrites them.
DERIVED_TABLES = (*(table for table, _ in LABEL_TABLES.values()),
                  "article_registrations", "article_doses", "article_quotes")
CHILD_TABLES = (
    "article_authors", "article_mesh", "article_mesh_qualifiers", "article_publication_types",
    "article_keywords", "article_chemicals", "article_grants", "comments_corrections", "article_references",
    *DERIVED_TABLES,
)


@dataclass
class Counts:
    """What a save did: rows added, rows changed and rows left as they were."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------- schema


def open_db(path) -> sqlite_utils.Database:
    """Open (creating if needed) a catalogue database with its full schema."""
    db = sqlite_utils.Database(path)
    ensure_schema(db)
    return db


def ensure_schema(db):
    """Create every table the catalogue needs; safe to call on an existing catalogue, which
    gains the columns added since it was built (filled when it is classified again)."""
    create = lambda name, columns, **kw: db[name].create(columns, if_not_exists=True, **kw)
    create("journals", {"nlm_id": str, "title": str, "iso_abbreviation": str, "issn": str}, pk="nlm_id")
    create("articles", ARTICLE_COLUMNS, pk="pmid", foreign_keys=[("journal_nlm_id", "journals", "nlm_id")])
    _add_missing_columns(db, "articles", ARTICLE_COLUMNS)
    create("harvest_runs", RUN_COLUMNS, pk="id")
    create("mesh_descriptors", {"name": str, "ui": str}, pk="name")
    create("publication_types", {"name": str, "ui": str}, pk="name")
    create("chemicals", {"name": str, "ui": str, "registry_number": str}, pk="name")
    _create_children(create)
    create("raw_records", {"pmid": int, "pmid_version": int, "format": str, "raw": str, "source": str,
                           "run_id": int}, pk="pmid", foreign_keys=[("pmid", "articles", "pmid")])
    create("deleted_articles", {"pmid": int, "run_id": int, "deleted_at": str}, pk="pmid",
           foreign_keys=[("run_id", "harvest_runs", "id")])
    for name, columns in SUMMARY_COLUMNS.items():
        create(name, columns)
    # Links derived from what is loaded (harvest.links), rebuilt after every load.
    create("review_studies", {"review_pmid": int, "study_pmid": int, "included": int}, pk=("review_pmid", "study_pmid"))
    create("article_studies", {"pmid": int, "study_id": int}, pk="pmid")
    for name, columns in {"articles": ARTICLE_COLUMNS, **SUMMARY_COLUMNS}.items():
        _add_missing_columns(db, name, columns)
    _add_missing_columns(db, "article_harms", {"reported": int})
    _add_generated_columns(db)
    _ensure_indexes(db)
    _backfill_labels(db)


def _add_missing_columns(db, table, columns):
    present = set(db[table].columns_dict)
    for name, kind in columns.items():
        if name not in present:
            db[table].add_column(name, kind)


def _add_generated_columns(db):
    for table, columns in GENERATED_COLUMNS.items():
        present = {row[1] for row in db.execute(f"pragma table_xinfo([{table}])")}
        for name, definition in columns.items():
            if name not in present:
                db.execute(f"alter table [{table}] add column [{name}] {definition}")


# Counts recomputed after every load, so the site reads a few hundred rows instead of
# grouping every article at each request: the evidence maps, and what an unfiltered
# facet shows (articles per value of a join table, or of a column of articles).
SUMMARY_COLUMNS = {
    "evidence_counts": {"population": str, "condition": str, "design": str, "records": int, "studies": int,
                        "participants": int},
    "evidence_route_counts": {"population": str, "condition": str, "route": str, "records": int},
    "join_counts": {"join_table": str, "value": str, "records": int},
    # value is BLOB, which has no type affinity: a year stays an integer, a journal text.
    "column_counts": {"column_name": str, "value": "BLOB", "records": int},
}
# The columns of articles the site facets on (metadata.yml).
COUNTED_COLUMNS = ("design", "evidence_level", "population", "pub_year", "journal", "language", "retracted",
                   "sample_size_band", "registered", "randomised", "blinding", "placebo_controlled")
SUMMARY_SQL = {
    # studies: reports of one study count once; participants: the sample sizes of a cell's primary
    # studies, each study once (reviews' sample sizes would count those people again)
    "evidence_counts": """
        with cells as (
            select a.population, c.condition, a.design, coalesce(a.study_id, a.pmid) as study,
                   count(*) as records, max(a.sample_size) as participants
            from articles a left join article_conditions c on c.pmid = a.pmid
            group by 1, 2, 3, 4)
        select population, condition, design, sum(records), count(*),
               case when design not in ('meta-analysis', 'systematic-review') then sum(participants) end
        from cells group by 1, 2, 3""",
    "evidence_route_counts": """
        select a.population, c.condition, r.route, count(distinct a.pmid)
        from articles a left join article_conditions c on c.pmid = a.pmid
        left join article_routes r on r.pmid = a.pmid
        group by 1, 2, 3""",
}


def refresh_summaries(db):
    """Recompute the evidence-map counts, and the articles per value of each join table
    and of each counted column (what an unfiltered facet on it shows)."""
    links.refresh(db)
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


def _add_missing_columns(db, table, columns):
    """Columns added since a catalogue was built; `classify` fills them from the stored records."""
    present = set(db[table].columns_dict)
    for name, kind in columns.items():
        if name not in present:
            db[table].add_column(name, kind)


def _backfill_labels(db):
    """Fill the label tables of a catalogue classified before they existed."""
    if any(db.execute(f"select 1 from [{t}] limit 1").fetchone() for t, _ in LABEL_TABLES.values()):
        return
    # A harm is reported unless the article row lists it among those looked for and not found.
    extra = {"article_harms": (", reported", ", j.value not in (select value from "
                                             "json_each(coalesce(a.harms_none_reported, '[]')))")}
    with db.atomic():
        for key, (table, column) in LABEL_TABLES.items():
            names, values = extra.get(table, ("", ""))
            db.execute(f"insert or ignore into [{table}] (pmid, [{column}]{names}) select a.pmid, j.value{values} "
                       f"from articles a, json_each(a.[{key}]) j where a.[{key}] like '[%'")


RUN_COLUMNS = {
    "id": int, "source": str, "query": str, "topic": str, "files": str, "started": str,
    "finished": str, "status": str, "read": int, "in_scope": int, "new": int, "updated": int,
    "unchanged": int, "deleted": int, "rejected": int, "software_version": str,
    "rules_version": str, "message": str,
}


# A harm a record reports (1), or looked for and found none of (0): article_harms.reported.
LABEL_EXTRA_COLUMNS = {"article_harms": ("reported",)}
CHILD_COLUMNS = {
    "article_authors": ("pmid", "position", "last_name", "fore_name", "initials", "suffix",
                        "collective_name", "orcid", "affiliations", "equal_contrib"),
    "article_mesh": ("pmid", "position", "descriptor", "descriptor_ui", "major_topic", "qualifiers"),
    "article_mesh_qualifiers": ("pmid", "position", "descriptor", "qualifier", "qualifier_ui", "major_topic"),
    "article_publication_types": ("pmid", "publication_type"),
    "article_keywords": ("pmid", "position", "keyword", "major_topic", "owner"),
    "article_chemicals": ("pmid", "chemical"),
    "article_grants": ("pmid", "position", "grant_id", "acronym", "agency", "country"),
    "comments_corrections": ("pmid", "position", "ref_type", "ref_pmid", "ref_source"),
    "article_references": ("pmid", "position", "cited_pmid", "cited_doi", "citation", "list_title"),
    **{table: ("pmid", column, *LABEL_EXTRA_COLUMNS.get(table, ())) for table, column in LABEL_TABLES.values()},
    # quote_source is 'title' or 'abstract' (articles' columns), quote_start and quote_end offsets in it
    "article_registrations": ("pmid", "registry", "registration_id", "source", "url", "quote", "quote_source",
                              "quote_start", "quote_end"),
    "article_doses": ("pmid", "position", "dose_text", "low", "high", "unit", "route", "schedule", "quote",
                      "quote_source", "quote_start", "quote_end"),
    "article_quotes": ("pmid", "field", "position", "value", "quote", "quote_source", "quote_start", "quote_end"),
}
# Child rows as tuples in column order, for executemany (itemgetter does it in C).
_AS_TUPLE = {table: itemgetter(*columns) for table, columns in CHILD_COLUMNS.items()}
INTEGER_COLUMNS = {"pmid", "position", "major_topic", "equal_contrib", "ref_pmid", "reported", "quote_start",
                   "quote_end", "cited_pmid"}
REAL_COLUMNS = {"low", "high"}
CHILD_KEYS = {
    "article_mesh_qualifiers": ("pmid", "position", "qualifier"),
    "article_publication_types": ("pmid", "publication_type"),
    "article_chemicals": ("pmid", "chemical"),
    **{table: ("pmid", column) for table, column in LABEL_TABLES.values()},
    "article_registrations": ("pmid", "registration_id"),
    "article_quotes": ("pmid", "field", "position"),
}
CHILD_LOOKUPS = {
    "article_mesh": [("descriptor", "mesh_descriptors", "name")],
    "article_publication_types": [("publication_type", "publication_types", "name")],
    "article_chemicals": [("chemical", "chemicals", "name")],
}


def _create_children(create):
    for table, columns in CHILD_COLUMNS.items():
        create(table, {c: int if c in INTEGER_COLUMNS else float if c in REAL_COLUMNS else str for c in columns},
               pk=CHILD_KEYS.get(table, ("pmid", "position")),
               foreign_keys=[("pmid", "articles", "pmid")] + CHILD_LOOKUPS.get(table, []))


# Join tables are indexed on (value, pmid): a facet counting distinct pmids per value
# then reads the index alone, never the table (ten times faster for MeSH).
JOIN_VALUES = {"article_mesh": "descriptor", "article_publication_types": "publication_type",
               "article_chemicals": "chemical", **dict(LABEL_TABLES.values())}
# Counted in join_counts: these, and the topic links of the live harvester where it made them.
COUNTED_JOINS = {**JOIN_VALUES, "article_topics": "topic"}
INDEXES = {
    "articles": [["pub_year"], ["pub_date"], ["journal_nlm_id"], ["journal"], ["design"], ["population"],
                 ["evidence_level"], ["evidence_rank"], ["retracted"], ["language"], ["entrez_date"],
                 ["created_date"]],
    "comments_corrections": [["ref_pmid"]],
    "article_references": [["cited_pmid", "pmid"]],
    "review_studies": [["study_pmid"]],
    "article_studies": [["study_id"]],
    "article_authors": [["last_name"]],
    **{table: [[column, "pmid"]] for table, column in JOIN_VALUES.items()},
    "join_counts": [["join_table", "records"]],
    "column_counts": [["column_name", "records"]],
}


def _ensure_indexes(db):
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)


def _drop_indexes(db):
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db.execute(f"drop index if exists [idx_{table}_{'_'.join(columns)}]")


def ensure_search(db):
    """After a load: full-text search (FTS5, porter) over titles, abstracts, keywords, MeSH,
    authors and search_terms, built once and then kept by triggers; and fresh evidence-map
    counts. An index over other columns (a catalogue built before search_terms) is rebuilt."""
    if "articles_fts" in db.table_names() and db["articles_fts"].columns_dict.keys() != set(SEARCH_COLUMNS):
        db["articles"].disable_fts()
    if "articles_fts" not in db.table_names():
        db["articles"].enable_fts(SEARCH_COLUMNS, fts_version="FTS5", tokenize="porter",
                                  create_triggers=True)
    refresh_summaries(db)


# What search also finds a record by (search_terms): the words of its design, condition and
# route labels, so that "crps" or "sublingual" find what the classifier labelled so; and every
# hyphenated word of its texts without the hyphens, so that "sublingual" finds "Sub-Lingual"
# (the full-text index splits a word at its hyphens). A design of "other" says nothing.
SEARCHED_LABELS = ("design", "conditions", "routes")
UNSEARCHED_LABELS = {"other"}
HYPHENATED = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)+")
WORD_PARTS = re.compile(r"[^\W_]+")


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
    compounds = (WORD_PARTS.findall(m.group().lower()) for text in texts if text for m in HYPHENATED.finditer(text))
    joined = ["".join(parts) for parts in compounds if not all(part.isdigit() for part in parts)]  # not 2012-2019
    words = [label.replace("-", " ") for label in labels] + joined
    return " ".join(dict.fromkeys(words)) or None


@contextmanager
def bulk_build(db):
    """Fill an empty catalogue faster: its indexes and search index are built once, after the rows.

    Building an index over rows already in place costs a fraction of keeping it
    up to date row by row. A catalogue that already has articles is left as it is.
    """
    if db.execute("select 1 from articles limit 1").fetchone():
        yield
        return
    if "articles_fts" in db.table_names():
        db["articles"].disable_fts()
    _drop_indexes(db)
    try:
        yield
    finally:
        _ensure_indexes(db)
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


RAW_COLUMNS = ("pmid", "pmid_version", "format", "raw", "source", "run_id")


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
        authors=parse.author_string(record["authors"]),
        publication_types=_json([p["name"] for p in record["publication_types"]]),
        mesh_terms=_json([m["descriptor"] for m in record["mesh"]]),
        keywords=_json([k["keyword"] for k in record["keywords"]]),
        languages=_json(record["languages"]),
        language=record["languages"][0] if record["languages"] else None,
        pubmed_url=parse.PUBMED_URL.format(record["pmid"]),
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


def _json(values):
    return json.dumps(values, ensure_ascii=False) if values else None


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


LOOKUP_COLUMNS = {
    "mesh_descriptors": ("name", "ui"),
    "publication_types": ("name", "ui"),
    "chemicals": ("name", "ui", "registry_number"),
    "journals": ("nlm_id", "title", "iso_abbreviation", "issn"),
}


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
            record = parse.parse_raw(raw, fmt)
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
