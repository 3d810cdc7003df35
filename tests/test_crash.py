"""Crashes and concurrency: a killed load never damages the catalogue, one harvest
runs at a time, and the site keeps answering while a rebuild swaps the file."""

import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import sqlite_utils

from click.testing import CliRunner

from harvest import safety
from harvest.cli import cli
from tests.conftest import ROOT

PYTHON = sys.executable


def article(pmid):
    """A hand-written in-scope record (a fixture) with child rows to write."""
    return (b'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">%d</PMID>'
            b"<Article><Journal><Title>Fixture Journal</Title></Journal>"
            b"<ArticleTitle>Ketamine for chronic pain, fixture %d</ArticleTitle>"
            b"<Abstract><AbstractText>Ketamine infusions and pain scores in fixture %d.</AbstractText></Abstract>"
            b"<AuthorList><Author><LastName>Fixture</LastName><ForeName>Ann</ForeName><Initials>A</Initials>"
            b"</Author><Author><LastName>Example</LastName><Initials>B</Initials></Author></AuthorList>"
            b"</Article><MeshHeadingList><MeshHeading><DescriptorName UI=\"D007649\">Ketamine</DescriptorName>"
            b"<QualifierName UI=\"Q000008\">administration &amp; dosage</QualifierName></MeshHeading>"
            b"</MeshHeadingList></MedlineCitation></PubmedArticle>" % (pmid, pmid, pmid))


def write_input(path, pmids):
    path.write_bytes(b"<PubmedArticleSet>\n" + b"\n".join(article(p) for p in pmids) + b"\n</PubmedArticleSet>\n")
    return path


def load_command(source, db, *options):
    return [PYTHON, "-m", "harvest", "files", str(source), "--db", str(db), "--quiet", *options]


def load(source, db):
    """Load in a process of its own, as a user would."""
    done = subprocess.run(load_command(source, db), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def load_here(source, db):
    """Load in this process (quicker, for setting a test up)."""
    result = CliRunner().invoke(cli, ["files", str(source), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output


def state(db):
    """Everything a consistent catalogue must agree on, or an AssertionError.

    The checks run on a copy of the file alone, as a reader that opens it
    immutable sees it: a journal beside it would not be used to repair it.
    """
    copy = f"{db}-inspected"
    shutil.copyfile(db, copy)
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for name in safety.full_text_tables(conn):
            safety.check_full_text(conn, name)
        pmids = {row[0] for row in conn.execute("select pmid from articles")}
        assert pmids == {row[0] for row in conn.execute("select pmid from raw_records")}
        assert pmids == {row[0] for row in conn.execute("select rowid from articles_fts")}
        authors = conn.execute("select count(*) from article_authors").fetchone()[0]
        assert authors == 2 * len(pmids)
        runs = [row[0] for row in conn.execute("select status from harvest_runs order by id")]
        assert set(runs) == {"complete"}, runs
        return pmids, len(runs)
    finally:
        conn.close()
        os.remove(copy)


# ---------------------------------------------------------------- SIGKILL


def test_sigkill_at_random_moments_never_damages_the_catalogue(tmp_path):
    db = tmp_path / "catalogue.db"
    load_here(write_input(tmp_path / "base.xml", range(1, 101)), db)
    started = time.monotonic()
    load(write_input(tmp_path / "first.xml", range(1001, 1301)), db)
    estimate = time.monotonic() - started  # how long a load runs, corrected as we go
    rng = random.Random(20240607)
    pmids, runs = state(db)
    kills = attempts = 0
    while kills < 10 and attempts < 20:
        attempts += 1
        batch = set(range(10_000 * attempts, 10_000 * attempts + 300))
        options = ["--all"] if attempts % 2 else []  # --all reads with worker processes
        process = subprocess.Popen(load_command(write_input(tmp_path / f"load{attempts}.xml", sorted(batch)), db,
                                                *options),
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        began = time.monotonic()
        time.sleep(estimate * (kills + rng.random()) / 10)  # one kill in each tenth of a load
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)  # the load alone, as the OOM killer would
            kills += 1
        else:
            estimate = time.monotonic() - began  # it ran faster than we thought
        process.wait(timeout=60)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # worker processes outlive it; they never write
        now_pmids, now_runs = state(db)
        assert (now_pmids, now_runs) in [(pmids, runs), (pmids | batch, runs + 1)], f"load {attempts}"
        pmids, runs = now_pmids, now_runs
    assert kills == 10
    load_here(write_input(tmp_path / "after.xml", [99_999]), db)
    assert 99_999 in state(db)[0]
    assert not os.path.exists(str(db) + safety.WORK_SUFFIX)


# ---------------------------------------------------------------- SIGTERM and Ctrl-C


def children(pid) -> list:
    """The processes a process has forked (Linux)."""
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return f.read().split()


@pytest.mark.parametrize("signum, message", [(signal.SIGTERM, "Error: terminated by SIGTERM"),
                                             (signal.SIGINT, "Aborted!")])
def test_a_stop_signal_to_the_whole_group_ends_in_one_line(tmp_path, signum, message):
    """A service manager's stop (SIGTERM) and a terminal's Ctrl-C (SIGINT) reach the workers
    too: the run must still end at once, in one line, with its working copy gone."""
    db = tmp_path / "catalogue.db"
    load_here(write_input(tmp_path / "base.xml", range(1, 11)), db)
    before = state(db)
    source = write_input(tmp_path / "big.xml", range(100_000, 102_000))
    process = subprocess.Popen(load_command(source, db, "--all"), cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while len(children(process.pid)) < 2 and time.monotonic() < deadline:  # the workers are at work
            time.sleep(0.05)
        time.sleep(0.3)  # and sending results back
        assert process.poll() is None, "the load finished before it could be stopped"
        os.killpg(process.pid, signum)
        stderr = process.communicate(timeout=60)[1]  # a worker left alive would hold stderr open
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == (128 + signal.SIGTERM if signum == signal.SIGTERM else 1)
    assert stderr.strip().splitlines() == [stderr.strip()] and stderr.strip().startswith(message), stderr
    assert state(db) == before
    assert not os.path.exists(str(db) + safety.WORK_SUFFIX)
    load_here(write_input(tmp_path / "after.xml", [99_999]), db)


# ---------------------------------------------------------------- the lock


def test_second_harvest_refuses_while_one_runs(tmp_path):
    db = tmp_path / "catalogue.db"
    source = write_input(tmp_path / "one.xml", [1])
    load_here(source, db)
    before = db.read_bytes()
    with safety.lock(os.path.realpath(db)):
        done = subprocess.run(load_command(source, db), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Error: another harvest is writing {os.path.realpath(db)} (pid {os.getpid()} since "
        + done.stderr.split(" since ")[1].split(")")[0] + "); wait for it to finish"]
    assert db.read_bytes() == before


def test_lock_dies_with_a_killed_harvest(tmp_path):
    db = tmp_path / "catalogue.db"
    holder = subprocess.Popen(
        [PYTHON, "-c", "import sys, time; from harvest import safety\n"
                       "with safety.lock(sys.argv[1]):\n print('locked', flush=True); time.sleep(60)",
         os.path.realpath(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        source = write_input(tmp_path / "one.xml", [1])
        refused = subprocess.run(load_command(source, db), cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert refused.returncode == 1 and f"(pid {holder.pid} since" in refused.stderr
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        load(source, db)
    finally:
        holder.kill()
        holder.wait()


def test_pubmed_takes_the_same_lock(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from harvest import cli as cli_module
    from harvest import live

    if getattr(cli_module.cli.commands["pubmed"].callback, "__wrapped__", None) is None:
        cli_module.add_live_commands(cli_module.cli)  # another test registered an unguarded copy
    monkeypatch.setattr(live.EUtils, "from_env", classmethod(lambda cls, **kw: pytest.fail("network")))
    db = tmp_path / "catalogue.db"
    with safety.lock(os.path.realpath(db)):
        result = CliRunner().invoke(cli_module.cli, ["pubmed", "--query", "ketamine", "--db", str(db)],
                                    env={"NCBI_EMAIL": "reader@example.org"})
    assert result.exit_code == 1 and "another harvest is writing" in result.output


# ---------------------------------------------------------------- the swap


def test_a_change_made_elsewhere_during_a_run_is_not_overwritten(tmp_path):
    db = tmp_path / "catalogue.db"
    load_here(write_input(tmp_path / "one.xml", [1]), db)
    with pytest.raises(safety.SafetyError, match="changed by another program"):
        with safety.working_copy(db) as work:
            sqlite_utils.Database(work)["articles"].insert({"pmid": 2}, alter=True)
            sqlite_utils.Database(db)["articles"].insert({"pmid": 3}, alter=True)
    assert {r[0] for r in sqlite3.connect(db).execute("select pmid from articles")} == {1, 3}
    assert not os.path.exists(str(db) + safety.WORK_SUFFIX)


def test_uncheckpointed_wal_is_kept_and_never_replayed_into_the_new_file(tmp_path):
    db = tmp_path / "catalogue.db"
    load_here(write_input(tmp_path / "one.xml", [1]), db)
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("update articles set title = 'only in the WAL' where pmid = 1")
    writer.commit()
    reader = sqlite3.connect(db)  # keeps the WAL from being removed when the writer closes
    reader.execute("select count(*) from articles").fetchone()
    assert os.path.getsize(str(db) + "-wal") > 0
    load_here(write_input(tmp_path / "two.xml", [2]), db)
    conn = sqlite3.connect(db)
    assert conn.execute("select title from articles where pmid = 1").fetchone()[0] == "only in the WAL"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert state(db)[0] == {1, 2}
    writer.close()
    reader.close()


def test_a_failed_check_keeps_the_old_catalogue(tmp_path, monkeypatch):
    db = tmp_path / "catalogue.db"
    load_here(write_input(tmp_path / "one.xml", [1]), db)
    before = db.read_bytes()
    with pytest.raises(safety.SafetyError, match="full-text"):
        with safety.working_copy(db) as work:
            conn = sqlite3.connect(work)
            conn.execute("insert into articles_fts(articles_fts, rowid, title) values ('delete', 1, 'x')")
            conn.commit()
            conn.close()
    assert db.read_bytes() == before


# ---------------------------------------------------------------- the site during a rebuild


def free_port():
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


COUNT = "/catalogue.json?sql=select+count(*)+from+articles&_shape=arrayfirst"


def test_site_serves_every_client_while_a_rebuild_swaps_the_file(tmp_path):
    db = tmp_path / "catalogue.db"
    load_here(write_input(tmp_path / "base.xml", range(1, 201)), db)
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "datasette", "serve", "-i", str(db), "-m", "metadata.yml", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(port, server)
        outcome = hammer(port, lambda: load(write_input(tmp_path / "more.xml", range(201, 501)), db))
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors, counts, requests = outcome
    assert errors == [], errors[:5]
    assert requests >= 30
    assert set(counts) <= {200, 500} and counts[-1] == 500, sorted(set(counts))
    assert counts[0] == 200


def wait_until_up(port, server, limit=30):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()[-2000:]
        with contextlib.suppress(OSError):
            if get(port, "/-/versions.json")[0] == 200:
                return
        time.sleep(0.2)
    raise AssertionError("datasette did not start")


def hammer(port, rebuild, clients=4, per_client=400, limit=60):
    """Clients fetch pages and counts until the rebuild has been visible for a second."""
    paths = [COUNT, "/", "/catalogue/articles?_sort=pmid", "/catalogue/articles/1", "/catalogue/articles.json?_size=20",
             "/catalogue.json?sql=select+title+from+articles+where+pmid+%3D+1", "/robots.txt"]
    errors, counts, served, lock = [], [], [0], threading.Lock()
    done = threading.Event()
    deadline = time.monotonic() + limit

    def client(number):
        for i in range(per_client):
            if (done.is_set() and i > 20) or time.monotonic() > deadline:
                return
            path = paths[(i + number) % len(paths)]
            try:
                status, body = get(port, path)
            except OSError as error:
                status, body = repr(error), b""
            with lock:
                served[0] += 1
                if status != 200:
                    errors.append((path, status, body[:200]))
                elif path == COUNT:
                    counts.append(json.loads(body)[0])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    rebuild()
    settle = time.monotonic() + 10
    while time.monotonic() < settle and json.loads(get(port, COUNT)[1])[0] != 500:
        time.sleep(0.1)
    time.sleep(1)
    done.set()
    for thread in threads:
        thread.join()
    return errors, counts + [json.loads(get(port, COUNT)[1])[0]], served[0]


def test_lock_dies_with_a_killed_harvest_whose_workers_live_on(tmp_path):
    db = tmp_path / "catalogue.db"
    holder = subprocess.Popen(
        [PYTHON, "-c", "import os, sys, time; from harvest import safety\n"
                       "with safety.lock(sys.argv[1]):\n"
                       " child = os.fork()\n"
                       # The child reports itself, so its fork hooks have run by then.
                       " if child == 0:\n  print(os.getpid(), flush=True); time.sleep(60); os._exit(0)\n"
                       " time.sleep(60)",
         os.path.realpath(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    worker = int(holder.stdout.readline())
    try:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert os.path.exists(f"/proc/{worker}")  # the worker outlived its parent
        load_here(write_input(tmp_path / "one.xml", [1]), db)
    finally:
        os.kill(worker, signal.SIGKILL)


# ---------------------------------------------------------------- a live harvest resumes


FAKE_HARVEST = """
import sys, time
import sqlite_utils
from harvest import cli, live, load

def harvest_pubmed(db, topics, query, since, progress):
    run = load.start_run(db, "pubmed", query)
    db["progress"].insert({"step": query}, pk="step", replace=True)
    print("committed", flush=True)
    time.sleep(60)

live.harvest_pubmed = harvest_pubmed
cli.cli(["pubmed", "--query", "first", "--db", sys.argv[1]])
"""


def test_a_killed_live_harvest_resumes_from_its_working_copy(tmp_path, monkeypatch):
    from harvest import cli as cli_module
    from harvest import live

    if getattr(cli_module.cli.commands["pubmed"].callback, "__wrapped__", None) is None:
        cli_module.add_live_commands(cli_module.cli)  # another test registered an unguarded copy
    db = tmp_path / "catalogue.db"
    load_here(write_input(tmp_path / "one.xml", [1]), db)
    before = db.read_bytes()
    killed = subprocess.Popen([PYTHON, "-c", FAKE_HARVEST, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "NCBI_EMAIL": "reader@example.org"})
    assert killed.stdout.readline().strip() == "committed"
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert db.read_bytes() == before  # the catalogue never saw the killed run

    seen = []

    def harvest_pubmed(db, topics, query, since, progress):
        seen.extend(row["step"] for row in db["progress"].rows)
        run = load.start_run(db, "pubmed", query)
        load.finish_run(db, run, {}, "complete")
        return [], 0

    from harvest import load
    monkeypatch.setattr(live, "harvest_pubmed", harvest_pubmed)
    monkeypatch.setattr(live, "summary", lambda outcomes, planned: "done")
    monkeypatch.setattr(live, "all_complete", lambda outcomes, planned: True)
    result = CliRunner().invoke(cli_module.cli, ["pubmed", "--query", "second", "--db", str(db)],
                                env={"NCBI_EMAIL": "reader@example.org"})
    assert result.exit_code == 0, result.output
    assert seen == ["first"]  # carried on from the killed run's working copy
    runs = {row[0]: row[1] for row in sqlite3.connect(db).execute("select query, status from harvest_runs")}
    assert runs == {"scope: ketamine AND pain": "complete", "first": "incomplete", "second": "complete"}
    assert not os.path.exists(str(db) + safety.WORK_SUFFIX)


def test_a_files_run_never_builds_on_a_leftover(tmp_path):
    db = tmp_path / "catalogue.db"
    load_here(write_input(tmp_path / "one.xml", [1]), db)
    with pytest.raises(KeyboardInterrupt):
        with safety.working_copy(db, resumable=True) as work:
            sqlite_utils.Database(work)["articles"].insert({"pmid": 2}, alter=True)
            raise KeyboardInterrupt
    assert os.path.exists(str(db) + safety.WORK_SUFFIX)
    load_here(write_input(tmp_path / "three.xml", [3]), db)
    assert state(db)[0] == {1, 3}
