"""A live PubMed harvest: topic queries -> ESearch -> diff with the catalogue -> EFetch -> load.

Each topic (or ad-hoc query) keeps a plan in `pubmed_pending`: the PMIDs still to
fetch and why. A batch is parsed whole, then saved, linked to its topic and
ticked off the plan in one transaction, so a killed harvest resumes where it
stopped and never leaves a half-written batch behind.
"""

import datetime
import logging
import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path

from tqdm import tqdm

from harvest import load, parse, read_yaml
from harvest.eutils import EUtils, EUtilsError, QueryError, one_line

log = logging.getLogger(__name__)

TOPICS_PATH = Path(__file__).with_name("topics.yml")
# NCBI dates are whole days, US Eastern: look one day further back than needed.
SINCE_MARGIN = datetime.timedelta(days=1)
MAXDATE = "3000/12/31"
# How often one run asks EFetch again for PMIDs it silently left out.
FETCH_TRIES = 3
INTERRUPTED = "interrupted (Ctrl-C); the next run resumes its plan"


class LiveError(Exception):
    """A harvest that cannot start (bad topic name, bad date); one line."""


@dataclass(frozen=True)
class Topic:
    """A named PubMed query from topics.yml."""

    name: str
    title: str
    query: str
    description: str = ""


@dataclass(frozen=True)
class Search:
    """One query to harvest: a topic's, or an ad-hoc --query (topic None)."""

    key: str
    query: str
    topic: str | None = None


@dataclass
class Outcome:
    """What one search did, in the order the summary line prints it."""

    search: Search
    status: str = "failed"
    esearch_count: int = 0
    found: int = 0
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    unlinked: int = 0
    rejected: int = 0
    pending: int = 0
    message: str | None = None
    # A failure that later searches would meet too (the server, not the query).
    stops: bool = False

    def counts(self) -> dict:
        """The counts as harvest_runs columns."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if type(getattr(self, f.name)) is int}


# ---------------------------------------------------------------- topics


def load_topics(path=TOPICS_PATH) -> list:
    """The topics of topics.yml, each query folded onto one line."""
    data = read_yaml(path)
    return [Topic(t["name"], t["title"], " ".join(t["query"].split()),
                  " ".join(t.get("description", "").split())) for t in data["topics"]]


def plan_searches(topics, names=(), query=None) -> list:
    """The searches asked for: named topics, a query, or every topic."""
    by_name = {t.name: t for t in topics}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise LiveError(f"unknown topic(s) {', '.join(unknown)}; "
                        f"known: {', '.join(by_name)}")
    chosen = [by_name[n] for n in dict.fromkeys(names)]
    if not names and not query:
        chosen = list(topics)
    searches = [Search(t.name, t.query, t.name) for t in chosen]
    if query:
        searches.append(Search("query:" + " ".join(query.split()), " ".join(query.split())))
    return searches


def parse_since(text):
    """--since as YYYY/MM/DD (YYYY-MM-DD accepted); None stays None."""
    if text is None:
        return None
    match = re.fullmatch(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})", text.strip())
    try:
        date = datetime.date(*map(int, match.groups()))
    except (AttributeError, ValueError):
        raise LiveError(f"--since {text!r} is not a date like 2024/01/31") from None
    return date.strftime("%Y/%m/%d")


# ---------------------------------------------------------------- tables


def ensure_live_tables(db):
    """Create the topic and resume tables; safe to call on an existing catalogue."""
    db["topics"].create({"name": str, "title": str, "query": str, "description": str},
                        pk="name", if_not_exists=True)
    links = [("topic", "topics", "name")]
    if "articles" in db.table_names():
        links.append(("pmid", "articles", "pmid"))
    db["article_topics"].create({"pmid": int, "topic": str, "run_id": int},
                                pk=("pmid", "topic"), foreign_keys=links, if_not_exists=True)
    db["article_topics"].create_index(["topic"], if_not_exists=True)
    db["pubmed_searches"].create(
        {"key": str, "topic": str, "query": str, "plan_started": str, "plan_since": str,
         "last_complete": str, "last_count": int}, pk="key", if_not_exists=True)
    db["pubmed_pending"].create(
        {"search": str, "pmid": int, "reason": str, "done": int}, pk=("search", "pmid"),
        foreign_keys=[("search", "pubmed_searches", "key")], if_not_exists=True)


def sync_topics(db, topics):
    """Make the topics table match topics.yml; a topic taken out loses its links."""
    names = [t.name for t in topics]
    marks = ",".join("?" * len(names))
    with db.atomic():
        db["topics"].upsert_all([vars(t) for t in topics], pk="name")
        for table, column in [("article_topics", "topic"), ("topics", "name")]:
            db.execute(f"delete from {table} where {column} not in ({marks})", names)


def stored_pmids(db) -> set:
    """Every PMID the catalogue holds."""
    return {row[0] for row in db.execute("select pmid from articles")}


def linked_pmids(db, topic) -> set:
    """The PMIDs linked to a topic."""
    sql = "select pmid from article_topics where topic = ?"
    return {row[0] for row in db.execute(sql, [topic])}


def link(db, topic, pmids, run_id):
    """Link PMIDs to a topic (no-op for an ad-hoc query); existing links stay."""
    if topic and pmids:
        rows = ({"pmid": p, "topic": topic, "run_id": run_id} for p in pmids)
        db["article_topics"].insert_all(rows, pk=("pmid", "topic"), ignore=True)


def unlink(db, topic, pmids) -> int:
    """Remove topic links; returns how many there were."""
    if not topic or not pmids:
        return 0
    pmids, removed = list(pmids), 0
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        cursor = db.execute(f"delete from article_topics where topic = ? and pmid in ({marks})",
                            [topic, *chunk])
        removed += cursor.rowcount
    return removed


def forget_links(db, pmids):
    """Drop every topic link of PMIDs that PubMed deleted."""
    pmids = list(pmids)
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        db.execute("delete from article_topics where pmid in (%s)" % ",".join("?" * len(chunk)),
                   chunk)


# ---------------------------------------------------------------- plans


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def open_plan(db, search, since=None):
    """Start a plan unless one is open; returns the start of the changed-records window."""
    state = db["pubmed_searches"].get(search.key) if _has_state(db, search) else None
    if state and state["query"] != search.query:
        # The topic's query was rewritten: its old plan and dates no longer apply.
        db.execute("delete from pubmed_pending where search = ?", [search.key])
        state = None
    if state and state["plan_started"]:
        return since or state["plan_since"]
    window = since or default_since(state)
    row = {"key": search.key, "topic": search.topic, "query": search.query,
           "plan_started": now(), "plan_since": window,
           "last_complete": state["last_complete"] if state else None}
    with db.atomic():
        db["pubmed_searches"].upsert(row, pk="key")
    return window


def _has_state(db, search):
    sql = "select 1 from pubmed_searches where key = ?"
    return db.execute(sql, [search.key]).fetchone() is not None


def default_since(state):
    """The day before the last complete harvest of this search began, if any."""
    if not state or not state["last_complete"]:
        return None
    started = datetime.datetime.fromisoformat(state["last_complete"])
    return (started - SINCE_MARGIN).strftime("%Y/%m/%d")


def changed_window(since) -> dict:
    """ESearch parameters for records modified since a date."""
    return {"datetype": "mdat", "mindate": since, "maxdate": MAXDATE}


def planned(db, search) -> dict:
    """PMID -> (reason, done) for the open plan."""
    sql = "select pmid, reason, done from pubmed_pending where search = ?"
    return {pmid: (reason, done) for pmid, reason, done in db.execute(sql, [search.key])}


def update_plan(db, search, found, changed, run_id):
    """Add new, changed and vanished PMIDs to the plan; link what is already stored."""
    stored, current, plan = stored_pmids(db), set(found.pmids), planned(db, search)
    additions = {p: "new" for p in current - stored}
    additions.update({p: "changed" for p in set(changed) & stored})
    gone = []
    if found.complete:
        # Only a whole result shows what has left the query.
        linked = linked_pmids(db, search.topic) if search.topic else set()
        additions.update({p: "vanished" for p in linked - current})
        gone = [p for p, (reason, done) in plan.items()
                if not done and reason != "vanished" and p not in current]
    rows = [{"search": search.key, "pmid": p, "reason": r, "done": 0}
            for p, r in additions.items() if p not in plan]
    with db.atomic():
        db["pubmed_pending"].insert_all(rows, pk=("search", "pmid"))
        _retire(db, search, gone, stored)
        link(db, search.topic, sorted(current & stored), run_id)
    log.info("%s: %d PMIDs added to the plan", search.key, len(rows))


def _retire(db, search, pmids, stored):
    """Planned PMIDs the query no longer returns: check stored ones, drop the rest."""
    for pmid in pmids:
        change = {"reason": "vanished"} if pmid in stored else {"done": 1}
        db["pubmed_pending"].update((search.key, pmid), change)


def count_pending(db, search) -> int:
    """How many PMIDs of the plan are still to fetch."""
    sql = "select count(*) from pubmed_pending where search = ? and done = 0"
    return db.execute(sql, [search.key]).fetchone()[0]


def close_plan(db, search, found) -> int:
    """Close the plan once nothing is left to fetch; returns how many PMIDs are left."""
    left = count_pending(db, search)
    if left:
        return left
    state = db["pubmed_searches"].get(search.key)
    with db.atomic():
        db.execute("delete from pubmed_pending where search = ?", [search.key])
        db["pubmed_searches"].update(search.key, {
            "last_complete": state["plan_started"], "plan_started": None,
            "plan_since": None, "last_count": found.count})
    return 0


# ---------------------------------------------------------------- fetching


@dataclass
class Fetched:
    """One batch after EFetch and the parser: records by PMID, deletions, gaps."""

    records: dict
    deleted: set
    missing: list
    rejected: int = 0


def fetch_batch(client, pmids) -> Fetched:
    """Fetch and parse a batch, asking again for PMIDs EFetch silently left out."""
    wanted = set(pmids)
    fetched = Fetched({}, set(), [])
    for _ in range(FETCH_TRIES):
        missing = sorted(wanted - fetched.records.keys() - fetched.deleted)
        if not missing:
            break
        batch = parse_answer(client, missing)
        for record in batch.records:
            kept = fetched.records.get(record["pmid"])
            if record["pmid"] in wanted and (not kept or record["pmid_version"] >= kept["pmid_version"]):
                fetched.records[record["pmid"]] = record
        fetched.deleted |= set(batch.deleted) & wanted
        fetched.rejected = max(fetched.rejected, len(batch.rejected))
    fetched.missing = sorted(wanted - fetched.records.keys() - fetched.deleted)
    if fetched.missing:
        log.warning("EFetch left out %d of %d PMIDs after %d tries (first: %d)",
                    len(fetched.missing), len(wanted), FETCH_TRIES, fetched.missing[0])
    return fetched


def parse_answer(client, pmids):
    """EFetch one batch and parse all of it before anything is stored."""
    for _ in range(FETCH_TRIES):
        body = client.efetch(pmids)
        try:
            batch = parse.parse_xml_bytes(body)
        except parse.ParseError as error:
            log.warning("EFetch answer not readable (%s); asking again", one_line(error))
            continue
        if getattr(batch, "complete", True):
            return batch
        log.warning("EFetch answer cut off; asking again")
    raise EUtilsError(f"efetch.fcgi: {FETCH_TRIES} answers in a row could not be parsed")


def store_batch(db, search, reasons, fetched, run_id, outcome):
    """Save one parsed batch, its topic links and its place in the plan, atomically."""
    records = [dict(r, source="pubmed") for r in fetched.records.values()]
    # A vanished record EFetch leaves out was deleted from PubMed, unless the answers
    # held records the parser rejected: it may be one of them, so it waits for a later run.
    gone = [] if fetched.rejected else [p for p in fetched.missing if reasons[p] == "vanished"]
    deleted = sorted(fetched.deleted | set(gone))
    vanished = [p for p in reasons if reasons[p] == "vanished" and p not in deleted]
    finished = [p for p in reasons if p not in fetched.missing or p in gone]
    with db.atomic():
        counts = load.save_records(db, records, run_id)
        outcome.deleted += load.delete_pmids(db, deleted, run_id) if deleted else 0
        forget_links(db, deleted)
        link(db, search.topic, [p for p in fetched.records if reasons[p] != "vanished"], run_id)
        outcome.unlinked += unlink(db, search.topic, vanished)
        mark_done(db, search, finished)
    outcome.read += len(records)
    outcome.rejected += fetched.rejected
    for name in ("new", "updated", "unchanged"):
        setattr(outcome, name, getattr(outcome, name) + getattr(counts, name))


def mark_done(db, search, pmids):
    """Tick PMIDs off the plan."""
    pmids = list(pmids)
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"update pubmed_pending set done = 1 where search = ? and pmid in ({marks})",
                   [search.key, *chunk])


def fetch_pending(db, client, search, run_id, outcome, progress=False):
    """Fetch every PMID the plan still holds, batch by batch."""
    sql = "select pmid, reason from pubmed_pending where search = ? and done = 0 order by pmid"
    todo = db.execute(sql, [search.key]).fetchall()
    bar = tqdm(total=len(todo), unit=" records", desc=search.topic or "query",
               disable=not progress, file=sys.stderr, mininterval=0.5)
    for start in range(0, len(todo), client.batch_size):
        reasons = dict(todo[start:start + client.batch_size])
        fetched = fetch_batch(client, list(reasons))
        store_batch(db, search, reasons, fetched, run_id, outcome)
        bar.update(len(reasons))
    bar.close()


# ---------------------------------------------------------------- runs


def harvest_search(db, client, search, since=None, progress=False) -> Outcome:
    """Harvest one search as one run in harvest_runs; E-utilities failures end it."""
    run_id = load.start_run(db, "pubmed", search.query, topic=search.topic)
    outcome = Outcome(search)
    try:
        _harvest(db, client, search, since, progress, run_id, outcome)
    except EUtilsError as error:
        outcome.status, outcome.message = "failed", client.redact(one_line(error))
        outcome.stops = not isinstance(error, QueryError)
        outcome.pending = count_pending(db, search)  # the summary's "still to fetch"
        log.error("%s: %s", search.key, outcome.message)
    except KeyboardInterrupt:
        # Ctrl-C: the run says so in harvest_runs, then the command ends (cli.py).
        load.finish_run(db, run_id, outcome.counts(), "incomplete", INTERRUPTED)
        raise
    load.finish_run(db, run_id, outcome.counts(), outcome.status, outcome.message)
    return outcome


def _harvest(db, client, search, since, progress, run_id, outcome):
    window = open_plan(db, search, since)
    found = client.search_all(search.query)
    outcome.esearch_count, outcome.found = found.count, len(found.pmids)
    changed = client.search_all(search.query, changed_window(window)) if window else None
    update_plan(db, search, found, changed.pmids if changed else [], run_id)
    fetch_pending(db, client, search, run_id, outcome, progress)
    # Revised records are found by date alone: closing the plan after a short revision
    # search would move the next window past the ones it missed, for good. Left open,
    # the plan makes the next run search the same dates again.
    revisions_whole = changed is None or changed.complete
    outcome.pending = close_plan(db, search, found) if revisions_whole else count_pending(db, search)
    complete = found.complete and revisions_whole and not outcome.pending
    outcome.status = "complete" if complete else "incomplete"
    if not found.complete:
        outcome.message = f"ESearch counted {found.count} records but {outcome.found} came back"
    elif not revisions_whole:
        outcome.message = (f"ESearch counted {changed.count} revised records but "
                           f"{len(changed.pmids)} came back; the next run searches the same dates again")
    elif outcome.pending:
        outcome.message = f"{outcome.pending} PMIDs could not be fetched; the next run retries them"


def harvest_pubmed(db, names=(), query=None, since=None, progress=False, client=None,
                   topics_path=TOPICS_PATH) -> list:
    """Harvest the chosen topics and/or query; returns (outcomes, searches planned)."""
    topics = load_topics(topics_path)
    searches = plan_searches(topics, names, query)
    since = parse_since(since)
    client = client or EUtils.from_env()
    ensure_live_tables(db)
    sync_topics(db, topics)
    outcomes = []
    for search in searches:
        outcomes.append(harvest_search(db, client, search, since, progress))
        if outcomes[-1].stops:
            # Later searches would meet the same dead server, one long backoff each.
            break
    load.ensure_search(db)
    return outcomes, len(searches)


def summary(outcomes, planned_searches) -> str:
    """One line for the end of a harvest."""
    total = lambda name: sum(getattr(o, name) for o in outcomes)
    complete = sum(o.status == "complete" for o in outcomes)
    line = (f"pubmed: {complete} of {planned_searches} searches complete; "
            f"{total('found')} PMIDs found (ESearch counted {total('esearch_count')}); "
            f"fetched {total('read')}: {total('new')} new, {total('updated')} updated, "
            f"{total('unchanged')} unchanged; {total('deleted')} deleted, "
            f"{total('unlinked')} unlinked, {total('pending')} still to fetch")
    problems = [f"{o.search.topic or 'query'} {o.status}: {o.message}"
                for o in outcomes if o.status != "complete"]
    return line + ("; " + "; ".join(problems) if problems else "")


def all_complete(outcomes, planned_searches) -> bool:
    """True when every planned search ran and came back whole."""
    return len(outcomes) == planned_searches and all(o.status == "complete" for o in outcomes)
