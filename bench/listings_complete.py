"""Does every export and page walk of a served catalogue list each record of its set once?

    python bench/listings_complete.py --url http://127.0.0.1:8001 --db catalogue.db

For each filter and each order (the ones the articles page offers, and some column sorts
of its grid), it downloads the whole export in every format (RIS, BibTeX, MEDLINE,
CSL-JSON), the streamed CSV and every page of the JSON, reads the PMIDs back with each
format's own parser, and compares their count and distinct count with `select count(*)`
of the same filter on the database file. One Markdown row per listing; exits 1 on any
mismatch. Not part of `make test`: on the 50,783-record sample one export takes seconds.
"""

import argparse
import csv
import io
import json
import sqlite3
import sys
import time
import urllib.parse
import urllib.request

FILTERS = [  # (query string, where clause over articles)
    ("", ""),
    ("population=human", "where population = 'human'"),
    ('_join_conditions=chronic-pain&_join_conditions=acute-postoperative-pain&design__in=["rct","clinical-trial"]',
     "where design in ('rct', 'clinical-trial') and pmid in (select pmid from article_conditions "
     "where condition in ('chronic-pain', 'acute-postoperative-pain'))"),
]
OFFERED = ["", "_sort_desc=entrez_date", "_sort=evidence_rank"]
GRID = ["_sort=evidence_level", "_sort=title", "_sort_desc=pub_year", "_sort=journal", "_sort=design"]
FORMATS = ["ris", "bib", "nbib", "csljson"]


def fetch(url) -> tuple:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=600) as response:
        return response.read().decode("utf-8"), time.monotonic() - started


def exported(fmt, text) -> list:
    """PMIDs of the records in an export, read back with each format's own parser."""
    import bibtexparser
    import rispy
    from Bio import Medline

    if fmt == "ris":
        return [int(e["accession_number"]) for e in rispy.loads(text)]
    if fmt == "bib":
        return [int(e.fields_dict["pmid"].value) for e in bibtexparser.parse_string(text).entries]
    if fmt == "nbib":
        return [int(r["PMID"]) for r in Medline.parse(io.StringIO(text))]
    return [int(item["PMID"]) for item in json.loads(text)]


def walked(base, query) -> tuple:
    """PMIDs of every page of the JSON, following next_url, and the seconds it took."""
    url, pmids, seconds = f"{base}/catalogue/articles.json?_shape=objects&_col=pmid&_size=max&_nofacet=1&{query}", [], 0
    while url:
        text, took = fetch(url)
        seconds += took
        body = json.loads(text)
        pmids += [row["pmid"] for row in body["rows"]]
        url = body.get("next_url")
    return pmids, seconds


def streamed(base, query) -> tuple:
    text, seconds = fetch(f"{base}/catalogue/articles.csv?_stream=on&_size=max&_nofacet=1&{query}")
    return [int(row["pmid"]) for row in csv.DictReader(io.StringIO(text))], seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True, help="the served file, to count each filter directly")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    conn = sqlite3.connect(f"file:{args.db}?immutable=1", uri=True)
    columns = {row[1] for row in conn.execute("pragma table_xinfo(articles)")}
    sorts = [s for s in OFFERED + GRID if not s or s.split("=")[1] in columns]
    print("| filter | order | listing | rows | distinct | `count(*)` | seconds | |")
    print("|---|---|---|---:|---:|---:|---:|---|")
    failed = 0
    for query, where in FILTERS:
        expected = conn.execute(f"select count(*) from articles {where}").fetchone()[0]
        for sort in sorts:
            both = "&".join(p for p in (query, urllib.parse.quote(sort, safe="=_")) if p)
            listings = [("JSON pages", lambda: walked(args.url, both)), ("CSV stream", lambda: streamed(args.url, both))]
            if sort in OFFERED:
                listings += [(fmt, lambda fmt=fmt: (lambda text, s: (exported(fmt, text), s))(
                    *fetch(f"{args.url}/catalogue/articles.{fmt}?{both}"))) for fmt in args.formats.split(",")]
            for name, listing in listings:
                pmids, seconds = listing()
                ok = len(pmids) == len(set(pmids)) == expected
                failed += not ok
                print(f"| {query or 'none'} | {sort or 'default (pub_date desc)'} | {name} | {len(pmids):,} | "
                      f"{len(set(pmids)):,} | {expected:,} | {seconds:.1f} | {'ok' if ok else 'MISMATCH'} |",
                      flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
