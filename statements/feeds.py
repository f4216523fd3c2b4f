"""Atom feeds: any search (``/search/feed/?q=…``), and each speaker's and country's statements.

A search feed is the search page's results sorted newest first (unless the
query asks for another order). Statements carry only a meeting date, so an
entry's time is midnight UTC of that day.
"""
from datetime import datetime, time, timezone

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .models import Country, Speaker, Statement
from .search import service
from .views.profiles import InOrder

FEED_SIZE = 50


class StatementFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, statement):
        where = statement.meeting.full_symbol if statement.meeting_id else statement.source
        return f"{statement.speaker_label} — {where}"

    def item_description(self, statement):
        return Truncator(statement.text).words(120)

    def item_link(self, statement):
        return statement.get_absolute_url()

    def item_pubdate(self, statement):
        if statement.meeting_id and statement.meeting.date:
            return datetime.combine(statement.meeting.date, time(), tzinfo=timezone.utc)
        return None

    item_updateddate = item_pubdate  # Atom requires <updated> on every entry

    def item_author_name(self, statement):
        return statement.speaker_label or None

    def item_categories(self, statement):
        return [statement.country.name] if statement.country_id else []


class SearchFeed(StatementFeed):
    def get_object(self, request):
        params = request.GET.copy()
        params.setdefault("sort", "newest")
        params.pop("page", None)
        self.params = params
        self.full_path = request.get_full_path()
        return service.search(params, page_size=FEED_SIZE)

    def title(self, outcome):
        return f"Security Council statements: “{outcome.query}”" if outcome.query else "Security Council statements"

    def link(self, outcome):
        query = self.params.copy()
        if query.get("sort") == "newest":
            del query["sort"]
        return reverse("statements:search") + ("?" + query.urlencode() if query else "")

    def feed_url(self, outcome):
        return self.full_path

    def subtitle(self, outcome):
        return f"{outcome.count} statement{'s' if outcome.count != 1 else ''} match, newest first."

    def items(self, outcome):
        return [hit.statement for hit in outcome.hits]


class _StatementsOfFeed(StatementFeed):
    model = None
    statement_filter = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        # The newest ids sorted from the index of the filter's column, then those 50 rows: sorting the
        # rows carried each of India's 4,000 statements through the sort (``profiles.InOrder``).
        statements = (Statement.objects.filter(procedural=False, **{self.statement_filter: obj})
                      .select_related("meeting", "speaker", "country")
                      .order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id", "order"))
        return InOrder(statements)[:FEED_SIZE]


class SpeakerFeed(_StatementsOfFeed):
    model = Speaker
    statement_filter = "speaker"

    def title(self, speaker):
        return f"Statements by {speaker.label} at the Security Council"

    def subtitle(self, speaker):
        return f"The latest {FEED_SIZE} statements by {speaker.label}."


class CountryFeed(_StatementsOfFeed):
    model = Country
    statement_filter = "country"

    def title(self, country):
        return f"Statements by {country.name} at the Security Council"

    def subtitle(self, country):
        return f"The latest {FEED_SIZE} statements made for {country.name}."
