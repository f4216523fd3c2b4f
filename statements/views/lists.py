"""Indexes of what the portal holds: meetings, countries, speakers, resolutions, agenda items.

Each row carries its statement count, stored on the row (``statements.tallies``);
each list is paginated and has JSON and CSV twins (``ExportMixin``).
"""
from django.db.models import F
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from ..caching import shared_page
from ..models import AgendaItem, Country, Meeting, Resolution, Speaker
from ..numbers import ascii_number
from .exports import ExportMixin


class IndexListView(ExportMixin, ListView):
    paginate_by = 100
    template_name = "statements/index_list.html"
    heading = ""
    intro = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, intro=self.intro,
                                        kind=self.export_name, **kwargs)

    def absolute(self, obj):
        return self.request.build_absolute_uri(obj.get_absolute_url())


@method_decorator(shared_page, name="dispatch")
class MeetingListView(IndexListView):
    export_name = "meetings"
    heading = "Meetings"
    intro = "Verbatim records of Security Council meetings, newest first."

    def get_queryset(self):
        meetings = Meeting.objects.all()
        self.year = ascii_number(self.request.GET.get("year") or "", 4)
        if self.year:
            meetings = meetings.filter(date__year=self.year)
        self.agenda = AgendaItem.objects.filter(slug=self.request.GET.get("agenda") or "").first()
        if self.agenda:
            meetings = meetings.filter(agenda_item=self.agenda)
        return (meetings.select_related("agenda_item", "presiding_country")
                .annotate(n=F("statement_count")).order_by(*Meeting._meta.ordering))

    def get_context_data(self, **kwargs):
        """The filter form's choices: every year with a meeting, every agenda item with one."""
        years = Meeting.objects.filter(date__isnull=False).dates("date", "year", order="DESC")
        agenda = AgendaItem.objects.filter(meeting_count__gt=0).order_by("title")
        return super().get_context_data(
            years=[d.year for d in years], agenda_items=agenda, year=self.year, agenda=self.agenda,
            filtered=bool(self.year or self.agenda), **kwargs)

    def export_row(self, meeting):
        return {"symbol": meeting.full_symbol, "url": self.absolute(meeting),
                "date": meeting.date.isoformat() if meeting.date else None,
                "agenda_item": meeting.agenda_item.title if meeting.agenda_item else None,
                "presidency": meeting.presiding_country.name if meeting.presiding_country else None,
                "statements": meeting.n, "official_record": meeting.official_url}


@method_decorator(shared_page, name="dispatch")
class CountryListView(IndexListView):
    export_name = "countries"
    heading = "Countries and organisations"
    intro = "Member States, observers and organisations whose representatives spoke, by number of statements."

    def get_queryset(self):
        return (Country.objects.annotate(n=F("statement_count"), first=F("first_spoken"), last=F("last_spoken"))
                .filter(n__gt=0).order_by("-n", "name"))

    def export_row(self, country):
        return {"name": country.name, "key": country.key, "code": country.code or None,
                "url": self.absolute(country), "statements": country.n,
                "first": country.first.isoformat() if country.first else None,
                "last": country.last.isoformat() if country.last else None}


@method_decorator(shared_page, name="dispatch")
class SpeakerListView(IndexListView):
    export_name = "speakers"
    heading = "Speakers"
    intro = "Speakers as the records name them, by number of statements."

    def get_queryset(self):
        return (Speaker.objects.select_related("country").annotate(n=F("statement_count"))
                .filter(n__gt=0).order_by("-n", "name"))

    def export_row(self, speaker):
        return {"id": speaker.pk, "name": speaker.label, "url": self.absolute(speaker),
                "country": speaker.country.name if speaker.country_id else None,
                "statements": speaker.n}


@method_decorator(shared_page, name="dispatch")
class ResolutionListView(IndexListView):
    export_name = "resolutions"
    heading = "Resolutions"
    intro = "Resolutions cited in statements or adopted at a meeting the portal holds, by number of citing statements."

    def get_queryset(self):
        return (Resolution.objects.select_related("adopted_at")
                .annotate(n=F("statement_count")).order_by("-n", "body", "-number"))

    def export_row(self, resolution):
        return {"symbol": resolution.symbol, "label": resolution.label, "key": resolution.key,
                "url": self.absolute(resolution), "year": resolution.year,
                "adopted_at": resolution.adopted_at.full_symbol if resolution.adopted_at else None,
                "citing_statements": resolution.n}


@method_decorator(shared_page, name="dispatch")
class AgendaItemListView(IndexListView):
    export_name = "agenda"
    heading = "Agenda items"
    intro = "Items on the Council's agenda, with the meetings held under each."

    def get_queryset(self):
        return AgendaItem.objects.annotate(n=F("statement_count")).order_by("-n", "title")

    def export_row(self, item):
        return {"title": item.title, "url": self.absolute(item),
                "meetings": item.meeting_count, "statements": item.n}
