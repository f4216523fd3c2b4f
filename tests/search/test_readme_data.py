"""Every search address answers on data shaped like the README's: seeds without a date beside dated meetings.

The data is ``readme_data`` (tests/search/conftest.py): the real ``load_seeds``,
``ingest`` and ``load_corpus`` commands, in two segment layouts. Date sorts
once overflowed on it, and the overflow was shown as "being rebuilt".
"""
from xml.etree import ElementTree

import pytest

from tests.http import csv_rows, json_of

from statements.models import Country, Speaker, Statement

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def clean_index():
    """The module's data is indexed once (``readme_data``); keep it between tests."""
    yield


def searchable():
    """What a search can find: statements, not procedural lines or the President's procedure in the chair."""
    return Statement.objects.filter(procedural=False).exclude(role=Statement.Role.CHAIR)


def every_result(client, url):
    """All results of a search, page after page, from ``/search.json``."""
    results, page = [], 1
    while True:
        response = client.get(f"{url}&page={page}")
        assert response.status_code == 200, response.content[:300]
        data = json_of(response)
        results += data["results"]
        if page >= data["pages"]:
            return data["count"], results
        page += 1


def csv_ids(client, params):
    """The statement ids of every result of a search, from ``/search.csv``, page after page."""
    ids, page = [], 1
    while True:
        response = client.get("/search.csv", {**params, "page": page})
        assert response.status_code == 200, response.content[:300]
        rows = csv_rows(response)
        ids += [int(row["id"]) for row in rows]
        pages = json_of(client.get("/search.json", {**params, "page": page}))["pages"]
        if page >= pages:
            assert len(ids) == len(set(ids)), "no statement on two pages"
            return ids
        page += 1


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorts_put_undated_statements_last(readme_data, client, sort):
    count, results = every_result(client, f"/search.json?q=council&sort={sort}")
    assert count == len(results) > 20  # more than a page, so paging is exercised
    dates = [r["date"] for r in results]
    dated = [d for d in dates if d]
    undated = len(dates) - len(dated)
    assert dated and undated, "the query must match seeds (no date) and dated statements"
    assert dates[len(dated):] == [None] * undated, "statements without a date come last"
    assert dated == sorted(dated, reverse=sort == "newest")
    assert undated == searchable().filter(meeting=None, text__icontains="council").count()


@pytest.mark.parametrize("written", ["2341", "resolution 2341 (2017)", "S/RES/2341 (2017)"])
def test_resolution_numbers_in_their_written_forms(readme_data, client, written):
    citing = set(searchable().filter(resolutions__number=2341).values_list("pk", flat=True))
    assert citing, "the seeds cite resolution 2341 (2017)"
    for sort in ("relevance", "newest", "oldest"):
        assert set(csv_ids(client, {"q": written, "sort": sort})) == citing, (written, sort)
    page = client.get("/search/", {"q": written, "sort": "newest"})
    assert page.status_code == 200
    assert "Umarov" in page.content.decode()


@pytest.mark.parametrize("query, lookup", [
    ("speaker:Nebenzia", {"speaker__name": "Nebenzia"}),
    ("country:France", {"country__name": "France"}),
    ("meeting:S/PV.8700", {"meeting__symbol": "S/PV.8700"}),
    ("country:Kazakhstan", {"country__name": "Kazakhstan"}),
])
def test_filter_only_queries(readme_data, client, query, lookup):
    expected = set(searchable().filter(**lookup).values_list("pk", flat=True))
    assert expected
    for sort in ("", "newest", "oldest"):
        assert set(csv_ids(client, {"q": query, "sort": sort})) == expected, (query, sort)
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert f"<strong>{len(expected)}</strong> statement" in response.content.decode()


def test_search_feed(readme_data, client):
    response = client.get("/search/feed/", {"q": "council"})
    assert response.status_code == 200
    entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == min(50, searchable().filter(text__icontains="council").count())
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    newest = searchable().filter(text__icontains="council", meeting__date__isnull=False).latest("meeting__date").meeting.date
    assert updated == sorted(updated, reverse=True) and updated[0].startswith(newest.isoformat())
    bare = client.get("/search/feed/")
    assert bare.status_code == 200 and bare.content.startswith(b"<?xml")


def test_search_json_and_api(readme_data, client):
    matching = searchable().filter(text__icontains="infrastructure")
    undated = set(matching.filter(meeting=None).values_list("speaker_label", flat=True))
    assert len(undated) == 2  # both seeds speak of critical infrastructure
    for url in ("/search.json", "/api/search"):
        count, results = every_result(client, f"{url}?q=infrastructure&sort=newest")
        assert count == len(results) == matching.count()
        assert {r["speaker"] for r in results[-2:]} == undated and results[-3]["date"] is not None
    facets = json_of(client.get("/api/search", {"q": "infrastructure"}))["facets"]
    kazakhstan = next(f for f in facets["country"] if f["value"] == "KAZ")
    assert kazakhstan["count"] == matching.filter(country__code="KAZ").count() >= 2


def test_scoped_searches(readme_data, client):
    """The search box of a speaker's and a country's page (``?speaker=ID`` / ``?country=KEY``)."""
    speaker = Speaker.objects.get(name="Umarov")
    country = Country.objects.get(name="Kazakhstan")
    for scope, value, lookup in (("speaker", speaker.pk, {"speaker": speaker}),
                                 ("country", country.key, {"country": country})):
        expected = set(searchable().filter(text__icontains="terrorist", **lookup).values_list("pk", flat=True))
        assert expected
        for sort in ("relevance", "newest", "oldest"):
            assert set(csv_ids(client, {scope: value, "q": "terrorist", "sort": sort})) == expected, (scope, sort)
        page = client.get(f"/search/?{scope}={value}&q=terrorist&sort=newest")
        assert page.status_code == 200
    profile = client.get(f"/countries/{country.slug}/", {"q": "terrorist"})
    assert profile.status_code == 200


def test_a_date_range_keeps_one_meeting(readme_data, client):
    expected = set(searchable().filter(meeting__date="2020-01-10").values_list("pk", flat=True))
    assert expected
    ids = set(csv_ids(client, {"q": "council OR security OR the", "from": "2020-01-10",
                               "to": "2020-01-10", "sort": "oldest"}))
    assert ids and ids <= expected
    assert set(csv_ids(client, {"q": "from:2020-01-10 to:2020-01-10 council", "sort": "newest"})) == set(searchable().filter(
        meeting__date="2020-01-10", text__icontains="council").values_list("pk", flat=True))


DATE_ADDRESSES = ["/search/", "/api/search", "/search.json", "/search.csv", "/search/feed/"]
YEARS = ["0001", "0099", "0999", "2020", "9999"]


@pytest.mark.parametrize("year", YEARS)
def test_any_year_in_a_date_bound_answers(readme_data, client, year):
    """Years 1 to 999 once reached Whoosh as 1 to 3 digits: TimeError, a 500 or a false 503."""
    country = Country.objects.get(name="Kazakhstan")
    dated = searchable().filter(meeting__date__isnull=False, text__icontains="council")
    for bounds in ({"from": f"{year}-01-01"}, {"to": f"{year}-12-31"},
                   {"from": f"{year}-01-01", "to": f"{year}-12-31"}):
        expected = dated.filter(**{f"meeting__date__{'gte' if 'from' in bounds else 'lte'}":
                                   bounds.get("from") or bounds["to"]})
        if "from" in bounds and "to" in bounds:
            expected = expected.filter(meeting__date__lte=bounds["to"])
        for url in DATE_ADDRESSES:
            for params in ({"q": "council", **bounds, "sort": "newest"},
                           {"q": " ".join(f"{k}:{v}" for k, v in bounds.items()) + " council"},
                           {"country": country.key, "q": "council", **bounds, "sort": "oldest"}):
                response = client.get(url, params)
                assert response.status_code == 200, (url, params, response.content[:200])
        count = json_of(client.get("/search.json", {"q": "council", **bounds}))["count"]
        assert count == expected.count(), bounds


@pytest.mark.parametrize("written", ["0000-01-01", "10000-01-01", "2020-13-01", "2020-02-30", "1-1-1",
                                     "yesterday", "2020-01-01T00:00", "-2020"])
def test_a_date_that_is_none_is_left_out_and_said(readme_data, client, written):
    for name in ("from", "to"):
        data = json_of(client.get("/api/search", {"q": "council", name: written}))
        assert any("is not a date" in notice for notice in data["notices"]), name
        for url in ("/search.json", "/api/search"):
            data = json_of(client.get(url, {"q": "council", name: written}))
            assert data["count"] == json_of(client.get(url, {"q": "council"}))["count"]
        for url in DATE_ADDRESSES:
            assert client.get(url, {"q": "council", name: written}).status_code == 200
            assert client.get(url, {"q": f"council {name}:{written}"}).status_code == 200
