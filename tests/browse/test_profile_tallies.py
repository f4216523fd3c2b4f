"""What the profile pages aggregate, counted once (``statements.profile_tallies``), is what they counted per request."""
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from statements import profile_tallies
from statements.models import AgendaItem, Country, Meeting, ProfileTally, Resolution, Speaker, Statement

from . import records


def _statements(subject, pk):
    """A subject's statements as its page listed them."""
    field = {"speaker": "speaker", "country": "country", "agenda_item": "meeting__agenda_item"}[subject]
    statements = Statement.objects.filter(procedural=False, **{field: pk})
    return statements.exclude(role="chair") if subject == "speaker" else statements


def _per_request(subject, pk):
    """The aggregates as the pages grouped them on every request before they were stored."""
    lists = {"statements": 0, **dict.fromkeys(profile_tallies.LISTS, [])}
    if subject == "resolution":
        lists["statements"] = Statement.objects.filter(procedural=False, resolutions=pk).count()
    else:
        statements = _statements(subject, pk)
        lists["statements"] = statements.count()
        months = (statements.filter(meeting__date__isnull=False).annotate(m=TruncMonth("meeting__date"))
                  .values_list("m").annotate(n=Count("pk")).order_by("m"))
        lists["months"] = [[f"{m:%Y-%m}", n] for m, n in months]
        lists["resolutions"] = [[r.pk, r.n] for r in Resolution.objects.filter(statements__in=statements)
                                .annotate(n=Count("statements")).order_by("-n", "-number", "pk")[:10]]
        if subject != "agenda_item":
            lists["agenda_items"] = [[a.pk, a.n] for a in AgendaItem.objects.filter(meetings__statements__in=statements)
                                     .annotate(n=Count("meetings__statements")).order_by("-n", "title")[:10]]
    if subject == "country":
        lists["speakers"] = [[s.pk, s.n] for s in Speaker.objects.filter(statements__country=pk)
                             .annotate(n=Count("statements")).order_by("-n", "name", "pk")[:12]]
    if subject == "resolution":
        lists["countries"] = [[c.pk, c.n] for c in Country.objects.filter(statements__resolutions=pk)
                              .annotate(n=Count("statements")).order_by("-n", "name")[:20]]
    return lists


def _check_every_subject():
    subjects = [("speaker", pk) for pk in Speaker.objects.values_list("pk", flat=True)]
    subjects += [("country", pk) for pk in Country.objects.values_list("pk", flat=True)]
    subjects += [("agenda_item", pk) for pk in AgendaItem.objects.values_list("pk", flat=True)]
    subjects += [("resolution", pk) for pk in Resolution.objects.values_list("pk", flat=True)]
    stored = {(row.subject, row.subject_id): row for row in ProfileTally.objects.all()}
    checked = 0
    for subject, pk in subjects:
        expected = _per_request(subject, pk)
        row = stored.get((subject, pk))
        found = {name: getattr(row, name) for name in profile_tallies.FIELDS} if row else profile_tallies.FIELDS
        assert found == expected, (subject, pk)
        checked += any(expected.values())
    assert checked > 10
    return stored


def test_stored_profiles_are_what_the_pages_grouped_per_request(council):
    stored = _check_every_subject()
    assert {subject for subject, _ in stored} == {"speaker", "country", "agenda_item", "resolution"}


def test_profiles_follow_an_ingest_and_a_deletion(council, django_capture_on_commit_callbacks):
    from statements.ingest import ingest_record

    later = records.meeting_8701()
    later.meeting.symbol, later.meeting.number, later.meeting.date = "S/PV.9300", 9300, date(2023, 4, 3)
    with django_capture_on_commit_callbacks(execute=True):  # the index write, and the recount, on commit
        ingest_record(later)
    _check_every_subject()
    umarov = Speaker.objects.get(name="Umarov")
    assert ["2023-04", 1] in ProfileTally.objects.get(subject="speaker", subject_id=umarov.pk).months
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.get(symbol="S/PV.9300").delete()
    _check_every_subject()
    assert ["2023-04", 1] not in ProfileTally.objects.get(subject="speaker", subject_id=umarov.pk).months
    assert profile_tallies.recount() == 0  # nothing changed since: nothing written


def test_a_country_page_shows_its_stored_profile(client, council):
    country = Country.objects.get(name="Mexico")
    html = client.get(country.get_absolute_url()).content.decode()
    speaker = Speaker.objects.filter(statements__country=country).first()
    assert speaker.get_absolute_url() in html and "Statements over time" in html
    ProfileTally.objects.filter(subject="country", subject_id=country.pk).update(speakers=[], months=[])
    from statements import caching

    caching.bump_generation()
    html = client.get(country.get_absolute_url()).content.decode()
    assert speaker.get_absolute_url() not in html.split("Speakers</h2>")[-1] and "Statements over time" not in html


def test_a_batch_recounts_what_it_touched_and_all_when_a_count_was_left(council, django_capture_on_commit_callbacks):
    """A batch recounts the subjects its statements count in now; statements that left a speaker
    (split off to a new one) leave a count nothing recounts, which the totals show."""
    from statements import tallies
    from statements.merging import split_speaker

    umarov = Speaker.objects.get(name="Umarov")
    moved = list(Statement.objects.filter(speaker=umarov, procedural=False)[:1])
    assert tallies.touched([s.pk for s in moved])["Speaker"] == {umarov.pk}
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = split_speaker(moved, "Newcomer")
    assert tallies.touched([s.pk for s in moved])["Speaker"] == {newcomer.pk}  # not the speaker they left
    _check_every_subject()
    assert Speaker.objects.get(pk=newcomer.pk).statement_count == 1 and tallies.balanced()
    Statement.objects.filter(pk=moved[0].pk).update(speaker=umarov)  # moved back: its batch touches Umarov only
    tallies.recount(statement_ids=[moved[0].pk])
    assert Speaker.objects.get(pk=newcomer.pk).statement_count == 0 and tallies.balanced()
    _check_every_subject()
    assert tallies.touched([moved[0].pk, 10**9]) is None  # a deleted statement: what it counted in is unknown


def test_tallies_are_deleted_in_one_query(council, django_assert_num_queries):
    rows = ProfileTally.objects.filter(subject="speaker")
    assert rows.count() > 1
    with django_assert_num_queries(1):  # no receiver makes Django fetch them and signal each
        rows.delete()
