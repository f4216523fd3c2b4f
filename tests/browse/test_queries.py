"""Pages cost a fixed number of SQL queries, however long their lists."""
import pytest

from statements.ingest import ingest_record
from statements.models import Country, Meeting, Speaker, Statement

from . import records

pytestmark = pytest.mark.django_db


def _grow(n):
    """Add ``n`` more meetings like S/PV.8700 (new symbols, same speakers and citations)."""
    for i in range(n):
        record = records.meeting_8700()
        record.meeting.symbol = f"S/PV.{8710 + i}"
        record.meeting.number = 8710 + i
        record.meeting.agenda = f"Agenda item {i}"
        ingest_record(record, source="")


PAGES = [
    lambda: "/",
    lambda: "/meetings/",
    lambda: "/countries/",
    lambda: "/speakers/",
    lambda: "/resolutions/",
    lambda: "/agenda/",
    lambda: "/meetings/S-PV.8700/",
    lambda: Statement.objects.filter(procedural=False).first().get_absolute_url(),
    lambda: Speaker.objects.get(name="Umarov").get_absolute_url(),
    lambda: Country.objects.get(name="Mexico").get_absolute_url(),
    lambda: Meeting.objects.get(number=8700).agenda_item.get_absolute_url(),
    lambda: "/resolutions/sc-2341/",
    lambda: "/countries.csv",
    lambda: Country.objects.get(name="Mexico").get_absolute_url() + "?format=json",
    lambda: "/meetings/S-PV.8700.csv",
    lambda: "/meetings/?year=2020",
]


@pytest.mark.parametrize("page", range(len(PAGES)))
def test_query_count_does_not_grow_with_the_data(client, council, page, django_assert_max_num_queries,
                                                 index_on_commit):
    url = PAGES[page]()
    with django_assert_max_num_queries(12) as small:
        _read(client.get(url))
    _grow(4)  # inside index_on_commit: the index writes run (a rolled-back one would linger)
    url = PAGES[page]()
    with django_assert_max_num_queries(len(small.captured_queries)):
        _read(client.get(url))


def _read(response):
    """The whole answer, streamed exports included (their queries run while they stream)."""
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content
