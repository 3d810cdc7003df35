"""Many regular expressions over one text in one pass: where each of them may match.

A Scanner answers, for each named pattern, the offsets at which a match of it may end. It is a
prefilter: it may name places where the full expression does not match (lookarounds and anchors
are ignored), never miss one where it does, and callers run the full Python expression only there. With
Hyperscan (a compiled multi-pattern engine, `pip install hyperscan`) every pattern is found in a
single scan of the text, so the cost hardly grows with their number; without it, or for a pattern
it cannot compile, Python's re tries the patterns one by one and the answers are the same.

Texts are scanned as ASCII, so that offsets in bytes are offsets in characters: each other character
is read as an ASCII stand-in of its own kind for Python's expressions (a letter with an ASCII case
twin as that letter, another digit as '0', another word character as 'a', a space as ' ', the rest
as '?'), so that \\w, \\s, \\d and \\b read it as Python does; a non-ASCII character in a pattern
becomes its stand-in too.
"""

import hashlib
import json
import os
import re
from pathlib import Path

try:  # an optional engine: the same answers without it, only slower
    import hyperscan
except ImportError:  # pragma: no cover - exercised where the wheel is missing
    hyperscan = None

UNICODE_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\x[89a-fA-F][0-9a-fA-F]|[^\x00-\x7f]")


def stand_in(char: str) -> str:
    """The ASCII character a non-ASCII one is read as: one that every class of Python's re that
    holds the character (\\w, \\d, \\s, its case twins) holds too, so no match is lost."""
    for twin in (char.lower(), char.upper(), char.casefold(), char.lower()[:1]):
        if len(twin) == 1 and twin.isascii() and twin.isalpha():
            return twin  # the Kelvin sign is a k, a long s an s, for a case-insensitive match
    if char.isdecimal():
        return "0"
    if char.isspace():
        return " "
    return "a" if char.isalnum() or char == "_" else "?"


class _StandIns(dict):
    """Every non-ASCII character's stand-in by its code, worked out once each."""

    def __missing__(self, code):
        self[code] = value = stand_in(chr(code))
        return value


STAND_INS = _StandIns()


NON_ASCII = re.compile(r"[^\x00-\x7f]")


def ascii_text(text: str) -> str:
    """A text read as ASCII, of the same length: each other character its stand-in (replaced one
    by one: they are few, and str.translate would look up every character)."""
    return text if text.isascii() else NON_ASCII.sub(lambda m: STAND_INS[ord(m.group())], text)


def ascii_pattern(pattern: str) -> str:
    """The pattern for text read as ASCII: every non-ASCII character (or its escape) becomes its stand-in."""
    return UNICODE_ESCAPE.sub(lambda m: re.escape(stand_in(_character(m.group()))), pattern)


def _character(written: str) -> str:
    """The character a pattern writes, as itself or as an escape."""
    return written if len(written) == 1 else chr(int(written[2:], 16))


def without_lookarounds(pattern: str) -> str:
    """A pattern that matches wherever the given one does: lookarounds dropped, groups unnamed.

    Hyperscan takes neither; what is left matches more places, never fewer.
    """
    pattern = re.sub(r"\(\?P<\w+>", "(?:", pattern)
    while (start := _lookaround(pattern)) is not None:
        pattern = pattern[:start] + pattern[_group_end(pattern, start):]
    return pattern


def without_boundaries(pattern: str) -> str:
    """A pattern that matches wherever the given one does, its \\b and \\B dropped: for texts cut out of a longer one
    at any point (mid-word), where a boundary is not where the longer text has one. (Inside a [class], \\b is a
    backspace and stays.)"""
    cuts = [i for i, token in _syntax(pattern, escapes=True) if token in ("\\b", "\\B")]
    kept = zip([0] + [i + 2 for i in cuts], cuts + [len(pattern)])
    return "".join(pattern[a:b] for a, b in kept)


def without_anchors(pattern: str) -> str:
    """A pattern that matches wherever the given one does, its ^ and $ dropped: a pattern read sentence by sentence
    is anchored to a sentence's start or end, which a scan of the whole text does not see."""
    anchors = {i for i, char in _syntax(pattern) if char in "^$"}
    return "".join(char for i, char in enumerate(pattern) if i not in anchors)


def lookarounds_as_groups(pattern: str) -> str:
    """A pattern whose positive lookarounds are plain groups: what they match is in the text searched, if not in
    the match, so that the plain texts one of which every match needs (classify.required_texts) take them in."""
    opening = {i: len(look) for i, _ in _syntax(pattern) for look in ("(?=", "(?<=") if pattern.startswith(look, i)}
    out, i = [], 0
    while i < len(pattern):
        out.append("(?:" if i in opening else pattern[i])
        i += opening.get(i, 1)
    return "".join(out)


LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
BOUNDED_REPEAT = re.compile(r"\{(\d+),\d+\}\??")


def without_bounds(pattern: str) -> str:
    """A pattern that matches wherever the given one does, every {m,n} repeat made {m,}."""
    syntax = {i for i, char in _syntax(pattern) if char == "{"}  # not an escaped brace, nor one in a [class]
    open_ = lambda m: ("*" if m.group(1) == "0" else "{%s,}" % m.group(1)) if m.start() in syntax else m.group()
    return BOUNDED_REPEAT.sub(open_, pattern)


def _lookaround(pattern: str):
    """Where the first lookaround group opens, outside escapes and [classes]; None if none does."""
    return next((i for i, _ in _syntax(pattern) if pattern.startswith(LOOKAROUNDS, i)), None)


def _group_end(pattern: str, start: int) -> int:
    """Index just past the group that opens at start."""
    depth = 0
    for i, char in _syntax(pattern, start):
        depth += (char == "(") - (char == ")")
        if char == ")" and depth == 0:
            return i + 1
    return len(pattern)


def _syntax(pattern: str, start: int = 0, escapes: bool = False):
    """(index, character) of a pattern's own syntax: [classes] skipped, and escaped characters too unless asked
    for (then each escape outside a class comes as its two characters, '\\b')."""
    i, in_class = start, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if escapes and not in_class:
                yield i, pattern[i:i + 2]
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        else:
            yield i, char
        i += 1


class Scanner:
    """Named patterns compiled for one pass over a text."""

    def __init__(self, patterns: dict, ignore_case: bool = True, engine: bool = True):
        self.names = list(patterns)
        flags = re.IGNORECASE if ignore_case else 0
        self._python = {}
        self._database = None
        if engine and hyperscan is not None:
            self._compile(patterns, ignore_case)
        for name in self.names:
            if name not in self._compiled:
                self._python[name] = re.compile(without_anchors(ascii_pattern(patterns[name])), flags)

    @property
    def _compiled(self) -> set:
        return set(self._ids.values()) if self._database is not None else set()

    def _compile(self, patterns: dict, ignore_case: bool):
        """Build one Hyperscan database of every pattern it accepts; the rest stay with re.

        Compiling takes seconds, at the start of every run: the database is kept in a cache
        file named by a digest of everything it is built from (the patterns, and this module's
        code, which rewrites them before they are compiled), so it is never stale.
        """
        path = _cache_path({"patterns": patterns, "ignore_case": ignore_case, "hyperscan": hyperscan.__version__,
                            "code": CODE_DIGEST})
        cached = _load(path)
        if cached:
            self._ids, self._database = cached
            return
        caseless = hyperscan.HS_FLAG_CASELESS if ignore_case else 0
        accepted = []
        for name in self.names:
            expression = without_anchors(without_lookarounds(ascii_pattern(patterns[name])))
            # Exactly where it can, else with its bounded repeats left open (a pattern too large
            # for it may fit so), else as a prefilter (a superset of the matches, often a loose
            # one): tried alone first, so that one pattern it cannot take does not sink the others.
            tries = ((expression, caseless), (without_bounds(expression), caseless),
                     (expression, caseless | hyperscan.HS_FLAG_PREFILTER))
            for written, flags in tries:
                try:
                    hyperscan.Database().compile(expressions=[written.encode("ascii")], ids=[0], flags=[flags])
                except hyperscan.error:
                    continue
                accepted.append((name, written.encode("ascii"), flags))
                break
        if not accepted:
            return
        self._ids = {i: name for i, (name, _, _) in enumerate(accepted)}
        self._database = hyperscan.Database()
        self._database.compile(expressions=[e for _, e, _ in accepted], ids=list(self._ids),
                               flags=[f for _, _, f in accepted])
        _save(path, self._ids, self._database)

    def ends(self, text: str) -> dict:
        """{name: offsets where a match may end}, for the patterns that may match somewhere in text."""
        found = {}
        read = ascii_text(text)
        if self._database is not None:
            ids = self._ids

            def on_match(pattern_id, start, end, flags, context):
                found.setdefault(ids[pattern_id], []).append(end)

            self._database.scan(read.encode("ascii"), match_event_handler=on_match)
        if self._python:
            for name, regex in self._python.items():
                ends = [m.end() for m in regex.finditer(read)]
                if ends:
                    found[name] = ends
        return found


CACHE_ENV = "KETAMINE_CATALOGUE_CACHE"  # where compiled databases are kept; empty: nowhere
# A change to how patterns are rewritten for the engine (stand-ins, open bounds) changes the database too.
CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _cache_path(built_from: dict) -> Path | None:
    """The cache file of a database built from these patterns and settings (None: no cache)."""
    folder = os.environ.get(CACHE_ENV)
    if folder is None:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ketamine-pain-catalogue"
    if not folder:
        return None
    digest = hashlib.sha256(json.dumps(built_from, sort_keys=True).encode()).hexdigest()[:32]
    return Path(folder) / f"scan-{digest}.hsdb"


def _load(path):
    """(ids, database) from a cache file, or None when there is none or it cannot be read."""
    try:
        header, _, blob = path.read_bytes().partition(b"\n")
        ids = {int(i): name for i, name in json.loads(header).items()}
        database = hyperscan.loadb(blob, hyperscan.HS_MODE_BLOCK)
        database.scratch = hyperscan.Scratch(database)  # a database read back has none of its own
        return ids, database
    except (OSError, ValueError, AttributeError, TypeError, hyperscan.error):
        return None  # none yet, unreadable, or built for another machine: compiled again


def _save(path, ids: dict, database):
    """Write a cache file whole or not at all (a reader never sees half of one); a cache that cannot
    be written is no error."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(json.dumps(ids).encode() + b"\n" + bytes(hyperscan.dumpb(database)))
        os.replace(partial, path)
    except (OSError, hyperscan.error):
        pass


class Literals:
    """Which of many plain strings occur anywhere in a text, found in one pass.

    With Hyperscan the strings are one compiled set of literals, each reported at most once,
    so asking costs one scan whatever their number; without it each string is looked for in turn.
    """

    def __init__(self, strings, engine: bool = True):
        self.strings = list(dict.fromkeys(s for s in strings if s))
        self._database = None
        if engine and hyperscan is not None and self.strings:
            self._database = hyperscan.Database()
            # Every byte written as an escape: no character of a string is read as syntax.
            self._database.compile(
                expressions=["".join(f"\\x{b:02x}" for b in s.encode("utf-8")).encode("ascii") for s in self.strings],
                ids=list(range(len(self.strings))), flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(self.strings))

    def found(self, text: str) -> set:
        """The strings that occur in text."""
        if self._database is None:
            return {s for s in self.strings if s in text}
        hits, strings = set(), self.strings

        def on_match(string_id, start, end, flags, context):
            hits.add(strings[string_id])

        self._database.scan(text.encode("utf-8"), match_event_handler=on_match)
        return hits
