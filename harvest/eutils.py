"""The only code that talks to NCBI E-utilities: rate limit, retries, search, fetch.

Every request is a POST of form data, so the API key never appears in a URL,
an exception message or urllib3's debug log. No request carries a WebEnv: a
query past the 9,999 cap is split by re-running it spelled out with PMID ranges,
as EDirect does, since a history session serves only its first 9,999 PMIDs.
"""

import collections
import email.utils
import itertools
import json
import logging
import os
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

import requests
import urllib3
from lxml import etree

from harvest.messages import one_line, redact

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
TOOL = "ketamine-pain-catalogue"
# ESearch in PubMed hands out at most 9,999 PMIDs per query, whatever retmax says.
ESEARCH_CAP = 9999
# Requests per second allowed by NCBI, without and with an API key.
RATE, RATE_WITH_KEY = 3, 10
# Biopython found 0.333 s spacing still tripped the limit; keep 10 % in hand.
RATE_MARGIN = 1.1
# A PMID range this far above the newest PMID seen catches late-added records.
TOP_PMID = 10**10
MAX_RETRY_AFTER = 600
# Halving a PMID range this many times narrows 10**10 PMIDs to a handful: deeper means
# a server whose counts never shrink.
MAX_SPLIT_DEPTH = 32
# How often the counts of two halves are asked again when they do not add up to their parent.
SPLIT_CHECKS = 3
# PubMed answers "No items found" under load too: a Count of 0 is believed when this many
# answers in a row say so (EDirect retries any answer that carries a warning).
ZERO_CHECKS = 3
# A query that found `expect` records before and now finds fewer than this share of them
# is asked again this many times before the answer is taken as it is.
DROP_KEEPS, DROP_CHECKS = 0.9, 3
# <ERROR> texts that no retry can mend; every other <ERROR> is taken for a passing fault.
PERMANENT_ERRORS = ("invalid db name", "cannot be larger than", "syntax error")
# This many requests in a row that fail for good mean the server, not a record, is at fault.
FAILURES_IN_A_ROW = 6
NO_SUCH_IDS = re.compile(r"ID list is empty|Empty id list", re.I)
NOT_FOUND_SUMMARY = "cannot get document summary"
# Longest wait for one whole answer, headers to last byte: the read timeout only
# bounds each read, so a server that trickles bytes would otherwise hold us forever.
DEADLINE = 300
READ_SIZE = 64 * 1024
EMPTY_ARTICLE_SET = b'<?xml version="1.0" ?>\n<PubmedArticleSet></PubmedArticleSet>\n'
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class EUtilsError(Exception):
    """E-utilities failed for good; the message is one line without secrets."""


class QueryError(EUtilsError):
    """NCBI cannot run the query as written; retrying would not help."""


class NoSuchIds(EUtilsError):
    """HTTP 400 "ID list is empty! Possibly it has no correct IDs.": NCBI knows none of the PMIDs sent."""


class ServerDown(EUtilsError):
    """Request after request failed in a row (FAILURES_IN_A_ROW): E-utilities look down."""


class Retryable(Exception):
    """A transient failure, worth another try after a pause. `kind` names its fault class
    (rate, server, network, body, error); each class has its own budget per request."""

    def __init__(self, message, retry_after=None, kind="server"):
        super().__init__(message)
        self.retry_after, self.kind = retry_after, kind


class RateLimiter:
    """Spaces requests evenly so that no second holds more than `rate` of them."""

    def __init__(self, rate, clock=time.monotonic, sleep=time.sleep):
        self.interval = RATE_MARGIN / rate
        self.clock, self.sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self):
        """Block until this caller's turn; each caller reserves its own slot."""
        with self._lock:
            now = self.clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            self.sleep(slot - now)

    def hold(self, seconds):
        """Keep every caller quiet for `seconds`, as a 429's Retry-After asks."""
        with self._lock:
            self._next = max(self._next, self.clock() + seconds)

    def slow_to(self, rate):
        """Never let a later client speed up a limiter shared by the process."""
        with self._lock:
            self.interval = max(self.interval, RATE_MARGIN / rate)


_shared = {"limiter": None}
_shared_lock = threading.Lock()


def shared_limiter(rate):
    """The one limiter of this process: NCBI counts all our requests together."""
    with _shared_lock:
        if _shared["limiter"] is None:
            _shared["limiter"] = RateLimiter(rate)
        _shared["limiter"].slow_to(rate)
        return _shared["limiter"]


# ESearch's warnings and the errors it reports beside a result, as (kind, text):
# JSON list name and XML element for each kind.
WARNING_KINDS = {
    "phrase not found": ("errorlist", "phrasesnotfound", "ErrorList/PhraseNotFound"),
    "quoted phrase not found": ("warninglist", "quotedphrasesnotfound", "WarningList/QuotedPhraseNotFound"),
    "phrase ignored": ("warninglist", "phrasesignored", "WarningList/PhraseIgnored"),
    "output message": ("warninglist", "outputmessages", "WarningList/OutputMessage"),
}
# How PubMed words a Count of 0: with that Count, the answer itself rather than a warning.
NO_ITEMS_FOUND = ("output message", "No items found.")
# Warnings saying that PubMed left part of the query out and searched without it.
UNFOUND_PHRASES = ("phrase not found", "quoted phrase not found")


@dataclass
class SearchPage:
    """One ESearch answer; warnings are (kind, text) pairs of WARNING_KINDS."""

    count: int
    pmids: list
    warnings: list = field(default_factory=list)

    @property
    def phrases_not_found(self) -> list:
        """The phrases PubMed did not find and so searched without."""
        return [text for kind, text in self.warnings if kind in UNFOUND_PHRASES]


@dataclass
class SearchResult:
    """Every PMID a query matched, gathered across as many searches as it took.

    `dropped` is set when the Count stayed sharply below the `expect` it was asked
    with on every ask: perhaps true, perhaps a backend answering short.
    """

    query: str
    count: int
    pmids: list
    searches: int = 0
    warnings: list = field(default_factory=list)
    dropped: bool = False

    @property
    def complete(self):
        """True when at least as many PMIDs came back as ESearch counted."""
        return len(self.pmids) >= self.count


def checked_base_url(url):
    """EUTILS_BASE_URL ending in one slash, or EUtilsError at once if no request could
    use it: requests would otherwise fail six times over a minute of backoff and the
    run end in a bare 'connection failed (MissingSchema)'."""
    parts = urllib.parse.urlsplit(url.strip())
    try:
        parts.port  # raises ValueError for a port that is not a number
        usable = (parts.scheme in ("http", "https") and parts.hostname
                  and not re.search(r"\s", url.strip()) and not parts.query and not parts.fragment)
    except ValueError:
        usable = False
    if not usable:
        shown = re.sub(r"//[^/@]*@", "//", url)  # a user:password@ stays out of the message
        raise EUtilsError(f"EUTILS_BASE_URL {one_line(shown, 120)!r} is not an http(s) address "
                          f"like {DEFAULT_BASE_URL}")
    return url.strip().rstrip("/") + "/"


def checked_email(email):
    """NCBI_EMAIL as given, or EUtilsError at once: NCBI asks every client for a contact address."""
    if not email or re.search(r"\s", email) or "@" not in email:
        raise EUtilsError("set NCBI_EMAIL to a contact address: NCBI asks for one")
    return email


def settings_from_env(environ=None) -> dict:
    """A client's settings from NCBI_EMAIL, NCBI_API_KEY and EUTILS_BASE_URL, or EUtilsError for settings no
    client could be built from: a harvest asks before it copies the catalogue to work in, which a run that cannot
    ask anything would leave behind."""
    environ = os.environ if environ is None else environ
    return {"email": checked_email(environ.get("NCBI_EMAIL")), "api_key": environ.get("NCBI_API_KEY"),
            "base_url": checked_base_url(environ.get("EUTILS_BASE_URL") or DEFAULT_BASE_URL)}


def parse_esearch(body: bytes) -> SearchPage:
    """Read an ESearch answer, JSON or XML, raising on the errors hidden in it."""
    text = body.lstrip()
    if text.startswith(b"{"):
        return _esearch_json(text)
    return _esearch_xml(text)


def _esearch_json(body):
    data = _json(body)
    if "error" in data:
        raise Retryable(f"server error: {one_line(data['error'])}", kind="error")
    result = data.get("esearchresult")
    if not isinstance(result, dict):
        raise Retryable("JSON without esearchresult", kind="body")
    if "ERROR" in result:
        raise server_error(result["ERROR"])
    _check_fields((result.get("errorlist") or {}).get("fieldsnotfound") or [])
    warnings = [(kind, one_line(text)) for kind, (group, name, _) in WARNING_KINDS.items()
                for text in _strings((result.get(group) or {}).get(name))]
    return _page(result.get("count"), result.get("idlist", []), warnings)


def _json(body):
    try:
        # NCBI has put raw newlines inside ERROR strings; strict=False reads them.
        data = json.loads(body, strict=False)
    except ValueError:
        raise Retryable("unreadable JSON (cut off?)", kind="body") from None
    if not isinstance(data, dict):
        raise Retryable("JSON that is not an object", kind="body")
    return data


def _strings(values):
    return [v for v in values if isinstance(v, str) and v.strip()] if isinstance(values, list) else []


def _esearch_xml(body):
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        raise Retryable("unreadable XML (cut off?)", kind="body") from None
    if root.tag != "eSearchResult":
        raise Retryable(f"unexpected XML root <{one_line(root.tag, 40)}>", kind="body")
    if root.find("ERROR") is not None:
        raise server_error(root.findtext("ERROR") or "")
    _check_fields([e.text for e in root.iterfind("ErrorList/FieldNotFound")])
    warnings = [(kind, one_line(e.text)) for kind, (_, _, path) in WARNING_KINDS.items()
                for e in root.iterfind(path) if e.text and e.text.strip()]
    ids = [e.text for e in root.iterfind("IdList/Id")]
    return _page(root.findtext("Count"), ids, warnings)


def _page(count, ids, warnings):
    if count is None:
        raise Retryable("ESearch answer without Count", kind="body")
    try:
        return SearchPage(int(count), [int(i) for i in ids], warnings)
    except (TypeError, ValueError):
        raise Retryable("ESearch answer with a non-numeric Count or Id", kind="body") from None


def _check_fields(missing):
    # PubMed ignores an unknown [tag] and returns the *unfiltered* results.
    if missing:
        raise QueryError(f"PubMed does not know the field(s): {', '.join(missing)}")


def server_error(message) -> Exception:
    """The exception for an <ERROR> text: QueryError for what no retry can mend, otherwise
    Retryable. No request carries a WebEnv, so even "Unable to obtain query #1" is passing."""
    message = one_line(message)
    if any(words in message.lower() for words in PERMANENT_ERRORS):
        return QueryError(f"PubMed refused the request: {message}")
    return Retryable(f"server error: {message}", kind="error")


def check_article_set(body: bytes) -> bytes:
    """Refuse an EFetch body that is not a whole PubmedArticleSet."""
    head, tail = body[:2000], body[-200:].rstrip()
    if b"<PubmedArticleSet" not in head:
        error = re.search(rb"<ERROR>(.*?)</ERROR>", body[:5000], re.S)
        if error and b"Empty result" in error.group(1):
            # NCBI's way of saying that none of the PMIDs asked for exists.
            return EMPTY_ARTICLE_SET
        if error:
            raise server_error(error.group(1).decode("utf-8", "replace"))
        raise Retryable("EFetch answer is not a PubmedArticleSet", kind="body")
    if not (tail.endswith(b"</PubmedArticleSet>") or tail.endswith(b"<PubmedArticleSet/>")):
        raise Retryable("EFetch answer cut off before </PubmedArticleSet>", kind="body")
    return body


def parse_esummary(body: bytes, pmids) -> dict:
    """What an ESummary (JSON) answer says of each PMID asked for: True when it sent a
    summary, False when it says it cannot find the PMID; PMIDs it is silent on are left out."""
    data = _json(body.lstrip())
    if "error" in data:
        raise Retryable(f"server error: {one_line(data['error'])}", kind="error")
    if "esummaryresult" in data:  # a list of messages instead of a result
        said = one_line(" ".join(map(str, data["esummaryresult"] or [])))
        if NO_SUCH_IDS.search(said):
            raise NoSuchIds(f"esummary.fcgi: {said}")
        raise Retryable(f"server error: {said}", kind="error")
    result = data.get("result")
    if not isinstance(result, dict):
        raise Retryable("JSON without result", kind="body")
    known = {}
    for pmid in pmids:
        entry = result.get(str(pmid))
        if not isinstance(entry, dict):
            continue
        if "error" in entry:
            if NOT_FOUND_SUMMARY in str(entry["error"]).lower():
                known[pmid] = False
        elif str(entry.get("uid")) == str(pmid):
            known[pmid] = True
    return known


def check_einfo(body: bytes) -> bytes:
    """Accept any EInfo answer that names a database list or a database."""
    if b"eInfoResult" not in body[:2000] and b"einforesult" not in body[:2000]:
        raise Retryable("not an EInfo answer")
    return body


def check_body(body: bytes):
    """Reject the failures NCBI sends with HTTP 200: empty, HTML, bare ERROR."""
    start = body[:500].lstrip().lower()
    if not start:
        raise Retryable("empty body", kind="body")
    if start.startswith(b"<!doctype html") or start.startswith(b"<html"):
        raise Retryable("HTML error page")


def read_by(response, give_up):
    """The whole (decoded) body, or None once the clock passes `give_up`.

    read1 returns whatever one read brings, so the clock is looked at after every
    read; requests' own iter_content would wait for each 64 KiB to fill first.
    """
    chunks = []
    while chunk := response.raw.read1(READ_SIZE, decode_content=True):
        chunks.append(chunk)
        if time.monotonic() > give_up:
            return None
    return b"".join(chunks)


def moved_to(response):
    """Where a redirect points, without its query string or any user:password@."""
    location = urllib.parse.urljoin(response.url, response.headers.get("Location", ""))
    parts = urllib.parse.urlsplit(location)
    host = parts.hostname or "?"
    port = f":{parts.port}" if parts.port else ""
    path = parts.path.rsplit("/", 1)[0] + "/" if parts.path.endswith(".fcgi") else parts.path
    return one_line(f"{parts.scheme}://{host}{port}{path}", 200)


def http_error_text(body: bytes) -> str:
    """What a 4xx answer says: NCBI's JSON "error" ("API key invalid"), else its text."""
    try:
        said = json.loads(body).get("error")
    except (ValueError, AttributeError):
        said = None
    if isinstance(said, str):
        return said
    return re.sub(rb"<[^>]*>", b" ", body[:5000]).decode("utf-8", "replace")


def retry_after(response):
    """Seconds asked for by a Retry-After header (a number or an HTTP date)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = moment.timestamp() - time.time()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


class EUtils:
    """A polite E-utilities client: one rate limit per process, retries, searches past the cap."""

    def __init__(self, email, api_key=None, base_url=None, tool=TOOL, session=None,
                 limiter=None, sleep=None, max_tries=6, timeout=(10, 120), deadline=DEADLINE,
                 batch_size=200, backoff=1.0, esearch_retmode="json", cap=ESEARCH_CAP):
        self.email, self.tool, self._key = checked_email(email), tool, api_key or None
        self.base_url = checked_base_url(base_url or DEFAULT_BASE_URL)
        self.session = session or requests.Session()
        self.limiter = limiter or shared_limiter(RATE_WITH_KEY if api_key else RATE)
        self.sleep, self.max_tries, self.timeout = sleep or time.sleep, max_tries, timeout
        self.deadline = deadline
        self.batch_size, self.backoff = batch_size, backoff
        self.esearch_retmode, self.cap = esearch_retmode, cap
        self.requests_sent = self.searches_sent = self.failures_in_a_row = 0
        self._random = random.Random()

    @classmethod
    def from_env(cls, environ=None, **options):
        """Build a client from NCBI_EMAIL, NCBI_API_KEY and EUTILS_BASE_URL."""
        return cls(**settings_from_env(environ), **options)

    def __repr__(self):
        # Keep the key out of tracebacks that print locals or the client.
        return f"EUtils({self.base_url!r}, key={'yes' if self._key else 'no'})"

    def redact(self, text):
        """Replace the API key wherever a server echoed it back."""
        return redact(str(text), self._key)

    def request(self, endpoint, params, check, tries=None):
        """POST to one E-utility, retrying transient failures with backoff.

        Each fault class (rate limit, server error, network, unreadable body, <ERROR>)
        has its own budget of `tries` (default max_tries) per request: a request gives
        up when one class has come back that often, however the others fared.
        """
        tries = tries or self.max_tries
        data = {**params, "tool": self.tool, "email": self.email}
        if self._key:
            data["api_key"] = self._key
        spent = collections.Counter()
        for attempt in itertools.count(1):
            self.limiter.wait()
            try:
                answer = check(self._attempt(endpoint, data))
            except Retryable as exc:
                reason = one_line(self.redact(exc))
                spent[exc.kind] += 1
                if spent[exc.kind] >= tries:
                    raise self._failed(EUtilsError(
                        f"{endpoint}: gave up after {attempt} tries: {reason}")) from None
                self.pause(endpoint, attempt, reason, exc.retry_after)
            except (NoSuchIds, QueryError) as exc:  # answers, if unwelcome ones
                self.failures_in_a_row = 0
                raise type(exc)(one_line(self.redact(exc))) from None
            except EUtilsError as exc:
                raise self._failed(type(exc)(one_line(self.redact(exc)))) from None
            else:
                self.failures_in_a_row = 0
                return answer

    def _failed(self, error):
        """The error to raise for a request that failed for good: ServerDown once
        FAILURES_IN_A_ROW requests in a row have."""
        self.failures_in_a_row += 1
        if self.failures_in_a_row >= FAILURES_IN_A_ROW:
            return ServerDown(f"{error}; {self.failures_in_a_row} requests in a row failed")
        return error

    def _attempt(self, endpoint, data):
        self.requests_sent += 1
        log.debug("POST %s", endpoint)
        give_up = time.monotonic() + self.deadline
        try:
            # A redirect is never followed: on 301/302/303 requests re-sends the POST as
            # a bare GET (no term, no ids), and on 307/308 it re-sends the form, API key
            # included, to whatever host the Location names.
            response = self.session.post(self.base_url + endpoint, data=data,
                                         timeout=self.timeout, stream=True,
                                         allow_redirects=False)
            with response:
                body = read_by(response, give_up)
        except requests.Timeout:
            raise Retryable("timed out", kind="network") from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            # The exception text names the URL; its type is all we need.
            raise Retryable(f"connection failed ({type(exc).__name__})", kind="network") from None
        if body is None:
            raise Retryable(f"answer not whole after {self.deadline:g} s", kind="network")
        status = response.status_code
        if 300 <= status < 400:
            raise EUtilsError(f"{endpoint}: HTTP {status}: E-utilities answer from "
                              f"{moved_to(response)}; set EUTILS_BASE_URL to that address")
        if status == 429:
            raise Retryable("HTTP 429", retry_after(response), kind="rate")
        if status >= 500:
            raise Retryable(f"HTTP {status}", retry_after(response))
        if status >= 400:
            # Redacted before it is cut short: a cut could leave half a key behind.
            said = one_line(self.redact(http_error_text(body)), 200)
            if status == 400 and NO_SUCH_IDS.search(said):
                raise NoSuchIds(f"{endpoint}: HTTP 400: {said}")
            hint = "; check NCBI_API_KEY" if "api key" in said.lower() else ""
            raise EUtilsError(f"{endpoint}: HTTP {status}: {said}{hint}")
        check_body(body)
        return body

    def pause(self, endpoint, attempt, reason, asked=None, level=logging.WARNING):
        """Exponential backoff with full jitter, never shorter than Retry-After."""
        delay = self._random.uniform(0.5, 1.0) * min(60.0, self.backoff * 2 ** attempt)
        if asked is not None:
            self.limiter.hold(asked)
            delay = max(delay, asked)
        log.log(level, "%s: %s; retrying in %.1f s (try %d)", endpoint, reason, delay, attempt + 1)
        self.sleep(delay)

    def ping(self):
        """Ask EInfo whether PubMed answers at all."""
        self.request("einfo.fcgi", {"db": "pubmed"}, check_einfo)

    def esearch(self, term, retstart=0, dates=None, retmax=None) -> SearchPage:
        """One ESearch of the spelled-out term; retmax=0 asks for the Count alone."""
        retmax = self.cap if retmax is None else retmax
        params = {"db": "pubmed", "term": term, "retmax": retmax,
                  "retmode": self.esearch_retmode, **(dates or {})}
        if retstart:
            params["retstart"] = retstart
        self.searches_sent += 1
        return self.request("esearch.fcgi", params,
                            lambda body: _with_ids(parse_esearch(body), retstart, retmax))

    def efetch(self, pmids, tries=None) -> bytes:
        """POST one batch of PMIDs to EFetch; returns PubmedArticleSet XML."""
        params = {"db": "pubmed", "id": ",".join(str(p) for p in pmids),
                  "retmode": "xml"}
        return self.request("efetch.fcgi", params, check_article_set, tries)

    def esummary(self, pmids, tries=None) -> dict:
        """One ESummary (JSON, at most 500 PMIDs): see parse_esummary."""
        params = {"db": "pubmed", "id": ",".join(str(p) for p in pmids), "retmode": "json"}
        return self.request("esummary.fcgi", params, lambda body: parse_esummary(body, pmids), tries)

    def pubmed_has(self, pmids) -> dict:
        """PMID -> True (PubMed has it) or False (ESummary cannot find it), batch by batch.
        A batch answered with "ID list is empty" is halved until each PMID stands alone."""
        pmids, known = list(pmids), {}
        parts = collections.deque(pmids[i:i + self.batch_size]
                                  for i in range(0, len(pmids), self.batch_size))
        while parts:
            part = parts.popleft()
            try:
                known.update(self.esummary(part))
            except NoSuchIds:
                if len(part) == 1:
                    known[part[0]] = False
                else:
                    parts.extend(halves(part))
        return known

    def search_all(self, query, dates=None, expect=None) -> SearchResult:
        """Every PMID matching `query`, splitting PMID ranges past the 9,999 cap.

        `expect`, the Count a previous run found, makes a sharp drop from it be asked
        again (DROP_CHECKS times) before it is reported as `dropped`.
        """
        sent = self.searches_sent
        search = Search(self, query, dates)
        count, pmids, dropped = search.run(expect)
        result = SearchResult(query, count, sorted(set(pmids)), self.searches_sent - sent,
                              list(search.warnings), dropped)
        for kind, text in result.warnings:
            level = logging.INFO if kind == "output message" else logging.WARNING
            log.log(level, "ESearch %s: %s (query %s)", kind, text, one_line(query, 120))
        if len(result.pmids) != result.count:
            log.warning("ESearch counted %d records but %d came back for %s",
                        result.count, len(result.pmids), one_line(query, 120))
        return result

    def count(self, query, dates=None) -> SearchPage:
        """Only the Count (and warnings) of a query: retmax=0."""
        return self.esearch(query, dates=dates, retmax=0)


class Search:
    """One search_all: a query (and date window) and the warnings its answers carried."""

    def __init__(self, client, query, dates):
        self.client, self.query, self.dates = client, query, dates
        self.warnings = {}  # (kind, text) -> None: the distinct ones, in order

    def run(self, expect):
        """(Count, PMIDs, dropped) of the query."""
        top = self.page(self.query)
        top, dropped = self.unless_dropped(top, expect)
        if top.count <= self.client.cap:
            return top.count, self.page_through(self.query, top), dropped
        return (*self.split(top), dropped)

    def page(self, term, retstart=0, retmax=None) -> SearchPage:
        """One ESearch whose Count of 0 is believed only when ZERO_CHECKS answers agree."""
        for check in range(1, ZERO_CHECKS + 1):
            page = self.client.esearch(term, retstart, self.dates, retmax)
            self.warnings.update(dict.fromkeys(w for w in page.warnings
                                               if page.count or w != NO_ITEMS_FOUND))
            if page.count or retstart or check == ZERO_CHECKS:
                return page
            # Short pauses (0.5-1 s, then 1-2 s), as EDirect's: most zeros are true ones.
            self.client.pause("esearch.fcgi", check - 1, "Count 0 (No items found); making sure",
                               level=logging.INFO)

    def count(self, lo, hi, sure=False) -> int:
        """The Count of a PMID range (retmax=0); `sure`: a 0 must be said ZERO_CHECKS times."""
        term = ranged(self.query, lo, hi)
        if sure:
            return self.page(term, retmax=0).count
        return self.client.count(term, self.dates).count

    def unless_dropped(self, page, expect):
        """The first answer not sharply below `expect`; else the last one, and True."""
        for check in range(1, DROP_CHECKS + 1):
            if not sharp_drop(page.count, expect):
                return page, False
            self.client.pause("esearch.fcgi", check, f"Count {page.count} for a query that "
                               f"found {expect} before; asking again to be sure")
            page = self.page(self.query)
        return page, sharp_drop(page.count, expect)

    def page_through(self, term, page=None) -> list:
        """All PMIDs of a term whose Count fits under the cap, page by page if retmax was cut."""
        page = page or self.page(term)
        pmids = list(page.pmids)
        while len(pmids) < min(page.count, self.client.cap) and page.pmids:
            page = self.page(term, retstart=len(pmids))
            pmids += page.pmids
        return pmids

    def split(self, top):
        """Halve PMID ranges of the spelled-out query, counting each (retmax=0), until
        every part fits under the cap, then read each part's PMIDs: EDirect's way, as
        the history server would serve only its first 9,999 PMIDs.

        Two halves must add up to their parent's Count; a part whose halves still do
        not after SPLIT_CHECKS asks is read as it is, and the result comes back short.
        """
        ceiling = max(top.pmids, default=0) + 1000  # catches late-added old records
        count, parts = self.halves((1, TOP_PMID), top.count, middle=ceiling)
        if parts is None:
            return count, self.read(1, TOP_PMID, count)
        stack = [(span, n, 1) for span, n in parts]
        pmids = []
        while stack:
            (lo, hi), n, depth = stack.pop()
            parts = None
            if n > self.client.cap and lo < hi and depth < MAX_SPLIT_DEPTH:
                n, parts = self.halves((lo, hi), n)
            if parts:
                stack += [(span, m, depth + 1) for span, m in parts]
            else:
                pmids += self.read(lo, hi, n)
        return count, pmids

    def read(self, lo, hi, n) -> list:
        """The PMIDs of one part counted `n` (its first 9,999 when it holds more); an
        answer that counts fewer than `n` is asked again."""
        if not n:
            return []
        if n > self.client.cap:
            log.warning("%d:%d[UID] holds %d records and is not split further; reading "
                        "its first %d", lo, hi, n, self.client.cap)
        term = ranged(self.query, lo, hi)
        page = self.page(term)
        for _ in range(SPLIT_CHECKS - 1):
            if page.count >= n:
                break
            log.info("%d:%d[UID] counted %d, then %d; asking again", lo, hi, n, page.count)
            page = self.page(term)
        return self.page_through(term, page)

    def halves(self, span, parent, middle=None):
        """(parent Count, [((lo, hi), Count), (...)]) for the two halves of a PMID range;
        the list is None when the halves never added up to their parent."""
        lo, hi = span
        middle = middle or (lo + hi) // 2
        spans = [(lo, middle), (middle + 1, hi)]
        for _ in range(SPLIT_CHECKS):
            counts = [self.count(*part) for part in spans]
            if sum(counts) == parent:
                return parent, list(zip(spans, counts))
            log.info("%d:%d[UID] counted %d but its halves %s; counting again",
                     lo, hi, parent, "+".join(map(str, counts)))
            parent = self.count(lo, hi, sure=True)
        log.warning("%d:%d[UID]: its halves never added up to it (%d)", lo, hi, parent)
        return parent, None


def sharp_drop(count, expect) -> bool:
    """True when a query that found `expect` records before now finds far fewer."""
    return bool(expect) and count < DROP_KEEPS * expect


def ranged(query, lo, hi) -> str:
    """The query narrowed to a PMID range, spelled out as EDirect spells it."""
    return f"({query}) AND {lo}:{hi}[UID]"


def halves(items) -> list:
    """A list cut into two halves (the first one the larger)."""
    middle = (len(items) + 1) // 2
    return [items[:middle], items[middle:]]


def _with_ids(page, retstart, retmax) -> SearchPage:
    """Refuse a first page that has a Count but none of the IDs asked for: a struggling
    backend. (A later page may be empty: the Count overstated what the query holds.)"""
    if retmax and not retstart and page.count and not page.pmids:
        raise Retryable(f"ESearch counted {page.count} but sent no IDs", kind="body")
    return page
