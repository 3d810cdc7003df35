"""End to end in Debian's Chromium: search, filter, open, cite, download, as a reader would;
and every page usable by keyboard and screen reader, checked with axe-core.

Screenshots of each page at laptop and phone width go to screenshots/ (gitignored).
axe-core comes from npm (tests/browser/package.json, installed by `make test`); without it
the accessibility checks skip and say how to install it.
"""

import os
import re
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
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
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


# The pages every reader passes through; add a page here to check its layout and accessibility.
READER_PAGES = [
    ("home", "/"),
    ("search", "/catalogue/search?q=ketamine"),
    ("article", f"/catalogue/articles/{TROCHES}"),
    ("map", "/catalogue/evidence_map"),
    ("routes", "/catalogue/evidence_map_routes"),
    ("chart", "/catalogue/per_year"),
    ("new", "/catalogue/whats_new"),
    ("about", "/about"),
    ("profile", "/catalogue/profile?condition=chronic-pain"),
    ("claim", "/catalogue/profile?claim=ketamine+troches+for+neuropathic+pain%2C+fibromyalgia+and+CRPS"),
]


@pytest.mark.parametrize("name,path", READER_PAGES + [("table", "/catalogue/articles?population=human")])
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


# ---------------------------------------------------------------- accessibility

A11Y_PAGES = READER_PAGES + [
    ("table", "/catalogue/articles"),
    ("table-filtered", "/catalogue/articles?population=human&_join_conditions=chronic-pain"),
    ("search-nothing", "/catalogue/search?q=nosuchwordanywhere"),
]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE.relative_to(ROOT)}: `make axe` installs it with npm "
                    "(npm was missing or could not reach its registry)")
    return AXE.read_text(encoding="utf-8")


def serious_violations(page, axe_source) -> list:
    """axe-core's serious and critical violations on a page as it stands, one line each.
    The page's context must bypass the content security policy (it refuses inline scripts)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


def check_accessible(browser, server, axe_source, path, name=None):
    """Open a page at laptop and phone width and fail on any serious or critical axe-core
    violation, on a heading level skipped, or on a page without its language and main landmark."""
    for width, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        page = context.new_page()
        assert page.goto(server + path).status == 200, path
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("main").count() == 1, path
        levels = page.evaluate("() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])")
        assert levels and levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), (path, levels)
        violations = serious_violations(page, axe_source)
        assert violations == [], f"{path} at {width} width:\n" + "\n".join(violations)
        if name:
            shoot(page, f"a11y-{name}-{width}")
        context.close()


@pytest.mark.parametrize("name,path", A11Y_PAGES)
def test_pages_have_no_serious_accessibility_violations(server, browser, axe_source, name, path):
    check_accessible(browser, server, axe_source, path, name)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_skip_link_leads_past_the_filters_to_the_records_at_every_width(server, browser, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(server + "/catalogue/articles")
    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.textContent, document.activeElement.getBoundingClientRect().width]")
    assert first[0] == "Skip to main content" and first[1] > 0  # shown when focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the records"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('ol#records') !== null")
    assert focused, "the first Tab after the skip link should reach a record"
    page.close()


def test_the_chart_links_are_there_for_screen_readers(server, browser):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(server + "/catalogue/per_year")
    assert page.locator(".chart[role=img]").count() == 0
    links = page.get_by_role("link", name=re.compile(r"^\d{4} [\w-]+: \d+ records?$"))
    assert links.count() == page.locator(".chart a").count() > 0
    page.close()


def test_evidence_map_zeros_are_readable(server, browser):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(server + "/catalogue/evidence_map")
    ratio = page.evaluate("""() => {
        const rgb = s => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
        const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                           return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const cell = document.querySelector('table.map td.zero');
        let back = cell, bg = 'rgba(0, 0, 0, 0)';
        while (back && (bg = getComputedStyle(back).backgroundColor) === 'rgba(0, 0, 0, 0)') back = back.parentElement;
        const [a, b] = [lum(rgb(getComputedStyle(cell).color)), lum(rgb(back ? bg : 'rgb(255, 255, 255)'))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }""")
    assert ratio >= 4.5, f"zeros in the evidence map have a contrast of {ratio:.2f}:1 (WCAG AA needs 4.5:1)"
    page.close()


@pytest.mark.parametrize("path", ["/catalogue/evidence_map", "/catalogue/evidence_map_routes"])
def test_on_a_phone_the_map_needs_no_sideways_scrolling(server, browser, path):
    page = browser.new_page(viewport=PHONE)
    page.goto(server + path)
    widths = page.evaluate("""() => ({page: document.documentElement.scrollWidth, screen: window.innerWidth,
        map: [...document.querySelectorAll('.map-wrap, table.map')].map(e => e.scrollWidth - e.clientWidth),
        clipped: [...document.querySelectorAll('main label, main th, main td, main summary')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.textContent.trim()).slice(0, 5)})""")
    assert widths["page"] <= widths["screen"] and max(widths["map"]) <= 1, widths
    assert widths["clipped"] == [], widths
    assert page.get_by_label("Population").is_visible()
    shoot(page, "map-phone-stacked" if "routes" not in path else "routes-phone-stacked")
    page.close()


def test_copying_a_citation_leaves_the_labels_panel_open(server, browser):
    context = browser.new_context(viewport=LAPTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(server + f"/catalogue/articles/{TROCHES}")
    panel = page.locator("details", has_text="Why these labels")
    assert panel.evaluate("d => d.open")
    page.click('button[data-copy="cite-vancouver"]')
    expect(page.locator('button[data-copy="cite-vancouver"]')).to_have_text("Copied")
    assert panel.evaluate("d => d.open"), "Copy closed the 'Why these labels' panel"
    page.click("h1")  # a click anywhere else leaves it open too
    assert panel.evaluate("d => d.open")
    context.close()


def test_the_feed_opens_as_a_page_in_a_browser(server, browser):
    page = browser.new_page(viewport=LAPTOP)
    response = page.goto(server + "/catalogue/new_records.atom")
    assert response.status == 200
    expect(page.locator("h1")).to_have_text("New records (Atom feed)")
    expect(page.locator("main")).to_contain_text("copy this page's address into a feed reader")
    first = page.locator("ol.results li a").first
    assert re.fullmatch(re.escape(server) + r"/catalogue/articles/\d+", first.get_attribute("href"))
    shoot(page, "feed-laptop")
    first.click()
    expect(page.locator("article.article h1")).to_be_visible()
    page.close()


def test_a_profile_opens_from_the_evidence_map(server, browser):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(server + "/catalogue/evidence_map")
    cell = page.locator('table.map a[href*="/profile?"]').first
    count = int(cell.inner_text())
    cell.click()
    page.wait_for_load_state()
    assert "/catalogue/profile?condition=" in page.url
    assert page.locator("h1").inner_text().startswith("Ketamine for")
    design = page.url.split("#design-")[1]
    row = page.locator(f"tr#design-{design}")
    assert int(row.locator("a").inner_text()) == count  # the cell's records, one click away
    assert page.locator("ol.strongest li").count() >= 1
    shoot(page, "profile-from-map")
    page.close()

