"""A live PubMed harvest: topic queries -> ESearch -> diff with the catalogue -> EFetch -> load.

Each topic (or ad-hoc query) keeps a plan in `pubmed_pending`: the PMIDs still to
fetch and why. A batch is parsed whole, then saved, linked to its topic and
ticked off the plan in one transaction, so a killed harvest resumes where it
stopped and never leaves a half-written batch behind.

Nothing leaves on an answer that may be false: a query whose Count drops sharply
unlinks nothing until a later harvest sees the drop too, and a record leaves the
catalogue only on a <DeleteCitation>, or when ESummary cannot find it on two
separate harvests (until then it is kept, noted in `pubmed_not_found`).
"""

import datetime
import logging
import re
import sys
from collections import deque
from dataclasses import dataclass, field, fields
from pathlib import Path

from tqdm import tqdm

from harvest import load, read, read_yaml, schema
from harvest.eutils import EUtils, EUtilsError, NoSuchIds, QueryError, ServerDown, halves
from harvest.messages import one_line

log = logging.getLogger(__name__)

TOPICS_PATH = Path(__file__).with_name("topics.yml")
# NCBI dates are whole days, US Eastern: look one day further back than needed.
SINCE_MARGIN = datetime.timedelta(days=1)
MAXDATE = "3000/12/31"
# How often one run asks EFetch again for PMIDs it silently left out.
FETCH_TRIES = 3
# Tries per fault class for each half of a batch that kept failing (the whole batch had max_tries).
SPLIT_TRIES = 3
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
    # PMIDs EFetch left out and ESummary could not find: kept until a later harvest agrees.
    not_found: int = 0
    message: str | None = None
    # A failure that later searches would meet too (the server, not the query).
    stops: bool = False
    # ESearch's warnings (kind, text), distinct, as the summary line counts them.
    warnings: list = field(default_factory=list)

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
    if state is None:  # new, or rewritten: what the old query found says nothing of this one
        row.update(last_count=None, **dict.fromkeys(schema.DROP_COLUMNS))
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


def update_plan(db, search, found, changed, run_id, trusted=True):
    """Add new, changed and vanished PMIDs to the plan; link what is already stored."""
    stored, current, plan = stored_pmids(db), set(found.pmids), planned(db, search)
    additions = {p: "new" for p in current - stored}
    additions.update({p: "changed" for p in set(changed) & stored})
    gone = []
    if found.complete and trusted:
        # Only a whole result, and no unconfirmed drop, shows what has left the query.
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
    """One batch after EFetch and the parser: records by PMID, deletions, gaps.

    `missing`: PMIDs EFetch left out however often it was asked (or answered with
    "ID list is empty"); `failed`: PMIDs whose requests, down to one PMID alone,
    never got an answer. Both stay in the plan unless ESummary settles the missing.
    """

    records: dict
    deleted: set
    missing: list
    rejected: int = 0
    failed: list = field(default_factory=list)


def fetch_batch(client, pmids) -> Fetched:
    """Fetch and parse a batch, asking again for PMIDs EFetch silently left out."""
    wanted = set(pmids)
    fetched, unknown = Fetched({}, set(), []), set()
    for _ in range(FETCH_TRIES):
        missing = sorted(wanted - fetched.records.keys() - fetched.deleted - unknown
                         - set(fetched.failed))
        if not missing:
            break
        ask_halving(client, missing, fetched, unknown)
    fetched.missing = sorted(wanted - fetched.records.keys() - fetched.deleted - set(fetched.failed))
    if fetched.missing:
        log.warning("EFetch left out %d of %d PMIDs after %d tries (first: %d)",
                    len(fetched.missing), len(wanted), FETCH_TRIES, fetched.missing[0])
    return fetched


def ask_halving(client, pmids, fetched, unknown):
    """EFetch `pmids` into `fetched`. A request that fails after its tries is halved and
    both halves asked before either is halved again, so one bad record cannot hold up
    the rest and a dead server shows itself (ServerDown) after a few requests. NCBI's
    HTTP 400 "ID list is empty" (it knows none of the PMIDs) is halved the same way,
    down to the PMIDs it does not know, which go into `unknown`."""
    parts, wanted = deque([pmids]), set(pmids)
    while parts:
        part = parts.popleft()
        try:
            batch = parse_answer(client, part, None if part is pmids else
                                 min(SPLIT_TRIES, client.max_tries))
        except NoSuchIds:
            if len(part) == 1:
                unknown.update(part)
            else:
                parts.extend(halves(part))
            continue
        except ServerDown:
            raise
        except EUtilsError as error:
            if len(part) == 1:
                log.warning("PMID %d: %s; it stays in the plan", part[0], one_line(error))
                fetched.failed += part
            else:
                log.warning("EFetch of %d PMIDs failed (%s); asking for each half alone",
                            len(part), one_line(error))
                parts.extend(halves(part))
            continue
        for record in batch.records:
            kept = fetched.records.get(record["pmid"])
            if record["pmid"] in wanted and (not kept or record["pmid_version"] >= kept["pmid_version"]):
                fetched.records[record["pmid"]] = record
        fetched.deleted |= set(batch.deleted) & wanted
        fetched.rejected = max(fetched.rejected, len(batch.rejected))


def parse_answer(client, pmids, tries=None):
    """EFetch one batch and parse all of it before anything is stored."""
    for _ in range(FETCH_TRIES):
        body = client.efetch(pmids, tries)
        try:
            batch = read.parse_xml_bytes(body)
        except read.ParseError as error:
            log.warning("EFetch answer not readable (%s); asking again", one_line(error))
            continue
        if getattr(batch, "complete", True):
            return batch
        log.warning("EFetch answer cut off; asking again")
    raise EUtilsError(f"efetch.fcgi: {FETCH_TRIES} answers in a row could not be parsed")


def ask_summaries(client, pmids) -> dict:
    """What ESummary says of PMIDs EFetch would not return (pubmed_has); {} when it
    cannot be asked now, which leaves them in the plan."""
    if not pmids:
        return {}
    try:
        return client.pubmed_has(pmids)
    except ServerDown:
        raise
    except EUtilsError as error:
        log.warning("ESummary not answering (%s); %d PMIDs EFetch left out stay in the plan",
                    one_line(error), len(pmids))
        return {}


@dataclass
class Missing:
    """PMIDs EFetch left out, sorted by what ESummary said of them."""

    gone: list       # it cannot find them, as an earlier harvest found too: deleted from PubMed
    not_found: list  # it cannot find them, for the first time (or only in this harvest)
    there: list      # it has them: EFetch failed them, so they are asked for again next run


def sort_missing(db, pmids, present, session) -> Missing:
    """Only ESummary saying it cannot find a PMID, in a harvest before this one
    (`session`, the first run of this harvest) and again now, shows it was deleted."""
    seen = not_found_runs(db, pmids)
    absent = [p for p in pmids if present.get(p) is False]
    gone = [p for p in absent if seen.get(p, session) < session]
    return Missing(gone, [p for p in absent if p not in gone], [p for p in pmids if present.get(p)])


def not_found_runs(db, pmids) -> dict:
    """PMID -> the run that first found it missing from PubMed."""
    pmids, runs = list(pmids), {}
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        sql = "select pmid, run_id from pubmed_not_found where pmid in (%s)" % ",".join("?" * len(chunk))
        runs.update(db.execute(sql, chunk).fetchall())
    return runs


def note_not_found(db, pmids, run_id):
    """Mark PMIDs as not found in PubMed today, unless they are marked already."""
    today = datetime.date.today().isoformat()
    db["pubmed_not_found"].insert_all(({"pmid": p, "since": today, "run_id": run_id} for p in pmids),
                                      pk="pmid", ignore=True)


def clear_not_found(db, pmids):
    """PubMed has these PMIDs after all."""
    pmids = list(pmids)
    for start in range(0, len(pmids), 500):
        chunk = pmids[start:start + 500]
        db.execute("delete from pubmed_not_found where pmid in (%s)" % ",".join("?" * len(chunk)), chunk)


def store_batch(db, search, reasons, fetched, missing, run_id, outcome):
    """Save one parsed batch, its topic links and its place in the plan, atomically.

    A record leaves the catalogue only on a DeleteCitation or when `missing.gone`
    says so; a vanished one (the query no longer finds it) is unlinked from the topic.
    """
    records = [dict(r, source="pubmed") for r in fetched.records.values()]
    deleted = sorted(fetched.deleted | set(missing.gone))
    vanished = [p for p in reasons if reasons[p] == "vanished" and p not in deleted]
    finished = [*fetched.records, *fetched.deleted, *missing.gone]
    with db.atomic():
        counts = load.save_records(db, records, run_id)
        clear_not_found(db, [*fetched.records, *missing.there])
        note_not_found(db, missing.not_found, run_id)
        outcome.deleted += load.delete_pmids(db, deleted, run_id) if deleted else 0
        forget_links(db, deleted)
        link(db, search.topic, [p for p in fetched.records if reasons[p] != "vanished"], run_id)
        outcome.unlinked += unlink(db, search.topic, vanished)
        mark_done(db, search, finished)
    outcome.read += len(records)
    outcome.rejected += fetched.rejected
    outcome.not_found += len(missing.not_found)
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


def fetch_pending(db, client, search, run_id, outcome, progress=False, session=None):
    """Fetch every PMID the plan still holds, batch by batch; a batch that cannot be
    fetched stays in the plan while the others go on."""
    sql = "select pmid, reason from pubmed_pending where search = ? and done = 0 order by pmid"
    todo = db.execute(sql, [search.key]).fetchall()
    bar = tqdm(total=len(todo), unit=" records", desc=search.topic or "query",
               disable=not progress, file=sys.stderr, mininterval=0.5)
    for start in range(0, len(todo), client.batch_size):
        reasons = dict(todo[start:start + client.batch_size])
        fetched = fetch_batch(client, list(reasons))
        present = ask_summaries(client, fetched.missing)
        missing = sort_missing(db, fetched.missing, present, session or run_id)
        store_batch(db, search, reasons, fetched, missing, run_id, outcome)
        bar.update(len(reasons))
    bar.close()


# ---------------------------------------------------------------- runs


def harvest_search(db, client, search, since=None, progress=False, session=None) -> Outcome:
    """Harvest one search as one run in harvest_runs; E-utilities failures end it.

    `session` is the first run of this harvest: what runs before it saw counts as
    seen by an earlier harvest (default: this run's own id).
    """
    run_id = load.start_run(db, "pubmed", search.query, topic=search.topic)
    outcome = Outcome(search)
    try:
        _harvest(db, client, search, since, progress, run_id, outcome, session or run_id)
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


def _harvest(db, client, search, since, progress, run_id, outcome, session):
    window = open_plan(db, search, since)
    expect = expected_count(db, search)
    found = client.search_all(search.query, expect=expect)
    trusted = drop_settled(db, search, found, run_id, session)
    outcome.esearch_count, outcome.found = found.count, len(found.pmids)
    changed = client.search_all(search.query, changed_window(window)) if window else None
    outcome.warnings = list(dict.fromkeys(found.warnings + (changed.warnings if changed else [])))
    update_plan(db, search, found, changed.pmids if changed else [], run_id, trusted)
    fetch_pending(db, client, search, run_id, outcome, progress, session)
    # Revised records are found by date alone: closing the plan after a short revision
    # search would move the next window past the ones it missed, for good. Left open,
    # the plan makes the next run search the same dates again. A drop not yet confirmed
    # keeps it open too, so that the next run compares with the same past.
    revisions_whole = changed is None or changed.complete
    closing = revisions_whole and trusted
    outcome.pending = close_plan(db, search, found) if closing else count_pending(db, search)
    complete = found.complete and closing and not outcome.pending
    outcome.status = "complete" if complete else "incomplete"
    if not found.complete:
        outcome.message = f"ESearch counted {found.count} records but {outcome.found} came back"
    elif not trusted:
        outcome.message = (f"ESearch found {found.count} records, every time it was asked, for a "
                           f"query that found {expect} before; nothing was unlinked: a later "
                           f"harvest that finds the same confirms it")
    elif not revisions_whole:
        outcome.message = (f"ESearch counted {changed.count} revised records but "
                           f"{len(changed.pmids)} came back; the next run searches the same dates again")
    elif outcome.pending:
        outcome.message = f"{outcome.pending} PMIDs could not be fetched; the next run retries them"
        if outcome.not_found:
            outcome.message += (f" ({outcome.not_found} not found in PubMed: kept, and deleted "
                                f"only if a later harvest cannot find them either)")


def expected_count(db, search) -> int:
    """What the query found before: its Count at the last complete run, or the records
    linked to its topic, whichever is more."""
    state = db["pubmed_searches"].get(search.key)
    linked = len(linked_pmids(db, search.topic)) if search.topic else 0
    return max(state["last_count"] or 0, linked)


def drop_settled(db, search, found, run_id, session) -> bool:
    """False while a sharp drop in the query's Count is unconfirmed: it is noted, and
    believed when a later harvest finds it too (a backend answering short would not)."""
    state = db["pubmed_searches"].get(search.key)
    if found.dropped and (state["drop_run"] is None or state["drop_run"] >= session):
        log.warning("%s: ESearch found %d records, fewer than before, every time it was asked; "
                    "nothing is unlinked until a later harvest finds the same", search.key, found.count)
        db["pubmed_searches"].update(search.key, {"drop_count": found.count,
                                                  "drop_run": state["drop_run"] or run_id})
        return False
    if found.dropped:
        log.warning("%s: the drop to %d records, first seen in run %d, is confirmed",
                    search.key, found.count, state["drop_run"])
    if state["drop_run"] is not None:
        db["pubmed_searches"].update(search.key, dict.fromkeys(schema.DROP_COLUMNS))
    return True


def first_run_of_harvest(db) -> int:
    """The id the next run in harvest_runs will get."""
    return db.execute("select coalesce(max(id), 0) + 1 from harvest_runs").fetchone()[0]


def refuse_unfound_phrases(client, query):
    """LiveError when PubMed did not find a phrase of an ad-hoc query: it would search
    without it and bring back far more than asked for."""
    unfound = client.count(query).phrases_not_found
    if unfound:
        phrases = ", ".join(repr(p) for p in unfound)
        raise LiveError(f"PubMed did not find {phrases} of --query and would search without "
                        f"{'it' if len(unfound) == 1 else 'them'}; correct the query, or add "
                        f"--accept-phrases-not-found to harvest what PubMed makes of it")


def harvest_pubmed(db, names=(), query=None, since=None, progress=False, client=None,
                   topics_path=TOPICS_PATH, accept_phrases_not_found=False) -> list:
    """Harvest the chosen topics and/or query; returns (outcomes, searches planned).

    An ad-hoc query with a phrase PubMed did not find is refused before anything is
    harvested, unless `accept_phrases_not_found`.
    """
    topics = load_topics(topics_path)
    searches = plan_searches(topics, names, query)
    since = parse_since(since)
    client = client or EUtils.from_env()
    if query and not accept_phrases_not_found:
        refuse_unfound_phrases(client, " ".join(query.split()))
    schema.ensure_live_tables(db)
    sync_topics(db, topics)
    session, outcomes = first_run_of_harvest(db), []
    for search in searches:
        outcomes.append(harvest_search(db, client, search, since, progress, session))
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
    if total("not_found"):
        line += f" ({total('not_found')} not found in PubMed, kept)"
    warnings = [f"{kind}: {text}" for o in outcomes for kind, text in o.warnings]
    if warnings:
        line += f"; {len(warnings)} ESearch warning(s): " + "; ".join(warnings[:3])
    problems = [f"{o.search.topic or 'query'} {o.status}: {o.message}"
                for o in outcomes if o.status != "complete"]
    return line + ("; " + "; ".join(problems) if problems else "")


def all_complete(outcomes, planned_searches) -> bool:
    """True when every planned search ran and came back whole."""
    return len(outcomes) == planned_searches and all(o.status == "complete" for o in outcomes)
