"""Matches over time: how many statements a search finds per month or per year, and their share.

The counts come from the search engine: one facet count by meeting (every
meeting a search touches, with its number of matching statements), then the
meetings' dates from the database put them in months or years. Whoosh cannot
facet on a date field, and a meeting facet is exact whatever the engine.
``statement_counts`` asks the engine for a search's counts, so another engine's
date histogram can take its place; a search page hands over the counts its own
search made with its facets (``service.search(..., with_trend=True)``), so the
chart costs no second search. The share is of every statement a search can find
in the same period (procedural lines and the President's procedure left out, as a
search leaves them out), counted the same way: one facet count by meeting over
the whole index, kept per index version (``_meeting_totals``); the meetings' months and years are
kept in the process until a meeting's date changes (``rowmaps``). A search page's thousands of
meeting counts are summed per month as arrays (``Periods.by_period`` of the engine's ``FacetCounts``).
"""
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.http import QueryDict
import numpy as np

from .. import caching
from ..models import Meeting
from . import filters as filter_defs
from . import rowmaps
from . import service
from .engine import FacetCounts, get_engine
from .facets import MEETING_FIELD, MEETING_LIMIT
from .query import parse_query

MAX_SERIES = 6  # terms or countries on one chart


@dataclass
class Series:
    label: str
    counts: dict = field(default_factory=dict)  # period start (date) -> matching statements
    params: str = ""  # the search's query string

    @property
    def total(self):
        return sum(self.counts.values())


@dataclass
class Trend:
    by: str  # "month" or "year"
    periods: list  # period starts, in order, none missing
    totals: dict  # period start -> every statement of the period
    series: list

    @property
    def rows(self):
        """(period, [(count, share %) per series], total) for tables and CSV."""
        return [(p, [(s.counts.get(p, 0), share(s.counts.get(p, 0), self.totals.get(p, 0))) for s in self.series],
                 self.totals.get(p, 0)) for p in self.periods]

    def label(self, period):
        return period.strftime("%b %Y") if self.by == "month" else str(period.year)


def share(count, total):
    return round(100 * count / total, 2) if total else 0.0


def statement_counts(params):
    """``{meeting slug: matching statements}`` for a search's parameters, from the engine."""
    parsed = parse_query(params.get("q", ""))
    selected = service.selected_filters(params)
    filters = filter_defs.resolve(parsed.filters, params)
    if filters.matches_nothing or not (parsed.has_text or parsed.resolutions or selected or filters):
        return {}
    sqs = service.build_queryset(parsed, filters, selected)
    try:
        return _counts_by_meeting(sqs)
    except Exception:  # a query the engine cannot read has no trend, and is no error
        return {}


def _counts_by_meeting(sqs):
    """``{meeting slug: statements}`` of what ``sqs`` matches: one facet count, no document read."""
    engine = get_engine()
    sqs = engine.facet(sqs, MEETING_FIELD, MEETING_LIMIT)
    sqs.query.set_limits(0, 1)  # only the counts
    return dict(engine.facet_counts(sqs).get(MEETING_FIELD, []))  # the contract: no empty slug, no zero


def _meeting_periods():
    """``Periods`` of every dated meeting, kept in the process (``rowmaps``, kind ``trend``): after a
    change, the meetings' dates are read again (one query) and the map made again only if they differ."""
    return _PERIODS()


class Periods:
    """The month and year each dated meeting falls in, and the statements per period."""

    def __init__(self, rows):
        self.of = {Meeting.slug_of(symbol, resumption): (_start(day, "month"), _start(day, "year"))
                   for symbol, resumption, day in rows}
        self._month_of = {slug: _month_number(month) for slug, (month, _) in self.of.items()}
        self._totals = {}  # by -> (the counts per meeting they were made from, {period start: n})
        self._months = None  # (an engine's array of meeting values, the month number of each; -1: undated)

    def by_period(self, counts, by):
        """``{period start: statements}`` of ``{meeting slug: statements}`` (or of the engine's
        ``FacetCounts`` of the meeting facet); undated meetings left out."""
        if isinstance(counts, FacetCounts) and isinstance(counts.values, np.ndarray):
            return self._by_period_of_arrays(counts, by)
        periods, which, found = self.of, 0 if by == "month" else 1, {}
        # The engine's pairs (Solr's ``FacetCounts`` carry no shared array of values) or a dict.
        for slug, n in counts if isinstance(counts, FacetCounts) else counts.items():
            if (starts := periods.get(slug)) is not None:
                found[starts[which]] = found.get(starts[which], 0) + n
        return found

    def _by_period_of_arrays(self, counts, by):
        """``by_period`` of a search's thousands of meeting counts as arrays: each of the engine's
        values (the same array for every answer over an open index) given its month once, then
        the counts summed per month in one ``bincount``."""
        months = self._month_numbers(counts.values)[counts.positions]
        dated = months >= 0
        months, matches = months[dated], counts.counts[dated]
        if not len(months):
            return {}
        low = int(months.min())
        sums = np.bincount(months - low, weights=matches)
        present = np.flatnonzero(sums)  # the months some meeting counted in (counts are never 0)
        found = {}
        for offset, n in zip(present.tolist(), sums[present].astype(np.int64).tolist()):
            start = _month_start(low + offset)
            if by != "month":
                start = date(start.year, 1, 1)
            found[start] = found.get(start, 0) + n
        return found

    def _month_numbers(self, values):
        held = self._months
        if held is None or held[0] is not values:
            month_of = self._month_of
            held = self._months = (values, np.fromiter((month_of.get(value, -1) for value in values.tolist()),
                                                       dtype=np.int64, count=len(values)))
        return held[1]

    def totals(self, by):
        """Every statement a search can find, per period (``_meeting_totals``)."""
        counts = _meeting_totals()
        held = self._totals.get(by)
        if held is None or held[0] is not counts:
            held = self._totals[by] = (counts, self.by_period(counts, by))
        return held[1]


def _month_number(day):
    return day.year * 12 + day.month - 1


@lru_cache(maxsize=4096)
def _month_start(number):
    return date(number // 12, number % 12 + 1, 1)


def _dated_meetings():
    return list(Meeting.objects.filter(date__isnull=False).order_by("pk").values_list("symbol", "resumption", "date"))


_PERIODS = rowmaps.RowMap("trend", "meeting-periods", _dated_meetings, Periods)


def _start(day, by):
    return date(day.year, day.month, 1) if by == "month" else date(day.year, 1, 1)


def _periods(first, last, by):
    if by == "year":
        return [date(y, 1, 1) for y in range(first.year, last.year + 1)]
    periods, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        periods.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return periods


def _meeting_totals():
    """``{meeting slug: statements}`` of every statement a search can find (not procedural lines,
    not the President's procedure), counted by the engine as a search's matches are: one facet
    count over the whole index, kept in the shared cache and the process per index version (a
    saved row leaves it valid)."""
    def count():
        return _counts_by_meeting(service.build_queryset(parse_query(""), filter_defs.resolve({}, QueryDict()), {}))

    key = caching.key("trend", "meeting-totals", versions=(caching.current_versions()[0], "index only"))
    return caching.memo("trend", key, count, slot=("trend", "meeting-totals"))


def trend(searches, by=None, counted=None):
    """A ``Trend`` of several searches: ``[(label, QueryDict), ...]``.

    ``by`` is "month" or "year"; by default months when the matches span two
    years or less, else years. ``counted``, if given, holds each search's
    ``{meeting slug: matching statements}`` already counted (else the engine is asked).
    """
    meetings = _meeting_periods()
    series = []
    for i, (label, params) in enumerate(searches[:MAX_SERIES]):
        counts = counted[i] if counted is not None else statement_counts(params)
        series.append((label, params, meetings.by_period(counts, "month")))
    months = [month for _, _, by_month in series for month in by_month]
    if by not in ("month", "year"):
        by = "month" if months and max(months).year - min(months).year < 2 else "year"
    periods = _periods(min(months), max(months), by) if months else []
    result = []
    for label, params, by_month in series:
        counts = by_month
        if by == "year":
            counts = {}
            for month, n in by_month.items():
                year = date(month.year, 1, 1)
                counts[year] = counts.get(year, 0) + n
        result.append(Series(label=label, counts=counts, params=params.urlencode()))
    return Trend(by=by, periods=periods, totals=meetings.totals(by) if periods else {}, series=result)


def searches_from(params):
    """The searches a trends address compares: several ``q``, or one ``q`` across several ``country``.

    ``?q=ceasefire&q=sanctions`` gives one line per term (other filters shared);
    ``?q=ceasefire&compare=country&country=FRA&country=RUS`` one line per country.
    """
    terms = [q.strip() for q in params.getlist("q") if q.strip()][:MAX_SERIES]
    shared = params.copy()
    for name in ("q", "by", "format", "compare", "page"):
        shared.pop(name, None)
    if params.get("compare") == "country" and params.getlist("country"):
        countries = service.selected_filters(params).get("country", [])[:MAX_SERIES]
        searches = []
        for key in countries:
            one = shared.copy()
            one.setlist("country", [key])
            if terms:
                one["q"] = terms[0]
            searches.append((key, one))
        return searches
    searches = []
    for term in terms or [""]:
        one = shared.copy()
        if term:
            one["q"] = term
        searches.append((term, one))
    return searches


def for_search(params, counts=None):
    """The trend of one search page's own query (its filters, not its page or sort).

    ``counts``: the page's search's own ``SearchOutcome.meeting_counts`` (the engine's pairs, summed
    per month as arrays), which spares asking the engine again for the same matches.
    """
    one = QueryDict(mutable=True)
    for name, values in params.lists():
        if name not in ("page", "sort", "verbatim", "format", "by"):
            one.setlist(name, values)
    return trend([(params.get("q", "") or "these statements", one)], by=params.get("by"),
                 counted=None if counts is None else [counts])
