"""How the exports and the resolution pages read their rows: one fetch, one array parameter, no parallel
plan where starting a worker cost more than the query, and a total order whatever plan PostgreSQL picks."""
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
import pytest

from statements.ingest import ingest_record
from statements.models import Meeting, Speaker, Statement
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement
from statements.views.exports import OneOf, serial_plan

from .test_exports import _body, _csv

pytestmark = pytest.mark.django_db


def _parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        return cursor.fetchone()[0]


def test_serial_plan_turns_parallel_workers_off_inside_and_back_after_an_error():
    before = _parallel_workers()
    assert before != "0"
    with pytest.raises(RuntimeError):
        with serial_plan():
            assert _parallel_workers() == "0"
            raise RuntimeError("a query failed")
    assert _parallel_workers() == before


def test_one_of_is_in_as_one_array_parameter(council):
    ids = list(Statement.objects.order_by("-pk").values_list("pk", flat=True))[:3] + [10 ** 9]
    with CaptureQueriesContext(connection) as captured:
        found = set(Statement.objects.filter(OneOf("pk", ids)).values_list("pk", flat=True))
    assert found == set(Statement.objects.filter(pk__in=ids).values_list("pk", flat=True)) and len(found) == 3
    assert "= ANY(" in captured.captured_queries[0]["sql"]
    through = Statement.resolutions.through
    assert (sorted(through.objects.filter(OneOf("statement_id", ids)).values_list("pk", flat=True))
            == sorted(through.objects.filter(statement__in=ids).values_list("pk", flat=True)))
    assert not Statement.objects.filter(OneOf("pk", [])).exists()


def test_a_resolutions_page_and_data_are_planned_without_parallel_workers(client, council):
    for url in ("/resolutions/sc-2341/", "/resolutions/sc-2341.json"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            _body(response)
        assert response.status_code == 200
        sql = [query["sql"] for query in captured.captured_queries]
        assert "SET max_parallel_workers_per_gather = 0" in sql and "RESET max_parallel_workers_per_gather" in sql
    assert _parallel_workers() != "0"


@pytest.mark.parametrize("url", ["/meetings.csv", "/speakers.json", "/resolutions.csv", "/countries.json"])
def test_a_lists_data_is_read_in_one_fetch_not_through_a_cursor(client, council, url):
    with CaptureQueriesContext(connection) as captured:
        _body(client.get(url))
    assert not any("DECLARE" in query["sql"] for query in captured.captured_queries)


def test_rows_a_lists_order_leaves_tied_come_in_one_order_in_the_page_and_the_data(client, db, index_on_commit):
    """2020's letters share a date and have no number: newest symbol first; two speakers of one name and
    count: the first saved first."""
    for symbol in ("S/2020/624", "S/2020/635", "S/2020/625"):
        ingest_record(ParsedRecord(
            meeting=ParsedMeeting(symbol=symbol, date=date(2020, 6, 29)),
            statements=[ParsedStatement(order=1, speaker="Allen", honorific="Mr.", country=country,
                                        label=f"Mr. Allen ({country})", text="By videoconference.")
                        for country in ("United Kingdom", "Ireland")],
        ), source="letter")
    symbols = [row["symbol"] for row in _csv(client.get("/meetings.csv"))]
    assert symbols == ["S/2020/635", "S/2020/625", "S/2020/624"]
    page = client.get("/meetings/").content.decode()
    assert [page.index(symbol) for symbol in symbols] == sorted(page.index(symbol) for symbol in symbols)
    allens = list(Speaker.objects.filter(name="Allen").order_by("pk").values_list("pk", flat=True))
    assert len(allens) == 2
    Speaker.objects.update(statement_count=3)  # as the index writer's tallies would count them
    assert [int(row["id"]) for row in _csv(client.get("/speakers.csv"))] == allens
    assert Meeting.objects.count() == 3


@pytest.mark.parametrize("url", ["/meetings.csv", "/meetings/"])
def test_the_meetings_list_asks_for_an_agenda_item_only_when_one_is_filtered(client, council, url):
    with CaptureQueriesContext(connection) as captured:
        _body(client.get(url))
    assert not any('"statements_agendaitem"."slug" =' in query["sql"] for query in captured.captured_queries)
    with CaptureQueriesContext(connection) as captured:
        _body(client.get(url + "?agenda=nothing-such"))
    assert any('"statements_agendaitem"."slug" =' in query["sql"] for query in captured.captured_queries)


def test_a_list_in_one_part_is_its_own_count_and_a_longer_one_is_counted(client, council, settings):
    from .test_exports import _json

    with CaptureQueriesContext(connection) as captured:
        whole = _json(client.get("/speakers.json"))
    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)
    assert whole["count"] == len(whole["results"]) > 2 and whole["pages"] == 1 and whole["next"] is None
    settings.EXPORT_MAX_ROWS = 2
    with CaptureQueriesContext(connection) as captured:
        first = _json(client.get("/speakers.json"))
    assert any("COUNT(" in query["sql"] for query in captured.captured_queries)
    assert (first["count"], first["pages"], len(first["results"])) == (whole["count"], -(-whole["count"] // 2), 2)
    assert first["results"] == whole["results"][:2] and first["next"].endswith("page=2")
