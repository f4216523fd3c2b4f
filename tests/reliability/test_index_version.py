"""An index built by other code is known as such: search says it must be rebuilt until it is."""
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
import pytest

from statements import index_version

pytestmark = pytest.mark.django_db


def check_index(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("check_index", *args, stdout=out)
    except CommandError as exc:
        return 1, out.getvalue() + str(exc)
    return 0, out.getvalue()


@pytest.fixture
def stale_index(seeds):
    call_command("rebuild_index", verbosity=0)
    assert index_version.state() == index_version.CURRENT
    index_version.version_path().write_text("0-an-older-schema\n")
    index_version._cache.clear()
    yield
    index_version._cache.clear()


def test_a_rebuild_records_the_code_version(seeds):
    call_command("rebuild_index", verbosity=0)
    assert index_version.stored() == index_version.current()
    code, out = check_index()
    assert code == 0 and f"Index schema version: {index_version.current()} (current)." in out


def test_the_version_follows_the_field_definitions(settings):
    from haystack import connections

    before = index_version.current()
    fields = connections["default"].get_unified_index().all_searchfields()
    field = next(iter(fields.values()))
    field.stored = not field.stored
    try:
        assert index_version.current() != before
    finally:
        field.stored = not field.stored
    assert index_version.current() == before


def test_the_version_follows_what_the_engine_also_writes(monkeypatch, tmp_path):
    """Whoosh's word pairs: an index built before them, or with another list of common words, is stale."""
    from statements.search.whoosh import pairs

    current = index_version.current()
    backend = type(connections_backend())
    monkeypatch.delattr(backend, "index_signature")
    assert index_version.current() != current  # the code before word pairs wrote another version
    monkeypatch.undo()
    other = tmp_path / "common_words.txt"
    other.write_text(pairs.COMMON_WORDS.read_text() + "charter\n")
    monkeypatch.setattr(pairs, "COMMON_WORDS", other)
    assert index_version.current() not in (current, None)
    monkeypatch.undo()
    assert index_version.current() == current


def connections_backend():
    from haystack import connections

    return connections["default"].get_backend()


def test_a_stale_index_stops_search_with_a_clear_503(client, stale_index):
    from statements.models import Statement

    for path in ("/search/?q=peace", "/api/search?q=peace", "/search.json?q=peace", "/search/feed/?q=x"):
        response = client.get(path)
        assert response.status_code == 503 and "must be rebuilt" in response.content.decode(), path
        assert response["Retry-After"] == "300"
    statement = Statement.objects.filter(procedural=False).first()
    assert client.get(f"/statements/{statement.pk}/").status_code == 200  # browsing goes on
    assert client.get("/meetings/").status_code == 200


def test_check_index_and_the_system_check_say_so_and_repair_rebuilds(client, stale_index):
    code, out = check_index()
    assert code == 1 and "the index has 0-an-older-schema" in out and "must be rebuilt" in out
    assert [m.id for m in run_checks() if m.id == "statements.W103"] == ["statements.W103"]
    code, out = check_index("--repair")
    assert code == 0 and "Rebuilt:" in out
    assert index_version.state() == index_version.CURRENT
    index_version._cache.clear()
    assert client.get("/search/?q=peace").status_code == 200


def test_an_index_from_before_versions_is_reported_not_refused(client, seeds):
    call_command("rebuild_index", verbosity=0)
    index_version.version_path().unlink()
    index_version._cache.clear()
    assert index_version.state() == index_version.UNVERSIONED
    code, out = check_index()
    assert "none recorded" in out and "run rebuild_index" in out
    assert client.get("/search/?q=peace").status_code == 200


def test_ensure_index_rebuilds_a_stale_index_and_leaves_a_current_one(client, stale_index):
    """``make run`` after an upgrade that changed what is indexed: search works again, no 503."""
    from io import StringIO

    assert client.get("/search/?q=peace").status_code == 503
    out = StringIO()
    call_command("ensure_index", stdout=out)
    assert "Rebuilding." in out.getvalue() and "Indexed " in out.getvalue()
    index_version._cache.clear()
    assert index_version.state() == index_version.CURRENT
    assert client.get("/search/?q=peace").status_code == 200
    out = StringIO()
    call_command("ensure_index", stdout=out)
    assert "nothing to do" in out.getvalue()
