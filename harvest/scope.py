"""Pure scope test for file sources: is a record about ketamine and about pain?"""

import re
from functools import lru_cache
from pathlib import Path

from harvest import read_yaml

SCOPE_PATH = Path(__file__).with_name("scope.yml")


@lru_cache(maxsize=None)
def rules() -> dict:
    """The scope rules, compiled once."""
    data = read_yaml(SCOPE_PATH)
    return {
        "version": data["version"],
        "prefilter": [p.encode("ascii") for p in data["prefilter"]],
        "ketamine": _word_start(data["ketamine"]),
        "pain": _word_start(data["pain"]),
    }


def _word_start(patterns):
    return re.compile(r"\b(?:%s)" % "|".join(patterns), re.IGNORECASE)


def prefilter_needles() -> list:
    """Bytes an in-scope record must contain; the parser skips records without them."""
    return rules()["prefilter"]


def searchable_text(record: dict) -> str:
    """Title, abstract, keywords, MeSH and chemical names of a record, as one text."""
    parts = [record.get("title"), record.get("abstract")]
    parts += [k["keyword"] for k in record.get("keywords", [])]
    parts += [m["descriptor"] for m in record.get("mesh", [])]
    parts += [c["name"] for c in record.get("chemicals", [])]
    return "\n".join(p for p in parts if p)


def in_scope(record: dict) -> bool:
    """True when the record concerns ketamine and pain."""
    text = searchable_text(record)
    compiled = rules()
    return bool(compiled["ketamine"].search(text) and compiled["pain"].search(text))
