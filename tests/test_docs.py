"""The README is short and leads to every guide; the guides' generated sections are fresh, every
relative link in them leads somewhere, and every command explains itself."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from cogapp import Cog

from harvest.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GUIDES = sorted((ROOT / "docs").glob("*.md"))
# What `make docs` writes: the Makefile's GENERATED_DOCS.
GENERATED = [README, ROOT / "metadata.yml", *GUIDES, ROOT / "tests/labelled/blind/README.md",
             ROOT / "datasette_catalogue/templates/pages/about.html", ROOT / "datasette_catalogue/reason_accuracy.py",
             ROOT / "datasette_catalogue/value_accuracy.py"]
COG_MARKER = "[[[" + "cog"  # spelled apart, so that cog never takes this file for one of its own


def test_the_readme_is_short_and_links_every_guide():
    text = README.read_text()
    assert len(text.splitlines()) <= 250
    for guide in GUIDES:
        assert f"](docs/{guide.name}" in text, f"README has no link to docs/{guide.name}"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_an_example_and_a_section(name):
    assert cli.commands[name].help, f"{name} has no help text"
    assert f"python -m harvest {name}" in README.read_text(), f"README has no example of {name}"
    headings = re.findall(r"^##+ (.*)$", (ROOT / "docs" / "harvesting.md").read_text(), re.MULTILINE)
    assert any(f"`{name}`" in heading for heading in headings), f"docs/harvesting.md has no section for {name}"


@pytest.mark.parametrize("variable", ["NCBI_API_KEY", "NCBI_EMAIL", "EUTILS_BASE_URL"])
def test_configuration_is_documented(variable):
    assert f"`{variable}`" in README.read_text()


def test_every_file_with_generated_sections_is_checked():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    cogged = {ROOT / name for name in tracked if (ROOT / name).is_file() and name.endswith((".md", ".yml", ".html", ".py"))
              and COG_MARKER in (ROOT / name).read_text(encoding="utf-8")}
    assert cogged <= set(GENERATED)


def test_generated_sections_are_fresh(monkeypatch):
    """`cog --check` on every file `make docs` writes: stale when the data changed and `make docs` was not run.
    Run in this process, so that it reuses the blind sets' answers the accuracy tests worked out (tests.blind)."""
    monkeypatch.chdir(ROOT)
    said, check = io.StringIO(), Cog()
    check.set_output(stdout=said, stderr=said)
    status = check.main(["cog", "--check", "-I", str(ROOT), *map(str, GENERATED)])
    assert status == 0, f"run `make docs`:\n{said.getvalue()}"


# ---------------------------------------------------------------- links


LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def anchors(path: Path) -> set:
    """The #anchors of a Markdown file's headings, as GitHub makes them."""
    found, seen = set(), {}
    for heading in re.findall(r"^#{1,6} (.+)$", FENCE.sub("", path.read_text()), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return found


def relative_links(path: Path) -> list:
    return [target for target in LINK.findall(FENCE.sub("", path.read_text()))
            if not re.match(r"[a-z]+:", target)]


@pytest.mark.parametrize("path", [README, *GUIDES], ids=lambda p: p.name)
def test_every_relative_link_resolves(path):
    links = relative_links(path)
    for target in links:
        file, _, anchor = target.partition("#")
        resolved = (path.parent / file).resolve() if file else path
        assert resolved.exists(), f"{path.name}: {target} leads nowhere"
        if anchor:
            assert resolved.suffix == ".md" and anchor in anchors(resolved), f"{path.name}: no #{anchor} in {file}"


def test_the_link_check_can_fail(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# A heading: `code`\n\n[here](#a-heading-code) [there](#nowhere) [gone](missing.md)\n"
                    "```\n# not a heading\n```\n")
    assert anchors(page) == {"a-heading-code"}
    assert relative_links(page) == ["#a-heading-code", "#nowhere", "missing.md"]
