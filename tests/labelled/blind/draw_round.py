"""Draw a tuning-only round of blind labels from records in no set yet, and render them as the
readers see them (README.md). Usage, from the repository's top:

    .venv/bin/python tests/labelled/blind/draw_round.py ROUND SEED OUT_DIR

writes OUT_DIR/{classify,extract}/records-N.txt (50 records a file, for readers) and
OUT_DIR/sets.json (the entries to add to sets.json once the reads are in). Round 4 was
drawn with seed 20261202 from sets.json as it stood before the round.
"""
import json, random, re, sys
from collections import defaultdict
from pathlib import Path
ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from harvest import parse, read

SETS = json.load(open(ROOT / "tests/labelled/blind/sets.json"))
SAMPLE = [ROOT / "data/sample/pubmed20n0014.xml.gz", ROOT / "data/sample/pubmed21n1298.xml.gz"]
GROUPS = ["meta-analysis", "systematic review", "randomized controlled trial", "clinical trial", "observational study",
          "guideline", "case reports", "review", "editorial", "comment", "letter"]
OBS_MESH = {"Cohort Studies", "Retrospective Studies", "Prospective Studies", "Cross-Sectional Studies",
            "Case-Control Studies", "Longitudinal Studies", "Follow-Up Studies"}


def records():
    out = {}
    for era, path in zip(("1970s", "2020s"), SAMPLE):
        with read.open_input(path) as stream:
            for block in read.iter_blocks(stream):
                for a, b in read.record_spans(block):
                    if b == -1 or block.startswith(read.DELETE, a):
                        continue
                    try:
                        r = parse.parse_record(block[a:b])
                    except Exception:
                        continue
                    if r.get("record_type") != "article":
                        continue
                    r["era"] = era
                    out[r["pmid"]] = r  # later versions win
    return out


def group(r):
    types = {t["name"].lower() for t in r["publication_types"]}
    return next((g for g in GROUPS if g in types), "journal article")


def render(r) -> str:
    lines = [f"=== PMID {r['pmid']} ===", f"Title: {r['title']}", f"Journal: {r['journal']} ({r['pub_year']})",
             "Publication types: " + "; ".join(t["name"] for t in r["publication_types"])]
    if r["mesh"]:
        lines.append("MeSH: " + "; ".join(m["descriptor"] + ("*" if m["major_topic"] else "")
                                          + "".join(f"/{q['name']}" for q in m["qualifiers"]) for m in r["mesh"]))
    if r["keywords"]:
        lines.append("Keywords: " + "; ".join(k["keyword"] for k in r["keywords"]))
    if r["chemicals"]:
        lines.append("Chemicals: " + "; ".join(c["name"] for c in r["chemicals"]))
    if r["databanks"]:
        lines.append("Databank accession numbers: " + json.dumps(r["databanks"]))
    if r["comments_corrections"]:
        lines.append("Linked notices: " + "; ".join(f"{c.get('ref_type')} {c.get('ref_source') or ''} PMID {c.get('pmid')}"
                                                    for c in r["comments_corrections"]))
    if r["abstract_sections"]:
        lines.append("Abstract:")
        for s in r["abstract_sections"]:
            lines.append((f"{s['label']}: " if s.get("label") else "") + (s["text"] or ""))
    else:
        lines.append("Abstract: (none)")
    return "\n".join(lines) + "\n"


def main(round_number: int, seed: int, out: Path):
    recs = records()
    rng = random.Random(seed)
    taken_c = {e["pmid"] for e in SETS["classify"]}
    taken_e = {e["pmid"] for e in SETS["extract"]}
    # classify: stratified by era, abstract or not, publication-type group; 2 per stratum then random fill
    strata = defaultdict(list)
    for p, r in recs.items():
        if p not in taken_c:
            strata[(r["era"], bool(r["abstract"]), group(r))].append(p)
    pick_c = []
    for key in sorted(strata):
        pool = sorted(strata[key]); rng.shuffle(pool)
        pick_c += [(p, key) for p in pool[:2]]
    rest = [(p, key) for key in sorted(strata) for p in sorted(strata[key]) if (p, key) not in set(pick_c)]
    rng.shuffle(rest)
    pick_c += rest[:max(0, 150 - len(pick_c))]
    # extract: clinical abstracts by kind, not in the extract set nor in this round's classify draw
    kinds = defaultdict(list)
    chosen_c = {p for p, _ in pick_c}
    for p, r in recs.items():
        if p in taken_e or p in chosen_c or not r["abstract"]:
            continue
        types = {t["name"].lower() for t in r["publication_types"]}
        mesh = {m["descriptor"] for m in r["mesh"]}
        text = (r["title"] or "") + " " + r["abstract"]
        if r["databanks"] or re.search(r"NCT\d{8}|ISRCTN|ACTRN|ChiCTR|CTRI/|DRKS|IRCT|UMIN|EudraCT|PROSPERO|CRD42", text):
            kinds["registered"].append(p)
        elif types & {"randomized controlled trial", "clinical trial", "controlled clinical trial"} or re.search(r"\brandomi[sz]ed\b", text, re.I):
            kinds["trial"].append(p)
        elif types & {"systematic review", "meta-analysis"} or re.search(r"systematic review|meta-analy", text, re.I):
            kinds["review"].append(p)
        elif "case reports" in types:
            kinds["case"].append(p)
        elif mesh & OBS_MESH or "observational study" in types:
            kinds["observational"].append(p)
        elif "Humans" in mesh or r["era"] == "2020s":
            kinds["clinical"].append(p)
    # every unread registered study, trial, review, case report and observational study has been drawn (since
    # round 197): only other clinical abstracts are left, so they fill 50 places, one reader's batch
    quota = {"registered": 15, "trial": 35, "review": 20, "case": 10, "observational": 25, "clinical": 50}
    pick_e = []
    for kind, n in quota.items():
        pool = sorted(kinds[kind]); rng.shuffle(pool)
        pick_e += [(p, kind) for p in pool[:n]]
        print(kind, len(kinds[kind]), "->", min(n, len(kinds[kind])))
    (out / "classify").mkdir(parents=True, exist_ok=True); (out / "extract").mkdir(exist_ok=True)
    rng.shuffle(pick_c); rng.shuffle(pick_e)
    for name, picks in (("classify", pick_c), ("extract", pick_e)):
        for i in range(0, len(picks), 50):
            batch = picks[i:i + 50]
            (out / name / f"records-{i // 50 + 1}.txt").write_text("\n".join(render(recs[p]) for p, _ in batch), encoding="utf-8")
    json.dump({"classify": [{"pmid": p, "stratum": f"tuning-only-{round_number}:" + "/".join(map(str, k)), "half": "tuning"} for p, k in sorted(pick_c)],
               "extract": [{"pmid": p, "stratum": f"tuning-only-{round_number}:" + k, "half": "tuning"} for p, k in sorted(pick_e)]},
              open(out / "sets.json", "w"), indent=1)
    print(len(pick_c), len(pick_e))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
