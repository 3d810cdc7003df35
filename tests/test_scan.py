"""harvest.scan: one pass over a text finds every place a pattern matches, with or without Hyperscan."""

import re

import pytest

from harvest import extract, read, scan

PATTERNS = {
    "people": r"\b(?:patients?|women)\b",
    "number before people": r"(?<![\w.])(?P<n>\d+)\s+(?:adult\s+)?patients\b(?!\s+reports)",
    "unicode": r"\d+\s*(?:µg|μg|mcg)\b",
    "range": r"\d+[\u2009 ]?[-–]\s*\d+\s*mg\b",
}
TEXTS = [
    "Sixty patients and 12 adult patients were enrolled; 3 patients reports were excluded.",
    "Ketamine 0.5 µg/kg and 25–600 mg in divided doses; women (n = 20).",
    "No match here at all.",
    "",
]


@pytest.mark.parametrize("engine", [True, False])
def test_every_python_match_end_is_found(engine):
    scanner = scan.Scanner(PATTERNS, engine=engine)
    for text in TEXTS:
        found = scanner.ends(text)
        ascii_text = text.encode("ascii", "replace").decode()
        for name, pattern in PATTERNS.items():
            expected = {m.end() for m in re.finditer(scan.ascii_pattern(pattern), ascii_text, re.IGNORECASE)}
            assert expected <= set(found.get(name, ())), (name, text, found)


@pytest.mark.parametrize("engine", [True, False])
def test_other_characters_are_read_as_python_reads_them(engine):
    """A letter outside ASCII is still a word character, a no-break space still a space, the Kelvin
    sign still a k: a match of Python's on the text as written is never lost."""
    patterns = {"word": r"\b\d+\s+[A-Za-z][\w-]*\s+studies\b", "space": r"\d+\s+months\b",
                "twin": r"\bketamine\b", "unit": r"\d+\s*µg\b", "digit": r"n\s*=\s*\d+"}
    texts = ["in 12 Sjögren studies", "for 12\u00a0months", "\u212aETAMINE", "5 μg/kg", "(n = \u0663)"]
    scanner = scan.Scanner(patterns, engine=engine)
    for text in texts:
        found = scanner.ends(text)
        for name, pattern in patterns.items():
            expected = {m.end() for m in re.finditer(pattern, text, re.IGNORECASE)}
            assert expected <= set(found.get(name, ())), (name, text, found)
    assert all(scanner.ends(text) for text in texts)


def test_lookarounds_are_dropped_and_groups_unnamed():
    assert scan.without_lookarounds(r"(?<![\w.])(?P<n>\d+)(?!\s*%)\s+x(?=y)") == r"(?:\d+)\s+x"
    assert scan.without_lookarounds(r"[(?!]a(?!b(?:c)d)e") == r"[(?!]ae"


def test_anchors_are_dropped_outside_classes_and_escapes():
    assert scan.without_anchors(r"^a[^b$]\$c\^$") == r"a[^b$]\$c\^"


def test_boundaries_are_dropped_outside_classes_and_escapes():
    assert scan.without_boundaries(r"\bage[sd]?\b[\b]\\b\Bx") == r"age[sd]?[\b]\\bx"


def test_positive_lookarounds_become_groups_outside_classes_and_escapes():
    assert scan.lookarounds_as_groups(r"^(?=.*x)(?<=y)z(?!w)(?<!u)\(?=v[(?=]") == r"^(?:.*x)(?:y)z(?!w)(?<!u)\(?=v[(?=]"


def test_bounded_repeats_are_opened_outside_classes_and_escapes():
    assert scan.without_bounds(r"a{1,3}b{0,4}?c\{1,2\}[{1,2}]d{3}") == r"a{1,}b*c\{1,2\}[{1,2}]d{3}"


def test_offsets_are_characters_of_the_text():
    text = "±5 µg and 12 patients"
    ends = scan.Scanner({"people": r"\bpatients\b"}).ends(text)["people"]
    assert text[:ends[0]].endswith("patients")


def test_extraction_reads_the_same_with_and_without_the_engine(real_record):
    from harvest import classify
    record = real_record(34092024)
    classification = classify.classify(record)
    with_engine = extract.extract(record, classification)
    slow = extract.Patterns(extract.PATTERNS.data)
    slow.scanner = scan.Scanner(slow.scan_patterns, engine=False)
    assert extract.extract(record, classification, slow) == with_engine


@pytest.mark.parametrize("engine", [True, False])
def test_literals_found_are_the_strings_in_the_text(engine):
    strings = ["ketamin", "s-ket", "(r)-", "a.b", "ß", "µg", "pain", "pain", "n = ", "absent"]
    literals = scan.Literals(strings, engine=engine)
    for text in ["(R)-ketamine 5 µg for pain; n = 12", "Straße a.b", "axb ketamine", ""]:
        assert literals.found(text) == {s for s in strings if s in text}, text


@pytest.mark.skipif(scan.hyperscan is None, reason="the cache holds Hyperscan databases")
def test_a_compiled_database_is_kept_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv(scan.CACHE_ENV, str(tmp_path))
    built = scan.Scanner(PATTERNS)
    kept = list(tmp_path.glob("scan-*.hsdb"))
    assert len(kept) == 1
    compiles = []
    monkeypatch.setattr(scan.hyperscan, "Database", lambda *a: compiles.append(a))
    read_back = scan.Scanner(PATTERNS)
    assert not compiles  # read from the cache, not compiled again
    assert [read_back.ends(text) for text in TEXTS] == [built.ends(text) for text in TEXTS]


@pytest.mark.skipif(scan.hyperscan is None, reason="the cache holds Hyperscan databases")
def test_a_broken_or_changed_cache_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv(scan.CACHE_ENV, str(tmp_path))
    scan.Scanner(PATTERNS)
    for kept in tmp_path.glob("scan-*.hsdb"):
        kept.write_bytes(b'{"0": "people"}\ngarbage')
    assert scan.Scanner(PATTERNS).ends(TEXTS[0]) == scan.Scanner(PATTERNS, engine=True).ends(TEXTS[0])
    assert scan.Scanner(PATTERNS).ends(TEXTS[0])["number before people"]
    changed = scan.Scanner({**PATTERNS, "people": r"\bwomen\b"})
    assert "people" not in changed.ends("patients only")
    assert len(list(tmp_path.glob("scan-*.hsdb"))) == 2


@pytest.mark.skipif(scan.hyperscan is None, reason="the cache holds Hyperscan databases")
def test_a_cache_of_other_code_is_not_read(tmp_path, monkeypatch):
    """How patterns are rewritten for the engine is code: a database kept by other code is compiled again."""
    monkeypatch.setenv(scan.CACHE_ENV, str(tmp_path))
    scan.Scanner(PATTERNS)
    monkeypatch.setattr(scan, "CODE_DIGEST", "another version of harvest/scan.py")
    scan.Scanner(PATTERNS)
    assert len(list(tmp_path.glob("scan-*.hsdb"))) == 2


def test_a_looser_scan_form_is_found_inside_every_match_of_its_pattern(sample_files):
    """A scan form stands in for its pattern in the scan, so every match of the pattern must hold one:
    checked on the sample's abstracts that hold an '=' (the first few thousand of them)."""
    lines = []
    with read.open_input(sample_files[1]) as stream:
        for block in read.iter_blocks(stream):
            lines += [line for line in block.decode("utf-8").splitlines() if "<Abstract" in line and "=" in line]
    lines = lines[:6000]
    for regex, form in extract.PATTERNS.scan_forms.items():
        piece = re.compile(scan.ascii_pattern(form), re.IGNORECASE)
        matches = [m for line in lines for m in regex.finditer(scan.ascii_text(line))]
        assert len(matches) > 20, form  # enough real matches to mean something
        for match in matches:
            assert piece.search(match.string, match.start(), match.end()), (form, match.group())
