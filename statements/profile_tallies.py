"""What the speaker, country, agenda item and resolution pages aggregate, counted once per change.

A profile page shows its subject's statements per month or year, the resolutions
they cite most and the agenda items they were made under; a country's page also
its speakers, a resolution's the countries citing it. Grouping the statements for
these on a page's first ask cost most of a country page at 100,000 statements
(``bench/RESULTS.md``). ``recount()`` counts them for every subject at once, one
grouped query per aggregate, where the other tallies are counted
(``statements.tallies.recount``, run by the index writer after each batch and
each rebuild) and keeps them in ``ProfileTally`` rows, writing only the rows that
changed; a page reads its row and the few rows it names.
"""
from collections import defaultdict

from django.apps import apps as installed_apps
from django.db.models import Count
from django.db.models.functions import TruncMonth

# How many of each list a page shows (the order is the pages' own: most first, then by name).
SHOWN = {"resolutions": 10, "agenda_items": 10, "speakers": 12, "countries": 20}
LISTS = ("months", "resolutions", "agenda_items", "speakers", "countries")

# Each subject's statements, as a lookup from Statement: what its page lists (procedural lines
# aside; a speaker's page leaves out the President's procedure in the chair).
SUBJECTS = {"speaker": "speaker", "country": "country", "agenda_item": "meeting__agenda_item"}


def _ranked(rows, sort_key, limit):
    """``{subject: [[key, n], …]}`` from ``(subject, key, n)`` rows, the first ``limit`` by ``sort_key``."""
    grouped = defaultdict(list)
    for subject, key, n in rows:
        grouped[subject].append((key, n))
    return {subject: [[key, n] for key, n in sorted(pairs, key=sort_key)[:limit]]
            for subject, pairs in grouped.items()}


def counted(apps=installed_apps):
    """``{(subject, pk): {list: value}}`` of every subject something counts, from the statements."""
    Statement = apps.get_model("statements", "Statement")
    Resolution = apps.get_model("statements", "Resolution")
    AgendaItem = apps.get_model("statements", "AgendaItem")
    Speaker = apps.get_model("statements", "Speaker")
    Country = apps.get_model("statements", "Country")
    through = Statement.resolutions.through
    number = dict(Resolution.objects.values_list("pk", "number"))
    title = dict(AgendaItem.objects.values_list("pk", "title"))
    speaker_name = dict(Speaker.objects.values_list("pk", "name"))
    country_name = dict(Country.objects.values_list("pk", "name"))

    tallies = defaultdict(dict)
    for subject, field in SUBJECTS.items():
        spoken = Statement.objects.filter(procedural=False, **{f"{field}__isnull": False}).order_by()
        cited = through.objects.filter(statement__procedural=False, **{f"statement__{field}__isnull": False})
        if subject == "speaker":
            spoken = spoken.exclude(role="chair")
            cited = cited.exclude(statement__role="chair")
        months = defaultdict(list)
        rows = (spoken.filter(meeting__date__isnull=False).values_list(field, TruncMonth("meeting__date"))
                .annotate(n=Count("pk")).order_by())
        for pk, month, n in rows:
            months[pk].append([f"{month:%Y-%m}", n])
        for pk, pairs in months.items():
            tallies[subject, pk]["months"] = sorted(pairs)
        rows = cited.values_list(f"statement__{field}", "resolution").annotate(n=Count("pk")).order_by()
        for pk, pairs in _ranked(rows, lambda r: (-r[1], -number[r[0]], r[0]), SHOWN["resolutions"]).items():
            tallies[subject, pk]["resolutions"] = pairs
        if subject != "agenda_item":
            rows = (spoken.filter(meeting__agenda_item__isnull=False).values_list(field, "meeting__agenda_item")
                    .annotate(n=Count("pk")).order_by())
            for pk, pairs in _ranked(rows, lambda r: (-r[1], title[r[0]]), SHOWN["agenda_items"]).items():
                tallies[subject, pk]["agenda_items"] = pairs
    # A country's speakers and a resolution's countries count every statement, as their pages did.
    rows = (Statement.objects.filter(country__isnull=False, speaker__isnull=False).values_list("country", "speaker")
            .annotate(n=Count("pk")).order_by())
    for pk, pairs in _ranked(rows, lambda r: (-r[1], speaker_name[r[0]], r[0]), SHOWN["speakers"]).items():
        tallies["country", pk]["speakers"] = pairs
    rows = (through.objects.filter(statement__country__isnull=False).values_list("resolution", "statement__country")
            .annotate(n=Count("pk")).order_by())
    for pk, pairs in _ranked(rows, lambda r: (-r[1], country_name[r[0]]), SHOWN["countries"]).items():
        tallies["resolution", pk]["countries"] = pairs
    return {key: {name: value.get(name, []) for name in LISTS} for key, value in tallies.items()}


def recount(apps=installed_apps):
    """Store every subject's aggregates; returns how many ``ProfileTally`` rows changed."""
    ProfileTally = apps.get_model("statements", "ProfileTally")
    wanted = counted(apps)
    stale, gone = [], []
    for row in ProfileTally.objects.all():
        lists = wanted.pop((row.subject, row.subject_id), None)
        if lists is None:
            gone.append(row.pk)
        elif any(getattr(row, name) != value for name, value in lists.items()):
            for name, value in lists.items():
                setattr(row, name, value)
            stale.append(row)
    ProfileTally.objects.filter(pk__in=gone).delete()
    ProfileTally.objects.bulk_update(stale, list(LISTS), batch_size=1000)
    ProfileTally.objects.bulk_create([ProfileTally(subject=subject, subject_id=pk, **lists)
                                      for (subject, pk), lists in wanted.items()], batch_size=1000)
    return len(gone) + len(stale) + len(wanted)
