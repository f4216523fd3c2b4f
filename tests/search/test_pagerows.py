"""A page's statements from the query compiled once per process are the rows Django's own queryset reads."""
from datetime import date

import pytest

from statements.models import AgendaItem, Country, Meeting, Statement
from statements.search import pagerows

pytestmark = pytest.mark.django_db


def values(obj):
    return None if obj is None else {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def statements():
    item = AgendaItem.objects.create(title="Threats to Freedonia", slug="threats-to-freedonia")
    country = Country.objects.create(name="Freedonia", code="FRD", slug="freedonia")
    meeting = Meeting.objects.create(symbol="S/PV.9100", number=9100, date=date(2031, 5, 4), agenda_item=item)
    bare = Meeting.objects.create(symbol="S/PV.9101", number=9101)  # no date, no agenda item
    rows = [Statement.objects.create(meeting=meeting, order=order, country=country if order % 2 else None,
                                     speaker_label=f"Speaker {order}", text=f"Line {order}.", word_count=2)
            for order in range(1, 6)]
    rows.append(Statement.objects.create(meeting=bare, order=1, speaker_label="", text="Alone.", word_count=1))
    rows.append(Statement.objects.create(source="seed.txt", order=1, speaker_label="The President",
                                         text="The meeting is resumed.", word_count=4))
    return [s.pk for s in rows]


@pytest.mark.parametrize("with_neighbours", [False, True])
def test_page_rows_are_the_rows_and_related_rows_the_orm_reads(statements, with_neighbours,
                                                               django_assert_num_queries):
    ids = statements
    for page in (ids[:1], ids, ids[::-1], ids[:3] + ids[:3], ids[2:4]):
        with django_assert_num_queries(1):  # the meeting, agenda item and country come with it
            got = pagerows.page_rows(page, with_neighbours)
            related = {pk: (values(s.meeting), values(s.meeting.agenda_item) if s.meeting else None,
                            values(s.country)) for pk, s in got.items()}
        expected = {s.pk: s for s in pagerows.rows_query(with_neighbours).filter(pk__in=page)}
        assert set(got) == set(expected) == set(page)
        for pk, statement in got.items():
            other = expected[pk]
            assert values(statement) == values(other)
            assert related[pk] == (values(other.meeting), values(other.meeting.agenda_item) if other.meeting else None,
                                   values(other.country))
            if with_neighbours:
                for side in ("before", "after"):
                    assert getattr(statement, f"{side}_label") == getattr(other, f"{side}_label")
                    neighbour = getattr(statement, side)
                    label = getattr(other, f"{side}_label")
                    assert (neighbour is None) == (label is None or not other.meeting_id)
    first = pagerows.page_rows([ids[0]], True)[ids[0]]
    assert first.before is None and first.after == pagerows.Neighbour(2, "Speaker 2")
    assert pagerows.page_rows([], with_neighbours) == {}


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_page_query_is_prepared_once_per_connection(statements):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert connection.vendor == "postgresql"
    ids = statements
    expected = {s.pk: values(s) for s in pagerows.rows_query(True).filter(pk__in=ids)}
    connection.close()  # a new connection: nothing prepared on it yet
    for _ in range(2):
        with CaptureQueriesContext(connection) as first:
            got = pagerows.page_rows(ids, True)
        with CaptureQueriesContext(connection) as again:
            again_got = pagerows.page_rows(ids[::-1], True)
        assert [q["sql"].split(" AS ")[0] for q in first.captured_queries] == [f"PREPARE portal_page_rows_1_{len(ids)}"]
        assert [q["sql"].split("(")[0] for q in again.captured_queries] == [f"EXECUTE portal_page_rows_1_{len(ids)}"]
        assert {pk: values(s) for pk, s in got.items()} == {pk: values(s) for pk, s in again_got.items()} == expected
        assert got[ids[1]].before == pagerows.Neighbour(1, "Speaker 1")
        connection.close()  # the next connection prepares it again

    pagerows.page_rows(ids, True)
    pagerows._prepared_on.pop(connection.connection)  # prepared on the session, forgotten here
    assert {pk: values(s) for pk, s in pagerows.page_rows(ids, True).items()} == expected
