"""Render the records a round's first readers were unsure of for second readers. Usage, from the
repository's top, once every OUT_DIR/KIND/reads-N.yml is in:

    .venv/bin/python tests/labelled/blind/second_reads.py OUT_DIR classify|extract [PER_FILE]

writes OUT_DIR/KIND/second/records-N.txt (at most PER_FILE records a file, 30 unless given),
each record as the first reader saw it, and a copy of the codebook beside them.
"""
import re
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
RECORD = re.compile(r"(?m)^(?==== PMID )")


def rendered(folder: Path) -> dict:
    """{pmid: the record's text as readers see it} of every records-N.txt in a folder."""
    found = {}
    for path in sorted(folder.glob("records-*.txt")):
        for chunk in RECORD.split(path.read_text(encoding="utf-8")):
            head = re.match(r"=== PMID (\d+) ===", chunk)
            if head:
                found[int(head.group(1))] = chunk.rstrip("\n") + "\n"
    return found


def numbered(folder: Path, pattern: str) -> list:
    """A folder's files of a pattern like reads-*.yml in the order of their numbers (2 before 10)."""
    return sorted(folder.glob(pattern), key=lambda p: int(re.search(r"(\d+)", p.name).group(1)))


def unsure(folder: Path) -> list:
    """The PMIDs the first reads of a folder marked other than sure, in reading order."""
    return [int(e["pmid"]) for path in numbered(folder, "reads-*.yml")
            for e in yaml.safe_load(path.read_text(encoding="utf-8")) if e.get("confidence") != "sure"]


def main(out: Path, kind: str, per_file: int = 30):
    folder, texts = out / kind, rendered(out / kind)
    pmids = unsure(folder)
    if not pmids:
        print(f"{folder}: every first read is sure; nothing to read again")
        return
    second = folder / "second"
    second.mkdir(exist_ok=True)
    shutil.copy(HERE / f"{kind}-codebook.md", second / "codebook.md")
    files = max(1, -(-len(pmids) // per_file))
    size = -(-len(pmids) // files)  # as even as can be
    for i in range(files):
        batch = pmids[i * size:(i + 1) * size]
        (second / f"records-{i + 1}.txt").write_text("\n".join(texts[p] for p in batch), encoding="utf-8")
        print(f"{second / f'records-{i + 1}.txt'}: {len(batch)} records")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or sys.argv[2] not in ("classify", "extract"):
        raise SystemExit("usage: second_reads.py OUT_DIR classify|extract [PER_FILE]")
    main(Path(sys.argv[1]), sys.argv[2], *(int(a) for a in sys.argv[3:]))
