"""What the speaker, country, agenda item and resolution pages aggregate, counted once per change.

A profile page shows its subject's statements per month or year, the resolutions
they cite most and the agenda items they were made under; a country's page also
its speakers, a resolution's the countries citing it. Grouping the statements for
these on a page's first ask cost most of a country page at 100,000 statements
(``bench/RESULTS.md``). ``recount()`` counts them in two reads of the statements,
where the other tallies are counted (``statements.tallies.recount``, run by the
index writer after each batch and each rebuild): for every subject, or for the
subjects a batch touched (``tallies.touched``), and keeps them in ``ProfileTally``
rows, writing only the rows that changed; a page reads its row and the few rows it names.
"""
from collections import Counter, defaultdict

from django.apps import apps as installed_apps
from django.db.models import Count, Q

# How many of each list a page shows (the order is the pages' own: most first, then by name).
SHOWN = {"resolutions": 10, "agenda_items": 10, "speakers": 12, "countries": 20}
LISTS = ("months", "resolutions", "agenda_items", "speakers", "countries")
# What a ``ProfileTally`` holds, and its value for a subject nothing counts.
FIELDS = {"statements": 0, **{name: [] for name in LISTS}}

# The subjects whose pages show a chart, resolutions and agenda items. Each counts what its page
# lists: statements, procedural lines aside; a speaker's, the President's procedure in the chair aside.
SUBJECTS = ("speaker", "country", "agenda_item")
# Each subject's model, as ``tallies.touched`` names the rows a batch touched.
MODELS = {"speaker": "Speaker", "country": "Country", "agenda_item": "AgendaItem", "resolution": "Resolution"}


def _ranked(counts, sort_key, limit):
    """``[[key, n], …]``: the first ``limit`` of ``{key: n}`` by ``sort_key((key, n))``."""
    return [[key, n] for key, n in sorted(counts.items(), key=sort_key)[:limit]]


def _subjects(speaker, country, agenda, role):
    """The profile pages a statement (not a procedural line) counts on."""
    if speaker is not None and role != "chair":
        yield "speaker", speaker
    if country is not None:
        yield "country", country
    if agenda is not None:
        yield "agenda_item", agenda


def counted(apps=installed_apps, scope=None):
    """``{(subject, pk): {list: value}}`` of every subject something counts, from the statements;
    with ``scope`` (``tallies.touched``), of the subjects it names only, one kind at a time (a query
    filtered on one column reads the few statements it names; the four columns at once, all of them).
    """
    Meeting = apps.get_model("statements", "Meeting")
    meetings = {pk: (f"{day:%Y-%m}" if day else None, agenda)
                for pk, day, agenda in Meeting.objects.values_list("pk", "date", "agenda_item").order_by()}
    if scope is None:
        return _counted(apps, meetings, None, None)
    tallies = {}
    for subject, name in MODELS.items():
        if scope[name]:
            tallies.update(_counted(apps, meetings, subject, scope[name]))
    return tallies


# How the statements, and their citations, of one kind of subject are filtered.
_OF_SUBJECT = {"speaker": "speaker", "country": "country", "agenda_item": "meeting__agenda_item"}


def _counted(apps, meetings, subject, pks):
    """``counted()`` of every subject, or of the ``subject`` rows with these ``pks``
    (``meetings``: each meeting's month and agenda item).

    Two reads of the statements (grouped by speaker, country, meeting and role; and their
    citations), counted here: one grouped query per aggregate read the statements' table
    eleven times (5.6 s at 100,000 statements on a loaded machine).
    """
    Statement = apps.get_model("statements", "Statement")
    through = Statement.resolutions.through
    wanted = None if subject is None else {(subject, pk) for pk in pks}
    statements = Statement.objects.all()
    citations = through.objects.all()
    if subject == "resolution":
        statements = statements.none()
        citations = citations.filter(resolution__in=pks)
    elif subject is not None:
        statements = statements.filter(**{f"{_OF_SUBJECT[subject]}__in": pks})
        citations = citations.filter(**{f"statement__{_OF_SUBJECT[subject]}__in": pks})
    listed = Counter()
    months, resolutions, agenda_items = (defaultdict(Counter) for _ in range(3))
    speakers, countries = defaultdict(Counter), defaultdict(Counter)
    rows = (statements.values_list("speaker", "country", "meeting", "role", "procedural")
            .annotate(n=Count("pk")).order_by())
    for speaker, country, meeting, role, procedural, n in rows:
        # A country's speakers: every statement, as its page did.
        if country is not None and speaker is not None and (wanted is None or ("country", country) in wanted):
            speakers["country", country][speaker] += n
        if procedural:
            continue
        month, agenda = meetings.get(meeting, (None, None))
        for key in _subjects(speaker, country, agenda, role):
            if wanted is not None and key not in wanted:
                continue
            listed[key] += n
            if month:
                months[key][month] += n
            if agenda is not None and key[0] != "agenda_item":
                agenda_items[key][agenda] += n
    rows = (citations.values_list("resolution", "statement__speaker", "statement__country",
                                  "statement__meeting", "statement__role", "statement__procedural")
            .annotate(n=Count("pk")).order_by())
    for resolution, speaker, country, meeting, role, procedural, n in rows:
        counts_here = wanted is None or ("resolution", resolution) in wanted
        if country is not None and counts_here:  # a resolution's countries: every citing statement, as its page did
            countries["resolution", resolution][country] += n
        if not procedural:
            if counts_here:
                listed["resolution", resolution] += n
            for key in _subjects(speaker, country, meetings.get(meeting, (None, None))[1], role):
                if wanted is None or key in wanted:
                    resolutions[key][resolution] += n

    every = subject is None
    number = _names(apps, "Resolution", "number", resolutions, every)
    title = _names(apps, "AgendaItem", "title", agenda_items, every)
    speaker_name = _names(apps, "Speaker", "name", speakers, every)
    country_name = _names(apps, "Country", "name", countries, every)
    tallies = defaultdict(lambda: {name: list(value) if isinstance(value, list) else value
                                   for name, value in FIELDS.items()})
    for key, n in listed.items():
        tallies[key]["statements"] = n
    for key, counts in months.items():
        tallies[key]["months"] = sorted([month, n] for month, n in counts.items())
    for key, counts in resolutions.items():
        tallies[key]["resolutions"] = _ranked(counts, lambda r: (-r[1], -number[r[0]], r[0]), SHOWN["resolutions"])
    for key, counts in agenda_items.items():
        tallies[key]["agenda_items"] = _ranked(counts, lambda r: (-r[1], title[r[0]]), SHOWN["agenda_items"])
    for key, counts in speakers.items():
        tallies[key]["speakers"] = _ranked(counts, lambda r: (-r[1], speaker_name[r[0]], r[0]), SHOWN["speakers"])
    for key, counts in countries.items():
        tallies[key]["countries"] = _ranked(counts, lambda r: (-r[1], country_name[r[0]]), SHOWN["countries"])
    return dict(tallies)


def _names(apps, model, field, counts, every):
    """``{pk: field}`` (what its lists are ranked by) of every row, or of those ``{key: {pk: n}}`` names."""
    rows = apps.get_model("statements", model).objects.order_by()
    if not every:
        rows = rows.filter(pk__in=set().union(*counts.values()))
    return dict(rows.values_list("pk", field))


def recount(apps=installed_apps, scope=None):
    """Store every subject's aggregates, or those of the subjects ``scope`` names (``tallies.touched``);
    returns how many ``ProfileTally`` rows changed."""
    ProfileTally = apps.get_model("statements", "ProfileTally")
    wanted = counted(apps, scope)
    rows = ProfileTally.objects.all()
    if scope is not None:
        named = Q(pk__in=[])
        for subject, name in MODELS.items():
            named |= Q(subject=subject, subject_id__in=scope[name])
        rows = rows.filter(named)
    stale, gone = [], []
    for row in rows:
        lists = wanted.pop((row.subject, row.subject_id), None)
        if lists is None:
            gone.append(row.pk)
        elif any(getattr(row, name) != value for name, value in lists.items()):
            for name, value in lists.items():
                setattr(row, name, value)
            stale.append(row)
    ProfileTally.objects.filter(pk__in=gone).delete()
    ProfileTally.objects.bulk_update(stale, list(FIELDS), batch_size=1000)
    ProfileTally.objects.bulk_create([ProfileTally(subject=subject, subject_id=pk, **lists)
                                      for (subject, pk), lists in wanted.items()], batch_size=1000)
    return len(gone) + len(stale) + len(wanted)
