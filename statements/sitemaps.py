"""The sitemap: an index (``/sitemap.xml``) of sections, each paged (``/sitemap-<section>.xml?p=N``).

The protocol allows 50,000 addresses a file; a section page holds at most
``PAGE_SIZE`` so each is quick to make. The index's ``lastmod`` of a dated
section is one aggregate, not a walk through every item.
"""
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max, Q
from django.urls import reverse

from .models import SPEAKER_LISTED, AgendaItem, Country, Meeting, Resolution, Speaker, Statement

# Addresses per sitemap file (the protocol's limit is 50,000).
PAGE_SIZE = 10_000


class PortalSitemap(Sitemap):
    limit = PAGE_SIZE


class PagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "meeting_list", "country_list", "speaker_list", "resolution_list", "agenda_list"]

    def location(self, name):
        return reverse(f"statements:{name}")


class MeetingSitemap(PortalSitemap):
    def items(self):
        return Meeting.objects.order_by("pk").only("pk", "symbol", "resumption", "date")

    def lastmod(self, meeting):
        return meeting.date

    def get_latest_lastmod(self):
        return Meeting.objects.aggregate(last=Max("date"))["last"]


class StatementSitemap(PortalSitemap):
    def items(self):
        return (Statement.objects.filter(procedural=False).order_by("pk")
                .values_list("pk", "meeting__date", named=True))

    def location(self, row):
        return reverse("statements:statement", args=[row.pk])

    def lastmod(self, row):
        return row.meeting__date

    def get_latest_lastmod(self):
        return Statement.objects.filter(procedural=False).aggregate(last=Max("meeting__date"))["last"]


class _ModelSitemap(PortalSitemap):
    model = None

    def items(self):
        return self.model.objects.order_by("pk")


class SpeakerSitemap(_ModelSitemap):
    model = Speaker

    def items(self):
        # A speaker whose statements all moved away (a split) has a page of none: not offered.
        return (Speaker.objects.annotate(n=Count("statements", filter=SPEAKER_LISTED))
                .filter(n__gt=0).order_by("pk"))


class CountrySitemap(_ModelSitemap):
    model = Country

    def items(self):
        # As the countries list: a State or organisation only once someone spoke for it (an
        # official record replacing the corpus's text of a meeting can leave one with none).
        return (Country.objects.annotate(n=Count("statements", filter=Q(statements__procedural=False)))
                .filter(n__gt=0).order_by("pk"))


class ResolutionSitemap(_ModelSitemap):
    model = Resolution


class AgendaItemSitemap(_ModelSitemap):
    model = AgendaItem


SITEMAPS = {
    "pages": PagesSitemap, "meetings": MeetingSitemap, "statements": StatementSitemap,
    "speakers": SpeakerSitemap, "countries": CountrySitemap, "resolutions": ResolutionSitemap,
    "agenda": AgendaItemSitemap,
}
