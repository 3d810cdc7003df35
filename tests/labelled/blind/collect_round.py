"""Take a read round into the blind sets. Usage, from the repository's top, once every reader is done:

    .venv/bin/python tests/labelled/blind/collect_round.py OUT_DIR

For each set, joins OUT_DIR/KIND/reads-N.yml into reads/KIND-first-M.yml and OUT_DIR/KIND/second/
reads-N.yml into reads/KIND-second-M.yml (M: the next free number of each), after checking that the
reads answer exactly the records given to their readers, and adds OUT_DIR/sets.json's entries to
sets.json. Then merge_reads.py shows how each set merges and score_round.py --record scores the round.
"""
import json
import re
import sys
from pathlib import Path

import yaml

from second_reads import numbered, rendered

HERE = Path(__file__).resolve().parent


def joined_reads(folder: Path) -> str:
    """The reads of a folder as one YAML text, refused unless they answer its records, each once."""
    paths = numbered(folder, "reads-*.yml")
    text = "".join(p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in paths)
    answered = [int(e["pmid"]) for e in yaml.safe_load(text) or []]
    given = set(rendered(folder))
    if len(answered) != len(set(answered)) or set(answered) != given:
        raise SystemExit(f"{folder}: the reads answer {len(set(answered))} records ({len(answered)} answers), "
                         f"the readers were given {len(given)}")
    return text


def next_number(reads: Path, kind: str, which: str) -> int:
    taken = [int(re.search(r"-(\d+)\.yml$", p.name).group(1)) for p in reads.glob(f"{kind}-{which}-*.yml")]
    return max(taken, default=0) + 1


def add_sets(path: Path, new: dict):
    sets = json.loads(path.read_text(encoding="utf-8"))
    for kind, entries in new.items():
        overlap = {e["pmid"] for e in sets[kind]} & {e["pmid"] for e in entries}
        if overlap:
            raise SystemExit(f"{kind}: {len(overlap)} records of the round are in the sets already")
        sets[kind] += entries
    path.write_text(sets_text(sets), encoding="utf-8")


def sets_text(sets: dict) -> str:
    """sets.json as written: one drawn record a line, its half named only where it is held out (tests/blind.py
    drawn reads every other one as tuning), so that tens of thousands of draws stay a small file."""
    def line(entry):
        kept = {key: value for key, value in entry.items() if not (key == "half" and value == "tuning")}
        return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
    kinds = [f'"{kind}":[\n' + ",\n".join(line(e) for e in entries) + "\n]" for kind, entries in sets.items()]
    return "{\n" + ",\n".join(kinds) + "\n}\n"


def main(out: Path, blind: Path = HERE):
    texts = {}
    for kind in ("classify", "extract"):
        for which, folder in (("first", out / kind), ("second", out / kind / "second")):
            if folder.exists():  # a round may read one set only, and a second read only where a first was unsure
                texts[blind / "reads" / f"{kind}-{which}-{next_number(blind / 'reads', kind, which)}.yml"] = \
                    joined_reads(folder)
    # every check has passed: nothing is left half done
    add_sets(blind / "sets.json", json.loads((out / "sets.json").read_text(encoding="utf-8")))
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(blind)}: {len(yaml.safe_load(text))} reads")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: collect_round.py OUT_DIR")
    main(Path(sys.argv[1]))
