"""The catalogue's vocabularies (vocabulary.yml): the labels of every facet, their names and meanings.

One source for the classifier and the extractor (which refuse rules that give a label not
listed: check_rules, require), metadata.yml (column_description, through cog), the site
(its facets, maps, level names and /about) and docs/. Pure: reads its file once, on import.
"""

from dataclasses import dataclass
from pathlib import Path

from harvest import read_yaml

VOCABULARY_PATH = Path(__file__).with_name("vocabulary.yml")


class VocabularyError(ValueError):
    """Rules or patterns name a label the vocabulary does not have."""


@dataclass(frozen=True)
class Label:
    value: str | int
    name: str  # as a reader sees it
    description: str = ""
    kind: str | None = None  # designs: synthesis or primary (vocabulary.yml says which)
    start: int | None = None  # sample-size bands: the smallest sample size in the band


@dataclass(frozen=True)
class Facet:
    key: str
    description: str
    labels: dict  # value -> Label, in the order the site shows them
    column: str | None = None  # the articles column it fills
    many: bool = False  # the column holds a JSON array of labels

    def values(self) -> list:
        return list(self.labels)

    def names(self) -> dict:
        """{value: name as a reader sees it}."""
        return {value: label.name for value, label in self.labels.items()}

    def of_kind(self, kind: str) -> tuple:
        """The values of one kind, in order: the designs that synthesise studies, say."""
        return tuple(value for value, label in self.labels.items() if label.kind == kind)


def load(path=VOCABULARY_PATH) -> dict:
    """{facet key: Facet} from a vocabulary file."""
    facets = {}
    for key, spec in read_yaml(path).items():
        labels = {value: Label(value, str(label["name"]), label.get("description", ""), label.get("kind"),
                               label.get("from")) for value, label in spec["labels"].items()}
        facets[key] = Facet(key, " ".join(spec["description"].split()), labels, spec.get("column"),
                            bool(spec.get("many")))
    return facets


FACETS = load()
DESIGN, LEVEL, POPULATION = FACETS["design"], FACETS["evidence_level"], FACETS["population"]
# The designs of syntheses (systematic reviews, meta-analyses) and of primary studies.
SYNTHESES, PRIMARY_STUDIES = DESIGN.of_kind("synthesis"), DESIGN.of_kind("primary")


def column_description(facet: Facet) -> str:
    """What an articles column holds, with every value it can take: for metadata.yml."""
    # a numbered value says what it means: "1 (randomised), 0 (not randomised)"
    values = ", ".join(f"{value} ({label.name})" if isinstance(value, int) else str(value)
                       for value, label in facet.labels.items())
    return f"{facet.description}. {'Labels' if facet.many else 'One of'}: {values}."


def require(facet: str, values, where: str):
    """Refuse labels of a facet that the vocabulary does not have."""
    unknown = sorted(set(map(str, values)) - set(map(str, FACETS[facet].values())))
    if unknown:
        raise VocabularyError(f"{where} gives {facet} labels not in harvest/vocabulary.yml: {', '.join(unknown)}")


# ---------------------------------------------------------------- the classifier's rules


def check_rules(data: dict):
    """Refuse classification rules (rules.yml's data) that give or name a label the vocabulary
    lacks. Rule groups may give a label under another name (as:); design groups that are cues
    for other decisions, or weak groups reported as another design, are not labels themselves."""
    design = data["design"]
    reported = lambda names: [design["reported_as"].get(n, n) for n in names if n not in design["cues"]]
    given = lambda facet: [(spec or {}).get("as", key) for key, spec in data[facet]["labels"].items()]
    require("design", reported(given("design")) + reported(design["overrides"] + design["order"])
            + [design["fallback"]] + list(design["frames"]), "rules.yml design")
    for frame in design["frames"].values():
        require("design", [n for names in frame.values() for n in names], "rules.yml design frames")
    require("design", reported(design["clinical"] + data["population"]["clinical_designs"]), "rules.yml clinical designs")
    for facet in ("conditions", "routes", "harms", "corrections", "ketamine_form", "reviewed"):
        require(facet, given(facet), f"rules.yml {facet}")
    form = data["ketamine_form"]
    require("ketamine_form", form["order"] + [form["fallback"]], "rules.yml ketamine_form")
    level = data["evidence_level"]
    require("design", list(level["levels"]) + level["not_applicable"] + level["reviewing"], "rules.yml evidence_level")
    require("evidence_level", list(level["levels"].values()) + list(level["reviews"].values())
            + [level["preclinical_level"]], "rules.yml evidence_level")
    require("reviewed", level["reviews"], "rules.yml evidence_level reviews")
    require("population", level["preclinical"], "rules.yml evidence_level preclinical")


def metadata_columns(*keys, indent=10) -> str:
    """metadata.yml's lines describing these facets' articles columns (cog writes them there)."""
    import json

    return "".join(f"{' ' * indent}{FACETS[key].column}: "
                   f"{json.dumps(column_description(FACETS[key]), ensure_ascii=False)}\n" for key in keys)
