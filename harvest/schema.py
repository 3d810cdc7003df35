"""The catalogue's tables, columns and indexes: every table any command creates, in one place.

ensure_schema creates what the loader writes, ensure_live_tables what the live harvester
adds (topics and its resumable plan). Both are safe to run on an existing catalogue,
which gains the tables and columns added since it was built. docs/schema.md is generated
from a catalogue these functions build.
"""

from dataclasses import dataclass

from sqlite_utils.db import DescIndex

from harvest import links

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
    "articles": {"evidence_rank": "integer generated always as (coalesce(evidence_level, 6)) virtual",
                 # a yes-or-no facet over harvest.links' count of the reviews that cite a record
                 "cited_by_review": "integer generated always as (cited_by_reviews > 0) virtual"},
}
RUN_COLUMNS = {
    "id": int, "source": str, "query": str, "topic": str, "files": str, "started": str,
    "finished": str, "status": str, "read": int, "in_scope": int, "new": int, "updated": int,
    "unchanged": int, "deleted": int, "rejected": int, "software_version": str,
    "rules_version": str, "message": str,
}
RAW_COLUMNS = ("pmid", "pmid_version", "format", "raw", "source", "run_id")
LOOKUP_COLUMNS = {
    "mesh_descriptors": ("name", "ui"),
    "publication_types": ("name", "ui"),
    "chemicals": ("name", "ui", "registry_number"),
    "journals": ("nlm_id", "title", "iso_abbreviation", "issn"),
}


# ---------------------------------------------------------------- join tables


@dataclass(frozen=True)
class Join:
    """A table that joins articles to values they are faceted and filtered by (?_join_NAME=)."""

    table: str
    column: str | None  # the value; None where expression gives it
    label: str | None = None  # what the site calls the facet (default: its name)
    expression: str | None = None  # SQL for a value no one column holds
    counted: bool = True  # indexed on (value, pmid) and counted in join_counts


# The join tables the site facets and filters on, by the name of their facet. conditions, routes
# and harms are the classifier's multi-valued labels, one row per label: facets count these rows
# with an index instead of unpacking a JSON array in every article.
JOINS = {
    "conditions": Join("article_conditions", "condition"),
    "routes": Join("article_routes", "route"),
    "harms": Join("article_harms", "harm"),
    "topic": Join("article_topics", "topic", "Topic"),  # the live harvester's (ensure_live_tables)
    "mesh": Join("article_mesh", "descriptor", "MeSH heading"),
    "publication_type": Join("article_publication_types", "publication_type", "Publication type"),
    "author": Join("article_authors", None, "Author", counted=False,
                   expression="coalesce(collective_name, last_name || coalesce(' ' || initials, ''))"),
    "keyword": Join("article_keywords", "keyword", "Keyword", counted=False),
    "chemical": Join("article_chemicals", "chemical", "Chemical"),
}
LABEL_TABLES = {facet: (JOINS[facet].table, JOINS[facet].column) for facet in ("conditions", "routes", "harms")}
# Counted in join_counts (the facets of an unfiltered page): articles per value of each of these.
COUNTED_JOINS = {join.table: join.column for join in JOINS.values() if join.counted}
# Indexed on (value, pmid): a facet counting distinct pmids per value then reads the index
# alone, never the table (ten times faster for MeSH). The live harvester indexes its own.
JOIN_VALUES = {table: column for table, column in COUNTED_JOINS.items() if table != JOINS["topic"].table}


# ---------------------------------------------------------------- child tables


# Rows the classifier and the extractor derive from a record: `classify` rewrites them.
DERIVED_TABLES = (*(table for table, _ in LABEL_TABLES.values()),
                  "article_registrations", "article_doses", "article_quotes")
# Child tables rewritten whenever their article changes, in dependency order.
CHILD_TABLES = (
    "article_authors", "article_mesh", "article_mesh_qualifiers", "article_publication_types",
    "article_keywords", "article_chemicals", "article_grants", "comments_corrections", "article_references",
    *DERIVED_TABLES,
)
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


# ---------------------------------------------------------------- counts kept for the site


# Counts recomputed after every load (harvest.load.refresh_summaries), so the site reads a
# few hundred rows instead of grouping every article at each request: the evidence maps, and
# what an unfiltered facet shows (articles per value of a join table, or of a column of articles).
SUMMARY_COLUMNS = {
    "evidence_counts": {"population": str, "condition": str, "design": str, "records": int, "studies": int,
                        "participants": int},
    "design_counts": {"population": str, "design": str, "records": int, "studies": int, "participants": int},
    "evidence_route_counts": {"population": str, "condition": str, "route": str, "records": int},
    "year_counts": {"pub_year": int, "design": str, "records": int},
    "join_counts": {"join_table": str, "value": str, "records": int},
    # value is BLOB, which has no type affinity: a year stays an integer, a journal text.
    "column_counts": {"column_name": str, "value": "BLOB", "records": int},
}
# The columns of articles the site facets on (metadata.yml).
COUNTED_COLUMNS = ("design", "evidence_level", "population", "pub_year", "journal", "language", "retracted",
                   "sample_size_band", "registered", "randomised", "blinding", "placebo_controlled", "cited_by_review",
                   "newer_than_reviews")
INDEXES = {
    # (pub_year, design): publications per year by design are counted from the index alone
    # The orders the articles page offers, newest (or largest) first, are read from indexes in that
    # order: with its PMID tie-breaker (datasette_catalogue/ordering.py) a page of a filtered listing
    # is the first rows of the index that pass the filter, never a sort of every row that does.
    "articles": [["pub_year", "design"], [DescIndex("pub_date")], [DescIndex("sample_size")],
                 # what's new and the Atom feed, newest first with the PMID tie-breaker: many records of a
                 # daily file share their Entrez date, and without the PMID here every one of them is sorted
                 [DescIndex("entrez_date"), DescIndex("pmid")], ["journal_nlm_id"], ["journal"], ["population"],
                 ["evidence_level"], ["retracted", "pub_date"], ["language"],
                 # an evidence profile's newest review and the trials after it: a design's records by date
                 ["design", "pub_date"],
                 # a profile's strongest records when it names no condition or route: the first of this index
                 # that are evidence of the question's population, read from the index alone
                 ["evidence_rank", DescIndex("sample_size"), DescIndex("pub_date"), "population", "design",
                  "retracted"],
                 ["created_date"],
                 # the evidence maps' cells of records with no condition or no route (__isnull filters)
                 ["conditions", "routes", "design"],
                 # what an evidence profile reads of each record it counts (datasette_catalogue/profile.py):
                 # looked up by PMID in this index, never in the long rows of articles
                 ["pmid", "design", "population", "evidence_level", "sample_size", "study_id", "retracted",
                  "pub_date"],
                 # a facet value's link (registered=1, cited_by_review=0...) counts its records from an index
                 ["sample_size_band"], ["registered"], ["randomised"], ["blinding"], ["placebo_controlled"],
                 ["cited_by_review"], ["newer_than_reviews"]],
    "comments_corrections": [["ref_pmid"]],
    "article_references": [["cited_pmid", "pmid"]],
    "review_studies": [["study_pmid"]],
    "article_studies": [["study_id"]],
    "article_authors": [["last_name"]],
    **{table: [[column, "pmid"]] for table, column in JOIN_VALUES.items()},
    "join_counts": [["join_table", "records"]],
    "column_counts": [["column_name", "records"]],
}


# ---------------------------------------------------------------- the live harvester's tables


# A sharp drop in a query's Count not yet confirmed: the Count seen, and the run that first saw it.
DROP_COLUMNS = {"drop_count": int, "drop_run": int}


# ---------------------------------------------------------------- what each table holds


# One row per ... (docs/schema.md lists them with their columns, from a catalogue built afresh).
TABLES = {
    "articles": "PubMed record: bibliographic fields, the classification and what extraction read",
    "journals": "NLM journal (`nlm_id`): title, ISO abbreviation, ISSN",
    "article_authors": "author of an article, in order, with ORCID and affiliations",
    "article_mesh": "MeSH heading of an article, with its UI, the major-topic flag and its qualifiers",
    "article_mesh_qualifiers": "qualifier of a MeSH heading of an article",
    "mesh_descriptors": "MeSH descriptor named in the catalogue, with its UI where a record gave it",
    "article_publication_types": "publication type of an article",
    "publication_types": "publication type named in the catalogue, with its UI",
    "article_keywords": "author keyword of an article",
    "article_chemicals": "substance of an article",
    "chemicals": "substance named in the catalogue, with its UI and registry number",
    "article_grants": "grant of an article",
    "comments_corrections": "linked record: ref type (`RetractionIn`, `ErratumIn`, `CommentOn`...) and PMID",
    "article_references": "reference an article cites, with the PMID and DOI it gives",
    "article_conditions": "condition label of an article (the classifier's; what ?_join_conditions= filters on)",
    "article_routes": "route label of an article",
    "article_harms": "harm label of an article; `reported` is 0 when the record looked for it and found none",
    "article_registrations": "trial or review registration an article names, with the words it was read from",
    "article_doses": "ketamine dose an abstract states, with the words it was read from",
    "article_quotes": "extracted value of an article with the words it was read from",
    "raw_records": "record's XML (or MEDLINE text) as read, so the catalogue can be rebuilt offline",
    "deleted_articles": "PMID removed by `DeleteCitation` (or, live, not found by ESummary in two harvests)",
    "harvest_runs": "run of a command that changed the catalogue: source, query or files, counts, status",
    "evidence_counts": "cell of the evidence map (population, condition, design): records, studies, participants",
    "design_counts": "design of every record (population '') or of one population's: records, studies, participants",
    "evidence_route_counts": "cell of the route map (population, condition, route): records",
    "year_counts": "publication year and design (the chart of publications per year): records",
    "join_counts": "value of a join table: the articles it has (an unfiltered facet)",
    "column_counts": "value of a faceted column of articles: the articles that have it",
    "review_studies": "catalogued study a catalogued review cites, marked when it is among those it includes",
    "article_studies": "article and the study it reports (records sharing a registration or a same-work link)",
    "topics": "topic of harvest/topics.yml: name, title, query, description (live harvester)",
    "article_topics": "article found by a topic's query, with the run that linked it (live harvester)",
    "pubmed_searches": "search of the live harvester: its open plan, dates, last Count and a drop awaiting confirmation",
    "pubmed_pending": "PMID of a search's open plan: why it is there (new, changed, vanished) and whether it is done",
    "pubmed_not_found": "record EFetch left out and ESummary could not find, kept until a later harvest agrees",
    "articles_fts": "article in the full-text index (FTS5, porter) over title, abstract, keywords, MeSH, "
                    "authors and search_terms",
}


# ---------------------------------------------------------------- creating them


def ensure_schema(db):
    """Create every table the loader writes; safe to call on an existing catalogue, which
    gains the columns added since it was built (filled when it is classified again)."""
    create = lambda name, columns, **kw: db[name].create(columns, if_not_exists=True, **kw)
    create("journals", {"nlm_id": str, "title": str, "iso_abbreviation": str, "issn": str}, pk="nlm_id")
    create("articles", ARTICLE_COLUMNS, pk="pmid", foreign_keys=[("journal_nlm_id", "journals", "nlm_id")])
    add_missing_columns(db, "articles", ARTICLE_COLUMNS)
    create("harvest_runs", RUN_COLUMNS, pk="id")
    create("mesh_descriptors", {"name": str, "ui": str}, pk="name")
    create("publication_types", {"name": str, "ui": str}, pk="name")
    create("chemicals", {"name": str, "ui": str, "registry_number": str}, pk="name")
    for table, columns in CHILD_COLUMNS.items():
        create(table, {c: int if c in INTEGER_COLUMNS else float if c in REAL_COLUMNS else str for c in columns},
               pk=CHILD_KEYS.get(table, ("pmid", "position")),
               foreign_keys=[("pmid", "articles", "pmid")] + CHILD_LOOKUPS.get(table, []))
    create("raw_records", {"pmid": int, "pmid_version": int, "format": str, "raw": str, "source": str,
                           "run_id": int}, pk="pmid", foreign_keys=[("pmid", "articles", "pmid")])
    create("deleted_articles", {"pmid": int, "run_id": int, "deleted_at": str}, pk="pmid",
           foreign_keys=[("run_id", "harvest_runs", "id")])
    for name, columns in SUMMARY_COLUMNS.items():
        create(name, columns)
    # Links derived from what is loaded (harvest.links), rebuilt after every load.
    create("review_studies", {"review_pmid": int, "study_pmid": int, "included": int}, pk=("review_pmid", "study_pmid"))
    create("article_studies", {"pmid": int, "study_id": int}, pk="pmid")
    for name, columns in SUMMARY_COLUMNS.items():
        add_missing_columns(db, name, columns)
    add_missing_columns(db, "article_harms", {"reported": int})
    _add_generated_columns(db)
    ensure_indexes(db)
    _backfill_labels(db)


def ensure_live_tables(db):
    """Create the live harvester's topic and resume tables; safe to call on an existing catalogue."""
    db["topics"].create({"name": str, "title": str, "query": str, "description": str},
                        pk="name", if_not_exists=True)
    foreign_keys = [("topic", "topics", "name")]
    if "articles" in db.table_names():
        foreign_keys.append(("pmid", "articles", "pmid"))
    db["article_topics"].create({"pmid": int, "topic": str, "run_id": int},
                                pk=("pmid", "topic"), foreign_keys=foreign_keys, if_not_exists=True)
    db["article_topics"].create_index(["topic"], if_not_exists=True)
    db["pubmed_searches"].create(
        {"key": str, "topic": str, "query": str, "plan_started": str, "plan_since": str,
         "last_complete": str, "last_count": int, **DROP_COLUMNS}, pk="key", if_not_exists=True)
    add_missing_columns(db, "pubmed_searches", DROP_COLUMNS)  # catalogues harvested before they existed
    db["pubmed_pending"].create(
        {"search": str, "pmid": int, "reason": str, "done": int}, pk=("search", "pmid"),
        foreign_keys=[("search", "pubmed_searches", "key")], if_not_exists=True)
    db["pubmed_not_found"].create({"pmid": int, "since": str, "run_id": int}, pk="pmid",
                                  if_not_exists=True)


def ensure_full_text(db):
    """Full-text search (FTS5, porter) over titles, abstracts, keywords, MeSH, authors and
    search_terms, built once and then kept by triggers. An index over other columns (a
    catalogue built before search_terms) is rebuilt."""
    if "articles_fts" in db.table_names() and db["articles_fts"].columns_dict.keys() != set(SEARCH_COLUMNS):
        db["articles"].disable_fts()
    if "articles_fts" not in db.table_names():
        db["articles"].enable_fts(SEARCH_COLUMNS, fts_version="FTS5", tokenize="porter", create_triggers=True)


def add_missing_columns(db, table, columns):
    """Columns added since a catalogue was built; `classify` fills them from the stored records."""
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


def index_name(table, columns) -> str:
    """idx_articles_pub_year_design; a descending column is named so (idx_articles_pub_date_desc)."""
    return f"idx_{table}_" + "_".join(c + ("_desc" if isinstance(c, DescIndex) else "") for c in columns)


def ensure_indexes(db):
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, index_name=index_name(table, columns), if_not_exists=True)


def drop_indexes(db):
    """Drop the indexes ensure_indexes makes (a bulk load builds them once, after the rows)."""
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db.execute(f"drop index if exists [{index_name(table, columns)}]")


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
