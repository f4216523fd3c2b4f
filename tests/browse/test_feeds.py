"""Atom feeds for a search, a speaker and a country."""
import xml.etree.ElementTree as ET

import pytest

from statements.models import Country, Speaker

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_search_feed_lists_matches_newest_first(client, council):
    feed, entries = _entries(client.get("/search/feed/?q=resolution+2505"))
    assert feed.find(f"{ATOM}title").text == "Security Council statements: “resolution 2505”"
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles and all("S/PV.8701" in t for t in titles)
    _, entries = _entries(client.get("/search/feed/?q=infrastructure"))
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True) and updated[0].startswith("2020-01-17")


def test_speaker_and_country_feeds(client, council):
    speaker = Speaker.objects.get(name="Rivera")
    feed, entries = _entries(client.get(f"/speakers/{speaker.slug}/feed/"))
    assert "Ms. Rivera (Mexico)" in feed.find(f"{ATOM}title").text
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://testserver/statements/")
    _, entries = _entries(client.get(Country.objects.get(name="France").get_absolute_url() + "feed/"))
    assert [e.find(f"{ATOM}category").get("term") for e in entries] == ["France"]
    assert client.get("/countries/atlantis/feed/").status_code == 404


def test_empty_search_feed_is_an_empty_feed(client, council):
    _, entries = _entries(client.get("/search/feed/"))
    assert entries == []


def test_a_country_feed_lists_its_newest_statements_in_order(client, council):
    # The ids sorted first (``InOrder``), then their rows: the order is the feed's own.
    from django.db.models import F

    from statements.models import Statement

    kazakhstan = Country.objects.get(name="Kazakhstan")
    expected = list(Statement.objects.filter(procedural=False, country=kazakhstan)
                    .order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id", "order")
                    .values_list("pk", flat=True))
    _, entries = _entries(client.get(kazakhstan.get_absolute_url() + "feed/"))
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [f"http://testserver/statements/{pk}/" for pk in expected] and len(links) > 1
