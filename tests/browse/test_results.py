"""Results that answer: corrections applied, context around each result, the order shown, facets in full."""
import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_query_that_finds_nothing_shows_the_corrected_results_and_says_so(client, council):
    html = client.get("/search/", {"q": "cryptocurrencie"}).content.decode()
    assert "Showing results for <strong>cryptocurrencies</strong>" in html
    assert 'search instead for <a href="?q=cryptocurrencie&amp;verbatim=1"' in html
    assert html.count('class="result"') == 1 and "Ms. Rivera (Mexico)" in html

    verbatim = client.get("/search/", {"q": "cryptocurrencie", "verbatim": "1"}).content.decode()
    assert 'class="result"' not in verbatim and "Did you mean" in verbatim

    data = client.get("/api/search", {"q": "cryptocurrencie"}).json()
    assert data["query"] == "cryptocurrencies" and data["searched_instead"] == "cryptocurrencie"
    assert data["count"] == 1


def test_each_result_shows_its_agenda_item_and_the_turns_either_side(client, council):
    html = client.get("/search/", {"q": "cryptocurrencies"}).content.decode()
    result = html[html.index('class="result"'):html.index("</li>", html.index('class="result"'))]
    assert "Agenda: <a href=\"/agenda/" in result and "terrorist acts" in result
    assert 'href="/meetings/S-PV.8700/#s5">before: Mrs. Nguyen (France) (spoke in French)</a>' in result
    assert 'href="/meetings/S-PV.8700/#s7">after: procedural line</a>' in result
    assert client.get("/api/search", {"q": "cryptocurrencies"}).json()["results"][0]["agenda_item"].startswith(
        "Threats to international peace")


def test_the_sort_menu_shows_the_order_applied(client, council):
    html = client.get("/search/", {"q": "resolution 2341"}).content.decode()
    assert "newest first" in html
    assert re.search(r'<option value="newest" selected>', html)
    assert not re.search(r'<option value="relevance" selected>', html)
    html = client.get("/search/", {"q": "infrastructure", "sort": "oldest"}).content.decode()
    assert re.search(r'<option value="oldest" selected>', html)


def test_only_the_empty_search_page_takes_focus(client, council):
    assert "autofocus" in client.get("/search/").content.decode()
    assert "autofocus" not in client.get("/search/", {"q": "infrastructure"}).content.decode()


def test_filters_come_in_a_disclosure_before_the_results(client, council):
    html = client.get("/search/", {"q": "resolution", "country": "FRA"}).content.decode()
    disclosure = html.index('<details class="filters-disclosure">')
    assert disclosure < html.index('class="results"')
    assert '<summary><h2 class="inline-heading">Filters</h2> (1 in force)</summary>' in html
    assert html.count('id="m-facet-country"') == 1 and html.count('id="facet-country"') == 1


def test_a_facet_lists_all_its_values_on_its_own_page(client, council, monkeypatch):
    from statements.search.facets import FACETS, Facet

    monkeypatch.setitem(FACETS, "country", Facet("country", "country", "Country", 2))
    html = client.get("/search/", {"q": "resolution"}).content.decode()
    assert 'href="/search/facets/country/?q=resolution"' in html
    page = client.get("/search/facets/country/", {"q": "resolution", "country": "MEX"})
    assert page.status_code == 200
    listed = re.findall(r'<li><a href="/search/\?([^"]+)"[^>]*>([^<]+)</a> <span class="count">(\d+)', page.content.decode())
    # Viet Nam's turns that name a resolution are the President's procedure in the chair,
    # which a search leaves out.
    assert {label for _, label, _ in listed} == {"Kazakhstan", "France", "Mexico"}
    mexico = next(query for query, label, _ in listed if label == "Mexico")
    assert "country=MEX" not in mexico  # the selected value toggles off
    assert client.get("/search/facets/nonsense/").status_code == 404


def test_a_meeting_page_indexes_its_speakers_with_jump_links(client, council):
    html = client.get("/meetings/S-PV.8700/").content.decode()
    index = html[html.index('class="speaker-index"'):html.index("</ol>", html.index('class="speaker-index"'))]
    assert re.findall(r'<a href="#s(\d+)">', index) == ["2", "4", "5", "6"]
    assert "Mr. Umarov (Kazakhstan)" in index and "agenda was adopted" not in index
    for order in ("2", "4", "5", "6"):
        assert f'id="s{order}"' in html


def test_the_meetings_list_is_filtered_by_year_and_agenda_item(client, council):
    from statements.ingest import ingest_record

    from . import records

    record = records.meeting_8701()
    record.meeting.symbol, record.meeting.number = "S/PV.8100", 8100
    record.meeting.date = record.meeting.date.replace(year=2017)
    record.meeting.agenda = "Non-proliferation"
    ingest_record(record, source="")
    html = client.get("/meetings/").content.decode()
    assert '<option value="2020">2020</option>' in html and '<option value="2017">2017</option>' in html
    in_2017 = client.get("/meetings/", {"year": "2017"}).content.decode()
    assert "S/PV.8100" in in_2017 and "S/PV.8700" not in in_2017
    assert '<option value="2017" selected>' in in_2017
    agenda = client.get("/meetings/", {"agenda": "non-proliferation"}).content.decode()
    assert "S/PV.8100" in agenda and "S/PV.8701" not in agenda
    both = client.get("/meetings/", {"agenda": "non-proliferation", "year": "2020"}).content.decode()
    assert "No meeting matches these filters." in both
    rows = b"".join(client.get("/meetings.csv", {"year": "2020"}).streaming_content).decode()
    assert "S/PV.8700" in rows and "S/PV.8100" not in rows
    for odd in ({"year": "twenty"}, {"year": "99999999"}, {"agenda": "<x>"}):
        assert client.get("/meetings/", odd).status_code == 200
