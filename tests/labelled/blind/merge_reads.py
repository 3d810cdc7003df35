"""How the reads of a set merge (tests.blind.load: first reads, and second reads of the records a first reader was
unsure of): each field's count of sure, agreed, unsure and disputed labels, and with OUT.yml the merged labels
written out to read, one line per field. Usage: python tests/labelled/blind/merge_reads.py classify|extract [OUT.yml]

The merged labels are never kept in the repository: every score derives them from the reads.
"""
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from tests import blind  # noqa: E402


class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def dump(entries) -> str:
    """One line per field: easy to read and to diff."""
    lines = []
    for e in entries:
        lines.append(f"- pmid: {e['pmid']}")
        for k, v in e.items():
            if k == "pmid":
                continue
            text = yaml.dump(v, Dumper=Dumper, default_flow_style=True, allow_unicode=True, width=10**6)
            text = text.removesuffix("\n...\n").strip()
            lines.append(f"  {k}: {text}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    kind = sys.argv[1]
    merged = blind.load(kind)
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(dump(merged), encoding="utf-8")
    status = {}
    for e in merged:
        for f in blind.FIELDS[kind]:
            status.setdefault(f, {}).setdefault(e[f]["status"], 0)
            status[f][e[f]["status"]] += 1
    for f, s in status.items():
        print(f, s)
