"""A speaker is offered (lists, home page, sitemap) only with the statements their page lists.

Found auditing the README's flow over HTTP: the speakers list counted the
President's procedure in the chair ("Mr. Pham Binh Minh", 46 statements) while
his page, rightly, lists his two national statements.
"""
from urllib.parse import urlparse
import json

import pytest

from statements.ingest import ingest_file
from statements.merging import split_speaker
from statements.models import Speaker, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def record_8700(shared_dir, django_capture_on_commit_callbacks):
    """S/PV.8700: Mr. Dang (Viet Nam) presides, gives the floor five times and speaks for Viet Nam once.

    Its commit runs the index writer, which recounts what the lists show (``statements.tallies``).
    """
    with django_capture_on_commit_callbacks(execute=True):
        ingest_file(shared_dir / "transcripts" / "text" / "S-PV.8700.txt")


def export(client, path):
    return json.loads(b"".join(client.get(path).streaming_content))


def page_count(client, url):
    return export(client, urlparse(url).path.rstrip("/") + ".json")["count"]


def test_the_speakers_list_counts_what_each_page_lists(client, record_8700):
    dang = Speaker.objects.get(name="Dang")
    assert dang.statements.filter(role=Statement.Role.CHAIR).exists()
    listed = export(client, "/speakers.json")["results"]
    assert listed and all(row["statements"] == page_count(client, row["url"]) for row in listed)
    row = next(row for row in listed if urlparse(row["url"]).path == dang.get_absolute_url())
    assert row["statements"] == dang.statements.exclude(role=Statement.Role.CHAIR).count() < dang.statements.count()


def test_the_sitemap_offers_no_speaker_page_of_none(client, record_8700, django_capture_on_commit_callbacks):
    member = Speaker.objects.exclude(name="Dang").filter(statements__isnull=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        split_speaker(member.statements.all(), f"{member.name} (2)")
    sitemap = client.get("/sitemap-speakers.xml").content.decode()
    assert member.get_absolute_url() not in sitemap
    assert Speaker.objects.get(name=f"{member.name} (2)").get_absolute_url() in sitemap


def test_the_sitemap_offers_no_country_page_of_none(client, record_8700):
    """An upload of S/PV.8749 filed a briefer without the corpus's "Municipal Association of Women": a page of none."""
    from statements.countries import get_country

    empty = get_country("Municipal Association of Women")
    sitemap = client.get("/sitemap-countries.xml").content.decode()
    assert empty.get_absolute_url() not in sitemap
    assert get_country("Viet Nam").get_absolute_url() in sitemap
