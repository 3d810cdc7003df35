"""Pure extraction: what a record says about its own study, each value with the words it came from.

A parsed record (docs/record.md) and its classification in; participants, studies
included, trial registrations, design signals, comparators, follow-up, ketamine
doses and the authors' conclusion out. Every value keeps a Quote: the text it was
read from ('title', 'abstract' or 'databank') and the character offsets of the words
in that text, so a page can show them and highlight them. Where the record is silent
or ambiguous a value is left out rather than guessed.

The patterns are data (extract.yml beside this module); this code only applies them.
There is no network, database or clock here; the only file written is the cache of the compiled
scan (harvest.scan).
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from harvest import classify, read_yaml, scan, vocabulary, weights
from harvest.scan import (Scanner, ascii_text, lookarounds_as_groups, without_anchors, without_boundaries,
                          without_lookarounds)

PATTERNS_PATH = Path(__file__).with_name("extract.yml")
# Designs of records that pool other studies, and of records that report no study at all.
REVIEWS = set(vocabulary.SYNTHESES)
NOT_A_STUDY = set(vocabulary.DESIGN.values()) - REVIEWS - set(vocabulary.PRIMARY_STUDIES)
DIGITS = re.compile(r"\d+")


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Quote:
    """Where a value was read: the text ('title', 'abstract', 'databank'), offsets in it, and the words."""

    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Found:
    value: object
    quote: Quote


@dataclass(frozen=True)
class Dose:
    dose_text: str
    low: float
    high: float
    unit: str
    route: str | None
    schedule: str | None
    quote: Quote


@dataclass(frozen=True)
class Registration:
    registry: str
    registration_id: str
    source: str  # 'databank' (the record's DataBankList) or 'text'
    url: str | None
    quote: Quote | None


@dataclass
class Extraction:
    sample_size: Found | None = None
    studies_included: Found | None = None
    randomised: Found | None = None
    blinding: Found | None = None
    placebo_controlled: Found | None = None
    comparators: list = field(default_factory=list)
    follow_up_days: Found | None = None
    doses: list = field(default_factory=list)
    registrations: list = field(default_factory=list)
    conclusion: Found | None = None


# ---------------------------------------------------------------- compiled patterns


def _words(items) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


def _any(patterns, flags=re.IGNORECASE):
    if not patterns:
        return None
    if isinstance(patterns, str):
        patterns = [patterns]
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


class Guarded:
    """A compiled expression behind a cheap first look for the plain texts one of which every match of it holds
    (classify.required_texts). Most texts a long expression is asked about hold none of them, and looking for a
    few words costs far less than trying its alternatives at every position of the text.

    The look reads the text as scan.ascii_text does, lower-cased (a letter read as its ASCII case twin, as
    re.IGNORECASE does), so it never rules out a text the expression matches, with or without IGNORECASE.
    """

    __slots__ = ("regex", "pattern", "needs")

    def __init__(self, regex: re.Pattern, needs: tuple):
        self.regex, self.pattern, self.needs = regex, regex.pattern, needs

    def may_match(self, text: str) -> bool:
        last = _FOLDED[0]
        if last[0] is not text:
            last = _FOLDED[0] = (text, ascii_text(text).lower())
        low = last[1]
        for need in self.needs:
            if need in low:
                return True
        return False

    def search(self, text, *bounds):
        return self.regex.search(text, *bounds) if self.may_match(text) else None

    def match(self, text, *bounds):
        return self.regex.match(text, *bounds) if self.may_match(text) else None

    def fullmatch(self, text, *bounds):
        return self.regex.fullmatch(text, *bounds) if self.may_match(text) else None

    def finditer(self, text, *bounds):
        return self.regex.finditer(text, *bounds) if self.may_match(text) else iter(())


# The last text folded and its folding, as one pair: one window is asked about by many expressions in turn.
_FOLDED = [("", "")]

# Which expressions are worth the first look (a matter of speed only: the answers are the same either way): long
# ones, whose search tries many alternatives at each position, that need one of a few words (looking for many
# costs as much as the search).
GUARDED_LENGTH, GUARDED_NEEDS = 200, 65


def guarded(value, done: dict):
    """Every compiled expression in a value (a pattern, or lists, tuples and dicts of them) behind a first look
    where it is worth one, each expression once (done: by id), so that one named twice stays one object."""
    if isinstance(value, re.Pattern):
        if id(value) not in done:
            needed = classify.required_texts(lookarounds_as_groups(value.pattern))
            needs = tuple(dict.fromkeys(ascii_text(need).lower() for need in needed))
            worth = len(value.pattern) > GUARDED_LENGTH and len(needs) <= GUARDED_NEEDS and "" not in needs
            done[id(value)] = Guarded(value, needs) if worth else value
        return done[id(value)]
    if isinstance(value, (list, tuple)):
        return type(value)(guarded(v, done) for v in value)
    if isinstance(value, dict):
        return {k: guarded(v, done) for k, v in value.items()}
    return value


def _forms(patterns) -> tuple:
    """Each form of a list compiled apart, for asking only whether a sentence holds any (Reading.holds): each is
    scanned for apart, a form anchored at the start is tried there only, and a long one behind its first look, where
    one expression of them all would try every form at every position."""
    return tuple(_any(form) for form in patterns)


def _scannable(form) -> bool:
    """Whether the scan can tell the sentences a form of a list may match in: not where its match may be empty
    ('^(?=.*https?://)'), which ends where it starts and so marks no sentence, nor where it is anchored to a
    sentence's end ('^[^\\s]+$'), which the scan, reading no anchors, would find after nearly every word."""
    return "$" not in form.pattern and _never_empty(form.pattern)


def _never_empty(pattern: str) -> bool:
    """Whether every match of a pattern holds a character: one that may match nothing ends where it starts, and a scan
    marks no place by it."""
    return re._parser.parse(pattern).getwidth()[0] > 0


class WindowScan:
    """Expressions asked about short texts cut out of a sentence (the words before a count, those after it), scanned
    for in one pass over such a text (harvest.scan): which of them may match in it or in any part of it. Some forty
    are asked about the same two texts for each count, and most match in neither: one scan costs less than trying
    two of them.

    Each is scanned for without its boundaries, anchors and lookarounds: what is left matches wherever it does in
    any text cut out of the one scanned, whatever the cut (mid-word) makes of a boundary or a lookbehind there. One
    that may match an empty text marks no place, and is not scanned for: it may always match."""

    def __init__(self, regexes):
        self.names, forms = {}, {}
        # Without Hyperscan the scan would be Python trying every expression in turn, more than phrase_candidates
        # asks: then none is scanned for, and each is tried where it is asked.
        for regex in regexes if scan.hyperscan is not None else ():
            form = without_lookarounds(without_boundaries(regex.pattern))
            if id(regex) not in self.names and _never_empty(without_anchors(form)):
                self.names[id(regex)] = name = str(len(forms))
                forms[name] = form
        self.scanner = Scanner(forms)

    def found(self, text: str) -> "WindowScan.Found":
        return WindowScan.Found(self.names, self.scanner.ends(text).keys())

    class Found:
        """One text's scan: whether an expression may match in the text, or in a part of it."""

        __slots__ = ("names", "hits")

        def __init__(self, names: dict, hits):
            self.names, self.hits = names, hits

        def may_match(self, regex) -> bool:
            name = self.names.get(id(regex))
            return name is None or name in self.hits

        def search(self, regex, text: str):
            """regex.search(text), for a part of the text scanned (None where the scan rules it out)."""
            return regex.search(text) if self.may_match(regex) else None

        def match(self, regex, text: str):
            """regex.match(text), for a part of the text scanned (None where the scan rules it out)."""
            return regex.match(text) if self.may_match(regex) else None


@dataclass(frozen=True)
class Registry:
    name: str
    id: re.Pattern
    named_number: re.Pattern | None
    prefix: str | None
    needs_context: re.Pattern | None
    databank: tuple
    url: str
    id_case: str = "upper"  # how the registry writes its ids: upper, lower or as-written
    id_letters: str | None = None  # the letters its ids start with, spelled as it spells them
    keeps_mark: bool = False  # whether it writes a mark after those letters ('RBR-7xyz')


class Patterns:
    """extract.yml compiled once."""

    def __init__(self, data: dict):
        self.data = data
        self.version = str(data["version"])
        self.conclusion_weights: "weights.SentenceWeights | None" = None  # set on the packaged patterns below
        self.skipped_sections = {s.upper() for s in data["skipped_sections"]}
        # a sentence of an unstructured abstract that opens on such a label ("Background: Improved breastfeeding ...")
        self.opens_skipped_label = re.compile(r"\s*(?:%s)\s*:" % _words(map(re.escape, self.skipped_sections)),
                                              re.IGNORECASE)
        abbreviations = sorted(data["abbreviations"], key=len, reverse=True)
        self.abbreviation = re.compile(r"(?:^|[\s(])(?:%s)\.$" % "|".join(re.escape(a) for a in abbreviations),
                                       re.IGNORECASE)
        self._numbers(data["numbers"])
        self._participants(data["participants"])
        self._reviews(data["reviews"])
        randomised = data["randomised"]
        self.randomised = {"stated": _any(randomised["stated"] + randomised["allocated"]),
                           "allocated": _any(randomised["allocated"]), "denied": _any(randomised["denied"])}
        vocabulary.require("blinding", data["blinding"], "extract.yml blinding")
        self.blinding = {k: _any(v) for k, v in data["blinding"].items()}
        self.placebo = _any(data["placebo"]["stated"])
        self.placebo_anywhere = _any(data["placebo"]["stated"] + data["placebo"]["also_anywhere"])
        self.comparison_cues = _any(data["comparison_cues"])
        self.compares = _any(data["compares"])
        self.comparators = {name: _any(p) for name, p in data["comparators"].items()}
        self.drug = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % _words(data["drugs"]), re.IGNORECASE)
        # drugs the list names in the singular or the plural ('opioids?'), each named by its singular
        self.drug_singulars = frozenset(d.removesuffix("s?") for d in data["drugs"] if d.endswith("s?"))
        self.studied_drug = _any(data["studied_drug"])
        self._doses(data["dose"])
        follow = data["follow_up"]
        self.follow_cue = _any(follow["cue"])
        self.after_event = _any(follow["after_event"])
        self.later = _any(follow["later"])
        self.threshold_after = _any(follow["threshold_after"])
        self.later_not_in = _any(follow["later_not_in"])
        self.not_before_duration = _any(follow["not_before"])
        self.not_after_duration = _any(follow["not_after"])
        self.duration = _any(follow["duration"].replace("{N}", self.time_number))
        self.time_point_before = _any(follow["time_point_before"])
        self.numbered_time_point = _any(follow["numbered_time_point"])
        self.outcome_horizon_after = re.compile(follow["outcome_horizon_after"], re.IGNORECASE)
        self.period_before = _any(follow["period_before"])
        self.period_after = _any(follow["period_after"])
        self.period_sentence = _any(follow["period_sentence"])
        self.days_per = follow["days_per"]
        self.longest_days = follow["longest_days"]
        conclusion = data["conclusion"]
        self.conclusion_section = _any(conclusion["sections"])
        self.closing_section = re.compile(conclusion["closing_sections"], re.IGNORECASE)
        self.conclusion_cues = [_any(c) for c in conclusion["cues"]]
        self.boilerplate = _forms(conclusion["boilerplate"])
        self.inline_conclusion = re.compile(conclusion["inline_label"])
        self.glued_notes = re.compile(conclusion["glued_notes"])
        self.aims = _forms(conclusion["aims"])
        self.asides = _forms(conclusion["asides"])
        self.continues = re.compile(conclusion["continues"], re.IGNORECASE)
        self.not_a_finding = _forms(conclusion["not_a_finding"]) + self.aims
        self.not_conclusion_section = re.compile(conclusion["not_from_sections"])
        self.methods_section = re.compile(data["participants"]["methods_sections"])
        self.participants_section = re.compile(data["participants"]["participants_section"])
        self.plans = _any(conclusion["plans"])
        self.given_as = frozenset(data["given_as"])
        self.registries = [self._registry(r) for r in data["registries"]]
        bands = vocabulary.FACETS["sample_size_band"].labels.values()
        self.bands = [(band.start, band.value) for band in bands if band.start is not None]
        self.band_unknown = next(band.value for band in bands if band.start is None)
        self.equals = re.compile("=")
        done = {}  # long expressions behind their first look, each compiled expression once
        for name, value in list(vars(self).items()):
            if name != "data":
                setattr(self, name, guarded(value, done))
        # A cheap first look: most records name no registry, so none of their words.
        words = sorted({w.lower() for r in data["registries"] for w in r["look_for"]}, key=lambda w: (-len(w), w))
        self.registry_words = re.compile(r"\b(?:%s)" % "|".join(map(re.escape, words)))  # read lower-cased text
        self._scan()
        self._around_a_count()

    def _scan(self):
        """One scan of a record finds where any pattern that picks out sentences may match."""
        picked = {"phrase": self.phrase, "equals": self.equals, "arm_count": self.arm_count, "placebo": self.placebo,
                  "compares": self.compares, "duration": self.duration, "dose": self.dose,
                  "numbered time point": self.numbered_time_point,
                  "registry_words": self.registry_words,
                  **{f"randomised {k}": r for k, r in self.randomised.items()},
                  **{f"blinding {k}": r for k, r in self.blinding.items()},
                  **{f"conclusion cue {i}": r for i, r in enumerate(self.conclusion_cues)}}
        # Patterns read sentence by sentence, scanned too so that sentences where they cannot match are passed
        # over: the studied drug, other drugs, the comparators, a review's counts, and others' work.
        picked.update({"people": self.people_words, "studied_drug": self.studied_drug, "drug": self.drug,
                       "reported": classify.RULES.reported, "called_for": classify.RULES.called_for,
                       **{f"comparator {k}": r for k, r in self.comparators.items()},
                       **{f"review counted {i}": r for i, r in enumerate(self.review_counted)},
                       **{f"review counted weakly {i}": r for i, r in enumerate(self.review_counted_weakly)},
                       "review participants equal": self.review_participants[1],
                       **{f"equals {i}": r for i, r in enumerate(self.equals_counts)},
                       "sum of groups": self.sum_of_groups, "group phrase": self.group_phrase,
                       "named group": self.named_group, "several studies": self.several_studies,
                       "inline conclusion": self.inline_conclusion, "glued notes": self.glued_notes})
        # The forms a conclusion's sentences are asked whether they hold (Reading.holds), each apart, where the scan
        # can tell which sentences they may match in.
        picked.update({f"{name} {i}": form for name in ("boilerplate", "aims", "asides", "not_a_finding")
                       for i, form in enumerate(getattr(self, name)) if _scannable(form)})
        # Keyed by the pattern object's id: a compiled pattern hashes its whole text at every lookup (16 µs for
        # the longest), and sentences are looked up by pattern many times a record.
        self.scanned = {id(regex): name for name, regex in picked.items()}
        # Where a pattern's own form is slow to scan for, the scan looks for a piece of every match of it.
        self.scan_forms = {self.n_equals: self.data["participants"]["n_equals_scan"]}
        # (each expression once, by the last name it is picked by: not_a_finding ends with the aims)
        self.scan_patterns = {name: self.scan_forms.get(regex, regex.pattern) for name, regex in picked.items()
                              if self.scanned[id(regex)] == name}
        self.scanner = Scanner(self.scan_patterns)
        self._apart = {}

    def forms_apart(self, forms) -> tuple:
        """(the forms of a list the scan does not look for, those it does), each list split once (Reading.holds asks
        of every sentence). The list is kept beside them, so that no other list can take its id, by which it is found
        here and in Reading._list_ends."""
        known = self._apart.get(id(forms))
        if known is None or known[0] is not forms:
            scanned = [form for form in forms if id(form) in self.scanned]
            known = self._apart[id(forms)] = (forms, [form for form in forms if id(form) not in self.scanned], scanned)
        return known[1:]

    def _around_a_count(self):
        """The expressions phrase_candidates asks about the words just before a count of people and just after it,
        each set scanned for at once (WindowScan), and the words for people in the text before an 'n =' that
        n_equals_matches tries."""
        self.people_window = WindowScan([self.people_anywhere])
        tiers = self.tiers.values()
        self.words_before = WindowScan([self.label_before, self.rate_before, self.list_before, self.per_group_before,
                                        self.count_mark, self.planned_before, self.others_before, self.share_of,
                                        self.some_of_those_before, *(r for befores, _ in tiers for r in befores)])
        self.words_after = WindowScan([self.planned_after, self.others_counted, self.excluded_after, self.list_after,
                                       self.list_after_bare, self.verb_then_list, self.one_group_after,
                                       self.ratio_after, self.things_after, self.analysis_only, self.arm_verb_after,
                                       self.one_arm_after, self.there_were_after, self.given_after,
                                       self.opening_after, *(r for _, afters in tiers for r in afters)])

    def _numbers(self, spec):
        self.unit_words, self.ten_words = spec["units"], spec["tens"]
        units = _words(k for k in self.unit_words if k not in ("a", "an", "single"))
        tens = _words(self.ten_words)
        # "twenty-nine", "one hundred and sixty", "six thousand two hundred ten"
        below_100 = rf"(?:(?:{units}|{tens})(?:[\s-]+(?:{units}))?)"
        below_1000 = rf"(?:{below_100}(?:[\s-]+hundred(?:[\s-]+(?:and[\s-]+)?{below_100})?)?)"
        words = rf"(?:{below_1000}(?:[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?{below_1000})?)?)"
        # thousands written with commas or (thin) spaces: "1,734", "20 446"
        self.number = rf"(?:\d{{1,3}}(?:(?:,|[ \u2009\u202f](?=\d{{3}}(?!\d)))\d{{3}})+|\d+|{words})"
        # The amount of a time, read whole, never from inside a word or another number: "forty-four months" (not
        # four), "1,500 days", "2.5 years", but nothing in "mentioned" or "6,8 years"; "one-three years" is a range.
        digits = r"\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:[.·]\d+)?"
        ones = _words(k for k, v in self.unit_words.items() if 1 <= v <= 9 and k not in ("a", "an", "single"))
        self.time_number = rf"(?:(?<![\d.,])(?:{digits})|(?<!\w)(?<!ty-)(?:(?:{tens})(?:-(?:{ones}))?\b|{units}))"

    def _participants(self, spec):
        people = _words(spec["people"] + spec["animals"])
        stop = _words(spec["not_modifiers"])
        # "ASA I and II patients" keeps its grade, and "120 male and female volunteers" or "1,631 middle and high
        # school students" the words joined (joined_modifiers); other words with 'and' end the phrase.
        # no comma inside a phrase: "81 practical observations, health professionals" counts observations
        # a number of two digits or more is a count of its own, never a word of another's ("in 1972 produced 35 live
        # infants"), where one digit may be ("20 type 2 diabetic patients")
        joinable = _words(spec["joined_modifiers"])
        unjoined = _words(spec["not_joined_after_and"])
        joined = rf"(?:{joinable})\s+(?:and|or)\s+(?=(?:{joinable})\s)"
        modifier = (rf"(?:(?:I{{1,3}}|IV)\s*(?:and|or|to|-|–)\s*(?:I{{1,4}}|IV|V)\s+|{joined}"
                    rf"|(?!(?:{stop})(?![\w-]))(?:(?!\d[\d,.]+\s)[A-Za-z0-9][\w'’/-]*\s+"
                    # or an abbreviation in brackets: "twenty-nine healthy control (HC) subjects"
                    rf"|\((?-i:[A-Z])[A-Za-z0-9-]{{0,9}}\)\s+"
                    # or adjectives a comma joins: "21 healthy, young subjects"
                    rf"|(?![\w'’/-]*s,)(?-i:[a-z])[\w'’/-]*,\s+(?=(?-i:[a-z]))"
                    # or 'and' ("28 younger and older observers"; see joined_modifiers in extract.yml)
                    rf"|(?-i:[a-z])[\w'’/-]*(?<!s)\s+and\s+(?!(?:{self.number}|{stop}|{unjoined})\b)(?=(?-i:[a-z]))))")
        number = rf"(?<![\w.,/−–-])(?P<num>{self.number})(?![\w.,/%-]|\s*%|\s*per\s*cent)"
        self.people = people
        animals = _words(spec["animals"])
        self.animal_noun = re.compile(rf"\b(?:{animals})$", re.IGNORECASE)
        self.animal_word = re.compile(rf"\b(?:{animals})\b", re.IGNORECASE)
        self.human_word = re.compile(rf"\b(?:{_words(spec['people'])})\b", re.IGNORECASE)
        modifiers = f"{modifier}{{0,{spec['max_modifiers']}}}?"
        # "ten case reports" and "20 case series" count papers, not people; "655 patient-years" time;
        # "six cases reported since 1949" others' people, "40 patients reported pain" a finding, but
        # "the twenty patients reported on in this study" are the study's
        # "150 adult patients" counts patients, the adults a modifier of them
        # (and "six adult male rhesus monkeys" monkeys)
        # ("1298 mother-child pairs" counts pairs: a word for people joined to another by a hyphen qualifies it)
        time_units = _words(spec["time_units"])
        not_after = "".join(rf"(?<!\b{word}\s)" for word in spec["count_not_after"])
        self.participant_phrase = (rf"{not_after}{number}\s+(?!(?:{time_units})\b)"
                                   rf"(?:\([^()]{{1,30}}\)\s+)?{modifiers}(?:{people})\b(?!-(?:{people})\b)"
                                   rf"(?!(?:\s+(?!(?:{stop})(?![\w-]))[A-Za-z][\w-]*"
                                   rf"|\s+\((?-i:[A-Z])[A-Za-z0-9-]{{0,9}}\)){{0,3}}?\s+(?:{people})\b)"
                                   rf"(?![\s-]+(?:(?:reports?|series|studies)\b|report(?:ed|ing)\b(?!\s+(?:on\s+)?(?:here|in\s+(?:this|the\s+present))\b)|control\b|(?:years?|months?|weeks?|days?)\b))")
        fill = lambda p: (p.replace("{N}", self.participant_phrase).replace("{PEOPLE}", people)
                          .replace("{ANIMALS}", animals).replace("{Q}", spec["qualifier"]))
        self.phrase = re.compile(self.participant_phrase, re.IGNORECASE)
        # What every count of participants holds, simple enough for one scan of a whole record: the people
        self.people_words = re.compile(rf"\b(?:{people})\b", re.IGNORECASE)
        self.tiers = {tier: ([re.compile(fill(p), re.IGNORECASE) for p in sides.get("before") or ()],
                             [re.compile(fill(p), re.IGNORECASE) for p in sides.get("after") or ()])
                      for tier, sides in spec["tiers"].items()}
        self.n_equals = re.compile(fill(spec["n_equals"]), re.IGNORECASE)
        # For n_equals_matches: the 'n =' every match of n_equals holds, and what may follow its first digit
        self.n_equals_mark = re.compile(spec["n_equals_scan"], re.IGNORECASE)
        self.n_equals_tail = re.compile(spec["n_equals_tail"])
        self.people_anywhere = re.compile(people, re.IGNORECASE)  # the words for people n_equals opens on
        # (n_equals_matches holds only while no word for people can match a ',', ';' or '=')
        assert not any(re.search(r"[,;=.\[]|\\[^s]", w) for w in spec["people"] + spec["animals"]), \
            "a word for people that may match ',', ';' or '=' (see n_equals_matches)"
        self.single_case = _any([fill(p) for p in spec["single_case"]])
        self.sum_of_groups = re.compile(spec["sum_of_groups"].replace("NUMBER", self.number).replace("STOP", stop)
                                        .replace("MODIFIERS", modifiers).replace("PEOPLE", people), re.IGNORECASE)
        self.analysis_only = re.compile(fill(spec["analysis_only"]), re.IGNORECASE)
        self.others_counted = _any(spec["others_counted"])
        self.others_before = _any(spec["others_before"])
        self.pool_then_included = re.compile(fill(spec["pool_then_included"]).replace("{M}", self.number),
                                             re.IGNORECASE)
        self.pool_opening = re.compile(r"(?:^|[,;:]\s*)(?:of|among|amongst|from|out\s+of)\s+(?:the\s+|these\s+|all\s+)?$",
                                       re.IGNORECASE)
        self.groups_between = _any(spec["groups_between"])
        self.not_people = re.compile(r"\b(?:%s)\W*$" % _words(spec["not_people"]), re.IGNORECASE)
        self.things_after = re.compile(r"^\s+(?:%s)\b" % _words(spec["not_people"] + spec["things_after"]), re.IGNORECASE)
        self.equals_verb = _any(spec["equals_verb"])
        self.screened = _any(spec["screened"])
        self.screened_then = re.compile(fill(spec["screened_then"]).replace("{M}", self.number), re.IGNORECASE)
        self.arm_at_a_time = _any(spec["arm_at_a_time"])
        self.several_studies = _any(spec["several_studies"])
        self.percentage = re.compile(r"\(\s*\d[\d.,]*\s*%")
        self.label_before = _any(spec["label_before"])
        self.analysed_after = _any(spec["analysed_after"])
        self.given_after = re.compile(fill(spec["given_after"]), re.IGNORECASE)
        self.opening_after = re.compile(fill(spec["opening_after"]), re.IGNORECASE)
        self.results_section = _any(spec["results_sections"])
        self.arm_verb_after = re.compile(fill(spec["arm_verb_after"]).replace("{M}", self.number), re.IGNORECASE)
        self.excluded_after = re.compile(fill(spec["excluded_after"]), re.IGNORECASE)
        self.one_group_after = _any(spec["one_group_after"])
        self.one_arm_after = _any(spec["one_arm_after"])
        self.ratio_after = _any(spec["ratio_after"])
        self.sexes = _any(spec["sexes"])
        self.rate_before = _any(spec["rate_before"])
        self.twins = _any(spec["twins"])
        self.second_patient = _any(spec["second_patient"])
        sole = spec["sole_count"]
        self.sole_not_before = _any(sole["not_before"])
        self.sole_listed_before = re.compile(sole["listed_before"].replace("{M}", self.number), re.IGNORECASE)
        self.sole_apart_after = _any(sole["apart_after"])
        self.sole_additional = _any(sole["additional"])
        self.sole_equals = _any(sole["equals"])
        self.sole_equals_mark = _any(sole["equals_mark"])
        self.sole_equals_not_after = _any(sole["equals_not_after"])
        self.sole_equals_share = _any(sole["equals_share"])
        self.taken_in = _any(spec["taken_in"])
        self.met_criteria = _any(spec["met_criteria"])
        # a count between two groups, not an age or a time ('aged between one day and one month')
        self.count_between = re.compile(
            rf"(?<![\w.,/-]){self.number}(?![\w.,/%-])(?![\s-]*(?:{_words(spec['units_after_a_count'])})\b)",
            re.IGNORECASE)
        self.percent_of = _any(spec["percent_of"])
        self.list_after_bare = re.compile(spec["list_after_bare"].replace("{M}", self.number), re.IGNORECASE)
        self.verb_then_list = re.compile(spec["verb_then_list"].replace("{M}", self.number), re.IGNORECASE)
        self.share_of = re.compile(spec["share_of"], re.IGNORECASE)
        self.some_of_those_before = re.compile(spec["some_of_those_before"], re.IGNORECASE)
        self.referred = re.compile(spec["referred"], re.IGNORECASE)
        self.taken_modifier = re.compile(spec["taken_modifier"], re.IGNORECASE)
        self.there_were = re.compile(spec["there_were"], re.IGNORECASE)
        self.there_were_after = re.compile(spec["there_were_after"], re.IGNORECASE)
        self.per_group_before = re.compile(spec["per_group_before"], re.IGNORECASE)
        share = spec["share_words"].replace("{M}", self.number)
        self.denominator_before = re.compile(spec["denominator_before"].replace("{SHARE}", share), re.IGNORECASE)
        self.denominator_beside = re.compile(spec["denominator_beside"], re.IGNORECASE)
        self.denominator_pool = _any([spec["taken_in"], spec["denominator_pool"]])
        self.share_count = re.compile(spec["share_count"].replace("{SHARE}", share).replace("{M}", self.number),
                                      re.IGNORECASE)
        self.list_after = re.compile(spec["list_after"].replace("{M}", self.number).replace("{PEOPLE}", people),
                                     re.IGNORECASE)
        self.list_before = re.compile(spec["list_before"].replace("{M}", self.number).replace("{PEOPLE}", people),
                                      re.IGNORECASE)
        self.arm_subset = _any(spec["arm_subset"])
        self.list_item_before = re.compile(spec["list_item_before"].replace("{M}", self.number), re.IGNORECASE)
        self.subset_opening = _any(spec["subset_opening"])
        self.shares_opening = _any(spec["shares_opening"])
        self.arm_selected = _any(spec["arm_selected"])
        self.people_before = re.compile(rf"\b(?:{people})\W*$", re.IGNORECASE)
        self.this_study = _any(spec["this_study"])
        self.sampled_people = re.compile(spec["sampled_people"], re.IGNORECASE)
        self.plural_nouns = _any(spec["plural_nouns"])
        self.arm_count = _any(spec["arm_count"])
        self.group_phrase = re.compile(fill(spec["group_phrase"]), re.IGNORECASE)
        self.named_group = re.compile(fill(spec["named_group"]), re.IGNORECASE)
        self.whole_equals = _any(spec["whole_equals"])
        self.verb_equals = _any(spec["verb_equals"])
        self.equals_counts = (self.n_equals, self.whole_equals, self.verb_equals, self.equals_verb)
        self.arms_sentence = _any(spec["arms_sentence"])
        self.part_before = _any(spec["part_of"]["before"])
        self.part_after = _any(spec["part_of"]["after"])
        self.at_a_time_after = _any(spec["at_a_time_after"])
        self.planned_before = _any(spec["planned_before"])
        self.planned_after = re.compile(fill(spec["planned_after"]), re.IGNORECASE)
        self.future = _any(spec["future"])
        self.count_mark = _any(spec["count_mark"])
        self.others_attributed = _any(spec["others_attributed"])

    def _reviews(self, spec):
        studies = spec["studies"]
        number = rf"(?<![\w.,/-])(?P<num>{self.number})(?![\w.,/%-])"
        digits = r"\d{1,3}(?:(?:,|[ \u2009\u202f](?=\d{3}(?!\d)))\d{3})+|\d+"
        fill = lambda p: (p.replace("{N}", number).replace("{S}", studies).replace("{PEOPLE}", self.people)
                          .replace("{D}", digits))
        self.review_counted = [re.compile(fill(p), re.IGNORECASE) for p in spec["counted"]]
        self.review_counted_weakly = [re.compile(fill(p), re.IGNORECASE) for p in spec["counted_weakly"]]
        self.review_funnel = re.compile(spec["funnel"], re.IGNORECASE)
        self.review_weakly_at_most = spec["weakly_at_most"]
        self.review_kept_of_before = re.compile(fill(spec["kept_of_before"]), re.IGNORECASE)
        self.review_kept_by = re.compile(spec["kept_by"], re.IGNORECASE)
        self.review_protocol = re.compile(spec["protocol"], re.IGNORECASE)
        self.outcome_statistics = re.compile(spec["outcome_statistics"])
        self.one_study = _any(spec["one_study"])
        self.outcome_parts = _any(spec["outcome_parts"])
        self.number_only = re.compile(self.number, re.IGNORECASE)
        self.review_participants = [re.compile(fill(spec[key]), re.IGNORECASE)
                                    for key in ("participants_after", "participants_equal", "participants_before")]
        self.and_controls = re.compile(fill(spec["and_controls"]), re.IGNORECASE)

    def _doses(self, spec):
        units = spec["units"]
        unit = rf"(?P<unit>{'|'.join(units)})(?![\w/])"
        number = spec["number"]
        self.dose = re.compile(
            rf"(?<![\w.,/-])(?P<low>{number})(?:\s*(?P<unit1>{'|'.join(units)})(?![\w/]))?"
            rf"(?:{spec['range_joiner']}(?P<high>{number}))?\s*{unit}", re.IGNORECASE)
        self.unit_names = [(name, _any([f"^(?:{p})$" for p in patterns]))
                           for name, patterns in spec["units_as"].items()]
        self.schedule = _any(spec["schedule"])
        self.percent_needs = _any(spec["percent_needs"])
        self.dose_reach = spec["reach"]

    @staticmethod
    def _registry(spec) -> Registry:
        flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
        return Registry(
            name=spec["name"],
            # (an id may stand in a link's path: 'clinicaltrials.gov/ct2/show/NCT01234567', 'NTR4132/NL3847')
            id=re.compile(rf"(?<!\w){spec['id']}(?!\w)", flags),
            named_number=_any(spec.get("named_number")),
            prefix=spec.get("prefix"),
            needs_context=_any(spec.get("needs_context")),
            databank=tuple(d.lower() for d in spec.get("databank") or ()),
            url=spec["url"],
            id_case=spec.get("id_case", "upper"),
            id_letters=spec.get("id_letters"),
            keeps_mark=spec.get("keeps_mark", False),
        )


def load_patterns(path=PATTERNS_PATH) -> Patterns:
    return Patterns(read_yaml(path))


PATTERNS = load_patterns()
VERSION = PATTERNS.version
# the word weights that may choose another sentence as an unlabelled conclusion (harvest/weights.py): the packaged
# patterns carry the weights fitted to them; patterns loaded elsewhere have none
PATTERNS.conclusion_weights = weights.load_conclusion_weights()


# ---------------------------------------------------------------- the record's sentences


@dataclass(frozen=True)
class Sentence:
    source: str  # 'title' or 'abstract'
    start: int  # offset of the sentence in its text
    text: str
    section: str  # the abstract section's label, upper-cased ('' when none)
    last_section: bool = False

    def quote(self, start: int, end: int) -> Quote:
        """A Quote of text[start:end] of this sentence."""
        return Quote(self.source, self.start + start, self.start + end, self.text[start:end])

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def sections_of(record: dict) -> list:
    """[(label, start, text)] of the abstract: each section's text and where it starts in `abstract`."""
    abstract = record.get("abstract") or ""
    found, position = [], 0
    for section in record.get("abstract_sections") or ():
        label, text = section.get("label"), section.get("text") or ""
        piece = f"{label}: {text}" if label else text
        at = abstract.find(piece, position)
        if at == -1:
            return [("", 0, abstract)] if abstract else []
        offset = at + (len(label) + 2 if label else 0)
        found.append(((label or section.get("category") or "").upper(), offset, text))
        position = at + len(piece)
    if not found and abstract:
        found = [("", 0, abstract)]
    return found


# A sentence ends at a line break, or at a stop, question or exclamation mark followed by spaces and a capital, a
# digit or a bracket, or by nothing but spaces. Written to open on one class of characters, which re looks for
# before it tries the rest (three times as fast as the alternatives written apart).
SENTENCE_END = re.compile(r"[\n.!?](?:(?<=\n)|(?<=[.!?])(?=\s+(?:[A-Z0-9(\[\"'“]|$)|\s*$))")


def split_sentences(text: str, patterns: Patterns = PATTERNS):
    """(start, end) of each sentence in text; full stops after abbreviations and decimals do not end one."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if match.group() == "." and patterns.abbreviation.search(text[max(start, end - 12):end]):
            continue
        if text[start:end].strip():
            yield _trimmed(text, start, end)
        start = end
    if text[start:].strip():
        yield _trimmed(text, start, len(text))


def _trimmed(text, start, end):
    """(start, end) of text[start:end] without the spaces around it."""
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


class Reading:
    """One record with the classification it was given: its texts, cut into sentences where needed.

    A scan of the whole record (Patterns.scanner) tells which patterns may match where, so only the
    sentences they may match in are cut out and read again with the full expressions.
    """

    def __init__(self, record: dict, classification: dict | None, patterns: Patterns = PATTERNS):
        self.record = record
        self.patterns = patterns
        classification = classification or {}
        self.design = classification.get("design")
        self.population = classification.get("population")
        raw_title = record.get("title") or ""
        self.title = " ".join(raw_title.split())
        # the title as stored may hold line breaks; quotes refer to it as stored
        self.title_sentence = Sentence("title", 0, raw_title, "TITLE") if raw_title else None
        self.abstract = record.get("abstract") or ""
        self.whole_text = f"{raw_title}\n{self.abstract}"
        self.low = self.whole_text.lower()
        self._abstract_at = len(raw_title) + 1  # where the abstract starts in whole_text
        self.sections = sections_of(record)
        self.section_starts = [offset for _, offset, _ in self.sections]
        self._split = {}
        self._starts = {}
        self._own = {}
        self._with = {}
        self._lists = {}
        self._phrases = {}
        self.hits = patterns.scanner.ends(self.whole_text)
        for ends in self.hits.values():
            ends.sort()  # for may_match_in's bisection

    def section_sentences(self, i: int) -> list:
        """The sentences of one abstract section, cut on first use."""
        if i not in self._split:
            label, offset, text = self.sections[i]
            last = i == len(self.sections) - 1
            self._split[i] = [Sentence("abstract", offset + start, text[start:end], label, last)
                              for start, end in split_sentences(text, self.patterns)]
            self._starts[i] = [s.start for s in self._split[i]]
        return self._split[i]

    @cached_property
    def sentences(self) -> list:
        """Every sentence: the title's, then the abstract's."""
        found = [self.title_sentence] if self.title_sentence else []
        return found + self.abstract_sentences

    @cached_property
    def abstract_sentences(self) -> list:
        return [s for i in range(len(self.sections)) for s in self.section_sentences(i)]

    @cached_property
    def substances(self) -> re.Pattern | None:
        """The substances NLM indexed the record with (its ChemicalList; classes and mixtures, registry number 0,
        aside) that its MeSH headings say were given, as a pattern for their names: drugs no list can hold
        ('cephalothin', 'tobramycin')."""
        # by name: MEDLINE text gives no descriptor ids
        given = {h["descriptor"].lower() for h in self.record.get("mesh") or [] if h.get("descriptor")
                 and any(q.get("name") in self.patterns.given_as for q in h.get("qualifiers") or [])}
        names = {" ".join(c["name"].lower().split()) for c in self.record.get("chemicals") or []
                 if c.get("name") and c.get("registry_number") not in (None, "0") and c["name"].lower() in given}
        if not names:
            return None
        return re.compile(r"\b(?:%s)s?\b" % "|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n)))),
                          re.IGNORECASE)

    @cached_property
    def own(self) -> list:
        """Sentences about this study: the title and the abstract, scene-setting sections and others' work aside."""
        return [s for s in self.sentences if self.is_own(s)]

    @cached_property
    def review_sentences(self) -> list:
        """A review's own sentences, and those of its results even where they read like the work of others: its
        results are the studies it found ('A total of 19 studies were included (covering 3151 participants, 534 of
        whom ...)')."""
        return [s for s in self.sentences if self.is_own(s) or (
            s.section not in self.patterns.skipped_sections and self.patterns.results_section.search(s.section))]

    def is_own(self, sentence: Sentence) -> bool:
        """Whether a sentence is about this study: not in a section that sets the scene, and either in its methods
        (which describe the study's own doing, whatever words of others' work they hold: 'patients with previous
        surgery', 'until further handling') or not about others' work (classify.about_others)."""
        known = self._own.get(id(sentence))
        if known is None:
            known = sentence.section not in self.patterns.skipped_sections and (
                bool(self.patterns.methods_section.search(sentence.section)) or not self._about_others(sentence))
            self._own[id(sentence)] = known
        return known

    def section_at(self, offset: int) -> str:
        """The label of the abstract section holding an offset of the abstract ('' when none)."""
        i = bisect_right(self.section_starts, offset) - 1
        return self.sections[i][0] if i >= 0 else ""

    def counts_own_people(self, sentence: Sentence) -> bool:
        """Whether a sentence's counts of people may be this study's: its own sentences, and those the classifier
        reads as others' work only for words that describe the people or the study's own doing ('patients with
        prior surgery', 'at least one previous drug', 'has been performed in 105 patients since 1970'), not for
        words that say the work is someone else's ('previous studies', 'has been reported', 'in the literature')."""
        if self.is_own(sentence):
            return True
        return sentence.section not in self.patterns.skipped_sections and \
            not self.patterns.others_attributed.search(sentence.text)

    def count_sentences(self, regex) -> list:
        """sentences_with for counts of people: the sentences whose counts may be this study's."""
        return [s for s in self.sentences_with(regex, own=False) if self.counts_own_people(s)]

    def _about_others(self, sentence: Sentence) -> bool:
        """classify.about_others of a sentence, asked only where the scan found words that report others' work or
        call for a study (and where lower-casing keeps the sentence's length, so that the scan read the same
        characters)."""
        low = sentence.text.lower()
        if len(low) == len(sentence.text) and not (self.may_match_in(classify.RULES.reported, sentence)
                                                   or self.may_match_in(classify.RULES.called_for, sentence)):
            return False
        return classify.about_others(low, classify.RULES)

    def holds(self, forms, sentence: Sentence, text: str | None = None) -> bool:
        """Whether any of a list's forms (_forms) matches in a sentence, or in the part of it given as text, each
        tried only where the scan found that it may (if it was scanned for)."""
        text = sentence.text if text is None else text
        unscanned, scanned = self.patterns.forms_apart(forms)
        if any(form.search(text) for form in unscanned):
            return True
        if not self._ends_inside(self._list_ends(forms), sentence):
            return False  # no scanned form of the list may match in it: most sentences
        return any(form.search(text) for form in scanned if self.may_match_in(form, sentence))

    def _list_ends(self, forms) -> list:
        """Where any scanned form of a list may end a match in the record, in order, found once a record."""
        known = self._lists.get(id(forms))
        if known is None:
            _, scanned = self.patterns.forms_apart(forms)
            names = self.patterns.scanned
            known = sorted(end for form in scanned for end in self.hits.get(names[id(form)], ()))
            self._lists[id(forms)] = known
        return known

    def may_match(self, regex) -> bool:
        """Whether the scan of the whole record found a place where a regex may match."""
        return self.patterns.scanned[id(regex)] in self.hits

    def may_match_low(self, regex) -> bool:
        """may_match for the lower-cased text, which the scan read as written unless lower-casing changed its
        length (a few characters grow)."""
        return len(self.low) != len(self.whole_text) or self.may_match(regex)

    def may_match_in(self, regex, sentence: Sentence) -> bool:
        """Whether the scan found a place inside one sentence where a regex may match: a match inside
        it ends inside it."""
        return self._ends_inside(self.hits.get(self.patterns.scanned[id(regex)]), sentence)

    def _ends_inside(self, ends, sentence: Sentence) -> bool:
        """Whether any of these offsets of whole_text (in order) falls inside a sentence, at its end included."""
        if not ends:
            return False
        start = sentence.start + (self._abstract_at if sentence.source == "abstract" else 0)
        i = bisect_right(ends, start)
        return i < len(ends) and ends[i] <= start + len(sentence.text)

    def sentence_at(self, position: int):
        """The sentence holding a position of whole_text (the title, then a newline, then the abstract)."""
        if position < self._abstract_at:
            return self.title_sentence
        at = position - self._abstract_at
        i = bisect_right(self.section_starts, at) - 1
        if i < 0:
            return None
        sentences = self.section_sentences(i)
        j = bisect_right(self._starts[i], at) - 1
        return sentences[j] if j >= 0 and at < sentences[j].end else None

    def sentences_with(self, regex, own=True) -> list:
        """The sentences (about this study, by default) in which a regex may match, by the scan of the
        whole record: most sentences match nothing and are never cut out or looked at."""
        known = self._with.get((id(regex), own))
        if known is None:
            known = self._with[id(regex), own] = self._sentences_with(regex, own)
        return known

    def _sentences_with(self, regex, own) -> list:
        ends = self.hits.get(self.patterns.scanned[id(regex)])
        if not ends:
            return []  # most patterns stand nowhere in a record
        found = {}
        for end in ends:
            sentence = self.sentence_at(max(0, end - 1))
            if sentence is not None:
                found.setdefault(id(sentence), sentence)
        return sorted((s for s in found.values() if not own or self.is_own(s)),
                      key=lambda s: (s.source != "title", s.start))

    def phrases(self, sentence: Sentence) -> list:
        """The counts of people (Patterns.phrase) a sentence states, found once: several readings of the sample size
        ask, and only where the scan found that one may stand."""
        found = self._phrases.get(id(sentence))
        if found is None:
            phrase = self.patterns.phrase
            found = list(phrase.finditer(sentence.text)) if self.may_match_in(phrase, sentence) else []
            self._phrases[id(sentence)] = found
        return found

    @cached_property
    def largest_count(self) -> int:
        """The largest count of people the sentences whose counts may be this study's state (0 for none)."""
        return max((number_value(m.group("num"), self.patterns) or 0
                    for s in self.count_sentences(self.patterns.phrase) for m in self.phrases(s)), default=0)

    @cached_property
    def arms(self) -> list:
        """The arms of the study counted across its methods, added up (arms_of_study, named_groups), read once."""
        return arms_of_study(self) or named_groups(self)

    @cached_property
    def studies_counted(self) -> Found | None:
        """The studies a review says it includes (studies_included), read once: the sample size asks it too."""
        return studies_included(self)

    @property
    def is_review(self) -> bool:
        return self.design in REVIEWS

    @property
    def reports_a_study(self) -> bool:
        """A study of its own participants or animals: design signals, comparators and follow-up describe it.
        An animal experiment is one though the classifier names no design for it ('other')."""
        own = self.design not in NOT_A_STUDY | REVIEWS or (self.design == "other" and self.population == "animal")
        return own and self.population != "in-vitro" and not self.plans_a_review

    @property
    def plans_a_review(self) -> bool:
        """A review's protocol: the trials it will include are randomised, not its own participants."""
        return self.design == "protocol" and bool(self.patterns.review_protocol.search(self.title))


# ---------------------------------------------------------------- numbers


def number_value(text: str, patterns: Patterns = PATTERNS) -> int | None:
    """'1,234', '29', 'twenty-nine', 'One hundred and twenty' as an integer; None if it is not one."""
    text = text.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:[,\s\u2009\u202f]\d{3})+|\d+", text):
        return int(re.sub(r"[,\s\u2009\u202f]", "", text))
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in patterns.unit_words:
            if current % 100 and (current % 10 or current % 100 < 20):
                return None  # 'Eight-three', 'ten five': a slip, not a number
            current += patterns.unit_words[word]
        elif word in patterns.ten_words:
            if current % 100:
                return None
            current += patterns.ten_words[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        else:
            return None
    return total + current or None


# ---------------------------------------------------------------- participants


@dataclass(frozen=True)
class Candidate:
    tier: str
    value: int
    quote: Quote
    says_total: bool


def participant_candidates(reading: Reading) -> list:
    """Every count of participants the record's own sentences state, with how it is introduced."""
    patterns = reading.patterns
    found = []
    for sentence in reading.sentences_with(patterns.phrase, own=False):
        if not (reading.counts_own_people(sentence) or patterns.this_study.search(sentence.text)):
            continue
        phrases = reading.phrases(sentence)
        paired = paired_groups(sentence, phrases, patterns)
        arms = _arms_total(sentence.text, patterns)
        in_sentence = []
        for phrase in phrases:
            if phrase.start() in paired:
                continue  # one of two groups: counted with its pair below
            if arms and number_value(phrase.group("num"), patterns) != arms:
                continue  # one group beside others counted '(n = 22)': not the whole
            found_here = phrase_candidates(sentence, phrase, patterns)
            if arms and not found_here and not sentence.text[:phrase.start()].strip():
                # '31 patients received rTMS (N = 15) or sham (N = 16)': the arms add up to the count the sentence
                # opens with, so it is the whole
                found_here = [Candidate("total", arms, sentence.quote(phrase.start(), phrase.end()), False)]
            in_sentence += found_here
        if len({c.value for c in in_sentence}) > 1:
            # '70 eyes of 35 subjects were implanted with one lens and 60 eyes of 30 subjects with the other':
            # a count in passing beside another is one group
            in_sentence = [c for c in in_sentence if c.tier != "weak"]
        found += in_sentence + [c for c in paired.values() if c]
    if "=" in reading.abstract:  # most abstracts write no 'n = 120'
        for sentence in reading.count_sentences(patterns.equals):
            found += equals_candidates(reading, sentence, patterns)
    return found



def equals_candidates(reading: Reading, sentence: Sentence, patterns: Patterns) -> list:
    """Counts written 'patients (n = 120)', 'the whole cohort (N = 20 446)', 'were recruited (n = 14)'."""
    found = []
    arms = _arms_total(sentence.text, patterns)
    for regex in patterns.equals_counts:
            if not reading.may_match_in(regex, sentence):
                continue
            matches = n_equals_matches(sentence.text, patterns) if regex is patterns.n_equals else \
                regex.finditer(sentence.text)
            for match in matches:
                if regex in (patterns.n_equals, patterns.equals_verb) and arms and \
                        number_value(match.group("n"), patterns) != arms:
                    continue  # one group's count among several: group_sums adds them up
                if patterns.not_people.search(sentence.text[max(0, match.start() - 30):match.start()]):
                    continue  # 'healthy eyes (n = 107) were included' counts eyes
                if patterns.percent_of.search(sentence.text[max(0, match.start() - 40):match.start()]):
                    continue  # '67% of survivors (n = 802)'
                value = number_value(match.group("n"), patterns)
                if value and not _is_part(sentence.text, match.start(), match.end(), patterns):
                    found.append(Candidate("total", value, sentence.quote(match.start(), match.end()), False))
    return found


def n_equals_matches(text: str, patterns: Patterns):
    """The matches of patterns.n_equals in a text, as its finditer finds them, but looked for only just before each
    'n =' (Patterns.n_equals_mark) rather than at every position: trying its long list of people words everywhere
    cost 0.3 ms a sentence.

    What a match holds before its 'n =' (the people and the words that describe them) holds no ',', ';' or '=',
    so a match using one 'n =' starts after the last of those before it (and after the last match); and what it
    holds after the first digit is in Patterns.n_equals_tail, so no match using it reaches past those characters.
    Each 'n =' is thus tried in its own window, and a match found there is the one finditer would find next."""
    regex = getattr(patterns.n_equals, "regex", patterns.n_equals)  # (a Guarded's first look only saves time)
    searched_to = 0  # where the last match ended: finditer goes on from there
    for mark in patterns.n_equals_mark.finditer(text):
        if mark.start() <= searched_to:
            continue  # a match ends at least one character after it starts: its people come before the 'n ='
        start = max(searched_to, *(text.rfind(stop, 0, mark.start()) + 1 for stop in ",;="))
        end = patterns.n_equals_tail.match(text, mark.end()).end()
        if not patterns.people_window.found(text[start:end]).may_match(patterns.people_anywhere):
            continue  # no word for people before this 'n =' (most: 'the normalized group (n = 76)', '24.8% (n = 30)')
        match = regex.search(text, start, end)
        if match:
            yield match
            searched_to = match.end()


# How far before and after a count its introducing words are looked for.
BEFORE, AFTER = 90, 220


def phrase_candidates(sentence: Sentence, phrase, patterns: Patterns, bare=False) -> list:
    """The tiers whose words introduce one count of participants ('29 consecutive patients'); with bare, a count
    that passes every test of a whole but that no words introduce is a candidate of the tier 'bare' (_sole_count)."""
    text = sentence.text
    value = number_value(phrase.group("num"), patterns)
    # One person is counted only by a case report's own words (_single_case): "one patient responded" is a part.
    if not value or value < 2 or patterns.percentage.search(phrase.group()) or \
            not patterns.plural_nouns.search(phrase.group()):
        return []
    # Which of the expressions asked below may match in the words before the count or in those after it, by one
    # scan of each (every text they are asked about is a part of one of the two)
    window_start = max(0, phrase.start() - BEFORE)
    before, after = text[window_start:phrase.start()], text[phrase.end():phrase.end() + AFTER]
    in_before, in_after = patterns.words_before.found(before), patterns.words_after.found(after)
    if in_before.search(patterns.label_before, text[max(0, phrase.start() - 15):phrase.start()]):
        return []  # 'Cohort 2 included adults': a name, not a count
    if in_before.search(patterns.rate_before, text[max(0, phrase.start() - 15):phrase.start()]):
        return []  # 'one in three individuals': a rate
    if in_before.search(patterns.list_before, text[max(0, phrase.start() - 40):phrase.start()]):
        return []
    if in_before.search(patterns.per_group_before, text[max(0, phrase.start() - 60):phrase.start()]):
        return []  # 'Each cohort consisted of 50 patients': the people of one of several groups
    mark = in_before.search(patterns.count_mark, before)
    if mark:
        before = before[:mark.start()]  # 'We included N = 40 patients'
    if (in_before.search(patterns.planned_before, before) or in_after.match(patterns.planned_after, after)) and \
            not patterns.future.search(text):
        return []  # 'A sample size of 120 patients was calculated': a plan, not people taken
    if patterns.others_counted.search(phrase.group()) or \
            in_after.search(patterns.others_counted, after) or \
            in_before.search(patterns.others_before, before) or \
            in_after.match(patterns.excluded_after, after):
        return []
    if in_after.match(patterns.list_after, after) and not re.search(r"\btotal\b", before[-30:], re.IGNORECASE) and \
            not _sexes_add_up(after, value, patterns):
        # the first of a list of groups, unless it is their total ('Nineteen patients, nine males and ten females
        # had 24 episodes')
        return []
    if in_after.match(patterns.list_after_bare, after) and not _groups_add_up(after, value, patterns) and \
            not patterns.shares_opening.match(text[:phrase.start()]) and (
            not re.search(r"\btotal\b", before[-30:], re.IGNORECASE) or in_after.match(patterns.verb_then_list, after)):
        # ... or unless the bare counts after it add up to it: '533 patients, 290 in one group and 243 ...'; a
        # total given a verb of its own is one group of the list: 'A total of 19 patients were treated with C and 17
        # with M'
        return []
    if in_after.match(patterns.one_group_after, after) or in_after.match(patterns.ratio_after, after):
        return []  # 'A total of 3466 participants in the intervention group were randomized': one group; 'per case'
    just_before = text[max(0, phrase.start() - 25):phrase.start()]
    if in_before.search(patterns.share_of, just_before):
        return []  # 'Twenty of 65 patients were identified': the verb is the twenty's; 'In the other group, 350 ...'
    if in_after.match(patterns.things_after, after):
        return []  # 'the three zebrafish enzymes': the count is of things the animals' name qualifies
    if in_before.search(patterns.some_of_those_before, just_before) and \
            not _taken_in_after(after, patterns):
        return []  # '173 reported a reduced QoL, of which 19 patients were interviewed': some of those counted before
    pool = _pool(sentence, phrase, patterns)
    if pool is not None:
        return pool
    if in_after.match(patterns.analysis_only, after):
        tiers = {"analysed": ((), (patterns.analysis_only,))}
    else:
        tiers = patterns.tiers
    found = []
    arm = in_after.match(patterns.arm_verb_after, after)
    for tier, (befores, afters) in tiers.items():
        if tier != "randomised" and arm:
            continue  # 'Thirty mothers ... received thiopentone', '34 patients were treated with DPA, 45 ...': one arm
        for regex in befores:
            match = in_before.search(regex, before)
            if match:
                found.append(_phrase_candidate(tier, value, sentence, window_start + match.start(), phrase.end(),
                                               match.group(), patterns, count_at=phrase.start()))
                break
        else:
            for regex in afters:
                match = in_after.match(regex, after)
                if match and _equal_count(match, value) and not _verb_of_another(before, match.group()):
                    if in_after.match(patterns.one_arm_after, after[match.end():]):
                        break  # 'Two patients randomised in the TPC arm died': the people of one arm
                    # "Of these, 256 patients met the criteria": the words after it make it the whole
                    found.append(_phrase_candidate(tier, value, sentence, phrase.start(), phrase.end() + match.end(),
                                                   match.group(), patterns, whole=tier in ("randomised", "total")))
                    break
    found = [c for c in found if c]
    if not found and (patterns.taken_modifier.search(phrase.group()) or (
            patterns.there_were.search(text[:phrase.start()]) and
            in_after.match(patterns.there_were_after, after))):
        # '232 recruited participants were tested': the words inside the phrase take them into the study; 'There
        # were 940 participants: 607 in ...' opens a sentence by counting them all
        tier = "randomised" if "random" in phrase.group().lower() else "total"
        found = [c for c in [_phrase_candidate(tier, value, sentence, phrase.start(), phrase.end(), phrase.group(),
                                               patterns)] if c]
    if not found and not arm and not text[:phrase.start()].strip() and (
            not patterns.results_section.search(sentence.section) and in_after.match(patterns.given_after, after)
            or _opens_the_abstract(sentence) and in_after.match(patterns.opening_after, after)):
        # 'Eight GH-deficient subjects received both forms of GH': a sentence of the methods that opens with the
        # people given the study's treatment, not a finding counted in some of them; 'Eight infants had
        # scaphocephaly ...' opening an abstract: the people it is about
        found = [Candidate("weak", value, sentence.quote(phrase.start(), phrase.end()), False)]
    if bare and not found and not arm:
        found = [Candidate("bare", value, sentence.quote(phrase.start(), phrase.end()), False)]
    return found


def _opens_the_abstract(sentence: Sentence) -> bool:
    """Whether a sentence is the first of an abstract that labels no sections."""
    return sentence.source == "abstract" and sentence.start == 0 and not sentence.section


def _taken_in_after(after, patterns) -> bool:
    """Whether the words after a count, to the end of its clause, take the people into the study ('... of which 120
    patients were included', '... of whom 226 were randomly assigned')."""
    clause = re.match(r"[^.;]*", after).group()
    _, randomised_after = patterns.tiers["randomised"]
    return bool(patterns.taken_in.search(clause)) or any(regex.match(after) for regex in randomised_after)


def _sexes_add_up(after, value, patterns) -> bool:
    """True when the counts of each sex after a count, up to the end of its sentence, add up to it ('Nineteen
    patients, nine males and ten females'): they describe its people, whom no other group joins."""
    found = list(patterns.phrase.finditer(after.split(".")[0]))
    counts = [number_value(m.group("num"), patterns) or 0 for m in found]
    return len(counts) >= 2 and all(patterns.sexes.search(m.group()) for m in found) and sum(counts) == value


def _groups_add_up(after, value, patterns) -> bool:
    """True when the counts after a count, up to the end of its sentence, add up to it: 'The study included 533
    patients, 290 in one group and 243 in the other' names the whole, then its groups."""
    counts = [number_value(m.group(), patterns) or 0 for m in patterns.count_between.finditer(after.split(".")[0])]
    # groups of one person each add up by chance ('two patients with melanoma, one with sarcoma, and one with ...')
    return len(counts) >= 2 and min(counts) >= 2 and sum(counts) == value


def _pool(sentence: Sentence, phrase, patterns: Patterns):
    """For 'Of 47,823 patients seen, 14,891 met the criteria': the second count as the study's (a list of one
    candidate), since the first is the pool it was drawn from; None when the count is no such pool."""
    text, at = sentence.text, phrase.end()
    after = text[at:]
    if patterns.screened.match(after):
        # '184 patients were assessed for eligibility and 145 (79%) were enrolled'
        match = patterns.screened_then.match(after)
        if not match and patterns.referred.match(after):
            return None  # people referred for what the study does, with no count taken from them: the study's
        tier = "randomised" if match and "random" in match.group("verb").lower() else "total"
    elif patterns.pool_opening.search(text[max(0, phrase.start() - 20):phrase.start()]):
        match = patterns.pool_then_included.match(after)
        if not match:
            return None
        tier = "total"
    else:
        return None
    value = match and number_value(match.group("n"), patterns)
    if not value or value < 2:
        return []
    return [Candidate(tier, value, sentence.quote(at + match.start("n"), at + match.end()), False)]


def paired_groups(sentence: Sentence, phrases, patterns: Patterns) -> dict:
    """{start of a phrase: its pair's candidate or None} for two groups named in one breath ('50 veterans with
    mTBI and 40 age-matched controls underwent ...'): neither is the whole; together they are, at the tier
    of the words that introduce the second."""
    paired = {}
    text = sentence.text
    for first, second in zip(phrases, phrases[1:]):
        if first.start() in paired or not patterns.groups_between.match(text[first.end():second.start()]):
            continue
        if patterns.count_between.search(re.sub(r"\([^()]*\)", "", text[first.end():second.start()])):
            continue  # 'eighteen cases, three borderline cases, seven relatives and 35 controls': not the only two
        if patterns.part_after.search(text[second.end():second.end() + 60]) or \
                patterns.part_before.search(text[max(0, first.start() - 40):first.start()]):
            continue
        if any(patterns.at_a_time_after.match(text[p.end():p.end() + 40]) for p in (first, second)):
            continue  # the same people at two times
        if bool(patterns.animal_noun.search(first.group())) != bool(patterns.animal_noun.search(second.group())):
            continue  # 'six rabbits and seven patients': animals beside people are another experiment
        a, b = number_value(first.group("num"), patterns), number_value(second.group("num"), patterns)
        if not a or not b or any(n > 1 and not patterns.plural_nouns.search(p.group())
                                 for n, p in ((a, first), (b, second))):
            continue  # 'thirty-five individual sera' counts no people
        joined = phrase_candidates(sentence, second, patterns)
        after_second = text[second.end():second.end() + AFTER]
        if not _introduced(text, first, patterns) or patterns.analysed_after.match(after_second):
            # not people the study took ("1 million women could ..., and 28,000 women could ..."), or the
            # first's people analysed ("enrolled 1667 patients ..., and 371 eligible patients were analyzed")
            continue
        tiers = [c.tier for c in joined + phrase_candidates(sentence, first, patterns)]
        # counted in passing ('in 36 patients ... and in 16 patients'), the pair is as weak as its words
        tier = next((t for t in ("randomised", "total") if t in tiers), "weak")
        candidate = Candidate(tier, a + b, sentence.quote(first.start(), second.end()), False)
        paired[first.start()], paired[second.start()] = candidate, None
    return paired


def _introduced(text, phrase, patterns) -> bool:
    """True when words that introduce the people a study took stand before a count ('We studied', 'in', or
    nothing: the sentence starts with it)."""
    before = text[max(0, phrase.start() - BEFORE):phrase.start()]
    mark = patterns.count_mark.search(before)
    if mark:
        before = before[:mark.start()]  # 'a sample of N = 23 patients': the words before the 'N ='
    return any(regex.search(before) for tier in ("randomised", "total", "weak") for regex in patterns.tiers[tier][0])


# A singular verb after words about the people: 'seven women starting OCS a progressive prolongation ... was
# observed' states what was seen, not who was taken, unless a word for the whole of them is its subject ('a
# population of 477 individuals with achondroplasia was reviewed').
VERB_OF_ANOTHER = re.compile(r"^\s*\w[^.;]*?\s(?:was|has\s+been|had\s+been)\s", re.IGNORECASE)
WHOLE_OF = re.compile(r"\b(?:population|cohort|sample|group|series|total|database|registry|register|panel)\s+of\s+"
                      r"(?:all\s+|the\s+)?$", re.IGNORECASE)


def _verb_of_another(before, words) -> bool:
    return bool(VERB_OF_ANOTHER.match(words)) and not WHOLE_OF.search(before)


def _equal_count(match, value) -> bool:
    """'29 patients (n = 29)': a count written twice must agree with itself."""
    equal = match.groupdict().get("equal")
    return not equal or int(equal.replace(",", "")) == value


def _phrase_candidate(tier, value, sentence, start, end, words, patterns, whole=False, count_at=None) -> Candidate | None:
    """A candidate quoted from start to end, unless it is a part; count_at: where the number itself starts
    ('Out of the 16 patients' is a part though its introducing words start at 'of')."""
    says_total = bool(re.search(r"\btotal\b", words, re.IGNORECASE))
    parts = (start,) if count_at is None else (start, count_at)
    if not (says_total or whole) and any(_is_part(sentence.text, at, end, patterns) for at in parts):
        return None
    return Candidate(tier, value, sentence.quote(start, end), says_total)


def group_candidates(reading: Reading) -> list:
    """The groups of one study added up, in the sentences that name several."""
    patterns = reading.patterns
    # group_sums finds groups only where one of its two patterns matches: those sentences, in text order
    found = {id(s): s for s in reading.count_sentences(patterns.sum_of_groups) + reading.count_sentences(patterns.group_phrase)}
    sentences = sorted(found.values(), key=lambda s: (s.source != "title", s.start))
    return [c for s in sentences for c in group_sums(s, patterns)] + reading.arms


def arms_of_study(reading: Reading) -> list:
    """The arms counted '(n = 32)' across the sentences before the results, added up: 'rat pups (n = 32) ...
    An additional group of pups (n = 33) ... randomized into NAC-NEC (n = 33) and NAC-NEC-NAC (n = 36)'."""
    patterns = reading.patterns
    if "=" not in reading.abstract:
        return []
    arms = []
    for sentence in reading.count_sentences(patterns.arm_count):
        if sentence.section == "RESULTS" or not (patterns.arms_sentence.search(sentence.text) or any(
                patterns.people_before.search(sentence.text[max(0, m.start() - 30):m.start()])
                for m in patterns.arm_count.finditer(sentence.text))):
            continue
        if patterns.subset_opening.match(sentence.text):
            continue  # 'Of these, 297 (17.2%) reported ...; this proportion (n = 297) was the focus': a subset
        counted = _arms_in(sentence, patterns)
        if counted is None:
            return []  # a count of things or of times among them: no sum
        if arms and any(patterns.arm_selected.match(sentence.text[a.quote.end - sentence.start:]) and
                        a.value < sum(b.value for b in arms) for a in counted):
            return []  # those of the people counted before who met the criteria: the study's, not one more arm
        arms += counted
    if len(arms) < 2 or _broken_down(arms):
        return []
    first, last = arms[0], arms[-1]
    text = reading.abstract[first.quote.start:last.quote.end] if first.quote.source == "abstract" else None
    if text is None or last.quote.source != "abstract":
        return []
    return [Candidate("groups", sum(a.value for a in arms),
                      Quote("abstract", first.quote.start, last.quote.end, text), False)]


def named_groups(reading: Reading) -> list:
    """The groups a study counts one at a time, each named in brackets, added up: 'In 10 patients (group A) ...
    Five patients (group B) received ...' (a group named twice is counted once; the results' counts are not)."""
    patterns, groups = reading.patterns, {}
    for sentence in reading.count_sentences(patterns.named_group):
        if sentence.section == "RESULTS" or sentence.source != "abstract":
            continue
        matches = list(patterns.named_group.finditer(sentence.text))
        if {m.start() for m in matches} != {m.start() for m in reading.phrases(sentence)}:
            return []  # a count without its group's name: which groups the names cover is not clear
        for match in matches:
            if patterns.share_of.search(sentence.text[max(0, match.start() - 25):match.start()]):
                continue  # '5 of 20 patients (group A)': a share of a group, in a finding
            value = number_value(match.group("num"), patterns)
            if value:
                groups.setdefault(match.group("name").lower(), (value, sentence.quote(match.start(), match.end())))
    total = sum(v for v, _ in groups.values())
    if len(groups) < 2 or total < reading.largest_count:
        return []  # ('A retrospective analysis of 145 patients ... Sixty-two patients (Group I)'): parts of a whole
    start, end = min(q.start for _, q in groups.values()), max(q.end for _, q in groups.values())
    return [Candidate("groups", total, Quote("abstract", start, end, reading.abstract[start:end]), False)]


def _broken_down(arms) -> bool:
    """True when some arms after another add up to it: '(N = 40) ... short (N = 19) or long (N = 21) illness' counts
    one arm again in parts, so the counts do not add up to the study."""
    values = [a.value for a in arms]
    return any(sum(values[j:k]) == values[i] for i in range(len(values))
               for j in range(i + 1, len(values)) for k in range(j + 2, len(values) + 1))


def _arms_in(sentence: Sentence, patterns: Patterns):
    """The arms one sentence counts (a list of candidates), or None when its counts are of things or times."""
    text, found = sentence.text, []
    for match in patterns.arm_count.finditer(text):
        before = text[max(0, match.start() - 30):match.start()]
        if patterns.arm_subset.search(text[max(0, match.start() - 60):match.start()]):
            continue
        if patterns.not_people.search(before) or patterns.arm_at_a_time.search(before):
            return None
        found.append(Candidate("groups", number_value(match.group("n"), patterns) or 0,
                               sentence.quote(match.start(), match.end()), False))
    if found and not _agrees_with_counts(text, sum(a.value for a in found), patterns):
        return None
    if len(found) > 2 and _whole_of_arms([a.value for a in found]) != sum(a.value for a in found):
        return [max(found, key=lambda a: a.value)]  # the whole, then its arms
    return found


def group_sums(sentence: Sentence, patterns: Patterns) -> list:
    """The groups of one sentence added up: '23 ... and 18 ... patients', 'the 329 patients in the ... group and ...'."""
    found = []
    text = sentence.text
    if " and " not in text and "=" not in text:
        return found
    for match in patterns.sum_of_groups.finditer(sentence.text):
        a, b = number_value(match.group("a"), patterns), number_value(match.group("b"), patterns)
        first_words, animals_last = text[match.start("a"):match.start("b")], patterns.animal_noun.search(match.group())
        if patterns.human_word.search(first_words) if animals_last else patterns.animal_word.search(first_words):
            continue  # 'six rabbits and seven patients': animals beside people are another experiment
        if patterns.not_people.search(re.sub(r"[\s,]*\band\s*$", "", first_words)):
            continue  # 'Eleven glycogen phantoms and 12 healthy volunteers': things beside people
        if patterns.list_item_before.search(text[max(0, match.start() - 60):match.start()]):
            continue  # 'two center managers, nine health professionals and eleven women': the last two of a list
        if patterns.ratio_after.match(text[match.end():match.end() + 60]):
            continue  # '6 replicates and 15 chickens per replicate': a ratio
        if a and b and patterns.plural_nouns.search(match.group()) and \
                not _is_part(sentence.text, match.start(), match.end(), patterns):
            # '2 males and 5 females': a count of each sex, in passing (sexes in extract.yml)
            by_sex = patterns.sexes.search(first_words) and patterns.sexes.search(text[match.start("b"):match.end()])
            found.append(Candidate("weak" if by_sex else "groups", a + b, sentence.quote(match.start(), match.end()),
                                   False))
    groups = list(patterns.group_phrase.finditer(text)) if " in the " in text else []
    if len(groups) >= 2:
        values = [number_value(m.group("num"), patterns) for m in groups]
        if all(values):
            found.append(Candidate("groups", sum(values), sentence.quote(groups[0].start(), groups[-1].end()), False))
    return found


def _arms_total(text, patterns) -> int | None:
    """The sum of the arms a sentence counts '(n = 12) ... (n = 13)', when it counts two or more."""
    if "=" not in text:
        return None
    values = [number_value(m.group("n"), patterns) or 0 for m in patterns.arm_count.finditer(text)]
    return _whole_of_arms(values) if len(values) >= 2 else None


def _whole_of_arms(values) -> int:
    """The people of arms '(n = 100) ... (n = 100)'; when one count is the sum of the others it is their whole,
    '(n = 200) were randomised to A (n = 100) or B (n = 100)'."""
    largest = max(values)
    return largest if 2 * largest == sum(values) and len(values) > 2 else sum(values)


def _agrees_with_counts(text, total, patterns) -> bool:
    """Arms add up to the study only if no other count of people in their sentence says otherwise
    ('a group of 30 children and two comparison groups (n = 22) (n = 30)' names a third group)."""
    counts = {number_value(m.group("num"), patterns) for m in patterns.phrase.finditer(text)}
    return counts <= {total, None}


def _is_part(text, start, end, patterns) -> bool:
    """True when a count is a part of the study, not its whole: an arm, a subgroup, a percentage."""
    before = text[max(0, start - 40):start]
    return bool(patterns.part_before.search(before) or patterns.part_after.search(text[end:end + 60]))


def text_order(candidate: Candidate) -> tuple:
    """Where a candidate stands in the record: the title first, then the abstract from its start."""
    return candidate.quote.source != "title", candidate.quote.start


def decide_count(candidates, tiers) -> Candidate | None:
    """The count of the strongest tier that states one; two different counts there are no answer."""
    for tier in tiers:
        found = [c for c in candidates if c.tier == tier]
        if not found:
            continue
        values = {c.value for c in found}
        if len(values) == 1:
            return found[0]
        totals = {c.value for c in found if c.says_total}
        if len(totals) == 1:
            value = totals.pop()
            return next(c for c in found if c.value == value)
        return None
    return None


def _met_the_criteria(candidates, patterns: Patterns) -> Candidate | None:
    """Where totals differ and none is randomised, the one count of people who met the study's criteria, when it
    follows every other total and is smaller than each: those others counted the people screened."""
    if any(c.tier == "randomised" for c in candidates):
        return None
    totals = [c for c in candidates if c.tier == "total"]
    met = {c.value: c for c in totals if patterns.met_criteria.search(c.quote.text)}
    if len(met) != 1:
        return None
    chosen = next(iter(met.values()))
    others = [c for c in totals if c.value != chosen.value]
    if others and all(c.value > chosen.value and text_order(c) < text_order(chosen) for c in others):
        return chosen
    return None


def _stated_in_methods(reading: Reading, candidates) -> Candidate | None:
    """Where the strongest tier states two counts, the one a structured abstract's methods state: the people the
    study took, before the results tell how many of them were followed or analysed."""
    tier = next((t for t in ("randomised", "total") if any(c.tier == t for c in candidates)), None)
    return _one_count_in_sections(reading, candidates, reading.patterns.methods_section, (tier,)) if tier else None


def _stated_in_participants_section(reading: Reading, candidates) -> Candidate | None:
    """The one count a structured abstract's section of participants states in strong words ('PARTICIPANTS:
    Participants (n = 7516) were English ...') or opens with ('PARTICIPANTS: 264 clients (aged >= 65 years)'):
    the study's, whatever the setting counts around them or later sections count of some of them."""
    opening = [replace(c, tier="total") for c in candidates if c.tier == "weak" and c.quote.source == "abstract"
               and c.quote.start in reading.section_starts]
    return _one_count_in_sections(reading, candidates + opening, reading.patterns.participants_section,
                                  ("randomised", "total"))


def _one_count_in_sections(reading: Reading, candidates, sections: re.Pattern, tiers) -> Candidate | None:
    """The count that candidates of these tiers state in the abstract's sections a pattern names, if they state one."""
    stated = [c for c in candidates if c.tier in tiers and c.quote.source == "abstract" and
              sections.search(reading.section_at(c.quote.start))]
    return stated[0] if len({c.value for c in stated}) == 1 else None


def sample_size(reading: Reading) -> Found | None:
    """Participants enrolled or randomised in this study (or, for a review, in the studies it includes)."""
    if reading.population == "in-vitro":
        return _people_sampled(reading)
    # a review the classifier calls narrative that counts the studies it included is a systematic one in all but name
    if reading.is_review or (reading.design == "review" and reading.studies_counted):
        return _review_participants(reading)
    if reading.design in NOT_A_STUDY - {"other"}:
        return None
    candidates = participant_candidates(reading)
    for arms in reading.arms:
        # 'Rat pups (n = 32) ... Control pups (n = 33) ...': each count is an arm of the study, not its whole
        candidates = [c for c in candidates if not (c.quote.source == "abstract" and not c.says_total
                                                    and c.quote.start < arms.quote.end
                                                    and arms.quote.start < c.quote.end)]
    candidates = [c for c in candidates if not _part_of_an_earlier(c, candidates, reading.patterns)]
    chosen = _stated_in_participants_section(reading, candidates) or \
        decide_count(candidates, ("randomised", "total")) or _met_the_criteria(candidates, reading.patterns) or \
        _stated_in_methods(reading, candidates)
    if chosen is None and not any(c.tier in ("randomised", "total") for c in candidates):
        candidates += group_candidates(reading)
        chosen = _counted_in_a_case_title(reading, candidates) or _counted_in_weaker_words(reading, candidates)
    if chosen and not chosen.says_total and _several_studies(reading):
        return None  # 'Study 1 (N = 81) ... In Study 2 (N = 28)': the people of one of them
    return Found(chosen.value, chosen.quote) if chosen else None


def _people_sampled(reading: Reading) -> Found | None:
    """Laboratory work's participants: the people its samples came from, stated as a whole or as the one count of
    people it names in passing."""
    sampled = [c for c in participant_candidates(reading) if reading.patterns.sampled_people.search(c.quote.text)]
    chosen = decide_count(sampled, ("randomised", "total"))
    if chosen is None and not any(c.tier in ("randomised", "total") for c in sampled):
        # 'A total of 184 dual specimens (92 rectal and 92 nasopharyngeal swabs) from 92 patients were collected':
        # the one count of the people sampled, in passing, when no count of people is larger
        weak = [c for c in _in_passing_whole_first(sampled) if c.value >= reading.largest_count]
        chosen = decide_count(weak, ("weak",))
    return Found(chosen.value, chosen.quote) if chosen else None


def _counted_in_weaker_words(reading: Reading, candidates) -> Candidate | None:
    """Where no count is randomised or a total: the one count of groups, in passing or of those analysed; else
    the one patient of a case report, or the whole the findings are shares of."""
    candidates = [c for c in candidates if c.tier != "weak"] + _in_passing_whole_first(candidates)
    if any(c.tier in ("weak", "analysed") for c in candidates):
        # A count stated only in passing ("in 12 patients") is the whole only if no larger one is stated.
        candidates = [c for c in candidates if c.tier not in ("weak", "analysed") or c.value >= reading.largest_count]
    # A case report counts one patient unless it counts more ('Two cases ... were reported. Case 1. A 74-year-old')
    chosen = decide_count(candidates, ("groups", "weak", "analysed")) or \
        (not candidates and (_few_cases(reading) or _single_case(reading) or _denominator(reading) or
                             _sole_count(reading)))
    if chosen and chosen.tier == "groups" and any(c.tier == "weak" and c.value != chosen.value and not (
            chosen.quote.start <= c.quote.start < chosen.quote.end) for c in candidates):
        # 'eighteen female and twelve male control subjects ... In seven women ... In seventeen women': groups
        # beside other people counted apart, none of them the whole; unless one count in passing names more
        # people before the groups do: 'Chest CT images of 66 patients ... were included ... PCR-positive
        # outpatients (n = 7); PCR-negative outpatients (n = 9) ...' counts the whole, then some of it
        return _whole_before_its_groups(chosen, candidates)
    return chosen or None


def _in_passing_whole_first(candidates) -> list:
    """The counts in passing (tier weak), unless a smaller one comes first: a study names its whole before its
    parts, and "In 11 cases ... in 7 cases ... in 12 cases" names none."""
    weak = sorted((c for c in candidates if c.tier == "weak"), key=text_order)
    return [] if weak and weak[0].value < max(c.value for c in weak) else weak


def _whole_before_its_groups(groups: Candidate, candidates) -> Candidate | None:
    """The one count in passing larger than the groups added up and stated before them, or None."""
    weak = [c for c in candidates if c.tier == "weak"]
    if len({c.value for c in weak}) == 1 and weak[0].value > groups.value and text_order(weak[0]) < text_order(groups):
        return weak[0]
    return None


def _counted_in_a_case_title(reading: Reading, candidates) -> Candidate | None:
    """The one count a case report's or case series' title states ('Salmonellosis in children with cancer: review of
    42 cases'): the cases it describes, whatever pool the abstract draws them from ('among 2,262 patients')."""
    if reading.design not in ("case-report", "case-series"):
        return None
    titled = [c for c in candidates if c.tier == "weak" and c.quote.source == "title"]
    return titled[0] if len({c.value for c in titled}) == 1 else None


# Tiers from the weakest words to the strongest, for telling a whole stated in passing from a later part of it.
STRENGTH = {"analysed": 0, "weak": 1, "groups": 1, "total": 2, "randomised": 3}


def _part_of_an_earlier(candidate: Candidate, candidates, patterns: Patterns) -> bool:
    """True for a count smaller than one the record states before it in weaker words, unless its own words say it
    is randomised or a total: 'was evaluated in 14 patients. Nine patients had been treated with ...', 'CT scans of
    98 patients ... Twenty-two patients were studied after irradiation' name some of the people counted first.
    (Two counts in words of one strength stay two answers.)"""
    if candidate.tier == "randomised" or candidate.says_total or patterns.taken_in.search(candidate.quote.text):
        return False  # '304 patients fulfilled the inclusion criteria': those taken from the people counted first
    strength = STRENGTH.get(candidate.tier, 0)
    return any(c.value > candidate.value and STRENGTH.get(c.tier, 0) < strength and
               text_order(c) < text_order(candidate) for c in candidates)


def _denominator(reading: Reading) -> Candidate | None:
    """The people a study's findings are shares of, where it counts them only so ('Out of 112 patients who had a
    Linton flap operation, recurrences developed in 9', '32 of 56 patients received the MTD'): the whole, when it
    is the largest count of people its own sentences state."""
    patterns, shares, largest = reading.patterns, [], reading.largest_count
    for sentence in reading.count_sentences(patterns.phrase):
        for phrase in reading.phrases(sentence):
            value = number_value(phrase.group("num"), patterns) or 0
            if value >= 2 and patterns.plural_nouns.search(phrase.group()) and \
                    not patterns.percentage.search(phrase.group()) and \
                    patterns.denominator_before.search(sentence.text[max(0, phrase.start() - 25):phrase.start()]) and \
                    not patterns.denominator_beside.search(sentence.text) and \
                    not patterns.denominator_pool.search(sentence.text):
                shares.append(Candidate("denominator", value, sentence.quote(phrase.start(), phrase.end()), False))
    # two shares may be of two groups ('24 of 25 men with asymptomatic gonorrhea and 10 of 25 men with symptomatic
    # gonorrhea'): which is the whole is not said
    if len(shares) != 1 or shares[0].value != largest:
        return None
    # nor where a share of something larger is stated in other words ('212 (31.7%) of the 669 intent-to-treat
    # population ... 144 (29.2%) of the 493 ITT patients': two trials; 'Nineteen of 20 retinal detachments')
    for sentence in reading.own:
        for share in patterns.share_count.finditer(sentence.text):
            if (number_value(share.group("m"), patterns) or 0) > largest:
                return None
    return shares[0]


def _sole_count(reading: Reading) -> Candidate | None:
    """The one count of people a study's abstract states where no words introduce it, or else its one 'n =': the
    people it studied (_sole_phrase, _sole_equals)."""
    if reading.population == "unknown" or reading.design == "other":
        # an essay's or a model's numbers ('94 pairs of loci'); a record read as no study of its own (a method, a
        # resource, a note) counts its materials or others' people ('128 donors', 'six mice')
        return None
    return _sole_phrase(reading) or _sole_equals(reading)


def _sole_phrase(reading: Reading) -> Candidate | None:
    """The one count of people a study's abstract states, where no words introduce it ('Focus groups with 58 staff
    members were conducted virtually', 'An online questionnaire was filled by 1068 medical students'): the people it
    studied, when the count passes every test of a whole (phrase_candidates) and stands outside the results and
    the background, is no rate or share, and is not the last of a list of groups."""
    patterns = reading.patterns
    # (one among all the record's counts, its own or not: 'Of the 1,718 babies admitted, ...' read as others' still
    # makes 'about 100 babies being transferred' one count of two)
    counted = [(s, m) for s in reading.sentences_with(patterns.phrase, own=False) for m in reading.phrases(s)
               if not patterns.percentage.search(m.group())]
    if len(counted) != 1 or not reading.counts_own_people(counted[0][0]):
        return None
    sentence, phrase = counted[0]
    text, start, end = sentence.text, phrase.start(), phrase.end()
    if patterns.results_section.search(sentence.section) or patterns.opens_skipped_label.match(text) or \
            patterns.future.search(text) or patterns.sole_additional.match(text):
        return None  # a finding ('These 15 participants found the test easy'), the background, a plan, more people
    if patterns.sole_not_before.search(text[:start]) or patterns.sole_apart_after.match(text[end:]) or \
            patterns.sole_listed_before.search(re.sub(r"\([^()]*\)", "", text[max(0, start - 120):start])) or \
            _is_part(text, start, end, patterns):
        return None
    found = phrase_candidates(sentence, phrase, patterns, bare=True)
    return found[0] if [c.tier for c in found] == ["bare"] else None


def _sole_equals(reading: Reading) -> Candidate | None:
    """The one 'n =' of an abstract that counts no people in words ('a national web panel survey among 18-89
    year-olds in Norway (n = 4160)'): the people studied, unless it stands in the results, the background, a plan
    or a sentence that adds to the study ('In addition, ...'), or counts a group, some of those counted, a share or
    things ('half of these participants (N = 25)')."""
    patterns = reading.patterns
    if "=" not in reading.abstract or len(patterns.sole_equals_mark.findall(reading.abstract)) != 1:
        return None
    for sentence in reading.abstract_sentences:
        match = patterns.sole_equals.search(sentence.text)
        if not match:
            continue
        before = sentence.text[max(0, match.start() - 40):match.start()]
        if not reading.counts_own_people(sentence) or patterns.results_section.search(sentence.section) or \
                patterns.future.search(sentence.text) or patterns.sole_additional.match(sentence.text) or \
                patterns.arm_subset.search(before) or patterns.sole_equals_not_after.search(before) or \
                patterns.percent_of.search(before) or patterns.not_people.search(before[-30:]) or \
                patterns.sole_equals_share.match(sentence.text[match.end():]):
            return None
        value = number_value(match.group("n"), patterns)
        return Candidate("bare", value, sentence.quote(match.start(), match.end()), False) if value and value > 1 \
            else None
    return None


def _several_studies(reading: Reading) -> bool:
    regex = reading.patterns.several_studies
    return any(regex.search(s.text) for s in reading.sentences_with(regex))


def _few_cases(reading: Reading) -> Candidate | None:
    """Two or three patients, for a case report whose title or opening sentence counts them and that counts nobody
    otherwise ('Convulsions developed in two patients after retrobulbar block', '[... Three cases (author's
    transl)]'): a case report describes one to three. Where it counts both two and three, the first count is the
    whole if it is the three ('Three children, two girls and one boy', 'Apropos of 3 personal cases and 2 cases from
    the literature'); otherwise the counts say nothing. (Counts of other sizes are not read here.)"""
    if reading.design != "case-report":
        return None
    opening = [s for s in (reading.title_sentence, *reading.abstract_sentences[:1]) if s is not None]
    counted = [(number_value(m.group("num"), reading.patterns), s, m) for s in opening for m in reading.phrases(s)]
    counted = [(value, s, m) for value, s, m in counted if value in (2, 3)]
    if not counted or counted[0][0] != max(value for value, _, _ in counted):
        return None  # a whole is named before its parts ('Three children, two girls and one boy'), not after them
    value, sentence, match = counted[0]
    return Candidate("case", value, sentence.quote(match.start(), match.end()), False)


def _single_case(reading: Reading) -> Candidate | None:
    """One patient, for a case report that counts nobody."""
    if reading.design != "case-report":
        return None
    # The abstract's words first: they say more than a title's 'A case of' or 'Case report'.
    for sentence in sorted(reading.sentences, key=lambda s: s.source == "title"):
        # 'The authors report the case of ...' reads like others' work; a title is the record's own ('Cerebral
        # granulomatous angiitis: case report and literature review')
        own = sentence.source == "title" or reading.counts_own_people(sentence)
        match = reading.patterns.twins.search(sentence.text)
        if match and own:
            return Candidate("case", 2, sentence.quote(match.start(), match.end()), False)
        match = reading.patterns.single_case.search(sentence.text)
        # a sentence that opens on its patient is the report's, whatever it says of others later ('A patient is
        # reported with ... more completely than previously described')
        if match and (own or match.start() == 0):
            # '... in a 69-year-old man. A second patient, ...': two
            return _second_patient(reading) or Candidate("case", 1, sentence.quote(match.start(), match.end()), False)
    return None


def _second_patient(reading: Reading) -> Candidate | None:
    """Two patients, where a case report names a second beside its first ('A second patient', 'in a 12-year-old
    girl and her 36-year-old mother', 'His sister had ...')."""
    for sentence in reading.sentences:
        match = reading.patterns.second_patient.search(sentence.text)
        if match:
            return Candidate("case", 2, sentence.quote(match.start(), match.end()), False)
    return None


def _review_participants(reading: Reading) -> Found | None:
    found = []
    after, equal, before = reading.patterns.review_participants
    for sentence in reading.review_sentences:
        if not (reading.may_match_in(reading.patterns.people_words, sentence) or reading.may_match_in(equal, sentence)):
            continue  # no count of people in it: no words for people (which the others name), no 'n ='
        named = _review_counts(sentence, after, reading.patterns)
        questions = reading.patterns.outcome_parts.search(sentence.text)
        if questions:
            named = []  # the people of one question's analysis, not the review's
        several_equals = len(re.findall(r"\bn\s*=", sentence.text, re.IGNORECASE)) >= 2
        if several_equals:  # '(group A, 6 studies, n=1113 cases) and (group B, 39 studies n=16,741)': parts
            named = [c for c in named if "=" not in c.quote.text]
        found += _review_counts(sentence, before, reading.patterns)
        found += named
        if len(named) >= 2 and not re.search(r"\btotal\b|\boverall\b", sentence.text, re.IGNORECASE):
            # "29 studies (182,135 subjects) in the general population and 14 studies (8087 subjects) in ..."
            # are the review's two parts: together its people
            first, last = named[0].quote, named[-1].quote
            found.append(Candidate("review", sum(c.value for c in named),
                                   sentence.quote(first.start - sentence.start, last.end - sentence.start), False))
        if not several_equals and "=" in sentence.text:
            # 'six RCTs (n = 2858)'; where a sentence writes several 'n =' they count its studies or its parts
            found += _review_counts(sentence, equal, reading.patterns)
        phrases = reading.phrases(sentence)
        paired = paired_groups(sentence, phrases, reading.patterns)
        for phrase in phrases:
            if phrase.start() not in paired and not reading.patterns.one_study.search(sentence.text[:phrase.start()]):
                pooled = sentence.text[phrase.end():phrase.end() + 40]  # 'Data on 4,453 patients were pooled'
                for c in phrase_candidates(sentence, phrase, reading.patterns):
                    # 'A total of 1009 patients were included in the analysis' are the pooled analysis's people,
                    # unless the sentence analyses them for one question ('... were analyzed to assess ...');
                    # so are those randomised in its trials ('92 comparisons with 22,975 patients randomized')
                    pooled_whole = c.tier == "randomised" or (
                        c.tier in ("total", "analysed") and REVIEW_WHOLE.search(c.quote.text + pooled))
                    if c.says_total or (pooled_whole and not (c.tier == "analysed" and questions)):
                        found.append(c)
        found += [c for c in paired.values() if c and c.tier == "total" and not reading.patterns.one_study.search(
            reading.abstract[sentence.start:c.quote.start] if c.quote.source == "abstract" else "")]
    # Subgroups of a review's studies count fewer people than all of them: the largest is the whole.
    chosen = max(found, key=lambda c: c.value, default=None)
    return Found(chosen.value, chosen.quote) if chosen else None


def _review_counts(sentence: Sentence, regex, patterns: Patterns) -> list:
    """The counts of people one review pattern finds in a sentence, outside any outcome's statistics."""
    found = []
    for match in regex.finditer(sentence.text):
        value = number_value(match.group("n"), patterns)
        end = match.end()
        controls = patterns.and_controls.match(sentence.text, end) if value else None
        if controls:  # 'covering 23780 cases and 27307 controls'
            value, end = value + (number_value(controls.group("n"), patterns) or 0), controls.end()
        if value and value >= 2 and (regex is patterns.review_participants[1] or
                                     patterns.plural_nouns.search(match.group())) and \
                not _in_outcome_statistics(sentence.text, match.start(), patterns) and \
                not any(c.quote.start <= sentence.start + match.start() < c.quote.end for c in found):
            found.append(Candidate("review", value, sentence.quote(match.start(), end), False))
    return found


# A review's count of people is its whole only in words that pool them ("2959 patients were included"); "we
# identified 3 children with ..." counts the cases of one finding.
REVIEW_WHOLE = re.compile(r"includ|enrol|pool|analy[sz]|involv|compris|total|criteria|eligib", re.IGNORECASE)


def _in_outcome_statistics(text, start, patterns) -> bool:
    """True inside a parenthesis of one outcome's statistics: '(MD -3.0, 95% CI ..., 10 trials, 1939 participants)'."""
    before = text[:start]
    opened = before.rfind("(")
    return opened > before.rfind(")") and bool(patterns.outcome_statistics.search(before[opened:]))


def studies_included(reading: Reading) -> Found | None:
    """How many studies a systematic review or meta-analysis includes (the larger count where it gives two);
    failing that, the first count of studies it says it identified, outside the steps of its search."""
    if not (reading.is_review or reading.design == "review"):
        return None
    patterns = reading.patterns
    found = [f for _, f in _counted_studies(reading, patterns.review_counted)]
    if found:
        return max(found, key=lambda f: f.value)
    if not reading.is_review:
        return None
    weakly = [f for s, f in _counted_studies(reading, patterns.review_counted_weakly)
              if f.value <= patterns.review_weakly_at_most and not patterns.review_funnel.search(s.text)]
    return min(weakly, key=lambda f: (f.quote.source != "title", f.quote.start)) if weakly else None


def _counted_studies(reading: Reading, counted: list) -> list:
    """(sentence, Found) for every count of studies the patterns find in a review's sentences, pattern by pattern
    (the first pattern's quote is kept where two find the same count)."""
    found = []
    # the sentences the scan found any of the patterns may match in (each is read with them all)
    named = {id(s) for regex in counted for s in reading.sentences_with(regex, own=False)}
    for sentence in reading.review_sentences:
        for regex in counted if id(sentence) in named else ():
            for match in regex.finditer(sentence.text):
                start, value = match.start(), number_value(match.group("num"), reading.patterns)
                part = reading.patterns.review_kept_of_before.search(sentence.text[max(0, start - 40):start])
                if part and reading.patterns.review_kept_by.search(match.group()):
                    start, value = start - len(part.group()), number_value(part.group("num"), reading.patterns)
                if value:
                    found.append((sentence, Found(value, sentence.quote(start, match.end()))))
    return found


# ---------------------------------------------------------------- design signals


def first_match(regex, sentences):
    """(sentence, match) for the first sentence a regex matches, or None."""
    for sentence in sentences:
        match = regex.search(sentence.text)
        if match:
            return sentence, match
    return None


def first_own_match(regex, reading: Reading, sections_left_out=()):
    """(sentence, match) for the first sentence about this study that a regex matches, or None."""
    sentences = [s for s in reading.sentences_with(regex) if s.section not in sections_left_out]
    return first_match(regex, sentences)


def randomised(reading: Reading) -> Found | None:
    """True when the record says its own participants were randomised, False when it says they were not."""
    if not reading.reports_a_study or not any(w in reading.low for w in ("random", "single-arm", "single arm", "uncontrolled")):
        return None
    for value, key in ((False, "denied"), (True, "stated")):
        hit = first_own_match(reading.patterns.randomised[key], reading)
        if hit:
            sentence, match = hit
            return Found(value, sentence.quote(match.start(), match.end()))
    return None


def blinding(reading: Reading) -> Found | None:
    """double, single, triple or open-label, as the record states it for its own study; none when it says two."""
    if not reading.reports_a_study or not any(w in reading.low for w in ("blind", "mask", "open", "dummy")):
        return None
    hits = {}
    for kind, regex in reading.patterns.blinding.items():
        hit = first_own_match(regex, reading)
        if hit:
            hits[kind] = hit
    if "open-label" in hits and len(hits) > 1:
        return None
    for kind in ("triple", "double", "single", "open-label"):
        if kind in hits:
            sentence, match = hits[kind]
            return Found(kind, sentence.quote(match.start(), match.end()))
    return None


def placebo_controlled(reading: Reading, comparators: list, allocated: Found | None) -> Found | None:
    """True with a placebo or sham arm; False when the named comparators hold none, or when a randomised trial
    (allocated: its randomised answer) never names a placebo; else unknown."""
    if not reading.reports_a_study:
        return None
    hit = ("placebo" in reading.low or "sham" in reading.low) and first_own_match(reading.patterns.placebo, reading)
    if hit:
        sentence, match = hit
        return Found(True, sentence.quote(match.start(), match.end()))
    if comparators:
        return Found(False, comparators[0].quote)
    interventional = reading.design in ("rct", "clinical-trial", "protocol")
    hit = interventional and first_own_match(reading.patterns.compares, reading, ("RESULTS",))
    if hit:
        sentence, match = hit
        return Found(False, sentence.quote(match.start(), match.end()))
    if reading.design == "rct" and allocated and allocated.value and \
            not reading.patterns.placebo_anywhere.search(reading.low):
        # participants allocated at random between arms none of which the record ever calls a placebo or a sham
        hit = first_own_match(reading.patterns.randomised["allocated"], reading)
        if hit:
            sentence, match = hit
            return Found(False, sentence.quote(match.start(), match.end()))
    return None


# ---------------------------------------------------------------- comparators


def intervention(reading: Reading) -> str | None:
    """The drug under study: ketamine where the title names it, else the first drug the title names (of the drug
    list, else of the substances NLM indexed the record with)."""
    if reading.patterns.studied_drug.search(reading.title):
        return "ketamine"
    named = [regex.search(reading.title) for regex in (reading.patterns.drug, reading.substances) if regex]
    first = min((m for m in named if m), key=lambda m: m.start(), default=None)
    return _drug_name(first.group()) if first else None


def _drug_name(text: str) -> str:
    """A drug's name as the record's values give it: lower case, ketamine for its forms and brands, and the
    singular of one the drug list names either way ('opioids' is 'opioid')."""
    name = " ".join(text.lower().split())
    if PATTERNS.studied_drug.fullmatch(name):
        return "ketamine"
    return name.removesuffix("s") if name.removesuffix("s") in PATTERNS.drug_singulars else name


def comparators(reading: Reading) -> list:
    """What the intervention was compared with: placebo, saline, usual care, or named drugs."""
    if not compares_arms(reading):
        return []
    studied = intervention(reading)
    found = {}
    for sentence in reading.own:
        if sentence.section in ("RESULTS",) or not reading.patterns.comparison_cues.search(sentence.text):
            continue
        for name, regex in reading.patterns.comparators.items():
            for match in regex.finditer(sentence.text) if reading.may_match_in(regex, sentence) else ():
                found.setdefault(name, Found(name, sentence.quote(match.start(), match.end())))
        named = _drugs_named(reading, sentence)
        if not named or studied and not _names(sentence.text, studied, reading.patterns):
            continue  # no drug named in it, or not the one under study
        for match in named:
            name = _drug_name(match.group())
            # 'cromolyn sodium' is the 'cromolyn' under study, however the list and NLM name it
            if not (studied and (studied in name or name in studied)) and _compared(sentence.text, match, reading.patterns):
                found.setdefault(name, Found(name, sentence.quote(match.start(), match.end())))
    return list(found.values())


def _drugs_named(reading: Reading, sentence: Sentence) -> list:
    """Where a sentence names drugs: those of the list, then the record's substances named elsewhere in it (not
    NLM's 'cromolyn sodium' where the list read 'cromolyn')."""
    listed = list(reading.patterns.drug.finditer(sentence.text)) if reading.may_match_in(reading.patterns.drug, sentence) else []
    indexed = reading.substances.finditer(sentence.text) if reading.substances else ()
    return listed + [m for m in indexed if not any(m.start() < d.end() and d.start() < m.end() for d in listed)]


def compares_arms(reading: Reading) -> bool:
    """Whether the record reports a study of a design whose comparators are read: a trial or its protocol."""
    return reading.reports_a_study and reading.design in ("rct", "clinical-trial", "protocol", None)


def with_placebo(reading: Reading, compared: list, placebo: Found | None) -> list:
    """The comparators, with the placebo or sham a placebo-controlled trial names where no comparison cue stood
    beside it ('control patients received a placebo spray', 'A double-blind trial of X against placebo')."""
    named = any(c.value in ("placebo", "sham") for c in compared)
    if named or not (placebo and placebo.value and compares_arms(reading)):
        return compared
    return [*compared, Found("sham" if "sham" in placebo.quote.text.lower() else "placebo", placebo.quote)]


def _names(text, drug, patterns) -> bool:
    if drug == "ketamine":
        return bool(patterns.studied_drug.search(text))
    plural = "s?" if drug in patterns.drug_singulars else ""
    return re.search(rf"\b{re.escape(drug)}{plural}\b", text, re.IGNORECASE) is not None


def _compared(text, match, patterns) -> bool:
    """A drug named in a comparison: a cue word close before or after it."""
    window = text[max(0, match.start() - 40):match.end() + 25]
    return bool(re.search(r"\b(?:versus|vs\.?|v\.|compared|comparison|or|control|than|instead)\b", window,
                          re.IGNORECASE))


# ---------------------------------------------------------------- follow-up


def follow_up_days(reading: Reading) -> Found | None:
    """The longest follow-up the record states, in days."""
    if not reading.reports_a_study:
        return None
    patterns = reading.patterns
    best = period = None
    for sentence in reading.sentences_with(patterns.duration):
        text = sentence.text
        followed = bool(patterns.follow_cue.search(text))
        for match in patterns.duration.finditer(text):
            before, after = text[max(0, match.start() - 30):match.start()], text[match.end():]
            if _not_a_follow_up(text, match, patterns) or not followed and patterns.threshold_after.search(after):
                continue
            days = _days(match, patterns)
            if days is None:
                continue
            if followed or patterns.after_event.search(after) or patterns.time_point_before.search(before) \
                    or patterns.outcome_horizon_after.search(after) or _seen_later(text, after, patterns):
                if best is None or days > best.value:
                    best = Found(days, sentence.quote(match.start(), match.end()))
            elif (patterns.period_before.search(before) or patterns.period_after.search(after)) \
                    and patterns.period_sentence.search(text) and (period is None or days > period.value):
                period = Found(days, sentence.quote(match.start(), match.end()))
    for sentence in reading.sentences_with(patterns.numbered_time_point):
        for match in patterns.numbered_time_point.finditer(sentence.text):
            days = _days(match, patterns, match.group("last") or match.group("range_end") or match.group("n"))
            if days and (best is None or days > best.value):
                best = Found(days, sentence.quote(match.start(), match.end()))
    return best or period


def _seen_later(text, after, patterns) -> bool:
    """A time 'later' than what the sentence tells, unless what came later was another dose."""
    return bool(patterns.later.search(after)) and not patterns.later_not_in.search(text)


def _days(match, patterns, number=None) -> float | None:
    number = (number or match.group("n")).replace("·", ".")
    amount = float(number) if re.fullmatch(r"\d+\.\d+", number) else number_value(number, patterns)
    per = patterns.days_per.get(match.group("unit").lower())
    days = None if amount is None or per is None else amount * per
    return None if days is None or days > patterns.longest_days else round(days, 3)


def _not_a_follow_up(text, match, patterns) -> bool:
    """An age, a spread, a disease's duration or a date range, not a time participants were seen."""
    before = text[max(0, match.start() - 60):match.start()].lower()
    return bool(patterns.not_before_duration.search(before) or patterns.not_after_duration.search(text[match.end():]))


# ---------------------------------------------------------------- doses


def doses(reading: Reading) -> list:
    """Each ketamine dose the record states: numbers, unit, route where the text says, and schedule."""
    patterns = reading.patterns
    if "ketamin" not in reading.low and not (reading.may_match_low(patterns.studied_drug)
                                             and patterns.studied_drug.search(reading.low)):
        return []
    ketamine_study = bool(patterns.studied_drug.search(reading.title))
    title_route = _title_route(reading)
    found = []
    for sentence in reading.sentences_with(patterns.dose, own=False):
        if sentence.section in patterns.skipped_sections - {"BACKGROUND", "INTRODUCTION", "CONTEXT"}:
            continue
        drugs = list(patterns.drug.finditer(sentence.text))
        for match in patterns.dose.finditer(sentence.text):
            if _dose_drug(sentence.text, match, drugs, ketamine_study) != "ketamine":
                continue
            for dose in _doses(reading, sentence, match, drugs, title_route):
                if not any((d.low, d.high, d.unit) == (dose.low, dose.high, dose.unit) for d in found):
                    found.append(dose)
    return found


def _title_route(reading: Reading) -> str | None:
    """The one route a ketamine title names ('Sub-Lingual Ketamine Troches'), for doses whose words name none."""
    if not reading.patterns.studied_drug.search(reading.title):
        return None
    routes, _ = classify.labels_present("routes", classify.View({"title": reading.title}))
    return routes[0] if len(routes) == 1 else None


def _dose_drug(text, match, drugs, ketamine_study) -> str | None:
    """The drug a dose belongs to: one named just after it ('0.5 mg/kg ketamine'), else the nearest before it."""
    after = [d for d in drugs if 0 <= d.start() - match.end() <= 12 and re.fullmatch(r"[\s(]*(?:of\s+)?", text[match.end():d.start()], re.IGNORECASE)]
    if after:
        return _drug_name(after[0].group())
    before = [d for d in drugs if d.end() <= match.start() and match.start() - d.end() <= PATTERNS.dose_reach]
    if before:
        return _drug_name(before[-1].group())
    if not drugs and ketamine_study:
        return "ketamine"
    return None


def _doses(reading, sentence, match, drugs, title_route) -> list:
    """The dose (or, for '0.5 or 1 mg/kg', the doses) one match states."""
    patterns = reading.patterns
    unit = _unit_name(match.group("unit"), patterns)
    if unit is None or (unit == "%" and not patterns.percent_needs.search(sentence.text)):
        return []
    low = _float(match.group("low"))
    high = _float(match.group("high")) if match.group("high") else low
    if low is None or high is None:
        return []
    schedule_match = patterns.schedule.search(sentence.text[match.end():])
    schedule = schedule_match.group("schedule").strip(" ,") if schedule_match else None
    end = match.end() + (schedule_match.end() if schedule_match else 0)
    route = dose_route(sentence.text, match, drugs) or title_route
    quote = sentence.quote(match.start(), end)
    text = sentence.text[match.start():match.end()]
    if match.group("sep") and match.group("sep").lower() in ("and", "or"):
        return [Dose(text, n, n, unit, route, schedule or None, quote) for n in (low, high)]
    if high < low:
        return []
    return [Dose(text, low, high, unit, route, schedule or None, quote)]


def _unit_name(text, patterns) -> str | None:
    for name, regex in patterns.unit_names:
        if regex.match(text.strip()):
            return name
    return None


def _float(text) -> float | None:
    try:
        return float(text.replace(",", ".").replace("·", "."))
    except (TypeError, ValueError):
        return None


def dose_route(text, match, drugs) -> str | None:
    """The route the words around a dose name, by the classifier's own route rules; None unless exactly one."""
    start = max([d.start() for d in drugs if d.end() <= match.start()] or [max(0, match.start() - 60)])
    window = text[max(0, start - 30):min(len(text), match.end() + 50)]
    view = classify.View({"title": "", "abstract": window})
    routes, _ = classify.labels_present("routes", view)
    return routes[0] if len(routes) == 1 else None


# ---------------------------------------------------------------- conclusion


def conclusion(reading: Reading) -> Found | None:
    """The authors' conclusion, verbatim: the conclusion section, else the sentence that states it."""
    patterns = reading.patterns
    found = _conclusion(reading)
    if found and reading.design == "protocol" and patterns.plans.search(
            reading.abstract[found.quote.start:found.quote.end]):
        return None  # a protocol's plans ('QUIT is designed to ...', 'This study will provide ...') are no finding
    return found


def _conclusion(reading: Reading) -> Found | None:
    if not any(text.strip() for _, _, text in reading.sections):
        return None  # a title alone states no conclusion
    found = conclusion_as_labelled(reading)
    if found:
        return found
    choice = conclusion_choice(reading)
    if choice is None:
        return None
    candidates, at = choice
    if reading.patterns.conclusion_weights:
        texts = [s.text for s in reading.abstract_sentences]
        at = weights.conclusion_at(texts, candidates, at, reading.patterns.conclusion_weights)
    return _joined(_closing(reading, at), reading.patterns)


def conclusion_as_labelled(reading: Reading) -> Found | None:
    """The conclusion its authors label: a conclusion section (or the discussion that closes the abstract), or the
    words after 'Conclusion:' inside the text."""
    patterns = reading.patterns
    # The sections that hold a sentence (index, label), in order: a labelled conclusion is found without cutting the
    # others into sentences.
    written = [(i, label) for i, (label, _, text) in enumerate(reading.sections) if text.strip()]
    labels = dict.fromkeys(label for _, label in written if label)  # in order, each once
    label = next((label for label in labels if patterns.conclusion_section.search(label)), None)
    if label is None:  # a discussion that closes the abstract, notes aside, is its conclusion
        last = next((label for _, label in reversed(written) if _readable_label(label, patterns)), "")
        label = last if patterns.closing_section.search(last) else None
    if label:
        chosen = [s for i, section in written if section == label for s in reading.section_sentences(i)
                  if _kept(reading, s)]
        if chosen:
            return _joined(chosen, patterns)
    return _inline_conclusion(reading)


def sentences_to_weigh(reading: Reading) -> tuple | None:
    """(the abstract's sentences, those that could be quoted as its conclusion, the patterns' choice of them) where
    the conclusion's word weights may choose another (harvest.weights.conclusion_at): an abstract that labels no
    conclusion and states a finding. None elsewhere."""
    if not any(text.strip() for _, _, text in reading.sections) or conclusion_as_labelled(reading):
        return None
    choice = conclusion_choice(reading)
    return ([s.text for s in reading.abstract_sentences], *choice) if choice else None


def _readable_label(label: str, patterns: Patterns) -> bool:
    return label not in patterns.skipped_sections and not patterns.not_conclusion_section.search(label)


def _kept(reading: Reading, sentence: Sentence) -> bool:
    """Whether a sentence is more than boilerplate (a copyright line, a funding note)."""
    patterns = reading.patterns
    noted = reading.may_match_in(patterns.glued_notes, sentence)  # most sentences end on no note
    return not reading.holds(patterns.boilerplate, sentence, _without_notes(sentence, patterns) if noted else None)


def conclusion_choice(reading: Reading) -> tuple | None:
    """For an abstract that labels no conclusion: (the indices of its sentences that could be quoted as one, the
    index of the one the patterns choose), or None where it states no finding. The word weights
    (harvest/weights.py) may choose another of them."""
    patterns = reading.patterns
    abstract = reading.abstract_sentences
    readable = {label: _readable_label(label, patterns) for label in {s.section for s in abstract}}  # each label once
    candidates = [i for i, s in enumerate(abstract) if readable[s.section] and _kept(reading, s)]
    quotable = {id(abstract[i]) for i in candidates}  # the abstract's readable sentences, boilerplate aside
    for cue in patterns.conclusion_cues:
        # the scan may name sentences the cue does not match in (it reads no lookarounds): each is read again
        # ('This review provides an overview ...' reads like a cue, yet states the record's scope, not a finding)
        stated = [s for s in reading.sentences_with(cue, own=False)
                  if id(s) in quotable and cue.search(s.text) and not reading.holds(patterns.aims, s)]
        stated.sort(key=lambda s: (reading.is_own(s), s.start), reverse=True)
        if stated:
            return candidates, abstract.index(stated[0])
    # The last sentence that states a finding: not what is discussed elsewhere, the aim, or a call for research.
    # An unstructured abstract closes on its authors' view, even where its words read like others' work
    # ('improved results follow earlier indications for surgery').
    if not candidates or reading.holds(patterns.aims, abstract[candidates[-1]]):
        return None  # it closes on what it sets out to do: no finding stated
    finding = lambda s: not reading.holds(patterns.not_a_finding, s) and not reading.holds(patterns.asides, s)
    at = next((i for i in reversed(candidates) if finding(abstract[i])), None)
    return (candidates, at) if at is not None else None


def _closing(reading: Reading, at: int) -> list:
    """The abstract's sentence at `at`, with the one before when it goes on from it ('In addition, the data support
    ...')."""
    abstract = reading.abstract_sentences
    if at and _goes_on_from(reading, abstract[at - 1], abstract[at]):
        return abstract[at - 1:at + 1]
    return [abstract[at]]


def _goes_on_from(reading: Reading, before: Sentence, sentence: Sentence) -> bool:
    """Whether a sentence opens on words that tie it to the one before ('Instead, ...'), in the same section."""
    return (sentence.section == before.section and bool(reading.patterns.continues.search(sentence.text))
            and not reading.holds(reading.patterns.not_a_finding, before))


def _without_notes(sentence: Sentence, patterns: Patterns) -> str:
    """A sentence's words before any note glued to its end."""
    match = patterns.glued_notes.search(sentence.text)
    return sentence.text[:match.start()] if match and match.start() > 20 else sentence.text


def _inline_conclusion(reading: Reading) -> Found | None:
    """A conclusion labelled inside the text ('Conclusion: ...', '.Significance. ...'), up to any note after it."""
    patterns = reading.patterns
    text = reading.abstract
    if not reading.may_match(patterns.inline_conclusion):
        return None  # most abstracts label nothing inside their text
    match = None
    for match in patterns.inline_conclusion.finditer(text):
        pass  # the last label is the conclusion's
    if match is None:
        return None
    start, end = match.end(), len(text)
    note = patterns.glued_notes.search(text, start)
    if note:
        end = note.start()
    else:
        note = re.search(r"\s(?:(?:Clinical\s+)?(?:Trial|Study)\s+)?[Rr]egistration\b", text[start:])
        if note:
            end = start + note.start()
    end = len(text[:end].rstrip())
    if end - start < 20:
        return None
    return Found(None, Quote("abstract", start, end, None))


def _joined(sentences, patterns: Patterns = PATTERNS) -> Found:
    """The sentences' span in the abstract, without a note glued to the last one."""
    first, last = sentences[0], sentences[-1]
    end = last.start + len(_without_notes(last, patterns).rstrip())
    return Found(None, Quote("abstract", first.start, end, None))


def labelled_conclusion(record: dict, start: int, patterns: Patterns = PATTERNS) -> bool:
    """Whether the conclusion quoted from `start` of the abstract stands where its authors label it: in a conclusion
    section (or the discussion that closes the abstract), or after 'Conclusion:' inside the text. Otherwise it is the
    sentence chosen as the main finding of an abstract that labels none."""
    held = [(label, offset) for label, offset, _ in sections_of(record) if offset <= start]
    label = held[-1][0] if held else ""
    if label and (patterns.conclusion_section.search(label) or patterns.closing_section.search(label)):
        return True
    return any(m.end() == start for m in patterns.inline_conclusion.finditer(record.get("abstract") or ""))


# ---------------------------------------------------------------- registrations


def registrations(record: dict, reading: Reading) -> list:
    """Trial and review registrations: every registry id of the record's DataBankList, then those in its text."""
    patterns = reading.patterns
    found = {}
    for bank in record.get("databanks") or ():
        registry = _registry_for_databank(bank.get("name"), patterns)
        if registry is None:
            continue  # a data repository (GenBank, GEO, figshare), not a registry
        for accession in bank.get("accessions") or ():
            rid = normalise_id(registry, accession)
            found.setdefault((registry.name, rid), Registration(registry.name, rid, "databank",
                                                                registry_url(registry, rid), None))
    named = "registry_words" in reading.hits and patterns.registry_words.search(reading.low)
    for sentence in reading.sentences if named else ():
        if not patterns.registry_words.search(f"{sentence.section}: {sentence.text}".lower()):
            continue  # every mention of a registry holds one of its words, in its sentence or the section's label
        for registry, rid, start, end in ids_in(sentence.text, patterns, sentence.section):
            key = (registry.name, rid)
            quote = sentence.quote(start, end)
            if key in found:
                if found[key].quote is None:
                    found[key] = Registration(registry.name, rid, found[key].source, found[key].url, quote)
                continue
            found[key] = Registration(registry.name, rid, "text", registry_url(registry, rid), quote)
    return list(found.values())


def _registry_for_databank(name, patterns):
    name = (name or "").strip().lower()
    return next((r for r in patterns.registries if name in r.databank), None)


def ids_in(text: str, patterns: Patterns = PATTERNS, section: str = ""):
    """(registry, normalised id, start, end) for each registration id a text names; the words a
    registry needs around its ids may also be the label of the text's section ('OSF REGISTRATION: ...')."""
    taken = []
    for registry in patterns.registries:
        if registry.needs_context and not registry.needs_context.search(f"{section}: {text}"):
            continue
        for match in registry.id.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            yield registry, normalise_id(registry, match.group()), match.start(), match.end()
        if registry.named_number:
            for match in registry.named_number.finditer(text):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                taken.append((match.start(), match.end()))
                yield registry, registry.prefix + match.group("digits"), match.start(), match.end()


# A mark between an id's letters and its digits, as texts write it and registries do not: 'ISRCTN-12345678',
# 'NCT#02581813'.
PREFIX_MARK = re.compile(r"^([A-Za-z]+)[#:\u2010\u2011\u2013-]+(?=\d)")


def normalise_id(registry: Registry, text: str) -> str:
    """An id as its registry writes it (extract.yml): no inner spaces or thousands commas
    ('CTRI/2018/02/011,664'), no mark after its letters unless the registry writes one
    ('ISRCTN-12345678'), in the registry's case, its letters spelled as the registry spells them
    and nothing written before them ('doi.org/10.17605/OSF.IO/ABCDE' is 'osf.io/abcde')."""
    compact = re.sub(r"\s+|(?<=\d),(?=\d)", "", text.strip().strip(".,;:()[]"))
    if not registry.keeps_mark:
        compact = PREFIX_MARK.sub(r"\1", compact)
    compact = ID_CASES[registry.id_case](compact)
    letters = registry.id_letters
    at = compact.lower().find(letters.lower()) if letters else -1
    return letters + compact[at + len(letters):] if at >= 0 else compact


ID_CASES = {"upper": str.upper, "lower": str.lower, "as-written": str}


def registry_url(registry: Registry, rid: str) -> str | None:
    """The registry's page for an id, when the id has the registry's shape."""
    if not registry.id.fullmatch(rid):
        return None
    digits = "".join(DIGITS.findall(rid))
    return registry.url.format(id=rid, digits=digits)


# ---------------------------------------------------------------- kinds of values


SIGNALS = ("randomised", "blinding", "placebo_controlled")


# The two kinds of conclusion (value_kind): one its authors label, and a sentence chosen where they label none,
# which the conclusion's word weights may have chosen.
LABELLED_CONCLUSION = "conclusion: labelled a conclusion by its authors"
CHOSEN_CONCLUSION = "conclusion: the sentence taken for the main finding; the abstract labels none"


def value_kind(field: str, value, record: dict, start: int | None = None, patterns: Patterns = PATTERNS) -> str:
    """The kind of an extracted value that blind readers' agreement is counted for, apart from the others (the
    article page's figures): a design signal with what it says ('randomised: no' is read less surely than
    'randomised: yes'), a conclusion by whether its authors label it (labelled_conclusion; start: where its quote
    starts in the abstract), and every other field as one kind."""
    if field in SIGNALS:
        said = value if field == "blinding" else ("yes" if str(value) in ("1", "True") else "no")
        return f"{field}: {said}"
    if field == "conclusion":
        labelled = start is not None and labelled_conclusion(record, start, patterns)
        return LABELLED_CONCLUSION if labelled else CHOSEN_CONCLUSION
    return field


# ---------------------------------------------------------------- the API


def band(sample_size: Found | None, patterns: Patterns = PATTERNS) -> str:
    """The sample-size band a count falls in ('20–49'), or 'not stated'."""
    if sample_size is None:
        return patterns.band_unknown
    return [name for start, name in patterns.bands if sample_size.value >= start][-1]



def extract(record: dict, classification: dict | None = None, patterns: Patterns = PATTERNS) -> Extraction:
    """What one parsed record says about its own study (docs/record.md), each value with its quote."""
    reading = Reading(record, classification, patterns)
    compared = comparators(reading)
    allocated = randomised(reading)
    placebo = placebo_controlled(reading, compared, allocated)
    result = Extraction(
        sample_size=sample_size(reading),
        studies_included=reading.studies_counted,
        randomised=allocated,
        blinding=blinding(reading),
        comparators=with_placebo(reading, compared, placebo),
        placebo_controlled=placebo,
        follow_up_days=follow_up_days(reading),
        doses=doses(reading),
        registrations=registrations(record, reading),
        conclusion=conclusion(reading),
    )
    if result.conclusion:
        quote = result.conclusion.quote
        text = (record.get("abstract") or "")[quote.start:quote.end]
        result.conclusion = Found(text, Quote(quote.source, quote.start, quote.end, text))
    return result
