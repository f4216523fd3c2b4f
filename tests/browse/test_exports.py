"""Every result list as JSON and CSV, and the search results as data."""
import csv
import io

import pytest

from statements.models import Speaker, Statement

pytestmark = pytest.mark.django_db


def _csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("url", ["/countries/?format=json", "/countries.json"])
def test_country_list_as_json_both_ways(client, council, url):
    data = client.get(url).json()
    assert data["count"] == 4 and data["pages"] == 1 and data["next"] is None
    first = data["results"][0]
    assert first["name"] == "Kazakhstan" and first["key"] == "KAZ" and first["statements"] == 2
    assert first["url"] == "http://testserver/countries/kazakhstan/"


@pytest.mark.parametrize("url", ["/meetings/?format=csv", "/meetings.csv"])
def test_meeting_list_as_csv(client, council, url):
    rows = _csv(client.get(url))
    assert [(r["symbol"], r["date"], r["statements"]) for r in rows] == [
        ("S/PV.8701", "2020-01-17", "2"), ("S/PV.8700", "2020-01-10", "4")]
    assert rows[1]["official_record"] == "https://undocs.org/en/S/PV.8700"


def test_resolution_and_speaker_lists_as_data(client, council):
    resolutions = {r["key"]: r for r in client.get("/resolutions.json").json()["results"]}
    assert resolutions["sc-2505"]["adopted_at"] == "S/PV.8700"
    assert resolutions["sc-2341"]["citing_statements"] == 4
    speakers = _csv(client.get("/speakers.csv"))
    assert {"Ms. Rivera (Mexico)", "Mr. Umarov (Kazakhstan)"} <= {r["name"] for r in speakers}
    agenda = client.get("/agenda.json").json()["results"]
    assert agenda[0]["meetings"] == 2 and agenda[0]["statements"] == 6


def test_meeting_record_as_csv_keeps_procedural_lines_in_order(client, council):
    rows = _csv(client.get("/meetings/S-PV.8700.csv"))
    assert [r["order"] for r in rows] == [str(n) for n in range(1, 9)]
    assert rows[2]["procedural"] == "True" and rows[2]["text"] == "The agenda was adopted."
    assert rows[3]["resolutions"] == "S/RES/2341 (2017)"
    meeting = client.get("/meetings/S-PV.8700/?format=json").json()["meeting"]
    assert meeting["date"] == "2020-01-10" and meeting["adopted"] == ["S/RES/2505 (2020)"]
    assert meeting["president"] == "Mr. Dang (Viet Nam)"


def test_speaker_and_country_statements_as_data(client, council):
    speaker = Speaker.objects.get(name="Umarov")
    data = client.get(f"/speakers/{speaker.slug}.json").json()
    assert [r["meeting"] for r in data["results"]] == ["S/PV.8701", "S/PV.8700"]  # newest first
    assert data["results"][0]["speaker_id"] == speaker.pk
    rows = _csv(client.get("/countries/mexico/?format=csv"))
    assert {r["country_key"] for r in rows} == {"MEX"} and len(rows) == 2
    citing = client.get("/resolutions/sc-2341/?format=json").json()
    assert [r["country"] for r in citing["results"]] == ["France", "Kazakhstan", "Mexico", "Kazakhstan"]


def test_statement_as_json(client, council):
    statement = Statement.objects.get(meeting__number=8700, order=5)
    data = client.get(f"/statements/{statement.pk}.json").json()
    assert data["language"] == "fr" and data["country"] == "France" and data["date"] == "2020-01-10"


def test_unknown_format_renders_the_page(client, council):
    response = client.get("/countries/?format=xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_json_export_paginates_with_a_next_link(client, council, settings, monkeypatch):
    from statements.views import exports

    monkeypatch.setattr(exports, "EXPORT_PAGE_SIZE", 2)
    data = client.get("/countries.json").json()
    assert data["pages"] == 2 and data["next"] == "http://testserver/countries.json?page=2"
    assert len(client.get(data["next"]).json()["results"]) == 2
    assert client.get("/countries.json?page=3").status_code == 404


def test_search_results_as_json_and_csv(client, council):
    data = client.get("/search.json?q=infrastructure").json()
    assert data["count"] == 3
    assert {r["country"] for r in data["results"]} == {"Kazakhstan", "France"}
    rows = _csv(client.get("/search.csv", {"q": "infrastructure", "country": "KAZ"}))
    assert len(rows) == 2 and {r["country"] for r in rows} == {"Kazakhstan"}
    assert all("<mark>" not in r["snippet"] and "infrastructure" in r["snippet"].lower() for r in rows)
    ids = {int(r["id"]) for r in rows}
    assert ids == set(Statement.objects.filter(country__code="KAZ").values_list("pk", flat=True))


def test_search_export_of_nonsense_is_not_an_error(client, council):
    data = client.get("/search.json?q=%22unbalanced&page=x").json()
    assert data["count"] >= 1  # read as the plain word "unbalanced"
    rows = _csv(client.get("/search.csv?q="))
    assert rows == []  # no query, no rows: but a CSV with its header
