"""A worker that started before collectstatic renders pages, and picks up the manifest once it exists."""
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.utils.functional import empty
import pytest

from portal.storage import ForgivingManifestStaticFilesStorage


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "portal.storage.ForgivingManifestStaticFilesStorage"}}
    staticfiles_storage._wrapped = empty  # settings changed: build the storage again
    ForgivingManifestStaticFilesStorage.RELOAD_SECONDS = 0
    yield settings.STATIC_ROOT
    ForgivingManifestStaticFilesStorage.RELOAD_SECONDS = 10
    staticfiles_storage._wrapped = empty


@pytest.mark.django_db
def test_pages_render_without_a_manifest_and_recover_after_collectstatic(client, production_static, caplog):
    first = client.get("/search/help/")
    assert first.status_code == 200
    assert "not in the staticfiles manifest" in caplog.text and "collectstatic" in caplog.text
    call_command("collectstatic", "--noinput", verbosity=0)
    again = client.get("/search/help/")
    assert again.status_code == 200
    import re

    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', again.content.decode())
    assert stylesheets and all(re.search(r"\.[0-9a-f]{12}\.css$", href) for href in stylesheets)
