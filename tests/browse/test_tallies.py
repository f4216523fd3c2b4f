"""The counts stored on the rows for the browse pages (``statements.tallies``) follow the statements."""
from django.db.models import Count, Max, Min, Q

from statements import tallies
from statements.models import AgendaItem, Country, Meeting, Resolution, Speaker
from statements.tallies import FIELDS

from . import records

SPOKEN = Q(statements__procedural=False)
# A speaker's page lists their statements, not the President's procedure in the chair.
LISTED = SPOKEN & ~Q(statements__role="chair")


def _counted_per_request():
    """What the pages counted on every request before the tallies were stored."""
    return {
        "Speaker": {s.pk: {"statement_count": s.n}
                    for s in Speaker.objects.annotate(n=Count("statements", filter=LISTED)).filter(n__gt=0)},
        "Country": {c.pk: {"statement_count": c.n, "first_spoken": c.first, "last_spoken": c.last}
                    for c in Country.objects.annotate(n=Count("statements", filter=SPOKEN),
                                                      first=Min("statements__meeting__date"),
                                                      last=Max("statements__meeting__date"))
                    .filter(Q(n__gt=0) | Q(first__isnull=False))},
        "Meeting": {m.pk: {"statement_count": m.n}
                    for m in Meeting.objects.annotate(n=Count("statements", filter=SPOKEN)).filter(n__gt=0)},
        "AgendaItem": {a.pk: {"statement_count": a.n, "meeting_count": a.m}
                       for a in AgendaItem.objects.annotate(
                           m=Count("meetings", distinct=True),
                           n=Count("meetings__statements", filter=Q(meetings__statements__procedural=False)))
                       .filter(m__gt=0)},
        "Resolution": {r.pk: {"statement_count": r.n}
                       for r in Resolution.objects.annotate(n=Count("statements", distinct=True)).filter(n__gt=0)},
    }


def _stored():
    models = {"Speaker": Speaker, "Country": Country, "Meeting": Meeting, "AgendaItem": AgendaItem,
              "Resolution": Resolution}
    return {name: {row.pk: {f: getattr(row, f) for f in fields}
                   for row in models[name].objects.all() if any(getattr(row, f) != v for f, v in fields.items())}
            for name, fields in FIELDS.items()}


def test_stored_tallies_are_what_the_pages_counted_per_request(council):
    assert _counted_per_request()["Speaker"]  # the fixture has speakers with statements
    assert _stored() == _counted_per_request()


def test_tallies_follow_an_ingest_and_a_deletion(council, django_capture_on_commit_callbacks):
    from statements.ingest import ingest_record

    later = records.meeting_8701()
    later.meeting.symbol, later.meeting.number = "S/PV.9300", 9300
    with django_capture_on_commit_callbacks(execute=True):  # the index write, and the recount, on commit
        ingest_record(later)
    assert _stored() == _counted_per_request()
    umarov = Speaker.objects.get(name="Umarov")
    before = umarov.statement_count
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.get(symbol="S/PV.9300").delete()
    umarov.refresh_from_db()
    assert umarov.statement_count < before
    assert _stored() == _counted_per_request()


def test_the_speakers_list_shows_a_stored_count_once_the_statements_are_searchable(client, council):
    speaker = Speaker.objects.filter(statement_count__gt=0).order_by("-statement_count").first()
    html = client.get("/speakers/").content.decode()
    assert speaker.name in html
    Speaker.objects.filter(pk=speaker.pk).update(statement_count=0)  # as if not indexed yet
    from statements import caching

    caching.bump_generation()
    assert speaker.get_absolute_url() not in client.get("/speakers/").content.decode()
    assert tallies.recount() >= 1
    caching.bump_generation()
    assert speaker.get_absolute_url() in client.get("/speakers/").content.decode()


def test_an_agenda_items_pages_through_its_meetings_are_those_of_the_query(council, django_capture_on_commit_callbacks):
    from statements.ingest import ingest_record
    from statements.models import Statement
    from statements.views.profiles import StatementsByMeeting, StatementsOfView
    from statements.views.browse import statements_for_lists

    for number, day in ((9301, 3), (9302, 3), (9303, 9)):  # two meetings on one day: the tie goes by id
        later = records.meeting_8701()
        later.meeting.symbol, later.meeting.number = f"S/PV.{number}", number
        later.meeting.date = later.meeting.date.replace(day=day)
        with django_capture_on_commit_callbacks(execute=True):
            ingest_record(later)
    item = Meeting.objects.get(symbol="S/PV.9301").agenda_item
    item.refresh_from_db()
    expected = list(statements_for_lists().filter(procedural=False, meeting__agenda_item=item)
                    .order_by(*StatementsOfView.ordering).values_list("pk", flat=True))
    assert len(expected) == item.statement_count > 6
    pages, parts = StatementsByMeeting(item), StatementsByMeeting(item, ids=True)  # a page, an export's part
    assert pages.count() == parts.count() == len(expected)
    for size in (1, 2, 5, 25):
        for start in range(0, len(expected) + 1):
            assert [s.pk for s in pages[start:start + size]] == expected[start:start + size], (start, size)
            assert parts[start:start + size] == expected[start:start + size], (start, size)
    assert Statement.objects.filter(meeting__agenda_item=item, procedural=True).exists()


def test_the_statement_total_is_every_statement_a_search_lists(council):
    from statements.models import Statement

    assert tallies.statement_total() == Statement.objects.filter(procedural=False).count() > 0
