"""Pages that list the statements of one thing: a speaker, a country, an agenda item, a resolution.

Each is a paginated list (25 a page) of statements plus a profile of the thing:
statements per year as an SVG chart, the resolutions most cited and the agenda
items spoken on. Query counts do not grow with the list.
"""
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from ..models import AgendaItem, Country, Resolution, Speaker, Statement
from .browse import statements_for_lists
from .exports import StatementExportMixin


class StatementsOfView(StatementExportMixin, SingleObjectMixin, ListView):
    paginate_by = 25
    statement_filter = None  # the Statement lookup naming this object
    ordering = ("-meeting__date", "meeting_id", "order")
    profile = True  # chart, resolutions and agenda items

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_object_queryset())
        return super().get(request, *args, **kwargs)

    def get_object_queryset(self):
        return self.model.objects.all()

    def statements(self):
        return Statement.objects.filter(procedural=False, **{self.statement_filter: self.object})

    def get_queryset(self):
        return statements_for_lists().filter(pk__in=self.statements().values("pk")).order_by(*self.ordering)

    def get_export_name(self):
        return f"statements-{getattr(self.object, 'slug', None) or self.object.key}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(object=self.object, **kwargs)
        context["statements"] = context["object_list"]
        context["statement_count"] = context["paginator"].count if context.get("paginator") else 0
        if self.profile and not self.export_format:
            context.update(self.profile_context())
        return context

    def profile_context(self):
        statements = self.statements()
        per_year = (statements.filter(meeting__date__isnull=False)
                    .annotate(year=ExtractYear("meeting__date")).values("year")
                    .annotate(n=Count("pk")).order_by("year"))
        resolutions = (Resolution.objects.filter(statements__in=statements)
                       .annotate(n=Count("statements")).order_by("-n", "-number")[:10])
        agenda = (AgendaItem.objects.filter(meetings__statements__in=statements)
                  .annotate(n=Count("meetings__statements")).order_by("-n", "title")[:10])
        context = {"per_year": [(str(row["year"]), row["n"]) for row in per_year],
                   "top_resolutions": resolutions, "agenda_items": agenda}
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
    template_name = "statements/speaker.html"
    statement_filter = "speaker"

    def get_object_queryset(self):
        return Speaker.objects.select_related("country")

    def search_scope(self):
        return "speaker", str(self.object.pk), f"statements by {self.object.label}"


class CountryView(StatementsOfView):
    model = Country
    template_name = "statements/country.html"
    statement_filter = "country"

    def search_scope(self):
        return "country", self.object.key, f"statements by {self.object.name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.export_format:
            context["speakers"] = (Speaker.objects.filter(statements__country=self.object)
                                   .annotate(n=Count("statements")).order_by("-n", "name")[:12])
        return context


class AgendaItemView(StatementsOfView):
    model = AgendaItem
    template_name = "statements/agenda_item.html"
    statement_filter = "meeting__agenda_item"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.export_format:
            context["meetings"] = (self.object.meetings.annotate(
                n=Count("statements", filter=Q(statements__procedural=False)))
                .order_by(*self.object.meetings.model._meta.ordering)[:20])
        return context


class ResolutionView(StatementsOfView):
    """Every statement citing a resolution, by date then country; the meeting that adopted it."""

    model = Resolution
    template_name = "statements/resolution.html"
    statement_filter = "resolutions"
    ordering = ("meeting__date", "country__name", "meeting_id", "order")
    paginate_by = 50
    profile = False

    def get_object(self, queryset=None):
        parts = self.kwargs["key"].split("-")
        if len(parts) == 2 and parts[0] == "sc" and parts[1].isdigit():
            lookup = {"body": "SC", "number": int(parts[1])}
        elif len(parts) == 3 and parts[0] == "ga" and parts[1].isdigit() and parts[2].isdigit():
            lookup = {"body": "GA", "session": int(parts[1]), "number": int(parts[2])}
        else:
            raise Http404("No such resolution")
        return get_object_or_404(Resolution.objects.select_related("adopted_at__agenda_item"), **lookup)

    def get_export_name(self):
        return f"statements-citing-{self.object.key}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.export_format:
            context["countries"] = (Country.objects.filter(statements__resolutions=self.object)
                                    .annotate(n=Count("statements")).order_by("-n", "name")[:20])
        return context
