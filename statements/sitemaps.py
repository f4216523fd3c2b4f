"""The sitemap: an index (``/sitemap.xml``) of sections, each paged (``/sitemap-<section>.xml?p=N``).

The protocol allows 50,000 addresses a file; a section page holds at most
``PAGE_SIZE`` so each is quick to make. A section is read as plain tuples
(``values_list``), never as model instances, and written by ``section_view``
as one string: Django's own view reverses every address and renders a template
loop per address, 4.5 s for 10,000 statements on a loaded machine. The index's
``lastmod`` of a dated section is one aggregate, not a walk through every item.
"""
from datetime import datetime, timezone
from html import escape
import math
from urllib.parse import quote

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import http_date

from .models import AgendaItem, Country, Meeting, Resolution, Speaker, Statement

# Addresses per sitemap file (the protocol's limit is 50,000; a smaller file is allowed): a page of
# 5,000 statements (424 kB) took 117 ms to make on its first ask at 100,000 statements.
PAGE_SIZE = 2_500

# What ``reverse`` leaves unquoted in a path argument (django.urls.resolvers).
_SAFE = "!$&'()*+,;=/~:@"


def address_of(url_name):
    """A function of one key to the path ``url_name`` gives it, reversing once, not per address."""
    marker = "31415926535"  # digits: a value every converter (int, slug, str) takes
    before, _, after = reverse(url_name, args=[marker]).partition(marker)
    # A number needs no quoting (100,000 statements' ids: a third of a section's time).
    return lambda key: f"{before}{key if type(key) is int else quote(str(key), safe=_SAFE)}{after}"


class KeyRangePaginator(Paginator):
    """Pages of consecutive primary keys: page ``p`` holds the rows whose key is in
    ``((p - 1) * per_page, p * per_page]``, so at most ``per_page`` of them.

    A page is read through the primary key's index from its first key, where an
    ``OFFSET`` read every row before it (the statements' last page: 90,000 rows,
    200-400 ms at 100,000 statements). Where keys are missing (deleted statements,
    procedural lines) a page holds fewer rows.
    """

    def __init__(self, rows, per_page, last_key):
        super().__init__(rows, per_page)
        self.last_key = last_key or 0

    @cached_property
    def num_pages(self):
        return max(1, math.ceil(self.last_key / self.per_page))

    def page(self, number):
        number = self.validate_number(number)
        low = (number - 1) * self.per_page
        return self._get_page(self.object_list.filter(pk__gt=low, pk__lte=low + self.per_page), number, self)


class PortalSitemap(Sitemap):
    """A section: ``items()`` are tuples, ``location(row)`` a path, ``lastmod(row)`` a date or ``None``."""

    limit = PAGE_SIZE
    changefreq = None

    def lastmod(self, row):
        return None

    def get_latest_lastmod(self):
        return None


class PagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "meeting_list", "country_list", "speaker_list", "resolution_list", "agenda_list"]

    def location(self, name):
        return reverse(f"statements:{name}")


class MeetingSitemap(PortalSitemap):
    def items(self):
        return Meeting.objects.order_by("pk").values_list("pk", "symbol", "resumption", "date")

    def location(self, row):
        if not hasattr(self, "_address"):
            self._address = address_of("statements:meeting")
        _, symbol, resumption, _ = row
        return self._address(Meeting.slug_of(symbol, resumption))

    def lastmod(self, row):
        return row[3]

    def get_latest_lastmod(self):
        return Meeting.objects.aggregate(last=Max("date"))["last"]


class StatementSitemap(PortalSitemap):
    def items(self):
        return Statement.objects.filter(procedural=False).order_by("pk").values_list("pk", "meeting__date")

    def location(self, row):
        if not hasattr(self, "_address"):
            self._address = address_of("statements:statement")
        return self._address(row[0])

    def lastmod(self, row):
        return row[1]

    @property
    def paginator(self):
        return KeyRangePaginator(self.items(), self.limit, Statement.objects.aggregate(last=Max("pk"))["last"])

    def get_latest_lastmod(self):
        return Meeting.objects.filter(statement_count__gt=0).aggregate(last=Max("date"))["last"]


class _SlugSitemap(PortalSitemap):
    model = None
    url_name = ""

    def items(self):
        return self.model.objects.order_by("pk").values_list("pk", "slug")

    def location(self, row):
        if not hasattr(self, "_address"):
            self._address = address_of(self.url_name)
        return self._address(row[1])


class SpeakerSitemap(_SlugSitemap):
    model, url_name = Speaker, "statements:speaker"

    def items(self):
        # A speaker whose statements all moved away (a split) has a page of none: not offered.
        return Speaker.objects.filter(statement_count__gt=0).order_by("pk").values_list("pk", "slug")


class CountrySitemap(_SlugSitemap):
    model, url_name = Country, "statements:country"

    def items(self):
        # As the countries list: a State or organisation only once someone spoke for it (an
        # official record replacing the corpus's text of a meeting can leave one with none).
        return Country.objects.filter(statement_count__gt=0).order_by("pk").values_list("pk", "slug")


class AgendaItemSitemap(_SlugSitemap):
    model, url_name = AgendaItem, "statements:agenda_item"


class ResolutionSitemap(PortalSitemap):
    def items(self):
        return Resolution.objects.order_by("pk").values_list("pk", "body", "session", "number")

    def location(self, row):
        if not hasattr(self, "_address"):
            self._address = address_of("statements:resolution")
        _, body, session, number = row
        return self._address(Resolution.key_of(body, session, number))


SITEMAPS = {
    "pages": PagesSitemap, "meetings": MeetingSitemap, "statements": StatementSitemap,
    "speakers": SpeakerSitemap, "countries": CountrySitemap, "resolutions": ResolutionSitemap,
    "agenda": AgendaItemSitemap,
}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
         'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


@x_robots_tag
def section_view(request, section, sitemaps=SITEMAPS):
    """One page of one section (``?p=N``), as the protocol's ``urlset``; 404 past the last page."""
    if section not in sitemaps:
        raise Http404(f"No sitemap section {section!r}")
    site = sitemaps[section]()
    try:
        rows = list(site.paginator.page(request.GET.get("p", 1)).object_list)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such sitemap page") from None
    base = f"{request.scheme}://{get_current_site(request).domain}"
    changefreq = f"<changefreq>{site.changefreq}</changefreq>" if site.changefreq else ""
    lines, latest, every_dated, dated_as = [_HEAD], None, bool(rows), {None: ""}
    for row in rows:
        day = site.lastmod(row)
        if day is None:
            every_dated = False
        else:
            latest = day if latest is None or day > latest else latest
            if day not in dated_as:  # a few thousand meeting dates among 10,000 statements
                dated_as[day] = f"<lastmod>{day:%Y-%m-%d}</lastmod>"
        lines.append(f"<url><loc>{escape(base + site.location(row))}</loc>{dated_as[day]}{changefreq}</url>\n")
    lines.append("</urlset>\n")
    response = HttpResponse("".join(lines), content_type="application/xml")
    if every_dated:
        response["Last-Modified"] = http_date(datetime(latest.year, latest.month, latest.day,
                                                       tzinfo=timezone.utc).timestamp())
    return response
