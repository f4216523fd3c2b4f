"""Read what a user typed: words, phrases, exclusions, OR, prefixes, filters, resolutions.

The syntax (documented on the help page, ``templates/statements/search_help.html``):

- ``sanctions regime``      every word, stemmed ("sanction" finds "sanctions");
- ``"two-State solution"``  an exact phrase;
- ``-Iran`` / ``NOT Iran``  leave out statements with that word or phrase;
- ``Syria OR Yemen``        either word (``OR`` in capitals);
- ``negotiat*``             words starting so (three letters at least);
- ``speaker:Nebenzia country:France meeting:S/PV.8700 year:2020 role:briefer
  language:French from:2020-01-01 to:2020-03-31`` filters written in the query;
- names as people say them: a first name before a surname the records print
  ("Kelly Craft"), a post for its holder ("Secretary-General"), a short name for a
  State ("UK", "Russia"), with or without apostrophes ("Jaafari"); see
  ``statements.search.names`` and ``aliases``;
- a resolution in any usual form (``2341``, ``resolution 2341 (2017)``,
  ``S/RES/2341``, ``59/290``): the statements citing it.

Parsing never fails. A query it cannot read (an unclosed quote, a dangling
``OR``, brackets that do not pair) is searched as plain words, and
``ParsedQuery.problems`` says why so the page can tell the user. This module
knows nothing of the database or the search engine: ``statements.search.filters``
resolves the filters and ``to_sq`` turns the words into haystack's ``SQ``, which
every haystack backend translates for its engine.
"""
from dataclasses import dataclass, field, replace
from datetime import date
import calendar
import re

from haystack.inputs import Clean, Exact, Raw
from haystack.query import SQ

from ..parser.citations import ResolutionRef, find_citations, ref_from_parts

MAX_QUERY_LENGTH = 500
MIN_PREFIX = 3
MAX_CLAUSES = 30
# Filters a query may carry, as ``name:value``.
FILTER_NAMES = ("speaker", "country", "meeting", "year", "from", "to", "role", "language")

_BARE_NUMBER_RE = re.compile(r"^\s*(?P<num>\d{1,4}(?:/\d{1,4})?)(?:\s*\((?P<year>\d{4})\))?\s*$")
_CITATION_RE = re.compile(
    r"\b(?:(?:general\s+assembly|security\s+council)\s+)?(?:resolutions?|res\.)\s+"
    r"\d{1,4}(?:/\d{1,4})?(?:\s*\(\d{4}\))?"
    r"|\b[SA]/RES/\d{1,4}(?:/\d{1,4})?(?:\s*\(\d{4}\))?",
    re.IGNORECASE,
)
# A token: optional sign, optional ``name:``, then a quoted phrase or a run of non-space.
_TOKEN_RE = re.compile(r'(?P<neg>-)?(?:(?P<name>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))?')
_WORD_RE = re.compile(r"\w+")


@dataclass
class Clause:
    """One searched word, phrase or prefix; ``negated`` leaves it out."""

    kind: str  # "word", "phrase" or "prefix"
    text: str
    negated: bool = False
    # Ids of the speakers this word names: their own statements rank higher.
    speakers: list[str] = field(default_factory=list)
    # The word as a name, when the parser split it ("Ja'afari" is searched as "Ja afari").
    name: str = ""
    # Other texts that satisfy it: how statements print the State it names ("United Kingdom").
    forms: list[str] = field(default_factory=list)
    # ISO codes of the State it names: that State's own statements rank a little higher.
    countries: list[str] = field(default_factory=list)
    # A first name before a surname: the speaker's own statements need not print it.
    optional_for: list[str] = field(default_factory=list)
    # Searched among alternatives (``ParsedQuery.relaxed``): a name's speaker gets the smaller boost.
    relaxed: bool = False
    # A year typed alone ("Libya 2020"): statements of that year satisfy it as well as those printing it.
    years: list[str] = field(default_factory=list)
    # The State it names is all the query asks ("Russia"), or is asked about by the word after it
    # ("Russian position", "what did the UK say"): its own statements first, as a speaker's.
    whole_query: bool = False
    # Just before a word that frames a question ("position", "say"): whom the question asks about.
    asked_about: bool = False

    def sq(self):
        if (self.speakers or self.forms or self.countries or self.optional_for or self.years) \
                and self.kind in ("word", "phrase") and not self.negated:
            return SQ(content=Raw(alternatives(self)))
        if self.kind == "prefix":  # the engine knows how its terms are stemmed
            from .engine import get_engine

            query = SQ(content__startswith=Clean(get_engine().prefix_term(self.text)))
        elif self.kind == "phrase":
            query = SQ(content=Exact(self.text))
        else:
            query = SQ(content=Clean(self.text))
        return ~query if self.negated else query


@dataclass
class ParsedQuery:
    raw: str
    # Each group is a list of alternatives (OR); groups are all required (AND).
    groups: list[list[Clause]] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    resolutions: list[ResolutionRef] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    truncated: bool = False
    # The dates searched were read from the words ("Yemen April 2020"), not written as filters.
    dated_by_words: bool = False
    # The resolutions came as a range ("resolutions 2531-2533"): statements citing any of them,
    # not all of them as a list asks ("resolutions 2178 and 2396").
    any_resolution: bool = False

    @property
    def text(self):
        """The searched words and phrases, as a plain string (for spelling and display)."""
        return " ".join(c.text for group in self.groups for c in group if not c.negated)

    @property
    def clauses(self):
        return [c for group in self.groups for c in group]

    @property
    def has_text(self):
        return bool(self.groups)

    @property
    def highlight_words(self):
        return " ".join(c.text for c in self.clauses if not c.negated and c.kind != "prefix")

    def marked(self):
        """What a snippet marks: the words (one string) and the phrases searched, each with the
        other names and spellings it was searched with ("Daesh" marks "Da'esh"); a State's printed
        names aside, as it is marked as typed."""
        words, phrases = [], []
        for clause in self.clauses:
            if clause.negated or clause.kind == "prefix":
                continue
            (phrases if clause.kind == "phrase" else words).append(clause.text)
            for form in [] if clause.countries else clause.forms:
                found = _WORD_RE.findall(form)
                (phrases if len(found) > 1 else words).append(" ".join(found))
        return " ".join(words), phrases

    @property
    def prefixes(self):
        return [c.text for c in self.clauses if c.kind == "prefix" and not c.negated]

    def plain_words(self):
        """The groups as plain required words: what is searched when the engine balks."""
        words = dict.fromkeys(w for c in self.clauses if not c.negated for w in _WORD_RE.findall(c.text))
        return [[Clause("word", w)] for w in words]

    def relaxed(self):
        """The groups with any of the wanted words instead of all of them (exclusions kept)."""
        wanted = [replace(c, relaxed=True)
                  for g in self.groups if not all(c.negated for c in g) for c in g if not c.negated]
        excluded = [g for g in self.groups if all(c.negated for c in g)]
        return ([wanted] if wanted else []) + excluded

    def to_sq(self):
        """The words as one haystack ``SQ`` (``None`` when there are none)."""
        combined = None
        positive = [g for g in self.groups if not all(c.negated for c in g)]
        for group in sorted(self.groups, key=lambda g: g not in positive):
            alternatives = None
            for clause in group:
                alternatives = clause.sq() if alternatives is None else alternatives | clause.sq()
            combined = alternatives if combined is None else combined & alternatives
        return combined


# A word that names a speaker puts that speaker's own statements first: Whoosh scores
# the speaker id as 1 times this boost, more than one word's BM25 score can reach
# ((K1 + 1) x idf, under 40 at 100,000 statements), so mentions of the name rank after.
SPEAKER_BOOST = 50


# Among statements with only some of the words, a speaker's name adds about what a
# rare word does: the statements with more of the words still come first.
RELAXED_SPEAKER_BOOST = 10

# A word that names a State adds this to that State's own statements: about one
# ordinary word's BM25 score, so "Russia Ukraine" prefers Russia's statements without
# burying the statements about Russia. A query that is the State's name alone ("Russia",
# "UK") asks for what that State said: its statements get the speaker's boost.
COUNTRY_BOOST = 3


def _lucene_text(text):
    words = _WORD_RE.findall(text.lower())
    return f'"{" ".join(words)}"' if len(words) > 1 else (words[0] if words else "")


def _ids(values, pattern):
    return " OR ".join(f'"{v}"' for v in values if re.fullmatch(pattern, str(v)))


def alternatives(clause):
    """A word or phrase with what else satisfies it, in the Lucene syntax all engines read.

    The words as typed or as statements print them, the speakers it names
    (boosted), the speakers whose first name it is (unboosted), the State it
    names (boosted a little). Texts are reduced to ``\\w`` words, ids to digits,
    codes to capitals, so nothing the user typed reaches the engine's syntax.
    """
    parts = [t for t in dict.fromkeys(_lucene_text(x) for x in [clause.text, *clause.forms]) if t]
    if ids := _ids(clause.speakers, r"\d+"):
        parts.append(f"speaker:({ids})^{RELAXED_SPEAKER_BOOST if clause.relaxed else SPEAKER_BOOST}")
    if ids := _ids(clause.optional_for, r"\d+"):
        parts.append(f"speaker:({ids})")
    if codes := _ids(clause.countries, r"[A-Z]{3}"):
        parts.append(f"country:({codes})^{SPEAKER_BOOST if clause.whole_query else COUNTRY_BOOST}")
    if years := _ids(clause.years, r"\d{4}"):
        parts.append(f"year:({years})")
    return f"({' OR '.join(parts)})"


def speaker_boosted(name, speaker_ids):
    """A word or phrase that is also a speaker's name: found in the text, or said by that
    speaker (boosted).

    Written in the Lucene query syntax that Whoosh, Solr and Elasticsearch all
    read; ``name`` is letters in words (``names._NAME_RE``) and the ids are digits.
    """
    ids = " OR ".join(f'"{pk}"' for pk in speaker_ids if str(pk).isdigit())
    words = name.lower().split()
    text = f'"{" ".join(words)}"' if len(words) > 1 else words[0]
    return f"({text} OR speaker:({ids})^{SPEAKER_BOOST})"


# The frame of a question ("what did South Sudan say about ..."): words no statement is
# wanted for. Left out of a query that has other words besides.
QUESTION_WORDS = frozenset(
    "what did does do say said says about how why who which tell regarding concerning"
    " position stance views think thinks speak spoke mention mentioned statement statements".split())


def drop_question_words(parsed):
    """Leave out the words that only frame a question, if two or more other words remain; the
    word before one ("Russian position", "what did the UK say") is marked as asked about."""
    def framing(group):
        return len(group) == 1 and group[0].kind == "word" and not group[0].negated \
            and group[0].text.lower() in QUESTION_WORDS

    for before, group in zip(parsed.groups, parsed.groups[1:]):
        if framing(group) and not framing(before) and len(before) == 1:
            before[0].asked_about = True
    kept = [g for g in parsed.groups if not framing(g)]
    if len([g for g in kept if not all(c.negated for c in g)]) >= 2:
        parsed.groups = kept


def parse_query(raw):
    raw = (raw or "").replace("\x00", " ")
    truncated = len(raw) > MAX_QUERY_LENGTH
    raw = raw[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(raw=raw, truncated=truncated)
    bare = _BARE_NUMBER_RE.match(raw)
    if bare:
        parsed.resolutions = [ref_from_parts(bare["num"], bare["year"])]
        return parsed
    cited, parsed.any_resolution = _ranges_as_lists(_as_citations(raw))
    parsed.resolutions = find_citations(cited)
    rest = _without_cited_numbers(_CITATION_RE.sub(" ", cited), parsed.resolutions) if parsed.resolutions else raw
    _read(_dates_as_words(rest), parsed)
    read_months(parsed)
    return parsed


# How people write "resolution" before its number, beside the forms records print:
# "UNSCR 2532", "SCR 2532", "res 2532", "Resolution No. 2532"; and a number with its
# year in brackets, "2532 (2020)", is a resolution whatever precedes it.
_RESOLUTION_WORD_RE = re.compile(
    r"\b(?:UN\s*SCR|SCR|UNSC\s+res(?:olution)?\.?|res\.?|resolution\s+(?:no\.?|number))\s*(?=\d)",
    re.IGNORECASE)
_NUMBER_AND_YEAR_RE = re.compile(r"(?<![\w/.])(?<!resolution )(?<!resolutions )(\d{1,4}\s*\((?:19|20)\d\d\))", re.IGNORECASE)


# A range of resolutions: "resolutions 2531-2533", "S/RES/2531 to 2533"; at most this many.
MAX_RESOLUTION_RANGE = 20
_RANGE_RE = re.compile(
    r"\b(?:resolutions?\s+|S/RES/)(?P<first>\d{1,4})\s*(?:-|–|to)\s*(?P<last>\d{1,4})\b(?!\s*\()",
    re.IGNORECASE)


def _without_cited_numbers(text, refs):
    """``text`` less the numbers of a list the citations already hold ("resolutions 2178 and 2396":
    2396 is cited, not a word a statement must print besides)."""
    numbers = "|".join(str(ref.number) for ref in refs if ref.body == "SC")
    if numbers:
        text = re.sub(rf"(?:(?<!\w)(?:and|&)\s+|,\s*)?(?<![\w/.\-])(?:{numbers})(?:\s*\((?:19|20)\d\d\))?(?![\w/.\-])",
                      " ", text, flags=re.IGNORECASE)
    # what joined the citations ("resolution 1526 and resolution 2253") is no word of its own
    return "" if re.fullmatch(r"(?i)(?:\s|,|;|&|\band\b|\bor\b)*", text) else text


def _ranges_as_lists(text):
    """``text`` with each range of resolutions written as the resolutions it holds, and whether
    there was one; a range backwards or longer than ``MAX_RESOLUTION_RANGE`` is left as typed."""
    found = False

    def listed(match):
        nonlocal found
        first, last = int(match["first"]), int(match["last"])
        if not 0 < last - first < MAX_RESOLUTION_RANGE:
            return match[0]
        found = True
        return " ".join(f"resolution {number}" for number in range(first, last + 1))

    return _RANGE_RE.sub(listed, text), found


def _as_citations(raw):
    """``raw`` with the usual short ways of citing a resolution written as records cite it."""
    text = _RESOLUTION_WORD_RE.sub("resolution ", raw)
    return _NUMBER_AND_YEAR_RE.sub(r"resolution \1", text)


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


# A date written with digits among the words: "2020-05", "2020-05-19", "05/2020".
_DIGIT_DATE_RE = re.compile(
    r"(?<![\w:/.\-])(?:(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?"
    r"|(?P<month2>\d{1,2})/(?P<year2>(?:19|20)\d\d))(?![\w/.\-])")


def _dates_as_words(text):
    """``text`` with each date written in digits written as ``read_months`` reads dates in words:
    "Libya 2020-05" as "Libya May 2020". A month that is no month is left as it was typed."""
    def spelt(match):
        year, month, day = match["year"] or match["year2"], int(match["month"] or match["month2"]), match["day"]
        if not 1 <= month <= 12:
            return match[0]
        return " ".join(filter(None, [day and str(int(day)), calendar.month_name[month], year]))

    return _DIGIT_DATE_RE.sub(spelt, text)


def read_months(parsed):
    """A month and its year among the words ("Yemen April 2020", "30 January 2020") are the
    dates searched, not words a statement must print: ``from``/``to`` filters for that month.

    Only a month named with its year, and only when the query has no dates of its own. A year
    alone among other words may be a resolution's number ("1973 Libya"): it stays a word, which
    the statements of that year satisfy too ("Mali coup 2020" need not print "2020"). A month
    without its year, after "in" or a day ("Colombia in April", "Somalia 21 May"), is a ``month``
    filter: that month in the latest year with a meeting then (``filters.resolve``). A month
    name alone stays a word ("may", "march").
    """
    if parsed.problems or {"from", "to", "year"} & set(parsed.filters):
        return
    words = [g[0].text if len(g) == 1 and g[0].kind == "word" and not g[0].negated else None
             for g in parsed.groups]
    if len(words) > 1:
        for group, word in zip(parsed.groups, words):
            if re.fullmatch(r"(19|20)\d\d", word or ""):
                group[0].years = [word]
    for at in range(len(words) - 1):
        month, year = _MONTHS.get((words[at] or "").lower()), words[at + 1] or ""
        if month and re.fullmatch(r"(19|20)\d\d", year):
            start = at - 1 if at and re.fullmatch(r"\d{1,2}", words[at - 1] or "") else at
            value = f"{year}-{month:02d}" if start == at else f"{year}-{month:02d}-{int(words[start]):02d}"
            if parse_date(value) is None:
                return
            parsed.filters.update({"from": [value], "to": [value]})
            parsed.groups = parsed.groups[:start] + parsed.groups[at + 2:]
            parsed.dated_by_words = True
            return
    _read_month_without_year(parsed, words)


def _read_month_without_year(parsed, words):
    for at in range(1, len(words)):
        month, before = _MONTHS.get((words[at] or "").lower()), words[at - 1] or ""
        if not month or not (before.lower() == "in" or re.fullmatch(r"\d{1,2}", before)):
            continue
        value = f"{month:02d}" if before.lower() == "in" else f"{month:02d}-{int(before):02d}"
        if parse_date(f"2000-{value}") is None:  # 2000: a leap year, so 29 February is a day
            return
        parsed.filters["month"] = [value]
        parsed.groups = parsed.groups[:at - 1] + parsed.groups[at + 1:]
        parsed.dated_by_words = True
        return


def _read(text, parsed):
    """Fill ``parsed`` from ``text``; on a problem, its words become plain words."""
    if text.count('"') % 2:
        parsed.problems.append("a quotation mark is not closed")
    if text.count("(") != text.count(")"):
        parsed.problems.append("brackets do not pair")
    text = text.replace("(", " ").replace(")", " ")
    groups, pending_or, negate_next = [], False, False
    plain_words = []
    for match in _TOKEN_RE.finditer(text):
        if not match.group(0):
            continue
        neg, name, phrase, word = match["neg"], match["name"], match["phrase"], match["word"]
        if name and name.lower() in FILTER_NAMES:
            value = phrase if phrase is not None else word
            if value and value.strip():
                parsed.filters.setdefault(name.lower(), []).append(value.strip())
            else:
                parsed.problems.append(f"“{name}:” has no value")
            continue
        plain_words += _WORD_RE.findall(match.group(0))
        if phrase is None and word is None:
            if not name:
                parsed.problems.append("a “-” stands alone")
                continue
            word = ""
        if name:  # not a filter we know ("http:", "re:"): read it as words
            word = f"{name} {word or phrase or ''}"
            phrase = None
        if phrase is None and word in ("OR", "AND", "NOT") and not neg:
            if word == "OR":
                if not groups or pending_or:
                    parsed.problems.append("“OR” needs a word on each side")
                pending_or = True
            elif word == "NOT":
                negate_next = True
            continue
        clause = _clause(phrase, word, bool(neg) or negate_next, parsed.problems)
        negate_next = False
        if clause is None:
            continue
        if pending_or and groups:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        pending_or = False
    if pending_or or negate_next:
        parsed.problems.append("the query ends with an operator")
    if parsed.problems:
        parsed.groups = [[Clause("word", w)] for w in _unique(plain_words)][:MAX_CLAUSES]
    else:
        parsed.groups = groups[:MAX_CLAUSES]
    if len(groups) > MAX_CLAUSES:
        parsed.problems.append(f"only the first {MAX_CLAUSES} words were used")


def _clause(phrase, word, negated, problems):
    if phrase is not None:
        words = _WORD_RE.findall(phrase)
        if not words:
            return None
        return Clause("phrase" if len(words) > 1 else "word", " ".join(words), negated)
    if word.endswith("*") and word.count("*") == 1:
        stem = "".join(_WORD_RE.findall(word[:-1]))
        if len(stem) < MIN_PREFIX or len(_WORD_RE.findall(word[:-1])) != 1:
            problems.append(f"a word ending in * needs {MIN_PREFIX} letters at least")
            return None
        return Clause("prefix", stem.lower(), negated)
    if "*" in word:
        problems.append("* may only end a word")
        return None
    words = _WORD_RE.findall(word)
    if not words:
        return None
    clause = Clause("phrase" if len(words) > 1 else "word", " ".join(words), negated)
    if _HYPHENATED_RE.fullmatch(word) and not negated:  # "cease-fire", "co-operation": also as one word
        clause.forms = ["".join(words)]
    if _APOSTROPHE_RE.search(word):  # "Ja'afari", "People's": the name without the apostrophe
        clause.name = " ".join(_WORD_RE.findall(_APOSTROPHE_RE.sub("", word)))
    return clause


_APOSTROPHE_RE = re.compile(r"(?<=\w)['’‘`](?=\w)")
_HYPHENATED_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _unique(words):
    return list(dict.fromkeys(words))


def parse_date(value, end=False):
    """A date from ``2020-01-31``, ``2020-01`` or ``2020``; ``None`` if it is none of those."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", (value or "").strip())
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            month = int(month)
            if not end:
                return date(year, month, 1)
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        return None
