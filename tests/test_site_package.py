"""The site is one package, datasette_catalogue, that Datasette finds by its entry point: every hook
registered, templates that extend Datasette's own, and every file a page links to served."""

import importlib
import inspect
import pkgutil
import re
import subprocess
from pathlib import Path

import datasette_catalogue
from datasette.plugins import get_plugins
from tests.test_site import ROOT, site

PACKAGE = Path(datasette_catalogue.__file__).parent


def test_datasette_finds_the_site_with_its_templates_and_files():
    found = [p for p in get_plugins() if p["templates_path"] == str(PACKAGE / "templates")]
    assert len(found) == 1 and found[0]["static_path"] == str(PACKAGE / "static")
    assert {"extra_template_vars", "register_output_renderer", "asgi_wrapper", "startup"} <= set(found[0]["hooks"])


def test_every_hook_of_the_package_is_registered():
    for info in pkgutil.iter_modules([str(PACKAGE)]):
        module = importlib.import_module(f"datasette_catalogue.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if hasattr(function, "datasette_impl") and function.__module__ == module.__name__:
                assert getattr(datasette_catalogue, name, None) is function, f"{info.name}.{name} is not registered"


def test_serving_needs_no_folders_on_the_command_line():
    flags = subprocess.run(["make", "-s", "--no-print-directory", "datasette-flags", "DB=x.db"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    assert flags == ["-i", "x.db", "--metadata", "metadata.yml"]


def test_templates_extend_datasettes_instead_of_copying_them():
    templates = {path.name: path.read_text() for path in (PACKAGE / "templates").rglob("*.html")}
    assert templates["table-catalogue-articles.html"].count('{% extends "default:table.html" %}') == 1
    for name, text in templates.items():
        assert "_filter_column" not in text, f"{name} copies Datasette's filter form"
        assert '"ris"' not in text and "In vitro" not in text, f"{name} lists labels of its own"


async def test_every_file_a_page_links_to_is_served(sample_db):
    ds = site(sample_db)
    files = set()
    for path in ["/", "/catalogue/articles", "/catalogue/articles/34092024", "/catalogue/evidence_map"]:
        html = (await ds.client.get(path)).text
        files |= set(re.findall(r'(?:href|src)="(/-/static[^"?]*)', html))
    assert {f for f in files if f.endswith(("catalogue.css", "catalogue.js"))}
    for url in files:
        assert (await ds.client.get(url)).status_code == 200, url
