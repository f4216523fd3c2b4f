"""One cache for every worker: a page computed by one process is served by another (real Redis).

The test process computes a search page with ``CACHE_URL`` pointing at Redis
(database 4 unless ``TEST_REDIS_URL`` says otherwise); a gunicorn with two
workers, a separate process, must then serve that very page. To tell a served
page from a recomputed one, a speaker is renamed behind the ORM's back (an
``UPDATE`` sends no signal): only a page taken from the cache still shows the
old name. An index write must end that.
"""
import http.client
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from portal.env import cache_config
from tests.conftest import REPO

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {"default": cache_config(REDIS_URL)}
    from django.core.cache import caches

    caches["default"].clear()  # this test's own Redis database
    yield caches["default"]
    caches["default"].clear()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": "testserver"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


@pytest.fixture
def gunicorn(live_seeds, redis_cache):
    from django.db import connection

    db = connection.settings_dict
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"{base}/{db['NAME']}", "CACHE_URL": REDIS_URL,
           "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
           "SEARCH_RATE_LIMIT": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=REPO, env=env)
    deadline = time.time() + 40
    status = None
    while status != 200:
        if time.time() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail(f"gunicorn did not answer on loopback (last status {status})")
        try:
            status = _get(port, "/search/help/")[0]
        except OSError:
            time.sleep(0.2)
    yield port
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def test_a_page_computed_here_is_served_by_the_gunicorn_workers_until_the_index_changes(client, gunicorn):
    from statements import caching
    from statements.ingest import ingest_record
    from statements.models import Speaker
    from statements.parser import ParsedRecord, ParsedStatement

    versions = caching.current_versions()
    computed = client.get("/search/?q=uranium")
    assert computed.status_code == 200 and b"Umarov" in computed.content
    assert Speaker.objects.filter(name="Umarov").update(name="Umarova") == 1  # no signal: no new generation

    for _ in range(6):  # fresh connections: both workers answer some of them
        status, body = _get(gunicorn, "/search/?q=uranium")
        assert status == 200
        assert caching.current_versions() == versions  # nothing changed the index or the rows
        assert body == computed.content  # computed there, it would read "Umarova"

    # The other way round: a page a worker computed is what this process serves.
    status, by_worker = _get(gunicorn, "/search/?q=semipalatinsk")
    assert status == 200 and b"semipalatinsk" in by_worker.lower()
    assert client.get("/search/?q=semipalatinsk").content == by_worker

    record = ParsedRecord(meeting=None, statements=[ParsedStatement(
        order=1, speaker="Tester", honorific="Ms.", country="Norway", label="Ms. Tester (Norway)",
        text="Uranium enrichment was discussed once more.")])
    ingest_record(record, source="shared-cache-test")  # committed: the index follows at once

    status, after = _get(gunicorn, "/search/?q=uranium")
    assert status == 200 and b"Tester" in after and b"Umarova" in after and b"Umarov<" not in after


def test_saving_a_row_makes_cached_answers_unreachable_in_every_process(client, redis_cache, seeds):
    from statements import caching
    from statements.models import Speaker

    before = caching.generation()
    client.get("/search/?q=uranium")
    speaker = Speaker.objects.get(name="Umarov")
    speaker.name = "Umarova"
    speaker.save()
    assert caching.generation() > before  # in Redis: every worker's next key differs
    assert b"Umarova" in client.get("/search/?q=uranium").content


def test_rows_saved_in_one_transaction_bump_the_generation_once_until_a_key_is_made(redis_cache, seeds):
    from django.db import transaction

    from statements import caching
    from statements.models import Country, Speaker

    before = caching.generation()
    with transaction.atomic():
        speakers = list(Speaker.objects.all())
        assert len(speakers) > 1
        for speaker in speakers:
            speaker.save()
        Country.objects.first().save()
        assert redis_cache.get(caching._GENERATION) <= before + 1  # not one round trip a row
        assert caching.generation() > before  # but a key made now sees every row saved
