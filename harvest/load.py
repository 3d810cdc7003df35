"""Every write to the catalogue: schema, upserts of parsed records, runs, deletions, search."""

import datetime
import json
from dataclasses import dataclass

import sqlite_utils

from harvest import __version__, parse

try:
    from harvest import classify
except ImportError:  # pragma: no cover - classify lands with its own issue
    classify = None

SEARCH_COLUMNS = ["title", "abstract", "keywords", "mesh_terms", "authors"]
CLASSIFICATION_COLUMNS = {
    "design": str, "evidence_level": int, "population": str, "conditions": str,
    "routes": str, "harms": str, "retracted": int, "corrections": str,
    "ketamine_form": str, "classification_reasons": str, "rules_version": str,
}
ARTICLE_COLUMNS = {
    "pmid": int, "title": str, "authors": str, "journal": str, "journal_iso": str,
    "pub_year": int, "pub_date": str, "volume": str, "issue": str, "pages": str,
    "doi": str, "pmcid": str, "abstract": str, **CLASSIFICATION_COLUMNS,
    "publication_types": str, "mesh_terms": str, "keywords": str, "language": str,
    "languages": str, "status": str, "publication_status": str, "pub_month": int,
    "pub_day": int, "pub_date_text": str, "electronic_date": str, "created_date": str,
    "entrez_date": str, "revised_date": str, "completed_date": str, "coi_statement": str,
    "record_type": str, "book_title": str, "publisher": str, "issn": str, "pii": str,
    "journal_nlm_id": str, "pmid_version": int, "pubmed_url": str,
    "first_seen_run": int, "last_changed_run": int,
}
# Child tables rewritten whenever their article changes, in dependency order.
CHILD_TABLES = (
    "article_authors", "article_mesh", "article_mesh_qualifiers", "article_publication_types",
    "article_keywords", "article_chemicals", "article_grants", "comments_corrections",
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
    """Create every table the catalogue needs; safe to call on an existing catalogue."""
    create = lambda name, columns, **kw: db[name].create(columns, if_not_exists=True, **kw)
    create("journals", {"nlm_id": str, "title": str, "iso_abbreviation": str, "issn": str}, pk="nlm_id")
    create("articles", ARTICLE_COLUMNS, pk="pmid", foreign_keys=[("journal_nlm_id", "journals", "nlm_id")])
    create("harvest_runs", RUN_COLUMNS, pk="id")
    create("mesh_descriptors", {"name": str, "ui": str}, pk="name")
    create("publication_types", {"name": str, "ui": str}, pk="name")
    create("chemicals", {"name": str, "ui": str, "registry_number": str}, pk="name")
    _create_children(create)
    create("raw_records", {"pmid": int, "pmid_version": int, "format": str, "raw": str, "source": str,
                           "run_id": int}, pk="pmid", foreign_keys=[("pmid", "articles", "pmid")])
    create("deleted_articles", {"pmid": int, "run_id": int, "deleted_at": str}, pk="pmid",
           foreign_keys=[("run_id", "harvest_runs", "id")])
    _ensure_indexes(db)


RUN_COLUMNS = {
    "id": int, "source": str, "query": str, "topic": str, "files": str, "started": str,
    "finished": str, "status": str, "read": int, "in_scope": int, "new": int, "updated": int,
    "unchanged": int, "deleted": int, "rejected": int, "software_version": str,
    "rules_version": str, "message": str,
}


def _create_children(create):
    article = [("pmid", "articles", "pmid")]
    create("article_authors", {"pmid": int, "position": int, "last_name": str, "fore_name": str,
                               "initials": str, "suffix": str, "collective_name": str, "orcid": str,
                               "affiliations": str, "equal_contrib": int},
           pk=("pmid", "position"), foreign_keys=article)
    create("article_mesh", {"pmid": int, "position": int, "descriptor": str, "descriptor_ui": str,
                            "major_topic": int, "qualifiers": str},
           pk=("pmid", "position"), foreign_keys=article + [("descriptor", "mesh_descriptors", "name")])
    create("article_mesh_qualifiers", {"pmid": int, "position": int, "descriptor": str, "qualifier": str,
                                       "qualifier_ui": str, "major_topic": int},
           pk=("pmid", "position", "qualifier"), foreign_keys=article)
    create("article_publication_types", {"pmid": int, "publication_type": str},
           pk=("pmid", "publication_type"),
           foreign_keys=article + [("publication_type", "publication_types", "name")])
    create("article_keywords", {"pmid": int, "position": int, "keyword": str, "major_topic": int,
                                "owner": str}, pk=("pmid", "position"), foreign_keys=article)
    create("article_chemicals", {"pmid": int, "chemical": str}, pk=("pmid", "chemical"),
           foreign_keys=article + [("chemical", "chemicals", "name")])
    create("article_grants", {"pmid": int, "position": int, "grant_id": str, "acronym": str,
                              "agency": str, "country": str}, pk=("pmid", "position"), foreign_keys=article)
    create("comments_corrections", {"pmid": int, "position": int, "ref_type": str, "ref_pmid": int,
                                    "ref_source": str}, pk=("pmid", "position"), foreign_keys=article)


INDEXES = {
    "articles": [["pub_year"], ["pub_date"], ["journal_nlm_id"], ["design"], ["population"],
                 ["evidence_level"], ["retracted"], ["language"], ["entrez_date"], ["created_date"]],
    "article_mesh": [["descriptor"]],
    "article_publication_types": [["publication_type"]],
    "article_chemicals": [["chemical"]],
    "comments_corrections": [["ref_pmid"]],
    "article_authors": [["last_name"]],
}


def _ensure_indexes(db):
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)


def ensure_search(db):
    """Full-text search (FTS5, porter) over titles, abstracts, keywords, MeSH and authors."""
    if "articles_fts" not in db.table_names():
        db["articles"].enable_fts(SEARCH_COLUMNS, fts_version="FTS5", tokenize="porter",
                                  create_triggers=True)


# ---------------------------------------------------------------- runs


def start_run(db, source: str, query: str = None, files=None, topic: str = None) -> int:
    """Record the start of a harvest run and return its id."""
    row = {"source": source, "query": query, "topic": topic, "started": now(), "status": "running",
           "files": json.dumps(files) if files else None, "software_version": __version__,
           "rules_version": getattr(classify, "RULES_VERSION", None)}
    return db["harvest_runs"].insert(row).last_pk


def finish_run(db, run_id: int, counts: dict, status: str, message: str = None):
    """Record how a run ended: its counts and 'complete', 'incomplete' or 'failed'."""
    known = {k: v for k, v in counts.items() if k in RUN_COLUMNS}
    db["harvest_runs"].update(run_id, {**known, "finished": now(), "status": status, "message": message})


# ---------------------------------------------------------------- records


def save_records(db, records, run_id: int) -> Counts:
    """Upsert parsed records in one transaction; unchanged records are not rewritten."""
    latest = _latest_versions(records)
    counts = Counts()
    with db.atomic():
        stored = _stored(db, latest)
        changed = []
        for pmid, record in latest.items():
            state = _state(record, stored.get(pmid))
            setattr(counts, state, getattr(counts, state) + 1)
            if state != "unchanged":
                changed.append(record)
        _write(db, changed, {p for p in stored}, run_id)
    return counts


def _latest_versions(records) -> dict:
    """One record per PMID: the highest version, the later one on a tie."""
    latest = {}
    for record in records:
        kept = latest.get(record["pmid"])
        if kept is None or record["pmid_version"] >= kept["pmid_version"]:
            latest[record["pmid"]] = record
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
    if record["pmid_version"] < version or _raw_text(record) == raw:
        return "unchanged"
    return "updated"


def _raw_text(record) -> str:
    return record["raw"].decode("utf-8", errors="replace")


def _write(db, records, existing, run_id):
    """Write articles and their child rows; child rows of updated articles are replaced."""
    if not records:
        return
    updated = [r["pmid"] for r in records if r["pmid"] in existing]
    _delete_children(db, updated)
    _forget_deletions(db, [r["pmid"] for r in records if r["pmid"] not in existing])
    _save_lookups(db, records)
    rows = [article_row(r, run_id, first_seen=r["pmid"] not in existing) for r in records]
    db["articles"].upsert_all(rows, pk="pmid")
    for table, child_rows in child_rows_of(records).items():
        db[table].insert_all(child_rows)
    db["raw_records"].upsert_all(
        ({"pmid": r["pmid"], "pmid_version": r["pmid_version"], "format": r["raw_format"],
          "raw": _raw_text(r), "source": r.get("source"), "run_id": run_id} for r in records),
        pk="pmid",
    )


def _delete_children(db, pmids):
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for table in CHILD_TABLES:
            db.execute(f"delete from [{table}] where pmid in ({marks})", chunk)


def article_row(record, run_id, first_seen=True) -> dict:
    """The articles row for a record: its scalars, readable lists and classification."""
    row = {k: record.get(k) for k in ARTICLE_COLUMNS if k in record and not isinstance(record[k], list)}
    row.update(
        authors=parse.author_string(record["authors"]),
        publication_types=_json([p["name"] for p in record["publication_types"]]),
        mesh_terms=_json([m["descriptor"] for m in record["mesh"]]),
        keywords=_json([k["keyword"] for k in record["keywords"]]),
        languages=_json(record["languages"]),
        language=record["languages"][0] if record["languages"] else None,
        pubmed_url=parse.PUBMED_URL.format(record["pmid"]),
        last_changed_run=run_id,
    )
    if first_seen:
        row["first_seen_run"] = run_id
    row.update(classification_row(record))
    return row


def classification_row(record) -> dict:
    """Classification columns for a record (lists stored as JSON arrays)."""
    if classify is None:
        return {}
    result = classify.classify(record)
    row = {k: _json(v) if isinstance(v, list) else v for k, v in result.items()}
    row["rules_version"] = classify.RULES_VERSION
    return row


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
    return rows


def _author_row(pmid, author) -> dict:
    return {**author, "pmid": pmid, "affiliations": _json(author["affiliations"]),
            "equal_contrib": int(author["equal_contrib"])}


def _mesh_row(pmid, position, heading) -> dict:
    qualifiers = "; ".join(q["name"] + ("*" if q["major_topic"] else "") for q in heading["qualifiers"])
    return {"pmid": pmid, "position": position, "descriptor": heading["descriptor"],
            "descriptor_ui": heading["descriptor_ui"], "major_topic": int(heading["major_topic"]),
            "qualifiers": qualifiers or None}


def _save_lookups(db, records):
    """Names of MeSH descriptors, publication types, chemicals and journals; UIs when known."""
    lookups = {
        "mesh_descriptors": {m["descriptor"]: {"name": m["descriptor"], "ui": m["descriptor_ui"]}
                             for r in records for m in r["mesh"]},
        "publication_types": {p["name"]: dict(p) for r in records for p in r["publication_types"]},
        "chemicals": {c["name"]: dict(c) for r in records for c in r["chemicals"]},
    }
    for table, rows in lookups.items():
        _upsert_keeping_uis(db[table], list(rows.values()))
    journals = {r["journal_nlm_id"]: {"nlm_id": r["journal_nlm_id"], "title": r["journal"],
                                      "iso_abbreviation": r["journal_iso"], "issn": r["issn"]}
                for r in records if r.get("journal_nlm_id")}
    db["journals"].upsert_all(journals.values(), pk="nlm_id")


def _upsert_keeping_uis(table, rows):
    """Insert new names; fill in a UI but never blank one (MEDLINE text has no UIs)."""
    table.insert_all(rows, pk="name", ignore=True)
    with_ui = [row for row in rows if row.get("ui")]
    if with_ui:
        table.upsert_all(with_ui, pk="name")


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
    """Classify every stored record again from its raw XML; no network needed."""
    if classify is None:
        return 0
    total = 0
    rows = db.execute("select raw, format from raw_records order by pmid")
    while chunk := rows.fetchmany(batch_size):
        records = [parse.parse_raw(raw, fmt) for raw, fmt in chunk]
        with db.atomic():
            db["articles"].upsert_all(
                ({"pmid": r["pmid"], **classification_row(r)} for r in records), pk="pmid")
        total += len(records)
    return total
