"""The sections of README.md and docs/ that restate data, each written from its source by cog.

`make docs` rewrites them (cog -r); tests/test_docs.py fails when one is stale (cog --check).
Every function returns one section's Markdown. Run from the repository's root.
"""

import functools
import json
import re
import sqlite3
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- commands


def command_help(name: str) -> str:
    """`python -m harvest NAME --help`, as a fenced block."""
    from harvest.cli import cli

    result = CliRunner().invoke(cli, [name, "--help"], prog_name="python -m harvest", terminal_width=100)
    return f"```text\n{result.output.rstrip()}\n```\n"


def make_rows() -> str:
    """One table row per make target, as the Makefile describes it (`target: ...  ## what it does`)."""
    found = re.findall(r"^([\w-]+):[^\n#]*##\s*(.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    return "".join(f"| `make {target}` | {what} |\n" for target, what in found)


def harvest_rows() -> str:
    """One table row per harvest command: how to call it and what it does."""
    from harvest.cli import cli

    rows = []
    for name, command in sorted(cli.commands.items()):
        arguments = " ".join(p.human_readable_name for p in command.params if p.param_type_name == "argument")
        call = f"python -m harvest {name}" + (f" {arguments}..." if arguments else "")
        rows.append(f"| `{call}` | {command.help.splitlines()[0]} |\n")
    return "".join(rows)


def commands() -> str:
    """The README's one table of commands: the make targets, then the harvest commands."""
    return "| command | what it does |\n|---|---|\n" + make_rows() + harvest_rows()


def make_targets() -> str:
    return "| target | what it does |\n|---|---|\n" + make_rows()


# ---------------------------------------------------------------- topics


def topics() -> str:
    """Every topic of harvest/topics.yml with its query exactly as it is sent."""
    from harvest import live

    return "\n".join(f"### `{t.name}`: {t.title}\n\n{t.description}\n\n```text\n{t.query}\n```\n"
                     for t in live.load_topics())


# ---------------------------------------------------------------- vocabulary and levels


def facet_columns(*keys) -> str:
    """A table of articles columns and the labels each can hold."""
    from harvest.vocabulary import FACETS

    lines = ["| column | holds | labels |", "|---|---|---|"]
    for key in keys:
        facet = FACETS[key]
        labels = ", ".join(f"`{value}`" for value in facet.values())
        lines.append(f"| `{facet.column}` | {facet.description} | {labels} |")
    return "\n".join(lines) + "\n"


def labels(*keys) -> str:
    """Every label of these facets with its name and meaning."""
    from harvest.vocabulary import FACETS

    lines = ["| facet | label | name | meaning |", "|---|---|---|---|"]
    lines += [f"| {key} | `{label.value}` | {label.name} | {label.description} |"
              for key in keys for label in FACETS[key].labels.values()]
    return "\n".join(lines) + "\n"


def levels() -> str:
    """The evidence levels: their names, the designs on each, and the OCEBM step they stand for."""
    from harvest.classify import RULES
    from harvest.vocabulary import LEVEL

    spec = RULES.data["evidence_level"]
    lines = ["| level | name | designs | OCEBM 2011 |", "|---|---|---|---|"]
    for level, label in LEVEL.labels.items():
        designs = ", ".join(d for d, n in spec["levels"].items() if n == level)
        lines.append(f"| {level} | {label.name} | {designs} | {label.description} |")
    lines.append(f"| {spec['preclinical_level']} | | any design in {' or '.join(spec['preclinical'])} work | "
                 f"mechanism-based reasoning |")
    lines.append(f"| none | | {', '.join(spec['not_applicable'])}, other | not evidence yet, or not on the ladder |")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- accuracy


def classifier_accuracy() -> str:
    """Accuracy on the labelled set (tests/labelled/records.yml), by facet and label."""
    from tests import labelled_set

    labelled = labelled_set.load()
    return labelled_set.report(labelled, labelled_set.predictions(labelled))


def _blind(kind: str) -> tuple:
    """(labels, answers) of a blind set, worked out once a process (tests.blind): the accuracy tests that ran
    before the docs' check have them already."""
    from tests import blind

    return blind.load(kind), blind.answers(kind)


def weighed_table() -> str:
    """What the word weights (harvest/weights.py) do on the check part, which they were not fitted to."""
    from harvest import classify, weights
    from tests import blind, train_weights

    labelled, _ = _blind("classify")
    lines = [f"Rules {classify.RULES_VERSION}, check part:", "",
             "| field | rules alone | weighed | changed | became right | became wrong |", "|---|---|---|---|---|---|"]
    for field, (total, alone, weighed, changed, gained, lost) in train_weights.on_check_part(
            weights.WEIGHTS, labelled, blind.records("classify")).items():
        lines.append(f"| {field} | {alone}/{total} ({alone / total:.3f}) | {weighed}/{total} ({weighed / total:.3f}) "
                     f"| {changed} | {gained} | {lost} |")
    return "\n".join(lines) + "\n"


def conclusion_weighed_table() -> str:
    """What the conclusion's word weights (harvest/weights.py) do on the check part, which they were not fitted to."""
    from harvest import extract
    from tests import blind, train_weights

    labelled, _ = _blind("extract")
    total, alone, weighed, changed, gained, lost = train_weights.conclusions_on_check_part(
        extract.PATTERNS.conclusion_weights, labelled, blind.records("extract"))
    return "\n".join([
        f"Patterns {extract.VERSION}, check part, abstracts that label no conclusion:", "",
        "| records | patterns alone | weighed | changed | became right | became wrong |", "|---|---|---|---|---|---|",
        f"| {total} | {alone}/{total} ({alone / total:.3f}) | {weighed}/{total} ({weighed / total:.3f}) | {changed} "
        f"| {gained} | {lost} |"]) + "\n"


def blind_accuracy(kind: str, goals_only: bool = False) -> str:
    """A blind labelled set ('classify' or 'extract'): the held-out half beside the tuning half."""
    from tests import blind

    return blind.held_out_report(kind, *_blind(kind), goals_only=goals_only)


def accuracy_summary() -> str:
    """The README's table: every row with a goal, classification then extraction."""
    tables = [blind_accuracy("classify", goals_only=True), blind_accuracy("extract", goals_only=True)]
    return tables[0] + "".join(tables[1].splitlines(keepends=True)[2:])


# The about page's rows: (what a reader sees, set, row of its held-out table).
ABOUT_ROWS = (
    ("Study design", "classify", "design"),
    ("Population (human, animal, in vitro...)", "classify", "population"),
    ("About ketamine and pain (what the catalogue keeps)", "classify", "scope (about ketamine and pain)"),
    ("Routes of ketamine, all of them right", "classify", "routes exactly right (ketamine records)"),
    ("Conditions, all of them right", "classify", "conditions exactly right (ketamine records)"),
    ("Participants: the number, where the abstract states one", "extract", "sample size exact (records that state one)"),
    ("Participants: numbers shown that are right", "extract", "sample sizes given that are wrong"),
    ("Studies a review included", "extract", "studies included exact (reviews that state it)"),
    ("Trial registrations named in the text (of those shown, right)", "extract", "registry ids in text: precision"),
    ("Randomised", "extract", "randomised agrees"),
    ("Blinding", "extract", "blinding agrees"),
    ("Placebo-controlled", "extract", "placebo controlled agrees"),
    ("Comparators, all of them right", "extract", "comparators agree"),
    ("Longest follow-up", "extract", "follow up days agree"),
    ("Conclusion", "extract", "conclusion agrees"),
)


# Rows whose held-out table counts the wrong answers: the about page gives the right ones.
COUNTS_WRONG = {"sample sizes given that are wrong"}


def about_accuracy() -> str:
    """The about page's table: how often each label and each value agrees with blind readers, on the
    held-out half (records never used to write the rules) and on the later rounds (each scored with the
    rules of its draw, before they saw it), as HTML rows."""
    from harvest import classify, extract
    from tests import blind

    counted, kept = {}, blind.rounds()
    for kind in ("classify", "extract"):
        labelled, predicted = _blind(kind)
        counted[kind] = blind.scores_of(kind).counts(blind.half(labelled, "heldout"), predicted)
    lines = []
    for name, kind, row in ABOUT_ROWS:
        cells = []
        for hits, total in (counted[kind][row], blind.rounds_total(kept[kind], row)):
            if row in COUNTS_WRONG:
                hits = total - hits
            low, high = blind.wilson(hits, total)
            cells.append(f"<td>{hits / total:.0%}</td><td>{hits:,} of {total:,}</td><td>{low:.0%}–{high:.0%}</td>"
                         if total else "<td>—</td><td>none</td><td></td>")
        lines.append(f"    <tr><th scope=\"row\">{name}</th>{''.join(cells)}</tr>")
    lines.append(f"  </tbody></table></div>\n  <p class=\"muted\">Held-out half measured with classification rules "
                 f"{classify.RULES_VERSION} and extraction patterns {extract.VERSION}; "
                 f"{_rounds_span(kept['classify'])}.</p>")
    return "\n".join(lines) + "\n"


def _rounds_span(kept: list) -> str:
    """Which later rounds (of one set) the figures add up, and with which rules they were scored."""
    rules = sorted({r["rules"] for r in kept})
    return (f"later rounds {kept[0]['round']} to {kept[-1]['round']}, each scored with the rules of its draw "
            f"({rules[0]} to {rules[-1]})")


def rounds_together(kind: str) -> str:
    """docs/: every row of a set over the later rounds together, as scored at their draws (rounds.json)."""
    from tests import blind

    kept = blind.rounds()[kind]
    rows = dict.fromkeys(row for r in kept for row in r["rows"])
    span = f"rounds {kept[0]['round']} to {kept[-1]['round']}"
    lines = [f"| row | {span} together (95% CI; count) | goal |", "|---|---|---|"]
    for row in rows:
        hits, total = blind.rounds_total(kept, row)
        if total:
            lines.append(f"| {row} | {blind.share(hits, total)} | {blind.goal_text(kind, row)} |")
    return "\n".join(lines) + "\n"


# The rows the blind sets' README gives for each round, by set.
ROUND_ROWS = {"classify": ("design", "population", "scope (about ketamine and pain)"),
              "extract": ("sample size exact (records that state one)", "sample sizes given that are wrong",
                          "design signals agree", "conclusion agrees")}


def rounds_table() -> str:
    """tests/labelled/blind/README.md: each kept round as scored at its draw, both sets on one line."""
    from tests import blind

    kept = {kind: {r["round"]: r for r in rounds} for kind, rounds in blind.rounds().items()}
    heads = [row.split(" (")[0] for kind in ROUND_ROWS for row in ROUND_ROWS[kind]]
    lines = ["| round | scored at | rules | patterns | " + " | ".join(heads) + " |",
             "|---|---|---|---|" + "---|" * len(heads)]
    for number, first in sorted(kept["classify"].items()):
        cells = []
        for kind, rows in ROUND_ROWS.items():
            counts = kept[kind].get(number, {"rows": {}})["rows"]
            cells += [f"{counts[row][0]}/{counts[row][1]}" if counts.get(row, [0, 0])[1] else "—" for row in rows]
        lines.append(f"| {number} | {first['scored_at']} | {first['rules']} | {first['patterns']} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# The labels whose reasons the article page gives figures for (the word a reason opens with: the blind set's
# field, and whether it holds one label or a set of them), and how many records a kind of reason must have
# been given for among the blind labels before its figure says anything.
REASONED_LABELS = {"design": ("design", False), "population": ("population", False),
                   "condition": ("conditions", True), "route": ("routes", True)}
REASON_FIGURES_FROM = 20


def reason_accuracy() -> str:
    """datasette_catalogue/reason_accuracy.py's figures: for each kind of reason the classifier gives a label for
    (harvest.classify.reason_kind), how many records of the blind set's tuning half it gave one for, and for how
    many of those the blind readers gave the same label (among theirs, for conditions and routes)."""
    from harvest import classify, weights
    from tests import blind
    from tests.tune_classify import split

    labelled, predicted = _blind("classify")  # the answers hold each record's reasons
    # the word weights learnt from the development part: their reasons are counted on the check part only
    fitted_to = {e["pmid"] for e in split(blind.half(labelled, "tuning"))[0]}
    counted = {}
    for entry in blind.half(labelled, "tuning"):
        for reason in predicted[entry["pmid"]]["reasons"]:
            opening, _, rest = reason.partition(": ")
            if opening not in REASONED_LABELS or (weights.REASON in reason and entry["pmid"] in fitted_to):
                continue
            field, several = REASONED_LABELS[opening]
            if entry[field]["status"] not in blind.TRUSTED:
                continue
            given = rest.split(" — ", 1)[0]
            answers = entry[field]["accept"]
            same = any(given in answer for answer in answers) if several else given in answers
            kind = classify.reason_kind(reason)
            agreed, read = counted.get(kind, (0, 0))
            counted[kind] = (agreed + same, read + 1)
    lines = [f"RULES_VERSION = {classify.RULES_VERSION!r}", "AGREED = {"]
    for kind, (agreed, read) in sorted(counted.items()):
        if read >= REASON_FIGURES_FROM:
            lines.append(f"    {kind!r}: ({agreed}, {read}),")
    return "\n".join(lines) + "\n}\n"


@functools.cache
def _value_agreement() -> dict:
    """{kind: (agreed, given)}: for each kind of value the extractor gives (harvest.extract.value_kind), how many
    records of the blind set's tuning half it gave one for, and for how many of those the blind readers' answer was
    the same (all of it, for comparators and registrations); kinds given for fewer than REASON_FIGURES_FROM records
    are left out."""
    from harvest import extract
    from tests import blind, extraction_scores as scores
    from tests.tune_classify import split

    labelled, predicted = _blind("extract")  # the answers hold the kind of each value
    # the conclusion's word weights learnt from the development part: the sentences they may have chosen are
    # counted on the check part only
    fitted_to = {e["pmid"] for e in split(blind.half(labelled, "tuning"))[0]}
    counted = {}
    for entry in blind.half(labelled, "tuning"):
        got = predicted[entry["pmid"]]
        for field, kind in got["kinds"].items():
            if entry[field]["status"] not in blind.TRUSTED or (
                    kind == extract.CHOSEN_CONCLUSION and entry["pmid"] in fitted_to):
                continue
            if field == "registrations":
                same = scores.same_registrations(entry[field], got[field])
            else:
                same = blind.accepted(entry[field], got[field], scores.COMPARE.get(field))
            agreed, given = counted.get(kind, (0, 0))
            counted[kind] = (agreed + same, given + 1)
    return {kind: counts for kind, counts in sorted(counted.items()) if counts[1] >= REASON_FIGURES_FROM}


def value_accuracy() -> str:
    """datasette_catalogue/value_accuracy.py's figures (_value_agreement)."""
    from harvest import extract

    lines = [f"PATTERNS_VERSION = {extract.VERSION!r}", "AGREED = {"]
    lines += [f"    {kind!r}: ({agreed}, {given})," for kind, (agreed, given) in _value_agreement().items()]
    return "\n".join(lines) + "\n}\n"


def value_accuracy_table() -> str:
    """docs/extraction.md's table of the same figures, surest first."""
    from tests import blind

    lines = ["| kind of value | blind readers agreed (95% CI; count) |", "|---|---|"]
    for kind, (agreed, given) in sorted(_value_agreement().items(), key=lambda kv: -kv[1][0] / kv[1][1]):
        lines.append(f"| {kind} | {blind.share(agreed, given)} |")
    return "\n".join(lines) + "\n"


def blind_sets() -> str:
    """The blind labelled sets (tests/labelled/blind/README.md): what each labels and how many records it holds."""
    rows = [("classify", "design, population, conditions, routes, about ketamine, about pain"),
            ("extract", "participants, studies included, registrations, design signals, comparators, follow-up, "
                        "ketamine doses, conclusion")]
    from tests import blind

    lines = ["| set | what is labelled | records | codebook |", "|---|---|---|---|"]
    for kind, what in rows:
        count = len(blind.drawn(kind))
        lines.append(f"| `{kind}` (`reads/{kind}-*.yml`) | {what} | {count} | [{kind}-codebook.md]({kind}-codebook.md) |")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- schema


def fresh_catalogue() -> sqlite3.Connection:
    """A new, empty catalogue with every table the commands create, in memory."""
    import sqlite_utils

    from harvest import load, schema

    folder = tempfile.TemporaryDirectory()
    db = load.open_db(Path(folder.name) / "catalogue.db")
    schema.ensure_live_tables(db)
    load.ensure_search(db)
    conn = sqlite3.connect(":memory:")
    db.conn.backup(conn)
    db.close()
    folder.cleanup()
    return sqlite_utils.Database(conn)


def schema_tables() -> str:
    """Every table of a fresh catalogue: what a row is, its key and its columns."""
    from harvest.schema import TABLES

    db = fresh_catalogue()
    sections = []
    for name in sorted(db.table_names(), key=lambda n: (n.startswith("articles_fts"), n)):
        if name.startswith("articles_fts_"):
            continue  # FTS5's own shadow tables
        table = db[name]
        key = ", ".join(table.pks) if table.pks != ["rowid"] else "rowid"
        columns = ("the columns below" if name == "articles" else
                   ", ".join(f"`{c.name}` {c.type.lower() or 'any'}" for c in table.columns))
        links = "; ".join(f"`{fk.column}` → `{fk.other_table}`" for fk in table.foreign_keys)
        sections.append(f"| `{name}` | {TABLES[name]} | {key} | {columns}{f' (links: {links})' if links else ''} |")
    return "| table | one row per | key | columns |\n|---|---|---|---|\n" + "\n".join(sections) + "\n"


def article_columns(*names) -> str:
    """What columns of articles hold (every one, without names), as metadata.yml tells the site's readers."""
    columns = yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["catalogue"]["tables"]["articles"]
    rows = [f"| `{name}` | {text} |" for name, text in columns["columns"].items() if not names or name in names]
    return "| column | what it holds |\n|---|---|\n" + "\n".join(rows) + "\n"


# ---------------------------------------------------------------- benchmarks


def benchmark() -> str:
    """The latest results kept in bench/results.json, as bench/report.py prints them."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import report

    return report.markdown(json.loads((ROOT / "bench" / "results.json").read_text()), heading_level=3) + "\n"

