"""End to end in Debian's Chromium: search, filter, open, cite, download, as a reader would.

Screenshots of each page at laptop and phone width go to screenshots/ (gitignored).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import rispy

from tests.test_site import TROCHES

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "screenshots"
LAPTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def serve_command(db_path, port) -> list:
    """The same command as `make serve`: its flags come from the Makefile."""
    flags = subprocess.run(["make", "-s", "--no-print-directory", "datasette-flags", f"DB={db_path}"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [sys.executable, "-m", "datasette", "serve", *flags, "--host", "127.0.0.1", "--port", str(port)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_db):
    port = free_port()
    process = subprocess.Popen(serve_command(sample_db, port), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=1)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("datasette did not start: " + process.stderr.read().decode()[-2000:])
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if sync_playwright is None:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (browsers cannot be downloaded here)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps"])
        yield browser
        browser.close()


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_reader_searches_filters_opens_cites_and_downloads(server, browser, tmp_path):
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(server + "/")
    expect(page.locator(".provenance")).to_contain_text("holds 8 records")
    shoot(page, "home-laptop")

    page.fill("input[name=q]", "troches")
    page.press("input[name=q]", "Enter")
    first = page.locator("ol.results li.result .title a").first
    expect(first).to_contain_text("Sub-Lingual Ketamine Troches")
    shoot(page, "search-laptop")

    page.select_option("select[name=scope]", "human")
    page.click("form.search-box button[type=submit]")
    assert "scope=human" in page.url
    expect(page.locator("ol.results li.result").first).to_contain_text("Troches")

    page.locator("ol.results li.result .title a").first.click()
    expect(page.locator("h1")).to_contain_text("Sub-Lingual Ketamine Troches")
    assert page.locator('meta[name="citation_pmid"]').get_attribute("content") == str(TROCHES)
    shoot(page, "article-laptop")

    page.click('button[data-copy="cite-ama"]')
    expect(page.locator('button[data-copy="cite-ama"]')).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Maudlin B, Gibson SB, Aggarwal A. Long Term Safety")
    assert copied == page.locator("#cite-ama").input_value()

    with page.expect_download() as download:
        page.click(".cite-block .exports >> text=RIS")
    path = tmp_path / "reference.ris"
    download.value.save_as(path)
    entries = rispy.loads(path.read_text())
    assert [e["accession_number"] for e in entries] == [str(TROCHES)]
    context.close()


@pytest.mark.parametrize("name,path", [
    ("home", "/"),
    ("search", "/catalogue/search?q=ketamine"),
    ("table", "/catalogue/articles?population=human"),
    ("article", f"/catalogue/articles/{TROCHES}"),
    ("map", "/catalogue/evidence_map"),
    ("routes", "/catalogue/evidence_map_routes"),
    ("chart", "/catalogue/per_year"),
    ("new", "/catalogue/whats_new"),
    ("about", "/about"),
])
def test_pages_fit_laptop_and_phone(server, browser, name, path):
    for width, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        page = browser.new_page(viewport=viewport)
        response = page.goto(server + path)
        assert response.status == 200
        # Nothing wider than the screen except inside scrollable tables.
        overflow = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.table-wrapper, .map-wrap, pre, textarea'))
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
        assert overflow == [], f"{name} at {width} width overflows: {overflow}"
        shoot(page, f"{name}-{width}")
        page.close()
