"""The E-utilities client against the stand-in: politeness, retries, the 9,999 cap."""

import logging
import threading
import time

import pytest

from eutils_standin import FakeTime, fixture_record, load_sample
from harvest import eutils
from harvest.eutils import EUtils, EUtilsError, QueryError, RateLimiter

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


def test_search_uses_the_history_server(standin, fake):
    fill(standin, [5, 3, 9])
    make_client(standin, fake).search_all("ketamine")
    assert standin.calls("esearch")[0].params["usehistory"] == "y"
    assert len(standin.history) == 1


def test_search_past_the_cap_returns_every_pmid_once(standin, fake):
    pmids = list(range(1_000_000, 1_025_000)) + list(range(30_000_000, 30_003_000))
    fill(standin, pmids)
    result = make_client(standin, fake).search_all("ketamine")
    assert result.count == len(pmids)
    assert result.pmids == sorted(pmids)
    calls = standin.calls("esearch")
    assert all(int(c.params.get("retstart", 0)) <= 9998 for c in calls)
    # The parts name the first search by its query key, not by repeating it.
    assert all(c.params["term"].startswith("#1 AND ") for c in calls[1:])


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


def test_expired_history_runs_the_search_again(standin, fake):
    fill(standin, list(range(1, 15_001)))
    client = make_client(standin, fake)
    original = client.esearch
    calls = []

    def esearch(term, **kwargs):
        calls.append(term)
        if len(calls) == 2:  # the history dies between the first and second search
            standin.expire_history()
        return original(term, **kwargs)

    client.esearch = esearch
    result = client.search_all("ketamine")
    assert result.pmids == list(range(1, 15_001))
    assert calls.count("ketamine") == 2  # the search was run again


def test_history_that_keeps_expiring_falls_back_to_the_spelled_query(standin, fake):
    fill(standin, list(range(1, 15_001)))
    client = make_client(standin, fake)
    original = client.esearch

    def esearch(term, **kwargs):
        if term.startswith("#"):
            standin.expire_history()
        return original(term, **kwargs)

    client.esearch = esearch
    assert client.search_all("ketamine").pmids == list(range(1, 15_001))
    assert any(c.params["term"].startswith("(ketamine) AND ") for c in standin.calls("esearch"))


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
