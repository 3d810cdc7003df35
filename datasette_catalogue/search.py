"""How the catalogue reads what a reader types into a search box.

- Words are all required, in any order, with their endings (pain, painful); common
  words (the, and, of, for...) are left out unless nothing else is typed.
- "Quoted words" are a phrase; OR between two terms takes either; -word leaves out
  records that have it.
- A word with a hyphen finds both spellings: sub-lingual finds "sub-lingual" and
  "sublingual"; sublingual finds "Sub-Lingual" too, because the loader indexes every
  hyphenated word of a record also without its hyphens (harvest.load.search_terms).
  The same index holds each record's design, condition and route labels, so the words
  of a label (crps, rct, intranasal, sublingual) find the records it labels.
- When no record has all the words, the search page ranks the records that have any.
- A record's PMID, DOI or PMCID finds it, pasted bare, after "PMID:" or as the address of
  its PubMed page or DOI (harvest.load.identifiers puts them in the index).

The reading is built here once (parse) and turned into an FTS5 query (all_words,
any_word) and into a sentence for the page (reading). SQLite gets it through
functions registered on every connection: escape_fts (Datasette's table search and the
search query), search_all and search_any. The search query itself (SEARCH_SQL) is a
canned query of every catalogue; its scope is one of the shortcuts of metadata.yml.
"""

import re
from dataclasses import dataclass, field

from datasette import hookimpl
from datasette.utils import escape_fts as datasette_escape_fts

# Words and phrases a search keeps. FTS5 ranks and highlights inside one step of SQLite,
# which the time limit cannot stop: 2,000 words kept a 50,000-record search busy for 14 s.
MAX_SEARCH_TERMS = 100
# Matches ranked at most, the most recent first (by PMID): ranking every record that has a common
# word would not end within the time limit.
RANKED = 20_000
# Left out of a search that has other words: they are in nearly every abstract, so they
# neither narrow nor rank ("ketamine for chronic pain" reads as "ketamine chronic pain").
STOPWORDS = frozenset("""a about after an and are as at be been but by can could did do does for from had has
have how in into is it its may might of on or our over should such than that the their these they this
those through to under was we were what when which while who whose will with within without would""".split())
# Parts of a word: FTS5's tokenizer keeps runs of letters and digits and drops the rest.
PARTS = re.compile(r"[^\W_]+")
TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
NOTHING = '""'  # the empty phrase: matches no record, where FTS5 would refuse an empty query
# The address of a record's PubMed page or DOI, read as the identifier after it.
ADDRESS = re.compile(r"\bhttps?://(?:dx\.)?doi\.org/|\bhttps?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|"
                     r"ncbi\.nlm\.nih\.gov/pubmed)/(?=\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query, as the parts FTS5 will match."""

    parts: tuple
    phrase: bool = False  # typed in quotes
    prefix: bool = False  # typed with a trailing * (pain* finds painful, painless)

    @property
    def text(self) -> str:
        return " ".join(self.parts) + ("*" if self.prefix else "")

    def fts(self) -> str:
        """The term in FTS5's syntax; a hyphenated word matches with or without its hyphens."""
        star = "*" if self.prefix else ""
        spelled = f'"{" ".join(self.parts)}"{star}'
        if self.phrase or len(self.parts) == 1:
            return spelled
        return f'({spelled} OR "{"".join(self.parts)}"{star})'


@dataclass
class Query:
    """A search as read: groups of terms (any one of a group will do), terms left out, words dropped."""

    groups: list = field(default_factory=list)  # [[Term]]: every group must match
    excluded: list = field(default_factory=list)  # [Term]
    dropped: list = field(default_factory=list)  # common words not searched for

    def all_words(self) -> str:
        return self._fts(" AND ".join(_group(g) for g in self.groups))

    def any_word(self) -> str:
        return self._fts(" OR ".join(t.fts() for g in self.groups for t in g))

    def _fts(self, wanted) -> str:
        if not wanted:
            return NOTHING  # nothing to look for: a query of only -words cannot be run alone
        if self.excluded:
            return f"({wanted}) NOT ({' OR '.join(t.fts() for t in self.excluded)})"
        return wanted

    @property
    def alternatives(self) -> bool:
        """Whether an any-word search could find more than the all-words one."""
        return len(self.groups) > 1


def _group(terms) -> str:
    return terms[0].fts() if len(terms) == 1 else "(" + " OR ".join(t.fts() for t in terms) + ")"


def parse(text) -> Query:
    """Read a query: words, "phrases", OR between terms, -excluded terms and word* prefixes."""
    query = Query()
    if not isinstance(text, str):
        return query
    pending_or, wanted = False, []  # wanted: [(term, joined to the previous by OR)]
    for minus, quoted, bare in TOKENS.findall(ADDRESS.sub("", text.replace("\0", " "))):
        if bare == "OR":
            pending_or = bool(wanted)
            continue
        excluded = bool(minus) or (bare.startswith("-") and len(bare) > 1)
        term = _term(quoted, phrase=True) if quoted or minus else _term(bare.lstrip("-") if excluded else bare)
        if term is None:
            continue
        if excluded:
            query.excluded.append(term)
        else:
            wanted.append((term, pending_or))
        pending_or = False
        if len(wanted) + len(query.excluded) >= MAX_SEARCH_TERMS:
            break
    kept = [(t, joined) for t, joined in wanted if not _common(t)]
    if kept or not wanted:
        query.dropped = [t.text for t, _ in wanted if _common(t)]
    else:
        kept = wanted  # only common words typed: search for them
    for term, joined in kept:
        if joined and query.groups:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
    return query


def _term(text, phrase=False):
    parts = tuple(PARTS.findall(text.lower()))
    if not parts:
        return None
    prefix = not phrase and text.endswith("*")
    return Term(parts, phrase=phrase and len(parts) > 1, prefix=prefix)


def _common(term) -> bool:
    return not term.phrase and not term.prefix and len(term.parts) == 1 and term.parts[0] in STOPWORDS


def reading(query: Query, fallback: bool = False) -> str:
    """How the page says it read a query, in words."""
    if not query.groups:
        return "There is no word to look for in this search." if query.excluded else ""
    shown = ["either " + " or ".join(_quoted(t) for t in g) if len(g) > 1 else _quoted(g[0]) for g in query.groups]
    if fallback:
        words = " or ".join(_quoted(t) for g in query.groups for t in g)
        sentence = f"No record has all of {_listed(shown)}: these records have {words}, the most relevant first."
    elif len(shown) > 1:
        sentence = f"Records with all of {_listed(shown)}, in any order."
    else:
        sentence = f"Records with {shown[0]}."
    if query.excluded:
        sentence += f" Left out: records with {' or '.join(_quoted(t) for t in query.excluded)}."
    if query.dropped:
        sentence += f" Common words not searched for: {', '.join(dict.fromkeys(query.dropped))}."
    hyphenated = [t for g in query.groups for t in g if len(t.parts) > 1 and not t.phrase]
    if hyphenated:
        sentence += " " + "; ".join(f"{'-'.join(t.parts)} also finds {''.join(t.parts)}" for t in hyphenated) + "."
    return sentence


def _quoted(term: Term) -> str:
    return f"“{' '.join(term.parts) if term.phrase else '-'.join(term.parts)}{'*' if term.prefix else ''}”"


def _listed(items) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------- SQLite functions


def escape_fts(text) -> str:
    """All the words of a search as FTS5 reads them (replaces Datasette's escape_fts, which
    the table's ?_search= calls); a query of no words matches nothing instead of failing."""
    if not isinstance(text, str):
        return datasette_escape_fts(text)
    return parse(text).all_words()


def search_any(text) -> str:
    return parse(text).any_word()


@hookimpl(specname="prepare_connection", trylast=True)
def search_functions(conn):
    """Registered after Datasette's own escape_fts, which this one replaces."""
    for name, function in (("escape_fts", escape_fts), ("search_all", escape_fts), ("search_any", search_any)):
        conn.create_function(name, 1, function, deterministic=True)


# ---------------------------------------------------------------- the search page


async def search_context(db, text) -> dict:
    """What the search page says about a query: how it was read, how many records have all the
    words, and whether it shows records with any of them instead."""
    query = parse(text)
    strict = query.all_words()
    found = (await db.execute("select count(*) from articles_fts where articles_fts match :q",
                              {"q": strict})).first()[0] if query.groups else 0
    fallback = not found and query.alternatives
    if fallback:
        found = (await db.execute("select count(*) from articles_fts where articles_fts match :q",
                                  {"q": query.any_word()})).first()[0]
    return {"reading": reading(query, fallback), "matches": found, "fallback": fallback,
            "expression": query.any_word() if fallback else strict, "ranked": RANKED}


@hookimpl(specname="extra_template_vars")
def search_vars(template, request, datasette, database):
    # The search query's page (Datasette 0.65 serves a canned query through its table view).
    if request is None or database is None or template != f"query-{database}-search.html":
        return {}

    async def inner():
        text = request.args.get("q", "")
        if not text.strip():
            return {}
        return {"search": await search_context(datasette.get_database(database), text)}

    return inner


# ---------------------------------------------------------------- the search query


# When no record has every word, the records with any of them are ranked instead. Only the
# RANKED most recent matches (by PMID) are ranked, and only the rows shown are highlighted, so
# that a search for common words ends well within the time limit. The page shows the first 100
# (rows=N: up to 1,000); rows=all (the exports) every ranked row, without highlights (which
# would cost a full-text lookup a row). {scope} keeps the rows of the shortcut :scope names.
SEARCH_SQL = """with plan as (
  select case when exists (select 1 from articles_fts where articles_fts match search_all(:q))
              then search_all(:q) else search_any(:q) end as expression
),
ranked as (
  select rowid as pmid, bm25(articles_fts, 10.0, 1.0, 3.0, 3.0, 2.0, 1.0) as score
  from articles_fts where articles_fts match (select expression from plan)
  order by rowid desc limit {ranked}
),
matching as (
  select r.pmid, r.score, a.pub_date from ranked r join articles a on a.pmid = r.pmid
  where {scope}
),
chosen as (
  select * from matching
  order by case when :sort = 'newest' then pub_date end desc, score, pmid
  limit case when :rows = 'all' then -1
             when cast(:rows as integer) > 0 then min(cast(:rows as integer), 1000) else 100 end
),
shown as (
  select a.pmid, a.title, a.authors, a.journal_iso, a.pub_year, a.pub_date,
    a.design, a.evidence_level, a.population, a.retracted,
    highlight(articles_fts, 0, '<mark>', '</mark>') as title_html,
    snippet(articles_fts, 1, '<mark>', '</mark>', ' … ', 40) as snippet,
    c.pub_date as sort_date, c.score
  from articles_fts
  join chosen c on c.pmid = articles_fts.rowid
  join articles a on a.pmid = c.pmid
  where :rows != 'all' and articles_fts match (select expression from plan)
  union all
  select a.pmid, a.title, a.authors, a.journal_iso, a.pub_year, a.pub_date,
    a.design, a.evidence_level, a.population, a.retracted, null, null, c.pub_date, c.score
  from chosen c join articles a on a.pmid = c.pmid
  where :rows = 'all'
)
select pmid, title, authors, journal_iso, pub_year, pub_date, design, evidence_level,
  population, retracted, title_html, snippet, (select count(*) from matching) as matches
from shown
order by case when :sort = 'newest' then sort_date end desc, score, pmid"""


def sql_text(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def filters_sql(filters: dict) -> str:
    """A shortcut's table filters (column=, column__exact=, column__in=a,b) as SQL on articles a."""
    clauses = []
    for key, value in filters.items():
        column, _, lookup = key.partition("__")
        if lookup in ("", "exact"):
            clauses.append(f"a.[{column}] = {sql_text(value)}")
        elif lookup == "in":
            clauses.append(f"a.[{column}] in ({', '.join(map(sql_text, str(value).split(',')))})")
        else:
            raise ValueError(f"a shortcut filters only with column=, column__exact= or column__in=, not {key}")
    return " and ".join(clauses) or "1"


def scope_sql(shortcuts: dict) -> str:
    """Rows of the shortcut :scope names; every row for any other scope (all, or one unknown)."""
    if not shortcuts:
        return "1"
    named = [f"(:scope = {sql_text(key)} and {filters_sql(s['filters'])})" for key, s in shortcuts.items()]
    return (f"(:scope not in ({', '.join(map(sql_text, shortcuts))})\n         or "
            + "\n         or ".join(named) + ")")


def search_query(shortcuts: dict) -> dict:
    return {
        "title": "Search the catalogue",
        "description": "Searches titles, abstracts, MeSH headings, keywords, authors and the records' "
                       "design, condition and route labels. Ranked by relevance (title matches count most) "
                       "or sorted newest first.",
        "hide_sql": True,
        "sql": SEARCH_SQL.format(ranked=RANKED, scope=scope_sql(shortcuts)),
    }


@hookimpl(specname="canned_queries")
def search_queries(datasette, database):
    """The ranked search of a catalogue (a database with the full-text index)."""

    async def inner():
        if "articles_fts" not in await datasette.get_database(database).table_names():
            return {}
        shortcuts = (datasette.plugin_config("catalogue") or {}).get("shortcuts") or {}
        return {"search": search_query(shortcuts)}

    return inner
