"""The pages a reader lands on: home, a meeting's record, a statement's permalink."""
import re

from django.db.models import F, Max, Min
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView

from .. import tallies
from ..caching import shared_page
from ..models import Country, Meeting, Speaker, Statement
from . import citations
from .exports import (CITATION_FORMATS, FORMATS, StatementExportMixin, requested_format, statement_citation,
                      statement_data)
from .similar import more_like

STATEMENT_RELATED = ("meeting", "speaker", "country")


def statements_for_lists():
    """Statements with everything a list row shows, in a fixed number of queries."""
    return Statement.objects.select_related(*STATEMENT_RELATED).prefetch_related("resolutions")


@method_decorator(shared_page, name="dispatch")
class HomeView(TemplateView):
    template_name = "statements/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The counts are stored on the rows (``statements.tallies``), not counted per request.
        context["totals"] = {
            "statements": tallies.statement_total(),
            "meetings": Meeting.objects.filter(statement_count__gt=0).count(),
            "countries": Country.objects.filter(statement_count__gt=0).count(),
            "speakers": Speaker.objects.filter(statement_count__gt=0).count(),
            **Meeting.objects.aggregate(first=Min("date"), last=Max("date")),
        }
        context["recent_meetings"] = (
            Meeting.objects.select_related("agenda_item").annotate(n=F("statement_count"))
            .order_by(*Meeting._meta.ordering)[:6]
        )
        context["top_countries"] = (
            Country.objects.annotate(n=F("statement_count")).filter(n__gt=0).order_by("-n", "name")[:8]
        )
        context["top_speakers"] = (
            Speaker.objects.select_related("country").annotate(n=F("statement_count"))
            .filter(n__gt=0).order_by("-n", "name")[:8]
        )
        return context


MEETING_SLUG_RE = re.compile(r"[A-Za-z0-9.()-]{1,60}")


def meeting_from_slug(slug):
    """``S-PV.8699`` or ``S-PV.8699-R1`` (see ``Meeting.slug``) to the meeting, or 404."""
    lookup = Meeting.slug_lookup(slug) if MEETING_SLUG_RE.fullmatch(slug) else None
    if lookup is None:
        raise Http404("No such meeting")
    return get_object_or_404(
        Meeting.objects.select_related("agenda_item", "president__country", "presiding_country")
        .prefetch_related("adopted"),
        **lookup,
    )


class MeetingView(StatementExportMixin, ListView):
    """The record in order: speaker turns and procedural lines, each anchored ``#s<order>``."""

    template_name = "statements/meeting.html"
    context_object_name = "items"

    def get_queryset(self):
        self.meeting = meeting_from_slug(self.kwargs["slug"])
        return statements_for_lists().filter(meeting=self.meeting).order_by("order")

    def get_export_name(self):
        return self.meeting.slug

    def export_meta(self):
        meeting = self.meeting
        return {"meeting": {
            "symbol": meeting.full_symbol,
            "url": self.request.build_absolute_uri(meeting.get_absolute_url()),
            "date": meeting.date.isoformat() if meeting.date else None,
            "agenda_item": meeting.agenda_item.title if meeting.agenda_item else None,
            "president": meeting.president.label if meeting.president else None,
            "adopted": [r.symbol for r in meeting.adopted.all()],
            "official_record": meeting.official_url,
        }}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        items = context["items"]
        context["turns"] = sum(1 for item in items if not item.procedural)
        context["countries"] = sorted({i.country for i in items if i.country_id}, key=lambda c: c.name)
        return context


class StatementView(DetailView):
    """A statement's permalink: full text, its place in the meeting, related statements."""

    template_name = "statements/statement.html"
    context_object_name = "statement"
    queryset = statements_for_lists().select_related("meeting__agenda_item")

    def get(self, request, *args, **kwargs):
        # The data alone, without the page's neighbours and "more like this" (a search).
        fmt = requested_format(request, kwargs, FORMATS + CITATION_FORMATS)
        if fmt in FORMATS:  # its export row, read once
            return statement_data(self.kwargs["pk"], request, fmt)
        if fmt:  # a citation names the statement's meeting and agenda item, nothing else
            return statement_citation(self.get_object(Statement.objects.select_related("meeting__agenda_item")),
                                      request, fmt)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.object
        if statement.meeting_id:
            around = (Statement.objects.filter(meeting_id=statement.meeting_id, procedural=False)
                      .only("pk", "order", "speaker_label"))
            context["previous"] = around.filter(order__lt=statement.order).order_by("-order").first()
            context["next"] = around.filter(order__gt=statement.order).order_by("order").first()
        context["explains"] = statement.explains_votes.select_related("resolution")
        context["similar"] = more_like(statement) if not statement.procedural else []
        context["citation"] = citation(statement, self.request.build_absolute_uri(statement.get_absolute_url()))
        return context


def citation(statement, url):
    """A line to copy into a paper (kept here for the callers of ``browse.citation``)."""
    return citations.plain(statement, url)


class OpenSearchView(TemplateView):
    """The OpenSearch description that lets a browser add the portal as a search engine."""

    template_name = "opensearch.xml"
    content_type = "application/opensearchdescription+xml"
