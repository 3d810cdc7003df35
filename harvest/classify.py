"""Pure evidence classification: a parsed record in, facet labels and the reasons for them out.

The rules are data (rules.yml beside this module); this code only applies them.
There is no network, database, file write or clock here: the rules are read and
compiled once, on import. docs/classification.md explains the rules.
"""

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from harvest import read_yaml, vocabulary, weights
from harvest.scan import Literals

RULES_PATH = Path(__file__).with_name("rules.yml")
# A record's texts, joined in this order: evidence found earlier is preferred.
FIELDS = ("journal", "chemicals", "title", "keywords", "abstract", "background")
# Which texts each kind of pattern in rules.yml is matched against.
SPEC_FIELDS = {
    "journal": ("journal",), "chemicals": ("chemicals",), "title": ("title",),
    "keywords": ("keywords",), "abstract": ("abstract", "background"),
    "text": ("title", "keywords", "abstract", "background"),
}
# Patterns matched against the text as written, not lower-cased: acronyms whose case tells
# them apart from others ("CRPS", where "CRPs" are C-reactive proteins).
CASED_FIELDS = {"cased": SPEC_FIELDS["text"]}
TEXT_FIELDS = ("title", "keywords", "abstract", "background")
CODED_FIELDS = {"publication_types": "PT", "mesh": "MeSH", "chemicals": "chemical"}
CODE_KEYS = {"publication_types": ("ui", "name"), "mesh": ("descriptor_ui", "descriptor"), "chemicals": ("ui", "name")}
# Sources whose evidence describes the record itself, not the papers it discusses:
# "self" is an abstract's own words for what the record is ("in this review").
OWN_SOURCES = ("publication_types", "title", "self")
WORD = re.compile(r"\w+")
WORD_CHAR = re.compile(r"\w")
SENTENCE_BREAK = re.compile(r"[.;?!] |\n")
SNIPPET_CHARS = 60
KEY_LENGTH = 3  # word prefixes are filed under their first three letters
MATCH_LIMIT = 5  # accepted matches kept per label and text; population counts stop there
WINDOW = 60  # characters either side of a match that negation and neighbours are read from


# ---------------------------------------------------------------- compiled rules


@dataclass(frozen=True, eq=False)
class Pattern:
    """One regular expression from rules.yml, the texts it reads and the word prefix it starts with."""

    regex: re.Pattern
    fields: frozenset
    first: str  # the first and last of those texts, which are adjacent when joined
    last: str
    triggers: tuple | None  # every match starts a word with one of these; None: scan the texts
    cased: bool = False  # matched against the text as written
    # For a scanned pattern whose matches lie inside one word: the same pattern tried only where a
    # word starts (see word_confined); None for the others.
    at_word_start: re.Pattern | None = None


@dataclass(eq=False)
class Label:
    """Everything that can put one label on a record, and what voids a text match."""

    name: str
    codes: dict = field(default_factory=dict)  # publication_types / mesh -> {UI or name: display}
    code_keys: frozenset = frozenset()  # every key of codes, to rule a label out at once
    ref_types: tuple = ()
    patterns: tuple = ()
    this_study: bool = False  # ignore background sections and sentences about other work
    describes_itself: bool = False  # a text match says what the record itself is, as its type would
    negatable: bool = True
    populations: frozenset | None = None  # only for records with these populations
    with_designs: frozenset = frozenset()  # only for records that other groups give one of these designs
    no_abstract: bool = False  # only for records without an abstract
    unless_codes: frozenset = frozenset()  # void for records with any of these MeSH headings or publication types
    reports_no_study: bool = False  # evidence is an abstract with no sign of a study of its own
    reports_a_study: bool = False  # evidence is the first sign in the abstract of a study of its own
    unless_text: re.Pattern | None = None  # void for records whose title, keywords or abstract match this
    spared_by_text: re.Pattern | None = None  # ... unless they match this too
    unless_before: re.Pattern | None = None
    needs_before: re.Pattern | None = None  # the text just before the match must end like this
    unless_after: re.Pattern | None = None
    needs_context: re.Pattern | None = None  # the sentence must also match this
    unless_context: re.Pattern | None = None  # ... and must not match this
    mesh_with: re.Pattern | None = None  # a MeSH hit counts only when the text matches this
    match_limit: int = 1  # accepted matches kept per text: one gives the reason, counting needs more
    # (and so does telling a harm that occurred from one looked for and not found)
    mentions_needed: int = 1  # named fewer times in the abstract alone, a label is named in passing
    context: tuple = ()  # everything accepted() reads of a label: labels alike share its answers

    def __post_init__(self):
        regexes = (self.unless_before, self.needs_before, self.unless_after, self.needs_context, self.unless_context)
        self.context = (self.this_study, self.negatable, *(r.pattern if r else None for r in regexes))


def _regex(patterns, template="%s"):
    """One case-insensitive expression from a pattern or a list of them, or None for none."""
    if not patterns:
        return None
    if isinstance(patterns, str):
        patterns = [patterns]
    # a list may hold another, named once in rules.yml and reused by an alias
    patterns = [q for p in patterns for q in ([p] if isinstance(p, str) else p)]
    return re.compile("|".join(f"(?:{template % p})" for p in patterns), re.IGNORECASE)


def triggers(pattern: str) -> tuple | None:
    """Word prefixes one of which starts every match of a pattern, if it has them.

    Matches start at a word start, so a leading run of letters must begin a word
    of the text; a letter made optional by a quantifier is not part of the run,
    and a leading group or alternation gives one prefix per alternative.
    """
    alternatives = split_alternatives(pattern)
    if len(alternatives) > 1:
        found = [triggers(a) for a in alternatives]
        return None if None in found else _minimal(t for f in found for t in f)
    if pattern.startswith("(?:"):
        close = _closing(pattern)
        if close is None or pattern[close + 1:close + 2] in ("?", "*", "{"):
            return None
        return triggers(pattern[3:close])
    run = WORD.match(pattern)
    literal = run.group() if run else ""
    if run and pattern[run.end():run.end() + 1] in ("?", "*", "{"):
        literal = literal[:-1]
    return (literal,) if literal else None


def required_texts(pattern: str) -> tuple:
    """Plain texts one of which every match of a pattern contains: its longest certain run of
    plain text, or the alternatives of a group it cannot do without, whichever has the longest
    shortest text; ('',) if nothing is certain."""
    alternatives = split_alternatives(pattern)
    if len(alternatives) > 1:
        found = [required_texts(a) for a in alternatives]
        return ("",) if any("" in texts for texts in found) else tuple(dict.fromkeys(t for f in found for t in f))
    choices, run, i = [], "", 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":  # an escaped symbol is plain text; \\b, \\s, \\w and the like end a run
            plain = not pattern[i + 1:i + 2].isalnum()
            run, i = (run + pattern[i + 1], i + 2) if plain else (choices.append((run,)) or "", i + 2)
            continue
        if char.isalnum() or char in " -:,'":
            run, i = run + char, i + 1
            continue
        if char in "?*{" and run:
            run = run[:-1]  # the last character is optional (or repeated a number of times)
        choices.append((run,))
        if char == "(":
            end = _skip_group(pattern, i)
            if _needed_group(pattern, i, end):
                choices.append(required_texts(pattern[i + (1 if pattern[i + 1] != "?" else 3):end - 1]))
        run, i = "", (_skip_group(pattern, i) if char == "(" else _skip_class(pattern, i) if char == "["
                      else pattern.find("}", i) + 1 or len(pattern) if char == "{" else i + 1)
    choices.append((run,))
    return max(choices, key=lambda texts: min(map(len, texts)))


def _needed_group(pattern: str, start: int, end: int) -> bool:
    """True for a plain group (no lookaround, no flags) that every match of the pattern passes through."""
    opening = pattern[start:start + 3]
    plain = opening == "(?:" or not opening.startswith("(?")
    return plain and end <= len(pattern) and pattern[end - 1:end] == ")" and pattern[end:end + 1] not in ("?", "*", "{")


def _skip_group(pattern: str, i: int) -> int:
    """Index just past the group that opens at i."""
    close = _closing(pattern[i:])
    return len(pattern) if close is None else i + close + 1


def _skip_class(pattern: str, i: int) -> int:
    """Index just past the character class that opens at i."""
    j = i + 2 if pattern[i + 1:i + 2] == "]" else i + 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _minimal(prefixes) -> tuple:
    """Drop prefixes that a shorter one already covers, so no word finds a pattern twice."""
    kept = sorted(set(prefixes), key=lambda p: (len(p), p))
    return tuple(p for i, p in enumerate(kept) if not any(p.startswith(q) for q in kept[:i]))


def _scan(pattern: str):
    """Yield (index, character, depth) for characters outside escapes and [classes]."""
    depth, escaped, in_class = 0, False, False
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth -= char == ")"
            yield i, char, depth
            depth += char == "("


def split_alternatives(pattern: str) -> list:
    """A pattern cut at its top-level bars."""
    cuts = [i for i, char, depth in _scan(pattern) if char == "|" and depth == 0]
    edges = [-1] + cuts + [len(pattern)]
    return [pattern[a + 1:b] for a, b in zip(edges, edges[1:])]


def _closing(pattern: str) -> int | None:
    """Index of the parenthesis closing the group the pattern starts with."""
    for i, char, depth in _scan(pattern):
        if char == ")" and depth == 0:
            return i
    return None


def compile_patterns(spec: dict) -> tuple:
    """Every text pattern of a label, each with the texts it reads."""
    patterns = []
    for kind, fields in {**SPEC_FIELDS, **CASED_FIELDS}.items():
        for source in spec.get(kind) or ():
            # Texts are lower-cased before matching, so patterns are written in lower case;
            # cased patterns are scanned for in the text as written.
            regex = re.compile(source, re.MULTILINE)
            cased = kind == "cased"
            found = None if source.startswith("^") or cased else triggers(source)
            at_word_start = None
            if found is None and not cased and word_confined(regex):
                at_word_start = re.compile(rf"(?<!\w)(?:{source})", re.MULTILINE)
            patterns.append(Pattern(regex, frozenset(fields), fields[0], fields[-1], found, cased, at_word_start))
    return tuple(patterns)


def word_confined(regex: re.Pattern) -> bool:
    """True when every match of a pattern is word characters only (and zero-width assertions).

    Such a pattern without a prefix is scanned for along the whole text, yet only its matches that
    start a word are kept (regex_matches). A match that starts inside a word ends inside that word,
    so it never hides a later match that starts a word: trying the pattern only where a word
    starts finds the same matches, without running it from every letter of every word
    ('\\w*(?:carcinoma|sarcoma)' from each letter reads the rest of the word again).
    """
    return _word_only(re._parser.parse(regex.pattern, regex.flags))


def _word_only(items) -> bool:
    """Whether parsed regular expression items (re._parser) match word characters only."""
    c = re._constants
    for op, arg in items:
        if op is c.LITERAL:
            ok = WORD_CHAR.match(chr(arg)) is not None
        elif op is c.IN:
            ok = all(kind is c.LITERAL and WORD_CHAR.match(chr(value))
                     or kind is c.CATEGORY and value in (c.CATEGORY_WORD, c.CATEGORY_DIGIT)
                     for kind, value in arg)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            ok = _word_only(arg[2])
        elif op is c.SUBPATTERN:
            ok = _word_only(arg[3])
        elif op is c.ATOMIC_GROUP:
            ok = _word_only(arg)
        elif op is c.BRANCH:
            ok = all(_word_only(branch) for branch in arg[1])
        elif op is c.AT:
            ok = arg in (c.AT_BOUNDARY, c.AT_NON_BOUNDARY)
        else:
            ok = False
        if not ok:
            return False
    return True


def _codes(entries) -> dict:
    """{UI or lower-case name: display name} for entries written 'D016449 Randomized Controlled Trial'."""
    codes = {}
    for entry in entries or ():
        ui, _, name = str(entry).partition(" ")
        if not re.fullmatch(r"[A-Z]\d{6,9}", ui):
            ui, name = None, str(entry)
        if ui:
            codes[ui] = name or ui
        if name:
            codes[name.lower()] = name
    return codes


def compile_label(name: str, spec: dict) -> Label:
    """Turn one label's rules from rules.yml into a Label."""
    populations = spec.get("populations")
    codes = {f: _codes(spec.get(f)) for f in ("publication_types", "mesh") if spec.get(f)}
    return Label(
        name=spec.get("as", name),
        codes=codes,
        code_keys=frozenset(k for wanted in codes.values() for k in wanted),
        ref_types=tuple(spec.get("ref_types") or ()),
        patterns=compile_patterns(spec),
        this_study=bool(spec.get("this_study")),
        describes_itself=bool(spec.get("describes_itself")),
        negatable=spec.get("negatable", True),
        populations=frozenset(populations) if populations else None,
        with_designs=frozenset(spec.get("with") or ()),
        no_abstract=bool(spec.get("no_abstract")),
        reports_no_study=bool(spec.get("reports_no_study")),
        reports_a_study=bool(spec.get("reports_a_study")),
        unless_text=_regex(spec.get("unless_text")),
        spared_by_text=_regex(spec.get("spared_by_text")),
        unless_codes=frozenset(_codes(list(spec.get("unless_mesh") or ()) + list(spec.get("unless_publication_types") or ()))),
        unless_before=_regex(spec.get("unless_before"), r"(?:%s)[\s-]*$"),
        needs_before=_regex(spec.get("needs_before"), r"(?:%s)$"),
        unless_after=_regex(spec.get("unless_after"), r"^[\s-]*(?:%s)"),
        needs_context=_regex(spec.get("needs_context")),
        unless_context=_regex(spec.get("unless_context")),
        mesh_with=_regex(spec.get("mesh_with")),
        match_limit=MATCH_LIMIT if spec.get("counted") or spec.get("every_mention") or spec.get("mentions_needed") else 1,
        mentions_needed=spec.get("mentions_needed", 1),
    )


@dataclass(eq=False)
class Rules:
    """The whole compiled rule set, with its patterns indexed by the word prefixes they start with."""

    version: str
    data: dict
    facets: dict  # facet name -> {key in rules.yml: Label}
    negation: dict  # negating word or two-word phrase -> how many words before a match it reaches
    negating_prefixes: tuple
    negation_cue: re.Pattern  # any negating word at all: most texts have none
    reported: re.Pattern
    called_for: re.Pattern
    own_work: re.Pattern
    own_study: re.Pattern  # any sign that a record reports a study of its own
    background_sections: frozenset
    background_own_study: re.Pattern  # words in a background section that name the record's own study
    commentary_title: re.Pattern | None
    design_stands: re.Pattern | None  # the rules' reasons for a design the word weights never overrule
    absent_before: re.Pattern | None  # the text before a harm says none was found ("no patient had")
    absent_after: re.Pattern | None  # ... or the text after it does ("were not observed")
    people_tags: frozenset  # MeSH check tags that, beside Humans, say which people were studied
    humans_in_title: re.Pattern  # a title's words for people studied beside animals
    laboratory_title: re.Pattern  # a title that puts the work in a dish: the animals it names are a material's source
    by_key: dict = field(default_factory=dict)  # first letters -> {word prefix: [(label, pattern, prefix)]}
    scanned: list = field(default_factory=list)  # ((label, pattern, None), texts one of which it needs) for the rest
    order: dict = field(default_factory=dict)  # pattern -> its place in rules.yml
    rank: dict = field(default_factory=dict)  # (label, pattern, prefix) -> its place in the order they are tried
    # (label, pattern, prefix) -> what find_matches runs once per record for every triple that shares it
    expression: dict = field(default_factory=dict)
    design_labels: list = field(default_factory=list)  # design groups in the order they are read
    design_ranks: dict = field(default_factory=dict)  # design -> its place among the designs, most specific first
    needs: dict = field(default_factory=dict)  # pattern -> plain texts one of which every match of it contains
    by_prefix: dict = field(default_factory=dict)  # word prefix -> [(label, pattern, prefix)]
    # by_prefix split for candidates(): the triples whose pattern needs no more than the prefix itself,
    # and ((label, pattern, prefix), texts one of which it needs besides) for the others
    ready: dict = field(default_factory=dict)
    needy: dict = field(default_factory=dict)
    by_code: dict = field(default_factory=dict)  # publication type or MeSH key -> labels that name it
    always_read: frozenset = frozenset()  # labels whose evidence is read for every record
    literals: Literals | None = None  # every prefix and needed text, looked for in one pass
    # the word weights that weigh design and population again (harvest/weights.py): the packaged rules carry
    # the weights fitted to them; a rule set compiled elsewhere has none
    weights: "weights.Table | None" = None


FACETS = ("design", "population", "conditions", "routes", "harms", "ketamine_form", "corrections", "reviewed")


def compile_rules(data: dict) -> Rules:
    """Compile rules.yml's data once."""
    facets = {}
    for facet in FACETS:
        defaults = data[facet].get("defaults") or {}
        facets[facet] = {k: compile_label(k, {**defaults, **(v or {})}) for k, v in data[facet]["labels"].items()}
    facets["retracted"] = {"retracted": compile_label("retracted", data["retracted"])}
    context = data["context"]
    none_reported = data["harms"].get("none_reported") or {}
    listed = lambda patterns: [p.replace("{list}", none_reported.get("list", "")) for p in patterns or ()]
    rules = Rules(
        version=str(data["version"]),
        data=data,
        facets=facets,
        negation={tuple(k.split()): v for k, v in context["negation"]["reach"].items()},
        negating_prefixes=tuple(context["negation"]["attached"]),
        negation_cue=re.compile(r"\b(?:%s)" % "|".join(
            sorted({k.split()[0] for k in context["negation"]["reach"]} | set(context["negation"]["attached"])))),
        reported=_regex(context["reported"]),
        called_for=_regex(context["called_for"]),
        own_work=_regex(context["own_work"]),
        own_study=_regex(context["own_study"]),
        background_sections=frozenset(s.upper() for s in context["background_sections"]),
        background_own_study=_regex(context["background_own_study"]),
        commentary_title=_regex(data["design"].get("commentary_title")),
        design_stands=_regex(data["design"].get("stands")),
        absent_before=_regex(listed(none_reported.get("before")), r"(?:%s)$"),
        absent_after=_regex(listed(none_reported.get("after")), r"^\w*(?:%s)"),  # past the rest of the word
        people_tags=frozenset(_codes(data["population"]["people_tags"])),
        humans_in_title=re.compile(data["population"]["humans_in_title"], re.IGNORECASE),
        laboratory_title=re.compile(data["population"]["laboratory_title"], re.IGNORECASE),
    )
    _index(rules)
    spec = data["design"]
    # Groups that refine another design ("with") are read once the others are known, and an
    # essay (no study of its own) only when nothing that outranks it has been found.
    rules.design_labels = sorted((label for key, label in facets["design"].items() if key not in spec["cues"]),
                                 key=lambda label: (label.reports_no_study or label.reports_a_study, bool(label.with_designs)))
    rules.design_ranks = {name: i for i, name in enumerate(spec["overrides"] + spec["order"])}
    return rules


def _index(rules: Rules):
    """File every pattern under the prefix it starts with, so a record's words find their patterns."""
    for labels in rules.facets.values():
        for label in labels.values():
            for pattern in label.patterns:
                rules.order[pattern] = len(rules.order)
                rules.needs[pattern] = tuple(t.lower() for t in required_texts(pattern.regex.pattern))
                # A prefix shorter than a key starts too many words to be worth looking up.
                if not pattern.triggers or min(map(len, pattern.triggers)) < KEY_LENGTH:
                    rules.scanned.append(((label, pattern, None), rules.needs[pattern]))
                    continue
                for prefix in pattern.triggers:
                    rules.by_key.setdefault(prefix[:KEY_LENGTH], {}).setdefault(prefix, []).append((label, pattern, prefix))
    rules.by_prefix = {prefix: triples for prefixes in rules.by_key.values() for prefix, triples in prefixes.items()}
    # Tried in the order of rules.yml (and a pattern's prefixes in alphabetical order), so that
    # when a label keeps one match per text the same one wins in every process, whatever order
    # the set of words came in: Python salts string hashes per process.
    triples = [t for ts in rules.by_prefix.values() for t in ts] + [t for t, _ in rules.scanned]
    ordered = sorted(triples, key=lambda triple: (rules.order[triple[1]], triple[2] or ""))
    rules.rank = {triple: i for i, triple in enumerate(ordered)}
    rules.expression = {triple: (triple[1].regex.pattern, triple[1].cased, triple[1].first, triple[1].last, triple[2])
                        for triple in ordered}
    for prefix, triples in rules.by_prefix.items():
        for triple in triples:
            texts = rules.needs[triple[1]]
            if "" in texts or any(text in prefix for text in texts):  # found wherever the prefix is
                rules.ready.setdefault(prefix, []).append(triple)
            else:
                rules.needy.setdefault(prefix, []).append((triple, texts))
    every_label = [label for labels in rules.facets.values() for label in labels.values()]
    for label in every_label:
        for key in label.code_keys:
            rules.by_code.setdefault(key, []).append(label)
    rules.always_read = frozenset(label for label in every_label
                                  if label.ref_types or label.reports_no_study or label.reports_a_study)
    rules.literals = Literals(list(rules.by_prefix) + [t for texts in rules.needs.values() for t in texts])


def load_rules(path=RULES_PATH) -> Rules:
    """Read and compile a rules file; it may give only the labels of harvest/vocabulary.yml."""
    data = read_yaml(path)
    vocabulary.check_rules(data)
    return compile_rules(data)


RULES = load_rules()
RULES.weights = weights.WEIGHTS
# Populations whose evidence is preclinical (evidence level, synthesis gaps, what a study is).
PRECLINICAL = tuple(RULES.data["evidence_level"]["preclinical"])
RULES_VERSION = RULES.version


# ---------------------------------------------------------------- one record's texts


class View:
    """One record prepared for matching: its texts, the accepted matches in them and its coded fields."""

    def __init__(self, record: dict, rules: Rules = RULES):
        self.rules = rules  # the rule set its matches come from, which the evidence reads too
        texts = record_texts(record, rules.background_sections)
        self.text = "\n".join(texts[f] for f in FIELDS)
        self.low = self.text.lower()
        if len(self.low) != len(self.text):  # a few characters grow when lower-cased
            self.text = "".join(c if len(c.lower()) == 1 else c.lower()[0] for c in self.text)
            self.low = self.text.lower()
        self.bounds, start = {}, 0
        for name in FIELDS:
            self.bounds[name] = (start, start + len(texts[name]))
            start += len(texts[name]) + 1
        self.has_abstract = any(texts[f].strip() for f in ("abstract", "background"))
        self.codes = {f: _record_codes(record.get(f), f) for f in CODE_KEYS}
        self.code_keys = {k for codes in self.codes.values() for k in codes}
        self.ref_types = {}
        for ref in record.get("comments_corrections") or ():
            self.ref_types.setdefault(ref.get("ref_type"), ref.get("ref_pmid"))
        self.accepted = {}  # (Label.context, start, end, text) -> accepted()
        self.breaks = [m.span() for m in SENTENCE_BREAK.finditer(self.low)]
        self.break_starts = [b[0] for b in self.breaks]
        self.matches = find_matches(self, rules)
        self.cache = {}
        # The labels that may have evidence here (see evidence()): the others are not asked.
        self.live = set(self.matches) | rules.always_read
        for key in self.code_keys:
            self.live.update(rules.by_code.get(key, ()))

    def field_at(self, position: int) -> str:
        """Which text a position of the joined texts falls in."""
        for name in FIELDS:
            if position <= self.bounds[name][1]:
                return name
        return FIELDS[-1]

    def field_text(self, name: str) -> str:
        """One of the record's texts, lower-cased."""
        start, end = self.bounds[name]
        return self.low[start:end]


def record_texts(record: dict, background_sections=frozenset()) -> dict:
    """The record's searchable texts by field, on one line each but the abstract's."""
    main, background = _abstract_parts(record, background_sections)
    keywords = record.get("keywords") or ()
    chemicals = record.get("chemicals") or ()
    one_line = lambda text: " ".join((text or "").split())
    return {
        "journal": one_line(" | ".join(filter(None, (record.get("journal"), record.get("journal_iso"))))),
        "chemicals": "; ".join(one_line(c.get("name")) for c in chemicals),
        "title": one_line(record.get("title")),
        "keywords": "; ".join(one_line(k.get("keyword")) for k in keywords),
        "abstract": main,
        "background": background,
    }


def _abstract_parts(record, background_sections):
    """(main text, background text) of the abstract, sections as 'LABEL: text' lines."""
    sections = record.get("abstract_sections") or ()
    if not sections:
        return record.get("abstract") or "", ""
    main, background = [], []
    for section in sections:
        label = (section.get("label") or "").strip()
        text = " ".join((section.get("text") or "").split())
        kind = {label.upper(), (section.get("category") or "").upper()}
        (background if kind & background_sections else main).append(f"{label}: {text}" if label else text)
    return "\n".join(main), "\n".join(background)


def _record_codes(items, kind) -> dict:
    """{UI or lower-case name: display name} for a record's publication types, MeSH or chemicals."""
    ui_key, name_key = CODE_KEYS[kind]
    codes = {}
    for item in items or ():
        ui, name = item.get(ui_key), item.get(name_key) or ""
        if ui:
            codes[ui] = name or ui
        if name:
            codes[name.lower()] = name
    return codes


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    field: str


def find_matches(view: View, rules: Rules) -> dict:
    """{label: [Match]} for every accepted text match in a record, in text order."""
    found = defaultdict(list)
    low = view.low
    tried = {}  # an expression that several rule groups repeat is run once over the same texts
    expression = rules.expression
    for triple in candidates(low, rules):
        key = expression[triple]
        matches = tried.get(key)
        if matches is None:
            matches = tried[key] = regex_matches(triple[1], triple[2], view)
        for span in matches:
            _try(triple[0], span, view, rules, found)
    for matches in found.values():
        matches.sort(key=lambda m: m.start)
    return found


def regex_matches(pattern: Pattern, prefix: str | None, view: View) -> list:
    """(start, end, text, inside) of a pattern's non-empty matches that start a word of the texts it
    reads (where the prefix starts a word, or anywhere for a pattern without one); inside: the match
    lies within one of those texts, which is all that _try() can keep."""
    low = view.low
    start, end = view.bounds[pattern.first][0], view.bounds[pattern.last][1]
    if prefix:
        found = (pattern.regex.match(low, position, end) for position in word_starts(low, prefix, start, end))
        matches = [match for match in found if match is not None]
    else:
        regex = pattern.at_word_start or pattern.regex
        matches = [match for match in regex.finditer(view.text if pattern.cased else low, start, end)
                   if match.start() == 0 or not WORD_CHAR.match(low, match.start() - 1)]
    spans = []
    for match in matches:
        if match.end() != match.start():
            where = view.field_at(match.start())
            spans.append((match.start(), match.end(), where,
                          where in pattern.fields and match.end() <= view.bounds[where][1]))
    return spans


def candidates(low: str, rules: Rules) -> list:
    """(label, pattern, prefix) worth trying: the prefix, and the text every match needs, are in low.

    One pass finds which prefixes and needed texts occur (harvest.scan.Literals), however many
    patterns there are; word_starts() then checks that a word really starts with the prefix.
    Patterns without a usable prefix come with None, when the text they need is there.
    """
    present = rules.literals.found(low)
    present.add("")  # a pattern that needs no particular text
    ready, needy = rules.ready, rules.needy
    chosen = []
    for prefix in present:
        chosen += ready.get(prefix, ())
        if prefix in needy:
            chosen += [triple for triple, texts in needy[prefix] if not present.isdisjoint(texts)]
    chosen += [triple for triple, texts in rules.scanned if not present.isdisjoint(texts)]
    chosen.sort(key=rules.rank.__getitem__)  # in the order of rules.yml (see _index)
    return chosen


def word_starts(text: str, prefix: str, start: int, end: int):
    """Positions in text[start:end] where a word starts with prefix."""
    position = text.find(prefix, start, end)
    while position != -1:
        if position == 0 or not WORD_CHAR.match(text, position - 1):
            yield position
        position = text.find(prefix, position + 1, end)


def _try(label, span, view, rules, found):
    """Keep a match (a span from regex_matches) when it lies in a text the pattern reads and nothing voids it."""
    start, end, where, inside = span
    kept = found[label]
    # Frequent words are not checked again and again once enough are kept.
    if not inside or sum(m.field == where for m in kept) >= label.match_limit:
        return
    if _accepted_once(label, view, start, end, where, rules):
        kept.append(Match(start, end, where))


def _accepted_once(label, view, start, end, where, rules) -> bool:
    """accepted(), asked once per record for labels whose context rules are the same."""
    key = (label.context, start, end, where)
    known = view.accepted.get(key)
    if known is None:
        known = view.accepted[key] = accepted(label, view, start, end, where, rules)
    return known


def sentence_start(view: View, position: int) -> int:
    """Where the sentence holding a position starts."""
    i = bisect_right(view.break_starts, position - 1)
    return view.breaks[i - 1][1] if i else 0


def sentence_end(view: View, position: int) -> int:
    """Where the sentence holding a position ends."""
    i = bisect_left(view.break_starts, position)
    return view.breaks[i][0] if i < len(view.breaks) else len(view.low)


def _names_own_study(view: View, start: int, end: int, rules: Rules) -> bool:
    """Whether a match is part of words that name the record's own study ('This prospective, randomized study
    compared ...'), as a background section's first sentence may: not merely beside them ('The current study
    presents ... associated with ...')."""
    return any(m.start() < end and start < m.end() for m in rules.background_own_study.finditer(
        view.low, sentence_start(view, start), sentence_end(view, end)))


def accepted(label: Label, view: View, start: int, end: int, where: str, rules: Rules) -> bool:
    """True unless negation, a voiding neighbour or the wrong context cancels a match."""
    if label.this_study and where == "background" and not _names_own_study(view, start, end, rules):
        return False
    text = view.low
    first = max(sentence_start(view, start), start - WINDOW)
    before = text[first:start]
    if label.negatable and negated(before, rules):
        return False
    if label.unless_before and label.unless_before.search(before):
        return False
    if label.needs_before and not label.needs_before.search(before):
        return False
    if label.unless_after and label.unless_after.search(text[end:min(sentence_end(view, end), end + WINDOW)]):
        return False
    if label.needs_context or label.unless_context or (label.this_study and where == "abstract"):
        sentence = text[sentence_start(view, start):sentence_end(view, end)]
        if label.needs_context and not label.needs_context.search(sentence):
            return False
        if label.unless_context and label.unless_context.search(sentence):
            return False
        if label.this_study and where == "abstract" and about_others(sentence, rules):
            return False
    return True


def negated(before: str, rules: Rules) -> bool:
    """True when a negating word ends the text before a match closely enough ("not a", "non-")."""
    if not rules.negation_cue.search(before):
        return False
    stripped = before.rstrip(" -")
    for prefix in rules.negating_prefixes:
        at = len(stripped) - len(prefix)
        if stripped.endswith(prefix) and not (at and WORD_CHAR.match(stripped, at - 1)):
            return True
    words = WORD.findall(before)[-6:]
    for i, word in enumerate(words):
        distance = len(words) - i
        for key in ((word,), tuple(words[i - 1:i + 1]) if i else ()):
            if rules.negation.get(key, 0) >= distance:
                return True
    return False


@lru_cache(maxsize=4096)
def about_others(sentence: str, rules: Rules) -> bool:
    """True when a sentence reports other people's work and does not speak of its own, or calls for a study."""
    reports_others = bool(rules.reported.search(sentence)) and not rules.own_work.search(sentence)
    return reports_others or bool(rules.called_for.search(sentence))


# ---------------------------------------------------------------- evidence


def code_evidence(label: Label, view: View):
    """(source, reason) for the first publication type or MeSH heading a label lists, or a link type."""
    if label.code_keys.isdisjoint(view.code_keys) and not (label.ref_types and view.ref_types):
        return None
    for kind, wanted in label.codes.items():
        present = view.codes[kind]
        for key in wanted:
            if key in present and not (kind == "mesh" and label.mesh_with and not _text_has(label.mesh_with, view)):
                return kind, f"{CODED_FIELDS[kind]}: {present[key]}"
    for ref_type in label.ref_types:
        if ref_type in view.ref_types:
            pmid = view.ref_types[ref_type]
            return "ref_types", f"CommentsCorrections: {ref_type}" + (f" PMID {pmid}" if pmid else "")
    return None


def _text_has(regex, view) -> bool:
    """True when the title, keywords or abstract match a regex."""
    start, end = view.bounds["title"][0], view.bounds["background"][1]
    return regex.search(view.low, start, end) is not None


def evidence(label: Label, view: View):
    """(source, reason) for the strongest thing that puts a label on a record, or None."""
    try:
        return view.cache[label]
    except KeyError:
        pass
    if label.no_abstract and view.has_abstract:
        view.cache[label] = None  # ruled out before its MeSH are weighed against the text (mesh_with)
        return None
    if label in view.matches or not label.code_keys.isdisjoint(view.code_keys) or label.ref_types:
        hit = code_evidence(label, view) or text_evidence(label, view)
    elif label.reports_no_study:
        hit = no_study_evidence(view, view.rules)
    elif label.reports_a_study:
        hit = own_study_evidence(view, view.rules)
    else:
        hit = None  # most labels have nothing to go on in most records
    if hit and (voided(label, view) or named_in_passing(label, hit, view)):
        hit = None
    view.cache[label] = hit
    return hit


def named_in_passing(label: Label, hit: tuple, view: View) -> bool:
    """True when a label's only evidence is the abstract (its codes, chemicals, title and keywords, read
    first, name it not) and the abstract names it fewer times than it needs ('... sleep quality,
    depression, anxiety and fatigue were assessed')."""
    return hit[0] in ("abstract", "background") and label.mentions_needed > 1 and \
        count_matches(label, view, ("abstract", "background")) < label.mentions_needed


def voided(label: Label, view: View) -> bool:
    """True when the record as a whole rules a label out: it has an abstract, a MeSH heading or words it must not."""
    return bool(label.no_abstract and view.has_abstract or not label.unless_codes.isdisjoint(view.code_keys)
                or label.unless_text and _text_has(label.unless_text, view)
                and not (label.spared_by_text and _text_has(label.spared_by_text, view)))


def no_study_evidence(view: View, rules: Rules = RULES):
    """(source, reason) when an abstract about people reports no study of its own and no laboratory work, else None.

    MeSH Humans, or the record's own words, must name people, a condition or clinical medicine:
    a clinical journal's name alone does not make a device, a model or an economy a subject of medicine.
    """
    people, _, laboratory = _scores(view, TEXT_FIELDS, rules)
    if not view.has_abstract or laboratory:
        return None
    if not (people or evidence(rules.facets["population"]["humans-tag"], view) or speaks_of_medicine(view, rules)):
        return None
    start, end = view.bounds["title"][0], view.bounds["background"][1]
    if rules.own_study.search(view.low, start, end):
        return None
    return "abstract", "abstract: reports no study of its own (nobody counted, nothing measured or compared)"


def own_study_evidence(view: View, rules: Rules = RULES):
    """(source, reason) quoting the first sign that an abstract reports a study of its own, else None.

    Laboratory work on people's cells or samples reports a study too: when the laboratory is
    named, people must be named more often. An abstract that names neither reports a study of
    people where NLM indexed it Humans ("7 anencephalic pregnancies"), and not where only a
    clinical journal's name made it human: a reconstruction, a model or a device tested is methods work.
    """
    people, _, laboratory = _scores(view, TEXT_FIELDS, rules)
    if not view.has_abstract or laboratory and laboratory >= people:
        return None
    if not (people or evidence(rules.facets["population"]["humans-tag"], view)):
        return None
    start, end = view.bounds["title"][0], view.bounds["background"][1]
    found = rules.own_study.search(view.low, start, end)
    if not found:
        return None
    where = "title" if found.start() < view.bounds["title"][1] else "abstract"
    return where, f"{where}: '{snippet(view.text[found.start():found.end()].strip())}' (a study of its own, no design named)"


def text_evidence(label: Label, view: View):
    """(field, reason) for a label's first accepted text match, or None."""
    matches = view.matches.get(label)
    if not matches:
        return None
    first = matches[0]
    where = "abstract" if first.field == "background" else first.field
    end = WORD.match(view.low, first.end)  # quote whole words, not the stem a pattern stops at
    return first.field, f"{where}: '{snippet(view.text[first.start:end.end() if end else first.end])}'"


def snippet(text: str) -> str:
    """A matched phrase as a reason quotes it: spaces squeezed, long ones cut."""
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS - 1] + "…"


def count_matches(label: Label, view: View, fields, limit=MATCH_LIMIT) -> int:
    """Accepted matches of a label's patterns in the given texts, at most limit in each."""
    counts = defaultdict(int)
    for match in view.matches.get(label, ()):
        if match.field in fields:
            counts[match.field] = min(limit, counts[match.field] + 1)
    return sum(counts.values())


def named_evidence(facet: str, name: str, view: View, rules: Rules = RULES):
    """(source, reason) from the first group of a facet that gives the label name, or None."""
    for label in rules.facets[facet].values():
        if label.name == name and label in view.live:
            hit = evidence(label, view)
            if hit:
                return hit
    return None


def facet_evidence(facet: str, view: View, rules: Rules = RULES) -> dict:
    """{label: (source, reason)} for every label of a facet that has evidence."""
    found = {}
    for label in rules.facets[facet].values():
        if label in view.live and label.name not in found:
            hit = evidence(label, view)
            if hit:
                found[label.name] = hit
    return found


# ---------------------------------------------------------------- facets


FACET_NAMES = {"conditions": "condition", "routes": "route", "harms": "harm", "corrections": "correction"}


def labels_present(facet: str, view: View, rules: Rules = RULES) -> tuple:
    """(labels in rules order, reasons) for a multi-valued facet."""
    found = facet_evidence(facet, view, rules)
    return list(found), [f"{FACET_NAMES[facet]}: {label} — {reason}" for label, (_, reason) in found.items()]


def is_notice(view: View, rules: Rules = RULES):
    """(source, reason) when the record is an erratum, retraction or concern notice, else None."""
    return evidence(rules.facets["design"]["notice"], view)


def design_evidence(view: View, population: str | None, rules: Rules = RULES) -> dict:
    """{design: (source, reason)}, leaving out labels kept for other populations or other designs."""
    found = {}
    spec = rules.data["design"]
    commentary = bool(rules.commentary_title and rules.commentary_title.search(view.field_text("title")))
    laboratory = population == "animal" and not evidence(rules.facets["design"]["veterinary-clinic"], view)
    ranks = rules.design_ranks
    for label in rules.design_labels:
        if label not in view.live or label.populations and population not in label.populations:
            continue
        if (label.reports_no_study or label.reports_a_study) and any(ranks[name] < ranks[label.name] for name in found):
            continue
        if label.name in found and not (label.describes_itself and found[label.name][0] not in OWN_SOURCES):
            continue
        if label.with_designs and label.with_designs.isdisjoint(found):
            continue
        hit = evidence(label, view)
        if hit and commentary and hit[0] == "title" and label.name != "letter-editorial":
            continue  # "Comment on: a randomized trial of ..." names someone else's design
        if hit and laboratory and label.name in spec["clinical"] and hit[0] not in ("publication_types", "mesh"):
            continue  # rats "randomly divided into groups" are an experiment, not a trial
        if hit:
            found[label.name] = ("self", hit[1]) if label.describes_itself and hit[0] not in OWN_SOURCES else hit
    return found


def framed(found: dict, rules: Rules = RULES) -> dict:
    """Drop designs that a letter's, notice's or review's own type says belong to the papers it discusses."""
    for frame, keep in rules.data["design"]["frames"].items():
        if frame in found and found[frame][0] in OWN_SOURCES:
            return {
                label: hit for label, hit in found.items()
                if label == frame
                or label in (keep.get("any") or ())
                or (hit[0] in OWN_SOURCES and label in (keep.get("own") or ()))
                or (hit[0] == "publication_types" and label in (keep.get("publication_types") or ()))
            }
    return found


def secondary(found: dict, rules: Rules = RULES) -> bool:
    """True when the record's own type or title says it discusses other people's studies."""
    return any(found.get(frame, ("",))[0] in OWN_SOURCES for frame in rules.data["design"]["frames"])


def decide_design(found: dict, rules: Rules = RULES) -> tuple:
    """(design, reason): the most specific design the evidence supports."""
    spec = rules.data["design"]
    kept = framed(found, rules)
    for label in spec["overrides"] + spec["order"]:
        if label in kept:
            return spec["reported_as"].get(label, label), kept[label][1]
    return spec["fallback"], spec["fallback_reason"]


def decide_population(view: View, design_found: dict, rules: Rules = RULES) -> tuple:
    """(population, reason): laboratory work first, then MeSH check tags where indexed, then the words used."""
    labels = rules.facets["population"]
    news = evidence(labels["news"], view)
    if news:
        return "unknown", f"a news item ({news[1]}) studies nobody"
    humans, animals = (evidence(labels[k], view) for k in ("humans-tag", "animals-tag"))
    people_tagged = bool(humans) and not rules.people_tags.isdisjoint(view.code_keys)
    laboratory = None if people_tagged else laboratory_work(view, design_found, bool(humans or animals), rules)
    if laboratory:
        return "in-vitro", laboratory
    if humans and animals:
        people, animal_words = bool(named_evidence("population", "human", view, rules)), _scores(view, TEXT_FIELDS, rules)[1]
        if animal_words and not people:
            named = rules.humans_in_title.search(view.text, *view.bounds["title"])
            if named:
                # "Sensory discriminability in monkeys and humans": the title sets people beside the animals
                return "mixed", f"MeSH: Humans and Animals, and the title names people beside animals " \
                                f"(title: '{named.group()}')"
            return "animal", "MeSH: Humans and Animals, but the text names no people studied"
        if people and not animal_words:
            return "human", "MeSH: Humans and Animals, but the text names no animals studied"
        parasite = evidence(labels["parasites"], view)
        if parasite and not animal_words:
            return "human", f"MeSH: Humans and Animals, but the animals are parasites or vectors of people ({parasite[1]})"
        return "mixed", "MeSH: Humans and Animals"
    if humans or animals:
        return ("human", "MeSH: Humans, no Animals") if humans else ("animal", "MeSH: Animals, no Humans")
    veterinary = evidence(labels["veterinary"], view)
    if veterinary:
        return "animal", veterinary[1]
    return population_from_text(view, design_found, rules)


def laboratory_work(view: View, design_found: dict, tagged: bool, rules: Rules = RULES):
    """Why a record is laboratory work with no living subject, or None.

    Cells, microbes, molecules, chemistry or computer models (in words or MeSH); no living
    animal, no dosing and no clinical design; and plants, field sites and people each named far
    less often than the laboratory: a chemistry paper may name the patients it hopes to help, or
    the leaves its compounds came from.
    MeSH check tags are outweighed only by the surest laboratory evidence or by laboratory
    words (and decide_population does not ask when they give the age or sex of people).
    """
    spec = rules.data["population"]
    lab = named_evidence("population", "in-vitro", view, rules)
    if not lab or named_evidence("population", "in-vivo", view, rules):
        return None
    if _clinical(design_found, rules):
        return None
    if any(design in rules.data["evidence_level"]["reviewing"] for design in design_found) and \
            any(kind in spec["reviews_of_people"] for kind in facet_evidence("reviewed", view, rules)):
        return None
    people, animals, words = _scores(view, TEXT_FIELDS, rules)
    headings = len(_headings(rules.facets["population"]["in-vitro-techniques"], view)) if tagged else 0
    # "in vivo" beside cells names no species: a page of laboratory words outweighs a mention of it
    in_vivo = count_matches(rules.facets["population"]["animal-in-vivo"], view, TEXT_FIELDS)
    if (animals > in_vivo and not _animals_are_a_source(view, headings, words, animals, rules)) or \
            in_vivo * spec["in_vivo_dominance"] > words:
        return None
    if _population_words("environment", view, rules) * spec["environment_dominance"] > words:
        return None  # plants or a field site, with a few laboratory words beside them
    if _population_words("engineering", view, rules) > words:
        return None  # circuits that simulate a network are engineering, not a computer model of biology
    if (not view.has_abstract and lab[0] != "mesh" and words < spec["laboratory_words_without_abstract"]
            and named_evidence("population", "clinical", view, rules)):
        return None
    if tagged:
        surest = next(filter(None, (evidence(rules.facets["population"][k], view) for k in spec["over_check_tags"])), None)
        if not surest and words < spec["laboratory_words_over_check_tags"] and \
                headings < spec["laboratory_headings_over_check_tags"]:
            return None
        lab = surest or lab
        words += headings  # the bench's headings weigh against a material's name read as people ("Human fibrinogen")
    if animals > in_vivo and not people:
        return f"{lab[1]}: {words} laboratory word(s) and MeSH heading(s) to {animals} for animals, the source of a material"
    if not people:
        return f"{lab[1]}, and no people or living animals studied"
    if words >= people * spec["dominance"]:
        return f"{lab[1]}: {words} laboratory word(s) to {people} for people, and no living animals studied"
    return None


def _animals_are_a_source(view: View, headings: int, words: int, animals: int, rules: Rules) -> bool:
    """Whether the animals a laboratory record names are only where its material came from: the bench's MeSH
    headings and words outweigh them ("acyl-CoA dehydrogenase from pig liver", "squid rhodopsin"), or the title puts
    the work in vitro ("hamster melanoma growth in vitro")."""
    spec = rules.data["population"]
    outweighed = headings >= spec["laboratory_headings_over_check_tags"] and words + headings >= animals * spec["dominance"]
    return outweighed or bool(rules.laboratory_title.search(view.text, *view.bounds["title"]))


def _headings(label: Label, view: View) -> set:
    """The record's MeSH headings (and other codes) that a label names, as the label shows them."""
    return {shown for wanted in label.codes.values() for key, shown in wanted.items() if key in view.code_keys}


def _clinical(design_found: dict, rules: Rules) -> bool:
    """Whether any design found is one of clinical research (population.clinical_designs)."""
    return any(design in rules.data["population"]["clinical_designs"] for design in design_found)


def population_from_text(view: View, design_found: dict, rules: Rules = RULES) -> tuple:
    """(population, reason) from words for people and for animals: the title's first, then the abstract's."""
    people, animals, _ = _scores(view, ("title", "keywords"), rules)
    if people or animals:
        return _weigh(people, animals, view, ("title", "keywords"), rules)
    # Background sections describe the field, not who was studied.
    fields = ("abstract",) if view.field_text("abstract") else ("background",)
    people, animals, _ = _scores(view, fields, rules)
    if secondary(design_found, rules) and people and animals:
        # A review that mentions dogs in passing is not an animal study.
        return "human", f"{_first_reason('human', view, rules)}; species only in the abstract of a review or letter"
    field = _unpeopled_work(view, design_found, people, animals, rules)
    if field:
        return "unknown", field
    if people or animals:
        return _animals_beside_patients(people, animals, view, design_found, fields, rules) or \
            _weigh(people, animals, view, fields, rules)
    untold = named_evidence("population", "unknown", view, rules)
    if untold:
        return "unknown", f"no abstract, and the title names only the kind of record ({untold[1]})"
    hint = _clinical_hint(view, design_found, rules)
    if hint:
        return "human", f"no words for people or animals, but {hint}"
    return "unknown", "no MeSH check tags and no words for people or animals"


def _population_words(name: str, view: View, rules: Rules) -> int:
    """How often the population labels given as `name` match the record's texts."""
    return sum(count_matches(label, view, TEXT_FIELDS) for label in rules.facets["population"].values()
               if label.name == name)


def _unpeopled_work(view, design_found, people, animals, rules):
    """Why a record is field or engineering work that studies nobody, or None.

    Plants, field sites, devices, circuits and models (words and MeSH headings counted), no
    animals, and the abstract's only words for people weak ones ("people", "individuals") for plants
    and field sites; otherwise no clinical design and the people the abstract names outnumbered by
    those words `dominance` times ("health risks to children" from a soil survey, "students"
    trained on a model), and at least `unpeopled_words` of them. MeSH Humans never get this far.
    """
    spec = rules.data["population"]
    if animals:
        return None
    found = []
    for label in rules.facets["population"].values():
        if label.name in ("environment", "engineering") and label in view.live:
            hit = evidence(label, view)
            if hit:
                found.append((label.name, hit, count_matches(label, view, TEXT_FIELDS) + len(_headings(label, view))))
    if not found:
        return None
    words = sum(count for _, _, count in found)
    named = named_evidence("population", "human", view, rules)  # not only "people", "individuals"
    field = next((hit for name, hit, _ in found if name == "environment"), None)
    if field and not named:
        return f"plants or a field site ({field[1]}), and no people or animals studied"
    if _clinical(design_found, rules):
        return None  # "a 62-year-old woman presented with ...": a case, whatever else it names
    if words < max(spec["unpeopled_words"], people * spec["dominance"]):
        return None
    name, hit, _ = found[0]
    kind = "plants or a field site" if name == "environment" else "engineering"
    if people:
        return f"{kind} ({hit[1]}): {words} such word(s) to {people} for people, named in passing, and no animals"
    return f"{kind} ({hit[1]}), {words} such word(s), and no people or animals studied"


def _clinical_hint(view, design_found, rules):
    """Why a record with no words for subjects is still about people: a clinical design, condition or topic."""
    for design, (source, reason) in design_found.items():
        if design in rules.data["population"]["clinical_designs"]:
            return f"design {design} ({reason})"
    conditions = facet_evidence("conditions", view, rules)
    if conditions:
        label, (source, reason) = next(iter(conditions.items()))
        return f"it concerns {label} ({reason})"
    clinical = named_evidence("population", "clinical", view, rules)
    if (clinical and clinical[0] == "journal" and view.has_abstract and "laboratory" in design_found
            and not speaks_of_medicine(view, rules)):
        return None  # a device, method or program in a clinical journal whose abstract names nothing clinical
    if clinical and clinical[0] == "journal" and view.codes["mesh"]:
        return None  # indexed in MeSH with no Humans or Animals tag: a journal's name alone does not say who was studied
    if clinical:
        return f"it speaks of clinical medicine ({clinical[1]})"
    return None


def speaks_of_medicine(view, rules) -> bool:
    """True when the title, keywords or abstract (not the journal's name) use the words of clinical
    medicine or name a condition."""
    clinical = (label for label in rules.facets["population"].values() if label.name == "clinical")
    return any(count_matches(label, view, TEXT_FIELDS) for label in clinical) or bool(facet_evidence("conditions", view, rules))


def _scores(view, fields, rules):
    """(people, animals, laboratory): accepted matches of each kind of word counted in the given fields."""
    people = animals = laboratory = 0
    for label in rules.facets["population"].values():
        if label.name in ("human", "human-word"):
            people += count_matches(label, view, fields)
        elif label.name == "animal":
            animals += count_matches(label, view, fields)
        elif label.name == "in-vitro":
            laboratory += count_matches(label, view, fields)
    return people, animals, laboratory


def _animals_beside_patients(people, animals, view, design_found, fields, rules):
    """("animal", reason) when an abstract that reports no study of people (no clinical design, no sign of a study of
    its own among people) names animals at least as often as people: its patients are those the work may help one
    day ("a target for patients with triple negative breast cancer ... in mice"); else None."""
    if animals and people <= animals and not _clinical(design_found, rules) and own_study_evidence(view, rules) is None:
        counts = f"{fields[0]}: {people} word(s) for people, {animals} for animals"
        return "animal", f"{counts}, and no study of people ({_first_reason('animal', view, rules)})"
    return None


def _weigh(people, animals, view, fields, rules):
    """Human, animal or mixed by which kind of word dominates."""
    dominance = rules.data["population"]["dominance"]
    counts = f"{fields[0]}: {people} word(s) for people, {animals} for animals"
    if animals and people and not any(count_matches(label, view, fields) for label in rules.facets["population"].values()
                                      if label.name == "human"):
        # "individuals", "subjects" beside animals are the animals' own
        return "animal", f"{counts}, and the words for people are only 'individuals', 'subjects' or the like ({_first_reason('animal', view, rules)})"
    if animals and people < animals * dominance and animals < people * dominance:
        return "mixed", f"{counts} ({_first_reason('human', view, rules)}; {_first_reason('animal', view, rules)})"
    kind = "human" if people > animals else "animal"
    return kind, f"{counts} ({_first_reason(kind, view, rules)})"


def _first_reason(key, view, rules):
    """The reason the first word for people (or animals) gives, for quoting."""
    labels = rules.facets["population"]
    hit = evidence(labels[key], view) or (key == "human" and evidence(labels["human-word"], view))
    return hit[1] if hit else "none"


def evidence_level(design: str, population: str, rules: Rules = RULES, reviewed=()) -> tuple:
    """(level or None, reason) on the OCEBM 2011 treatment-benefits ladder, from the design alone;
    a systematic review or meta-analysis takes the level of the kinds of study it says it pooled
    (reviewed: names from the reviewed facet), the least rigorous of them."""
    spec = rules.data["evidence_level"]
    if design in spec["not_applicable"]:
        return None, f"evidence level: none — a {design} is not rated on the ladder"
    if population in spec["preclinical"]:
        level = spec["preclinical_level"]
        return level, f"evidence level: {level} — {population} work is mechanism-based reasoning (design-based, not a quality grade)"
    level = spec["levels"].get(design)
    if level is None:
        return None, f"evidence level: none — design {design} is not on the ladder"
    pooled = [kind for kind in reviewed if kind in spec["reviews"]] if design in spec["reviewing"] else []
    if pooled:
        weakest = max(pooled, key=lambda kind: spec["reviews"][kind])
        level = spec["reviews"][weakest]
        return level, (f"evidence level: {level} — a {design} of {' and '.join(k.replace('-', ' ') for k in pooled)} "
                       f"takes the level of {weakest.replace('-', ' ')} (design-based, not a quality grade)")
    return level, f"evidence level: {level} — OCEBM 2011 level for {design} (design-based, not a quality grade)"


def decide_form(view: View, rules: Rules = RULES) -> tuple:
    """(ketamine form, reason): the enantiomer named, racemic, or unspecified."""
    spec = rules.data["ketamine_form"]
    found = facet_evidence("ketamine_form", view, rules)
    for label in spec["order"]:
        if label in found:
            return label, f"ketamine form: {label} — {found[label][1]}"
    return spec["fallback"], None


def retraction(view: View, notice, rules: Rules = RULES) -> tuple:
    """(1 or 0, reason): is this article itself retracted? A retraction notice is not."""
    hit = None if notice else evidence(rules.facets["retracted"]["retracted"], view)
    return (1, f"retracted — {hit[1]}") if hit else (0, None)


# ---------------------------------------------------------------- the API


def harms_none_reported(harms, view: View, rules: Rules = RULES) -> list:
    """The harms a record looked for and found none of: every mention of them is negated
    ("no hallucinations", "nausea was not reported"); a publication type or MeSH heading,
    or one plain mention, says the harm was reported."""
    found = []
    for name in harms:
        groups = [label for label in rules.facets["harms"].values() if label.name == name]
        if any(code_evidence(label, view) for label in groups):
            continue
        mentions = [m for label in groups for m in view.matches.get(label, ())]
        if mentions and all(absent(view, m, rules) for m in mentions):
            found.append(name)
    return found


def absent(view: View, match: Match, rules: Rules = RULES) -> bool:
    """True when the words around a mention of a harm say there was none of it."""
    text = view.low
    before = text[max(sentence_start(view, match.start), match.start - WINDOW):match.start]
    after = text[match.end:min(sentence_end(view, match.end), match.end + WINDOW)]
    return (negated(before, rules) or bool(rules.absent_before and rules.absent_before.search(before))
            or bool(rules.absent_after and rules.absent_after.search(after)))


def assess(record: dict, rules: Rules = RULES) -> dict:
    """Classify one parsed record (docs/record.md): every facet, and why; and which harms it
    looked for and found none of (harms_none_reported, a part of harms)."""
    view = View(record, rules)
    notice, said = read_by_rules(view, rules)
    if rules.weights and not notice:
        counted = words_counted(view, record, rules)
        for field, (answer, why) in weights.weigh(record, as_weighed(said), rules.weights, counted,
                                                  weighable(said, rules)).items():
            said[field] = (answer, f"{why}; the rules read: {said[field][1]}")
    (design, design_reason), (population, population_reason) = said["design"], said["population"]
    reviewed = facet_evidence("reviewed", view, rules)
    level, level_reason = evidence_level(design, population, rules, reviewed)
    # A notice's subject matter belongs to the article it concerns, which carries it.
    content = [([], []) if notice else labels_present(f, view, rules) for f in ("conditions", "routes", "harms")]
    (conditions, condition_reasons), (routes, route_reasons), (harms, harm_reasons) = content
    none_reported = harms_none_reported(harms, view, rules)
    harm_reasons = [f"{reason} (looked for, none reported)" if label in none_reported else reason
                    for label, reason in zip(harms, harm_reasons)]
    corrections, correction_reasons = labels_present("corrections", view, rules)
    retracted, retracted_reason = retraction(view, notice, rules)
    form, form_reason = decide_form(view, rules)
    reasons = [f"design: {design} — {design_reason}", level_reason, f"population: {population} — {population_reason}"]
    reasons += condition_reasons + route_reasons + harm_reasons
    reasons += [r for r in (retracted_reason,) if r] + correction_reasons + [r for r in (form_reason,) if r]
    return {
        "design": design, "evidence_level": level, "population": population,
        "conditions": conditions, "routes": routes, "harms": harms, "harms_none_reported": none_reported,
        "retracted": retracted, "corrections": corrections, "ketamine_form": form,
        "classification_reasons": reasons,
    }


def read_by_rules(view: View, rules: Rules = RULES) -> tuple:
    """(notice, {"design": (answer, reason), "population": (answer, reason)}) as the rules alone read a record,
    before the weights."""
    notice = is_notice(view, rules)
    first = design_evidence(view, None, rules)
    population = ("unknown", f"a notice ({notice[1]}) studies nobody") if notice else decide_population(view, first, rules)
    return notice, {"design": decide_design(design_evidence(view, population[0], rules), rules), "population": population}


def weighable(said: dict, rules: Rules = RULES) -> tuple:
    """The fields of read_by_rules' answers the word weights may overrule: not a design the record names for
    itself (rules.yml's design 'stands'), which the label definitions follow."""
    return tuple(field for field in weights.FIELDS if not (
        field == "design" and rules.design_stands and rules.design_stands.search(said["design"][1])))


def as_weighed(said: dict) -> dict:
    """{field: (the rules' answer, the kind of their reason)}: what harvest.weights reads of read_by_rules' answers."""
    return {field: (answer, reason_kind(reason)) for field, (answer, reason) in said.items()}


def words_counted(view: View, record: dict, rules: Rules = RULES) -> frozenset:
    """What the rules' words for people, animals and laboratory work say of a record without MeSH, for its word
    weights (harvest.weights.features): which of them stand in its title ("title animals"), and which of people
    and animals its text names more ("more animals", "more people", "as many"). Nothing for a record with MeSH,
    whose weights read its headings instead."""
    if record.get("mesh"):
        return frozenset()
    in_title = _scores(view, ("title",), rules)
    found = {f"title {kind}" for kind, count in zip(("people", "animals", "lab"), in_title) if count}
    people, animals, _ = _scores(view, TEXT_FIELDS, rules)
    found.add("more animals" if animals > people else "more people" if people > animals else "as many")
    return frozenset(found)


def classify(record: dict, rules: Rules = RULES) -> dict:
    """Classify one parsed record (docs/record.md): every facet, and why."""
    result = assess(record, rules)
    del result["harms_none_reported"]
    return result


# What a reason quotes from its record ('…' up to a closing quote that ends a word: "title: 'Crohn's
# disease')"), and the numbers it counts.
REASON_PARTICULARS = re.compile(r"'.*?'(?=[\s),;:]|$)|\d+")


def reason_kind(reason: str) -> str:
    """A reason without the words it quotes or the numbers it counts: every record labelled by the same
    rule, for the same kind of evidence, gives the same kind ("population: human — abstract: N word(s) for
    people, N for animals (abstract: '…')")."""
    return REASON_PARTICULARS.sub(lambda m: "N" if m.group()[0].isdigit() else "'…'", reason)


# ---------------------------------------------------------------- a claim


CLAIM_FACETS = ("conditions", "routes")


def recognise(text: str, rules: Rules = RULES) -> dict:
    """What one sentence names (a claim a writer pastes): the conditions and routes, read by the
    same rules that label records, the population its words are about, and the rest of its words."""
    view = View({"title": text}, rules)
    found = {facet: facet_evidence(facet, view, rules) for facet in CLAIM_FACETS}
    people, animals, _ = _scores(view, ("title",), rules)
    population = "animal" if animals > people else "human" if people else None
    start, end = view.bounds["title"]
    named = [(m.start - start, m.end - start) for facet in CLAIM_FACETS
             for label in rules.facets[facet].values() for m in view.matches.get(label, ())]
    return {**{facet: list(found[facet]) for facet in CLAIM_FACETS}, "population": population,
            "reasons": {label: reason for facet in CLAIM_FACETS for label, (_, reason) in found[facet].items()},
            "rest": _unnamed_words(view.text[start:end], named)}


def _unnamed_words(text: str, named: list) -> list:
    """The words of a text outside the spans the rules named."""
    return [m.group() for m in WORD.finditer(text)
            if not any(a <= m.start() < b or a < m.end() <= b for a, b in named)]
