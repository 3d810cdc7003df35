"""The README documents every command, and every command explains itself."""

from pathlib import Path

import pytest

from harvest.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_a_readme_section(name):
    assert cli.commands[name].help, f"{name} has no help text"
    assert f"### `{name}`" in README, f"README has no section for {name}"
    assert f"python -m harvest {name}" in README, f"README has no example of {name}"


@pytest.mark.parametrize("variable", ["NCBI_API_KEY", "NCBI_EMAIL", "EUTILS_BASE_URL"])
def test_configuration_is_documented(variable):
    assert f"`{variable}`" in README
