"""An E-utilities stand-in on 127.0.0.1 that behaves like NCBI, faults included.

It answers EInfo, ESearch (JSON or XML, the 9,999 cap, a history server that holds
only a query's first 9,999 PMIDs, `lo:hi[UID]` ranges, mindate/maxdate by datetype,
"No items found" and phrase-not-found warnings), EFetch (POST or GET, by id or by
history; HTTP 400 "ID list is empty" when it knows none of the ids) and ESummary
(JSON, "cannot get document summary" for unknown ids) from a mapping of PMID ->
`<PubmedArticle>` bytes. Faults are queued per endpoint and spent in order, or
drawn at random (`random_faults`); a rate limit answers 429 like NCBI does.
"""

import functools
import gzip
import json
import random
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

CAP = 9999
ARTICLE_SET_HEAD = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD '
    b'PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/'
    b'out/pubmed_250101.dtd">\n<PubmedArticleSet>\n'
)
ARTICLE_SET_TAIL = b"</PubmedArticleSet>\n"
HTML_ERROR = (
    b"<!DOCTYPE html><html><head><title>WWW Error 500 Diagnostic</title></head>"
    b"<body><h1>Server Error</h1></body></html>"
)
NO_SUCH_IDS = "ID list is empty! Possibly it has no correct IDs."
# <ERROR> texts of passing faults: a backend failure (with a newline, which NCBI leaves raw
# inside JSON strings), a history message for a request that sent no history, a summary failure.
PASSING_ERRORS = (
    "Search Backend failed: Exception:\nRead timed out",
    "Unable to obtain query #1",
    "Error occurred: cannot get document summary",
)
# The faults that pass when the request is made again, per endpoint (random_faults).
# Not "partial" (half the Count, and its IDs): for a query never searched before no client
# can tell it from the truth; the harvester asks again only when a query finds less than before.
TRANSIENT = ("429", "500", "502", "503", "html", "empty", "truncated", "short", "reset", "error")
TRANSIENT_BY_ENDPOINT = {
    "esearch": TRANSIENT + ("falsezero", "noids"),
    "efetch": TRANSIENT + ("drop",),
    "esummary": TRANSIENT + ("nosummary",),
    "einfo": TRANSIENT,
}
KNOWN_FIELDS = {
    "mh", "mesh", "mh:noexp", "majr", "tiab", "ti", "ab", "tw", "pt", "nm", "sb",
    "uid", "la", "dp", "crdt", "lr", "edat", "mhda", "au", "all", "ot", "ta",
}
DATE_PATTERNS = {
    "mdat": rb"<DateRevised>\s*<Year>(\d+)</Year>\s*<Month>(\d+)</Month>\s*<Day>(\d+)",
    "crdt": rb'PubStatus="entrez">\s*<Year>(\d+)</Year>\s*<Month>(\d+)</Month>\s*<Day>(\d+)',
    "edat": rb'PubStatus="pubmed">\s*<Year>(\d+)</Year>\s*<Month>(\d+)</Month>\s*<Day>(\d+)',
}


@dataclass
class Fault:
    """One injected failure: `kind` on `times` calls to `endpoint`, after `after` good ones."""

    kind: str
    endpoint: str = "efetch"
    times: int = 1
    retry_after: str | None = "1"
    seconds: float = 0.0
    drop: int = 1
    after: int = 0
    location: str | None = None
    message: str | None = None


@dataclass
class Seen:
    """One request as the stand-in received it."""

    endpoint: str
    method: str
    params: dict
    at: float
    status: int = 200
    fault: str | None = None


class SampleRecords(Mapping):
    """PMID -> record bytes cut lazily from real NLM baseline files."""

    START = re.compile(rb"<PubmedArticle>\s*<MedlineCitation[^>]*>\s*<PMID[^>]*>(\d+)</PMID>")

    def __init__(self, paths):
        self.blobs, self.where = [], {}
        for path in paths:
            blob = gzip.open(path).read()
            self.blobs.append(blob)
            for match in self.START.finditer(blob):
                # A later revision of the same PMID replaces the earlier one.
                self.where[int(match.group(1))] = (len(self.blobs) - 1, match.start())

    def __getitem__(self, pmid):
        index, start = self.where[pmid]
        blob = self.blobs[index]
        end = blob.index(b"</PubmedArticle>", start) + len(b"</PubmedArticle>")
        return blob[start:end]

    def __iter__(self):
        return iter(self.where)

    def __len__(self):
        return len(self.where)


@functools.lru_cache(maxsize=None)
def load_sample(*paths):
    """The real sample, read once per test session however many modules ask."""
    return SampleRecords(paths)


def fixture_record(pmid, title=None, revised=(2020, 1, 1), created=(2019, 12, 1)):
    """A small, obviously made-up PubmedArticle that a parser accepts."""
    title = title or f"Fixture record {pmid} for the E-utilities stand-in."
    return (
        f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
        f'<PMID Version="1">{pmid}</PMID>'
        f"<DateRevised>{_ymd(revised)}</DateRevised>"
        f'<Article PubModel="Print"><Journal><ISSN IssnType="Print">0000-0000</ISSN>'
        f'<JournalIssue CitedMedium="Print"><Volume>1</Volume><Issue>1</Issue>'
        f"<PubDate><Year>{created[0]}</Year><Month>Jan</Month></PubDate></JournalIssue>"
        f"<Title>Journal of Fixtures</Title><ISOAbbreviation>J Fixt</ISOAbbreviation>"
        f"</Journal><ArticleTitle>{escape(title)}</ArticleTitle>"
        f"<Abstract><AbstractText>Ketamine fixture abstract.</AbstractText></Abstract>"
        f"<Language>eng</Language><PublicationTypeList>"
        f'<PublicationType UI="D016428">Journal Article</PublicationType>'
        f"</PublicationTypeList></Article></MedlineCitation><PubmedData><History>"
        f'<PubMedPubDate PubStatus="entrez">{_ymd(created)}</PubMedPubDate>'
        f'<PubMedPubDate PubStatus="pubmed">{_ymd(created)}</PubMedPubDate>'
        f"</History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList>"
        f'<ArticleId IdType="pubmed">{pmid}</ArticleId></ArticleIdList></PubmedData>'
        f"</PubmedArticle>"
    ).encode()


def _ymd(date):
    year, month, day = date
    return f"<Year>{year}</Year><Month>{month:02d}</Month><Day>{day:02d}</Day>"


class StandIn:
    """The state behind the server: records, queries, history, faults, requests."""

    def __init__(self, records=None, queries=None):
        self.records = records if records is not None else {}
        self.queries = dict(queries or {})
        self.dates = {}
        self.history = {}
        self.faults = deque()
        self.seen = []
        self.rate_limit = None
        self.esearch_format = None
        self.max_retmax = CAP
        self.cap = CAP
        # A history session serves only a query's first 9,999 PMIDs.
        self.history_cap = CAP
        self.count_offset = 0
        # Phrases PubMed does not know: reported in the ESearch answer, then searched without.
        self.unfound_phrases = set()
        # "drop": unknown ids are left out silently (HTTP 400 when none is known);
        # "refuse": any unknown id makes the whole request an HTTP 400.
        self.unknown_ids = "drop"
        # PMIDs ESearch lists but EFetch and ESummary do not know (an index that lags a deletion).
        self.ghosts = set()
        # PMIDs whose record makes any EFetch that asks for it fail with an <ERROR>.
        self.failing_ids = set()
        self._chaos = None
        self.lock = threading.Lock()
        self._arrivals = {}
        self.server = self.thread = None

    # ------------------------------------------------------------ control

    def start(self):
        """Serve on a free port of 127.0.0.1; returns the base URL."""
        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.standin = self
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self.base_url

    @property
    def base_url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/entrez/eutils/"

    def stop(self):
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def add(self, pmid, xml, query=None, **dates):
        """Add or replace a record, optionally making `query` match it."""
        self.records[pmid] = xml
        self.dates.pop(pmid, None)
        if dates:
            self.dates[pmid] = dates
        if query is not None:
            self.queries.setdefault(query, set()).add(pmid)

    def delete(self, pmid):
        """Remove a record, as PubMed does when it deletes a citation."""
        del self.records[pmid]

    def fault(self, kind, endpoint="efetch", **options):
        """Queue a fault for the next matching request(s)."""
        self.faults.append(Fault(kind, endpoint, **options))

    def random_faults(self, rate, seed, kinds=None):
        """From now on, each request meets a transient fault with probability `rate`,
        drawn from `kinds` (endpoint -> kinds; default TRANSIENT_BY_ENDPOINT)."""
        self._chaos = (random.Random(seed), rate, kinds or TRANSIENT_BY_ENDPOINT)

    def expire_history(self):
        """Forget every WebEnv, as NCBI does after some hours."""
        with self.lock:
            self.history.clear()

    def calls(self, endpoint):
        """The requests received for one endpoint, in order."""
        return [s for s in self.seen if s.endpoint == endpoint]

    def asked_pmids(self):
        """Every PMID asked for by id in EFetch requests, repeats included."""
        return [int(p) for s in self.calls("efetch")
                for p in s.params.get("id", "").split(",") if p]

    # ------------------------------------------------------------ queries

    def match(self, term, webenv, dates):
        """The PMIDs a term matches, newest first; raises KeyError on lost history."""
        base, span = _split_uid_range(term)
        pmids = self._base_pmids(base, webenv)
        if span:
            pmids = {p for p in pmids if span[0] <= p <= span[1]}
        pmids = {p for p in pmids if p in self.records or p in self.ghosts}
        if dates:
            pmids = {p for p in pmids if self._in_window(p, dates)}
        return sorted(pmids, reverse=True)

    def _base_pmids(self, base, webenv):
        if base.startswith("#"):
            return set(self.history[webenv][base[1:]])
        if base.lower() in ("all[sb]", "all [sb]"):
            return set(self.records)
        while base not in self.queries and base.startswith("(") and base.endswith(")"):
            base = base[1:-1]
        found = self.queries.get(base, ())
        return set(found() if callable(found) else found)

    def date_of(self, pmid, datetype):
        """A record's date of one type as YYYY/MM/DD, from overrides or its XML."""
        if datetype in self.dates.get(pmid, {}):
            return self.dates[pmid][datetype]
        match = re.search(DATE_PATTERNS[datetype], self.records.get(pmid, b""))
        if not match:
            return None
        return "/".join(f"{int(g):02d}" for g in match.groups())

    def _in_window(self, pmid, dates):
        date = self.date_of(pmid, dates["datetype"])
        low = _pad_date(dates.get("mindate", "0001"))
        high = _pad_date(dates.get("maxdate", "9999"), upper=True)
        return date is not None and low <= date <= high

    def remember(self, webenv, pmids):
        """Store a result on the history server; returns (webenv, query_key)."""
        with self.lock:
            if webenv not in self.history:
                webenv = "MCID_" + uuid.uuid4().hex
                self.history[webenv] = {}
            key = str(len(self.history[webenv]) + 1)
            self.history[webenv][key] = list(pmids)
            return webenv, key

    def over_rate(self, identity, now):
        """True when this request makes more than the allowed number in one second."""
        if self.rate_limit is None:
            return False
        with self.lock:
            window = self._arrivals.setdefault(identity, deque())
            while window and window[0] <= now - 1.0:
                window.popleft()
            window.append(now)
            limit = self.rate_limit[1] if identity.startswith("key:") else self.rate_limit[0]
            return len(window) > limit

    def next_fault(self, endpoint):
        """Spend the first queued fault for this endpoint, if any, else perhaps a random one."""
        with self.lock:
            for fault in self.faults:
                if fault.endpoint == endpoint and fault.times > 0:
                    if fault.after > 0:
                        fault.after -= 1
                        return None
                    fault.times -= 1
                    return fault
            if self._chaos:
                rng, rate, kinds = self._chaos
                if kinds.get(endpoint) and rng.random() < rate:
                    return Fault(rng.choice(kinds[endpoint]), endpoint, drop=rng.randint(1, 5),
                                 message=rng.choice(PASSING_ERRORS))
        return None


def _split_uid_range(term):
    match = re.fullmatch(r"\s*(.+?)\s+AND\s+(\d+)\s*:\s*(\d+)\s*\[UID\]\s*", term, re.I)
    if not match:
        return term.strip(), None
    return match.group(1).strip(), (int(match.group(2)), int(match.group(3)))


def _pad_date(text, upper=False):
    parts = text.split("/")
    defaults = ["12", "31"] if upper else ["01", "01"]
    parts += defaults[len(parts) - 1:]
    return "/".join([parts[0].zfill(4)] + [p.zfill(2) for p in parts[1:3]])


def unknown_fields(term):
    """Field tags PubMed would not recognise (it reports them, then ignores them)."""
    tags = re.findall(r"\[([^\]]+)\]", term)
    return sorted({t for t in tags if t.strip().lower() not in KNOWN_FIELDS})


class QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-answer (a timeout, a kill) is not news here."""

    def handle_error(self, request, client_address):
        pass


class Handler(BaseHTTPRequestHandler):
    """Routes one request to EInfo, ESearch, EFetch or ESummary, applying faults first."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: with Nagle's algorithm on, each answer
    # would wait for the client's delayed ACK (40 ms) before its body leaves.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        self._handle(parse_qs(urlparse(self.path).query))

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self._handle(parse_qs(self.rfile.read(length).decode()))

    def _handle(self, query):
        standin = self.server.standin
        params = {k: v[-1] for k, v in query.items()}
        endpoint = urlparse(self.path).path.rsplit("/", 1)[-1].removesuffix(".fcgi")
        seen = Seen(endpoint, self.command, params, time.monotonic())
        standin.seen.append(seen)
        identity = "key:" + params["api_key"] if "api_key" in params else "ip"
        if standin.over_rate(identity, seen.at):
            seen.status, seen.fault = 429, "rate"
            return self._too_many(params, "1")
        fault = standin.next_fault(endpoint)
        if endpoint == "efetch" and standin.failing_ids & set(asked_ids(params)):
            fault = Fault("error", message="Internal error while formatting a record")
        if fault:
            seen.fault = fault.kind
            if self._apply(fault, params, seen):
                return
        status, body, ctype = self._answer(endpoint, params, fault)
        seen.status = status
        self._send(status, body, ctype)

    def _answer(self, endpoint, params, fault):
        standin = self.server.standin
        try:
            if endpoint == "esearch":
                return esearch(standin, params, fault)
            if endpoint == "efetch":
                return efetch(standin, params, fault)
            if endpoint == "esummary":
                return esummary(standin, params, fault)
            if endpoint == "einfo":
                return 200, b"<eInfoResult><DbList><DbName>pubmed</DbName></DbList></eInfoResult>", "text/xml"
        except KeyError:
            return history_error(params, endpoint)
        return 400, b"unknown endpoint", "text/plain"

    def _apply(self, fault, params, seen):
        """Send a faulty answer; True when nothing else should be sent."""
        kind = fault.kind
        if kind.startswith("3") and kind.isdigit():
            seen.status = int(kind)
            self._redirect(int(kind), fault.location or self.server.standin.base_url
                           + seen.endpoint + ".fcgi")
        elif kind.isdigit() and kind != "429":
            seen.status = int(kind)
            self._send(int(kind), HTML_ERROR, "text/html")
        elif kind == "429":
            seen.status = 429
            self._too_many(params, fault.retry_after)
        elif kind == "html":
            self._send(200, HTML_ERROR, "text/html")
        elif kind == "empty":
            self._send(200, b"", "text/xml")
        elif kind == "error":
            message = fault.message or "Search Backend failed: fault"
            self._send(200, backend_error(params, message, seen.endpoint), "text/xml")
        elif kind == "expired":
            self.server.standin.expire_history()
            return False
        elif kind == "hang":
            time.sleep(fault.seconds)
            return False
        elif kind == "trickle":
            self._trickle(params, seen, fault.seconds)
        elif kind == "badkey":
            seen.status = 400
            self._bad_key(params)
        elif kind in ("truncated", "short", "reset"):
            self._cut(kind, params, seen)
        else:
            return False  # "drop", "nosummary" and ESearch's own are applied by the endpoint
        return True

    def _cut(self, kind, params, seen):
        if kind == "reset":
            self.close_connection = True
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        status, body, ctype = self._answer(seen.endpoint, params, None)
        half = body[: len(body) // 2]
        length = len(half) if kind == "truncated" else len(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(half)
        self.close_connection = True

    def _trickle(self, params, seen, pause):
        """The whole answer, a few bytes at a time: every read arrives in time, the answer never does."""
        status, body, ctype = self._answer(seen.endpoint, params, None)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for start in range(0, len(body), 16):
                self.wfile.write(body[start:start + 16])
                self.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass  # the client gave up, as it should
        self.close_connection = True

    def _redirect(self, status, location):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _bad_key(self, params):
        # What NCBI answers for an api_key it does not know; it echoes the key.
        body = json.dumps({"error": "API key invalid", "api-key": params.get("api_key", ""),
                           "type": "invalid", "status": "unknown"}).encode()
        self._send(400, body, "application/json")

    def _too_many(self, params, retry_after):
        # NCBI echoes the key (or IP) it counted against.
        body = json.dumps({"error": "API rate limit exceeded",
                           "api-key": params.get("api_key", "127.0.0.1"),
                           "count": "11", "limit": "10"}).encode()
        headers = {"Retry-After": retry_after} if retry_after else {}
        self._send(429, body, "application/json", headers)

    def _send(self, status, body, ctype, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def esearch(standin, params, fault=None):
    """Answer ESearch like PubMed: true Count, at most 9,999 IDs, history, warnings.

    The "noids" fault keeps the Count but sends no IDs, as a struggling backend has,
    and "fewids" leaves `drop` of them out; "falsezero" answers Count 0 with "No items
    found", as PubMed does under load, and "partial" counts only half of what matches.
    """
    term, webenv = params.get("term", ""), params.get("WebEnv")
    dates = {k: params[k] for k in ("datetype", "mindate", "maxdate") if k in params}
    dates = dates if "datetype" in dates else None
    retstart = int(params.get("retstart", 0))
    retmax = min(int(params.get("retmax", 20)), standin.max_retmax)
    if retstart > standin.cap - 1:
        message = f"Search Backend failed: Exception:\n'retstart' cannot be larger than {standin.cap - 1}."
        return 200, backend_error(params, message, "esearch"), "text/xml"
    pmids = standin.match(term, webenv, dates)
    if fault is not None and fault.kind == "falsezero":
        pmids = []
    if fault is not None and fault.kind == "partial":
        pmids = pmids[: len(pmids) // 2]
    count = len(pmids) + standin.count_offset if pmids else 0
    result = {"count": str(count), "retmax": "0", "retstart": str(retstart),
              "idlist": [str(p) for p in pmids[retstart:min(retstart + retmax, standin.cap)]]}
    if fault is not None and fault.kind == "noids":
        result["idlist"] = []
    if fault is not None and fault.kind == "fewids":
        result["idlist"] = result["idlist"][fault.drop:]
    result["retmax"] = str(len(result["idlist"]))
    if params.get("usehistory") == "y":
        result["webenv"], result["querykey"] = standin.remember(webenv, pmids[:standin.history_cap])
    errors, warnings = {"phrasesnotfound": [], "fieldsnotfound": unknown_fields(term)}, {}
    for phrase in sorted(standin.unfound_phrases):
        if f'"{phrase}"' in term:
            warnings.setdefault("quotedphrasesnotfound", []).append(f'"{phrase}"')
        elif phrase in term:
            errors["phrasesnotfound"].append(phrase)
    if not count:
        warnings["outputmessages"] = ["No items found."]
    if errors["phrasesnotfound"] or errors["fieldsnotfound"]:
        result["errorlist"] = errors
    if warnings:
        result["warninglist"] = {"phrasesignored": [], "quotedphrasesnotfound": [],
                                 "outputmessages": [], **warnings}
    return 200, render_esearch(standin, params, result), _ctype(standin, params)


def _json_wanted(standin, params):
    if standin.esearch_format:
        return standin.esearch_format == "json"
    return params.get("retmode") == "json"


def _ctype(standin, params):
    return "application/json" if _json_wanted(standin, params) else "text/xml"


XML_LISTS = {"phrasesnotfound": "PhraseNotFound", "fieldsnotfound": "FieldNotFound",
             "phrasesignored": "PhraseIgnored", "quotedphrasesnotfound": "QuotedPhraseNotFound",
             "outputmessages": "OutputMessage"}


def render_esearch(standin, params, result):
    """ESearch result as NCBI's JSON or XML."""
    if _json_wanted(standin, params):
        return json.dumps({"header": {"type": "esearch", "version": "0.3"},
                           "esearchresult": result}).encode()
    parts = [f"<Count>{result['count']}</Count><RetMax>{result['retmax']}</RetMax>"
             f"<RetStart>{result['retstart']}</RetStart>"]
    if "querykey" in result:
        parts.append(f"<QueryKey>{result['querykey']}</QueryKey><WebEnv>{result['webenv']}</WebEnv>")
    parts.append("<IdList>" + "".join(f"<Id>{i}</Id>" for i in result["idlist"]) + "</IdList>")
    parts.append(f"<TranslationSet/><QueryTranslation>{escape(params.get('term', ''))}</QueryTranslation>")
    for name, element in (("errorlist", "ErrorList"), ("warninglist", "WarningList")):
        if name in result:
            items = "".join(f"<{XML_LISTS[key]}>{escape(value)}</{XML_LISTS[key]}>"
                            for key, values in result[name].items() for value in values)
            parts.append(f"<{element}>{items}</{element}>")
    return ('<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC '
            '"-//NLM//DTD esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/'
            'dtd/20060628/esearch.dtd">\n<eSearchResult>' + "".join(parts)
            + "</eSearchResult>\n").encode()


def backend_error(params, message, endpoint=None):
    """An error document served with HTTP 200, in the form the endpoint uses (by default
    the one the parameters suggest). In JSON, a newline inside the message is left raw,
    as NCBI leaves it."""
    endpoint = endpoint or ("efetch" if "id" in params or "query_key" in params else "esearch")
    if endpoint == "esearch" and params.get("retmode") == "json":
        body = json.dumps({"header": {"type": "esearch", "version": "0.3"},
                           "esearchresult": {"ERROR": message}})
        return body.replace("\\n", "\n").encode()
    if endpoint == "esummary":
        body = json.dumps({"header": {"type": "esummary", "version": "0.3"},
                           "esummaryresult": [message]})
        return body.replace("\\n", "\n").encode()
    if endpoint == "esearch":
        return (b'<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult><ERROR>'
                + escape(message).encode() + b"</ERROR></eSearchResult>\n")
    return (b'<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eEfetchResult PUBLIC '
            b'"-//NLM//DTD efetch 20131226//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/'
            b'dtd/20131226/efetch.dtd">\n<eFetchResult>\n\t<ERROR>'
            + escape(message).encode() + b"</ERROR>\n</eFetchResult>\n")


def history_error(params, endpoint):
    """What NCBI says about a WebEnv it no longer holds."""
    message = f"Unable to obtain query #{params.get('query_key') or params.get('term', '#1').split()[0].lstrip('#')}"
    return 200, backend_error(params, message, endpoint), "text/xml"


def asked_ids(params):
    """The ids of an id-list request."""
    return [int(p) for p in re.split(r"[,\s]+", params.get("id", "")) if p.isdigit()]


def no_such_ids(standin, pmids):
    """NCBI's HTTP 400 for an id list it finds nothing in (or, under "refuse", any unknown id)."""
    unknown = [p for p in pmids if p not in standin.records]
    if unknown and (len(unknown) == len(pmids) or standin.unknown_ids == "refuse"):
        return 400, backend_error({}, NO_SUCH_IDS, "efetch"), "text/xml"
    return None


def efetch(standin, params, fault):
    """PubmedArticleSet for the asked PMIDs; missing ones are dropped silently."""
    if "id" in params:
        pmids = asked_ids(params)
        refused = no_such_ids(standin, pmids)
        if refused:
            return refused
    else:
        stored = standin.history[params.get("WebEnv")][params["query_key"]]
        start = int(params.get("retstart", 0))
        pmids = stored[start:start + int(params.get("retmax", 20))]
    found = [p for p in pmids if p in standin.records]
    if fault is not None and fault.kind == "drop":
        found = found[fault.drop:]
    body = ARTICLE_SET_HEAD + b"\n".join(standin.records[p] for p in found) + b"\n" + ARTICLE_SET_TAIL
    return 200, body, "text/xml"


def esummary(standin, params, fault):
    """ESummary as JSON: a short summary per known PMID, "cannot get document summary" for
    the others ("nosummary": for every one, as a struggling backend has)."""
    pmids = asked_ids(params)
    refused = no_such_ids(standin, pmids)
    if refused:
        return refused
    result = {"uids": [str(p) for p in pmids]}
    for pmid in pmids:
        if pmid in standin.records and not (fault is not None and fault.kind == "nosummary"):
            title = re.search(rb"<ArticleTitle>(.*?)</ArticleTitle>", standin.records[pmid], re.S)
            result[str(pmid)] = {"uid": str(pmid), "title": (title.group(1) if title else b"").decode()}
        else:
            result[str(pmid)] = {"uid": str(pmid), "error": "cannot get document summary"}
    body = json.dumps({"header": {"type": "esummary", "version": "0.3"}, "result": result})
    return 200, body.encode(), "application/json"


class FakeTime:
    """A clock that moves only when something sleeps, recording every sleep."""

    def __init__(self):
        self.now, self.sleeps = 0.0, []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds
