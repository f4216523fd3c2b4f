"""Run a search: query, filters, facets, sort, page; shared by the page and the API.

Built on the engine contract (``statements.search.engine``: haystack's
``SearchQuerySet`` with the engine's sorts, pages and facet counts), so either
engine answers without this module or the views knowing which.

Facets are counted the way multi-select facets must be: a facet with values
selected is counted over the results of every *other* filter (one more search
per such facet), so its other values stay visible and can be added (OR).
A page costs a fixed number of SQL queries whatever the number of results.
"""
from dataclasses import dataclass, field
import logging

from django.core.paginator import Paginator
from django.http import QueryDict

from ..models import Resolution, Statement
from ..numbers import ascii_number
from . import facets as facet_defs
from . import filters as filter_defs
from .engine import SORTS as ENGINE_SORTS, FacetCounts, get_engine
from .facets import FACETS, FacetValue  # noqa: F401  (FacetValue is part of this module's API)
from .names import mark_speaker_names, pages_named
from .pagerows import Neighbour, page_rows  # noqa: F401  (Neighbour is part of this module's API)
from .query import ParsedQuery, drop_question_words, parse_query
from .snippets import make_snippet, query_terms
from .spelling import corrected_query, suggest

log = logging.getLogger(__name__)

SORTS = dict.fromkeys(ENGINE_SORTS)
SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
PAGE_SIZE = 20
MAX_PAGE = 500
SUGGEST_BELOW = 5
# Fewer statements than this with every word (a stray word in a question, a first
# name the records do not print): rank those with some of the words, by BM25,
# which sums what each word matched, so the statements with more words come first.
FEW_WITH_EVERY_WORD = 10
# A subject and a month ("Yemen April 2020", "Colombia in April") ask for that month's meeting on
# it: its briefings (up to this many) come first; long, they would otherwise rank below the short
# statements that merely name the subject.
MONTHS_BRIEFINGS = 3


@dataclass
class Hit:
    statement: Statement
    snippet: str


@dataclass
class Suggestion:
    query: str
    url: str


@dataclass
class SearchOutcome:
    query: str
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    page: object = None
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    selected: dict[str, list[str]] = field(default_factory=dict)
    active: list = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    named_pages: list = field(default_factory=list)
    suggestion: Suggestion | None = None
    notices: list[str] = field(default_factory=list)
    sort: str = "relevance"
    searched: bool = False
    # The engine's ``(meeting slug, matching statements)`` pairs of the results (a ``FacetCounts``,
    # with its arrays for the chart's sums), counted with the facets when the search was asked
    # ``with_trend`` (the page's chart); ``None`` when not asked.
    meeting_counts: FacetCounts | None = None

    @property
    def sorts(self):
        return SORT_LABELS

    @property
    def facet_groups(self):
        """(``Facet``, values) pairs in display order, for templates."""
        return [(FACETS[name], values) for name, values in self.facets.items()]

    @property
    def selected_values(self):
        """(facet name, ``FacetValue``) of every value in force, for the list of filters."""
        return [(name, value) for name, values in self.facets.items() for value in values if value.selected]


def selected_filters(params):
    """Facet values from the query string, keeping only known facets and sane values."""
    selected = {}
    for name in FACETS:
        values = facet_defs.clean_values(name, params.getlist(name))
        if values:
            selected[name] = values
    return selected


def build_queryset(parsed: ParsedQuery, filters, selected, sort=None, skip_facet=None):
    """The ``SearchQuerySet`` for a search; ``skip_facet`` leaves that facet's own selection out.

    With no words to search, the engine decides what the main query is
    (``SearchEngine.without_words``).
    """
    engine = get_engine()
    sqs = engine.queryset()
    cited = [f"resolutions:{filter_defs.quote(ref.key)}" for ref in parsed.resolutions]
    narrows = [" OR ".join(cited)] if parsed.any_resolution and cited else cited
    narrows += filters.narrows
    narrows += [filter_defs.any_of(FACETS[name].field, values)
                for name, values in selected.items() if name != skip_facet]
    text = parsed.to_sq()
    if text is not None:
        sqs = sqs.filter(text)
    if filters.date_from:
        sqs = sqs.filter(date__gte=filters.date_from)
    if filters.date_to:
        sqs = sqs.filter(date__lte=filters.date_to)
    if text is None and not (filters.date_from or filters.date_to):
        sqs, narrows = engine.without_words(sqs, narrows)
    if filters.without_chair and skip_facet != "role":
        narrows.append(f"NOT role:{filter_defs.quote(Statement.Role.CHAIR)}")
    for narrow in narrows:
        sqs = sqs.narrow(narrow)
    return engine.sorted(sqs, sort if sort in SORTS else "relevance")


def search(params: QueryDict, page_size=PAGE_SIZE, with_trend=False, with_neighbours=False):
    """The search of ``params``; ``with_trend`` also counts the results per meeting (the chart's
    numbers) in the same engine request as the facets; ``with_neighbours`` reads each hit's lines
    either side in its record with the hits (``page_rows``)."""
    parsed = parse_query(params.get("q", ""))
    selected = selected_filters(params)
    # With no words to rank by (a speaker's or a meeting's statements), newest come first.
    default_sort = "relevance" if parsed.has_text else "newest"
    sort = params.get("sort") if params.get("sort") in SORTS else default_sort
    outcome = SearchOutcome(query=parsed.raw, selected=selected, sort=sort)
    if parsed.truncated:
        outcome.notices.append("Your query was long, so only its first 500 characters were used.")
    if parsed.problems:
        outcome.notices.append(
            f"Part of your query could not be read ({'; '.join(dict.fromkeys(parsed.problems))}), "
            "so its words were searched as plain words.")
    filters = filter_defs.resolve(parsed.filters, params)
    outcome.notices += filters.notices
    outcome.active = filters.active
    outcome.resolutions = _resolutions(parsed.resolutions)
    if parsed.has_text and not (parsed.filters or parsed.resolutions):
        outcome.named_pages = pages_named(parsed.raw)
    if not (parsed.has_text or parsed.resolutions or selected or filters):
        return outcome
    outcome.searched = True
    if filters.matches_nothing:
        outcome.facets = {name: [] for name in FACETS}
        return outcome
    drop_question_words(parsed)
    mark_speaker_names(parsed)

    number = _page_number(params.get("page"), outcome)
    sqs = _with_facets(build_queryset(parsed, filters, selected, sort), selected, with_trend)
    try:
        results = _run(sqs, number, page_size, sort)
    except Exception as exc:  # the engine's parser could not read it: retry as plain words
        if not get_engine().query_syntax_error(exc):
            raise
        log.warning("query fell back to plain words: %r", parsed.raw, exc_info=True)
        parsed.groups = parsed.plain_words()
        outcome.notices.append("Part of your query could not be read, so it was searched as plain words.")
        sqs = _with_facets(build_queryset(parsed, filters, selected, sort), selected, with_trend)
        results = _run(sqs, number, page_size, sort)
    count = sqs.count()
    few = FEW_WITH_EVERY_WORD if sort == "relevance" else 1  # a date order would bury the best
    if count < few and len([g for g in parsed.groups if not all(c.negated for c in g)]) > 1:
        every_word, every_word_sqs = count, sqs
        parsed.groups = parsed.relaxed()
        sqs = _with_facets(build_queryset(parsed, filters, selected, sort), selected, with_trend)
        if every_word:
            first = results if number == 1 and len(results) == every_word else _run(every_word_sqs, 1, every_word)
            results = _every_word_first(first, sqs, number, page_size, sort)
        else:
            results = _run(sqs, number, page_size, sort)
        count = sqs.count()
        if count and not every_word:
            outcome.notices.append("No statement has all your words; these have some of them.")
        elif count > every_word:
            outcome.notices.append("Few statements have all your words; those with some of them are listed too.")
    if count and sort == "relevance" and _asks_for_briefings(parsed, selected, filters):
        briefings = _run(sqs.narrow(f"role:{filter_defs.quote(Statement.Role.BRIEFER)}"), 1, MONTHS_BRIEFINGS)
        if briefings:
            results = _every_word_first(briefings, sqs, number, page_size, sort)
    if not count and filters.without_chair:
        filters.without_chair = False
        sqs = _with_facets(build_queryset(parsed, filters, selected, sort), selected, with_trend)
        results = _run(sqs, number, page_size, sort)
        count = sqs.count()
    if not results and count and number > 1:
        outcome.notices.append("That page does not exist; showing the first page.")
        number = 1
        results = _run(sqs, 1, page_size, sort)
    outcome.count = count
    if count:
        outcome.page = Paginator(range(count), page_size).page(number)
    outcome.hits = _hits(results, parsed, with_neighbours)

    outcome.facets, meetings = _facet_values(sqs, parsed, filters, selected, params)
    if with_trend:
        outcome.meeting_counts = meetings  # the engine's contract: no empty slug, no zero
    outcome.suggestion = _suggestion(parsed, params, count)
    return outcome


def _asks_for_briefings(parsed, selected, filters):
    """Whether the query is a subject and a month read from its words, naming no speaker, post or
    State asked about (those rank their own statements) and no role."""
    return parsed.dated_by_words and not selected.get("role") and not filters.narrows \
        and not any(c.speakers or c.whole_query for c in parsed.clauses)


def _with_facets(sqs, selected, with_trend=False):
    """Ask for the counts of every facet but the selected ones (counted apart, below), and with
    ``with_trend`` of every meeting, in the same request."""
    engine = get_engine()
    for facet in FACETS.values():
        if facet.name not in selected:
            sqs = engine.facet(sqs, facet.field, facet.shown)  # the engine counts all, returns the top
    if with_trend:
        sqs = engine.facet(sqs, facet_defs.MEETING_FIELD, facet_defs.MEETING_LIMIT)
    return sqs


def _facet_values(sqs, parsed, filters, selected, params):
    engine = get_engine()
    field_counts = engine.facet_counts(sqs)
    for name in selected:  # counted without the facet's own selection (OR within a facet)
        field = FACETS[name].field
        own = engine.facet(build_queryset(parsed, filters, selected, skip_facet=name), field, FACETS[name].shown)
        own.query.set_limits(0, 1)  # only the counts are wanted, not every matching document
        field_counts[field] = engine.facet_counts(own).get(field, [])
    facets = facet_defs.build_all({name: field_counts.get(facet.field, []) for name, facet in FACETS.items()},
                                  selected, params)
    return facets, field_counts.get(facet_defs.MEETING_FIELD, FacetCounts())


def _run(sqs, number, page_size, sort="relevance"):
    start = (number - 1) * page_size
    return get_engine().page(sqs, start, start + page_size, sort)


def _every_word_first(first, sqs, number, page_size, sort):
    """Page ``number`` of the results of ``sqs`` (some of the words) with ``first``, the few that
    have every word, ahead of all the rest, whose own order (the words they match) is kept."""
    end = number * page_size
    ahead = {str(result.pk) for result in first}
    rest = [result for result in _run(sqs, 1, end, sort) if str(result.pk) not in ahead]
    return (list(first) + rest)[end - page_size:end]


def _page_number(value, outcome):
    if value in (None, "", "1"):
        return 1
    number = ascii_number(value, 6)
    if number and number <= MAX_PAGE:
        return number
    outcome.notices.append("That page does not exist; showing the first page.")
    return 1


def _suggestion(parsed, params, count):
    """A corrected query when a word is unknown to the index.

    All words are required, so an unknown word leaves (almost) nothing: the
    lexicon is only consulted when few statements match or the query has an OR.
    """
    if count >= SUGGEST_BELOW and all(len(group) == 1 for group in parsed.groups):
        return None
    words = [c.text for c in parsed.clauses if c.kind == "word" and not c.negated]
    corrections = suggest(words)
    if not corrections:
        return None
    query = corrected_query(parsed.raw, corrections)
    url_params = params.copy()
    url_params["q"] = query
    url_params.pop("page", None)
    return Suggestion(query=query, url="?" + url_params.urlencode())


def _resolutions(refs):
    """The resolutions a query names, from one query; unknown ones as unsaved rows."""
    if not refs:
        return []
    from django.db.models import Q

    lookups = Q()
    for ref in refs:
        if ref.body == "GA":
            lookups |= Q(body="GA", session=ref.session, number=ref.number)
        else:
            lookups |= Q(body="SC", number=ref.number)
    saved = {r.key: r for r in Resolution.objects.filter(lookups)}
    found = []
    for ref in refs:
        if ref.key in saved:
            found.append(saved[ref.key])
        elif ref.body == "GA":
            found.append(Resolution(body="GA", session=ref.session, number=ref.number, year=ref.year))
        else:
            found.append(Resolution(body="SC", number=ref.number, year=ref.year))
    return found


def _hits(results, parsed, with_neighbours=False):
    ids = [int(result.pk) for result in results]
    statements = page_rows(ids, with_neighbours)
    words, phrases = parsed.marked()
    terms = query_terms(words) | {str(ref.number) for ref in parsed.resolutions}
    return [
        Hit(statement=statements[pk],
            snippet=make_snippet(statements[pk].text, terms, prefixes=parsed.prefixes, phrases=phrases))
        for pk in ids if pk in statements
    ]
