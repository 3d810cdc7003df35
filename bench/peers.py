"""The tools the catalogue is compared with, run from the scratch environment (bench/.venv).

    python bench/peers.py pipeline --db DB FILE... what a user would write instead of the catalogue:
                                                  pubmed_parser's records into SQLite with sqlite-utils,
                                                  then full-text search over their texts
    python bench/peers.py pubmed_parser FILE...   parse every record with pubmed_parser 0.5.1, nothing more
    python bench/peers.py lxml_walk FILE...       walk every record with lxml, extracting nothing
"""

import gzip
import sys


# The texts the pipeline's search reads: pubmed_parser's names for title, abstract, MeSH, keywords, authors.
SEARCHED = ["title", "abstract", "mesh_terms", "keywords", "authors"]


def pipeline(paths) -> int:
    """parse_medline_xml -> insert_all -> enable_fts, as the ten lines a user would write."""
    import pubmed_parser
    import sqlite_utils

    db = sqlite_utils.Database(paths[0])
    records = [pubmed_parser.parse_medline_xml(path) for path in paths[1:]]
    # A PMID in both files: the later record replaces the earlier one, as an update should.
    db["articles"].insert_all((r for file in records for r in file), pk="pmid", alter=True, replace=True)
    db["articles"].enable_fts(SEARCHED, create_triggers=True)
    return db["articles"].count


def pubmed_parser_parse(paths) -> int:
    import pubmed_parser

    return sum(sum(1 for _ in pubmed_parser.parse_medline_xml(path)) for path in paths)


def lxml_walk(paths) -> int:
    from lxml import etree

    count = 0
    for path in paths:
        with gzip.open(path) as stream:
            for _, element in etree.iterparse(stream, tag="PubmedArticle"):
                count += 1
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    return count


if __name__ == "__main__":
    side, paths = sys.argv[1], [a for a in sys.argv[2:] if a != "--db"]
    count = {"pipeline": pipeline, "pubmed_parser": pubmed_parser_parse, "lxml_walk": lxml_walk}[side](paths)
    print(f"{side}: {count} records", file=sys.stderr)
