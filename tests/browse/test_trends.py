"""Matches over time: counts from the engine, shares of all statements, several terms, countries, CSV."""
import csv
import io
from datetime import date
import re

import pytest

from statements import caching
from statements.ingest import ingest_record

from . import records

pytestmark = pytest.mark.django_db


def _later_meeting():
    """A third meeting in March 2021, so a trend spans months of two years."""
    record = records.meeting_8701()
    record.meeting.symbol, record.meeting.number = "S/PV.8800", 8800
    record.meeting.date = date(2021, 3, 2)
    return record


@pytest.fixture
def council_2021(council, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ingest_record(_later_meeting(), source="")
    return council


def _csv(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode())))


def test_a_search_trend_counts_matches_per_month_with_their_share(client, council_2021):
    from django.http import QueryDict

    from statements.search.trends import for_search

    trend = for_search(QueryDict("q=resolution"))
    assert trend.by == "month"
    assert trend.periods[0] == date(2020, 1, 1) and trend.periods[-1] == date(2021, 3, 1)
    assert len(trend.periods) == 15  # months without a meeting are there, at zero
    counts = trend.series[0].counts
    # every statement of both January meetings cites a resolution (the President's procedure in
    # the chair is no statement a search finds, so it is counted in neither); the March one has
    # both of 8701's turns
    assert counts == {date(2020, 1, 1): 5, date(2021, 3, 1): 2}
    assert trend.totals[date(2020, 1, 1)] == 5
    assert [values[0] for _, values, _ in trend.rows][0] == (5, 100.0)
    infra = for_search(QueryDict("q=infrastructure"))
    january = next(values for period, values, _ in infra.rows if period == date(2020, 1, 1))
    assert january[0] == (3, 60.0)
    assert for_search(QueryDict("q=infrastructure&by=year")).periods == [date(2020, 1, 1), date(2021, 1, 1)]


def test_the_search_page_draws_the_trend_as_accessible_svg_with_its_numbers(client, council_2021):
    html = client.get("/search/", {"q": "infrastructure"}).content.decode()
    section = html[html.index('class="trend-section"'):html.index("</section>", html.index('class="trend-section"'))]
    for size in ("wide", "narrow"):
        svg = re.search(rf'<svg class="chart {size}" role="img" aria-labelledby="search-trend-{size}-t '
                        rf'search-trend-{size}-d"', section)
        assert svg, size
    assert '<title id="search-trend-wide-t">Statements matching “infrastructure”, per month</title>' in section
    assert "highest 3 in Jan 2020" in section
    assert re.search(r'<th scope="row">Jan 2020</th><td class="num">3</td><td class="num">60.0</td>'
                     r'<td class="num">5</td>', section)
    assert 'href="/search/trends.csv?q=infrastructure"' in section
    assert "style=" not in section and "<script" not in section


def test_several_terms_on_one_chart_and_as_csv(client, council_2021):
    page = client.get("/search/trends/", {"q": ["infrastructure", "cryptocurrencies"]})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<polyline class="series s0"') == 2 and html.count('<polyline class="series s1"') == 2
    assert 'class="chart-legend"' in html and "cryptocurrencies" in html
    rows = _csv(client.get("/search/trends.csv", {"q": ["infrastructure", "cryptocurrencies"], "by": "year"}))
    found = {(r["period"], r["series"]): (r["statements"], r["all_statements"], r["share_percent"]) for r in rows}
    assert found[("2020", "infrastructure")] == ("3", "5", "60.0")
    assert found[("2020", "cryptocurrencies")] == ("1", "5", "20.0")
    assert found[("2021", "infrastructure")] == ("1", "2", "50.0")
    share = client.get("/search/trends/", {"q": "infrastructure", "measure": "share"}).content.decode()
    assert "% of all statements" in share and "Share of statements matching" in share


def test_one_term_across_countries(client, council_2021):
    rows = _csv(client.get("/search/trends.csv", {"q": "resolution", "compare": "country",
                                                  "country": ["KAZ", "MEX"], "by": "year"}))
    found = {(r["period"], r["series"]): r["statements"] for r in rows}
    assert found[("2020", "Kazakhstan")] == "2" and found[("2020", "Mexico")] == "2"
    assert found[("2021", "Kazakhstan")] == "1"
    html = client.get("/search/trends/", {"q": "resolution", "compare": "country",
                                          "country": ["KAZ", "MEX"]}).content.decode()
    assert "Kazakhstan" in html and "Mexico" in html
    search = client.get("/search/", {"q": "resolution", "country": ["KAZ", "MEX"]}).content.decode()
    assert 'href="/search/trends/?q=resolution&amp;country=KAZ&amp;country=MEX&amp;compare=country"' in search


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": '"unbalanced'}, {"q": "zzzzqqq"}, {"by": "decade"},
                                    {"q": "x", "compare": "country"}, {"q": "x", "measure": "nonsense"}])
def test_odd_trend_addresses_answer(client, council, params):
    assert client.get("/search/trends/", params).status_code == 200
    assert client.get("/search/trends.csv", params).status_code == 200


def test_profile_charts_are_readable_svg_with_a_table(client, council):
    html = client.get("/countries/kazakhstan/").content.decode()
    assert '<svg class="chart side" role="img"' in html and "<title id=" in html
    assert re.search(r'<th scope="row">Jan</th><td class="num">2</td>', html)


@pytest.mark.parametrize("query", ["q=resolution", "q=infrastructure&sort=oldest", "q=resolution&year=2020",
                                   "q=%22security+council%22&role=member", "q=resolution&country=FRA&country=USA"])
def test_a_search_counts_its_meetings_with_its_facets_as_the_trend_would(council_2021, query):
    from django.http import QueryDict

    from statements.search import service, trends

    params = QueryDict(query)
    outcome = service.search(params, with_trend=True)
    assert dict(outcome.meeting_counts) == trends.statement_counts(params)
    assert sum(n for _, n in outcome.meeting_counts) == outcome.count
    assert service.search(params).meeting_counts is None  # only asked for


def test_the_chart_sums_the_engines_arrays_as_it_sums_the_pairs(council_2021):
    """The page's meeting counts (the engine's ``FacetCounts``) are summed per month with arrays:
    the same periods and counts as the pairs summed one by one, undated and unknown meetings left out."""
    import numpy as np
    from django.http import QueryDict

    from statements.search import service, trends
    from statements.search.engine import FacetCounts

    meetings = trends._meeting_periods()
    for query in ("q=resolution", "q=infrastructure", "q=security&country=FRA", "q=zzzzqqq"):
        counts = service.search(QueryDict(query), with_trend=True).meeting_counts
        for by in ("month", "year"):
            assert meetings.by_period(counts, by) == meetings.by_period(dict(counts), by)

    periods = trends.Periods([("S/PV.1", "", date(2019, 12, 31)), ("S/PV.2", "", date(2020, 1, 2)),
                              ("S/PV.3", "", date(2020, 1, 30)), ("S/PV.4", "", date(2020, 11, 5))])
    # as the engine holds them: every value of the field, one array of objects; S-PV.5 has no date
    values = np.array(["", "S-PV.1", "S-PV.2", "S-PV.3", "S-PV.4", "S-PV.5", "S-PV.6", None], dtype=object)[:-1]
    positions, numbers = np.array([3, 5, 1, 2, 6, 4]), np.array([9, 7, 4, 3, 2, 1])
    engine_counts = FacetCounts.from_arrays(values, positions, numbers)
    for by in ("month", "year"):
        assert periods.by_period(engine_counts, by) == periods.by_period(dict(engine_counts), by)
        # Solr's pairs come without one shared array of values: summed as pairs, the same periods
        assert periods.by_period(FacetCounts.of(list(engine_counts)), by) == periods.by_period(dict(engine_counts), by)
    assert periods.by_period(engine_counts, "month") == {
        date(2019, 12, 1): 4, date(2020, 1, 1): 12, date(2020, 11, 1): 1}
    assert periods.by_period(engine_counts, "year") == {date(2019, 1, 1): 4, date(2020, 1, 1): 13}
    assert periods.by_period(FacetCounts.from_arrays(values, np.array([5, 6]), np.array([2, 1])), "month") == {}


def test_a_search_page_asks_the_engine_once_for_results_facets_and_chart(client, council_2021, monkeypatch):
    from statements.search.whoosh.backend import StatementWhooshBackend

    asked = []
    search = StatementWhooshBackend.search

    def counted(self, query_string, **kwargs):
        asked.append(query_string)
        return search(self, query_string, **kwargs)

    monkeypatch.setattr(StatementWhooshBackend, "search", counted)
    client.get("/search/", {"q": "resolution"})
    assert len(asked) == 2  # and once for the statements of every meeting, the shares' totals
    asked.clear()
    caching.bump_generation()  # a saved row: the totals are the index's, counted once per index version
    html = client.get("/search/", {"q": "infrastructure"}).content.decode()
    assert "highest 3 in Jan 2020" in html
    assert len(asked) == 1
    asked.clear()
    client.get("/search/", {"q": "infrastructure", "country": "FRA"})
    assert len(asked) == 2  # and once more to count the selected facet without its own filter
