"""Honest errors: a damaged index says so and one command repairs it; an engine bug is a logged 500.

"Search is being rebuilt" is said only while a rebuild runs (tests/reliability/test_faults.py).
"""
from io import StringIO
import logging
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from haystack import connections
import pytest

from statements import indexing
from statements.search import pagecache
from statements.search.whoosh import backend, fastpath

pytestmark = pytest.mark.django_db

SEARCHES = ["/search/?q=uranium", "/api/search?q=uranium", "/search.json?q=uranium",
            "/search.csv?q=uranium&sort=newest", "/search/feed/?q=uranium"]


def truncate_a_segment():
    """Cut the largest segment file of the index on disk in half, as a full disk or a crash can."""
    path = Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    segment = max(path.glob("*.seg"), key=lambda p: p.stat().st_size)
    data = segment.read_bytes()
    segment.write_bytes(data[:len(data) // 2])
    connections["default"].get_backend()._forget()  # as a worker started after the damage
    pagecache.clear()  # and no page cached before the damage
    return segment


@pytest.mark.parametrize("url", SEARCHES)
def test_a_truncated_segment_says_the_index_is_damaged(client, seeds, url, caplog):
    assert client.get(url).status_code == 200
    truncate_a_segment()
    with caplog.at_level(logging.ERROR, logger="statements.middleware"):
        response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    assert b"search index is damaged" in response.content
    assert b"being rebuilt" not in response.content
    assert any("check_index --repair" in r.getMessage() for r in caplog.records)


def test_check_index_reports_a_truncated_segment_and_repair_rebuilds_it(client, seeds):
    truncate_a_segment()
    out = StringIO()
    with pytest.raises(CommandError, match="damaged; run check_index --repair"):
        call_command("check_index", stdout=out)
    assert "The search index is damaged" in out.getvalue() and "segment " in out.getvalue()

    out = StringIO()
    call_command("check_index", "--repair", stdout=out)
    assert "Rebuilding the index" in out.getvalue()
    assert "Index and database agree" in out.getvalue()
    assert indexing.damage(thorough=True) == [] and indexing.compare().clean
    assert client.get("/api/search", {"q": "uranium"}).json()["count"] == 2
    call_command("check_index", stdout=StringIO())  # clean now: no error


def test_a_healthy_index_passes_the_thorough_check(seeds):
    assert indexing.damage(thorough=True) == []
    out = StringIO()
    call_command("check_index", stdout=out)
    assert "damaged" not in out.getvalue()


@pytest.mark.parametrize("url", SEARCHES)
def test_an_engine_bug_is_a_logged_500_not_a_rebuild(seeds, monkeypatch, url, caplog):
    """An error inside the engine with an index in good health is a bug: it must show as one."""
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the array path")

    backend.clear_caches(columns=True)
    monkeypatch.setattr(fastpath, "query_docs", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 500
    assert b"Something went wrong" in response.content and b"being rebuilt" not in response.content
    assert any(r.exc_info and "a bug in the array path" in str(r.exc_info[1]) for r in caplog.records)


def test_an_engine_bug_is_not_hidden_as_a_plain_words_search(seeds, monkeypatch):
    """service.search retries as plain words only when the engine's query parser failed."""
    from django.http import QueryDict

    from statements.search import service

    monkeypatch.setattr(fastpath, "query_docs", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("bug")))
    backend.clear_caches(columns=True)
    with pytest.raises(RuntimeError, match="bug"):
        service.search(QueryDict("q=uranium"))


def test_check_index_reports_segments_without_their_postings_file_and_repair_writes_them(client, seeds):
    """Not damage (their postings are decoded, as before the files): reported, and written by --repair."""
    folder = Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    files = sorted(folder.glob("*.portalpost"))
    assert files and len(files) == len(list(folder.glob("*.seg")))
    answer = client.get("/api/search", {"q": "uranium"}).json()
    for path in files:
        path.unlink()
    out = StringIO()
    call_command("check_index", stdout=out)
    assert f"{len(files)} segment(s) without their postings file" in out.getvalue()
    out = StringIO()
    call_command("check_index", "--repair", stdout=out)
    assert f"Wrote {len(files)} postings file(s)" in out.getvalue()
    assert sorted(folder.glob("*.portalpost")) == files
    pagecache.clear()
    assert client.get("/api/search", {"q": "uranium"}).json() == answer
