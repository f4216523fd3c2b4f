"""Votes on the pages: the list and its data, a vote's page, a resolution's vote, a country's votes."""
import csv
import io
import json
from pathlib import Path

import pytest

from statements.models import Statement, Vote

TEXTS = Path(__file__).resolve().parents[2].parent / "shared" / "transcripts" / "text"

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(db, django_capture_on_commit_callbacks):
    from statements.ingest import ingest_file

    with django_capture_on_commit_callbacks(execute=True):
        ingest_file(TEXTS / "S-PV.8700.txt")
        ingest_file(TEXTS / "S-PV.8701.txt")


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_votes_list_and_its_data(client, voted):
    html = client.get("/votes/").content.decode()
    assert html.count("<tr><td>") == 3 and "Resolution 2504 (2020)" in html and "Resolution 2505 (2020)" in html
    data = json.loads(_body(client.get("/votes.json")))
    by_resolution = {row["resolution"]: row for row in data["results"]}
    adopted = by_resolution["S/RES/2504 (2020)"]
    assert (adopted["in_favour"], adopted["against"], adopted["abstaining"]) == (11, 0, 4)
    assert "China" in adopted["abstaining_countries"] and adopted["draft"] == "S/2020/24"
    assert by_resolution["S/RES/2505 (2020)"]["unanimous"] is True
    failed = by_resolution[None]
    assert failed["outcome"] == "failed" and failed["kind"] == "amendment"
    rows = list(csv.DictReader(io.StringIO(_body(client.get("/votes.csv")).decode())))
    assert {r["outcome"] for r in rows} == {"adopted", "failed"}


def test_a_failed_amendment_has_a_page_of_its_own(client, voted):
    vote = Vote.objects.get(outcome="failed")
    html = client.get(vote.get_absolute_url()).content.decode()
    assert "Not adopted (too few votes)" in html and "Russian Federation" in html
    assert "3 in favour, 7 against, 5 abstaining" in html
    assert client.get("/votes/999999/").status_code == 404


def test_the_resolution_page_shows_the_vote_by_country_and_its_explanations(client, voted):
    html = client.get("/resolutions/sc-2504/").content.decode()
    assert "11 in favour, 0 against, 4 abstaining" in html
    abstaining = html[html.index("Abstaining <span"):html.index("</tr>", html.index("Abstaining <span"))]
    assert "China" in abstaining and "United States of America" in abstaining and "France" not in abstaining
    vote = Vote.objects.get(resolution__number=2504)
    page = client.get(vote.get_absolute_url()).content.decode()
    gueguen = Statement.objects.get(meeting__number=8700, speaker_label__startswith="Mrs. Gueguen")
    assert f'href="{gueguen.get_absolute_url()}"' in page
    statement = client.get(gueguen.get_absolute_url()).content.decode()
    assert f'<dt>Explains</dt><dd>the <a href="{vote.get_absolute_url()}">vote on Resolution 2504 (2020)</a>' in statement


def test_a_country_page_shows_how_it_voted(client, voted):
    html = client.get("/countries/china/").content.decode()
    section = html[html.index('id="votes-title"'):html.index("</section>", html.index('id="votes-title"'))]
    assert "Resolution 2504 (2020)</a> <span class=\"count\">Abstaining" in section
    assert "Resolution 2505 (2020)</a> <span class=\"count\">In favour" in section
    assert "Amendment</a> <span class=\"count\">In favour" in section


def test_record_votes_reads_meetings_saved_before(voted):
    from django.core.management import call_command

    Vote.objects.all().delete()
    out = io.StringIO()
    call_command("record_votes", stdout=out)
    assert "S/PV.8700: 2 votes" in out.getvalue() and Vote.objects.count() == 3
