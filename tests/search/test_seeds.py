"""Search through the real Whoosh index: the seed acceptance queries and bad input."""
import pytest

pytestmark = pytest.mark.django_db


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def test_uranium_finds_both_seeds_with_whole_facet_values(client, seeds):
    data = api(client, q="uranium")
    assert data["count"] == 2
    assert {r["speaker"] for r in data["results"]} == {
        "Mr. Umarov (Kazakhstan)", "Mr. Abdymomunov (Kazakhstan)"}
    assert [(f["label"], f["count"]) for f in data["facets"]["country"]] == [("Kazakhstan", 2)]
    assert {f["label"] for f in data["facets"]["speaker"]} == {
        "Mr. Umarov (Kazakhstan)", "Mr. Abdymomunov (Kazakhstan)"}
    assert all("<mark>" in r["snippet"] for r in data["results"])


@pytest.mark.parametrize("query", [
    "2341", "resolution 2341", "resolution 2341 (2017)", "S/RES/2341 (2017)", "res. 2341",
    "Resolution 2341 (2017)", "s/res/2341",
])
def test_resolution_forms_find_only_the_statement_citing_it(client, seeds, query):
    data = api(client, q=query)
    assert [r["speaker"] for r in data["results"]] == ["Mr. Umarov (Kazakhstan)"]


def test_general_assembly_resolution_is_kept_apart(client, seeds):
    assert [r["speaker"] for r in api(client, q="59/290")["results"]] == ["Mr. Umarov (Kazakhstan)"]
    assert api(client, q="290")["count"] == 0  # S/RES/290 is a different resolution


def test_semipalatinsk_finds_only_abdymomunov(client, seeds):
    data = api(client, q="Semipalatinsk")
    assert [r["speaker"] for r in data["results"]] == ["Mr. Abdymomunov (Kazakhstan)"]


def test_facet_filter_narrows_and_keeps_query(client, seeds):
    everything = api(client, q="nuclear")
    umarov = next(f for f in everything["facets"]["speaker"] if "Umarov" in f["label"])
    narrowed = api(client, q="nuclear", speaker=umarov["value"])
    assert narrowed["count"] == 1 and narrowed["results"][0]["speaker"].startswith("Mr. Umarov")
    assert next(f for f in narrowed["facets"]["speaker"] if f["value"] == umarov["value"])["selected"]


@pytest.mark.parametrize("query", [
    '"unbalanced quote', "AND", "OR NOT", "*", "?", "(((", "field:", "speaker:", "a" * 3000,
    "<script>alert(1)</script>", "\x00", "' OR 1=1 --", "2341)", "resolution ((2017",
])
def test_hostile_queries_never_fail(client, seeds, query):
    api_response = client.get("/api/search", {"q": query})
    assert api_response.status_code == 200
    assert api_response["Content-Type"] == "application/json"
    page = client.get("/search/", {"q": query})
    assert page.status_code == 200
    assert b"<script>alert(1)" not in page.content


def test_markup_in_the_query_is_escaped_on_the_page(client, seeds):
    response = client.get("/search/", {"q": "<b>uranium</b>"})
    assert b"<b>uranium</b>" not in response.content
    assert b"&lt;b&gt;uranium&lt;/b&gt;" in response.content


def test_search_page_shows_count_snippets_and_facet_links(client, seeds):
    response = client.get("/search/", {"q": "uranium"})
    html = response.content.decode()
    assert "<strong>2</strong> statements" in html
    assert "<mark>Uranium</mark>" in html
    assert 'href="?q=uranium&amp;country=KAZ"' in html


def test_statement_has_its_own_page(client, seeds):
    url = api(client, q="Semipalatinsk")["results"][0]["url"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Semipalatinsk" in response.content.decode()


def test_unknown_pages_are_404_not_500(client, db):
    for url in ("/statements/999999/", "/meetings/S-PV.1/", "/resolutions/xx/", "/nowhere/"):
        assert client.get(url).status_code == 404
