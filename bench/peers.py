"""The tools the catalogue is compared with, run from the scratch environment (bench/.venv).

    python bench/peers.py pubmed_parser FILE...   parse every record with pubmed_parser 0.5.1
    python bench/peers.py lxml_walk FILE...       walk every record with lxml, extracting nothing
"""

import gzip
import sys


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
    side, paths = sys.argv[1], sys.argv[2:]
    count = {"pubmed_parser": pubmed_parser_parse, "lxml_walk": lxml_walk}[side](paths)
    print(f"{side}: {count} records", file=sys.stderr)
