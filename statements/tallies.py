"""The counts the browse pages show, stored on the rows they count, kept when statements change.

The home page, the lists (meetings, countries, speakers, resolutions, agenda
items) and an agenda item's meetings show how many statements each row has.
Counting them per request took 130-390 ms at 100,000 statements, on the first
ask after every change. So the counts live on the rows (``statement_count``, a
country's ``first_spoken`` and ``last_spoken``, an agenda item's
``meeting_count``) and ``recount()`` refreshes them where statements reach the
index (``statements.indexing``: each write of the queue, and a rebuild): five
grouped queries over the statements, and only the rows whose counts changed
are written. A statement counts once it is searchable, as in search's facets.
What a speaker's, country's, agenda item's or resolution's page aggregates beyond
its count (a chart, the resolutions cited most…) is recounted with them
(``statements.profile_tallies``).
"""
from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, Max, Min, Q, Sum

# Each model's stored tallies, and the value of a row nothing counts.
FIELDS = {
    "Speaker": {"statement_count": 0},
    "Country": {"statement_count": 0, "first_spoken": None, "last_spoken": None},
    "Meeting": {"statement_count": 0},
    "AgendaItem": {"statement_count": 0, "meeting_count": 0},
    "Resolution": {"statement_count": 0},
}


def counted(apps=installed_apps):
    """``{model name: {pk: {field: value}}}`` of every row something counts, from the statements."""
    Statement = apps.get_model("statements", "Statement")
    Meeting = apps.get_model("statements", "Meeting")
    spoken = Statement.objects.filter(procedural=False).order_by()
    tallies = {name: {} for name in FIELDS}
    # A speaker is counted by what their page lists: not the President's procedure in the chair
    # (models.SPEAKER_LISTED).
    listed = spoken.exclude(role="chair")
    for pk, n in listed.exclude(speaker=None).values_list("speaker").annotate(n=Count("pk")):
        tallies["Speaker"][pk] = {"statement_count": n}
    rows = (Statement.objects.order_by().exclude(country=None).values_list("country")
            .annotate(n=Count("pk", filter=Q(procedural=False)), first=Min("meeting__date"),
                      last=Max("meeting__date")))
    for pk, n, first, last in rows:
        tallies["Country"][pk] = {"statement_count": n, "first_spoken": first, "last_spoken": last}
    per_meeting = dict(spoken.exclude(meeting=None).values_list("meeting").annotate(n=Count("pk")))
    for pk, n in per_meeting.items():
        tallies["Meeting"][pk] = {"statement_count": n}
    agenda = tallies["AgendaItem"]
    for pk, item in Meeting.objects.exclude(agenda_item=None).values_list("pk", "agenda_item").order_by():
        tally = agenda.setdefault(item, {"statement_count": 0, "meeting_count": 0})
        tally["meeting_count"] += 1
        tally["statement_count"] += per_meeting.get(pk, 0)
    through = Statement.resolutions.through
    for pk, n in through.objects.order_by().values_list("resolution").annotate(n=Count("statement")):
        tallies["Resolution"][pk] = {"statement_count": n}
    return tallies


def statement_total():
    """Every statement a search can list (procedural lines aside), from the meetings' tallies."""
    from .models import Meeting, Statement

    in_meetings = Meeting.objects.aggregate(n=Sum("statement_count"))["n"] or 0
    return in_meetings + Statement.objects.filter(meeting=None, procedural=False).count()


def recount(apps=installed_apps):
    """Store every row's tallies; returns how many rows changed (their pages' caches are then emptied)."""
    tallies = counted(apps)
    changed = 0
    with transaction.atomic():
        for name, fields in FIELDS.items():
            model = apps.get_model("statements", name)
            found = tallies[name]
            stale = []
            for row in model.objects.only("pk", *fields).order_by():
                wanted = found.get(row.pk, fields)
                if any(getattr(row, field) != wanted[field] for field in fields):
                    for field in fields:
                        setattr(row, field, wanted[field])
                    stale.append(row)
            model.objects.bulk_update(stale, list(fields), batch_size=1000)
            changed += len(stale)
        if apps is installed_apps:  # a migration's historical models may predate ``ProfileTally``
            from . import profile_tallies

            changed += profile_tallies.recount()
    if changed and apps is installed_apps:
        from .caching import bump_generation

        transaction.on_commit(bump_generation)  # bulk writes send no signals
    return changed
