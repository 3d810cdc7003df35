"""The only code that talks to NCBI E-utilities: rate limit, retries, search, fetch.

Every request is a POST of form data, so the API key never appears in a URL,
an exception message or urllib3's debug log.
"""

import email.utils
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
# Longest wait for one whole answer, headers to last byte: the read timeout only
# bounds each read, so a server that trickles bytes would otherwise hold us forever.
DEADLINE = 300
READ_SIZE = 64 * 1024
HISTORY_LOST = "Unable to obtain query"
EMPTY_ARTICLE_SET = b'<?xml version="1.0" ?>\n<PubmedArticleSet></PubmedArticleSet>\n'
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class EUtilsError(Exception):
    """E-utilities failed for good; the message is one line without secrets."""


class HistoryExpired(EUtilsError):
    """The server no longer holds the WebEnv or query key that was sent."""


class QueryError(EUtilsError):
    """NCBI cannot run the query as written; retrying would not help."""


class Retryable(Exception):
    """A transient failure: worth another try after a pause."""

    def __init__(self, message, retry_after=None):
        super().__init__(message)
        self.retry_after = retry_after


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


@dataclass
class SearchPage:
    """One ESearch answer."""

    count: int
    pmids: list
    webenv: str | None = None
    query_key: str | None = None
    warnings: list = field(default_factory=list)


@dataclass
class SearchResult:
    """Every PMID a query matched, gathered across as many searches as it took."""

    query: str
    count: int
    pmids: list
    searches: int = 0

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


def one_line(text, limit=300):
    """Collapse whitespace so an error message stays on one line."""
    return " ".join(str(text).split())[:limit]


def parse_esearch(body: bytes) -> SearchPage:
    """Read an ESearch answer, JSON or XML, raising on the errors hidden in it."""
    text = body.lstrip()
    if text.startswith(b"{"):
        return _esearch_json(text)
    return _esearch_xml(text)


def _esearch_json(body):
    try:
        # NCBI has put raw newlines inside ERROR strings; strict=False reads them.
        data = json.loads(body, strict=False)
    except ValueError:
        raise Retryable("unreadable JSON (cut off?)") from None
    if "error" in data:
        raise Retryable(f"server error: {one_line(data['error'])}")
    result = data.get("esearchresult")
    if not isinstance(result, dict):
        raise Retryable("JSON without esearchresult")
    if "ERROR" in result:
        _raise_server_error(result["ERROR"])
    errors = result.get("errorlist") or {}
    _check_fields(errors.get("fieldsnotfound") or [])
    warnings = (result.get("warninglist") or {}).get("outputmessages") or []
    return _page(result.get("count"), result.get("idlist", []), result, warnings)


def _esearch_xml(body):
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        raise Retryable("unreadable XML (cut off?)") from None
    if root.tag != "eSearchResult":
        raise Retryable(f"unexpected XML root <{one_line(root.tag, 40)}>")
    if root.find("ERROR") is not None:
        _raise_server_error(root.findtext("ERROR") or "")
    _check_fields([e.text for e in root.iterfind("ErrorList/FieldNotFound")])
    warnings = [e.text for e in root.iterfind("WarningList/OutputMessage")]
    ids = [e.text for e in root.iterfind("IdList/Id")]
    fields = {"webenv": root.findtext("WebEnv"), "querykey": root.findtext("QueryKey")}
    return _page(root.findtext("Count"), ids, fields, warnings)


def _page(count, ids, fields, warnings):
    if count is None:
        raise Retryable("ESearch answer without Count")
    try:
        pmids = [int(i) for i in ids]
        return SearchPage(int(count), pmids, fields.get("webenv") or None,
                          fields.get("querykey") or None, warnings)
    except (TypeError, ValueError):
        raise Retryable("ESearch answer with a non-numeric Count or Id") from None


def _check_fields(missing):
    # PubMed ignores an unknown [tag] and returns the *unfiltered* results.
    if missing:
        raise QueryError(f"PubMed does not know the field(s): {', '.join(missing)}")


def _raise_server_error(message):
    message = one_line(message)
    if HISTORY_LOST in message:
        raise HistoryExpired(f"history expired on the server: {message}")
    raise Retryable(f"server error: {message}")


def check_article_set(body: bytes) -> bytes:
    """Refuse an EFetch body that is not a whole PubmedArticleSet."""
    head, tail = body[:2000], body[-200:].rstrip()
    if b"<PubmedArticleSet" not in head:
        error = re.search(rb"<ERROR>(.*?)</ERROR>", body[:5000], re.S)
        if error and b"Empty result" in error.group(1):
            # NCBI's way of saying that none of the PMIDs asked for exists.
            return EMPTY_ARTICLE_SET
        if error:
            _raise_server_error(error.group(1).decode("utf-8", "replace"))
        raise Retryable("EFetch answer is not a PubmedArticleSet")
    if not (tail.endswith(b"</PubmedArticleSet>") or tail.endswith(b"<PubmedArticleSet/>")):
        raise Retryable("EFetch answer cut off before </PubmedArticleSet>")
    return body


def check_einfo(body: bytes) -> bytes:
    """Accept any EInfo answer that names a database list or a database."""
    if b"eInfoResult" not in body[:2000] and b"einforesult" not in body[:2000]:
        raise Retryable("not an EInfo answer")
    return body


def check_body(body: bytes):
    """Reject the failures NCBI sends with HTTP 200: empty, HTML, bare ERROR."""
    start = body[:500].lstrip().lower()
    if not start:
        raise Retryable("empty body")
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
    """A polite E-utilities client: one rate limit per process, retries, history."""

    def __init__(self, email, api_key=None, base_url=None, tool=TOOL, session=None,
                 limiter=None, sleep=None, max_tries=6, timeout=(10, 120), deadline=DEADLINE,
                 batch_size=200, backoff=1.0, esearch_retmode="json", cap=ESEARCH_CAP):
        if not email or re.search(r"\s", email) or "@" not in email:
            raise EUtilsError("set NCBI_EMAIL to a contact address: NCBI asks for one")
        self.email, self.tool, self._key = email, tool, api_key or None
        self.base_url = checked_base_url(base_url or DEFAULT_BASE_URL)
        self.session = session or requests.Session()
        self.limiter = limiter or shared_limiter(RATE_WITH_KEY if api_key else RATE)
        self.sleep, self.max_tries, self.timeout = sleep or time.sleep, max_tries, timeout
        self.deadline = deadline
        self.batch_size, self.backoff = batch_size, backoff
        self.esearch_retmode, self.cap = esearch_retmode, cap
        self.requests_sent = 0
        self._random = random.Random()

    @classmethod
    def from_env(cls, environ=None, **options):
        """Build a client from NCBI_EMAIL, NCBI_API_KEY and EUTILS_BASE_URL."""
        environ = os.environ if environ is None else environ
        return cls(environ.get("NCBI_EMAIL"), api_key=environ.get("NCBI_API_KEY"),
                   base_url=environ.get("EUTILS_BASE_URL"), **options)

    def __repr__(self):
        # Keep the key out of tracebacks that print locals or the client.
        return f"EUtils({self.base_url!r}, key={'yes' if self._key else 'no'})"

    def redact(self, text):
        """Replace the API key wherever a server echoed it back."""
        text = str(text)
        return text.replace(self._key, "[api_key]") if self._key else text

    def request(self, endpoint, params, check):
        """POST to one E-utility, retrying transient failures with backoff."""
        data = {**params, "tool": self.tool, "email": self.email}
        if self._key:
            data["api_key"] = self._key
        for attempt in range(1, self.max_tries + 1):
            self.limiter.wait()
            try:
                return check(self._attempt(endpoint, data))
            except Retryable as exc:
                reason = one_line(self.redact(exc))
                if attempt == self.max_tries:
                    raise EUtilsError(
                        f"{endpoint}: gave up after {attempt} tries: {reason}") from None
                self._pause(endpoint, attempt, reason, exc.retry_after)
            except EUtilsError as exc:
                raise type(exc)(one_line(self.redact(exc))) from None

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
            raise Retryable("timed out") from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            # The exception text names the URL; its type is all we need.
            raise Retryable(f"connection failed ({type(exc).__name__})") from None
        if body is None:
            raise Retryable(f"answer not whole after {self.deadline:g} s")
        status = response.status_code
        if 300 <= status < 400:
            raise EUtilsError(f"{endpoint}: HTTP {status}: E-utilities answer from "
                              f"{moved_to(response)}; set EUTILS_BASE_URL to that address")
        if status == 429 or status >= 500:
            raise Retryable(f"HTTP {status}", retry_after(response))
        if status >= 400:
            # Redacted before it is cut short: a cut could leave half a key behind.
            said = one_line(self.redact(http_error_text(body)), 200)
            hint = "; check NCBI_API_KEY" if "api key" in said.lower() else ""
            raise EUtilsError(f"{endpoint}: HTTP {status}: {said}{hint}")
        check_body(body)
        return body

    def _pause(self, endpoint, attempt, reason, asked):
        """Exponential backoff with full jitter, never shorter than Retry-After."""
        delay = self._random.uniform(0.5, 1.0) * min(60.0, self.backoff * 2 ** attempt)
        if asked is not None:
            self.limiter.hold(asked)
            delay = max(delay, asked)
        log.warning("%s: %s; retrying in %.1f s (try %d of %d)",
                    endpoint, reason, delay, attempt + 1, self.max_tries)
        self.sleep(delay)

    def ping(self):
        """Ask EInfo whether PubMed answers at all."""
        self.request("einfo.fcgi", {"db": "pubmed"}, check_einfo)

    def esearch(self, term, retstart=0, webenv=None, dates=None):
        """One ESearch with the history server on; returns a SearchPage."""
        params = {"db": "pubmed", "term": term, "retmax": self.cap,
                  "retmode": self.esearch_retmode, "usehistory": "y", **(dates or {})}
        if retstart:
            params["retstart"] = retstart
        if webenv:
            params["WebEnv"] = webenv
        return self.request("esearch.fcgi", params, parse_esearch)

    def efetch(self, pmids) -> bytes:
        """POST one batch of PMIDs to EFetch; returns PubmedArticleSet XML."""
        params = {"db": "pubmed", "id": ",".join(str(p) for p in pmids),
                  "retmode": "xml"}
        return self.request("efetch.fcgi", params, check_article_set)

    def search_all(self, query, dates=None) -> SearchResult:
        """Every PMID matching `query`, splitting PMID ranges past the 9,999 cap."""
        history = History(self, query, dates)
        top = history.start()
        if top.count <= self.cap:
            pmids = history.complete(top, None)
        else:
            pmids = self._split(history, top)
        result = SearchResult(query, top.count, sorted(set(pmids)), history.searches)
        if len(result.pmids) != result.count:
            log.warning("ESearch counted %d records but %d came back for %s",
                        result.count, len(result.pmids), one_line(query, 120))
        return result

    def _split(self, history, top):
        """Halve PMID ranges until each fits under the cap (as EDirect does)."""
        ceiling = max(top.pmids, default=0) + 1000
        ranges, pmids = [(ceiling + 1, TOP_PMID), (1, ceiling)], []
        while ranges:
            lo, hi = ranges.pop()
            page = history.search(f"{lo}:{hi}[UID]")
            if page.count > self.cap and lo < hi:
                mid = (lo + hi) // 2
                ranges += [(mid + 1, hi), (lo, mid)]
            else:
                pmids += history.complete(page, f"{lo}:{hi}[UID]")
        return pmids


class History:
    """One query on the history server, re-run whenever the server forgets it."""

    REFRESHES = 3

    def __init__(self, client, query, dates):
        self.client, self.query, self.dates = client, query, dates
        self.webenv = self.query_key = None
        self.searches = self.refreshes = 0

    def start(self):
        """Run the query itself, keeping its WebEnv and query key."""
        self.searches += 1
        page = self.client.esearch(self.query, dates=self.dates)
        self.webenv, self.query_key = page.webenv, page.query_key
        return page

    def search(self, limit, retstart=0):
        """The query narrowed by `limit`, by query key while the history lasts."""
        while True:
            self.searches += 1
            try:
                return self.client.esearch(self._term(limit), retstart=retstart,
                                           webenv=self.webenv, dates=self.dates)
            except HistoryExpired:
                self._refresh()

    def _term(self, limit):
        if self.webenv and self.query_key:
            return f"#{self.query_key} AND {limit}"
        return f"({self.query}) AND {limit}"

    def _refresh(self):
        self.refreshes += 1
        log.info("history expired; running the search again")
        if self.refreshes > self.REFRESHES:
            # The server keeps forgetting: spell the query out instead.
            self.webenv = self.query_key = None
        else:
            self.start()

    def complete(self, page, limit):
        """All PMIDs of a part that fits under the cap, paging if retmax was cut."""
        pmids = list(page.pmids)
        while len(pmids) < min(page.count, self.client.cap) and page.pmids:
            if limit is None:
                limit = f"1:{TOP_PMID}[UID]"
            page = self.search(limit, retstart=len(pmids))
            pmids += page.pmids
        return pmids
