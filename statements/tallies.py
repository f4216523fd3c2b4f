"""The counts the browse pages show, stored on the rows they count, kept when statements change.

The home page, the lists (meetings, countries, speakers, resolutions, agenda
items) and an agenda item's meetings show how many statements each row has.
Counting them per request took 130-390 ms at 100,000 statements, on the first
ask after every change. So the counts live on the rows (``statement_count``, a
country's ``first_spoken`` and ``last_spoken``, an agenda item's
``meeting_count``) and ``recount()`` refreshes them where statements reach the
index (``statements.indexing``: each write of the queue, and a rebuild), and
only the rows whose counts changed are written. A statement counts once it is
searchable, as in search's facets. What a speaker's, country's, agenda item's
or resolution's page aggregates beyond its count (a chart, the resolutions cited
most…) is recounted with them (``statements.profile_tallies``).

After a batch of the queue only the rows its statements count in are recounted
(``touched``): recounting every row took 1.7 s and more at 100,000 statements,
after every upload. A count a statement *left* (it was deleted, or moved to
another speaker, country, meeting or resolution) is not among them, so the
stored counts are then checked against the statements' totals (``balanced``):
an untouched row can only count too many, never too few, so the sums differ
exactly when one is stale, and then every row is recounted.
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


def touched(statement_ids, apps=installed_apps):
    """``{model name: {pk}}``: the rows whose counts these statements take part in, as they are now;
    ``None`` if one of them was deleted (what it counted in is not known any more)."""
    Statement = apps.get_model("statements", "Statement")
    statement_ids = set(statement_ids)
    rows = list(Statement.objects.filter(pk__in=statement_ids).order_by()
                .values_list("speaker", "country", "meeting", "meeting__agenda_item"))
    if len(rows) < len(statement_ids):
        return None
    scope = {name: set() for name in FIELDS}
    for row in rows:
        for name, pk in zip(("Speaker", "Country", "Meeting", "AgendaItem"), row):
            if pk is not None:
                scope[name].add(pk)
    through = Statement.resolutions.through
    scope["Resolution"] = set(through.objects.filter(statement__in=statement_ids)
                              .values_list("resolution", flat=True).order_by())
    return scope


def counted(apps=installed_apps, scope=None):
    """``{model name: {pk: {field: value}}}`` of every row something counts, from the statements;
    with ``scope`` (``touched()``), of those rows only."""
    Statement = apps.get_model("statements", "Statement")
    Meeting = apps.get_model("statements", "Meeting")

    def within(queryset, field, name):
        return queryset if scope is None else queryset.filter(**{f"{field}__in": scope[name]})

    spoken = Statement.objects.filter(procedural=False).order_by()
    tallies = {name: {} for name in FIELDS}
    # A speaker is counted by what their page lists: not the President's procedure in the chair
    # (models.SPEAKER_LISTED).
    listed = within(spoken.exclude(role="chair").exclude(speaker=None), "speaker", "Speaker")
    for pk, n in listed.values_list("speaker").annotate(n=Count("pk")):
        tallies["Speaker"][pk] = {"statement_count": n}
    rows = (within(Statement.objects.order_by().exclude(country=None), "country", "Country").values_list("country")
            .annotate(n=Count("pk", filter=Q(procedural=False)), first=Min("meeting__date"),
                      last=Max("meeting__date")))
    for pk, n, first, last in rows:
        tallies["Country"][pk] = {"statement_count": n, "first_spoken": first, "last_spoken": last}
    agenda_meetings = within(Meeting.objects.exclude(agenda_item=None), "agenda_item", "AgendaItem")
    agenda_meetings = list(agenda_meetings.values_list("pk", "agenda_item").order_by())
    counted_meetings = spoken.exclude(meeting=None)
    if scope is not None:
        counted_meetings = counted_meetings.filter(meeting__in=scope["Meeting"] | {pk for pk, _ in agenda_meetings})
    per_meeting = dict(counted_meetings.values_list("meeting").annotate(n=Count("pk")))
    for pk, n in per_meeting.items():
        if scope is None or pk in scope["Meeting"]:
            tallies["Meeting"][pk] = {"statement_count": n}
    agenda = tallies["AgendaItem"]
    for pk, item in agenda_meetings:
        tally = agenda.setdefault(item, {"statement_count": 0, "meeting_count": 0})
        tally["meeting_count"] += 1
        tally["statement_count"] += per_meeting.get(pk, 0)
    through = within(Statement.resolutions.through.objects.order_by(), "resolution", "Resolution")
    for pk, n in through.values_list("resolution").annotate(n=Count("statement")):
        tallies["Resolution"][pk] = {"statement_count": n}
    return tallies


def balanced(apps=installed_apps):
    """Whether the stored counts add up to the statements' totals (see the module's docstring)."""
    Statement = apps.get_model("statements", "Statement")
    Meeting = apps.get_model("statements", "Meeting")
    spoken = Q(procedural=False)
    totals = Statement.objects.order_by().aggregate(
        Speaker=Count("pk", filter=spoken & Q(speaker__isnull=False) & ~Q(role="chair")),
        Country=Count("pk", filter=spoken & Q(country__isnull=False)),
        Meeting=Count("pk", filter=spoken & Q(meeting__isnull=False)))
    totals["Resolution"] = Statement.resolutions.through.objects.count()
    # An agenda item counts its meetings' statements: once the meetings' counts add up (each exact),
    # their sum over the meetings with an agenda item is what the agenda items must add up to.
    totals.update(Meeting.objects.exclude(agenda_item=None).order_by().aggregate(
        AgendaItem=Sum("statement_count", default=0), meetings=Count("pk")))
    stored = {name: apps.get_model("statements", name).objects.aggregate(n=Sum("statement_count", default=0))["n"]
              for name in FIELDS}
    stored["meetings"] = apps.get_model("statements", "AgendaItem").objects.aggregate(
        n=Sum("meeting_count", default=0))["n"]
    return stored == totals


def statement_total():
    """Every statement a search can list (procedural lines aside), from the meetings' tallies."""
    from .models import Meeting, Statement

    in_meetings = Meeting.objects.aggregate(n=Sum("statement_count"))["n"] or 0
    return in_meetings + Statement.objects.filter(meeting=None, procedural=False).count()


def recount(apps=installed_apps, statement_ids=None):
    """Store the tallies: every row's, or (``statement_ids``, a batch of the index queue) those the
    batch touched, then every row's if they do not add up. Returns how many rows changed (their
    pages' caches are then emptied)."""
    scope = None if statement_ids is None else touched(statement_ids, apps)
    with transaction.atomic():
        changed = _store(apps, scope)
        if scope is not None and not balanced(apps):
            changed += _store(apps, None)
    if changed and apps is installed_apps:
        from .caching import bump_generation

        transaction.on_commit(bump_generation)  # bulk writes send no signals
    return changed


def _store(apps, scope):
    """Write the rows (of ``scope``, or all) whose tallies differ from the statements'; how many."""
    tallies = counted(apps, scope)
    changed = 0
    for name, fields in FIELDS.items():
        model = apps.get_model("statements", name)
        found = tallies[name]
        rows = model.objects.only("pk", *fields).order_by()
        if scope is not None:
            rows = rows.filter(pk__in=scope[name])
        stale = []
        for row in rows:
            wanted = found.get(row.pk, fields)
            if any(getattr(row, field) != wanted[field] for field in fields):
                for field in fields:
                    setattr(row, field, wanted[field])
                stale.append(row)
        model.objects.bulk_update(stale, list(fields), batch_size=1000)
        changed += len(stale)
    if apps is installed_apps:  # a migration's historical models may predate ``ProfileTally``
        from . import profile_tallies

        changed += profile_tallies.recount(scope=scope)
    return changed
