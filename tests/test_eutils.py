"""The E-utilities client against the stand-in: politeness, retries, the 9,999 cap."""

import logging
import re
import threading
import time

import pytest

from eutils_standin import FakeTime, fixture_record, load_sample
from harvest import eutils
from harvest.eutils import EUtils, EUtilsError, NoSuchIds, QueryError, RateLimiter, ServerDown

EMAIL = "catalogue-tests@example.org"
SECRET = "s3cr3t-api-key-0123456789"


@pytest.fixture
def fake():
    return FakeTime()


def make_client(standin, fake, **options):
    """A client whose rate limit and backoff run on fake time."""
    limiter = RateLimiter(eutils.RATE, clock=fake.clock, sleep=fake.sleep)
    options.setdefault("timeout", (2, 5))
    return EUtils(EMAIL, base_url=standin.base_url, limiter=limiter, sleep=fake.sleep,
                  **options)


def fill(standin, pmids, query="ketamine"):
    for pmid in pmids:
        standin.records[pmid] = fixture_record(pmid)
    standin.queries[query] = set(pmids)


# ------------------------------------------------------------ politeness


def test_every_request_carries_tool_email_and_key_in_a_post_body(standin, fake):
    fill(standin, [101, 102])
    client = make_client(standin, fake, api_key=SECRET)
    client.ping()
    client.search_all("ketamine")
    client.efetch([101, 102])
    assert [s.endpoint for s in standin.seen] == ["einfo", "esearch", "efetch"]
    for seen in standin.seen:
        assert seen.method == "POST"
        assert seen.params["tool"] == eutils.TOOL
        assert seen.params["email"] == EMAIL
        assert seen.params["api_key"] == SECRET


def test_client_refuses_to_run_without_a_contact_address():
    with pytest.raises(EUtilsError, match="NCBI_EMAIL"):
        EUtils.from_env({"NCBI_API_KEY": SECRET})


def test_settings_come_from_the_environment(standin):
    client = EUtils.from_env({"NCBI_EMAIL": EMAIL, "NCBI_API_KEY": SECRET,
                              "EUTILS_BASE_URL": standin.base_url.rstrip("/")})
    assert client.base_url == standin.base_url
    assert client.email == EMAIL
    assert SECRET not in repr(client)
    assert EUtils.from_env({"NCBI_EMAIL": EMAIL}).base_url == eutils.DEFAULT_BASE_URL


@pytest.mark.parametrize("base", ["eutils.ncbi.nlm.nih.gov/entrez/eutils/", "ftp://127.0.0.1/x/",
                                  "http://", " ", "http://exa mple.org/", "http://host:port/",
                                  "https://eutils.example/?db=pubmed"])
def test_a_base_url_that_cannot_work_is_refused_before_any_request(base):
    with pytest.raises(EUtilsError, match="EUTILS_BASE_URL") as caught:
        EUtils.from_env({"NCBI_EMAIL": EMAIL, "EUTILS_BASE_URL": base})
    assert "\n" not in str(caught.value)


def test_a_base_url_keeps_no_password_in_its_error():
    with pytest.raises(EUtilsError) as caught:
        EUtils(EMAIL, base_url="ftp://me:pa55word@example.org/")
    assert "pa55word" not in str(caught.value)


# ------------------------------------------------------------ rate limit


def test_limiter_spaces_requests_below_the_rate(fake):
    limiter = RateLimiter(3, clock=fake.clock, sleep=fake.sleep)
    times = []
    for _ in range(10):
        limiter.wait()
        times.append(fake.now)
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 1 / 3
    # Any one-second window holds at most three requests.
    assert all(sum(1 for t in times if start <= t < start + 1) <= 3 for start in times)


def test_limiter_hold_silences_every_caller(fake):
    limiter = RateLimiter(10, clock=fake.clock, sleep=fake.sleep)
    limiter.wait()
    limiter.hold(5)
    limiter.wait()
    assert fake.now >= 5


def test_one_limiter_per_process_at_the_slowest_rate(monkeypatch):
    monkeypatch.setitem(eutils._shared, "limiter", None)
    keyed = EUtils(EMAIL, api_key=SECRET)
    assert keyed.limiter.interval == pytest.approx(eutils.RATE_MARGIN / 10)
    plain = EUtils(EMAIL)
    assert plain.limiter is keyed.limiter
    assert keyed.limiter.interval == pytest.approx(eutils.RATE_MARGIN / 3)


def test_threads_and_clients_together_never_trip_the_rate_limit(standin, monkeypatch):
    """Real time: three clients in three threads share 10 requests per second."""
    monkeypatch.setitem(eutils._shared, "limiter", None)
    standin.rate_limit = (3, 10)
    fill(standin, [1])
    clients = [EUtils(EMAIL, api_key=SECRET, base_url=standin.base_url, max_tries=1)
               for _ in range(3)]
    errors = []

    def work(client):
        try:
            for _ in range(7):
                client.ping()
        except EUtilsError as exc:
            errors.append(exc)

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    assert [s.status for s in standin.seen] == [200] * 21
    assert time.monotonic() - started >= 20 * 0.1


# ------------------------------------------------------------ retries


@pytest.mark.parametrize("endpoint", ["esearch", "efetch"])
@pytest.mark.parametrize("kind", ["429", "500", "502", "503", "html", "empty",
                                  "truncated", "short", "reset", "error"])
def test_transient_faults_are_retried(standin, fake, endpoint, kind):
    fill(standin, [11, 12, 13])
    standin.fault(kind, endpoint, times=2)
    client = make_client(standin, fake)
    assert client.search_all("ketamine").pmids == [11, 12, 13]
    assert b"<PMID Version=\"1\">12</PMID>" in client.efetch([11, 12, 13])
    assert [s.fault for s in standin.calls(endpoint)] == [kind, kind, None]
    assert len(fake.sleeps) >= 2


def test_timeouts_are_retried(standin, fake):
    fill(standin, [11])
    standin.fault("hang", "efetch", seconds=1.0)
    client = make_client(standin, fake, timeout=(1, 0.2))
    assert b"<PMID Version=\"1\">11</PMID>" in client.efetch([11])
    assert len(standin.calls("efetch")) == 2


def test_a_server_that_trickles_its_answer_is_given_up_on_in_time(standin, fake):
    """Each read arrives well within the read timeout; the whole answer would take seconds."""
    fill(standin, [11])
    standin.fault("trickle", "efetch", seconds=0.05)
    client = make_client(standin, fake, timeout=(1, 1), deadline=0.3)
    started = time.monotonic()
    assert b"<PMID Version=\"1\">11</PMID>" in client.efetch([11])
    assert time.monotonic() - started < 1.5
    assert [s.fault for s in standin.calls("efetch")] == ["trickle", None]


def test_retry_after_is_honoured_for_everyone(standin, fake):
    fill(standin, [11])
    standin.fault("429", "esearch", retry_after="7")
    client = make_client(standin, fake, backoff=0.01)
    client.search_all("ketamine")
    assert max(fake.sleeps) >= 7
    now = fake.now
    client.limiter.hold(0)  # the hold already passed: no further wait
    client.limiter.wait()
    assert fake.now - now < 1


def test_backoff_grows_with_jitter(standin, fake):
    fill(standin, [11])
    standin.fault("503", "efetch", times=5)
    client = make_client(standin, fake, backoff=1.0)
    client.efetch([11])
    waits = [s for s in fake.sleeps if s > 0.5]  # leave out rate-limit spacing
    assert len(waits) == 5
    for attempt, wait in enumerate(waits, start=1):
        assert 0.5 * 2 ** attempt <= wait <= 2 ** attempt
    assert len({round(w / 2 ** a, 6) for a, w in enumerate(waits, start=1)}) > 1


def test_gives_up_with_one_line_after_max_tries(standin, fake):
    standin.fault("503", "efetch", times=10)
    client = make_client(standin, fake, max_tries=3)
    with pytest.raises(EUtilsError) as caught:
        client.efetch([11])
    assert "gave up after 3 tries" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert len(standin.calls("efetch")) == 3


def test_each_fault_class_has_its_own_budget(standin, fake):
    """Five 503s and five cut-off answers in one request: neither class ran out."""
    fill(standin, [11])
    for _ in range(5):
        standin.fault("503", "efetch")
        standin.fault("truncated", "efetch")
    body = make_client(standin, fake, max_tries=6).efetch([11])
    assert b"<PMID Version=\"1\">11</PMID>" in body
    assert len(standin.calls("efetch")) == 11


def test_one_fault_class_that_runs_out_gives_up(standin, fake):
    fill(standin, [11])
    standin.fault("error", "efetch", times=4, message="Unable to obtain query #1")
    with pytest.raises(EUtilsError, match="gave up after 4 tries: server error: Unable to obtain"):
        make_client(standin, fake, max_tries=4).efetch([11])


@pytest.mark.parametrize("message", ["Unable to obtain query #1", "Search Backend failed: Exception:\nboom",
                                     "Error occurred: cannot get document summary"])
def test_an_error_in_an_id_list_efetch_is_retried(standin, fake, message):
    """No WebEnv was sent, so nothing expired: the <ERROR> is a passing fault (issue 16)."""
    fill(standin, [11, 12])
    standin.fault("error", "efetch", times=2, message=message)
    body = make_client(standin, fake).efetch([11, 12])
    assert body.count(b"<PubmedArticle>") == 2
    assert [s.fault for s in standin.calls("efetch")] == ["error", "error", None]


@pytest.mark.parametrize("answer", ["json", "xml"])
def test_an_error_on_esearch_is_retried_with_the_spelled_out_query(standin, fake, answer):
    fill(standin, [11, 12])
    standin.esearch_format = answer
    standin.fault("error", "esearch", times=2, message="Unable to obtain query #1")
    assert make_client(standin, fake).search_all("ketamine").pmids == [11, 12]
    assert {s.params["term"] for s in standin.calls("esearch")} == {"ketamine"}


def test_a_raw_newline_inside_a_json_error_is_read(standin, fake):
    body = b'{"esearchresult": {"ERROR": "Search Backend failed: Exception:\nRead timed out"}}'
    with pytest.raises(eutils.Retryable, match="Read timed out"):
        eutils.parse_esearch(body)
    from eutils_standin import backend_error

    assert b"failed:\nboom" in backend_error({"retmode": "json"}, "Search Backend failed:\nboom", "esearch")
    fill(standin, [11])
    standin.fault("error", "esearch", message="Search Backend failed:\nboom")
    assert make_client(standin, fake).search_all("ketamine").pmids == [11]


@pytest.mark.parametrize("message", ["Invalid db name specified: pubmd",
                                     "Search Backend failed: Exception:\n'retstart' cannot be larger than 9998."])
def test_an_error_that_can_never_succeed_ends_the_search_at_once(standin, fake, message):
    standin.fault("error", "esearch", times=5, message=message)
    with pytest.raises(QueryError, match="PubMed refused the request"):
        make_client(standin, fake).search_all("ketamine")
    assert len(standin.calls("esearch")) == 1


def test_unknown_ids_get_http_400_and_are_not_retried(standin, fake):
    fill(standin, [11])
    client = make_client(standin, fake)
    with pytest.raises(NoSuchIds, match="ID list is empty"):
        client.efetch([404, 405])
    assert len(standin.calls("efetch")) == 1
    assert client.efetch([11, 404]).count(b"<PubmedArticle>") == 1  # some known: the rest dropped


@pytest.mark.parametrize("unknown_ids", ["drop", "refuse"])
def test_esummary_says_which_pmids_pubmed_has(standin, fake, unknown_ids):
    fill(standin, range(1, 8))
    standin.unknown_ids = unknown_ids  # "refuse": one unknown id makes the whole request a 400
    client = make_client(standin, fake, batch_size=4)
    known = client.pubmed_has([1, 2, 404, 3, 4, 5, 6, 7, 405])
    assert known == {**{p: True for p in range(1, 8)}, 404: False, 405: False}
    assert all(len(s.params["id"].split(",")) <= 4 for s in standin.calls("esummary"))
    assert client.pubmed_has([404]) == {404: False}


def test_esummary_faults_are_retried(standin, fake):
    fill(standin, [1, 2])
    for kind in ["503", "truncated", "error", "html"]:
        standin.fault(kind, "esummary")
    assert make_client(standin, fake).pubmed_has([1, 2, 3]) == {1: True, 2: True, 3: False}


def test_a_server_that_keeps_failing_is_taken_for_down(standin, fake):
    """Requests that each give up, one after another: the sixth says the server is down."""
    standin.fault("503", "efetch", times=100)
    client = make_client(standin, fake, max_tries=2)
    for _ in range(eutils.FAILURES_IN_A_ROW - 1):
        with pytest.raises(EUtilsError) as caught:
            client.efetch([11])
        assert not isinstance(caught.value, ServerDown)
    with pytest.raises(ServerDown, match="6 requests in a row failed"):
        client.efetch([11])


def test_an_answer_in_between_resets_the_count_of_failures(standin, fake):
    fill(standin, [11])
    client = make_client(standin, fake, max_tries=1)
    for _ in range(3 * eutils.FAILURES_IN_A_ROW):
        standin.fault("503", "efetch")
        with pytest.raises(EUtilsError) as caught:
            client.efetch([11])
        assert not isinstance(caught.value, ServerDown)
        client.efetch([11])


def test_client_errors_are_not_retried(standin, fake):
    standin.fault("414", "efetch", times=5)
    with pytest.raises(EUtilsError, match="HTTP 414"):
        make_client(standin, fake).efetch([11])
    assert len(standin.calls("efetch")) == 1


@pytest.mark.parametrize("status", ["301", "302", "307", "308"])
def test_a_redirect_is_not_followed(standin, fake, status):
    """A 307 would re-send the form, key included, to another host; a 301 drops the form."""
    from eutils_standin import StandIn

    elsewhere = StandIn()
    elsewhere.start()
    try:
        moved = elsewhere.base_url.replace("127.0.0.1", "localhost")
        standin.fault(status, "esearch", times=5, location=moved + "esearch.fcgi?x=1")
        client = make_client(standin, fake, api_key=SECRET)
        with pytest.raises(EUtilsError) as caught:
            client.search_all("ketamine")
    finally:
        elsewhere.stop()
    assert elsewhere.seen == []
    assert len(standin.calls("esearch")) == 1
    message = str(caught.value)
    assert f"HTTP {status}" in message and moved in message and "EUTILS_BASE_URL" in message
    assert SECRET not in message


def test_an_invalid_api_key_fails_at_once_saying_so(standin, fake, caplog):
    standin.fault("badkey", "esearch", times=5)  # NCBI's 400 body echoes the key
    client = make_client(standin, fake, api_key=SECRET)
    with pytest.raises(EUtilsError) as caught:
        client.search_all("ketamine")
    message = str(caught.value)
    assert message == "esearch.fcgi: HTTP 400: API key invalid; check NCBI_API_KEY"
    assert len(standin.calls("esearch")) == 1
    assert SECRET not in caplog.text


def test_api_key_never_appears_in_errors_or_logs(standin, fake, caplog):
    caplog.set_level(logging.DEBUG)
    standin.fault("429", "esearch", times=3)  # NCBI's 429 body echoes the key
    client = make_client(standin, fake, api_key=SECRET, max_tries=3)
    with pytest.raises(EUtilsError) as caught:
        client.search_all("ketamine")
    assert "429" in str(caught.value)
    assert SECRET not in str(caught.value)
    assert caplog.records and SECRET not in caplog.text
    assert SECRET not in client.redact(f"api-key {SECRET}")


def test_unknown_field_tag_fails_at_once(standin, fake):
    client = make_client(standin, fake)
    with pytest.raises(QueryError, match="nosuchtag"):
        client.search_all("ketamine[nosuchtag]")
    assert len(standin.calls("esearch")) == 1


# ------------------------------------------------------------ ESearch


@pytest.mark.parametrize("answer", ["json", "xml"])
def test_search_reads_json_and_xml(standin, fake, answer):
    fill(standin, [5, 3, 9])
    standin.esearch_format = answer
    result = make_client(standin, fake).search_all("ketamine")
    assert (result.count, result.pmids, result.complete) == (3, [3, 5, 9], True)


def test_search_never_leans_on_the_history_server(standin, fake):
    fill(standin, list(range(1, 25_001)))
    make_client(standin, fake).search_all("ketamine")
    for call in standin.calls("esearch"):
        assert not {"usehistory", "WebEnv", "query_key"} & set(call.params)
    assert standin.history == {}


def test_search_past_the_cap_returns_every_pmid_once(standin, fake):
    """The history holds only the first 9,999 PMIDs; the split re-runs the query spelled out."""
    pmids = list(range(1_000_000, 1_025_000)) + list(range(30_000_000, 30_003_000))
    fill(standin, pmids)
    result = make_client(standin, fake).search_all("ketamine")
    assert result.count == len(pmids)
    assert result.pmids == sorted(pmids)
    calls = standin.calls("esearch")
    assert all(int(c.params.get("retstart", 0)) <= 9998 for c in calls)
    assert all(re.fullmatch(r"\(ketamine\) AND \d+:\d+\[UID\]", c.params["term"]) for c in calls[1:])
    counts = [c for c in calls[1:] if c.params["retmax"] == "0"]
    reads = [c for c in calls[1:] if c.params["retmax"] != "0"]
    assert len(counts) >= 4 and len(reads) >= 4  # 25,000 in ranges of at most 9,999, and 3,000


def test_the_stand_in_history_holds_only_the_first_9999_pmids(standin):
    """What a client splitting by `#1 AND lo:hi[UID]` would meet, as a published client measured."""
    import requests

    fill(standin, list(range(1, 12_001)))
    post = lambda endpoint, **form: requests.post(standin.base_url + endpoint + ".fcgi", data=form, timeout=5)
    found = post("esearch", db="pubmed", term="ketamine", usehistory="y", retmode="json").json()["esearchresult"]
    assert found["count"] == "12000"
    history = {"WebEnv": found["webenv"], "query_key": found["querykey"], "db": "pubmed"}
    assert post("efetch", retstart=9990, retmax=50, **history).text.count("<PubmedArticle>") == 9
    parts = post("esearch", db="pubmed", term="#1 AND 1:12000[UID]", WebEnv=found["webenv"],
                 retmode="json").json()["esearchresult"]
    assert parts["count"] == "9999"
    standin.fault("error", "efetch", message="Unable to obtain query #1")
    answer = post("efetch", retstart=0, retmax=5, **history)
    assert answer.status_code == 200 and "<ERROR>Unable to obtain query #1</ERROR>" in answer.text


def test_halves_that_do_not_add_up_are_counted_again(standin, fake):
    fill(standin, list(range(1, 25_001)))
    standin.fault("falsezero", "esearch", after=3)  # the count of a half that holds records
    result = make_client(standin, fake).search_all("ketamine")
    assert result.pmids == list(range(1, 25_001))
    counted = [c.params["term"] for c in standin.calls("esearch") if c.params["retmax"] == "0"]
    assert len(counted) > len(set(counted))  # some range was counted twice


def test_halves_that_never_add_up_stop_the_split_and_the_result_comes_back_short(standin, fake, caplog):
    fill(standin, list(range(1, 25_001)))
    standin.count_offset = 10_000  # a server whose every Count is 10,000 too many
    result = make_client(standin, fake).search_all("ketamine")
    assert not result.complete and len(result.pmids) == 9_999
    assert len(standin.calls("esearch")) < 20
    assert "never added up" in caplog.text


def test_a_split_goes_no_deeper_than_its_limit(standin, fake, monkeypatch, caplog):
    monkeypatch.setattr(eutils, "MAX_SPLIT_DEPTH", 2)
    fill(standin, list(range(1, 40_001)))
    result = make_client(standin, fake).search_all("ketamine")
    assert not result.complete and "not split further" in caplog.text


def test_a_part_that_counts_fewer_than_its_range_is_read_again(standin, fake):
    fill(standin, list(range(1, 25_001)))
    client = make_client(standin, fake)
    calls = []
    original = client.esearch

    def esearch(term, retstart=0, dates=None, retmax=None):
        calls.append(retmax)
        if retmax != 0 and calls.count(None) == 2:  # the first read of a part
            standin.fault("partial", "esearch")
        return original(term, retstart, dates, retmax)

    client.esearch = esearch
    assert client.search_all("ketamine").pmids == list(range(1, 25_001))
    assert "partial" in [s.fault for s in standin.calls("esearch")]


@pytest.mark.parametrize("answer", ["json", "xml"])
def test_a_false_zero_is_asked_again(standin, fake, answer):
    fill(standin, [5, 3, 9])
    standin.esearch_format = answer
    standin.fault("falsezero", "esearch", times=eutils.ZERO_CHECKS - 1)
    result = make_client(standin, fake).search_all("ketamine")
    assert result.pmids == [3, 5, 9] and result.warnings == []


def test_a_true_zero_is_believed_after_being_asked_again(standin, fake):
    result = make_client(standin, fake).search_all("nothing matches this")
    assert (result.count, result.pmids, result.complete) == (0, [], True)
    assert len(standin.calls("esearch")) == eutils.ZERO_CHECKS
    assert result.warnings == []  # "No items found" with a Count of 0 is the answer itself


def test_a_sharp_drop_from_what_was_found_before_is_asked_again(standin, fake):
    fill(standin, list(range(1, 101)))
    standin.fault("partial", "esearch", times=2)
    result = make_client(standin, fake).search_all("ketamine", expect=100)
    assert (result.count, result.dropped) == (100, False)
    assert len(standin.calls("esearch")) == 3


def test_a_drop_that_stays_is_reported(standin, fake):
    fill(standin, list(range(1, 101)))
    standin.fault("partial", "esearch", times=50)
    result = make_client(standin, fake).search_all("ketamine", expect=100)
    assert (result.count, result.dropped) == (50, True)
    assert len(standin.calls("esearch")) == 1 + eutils.DROP_CHECKS
    fewer = make_client(standin, fake).search_all("ketamine", expect=55)
    assert not fewer.dropped  # 50 of 55 is no sharp drop


def test_a_page_with_a_count_but_no_ids_is_asked_again(standin, fake):
    fill(standin, [5, 3, 9])
    standin.fault("noids", "esearch", times=2)
    assert make_client(standin, fake).search_all("ketamine").pmids == [3, 5, 9]


@pytest.mark.parametrize("answer", ["json", "xml"])
def test_warnings_are_read(standin, fake, answer, caplog):
    standin.esearch_format = answer
    standin.unfound_phrases = {"ketamin infusion", "pain relef"}
    standin.queries['ketamine AND "pain relef" AND ketamin infusion'] = {1}
    standin.records[1] = fixture_record(1)
    result = make_client(standin, fake).search_all('ketamine AND "pain relef" AND ketamin infusion')
    assert result.warnings == [("phrase not found", "ketamin infusion"),
                               ("quoted phrase not found", '"pain relef"')]
    assert "phrase not found: ketamin infusion" in caplog.text
    page = make_client(standin, fake).count('ketamine AND "pain relef" AND ketamin infusion')
    assert page.phrases_not_found == ["ketamin infusion", '"pain relef"']


@pytest.mark.slow
def test_search_returns_the_whole_real_sample(standin, fake, sample_files):
    records = load_sample(*sample_files)
    standin.records = records
    standin.queries["the whole sample"] = set(records)
    result = make_client(standin, fake).search_all("the whole sample")
    assert len(records) > 50_000
    assert result.pmids == sorted(records)
    assert result.complete


def test_split_parts_keep_the_date_window(standin, fake):
    old = list(range(1, 12_001))
    new = list(range(20_001, 20_011))
    fill(standin, old + new)
    for pmid in new:
        standin.dates[pmid] = {"mdat": "2024/05/02"}
    for pmid in old:
        standin.dates[pmid] = {"mdat": "2019/01/01"}
    window = {"datetype": "mdat", "mindate": "2024/05/01", "maxdate": "3000/12/31"}
    assert make_client(standin, fake).search_all("ketamine", window).pmids == new
    assert all(c.params["datetype"] == "mdat" for c in standin.calls("esearch"))


def test_short_pages_are_paged_through(standin, fake):
    fill(standin, list(range(1, 1201)))
    standin.max_retmax = 500  # a server that cuts retmax
    result = make_client(standin, fake).search_all("ketamine")
    assert result.pmids == list(range(1, 1201))


def test_a_count_that_disagrees_is_reported(standin, fake, caplog):
    fill(standin, [1, 2, 3])
    standin.count_offset = 2
    result = make_client(standin, fake).search_all("ketamine")
    assert not result.complete
    assert "counted 5 records but 3 came back" in caplog.text


# ------------------------------------------------------------ EFetch


def test_efetch_posts_the_ids_and_drops_missing_ones_silently(standin, fake):
    fill(standin, [21, 22])
    body = make_client(standin, fake).efetch([21, 22, 23])
    assert standin.calls("efetch")[0].method == "POST"
    assert standin.calls("efetch")[0].params["id"] == "21,22,23"
    assert body.count(b"<PubmedArticle>") == 2
    assert body.rstrip().endswith(b"</PubmedArticleSet>")


def test_efetch_empty_result_error_means_no_records(standin, fake, monkeypatch):
    from eutils_standin import backend_error

    monkeypatch.setattr("eutils_standin.efetch", lambda standin, params, fault: (
        200, backend_error(params, "Empty result - nothing to do"), "text/xml"))
    body = make_client(standin, fake).efetch([404])
    assert b"<PubmedArticleSet>" in body and b"<PubmedArticle>" not in body
    assert len(standin.calls("efetch")) == 1
