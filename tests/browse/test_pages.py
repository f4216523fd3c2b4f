"""The browse pages render what the records hold, in a fixed number of queries."""
import json
import re

import pytest

from statements.models import Country, Meeting, Resolution, Speaker, Statement

pytestmark = pytest.mark.django_db


def test_home_shows_holdings_recent_meetings_and_most_active(client, council):
    html = client.get("/").content.decode()
    assert "<search" in html
    assert re.search(r"<dt>Statements</dt><dd>6</dd>", html)
    assert re.search(r"<dt>Meetings</dt><dd><a [^>]+>2</a></dd>", html)
    assert "Jan 2020" in html
    assert html.index("S/PV.8701") < html.index("S/PV.8700")  # newest first
    kazakhstan = Country.objects.get(name="Kazakhstan")
    assert f'href="{kazakhstan.get_absolute_url()}">Kazakhstan</a> <span class="count">2</span>' in html
    assert "Mr. Umarov (Kazakhstan)</a> <span class=\"count\">2</span>" in html


def test_meeting_page_gives_the_record_in_order_with_procedural_lines(client, council):
    html = client.get("/meetings/S-PV.8700/").content.decode()
    anchors = re.findall(r'<li id="s(\d+)"', html)
    assert anchors == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert '<li id="s3" class="procedural"><p>The agenda was adopted.</p>' in html
    assert "https://undocs.org/en/S/PV.8700" in html
    assert "8700th meeting" in html
    assert "Friday 10 January 2020" in html
    resolution = Resolution.objects.get(number=2505)
    assert f'<a href="{resolution.get_absolute_url()}">Resolution 2505 (2020)</a>' in html
    assert "Mr. Dang (Viet Nam)" in html  # president
    turn = re.search(r'<li id="s5" class="turn">(.*?)</li>', html, re.S).group(1)
    assert "France" in turn and "French" in turn and "Council member" in turn


@pytest.mark.parametrize("url", [
    "/meetings/S-PV.1/", "/meetings/S-PV.8700-Rx/", "/meetings/S-PV.8700-R99999999999999/", "/meetings/%00/",
    "/meetings/S-PV.1.json", "/statements/99999999999999999999/", "/statements/99999999999999999999.json",
    "/resolutions/sc-99999999999999999999/", "/resolutions/ga-99999999-1/", "/speakers/nobody.csv",
    "/countries/?page=99999999999999999999", "/countries/atlantis/feed/",
])
def test_bad_addresses_are_404_never_500(client, council, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/search.json?page=99999999999999999999", "/search/feed/?q=%00",
                                 "/search.csv?q=%22%22%22", "/countries/france/feed/?page=2"])
def test_odd_queries_still_answer(client, council, url):
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    if ".json" in url:
        assert set(json.loads(body)) >= {"count", "results"}
    elif ".csv" in url:
        assert body.splitlines()[0].startswith("id,")
    else:
        assert body.startswith("<?xml") and "<feed" in body


def test_statement_permalink_has_context_citations_and_similar(client, council):
    statement = Statement.objects.get(meeting__number=8700, order=4)
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "Cyberattacks on power grids" in html
    previous = Statement.objects.get(meeting__number=8700, order=2)
    following = Statement.objects.get(meeting__number=8700, order=5)
    assert f'rel="prev" href="{previous.get_absolute_url()}"' in html
    assert f'rel="next" href="{following.get_absolute_url()}"' in html
    assert '<a href="/resolutions/sc-2341/">Resolution 2341 (2017)</a>' in html
    citation = re.search(r'<p class="citation" id="citation">(.*?)</p>', html).group(1)
    assert citation == ("Mr. Umarov (Kazakhstan), United Nations Security Council, S/PV.8700, "
                        f"10 January 2020. http://testserver{statement.get_absolute_url()}")
    similar = re.search(r'id="similar-title">.*?</section>', html, re.S).group(0)
    # Statements about critical infrastructure and resolution 2341 come up; never itself.
    assert "Mrs. Nguyen" in similar or "Mr. Umarov" in similar
    assert f'href="{statement.get_absolute_url()}"' not in similar


def test_more_like_this_without_an_index_gives_an_empty_list_not_an_error(client, council):
    from haystack import connections

    connections["default"].get_backend().clear()
    statement = Statement.objects.get(meeting__number=8700, order=4)
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 200
    assert "No similar statements found." in response.content.decode()


def test_speaker_page_has_chart_resolutions_agenda_and_scoped_search(client, council):
    speaker = Speaker.objects.get(name="Umarov")
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert "2 statements" in html
    assert '<svg class="chart side" role="img" aria-labelledby="over-time-side-t over-time-side-d"' in html
    assert '<title id="over-time-side-t">Statements per month, 2020</title>' in html
    assert re.search(r'<th scope="row">Jan</th><td class="num">2</td>', html)
    assert re.search(r'Resolution 2341 \(2017\)</a> <span class="count">2</span>', html)
    assert "Threats to international peace and security" in html
    assert f'<input type="hidden" name="speaker" value="{speaker.pk}">' in html
    assert f'href="/speakers/{speaker.slug}/feed/"' in html


def test_country_page_search_box_filters_by_country_key(client, council):
    country = Country.objects.get(name="Mexico")
    html = client.get(country.get_absolute_url()).content.decode()
    assert country.key == "MEX"
    assert '<input type="hidden" name="country" value="MEX">' in html
    assert "Ms. Rivera (Mexico)" in html
    assert 'action="/search/"' in html


def test_resolution_page_lists_citing_statements_by_date_then_country(client, council):
    html = client.get("/resolutions/sc-2341/").content.decode()
    rows = re.findall(r"<tr>\s*<td>.*?</tr>", html, re.S)
    countries = [re.search(r'/countries/[^"]+/">([^<]+)<', row).group(1) for row in rows]
    assert countries == ["France", "Kazakhstan", "Mexico", "Kazakhstan"]
    assert "at a meeting the portal does not hold" in html
    adopted = client.get("/resolutions/sc-2505/").content.decode()
    assert 'at the <a href="/meetings/S-PV.8700/">S/PV.8700</a> meeting' in adopted


@pytest.mark.parametrize("url", ["/resolutions/2341/", "/resolutions/sc-9999/", "/resolutions/ga-x-1/"])
def test_unknown_resolution_is_404(client, council, url):
    assert client.get(url).status_code == 404


def test_agenda_item_page_lists_its_meetings(client, council):
    meeting = Meeting.objects.get(number=8700)
    html = client.get(meeting.agenda_item.get_absolute_url()).content.decode()
    assert "6 statements" in html and "at 2 meetings" in html


@pytest.mark.parametrize("url, expected", [
    ("/meetings/", ["S/PV.8701", "S/PV.8700"]),
    ("/countries/", ["Kazakhstan", "Mexico", "France", "Viet Nam"]),
    ("/speakers/", ["Ms. Rivera", "Mr. Umarov", "Mrs. Nguyen"]),
    ("/resolutions/", ["Resolution 2341 (2017)", "Resolution 2505 (2020)", "Resolution 2462 (2019)"]),
    ("/agenda/", ["Threats to international peace"]),
])
def test_lists_show_counts_in_order(client, council, url, expected):
    response = client.get(url)
    html = response.content.decode()
    positions = [html.index(text) for text in expected]
    assert positions == sorted(positions)
    assert 'aria-current="page"' in html
    # Each row's count is what the database holds for it (statements spoken, not procedure).
    rows = re.findall(r'<tr><td><a href="([^"]+)">.*?<td class="num">(\d+)</td></tr>', html, re.S)
    assert len(rows) >= len(expected)
    spoken = Statement.objects.filter(procedural=False)
    counters = {
        "/countries/": lambda href: spoken.filter(country__slug=href.strip("/").rsplit("/", 1)[1]).count(),
        # a speaker by what their page lists: not the President's procedure in the chair
        "/speakers/": lambda href: spoken.exclude(role="chair").filter(
            speaker__slug=href.strip("/").rsplit("/", 1)[1]).count(),
    }
    if url in counters:
        assert [int(n) for _, n in rows] == [counters[url](href) for href, _ in rows]
        assert all(int(n) > 0 for _, n in rows)


def test_out_of_range_page_is_404_not_500(client, council):
    assert client.get("/countries/?page=99").status_code == 404
    assert client.get("/countries/?page=abc").status_code == 404
    assert client.get(Country.objects.get(name="Mexico").get_absolute_url() + "?page=5").status_code == 404


def test_opensearch_description_is_linked_and_valid(client, council):
    html = client.get("/").content.decode()
    assert 'rel="search" type="application/opensearchdescription+xml"' in html
    response = client.get("/opensearch.xml")
    assert response["Content-Type"] == "application/opensearchdescription+xml"
    body = response.content.decode()
    assert 'template="http://testserver/search/?q={searchTerms}' in body


def test_sitemap_lists_meetings_statements_and_profiles(client, council):
    import re

    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    assert sections
    body = "".join(client.get(section.replace("&amp;", "&")).content.decode() for section in sections)
    statement = Statement.objects.filter(procedural=False).first()
    procedural = Statement.objects.filter(procedural=True).first()
    # a speaker whose page lists statements (one with only procedure in the chair is not offered)
    speaker = Statement.objects.filter(procedural=False, speaker__isnull=False).exclude(role="chair").first().speaker
    for url in ["/meetings/S-PV.8700/", statement.get_absolute_url(), "/resolutions/sc-2341/",
                speaker.get_absolute_url(), "/countries/"]:
        assert f"http://testserver{url}</loc>" in body
    assert f"http://testserver{procedural.get_absolute_url()}</loc>" not in body


def test_chart_counts_per_year_with_empty_years_when_dates_span_longer(client, council,
                                                                      django_capture_on_commit_callbacks):
    from datetime import date

    from statements.ingest import ingest_record
    from . import records

    later = records.meeting_8701()
    later.meeting.symbol, later.meeting.number, later.meeting.date = "S/PV.9300", 9300, date(2023, 4, 3)
    with django_capture_on_commit_callbacks(execute=True):  # the index writer runs, and recounts the chart
        ingest_record(later)
    html = client.get(Speaker.objects.get(name="Umarov").get_absolute_url()).content.decode()
    assert '<title id="over-time-side-t">Statements per year</title>' in html
    table = re.findall(r'<th scope="row">(\d{4})</th><td class="num">(\d+)</td>', html)
    assert table == [("2020", "2"), ("2021", "0"), ("2022", "0"), ("2023", "1")]
    # Newest first in the list below the chart.
    assert html.index("S/PV.9300") < html.index("S/PV.8701") < html.index("S/PV.8700")


def test_statement_from_a_record_without_meeting(client, seeds):
    statement = Statement.objects.filter(meeting=None).first()
    html = client.get(statement.get_absolute_url()).content.decode()
    assert f"Not stated in the record ({statement.source})" in html
    assert "In this meeting" not in html


def test_search_page_advertises_its_feed(client, council):
    html = client.get("/search/?q=infrastructure&country=KAZ").content.decode()
    assert ('type="application/atom+xml" title="This search as a feed" '
            'href="/search/feed/?q=infrastructure&amp;country=KAZ"') in html


def test_long_lists_are_paginated_keeping_other_parameters(client, council, monkeypatch):
    from statements.views import profiles

    monkeypatch.setattr(profiles.CountryView, "paginate_by", 1)
    url = Country.objects.get(name="Kazakhstan").get_absolute_url()
    first = client.get(url).content.decode()
    assert '<span aria-current="page">Page 1 of 2</span>' in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get(url + "?page=2").content.decode()
    assert 'rel="prev" href="?page=1"' in second and '<ol class="results" start="2">' in second
    assert "S/PV.8700" in second and "S/PV.8701" not in second.split('class="results"')[1]
    # The data links ask for the whole list's first part, not the page's number (a 404 past the first part).
    assert 'href="?format=csv"' in second and client.get(url + "?format=csv").status_code == 200


def test_scoped_search_contract_speaker_id_filters_the_search_page(client, council):
    speaker = Speaker.objects.get(name="Rivera")
    response = client.get("/search.json", {"q": "resolution", "speaker": speaker.pk})
    data = json.loads(b"".join(response.streaming_content))
    assert data["count"] == 2 and {r["speaker"] for r in data["results"]} == {"Ms. Rivera (Mexico)"}


def test_speaker_with_only_undated_statements_has_no_chart(client, seeds):
    speaker = Speaker.objects.get(name="Abdymomunov")
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert "1 statement for" in html and "<svg" not in html
    assert "001_5cde29cce3c9d1a1.txt" in html  # the record it came from, in place of a meeting


@pytest.mark.parametrize("url", [
    "/meetings/S-PV.1-R¹/", "/resolutions/sc-¹/", "/resolutions/ga-¹-²/", "/resolutions/sc-99999999999999/",
    "/meetings/S-PV.1-R99999999999999999999/", "/resolutions/sc-2341-1/", "/resolutions/ga--1/",
])
def test_unicode_digits_and_huge_numbers_in_addresses_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_a_meeting_held_by_letter_has_a_working_page(client, db, index_on_commit):
    """Videoconference meetings of 2020 are known by letter symbols such as S/2020/254."""
    from statements.ingest import ingest_record
    from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement

    record = ParsedRecord(
        meeting=ParsedMeeting(symbol="S/2020/254"),
        statements=[ParsedStatement(order=1, speaker="Heusgen", honorific="Mr.", country="Germany",
                                    label="Mr. Heusgen (Germany)", text="By videoconference.")],
    )
    meeting = ingest_record(record, source="letter").meeting
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "By videoconference." in response.content.decode()
