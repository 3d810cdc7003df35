"""CPU per record of each stage of an --all ingest, in one process (docs/benchmarks.md: What the numbers say).

    python bench/stages.py [--records N]

Reads the first N records of each sample file and times every stage on its own
(process time, best of three), so a busy machine inflates the figures less than wall time.
"""

import argparse
import gc
import itertools
import pickle
import tempfile
import time
from pathlib import Path

from harvest import classify, extract, load, parse, read, schema, weights

ROOT = Path(__file__).resolve().parent.parent
RECORDS = 50788
SAMPLE = [ROOT / "data/sample/pubmed20n0014.xml.gz", ROOT / "data/sample/pubmed21n1298.xml.gz"]


def best_of(runs, work) -> float:
    """Least process time of several runs of work()."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def record_bytes(path, count) -> list:
    """The bytes of the first count article records of a file."""
    with read.open_input(path) as stream:
        chunks = (block[a:b] for block in read.iter_blocks(stream) for a, b in read.record_spans(block)
                  if b != -1 and not block.startswith(read.DELETE, a))
        return list(itertools.islice(chunks, count))


def inflate_and_cut():
    """Inflate both sample files whole and find every record in them."""
    for path in SAMPLE:
        with read.open_input(path) as stream:
            for block in read.iter_blocks(stream):
                sum(1 for _ in read.record_spans(block))


def save(prepared):
    """Write prepared records into a fresh catalogue as an ingest does: rows, then indexes and search."""
    with tempfile.TemporaryDirectory() as folder:
        db = load.open_db(Path(folder) / "stages.db")
        with load.bulk_build(db):
            for start in range(0, len(prepared), 1000):
                load.save_records(db, prepared[start:start + 1000], run_id=1)
        db.close()


def sqlite_own_work(prepared) -> dict:
    """Process time of SQLite's own work for the catalogue's rows, given as ready tuples.

    No Python builds a row here: executemany of finished tuples, then the indexes,
    the full-text index and the integrity check, each timed alone. This is what any
    build of the same catalogue pays in its one writing process.
    """
    prepared = list({p.pmid: p for p in prepared}.values())  # one row per PMID, as a build keeps
    columns = list(schema.ARTICLE_COLUMNS)
    articles = [tuple({**p.article, "first_seen_run": 1, "last_changed_run": 1}.get(c) for c in columns)
                for p in prepared]
    raw = [(p.pmid, p.pmid_version, p.raw_format, p.raw, p.source, 1) for p in prepared]
    children = {t: [row for p in prepared for row in p.children.get(t, ())] for t in schema.CHILD_TABLES}
    costs = {}

    def timed(name, work):
        start = time.process_time()
        work()
        costs[name] = costs.get(name, 0) + time.process_time() - start

    with tempfile.TemporaryDirectory() as folder:
        db = load.open_db(Path(folder) / "own.db")
        db.execute("pragma synchronous = off")
        schema.drop_indexes(db)
        with db.conn:
            timed("articles rows", lambda: load._insert_tuples(db, "articles", columns, articles))
            timed("raw records rows", lambda: load._insert_tuples(db, "raw_records", load.RAW_COLUMNS, raw))
            for table, rows in children.items():
                timed("child rows", lambda: load._insert_tuples(db, table, schema.CHILD_COLUMNS[table], rows))
        timed("indexes", lambda: schema.ensure_indexes(db))
        timed("full-text index", lambda: db["articles"].enable_fts(
            schema.SEARCH_COLUMNS, fts_version="FTS5", tokenize="porter", create_triggers=True))
        timed("integrity check", lambda: db.execute("pragma integrity_check").fetchall())
        db.close()
    return {name: seconds / len(prepared) for name, seconds in costs.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=3000, help="records read from each sample file")
    args = parser.parse_args()
    chunks = [c for path in SAMPLE for c in record_bytes(path, args.records)]
    records = [parse.parse_record(c) for c in chunks]
    prepared = [load.prepare(r) for r in records]
    labels = [classify.assess(r) for r in records]
    views = [classify.View(r) for r in records]
    ruled = [classify.as_weighed(classify.read_by_rules(v)[1]) for v in views]
    chosen = [c for c in (extract.sentences_to_weigh(extract.Reading(r, c)) for r, c in zip(records, labels)) if c]
    stages = {
        "lxml parse (reference lists cut out first)": lambda: [parse.parse_element(parse.without_references(c))
                                                              for c in chunks],
        "lxml parse and record dict (parse.parse_record)": lambda: [parse.parse_record(c) for c in chunks],
        "classifier (classify.classify)": lambda: [classify.classify(r) for r in records],
        "  of it, the word weights (weights.weigh; words_counted without MeSH)": lambda: [
            weights.weigh(r, s, counted=classify.words_counted(v, r))
            for r, s, v in zip(records, ruled, views)],
        "extraction (extract.extract)": lambda: [extract.extract(r, c) for r, c in zip(records, labels)],
        "  of it, the conclusion's word weights (weights.conclusion_at)": lambda: [
            weights.conclusion_at(texts, candidates, at, extract.PATTERNS.conclusion_weights)
            for texts, candidates, at in chosen],
        "search terms (load.search_terms)": lambda: [load.search_terms(r, c) for r, c in zip(records, labels)],
        "rows, classifier and extraction included (load.prepare)": lambda: [load.prepare(r) for r in records],
        "pickling rows there and back": lambda: pickle.loads(pickle.dumps(prepared)),
        "SQLite: rows, then indexes and full-text search": lambda: save(prepared),
    }
    gc.disable()  # as in an ingest (harvest.files)
    print(f"inflate and cut into records: {best_of(1, inflate_and_cut) / RECORDS * 1000:.3f} ms per record "
          f"({RECORDS} records)")
    print(f"{len(chunks)} records, CPU per record (best of 3):")
    for name, work in stages.items():
        print(f"  {name:56} {best_of(3, work) / len(chunks) * 1000:6.3f} ms")
    own = sqlite_own_work(prepared)
    print(f"SQLite's own work, rows given as ready tuples, per record (and for {RECORDS} records):")
    for name, seconds in {**own, "total": sum(own.values())}.items():
        print(f"  {name:56} {seconds * 1000:6.3f} ms  {seconds * RECORDS:5.1f} s")


if __name__ == "__main__":
    main()
