"""Every result list as JSON and CSV, and the search results as data."""
import csv
import io
import json

import pytest

from statements.models import Speaker, Statement

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _json(response):
    assert response["Content-Type"].startswith("application/json")
    return json.loads(_body(response))


def _csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(_body(response).decode())))


@pytest.mark.parametrize("url", ["/countries/?format=json", "/countries.json"])
def test_country_list_as_json_both_ways(client, council, url):
    data = _json(client.get(url))
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
    resolutions = {r["key"]: r for r in _json(client.get("/resolutions.json"))["results"]}
    assert resolutions["sc-2505"]["adopted_at"] == "S/PV.8700"
    assert resolutions["sc-2341"]["citing_statements"] == 4
    speakers = _csv(client.get("/speakers.csv"))
    assert {"Ms. Rivera (Mexico)", "Mr. Umarov (Kazakhstan)"} <= {r["name"] for r in speakers}
    agenda = _json(client.get("/agenda.json"))["results"]
    assert agenda[0]["meetings"] == 2 and agenda[0]["statements"] == 6


def test_meeting_record_as_csv_keeps_procedural_lines_in_order(client, council):
    rows = _csv(client.get("/meetings/S-PV.8700.csv"))
    assert [r["order"] for r in rows] == [str(n) for n in range(1, 9)]
    assert rows[2]["procedural"] == "True" and rows[2]["text"] == "The agenda was adopted."
    assert rows[3]["resolutions"] == "S/RES/2341 (2017)"
    meeting = _json(client.get("/meetings/S-PV.8700/?format=json"))["meeting"]
    assert meeting["date"] == "2020-01-10" and meeting["adopted"] == ["S/RES/2505 (2020)"]
    assert meeting["president"] == "Mr. Dang (Viet Nam)"


def test_speaker_and_country_statements_as_data(client, council):
    speaker = Speaker.objects.get(name="Umarov")
    data = _json(client.get(f"/speakers/{speaker.slug}.json"))
    assert [r["meeting"] for r in data["results"]] == ["S/PV.8701", "S/PV.8700"]  # newest first
    assert data["results"][0]["speaker_id"] == speaker.pk
    rows = _csv(client.get("/countries/mexico/?format=csv"))
    assert {r["country_key"] for r in rows} == {"MEX"} and len(rows) == 2
    citing = _json(client.get("/resolutions/sc-2341/?format=json"))
    assert [r["country"] for r in citing["results"]] == ["France", "Kazakhstan", "Mexico", "Kazakhstan"]


def test_statement_as_json(client, council):
    statement = Statement.objects.get(meeting__number=8700, order=5)
    data = client.get(f"/statements/{statement.pk}.json").json()
    assert data["language"] == "fr" and data["country"] == "France" and data["date"] == "2020-01-10"


def test_unknown_format_renders_the_page(client, council):
    response = client.get("/countries/?format=xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_an_export_holds_every_row_and_parts_link_to_the_next(client, council, settings):
    settings.EXPORT_MAX_ROWS = 3
    response = client.get("/countries.json")
    assert response.streaming
    data = _json(response)
    assert (data["count"], data["pages"], data["cap"], len(data["results"])) == (4, 2, 3, 3)
    assert data["next"] == "http://testserver/countries.json?page=2"
    assert response["Link"] == '<http://testserver/countries.json?page=2>; rel="next"'
    last = _json(client.get(data["next"]))
    assert len(last["results"]) == 1 and last["next"] is None
    assert {r["key"] for r in data["results"] + last["results"]} == {"KAZ", "FRA", "MEX", "VNM"}
    assert client.get("/countries.json?page=3").status_code == 404
    assert client.get("/countries.json?page=x").status_code == 404
    csv_part = client.get("/countries.csv")
    assert len(_csv(csv_part)) == 3 and csv_part["Link"].endswith('?page=2>; rel="next"')


def test_a_list_export_is_not_cut_at_the_page_size(client, council, settings):
    settings.EXPORT_STATEMENT_ROWS = 1_000
    statements = Statement.objects.filter(procedural=False, resolutions__number=2341).count()
    data = _json(client.get("/resolutions/sc-2341/?format=json"))
    assert len(data["results"]) == data["count"] == statements and data["next"] is None


def test_csv_cells_that_a_spreadsheet_would_run_are_made_inert(client, council, django_capture_on_commit_callbacks):
    statement = Statement.objects.get(meeting__number=8700, order=6)
    for text in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"):
        statement.text = text + " Mexico voted in favour."
        statement.save()
        row = _csv(client.get(f"/statements/{statement.pk}.csv"))[0]
        assert row["text"] == "'" + text + " Mexico voted in favour.", text
    from statements.views.exports import csv_cell
    assert csv_cell(-5) == -5 and csv_cell("Mexico") == "Mexico"


def test_search_results_as_json_and_csv(client, council):
    data = _json(client.get("/search.json?q=infrastructure"))
    assert data["count"] == 3
    assert {r["country"] for r in data["results"]} == {"Kazakhstan", "France"}
    rows = _csv(client.get("/search.csv", {"q": "infrastructure", "country": "KAZ"}))
    assert len(rows) == 2 and {r["country"] for r in rows} == {"Kazakhstan"}
    assert all("<mark>" not in r["snippet"] and "infrastructure" in r["snippet"].lower() for r in rows)
    assert all(r["text"] and r["agenda_item"].startswith("Threats") for r in rows)
    ids = {int(r["id"]) for r in rows}
    assert ids == set(Statement.objects.filter(country__code="KAZ").values_list("pk", flat=True))


def test_search_export_of_nonsense_is_not_an_error(client, council):
    # An unbalanced quote is read as the plain word; a part number that is not one, as the first.
    data = _json(client.get("/search.json?q=%22infrastructure&page=x"))
    assert data["count"] == _json(client.get("/search.json?q=infrastructure"))["count"] == 3
    assert len(data["results"]) == 3
    rows = _csv(client.get("/search.csv?q="))
    assert rows == []  # no query, no rows: but a CSV with its header


def test_search_csv_snippets_are_plain_text(client, council, django_capture_on_commit_callbacks):
    statement = Statement.objects.get(meeting__number=8700, order=6)
    statement.text = "Cryptocurrencies & <tokens> threaten us."
    with django_capture_on_commit_callbacks(execute=True):
        statement.save()
    row = _csv(client.get("/search.csv", {"q": "cryptocurrencies"}))[0]
    assert row["snippet"] == "Cryptocurrencies & <tokens> threaten us."


def test_a_search_export_holds_every_result_in_parts(client, council, settings):
    # In parts of EXPORT_STATEMENT_ROWS, as a subject's statements: each row carries its text.
    settings.EXPORT_STATEMENT_ROWS, settings.EXPORT_MAX_ROWS = 2, 10_000
    first = _json(client.get("/search.json", {"q": "resolution"}))
    everything = (Statement.objects.filter(text__icontains="resolution", procedural=False)
                  .exclude(role=Statement.Role.CHAIR).count())  # what a search finds
    assert first["count"] == everything and first["pages"] == -(-everything // 2)
    assert first["next"] == "http://testserver/search.json?q=resolution&page=2"
    ids, url = [], "/search.json?q=resolution"
    while url:
        data = _json(client.get(url))
        ids += [r["id"] for r in data["results"]]
        url = data["next"]
    assert len(ids) == len(set(ids)) == everything
    assert "resolution" in first["citation"] and f"({everything} statements)" in first["citation"]
    # A part holds the same results, in the same order, in every format; the page says how many.
    second = "/search.{}?q=resolution&page=2"
    csv_part = client.get(second.format("csv"))
    assert [int(r["id"]) for r in _csv(csv_part)] == [r["id"] for r in _json(client.get(second.format("json")))["results"]]
    assert csv_part["Link"] == '<http://testserver/search.csv?q=resolution&page=3>; rel="next"'
    for fmt, opening in (("bib", "@misc{unsc-statement-"), ("ris", "UR  - http://testserver/statements/")):
        text = _body(client.get(second.format(fmt))).decode()
        assert text.count(opening) == 2 and all(f"{opening}{pk}" in text for pk in ids[2:4]), fmt
    assert "(in parts of 2)" in client.get("/search/", {"q": "resolution"}).content.decode()


def test_a_statement_answers_as_csv_json_bibtex_and_ris(client, council):
    statement = Statement.objects.get(meeting__number=8700, order=5)
    rows = _csv(client.get(f"/statements/{statement.pk}.csv"))
    assert len(rows) == 1 and rows[0]["country"] == "France" and rows[0]["order"] == "5"
    data = _json(client.get(f"/statements/{statement.pk}.json"))
    assert data["citation"].startswith("Mrs. Nguyen (France) (spoke in French), United Nations Security Council, S/PV.8700")
    bib = client.get(f"/statements/{statement.pk}.bib")
    assert bib["Content-Type"].startswith("application/x-bibtex")
    text = bib.content.decode()
    assert text.startswith(f"@misc{{unsc-statement-{statement.pk},")
    assert "author = {{Mrs. Nguyen (France) (spoke in French)}}" in text
    assert "year = {2020}" in text and "howpublished = {S/PV.8700}" in text
    assert text.count("{") == text.count("}")
    ris = client.get(f"/statements/{statement.pk}.ris").content.decode()
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - GOVDOC" and "AU  - Mrs. Nguyen (France) (spoke in French)" in lines
    assert "DA  - 2020/01/10" in lines and lines[-2] == "ER  - "
    assert f"UR  - http://testserver/statements/{statement.pk}/" in lines


def test_a_result_set_as_bibtex_and_ris(client, council):
    bib = b"".join(client.get("/search.bib", {"q": "infrastructure"}).streaming_content).decode()
    assert bib.count("@misc{") == 3
    ris = b"".join(client.get("/search.ris", {"q": "infrastructure"}).streaming_content).decode()
    assert ris.count("TY  - GOVDOC") == 3 and ris.count("ER  - ") == 3
    page = client.get("/search/", {"q": "infrastructure"}).content.decode()
    assert 'href="/search.bib?q=infrastructure"' in page and "Cite these results:" in page


def test_a_statement_is_the_same_row_in_every_export(client, council):
    # One builder (``exports.statement_rows``): a permalink's data, a list's and a search's rows agree.
    statement = Statement.objects.get(meeting__number=8700, order=5)
    own = _json(client.get(f"/statements/{statement.pk}.json"))
    assert own.pop("citation")
    listed = {r["id"]: r for r in _json(client.get(f"{statement.country.get_absolute_url().rstrip('/')}.json"))["results"]}
    searched = {r["id"]: r for r in _json(client.get("/search.json", {"q": statement.text.split()[3]}))["results"]}
    assert listed[statement.pk] == own
    assert searched[statement.pk].pop("agenda_item") == statement.meeting.agenda_item.title
    assert searched[statement.pk].pop("snippet")
    assert searched[statement.pk] == own and own["resolutions"] == [r.symbol for r in statement.resolutions.all()]
    assert _csv(client.get(f"/statements/{statement.pk}.csv"))[0]["text"] == own["text"]


def test_the_api_and_the_exports_name_the_person_beside_the_label(client, council):
    # ``speaker`` is the label as printed (the contract); ``speaker_id`` and ``speaker_name`` the person.
    rivera = Speaker.objects.get(name="Rivera")
    rivera.full_name = "Alicia Rivera"
    rivera.save()
    umarov = Speaker.objects.get(name="Umarov")  # no full name known: the surname the records print
    api = {r["speaker_id"]: r for r in client.get("/api/search", {"q": "infrastructure"}).json()["results"]}
    exported = {r["speaker_id"]: r for r in _json(client.get("/search.json", {"q": "infrastructure"}))["results"]}
    for rows in (api, exported):
        assert rows[umarov.pk]["speaker"] == "Mr. Umarov (Kazakhstan)" and rows[umarov.pk]["speaker_name"] == "Umarov"
    mexico = _csv(client.get("/countries/mexico.csv"))
    assert {(r["speaker_id"], r["speaker_name"]) for r in mexico if r["speaker"].startswith("Ms. Rivera")} == {
        (str(rivera.pk), "Alicia Rivera")}
    assert list(mexico[0])[6:9] == ["speaker", "speaker_id", "speaker_name"]
    assert _json(client.get(f"/statements/{Statement.objects.filter(speaker=rivera).first().pk}.json"))[
        "speaker_name"] == "Alicia Rivera"


def test_csv_lines_are_those_csv_writer_writes():
    # ``exports.csv_line`` writes what ``csv.writer`` does, faster: the same bytes for every kind of field.
    import random

    from statements.views.exports import csv_line
    pieces = ["", " ", "a", ",", '"', "\r", "\n", "\r\n", "'", ";", "é", "\t", "=1", "x y", '""', "\\"]
    rng = random.Random(17)
    records = [[""], [None], [], ["", ""], [None, ""], [1, True, False, None, -5, 2.5, "ok"]]
    records += [["".join(rng.choice(pieces) for _ in range(rng.randrange(6))) for _ in range(rng.randrange(1, 5))]
                for _ in range(2000)]
    for record in records:
        expected = io.StringIO()
        csv.writer(expected).writerow(record)
        assert csv_line(record) == expected.getvalue(), record


def test_statement_exports_come_in_parts_of_their_own_size(client, council, settings):
    # A subject's statements (each with its text) in parts of EXPORT_STATEMENT_ROWS, lists in EXPORT_MAX_ROWS.
    settings.EXPORT_STATEMENT_ROWS, settings.EXPORT_MAX_ROWS = 1, 10_000
    kazakhstan = "/countries/kazakhstan"
    whole = Statement.objects.filter(country__code="KAZ", procedural=False).count()
    assert whole > 1
    page = client.get(kazakhstan + "/").content.decode()  # the page's order, newest first
    ids, csv_ids, url = [], [], kazakhstan + ".json"
    while url:
        response = client.get(url)
        data = _json(response)
        assert data["cap"] == 1 and data["pages"] == whole and len(data["results"]) == 1
        assert response.get("Link") == (f'<{data["next"]}>; rel="next"' if data["next"] else None)
        csv_part = client.get(url.replace(".json", ".csv"))
        csv_ids += [int(r["id"]) for r in _csv(csv_part)]
        assert csv_part.get("Link") == (response["Link"].replace(".json", ".csv") if data["next"] else None)
        ids += [r["id"] for r in data["results"]]
        url = data["next"]
    assert ids == csv_ids and len(set(ids)) == whole
    assert [pk for pk in ids if f"/statements/{pk}/" in page] == sorted(
        (pk for pk in ids if f"/statements/{pk}/" in page), key=lambda pk: page.index(f"/statements/{pk}/"))
    assert _json(client.get("/countries.json"))["cap"] == 10_000


def test_a_statements_data_is_read_without_the_page_around_it(client, council, django_assert_num_queries):
    # JSON and CSV: its export row and that row's citations, read once (the instance was read as well);
    # BibTeX and RIS: the statement with its meeting and agenda item. Not its neighbours nor "more like this".
    statement = Statement.objects.get(meeting__number=8700, order=5)
    for fmt, queries in (("json", 2), ("csv", 2), ("bib", 1), ("ris", 1)):
        with django_assert_num_queries(queries):
            assert client.get(f"/statements/{statement.pk}.{fmt}").status_code == 200
    missing = Statement.objects.order_by("-pk").first().pk + 1
    for fmt in ("json", "csv", "bib", "ris"):
        assert client.get(f"/statements/{missing}.{fmt}").status_code == 404


def test_a_statements_json_citation_is_its_pages(client, dated_and_undated):
    # Made from the export row, it is the line the permalink prints, with a meeting and without one.
    import html

    for statement in dated_and_undated:
        data = _json(client.get(f"/statements/{statement.pk}.json"))
        page = client.get(f"/statements/{statement.pk}/").content.decode()
        assert html.escape(data["citation"]) in page, data["citation"]
        assert data["citation"].endswith(f"http://testserver/statements/{statement.pk}/")
    dated, undated = (_json(client.get(f"/statements/{s.pk}.json")) for s in dated_and_undated)
    assert dated["citation"].startswith("Mr. De Rivière, United Nations Security Council, S/PV.8700, 10 January 2020.")
    assert undated["citation"].startswith("The President, United Nations Security Council. http")


def test_a_pages_data_links_ask_for_the_first_part_not_the_pages_number(client, council):
    # The HTML page's number (25 or 100 a page) is not the export's part number (500 or 10,000 a part):
    # page 2 of a list linked to part 2 of its data, a 404 for most lists.
    import re

    page = client.get("/meetings/?year=2020&page=1").content.decode()
    links = re.findall(r'href="([^"]*format=(?:json|csv)[^"]*)"', page)
    assert len(links) == 2 and all("page=" not in link and "year=2020" in link for link in links), links
    for link in links:
        assert client.get("/meetings/" + link.replace("&amp;", "&")).status_code == 200


@pytest.mark.parametrize("size", [1, 2, 3])
def test_every_subjects_data_in_parts_is_its_statements_in_the_pages_order(client, council, settings, size):
    # A part's ids are sorted first (an agenda item's through its meetings' tallies, as its pages), then
    # their rows read: following `next` gives every statement of the subject once, in the page's order.
    from statements.models import AgendaItem, Country, Resolution
    from statements.views.profiles import AgendaItemView, ResolutionView, StatementsOfView

    settings.EXPORT_STATEMENT_ROWS = size
    item, umarov = AgendaItem.objects.get(), Speaker.objects.get(name="Umarov")
    subjects = [("/countries/kazakhstan", Statement.objects.filter(country=Country.objects.get(code="KAZ"))),
                (f"/speakers/{umarov.slug}", Statement.objects.filter(speaker=umarov).exclude(role="chair")),
                (f"/agenda/{item.slug}", Statement.objects.filter(meeting__agenda_item=item)),
                ("/resolutions/sc-2341", Statement.objects.filter(resolutions=Resolution.objects.get(number=2341)))]
    for address, statements in subjects:
        ordering = {"/agenda": AgendaItemView, "/resolu": ResolutionView}.get(address[:7], StatementsOfView).ordering
        expected = list(statements.filter(procedural=False).order_by(*ordering, "pk").values_list("pk", flat=True))
        assert len(expected) > 1, address
        rows, url = [], f"{address}.json"
        while url:
            data = _json(client.get(url))
            assert data["count"] == len(expected) and len(data["results"]) <= size
            rows += data["results"]
            url = data["next"]
        assert [row["id"] for row in rows] == expected, address
        assert all(row["text"] == Statement.objects.get(pk=row["id"]).text for row in rows)


def test_a_search_exports_snippets_are_the_plain_text_strip_tags_made():
    # ``plain_snippet`` drops the marks and unescapes, as Django's ``strip_tags`` and ``html.unescape`` did.
    import html
    import random

    from django.utils.html import strip_tags

    from statements.search.snippets import make_snippet, query_terms
    from statements.views.exports import plain_snippet

    rng = random.Random(17)
    words = ["security", "<b>", "Council", "&amp;", "&", "<mark>", "'s", '"quoted"', "peace", "a<b>c", "é", "—",
             "<script>x</script>", "&lt;", "resolution", "2341", "x > y", "<", ">", "sanctions"]
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 120)))
        terms = query_terms(" ".join(rng.sample(["security", "peace", "sanctions", "council", "b"], 2)))
        phrases = ["security council"] if rng.random() < 0.3 else []
        snippet = make_snippet(text, terms, phrases=phrases)
        assert plain_snippet(snippet) == html.unescape(strip_tags(str(snippet))), text


def test_a_search_export_asks_the_engine_once_a_part(client, council, settings, monkeypatch):
    # The count comes with the part's results; before, counting was a request of its own.
    from statements.search.engine import get_engine

    backend = type(get_engine().backend)
    searches = []
    search = backend.search

    def counted(self, *args, **kwargs):
        searches.append(kwargs.get("start_offset"))
        return search(self, *args, **kwargs)

    monkeypatch.setattr(backend, "search", counted)
    settings.EXPORT_STATEMENT_ROWS = 2
    for fmt in ("json", "csv", "bib", "ris"):
        searches.clear()
        response = client.get(f"/search.{fmt}", {"q": "resolution", "page": 2})
        assert response.status_code == 200 and _body(response)
        assert searches == [2], (fmt, searches)


def test_csv_record_is_csv_line_of_each_cells_csv_cell():
    # One pass over a row's values writes what ``csv_line([csv_cell(v) …])`` wrote, byte for byte.
    import random
    from datetime import date

    from django.utils.safestring import mark_safe

    from statements.views.exports import csv_cell, csv_line, csv_record
    rng = random.Random(17)
    pieces = ["", " ", "a", ",", '"', "\r", "\n", "'", ";", "é", "\t", "=", "+", "-", "@", "x y", "\\"]
    atoms = [None, 0, -5, 2.5, True, False, date(2020, 1, 10), mark_safe("=<b>"), [], ["=x", 2], ["a,b", None]]
    for _ in range(3000):
        record = [rng.choice(atoms) if rng.random() < 0.3 else "".join(rng.choice(pieces) for _ in range(rng.randrange(5)))
                  for _ in range(rng.randrange(1, 6))]
        assert csv_record(record) == csv_line([csv_cell(value) for value in record]), record
