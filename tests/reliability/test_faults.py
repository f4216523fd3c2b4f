"""Faults: the database gone, the index corrupt, missing or being rebuilt."""
from pathlib import Path
import shutil
import socket

from django.core.management import call_command
from django.db import connection
import pytest

from statements import indexing
from statements.models import IndexRebuild


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket closes


@pytest.fixture
def database_down(django_db_blocker):
    """The database server unreachable: the connection points at a closed port."""
    with django_db_blocker.unblock():
        saved = dict(connection.settings_dict)
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


@pytest.mark.parametrize("url", ["/", "/search/?q=uranium", "/statements/1/", "/admin/"])
def test_database_unreachable_gives_the_friendly_503_page(client, database_down, url):
    client.cookies["sessionid"] = "a-signed-in-staff-member"  # so /admin/ reads the session
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "The portal is temporarily unavailable" in html and "<h1>" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert [t.name for t in response.templates][:1] == ["503.html"]


def test_database_unreachable_api_answers_503_json(client, database_down):
    response = client.get("/api/search", {"q": "uranium"})
    assert response.status_code == 503
    assert response.json()["error"] == "The portal is temporarily unavailable"


@pytest.mark.django_db
def test_search_says_it_is_being_rebuilt_while_a_rebuild_runs(client, seeds):
    IndexRebuild.objects.create()  # started, not finished
    page = client.get("/search/", {"q": "uranium"})
    assert page.status_code == 503 and b"Search is being rebuilt" in page.content
    api = client.get("/api/search", {"q": "uranium"})
    assert api.status_code == 503 and api.json()["error"] == "Search is being rebuilt"
    assert client.get("/").status_code == 200  # browsing still works


def index_path():
    from django.conf import settings

    return Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])


@pytest.mark.django_db
@pytest.mark.parametrize("damage", ["corrupt", "missing"])
def test_broken_index_says_so_and_one_command_rebuilds_it(client, seeds, damage):
    assert client.get("/api/search", {"q": "uranium"}).json()["count"] == 2
    if damage == "corrupt":
        for path in index_path().iterdir():
            path.write_bytes(b"\x00garbage" * 10)
    else:
        shutil.rmtree(index_path())

    page = client.get("/search/", {"q": "uranium"})
    assert page.status_code == 503 and b"search index is damaged" in page.content
    assert b"being rebuilt" not in page.content  # nothing is rebuilding
    assert client.get("/api/search", {"q": "uranium"}).status_code == 503

    call_command("rebuild_index", stdout=open("/dev/null", "w"))  # the portal's, not haystack's
    assert IndexRebuild.objects.get().finished_at is not None
    assert client.get("/api/search", {"q": "uranium"}).json()["count"] == 2
    assert indexing.compare().clean


def test_a_database_error_outside_any_view_is_still_a_503(rf):
    """handler500: e.g. the session middleware failing to save when the database is gone."""
    from django.db import OperationalError

    from statements.middleware import server_error

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503 and b"temporarily unavailable" in response.content
    try:
        raise KeyError("a bug")
    except KeyError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500 and b"Something went wrong" in response.content
