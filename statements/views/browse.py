"""Pages to browse by: home, a statement, a meeting, a speaker, a country, a resolution."""
from django.db.models import Count, Max, Min
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from ..models import AgendaItem, Country, Meeting, Resolution, Speaker, Statement

STATEMENT_RELATED = ("meeting", "speaker", "country")


class HomeView(TemplateView):
    template_name = "statements/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        searchable = Statement.objects.filter(procedural=False)
        context["totals"] = {
            "statements": searchable.count(),
            "meetings": Meeting.objects.count(),
            "countries": Country.objects.filter(statements__isnull=False).distinct().count(),
            **Meeting.objects.aggregate(first=Min("date"), last=Max("date")),
        }
        context["recent_meetings"] = Meeting.objects.select_related("agenda_item")[:5]
        context["top_countries"] = (
            Country.objects.annotate(n=Count("statements")).filter(n__gt=0).order_by("-n", "name")[:8]
        )
        return context


class StatementView(DetailView):
    template_name = "statements/statement.html"
    context_object_name = "statement"
    queryset = Statement.objects.select_related(*STATEMENT_RELATED).prefetch_related("resolutions")


class MeetingView(DetailView):
    template_name = "statements/meeting.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        symbol, _, resumption = slug.partition("-R")
        symbol = symbol.replace("-", "/", 1)
        if resumption and not resumption.isdigit():
            raise Http404("No such meeting")
        return get_object_or_404(
            Meeting.objects.select_related("agenda_item", "president", "presiding_country"),
            symbol=symbol, resumption=int(resumption or 0),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = self.object.statements.select_related("speaker", "country").order_by("order")
        return context


class _StatementListView(DetailView):
    """A page listing the statements of one speaker, country or agenda item."""

    statement_filter = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statements = Statement.objects.filter(procedural=False, **{self.statement_filter: self.object})
        context["statements"] = statements.select_related(*STATEMENT_RELATED).order_by(
            "-meeting__date", "meeting_id", "order")[:200]
        context["statement_count"] = statements.count()
        return context


class SpeakerView(_StatementListView):
    model = Speaker
    template_name = "statements/speaker.html"
    statement_filter = "speaker"


class CountryView(_StatementListView):
    model = Country
    template_name = "statements/country.html"
    statement_filter = "country"


class AgendaItemView(_StatementListView):
    model = AgendaItem
    template_name = "statements/agenda_item.html"
    statement_filter = "meeting__agenda_item"


class ResolutionView(_StatementListView):
    template_name = "statements/resolution.html"
    statement_filter = "resolutions"
    context_object_name = "resolution"

    def get_object(self, queryset=None):
        parts = self.kwargs["key"].split("-")
        if len(parts) == 2 and parts[0] == "sc" and parts[1].isdigit():
            lookup = {"body": "SC", "number": int(parts[1])}
        elif len(parts) == 3 and parts[0] == "ga" and parts[1].isdigit() and parts[2].isdigit():
            lookup = {"body": "GA", "session": int(parts[1]), "number": int(parts[2])}
        else:
            raise Http404("No such resolution")
        return get_object_or_404(Resolution.objects.select_related("adopted_at"), **lookup)
