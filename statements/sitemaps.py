"""The sitemap: the home page and lists, then every meeting, statement, speaker, country,
resolution and agenda item (Django paginates it at 50,000 URLs a page)."""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import AgendaItem, Country, Meeting, Resolution, Speaker, Statement


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "meeting_list", "country_list", "speaker_list", "resolution_list", "agenda_list"]

    def location(self, name):
        return reverse(f"statements:{name}")


class MeetingSitemap(Sitemap):
    def items(self):
        return Meeting.objects.order_by("pk")

    def lastmod(self, meeting):
        return meeting.date


class StatementSitemap(Sitemap):
    def items(self):
        return Statement.objects.filter(procedural=False).select_related("meeting").order_by("pk")

    def lastmod(self, statement):
        return statement.meeting.date if statement.meeting_id else None


class _ModelSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.order_by("pk")


class SpeakerSitemap(_ModelSitemap):
    model = Speaker


class CountrySitemap(_ModelSitemap):
    model = Country


class ResolutionSitemap(_ModelSitemap):
    model = Resolution


class AgendaItemSitemap(_ModelSitemap):
    model = AgendaItem


SITEMAPS = {
    "pages": PagesSitemap, "meetings": MeetingSitemap, "statements": StatementSitemap,
    "speakers": SpeakerSitemap, "countries": CountrySitemap, "resolutions": ResolutionSitemap,
    "agenda": AgendaItemSitemap,
}
