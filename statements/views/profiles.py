"""Pages that list the statements of one thing: a speaker, a country, an agenda item, a resolution.

Each is a paginated list (25 a page) of statements plus a profile of the thing:
statements per year as an SVG chart, the resolutions most cited and the agenda
items spoken on. Query counts do not grow with the list.
"""
from datetime import date

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from ..countries import named_in_address
from ..models import AgendaItem, Country, ProfileTally, Resolution, Speaker, SpeakerRedirect, Statement, VoteCast
from .browse import STATEMENT_RELATED, statements_for_lists
from .exports import StatementExportMixin, path_maker, serial_plan, statement_rows_of
from .votes import CASTS, positions, votes_with_tally


def over_time(months):
    """(period label, count) pairs from ``[["YYYY-MM", n], …]`` (``ProfileTally.months``): per year,
    or per month when the dates span two years or less, empty periods included."""
    counts = {date(int(key[:4]), int(key[5:7]), 1): n for key, n in months}
    if not counts:
        return {"label": "", "pairs": []}
    first, last = min(counts), max(counts)
    by_month = last.year - first.year < 2
    if by_month:
        periods = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            periods.append(date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        label_format = "%b %Y" if first.year != last.year else "%b"
    else:
        per_year = {}
        for day, n in counts.items():
            per_year[date(day.year, 1, 1)] = per_year.get(date(day.year, 1, 1), 0) + n
        counts = per_year
        periods = [date(y, 1, 1) for y in range(first.year, last.year + 1)]
        label_format = "%Y"
    pairs = [(p.strftime(label_format), counts.get(p, 0)) for p in periods]
    label = f"Statements per month, {first.year}" if by_month and label_format == "%b" else (
        "Statements per month" if by_month else "Statements per year")
    return {"label": label, "pairs": pairs}


def ranked(model, pairs, queryset=None):
    """The rows of ``model`` that ``[[pk, n], …]`` names, in that order, each with its count as ``n``."""
    rows = (queryset if queryset is not None else model.objects).in_bulk([pk for pk, _ in pairs])
    shown = []
    for pk, n in pairs:
        if pk in rows:
            rows[pk].n = n
            shown.append(rows[pk])
    return shown


def moved_to(subject, request, fmt):
    """A permanent redirect to ``subject``'s page (or its ``fmt`` data), the query kept."""
    url = subject.get_absolute_url()
    url = f"{url.rstrip('/')}.{fmt}" if fmt else url
    query = request.META.get("QUERY_STRING")
    return redirect(f"{url}?{query}" if query else url, permanent=True)


class StatementsOfView(StatementExportMixin, SingleObjectMixin, ListView):
    paginate_by = 25
    statement_filter = None  # the Statement lookup naming this object
    # Newest first; statements from records that name no meeting (no date) come last.
    ordering = (F("meeting__date").desc(nulls_last=True), "meeting_id", "order")
    profile = True  # chart, resolutions and agenda items
    subject = None  # its ``ProfileTally.Subject``

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_object_queryset())
        return super().get(request, *args, **kwargs)

    def get_object_queryset(self):
        return self.model.objects.all()

    def statements(self):
        return Statement.objects.filter(procedural=False, **{self.statement_filter: self.object})

    def get_queryset(self):
        # Filtered directly, not ``pk__in`` a subquery: PostgreSQL answered that with a pass over
        # every statement (50-100 ms at 100,000 for the count, as much again for the page).
        statements = (self.statements().select_related(*STATEMENT_RELATED).prefetch_related("resolutions")
                      .order_by(*self.ordering))
        # A page sorts the ids (from an index of its filter's column), then reads its 25 rows: sorting
        # the rows read every statement of Russia's 4,000 from the table (30-55 ms at load 4).
        if self.export_format:  # in parts: the id breaks ties (statements of no meeting), so none is in two
            return SortedIds(statements.order_by(*self.ordering, "pk"))
        return InOrder(statements)

    def export_rows(self, object_list):
        return statement_rows_of(object_list, self.request)  # a part's ids, in order

    def get_export_name(self):
        return f"statements-{getattr(self.object, 'slug', None) or self.object.key}"

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.subject and not self.export_format:
            # Counted with the other tallies: counting a resolution's citing statements took as
            # long as reading the page of them (30-60 ms at 100,000).
            paginator.count = self.tally().statements
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(object=self.object, **kwargs)
        context["statements"] = context["object_list"]
        context["statement_count"] = context["paginator"].count if context.get("paginator") else 0
        if not self.export_format:
            self.address(context["statements"])
        if self.profile and not self.export_format:
            context.update(self.profile_context())
        return context

    def address(self, statements):
        """Each listed statement's addresses, as ``_statement_list.html`` writes them (``url``,
        ``meeting_url``, each cited resolution's ``url``), made from their patterns: reversing
        them, 80-odd a page, was a fifth of writing it."""
        statement, meeting, resolution = (path_maker(f"statements:{name}")
                                          for name in ("statement", "meeting", "resolution"))
        for row in statements:
            row.url = statement(row.pk)
            row.meeting_url = meeting(row.meeting.slug) if row.meeting_id else None
            for cited in row.resolutions.all():
                cited.url = resolution(cited.key)

    def tally(self):
        """The page's aggregates, counted when the statements changed (``statements.profile_tallies``)."""
        if not hasattr(self, "_tally"):
            self._tally = (ProfileTally.objects.filter(subject=self.subject, subject_id=self.object.pk).first()
                           or ProfileTally(subject=self.subject, subject_id=self.object.pk))
        return self._tally

    def profile_context(self):
        tally = self.tally()
        context = {"over_time": over_time(tally.months),
                   "top_resolutions": ranked(Resolution, tally.resolutions),
                   "agenda_items": ranked(AgendaItem, tally.agenda_items)}
        scope = self.search_scope()
        if scope:
            context.update(zip(("scope_name", "scope_value", "scope_label"), scope))
        return context

    def search_scope(self):
        """(filter, value, label) for a search box limited to this object; the search page
        filters on ``speaker=<id>`` and ``country=<Country.key>``."""
        return None


class SpeakerView(StatementsOfView):
    model = Speaker
    subject = ProfileTally.Subject.SPEAKER
    template_name = "statements/speaker.html"
    statement_filter = "speaker"

    def get(self, request, *args, **kwargs):
        if not Speaker.objects.filter(slug=kwargs["slug"]).exists():
            moved = SpeakerRedirect.objects.select_related("speaker").filter(slug=kwargs["slug"]).first()
            if moved:  # merged into another speaker by staff: the old address keeps working
                return moved_to(moved.speaker, request, kwargs.get("format"))
        return super().get(request, *args, **kwargs)

    def get_object_queryset(self):
        return Speaker.objects.select_related("country")

    def statements(self):
        # A President's procedure in the chair is on meeting pages and behind the search's role filter.
        return super().statements().exclude(role=Statement.Role.CHAIR)

    def search_scope(self):
        return "speaker", str(self.object.pk), f"statements by {self.object.label}"


class CountryView(StatementsOfView):
    model = Country
    subject = ProfileTally.Subject.COUNTRY
    template_name = "statements/country.html"
    statement_filter = "country"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if Country.objects.filter(slug=kwargs["slug"]).exists():  # a page past its last
                raise
            named = named_in_address(kwargs["slug"])
            if named is None:
                raise
            return moved_to(named, request, kwargs.get("format"))  # "/countries/turkey/": Türkiye's page

    def search_scope(self):
        return "country", self.object.key, f"statements by {self.object.name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.export_format:
            context["speakers"] = ranked(Speaker, self.tally().speakers, Speaker.objects.select_related("country"))
            context["casts"] = (VoteCast.objects.filter(country=self.object)
                                .select_related("vote__meeting", "vote__resolution")
                                .order_by("-vote__meeting__date", "-vote__order")[:20])
        return context


class StatementsByMeeting:
    """An agenda item's statements in ``StatementsOfView.ordering``, a page at a time, through the
    meetings' tallies (``Meeting.statement_count``): a page reads the statements of the few
    meetings it shows, not every statement of the item to sort them (400 ms at 100,000).

    A page is the statements as instances (``statements_for_lists``), or with ``ids`` (an export's
    part) only their ids."""

    def __init__(self, item, ids=False):
        self.meetings = (item.meetings.filter(statement_count__gt=0)
                         .order_by(F("date").desc(nulls_last=True), "pk").values_list("pk", "statement_count"))
        self.total = item.statement_count
        self.ids = ids

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, part):
        start, stop = part.start or 0, min(part.stop, self.total)
        shown, skip, seen = [], 0, 0
        for pk, n in self.meetings:
            if seen + n > start and seen < stop:
                skip = skip if shown else start - seen
                shown.append(pk)
            seen += n
            if seen >= stop:
                break
        if self.ids:
            rows = (Statement.objects.filter(procedural=False, meeting__in=shown)
                    .order_by(*StatementsOfView.ordering, "pk").values_list("pk", flat=True))
        else:
            rows = (statements_for_lists().filter(procedural=False, meeting__in=shown)
                    .order_by(*StatementsOfView.ordering))
        return list(rows[skip:skip + stop - start])


class InOrder:
    """A queryset's rows a page at a time: the page's ids in the queryset's order first (a resolution's
    citing statements sorted from ``Statement``'s ``statement_sort_keys`` index, not their rows), then
    those rows."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, part):
        ids = list(self.queryset.values_list("pk", flat=True)[part])
        rows = self.queryset.order_by().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]


class SortedIds:
    """A subject's statements for its data, in parts: every id in the queryset's order read once (from
    the indexes of the subject's column: Russia's 4,000, sc-242's 2,096 citing statements), then
    counted and cut into parts. Counting, then sorting the statements with their texts to cut a
    part, took 80-190 ms of SQL for sc-242's first part."""

    def __init__(self, queryset):
        self.ids = list(queryset.values_list("pk", flat=True))

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, part):
        return self.ids[part]


class AgendaItemView(StatementsOfView):
    model = AgendaItem
    subject = ProfileTally.Subject.AGENDA_ITEM
    template_name = "statements/agenda_item.html"
    statement_filter = "meeting__agenda_item"

    def get_queryset(self):
        # Its data too, in parts through the meetings' tallies, as its pages: sorting the item's
        # statements (the Middle East's 19,248) to cut a part took 80-300 ms of SQL a part.
        return StatementsByMeeting(self.object, ids=bool(self.export_format))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.export_format:
            context.pop("agenda_items", None)  # only this one (its tally counts none)
            context["meetings"] = (self.object.meetings.annotate(n=F("statement_count"))
                                   .order_by(*self.object.meetings.model._meta.ordering)[:20])
        return context


class ResolutionView(StatementsOfView):
    """Every statement citing a resolution, by date then country; the meeting that adopted it."""

    model = Resolution
    subject = ProfileTally.Subject.RESOLUTION
    template_name = "statements/resolution.html"
    statement_filter = "resolutions"
    ordering = ("meeting__date", "country__name", "meeting_id", "order")
    paginate_by = 50
    profile = False

    def get(self, request, *args, **kwargs):
        # Its citing statements are sorted through the citations' table, which PostgreSQL planned with a
        # parallel worker: starting it took longer than the sort (sc-242's 2,096: 13-17 -> 6-8 ms).
        with serial_plan():
            return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        lookup = Resolution.key_lookup(self.kwargs["key"])
        if lookup is None:
            raise Http404("No such resolution")
        return get_object_or_404(Resolution.objects.select_related("adopted_at__agenda_item"), **lookup)

    def get_export_name(self):
        return f"statements-citing-{self.object.key}"

    # What the page shows of a statement.
    PAGE_FIELDS = ("order", "speaker_label", "source", "meeting", "meeting__symbol", "meeting__resumption",
                   "meeting__date", "country", "country__name", "country__slug")

    def get_queryset(self):
        if self.export_format:
            return super().get_queryset()
        # The page shows neither texts nor citations: ordering every citing statement (2,000 of
        # sc-242 at 100,000) carried each one's text through the sort, and a query read the citations.
        return InOrder(self.statements().select_related("meeting", "country")
                       .only(*self.PAGE_FIELDS).order_by(*self.ordering))

    def address(self, statements):
        statement, meeting, country = (path_maker(f"statements:{name}") for name in ("statement", "meeting", "country"))
        for row in statements:  # each address made, not resolved (150 a page)
            row.url = statement(row.pk)
            row.meeting_url = meeting(row.meeting.slug) if row.meeting_id else None
            row.country_url = country(row.country.slug) if row.country_id else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.export_format:
            context["countries"] = ranked(Country, self.tally().countries)
            context["votes"] = [(vote, [(label, positions(vote)[value])
                                        for value, label in VoteCast.Position.choices])
                                for vote in votes_with_tally().prefetch_related(CASTS).filter(resolution=self.object)]
        return context
