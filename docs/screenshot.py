"""Save the site's home page as the README shows it (docs/site.png), in Debian's Chromium.

    .venv/bin/python docs/screenshot.py [catalogue.db]     (make screenshot)

The catalogue is served as `make serve` serves it (bench/site_bench.py starts it); Playwright
drives /usr/bin/chromium (or $CHROMIUM), as the browser test does: no browser is downloaded.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from site_bench import serve  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOT = ROOT / "docs" / "site.png"
VIEWPORT = {"width": 1200, "height": 600}


def main(db: Path):
    process, base = serve(db.resolve())
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(base + "/")
            page.screenshot(path=str(SHOT), full_page=True)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f"written {SHOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "catalogue.db"))
