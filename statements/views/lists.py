"""Indexes of what the portal holds: meetings, countries, speakers, resolutions, agenda items.

Each row carries its statement count, stored on the row (``statements.tallies``);
each list is paginated and has JSON and CSV twins (``ExportMixin``), whose rows are
read as values (``export_values``), each address made from its row's slug or key.
"""
from django.db.models import F
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from ..caching import shared_page
from ..models import AgendaItem, Country, Meeting, Resolution, Speaker
from ..numbers import ascii_number
from .exports import ExportMixin, absolute_url, path_maker


# What orders the rows a list's order leaves tied (2020's letters share a date and have no number; two
# speakers a name; two General Assembly resolutions a number), so a page or a part of the data is the
# same rows whatever plan PostgreSQL picks (a cursor's plan and a plain query's put ties apart).
TIE_BREAK = {"meeting": ("-symbol",), "speaker": ("pk",), "resolution": ("-session",)}


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

    export_url = None  # the URL name of a row's page, for ``url_of``

    def export_rows(self, object_list):
        if self.export_url:
            self.url_of = absolute_url(self.request, f"statements:{self.export_url}")
        return super().export_rows(object_list)


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
        slug = self.request.GET.get("agenda")
        self.agenda = AgendaItem.objects.filter(slug=slug).first() if slug else None  # no query without one
        if self.agenda:
            meetings = meetings.filter(agenda_item=self.agenda)
        return (meetings.select_related("agenda_item", "presiding_country")
                .annotate(n=F("statement_count")).order_by(*Meeting._meta.ordering, *TIE_BREAK["meeting"]))

    def get_context_data(self, **kwargs):
        """The filter form's choices: every year with a meeting, every agenda item with one."""
        years = Meeting.objects.filter(date__isnull=False).dates("date", "year", order="DESC")
        agenda = AgendaItem.objects.filter(meeting_count__gt=0).order_by("title")
        context = super().get_context_data(
            years=[d.year for d in years], agenda_items=agenda, year=self.year, agenda=self.agenda,
            filtered=bool(self.year or self.agenda), **kwargs)
        # Each row's two addresses made from their patterns, not reversed (200 a page, a fifth of it).
        meeting_path, agenda_path = path_maker("statements:meeting"), path_maker("statements:agenda_item")
        for meeting in context["object_list"]:
            meeting.url = meeting_path(meeting.slug)
            meeting.agenda_url = agenda_path(meeting.agenda_item.slug) if meeting.agenda_item_id else None
        return context

    export_url = "meeting"
    export_values = ("symbol", "resumption", "date", "agenda_item__title", "presiding_country__name", "n")

    def export_row(self, meeting):
        symbol, resumption, day = meeting["symbol"], meeting["resumption"], meeting["date"]
        return {"symbol": Meeting.full_symbol_of(symbol, resumption),
                "url": self.url_of(Meeting.slug_of(symbol, resumption)),
                "date": day.isoformat() if day else None, "agenda_item": meeting["agenda_item__title"],
                "presidency": meeting["presiding_country__name"],
                "statements": meeting["n"], "official_record": Meeting.official_url_of(symbol, resumption)}


@method_decorator(shared_page, name="dispatch")
class CountryListView(IndexListView):
    export_name = "countries"
    heading = "Countries and organisations"
    intro = "Member States, observers and organisations whose representatives spoke, by number of statements."

    def get_queryset(self):
        return (Country.objects.annotate(n=F("statement_count"), first=F("first_spoken"), last=F("last_spoken"))
                .filter(n__gt=0).order_by("-n", "name"))

    export_url = "country"
    export_values = ("name", "code", "slug", "n", "first", "last")

    def export_row(self, country):
        first, last = country["first"], country["last"]
        return {"name": country["name"], "key": country["code"] or country["slug"], "code": country["code"] or None,
                "url": self.url_of(country["slug"]), "statements": country["n"],
                "first": first.isoformat() if first else None, "last": last.isoformat() if last else None}


@method_decorator(shared_page, name="dispatch")
class SpeakerListView(IndexListView):
    export_name = "speakers"
    heading = "Speakers"
    intro = "Speakers as the records name them, by number of statements."

    def get_queryset(self):
        return (Speaker.objects.select_related("country").annotate(n=F("statement_count"))
                .filter(n__gt=0).order_by("-n", "name", *TIE_BREAK["speaker"]))

    export_url = "speaker"
    export_values = ("pk", "honorific", "name", "slug", "country__name", "n")

    def export_row(self, speaker):
        name, country = f"{speaker['honorific']} {speaker['name']}".strip(), speaker["country__name"]
        return {"id": speaker["pk"], "name": f"{name} ({country})" if country is not None else name,
                "url": self.url_of(speaker["slug"]), "country": country, "statements": speaker["n"]}


@method_decorator(shared_page, name="dispatch")
class ResolutionListView(IndexListView):
    export_name = "resolutions"
    heading = "Resolutions"
    intro = "Resolutions cited in statements or adopted at a meeting the portal holds, by number of citing statements."

    def get_queryset(self):
        return (Resolution.objects.select_related("adopted_at")
                .annotate(n=F("statement_count")).order_by("-n", "body", "-number", *TIE_BREAK["resolution"]))

    export_url = "resolution"
    export_values = ("body", "session", "number", "year", "adopted_at__symbol", "adopted_at__resumption", "n")

    def export_row(self, resolution):
        body, session, number, year = (resolution[field] for field in ("body", "session", "number", "year"))
        key, adopted = Resolution.key_of(body, session, number), resolution["adopted_at__symbol"]
        return {"symbol": Resolution.symbol_of(body, session, number, year),
                "label": Resolution.label_of(body, session, number, year), "key": key,
                "url": self.url_of(key), "year": year,
                "adopted_at": Meeting.full_symbol_of(adopted, resolution["adopted_at__resumption"]) if adopted else None,
                "citing_statements": resolution["n"]}


@method_decorator(shared_page, name="dispatch")
class AgendaItemListView(IndexListView):
    export_name = "agenda"
    heading = "Agenda items"
    intro = "Items on the Council's agenda, with the meetings held under each."

    def get_queryset(self):
        return AgendaItem.objects.annotate(n=F("statement_count")).order_by("-n", "title")

    export_url = "agenda_item"
    export_values = ("title", "slug", "meeting_count", "n")

    def export_row(self, item):
        return {"title": item["title"], "url": self.url_of(item["slug"]),
                "meetings": item["meeting_count"], "statements": item["n"]}
