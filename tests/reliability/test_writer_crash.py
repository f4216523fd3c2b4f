"""The index writer killed mid-batch (SIGKILL, a real subprocess) loses nothing."""
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.db import connection
import pytest

from statements import indexing
from statements.ingest import ingest_record
from statements.models import IndexTask
from statements.parser import parse_text

from .helpers import record_text

REPO = settings.BASE_DIR
N = 800  # big enough that writing the batch takes a good fraction of a second


def writer_process(*args):
    """``manage.py process_index_queue`` on the test database and the test index."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "WHOOSH_PATH": settings.HAYSTACK_CONNECTIONS["default"]["PATH"],
        "INDEX_QUEUE_EAGER": "0",
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "process_index_queue", "-v", "2", *args],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def wait_for_whoosh_write_lock(timeout=20):
    backend = indexing._backend()
    backend.setup()
    lock = backend.index.lock("WRITELOCK")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not lock.acquire(blocking=False):
            return True
        lock.release()
        time.sleep(0.02)
    return False


@pytest.mark.django_db(transaction=True)
def test_writer_killed_mid_batch_loses_nothing_after_restart(settings):
    settings.INDEX_QUEUE_EAGER = False  # the subprocess is the one writer
    ingest_record(parse_text(record_text(N, words=50)), source="big.txt")
    assert IndexTask.objects.count() == N

    writer = writer_process("--batch-size", str(N))
    line = writer.stdout.readline()
    assert "Writing a batch" in line, line
    assert wait_for_whoosh_write_lock(), "the writer never started writing"
    writer.send_signal(signal.SIGKILL)  # while it holds Whoosh's write lock: mid-write
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL

    # The batch never committed: its rows are all still queued.
    assert IndexTask.objects.count() == N
    assert not indexing.compare().clean

    restarted = writer_process("--batch-size", "300")
    output, _ = restarted.communicate(timeout=120)
    assert restarted.returncode == 0, output
    assert IndexTask.objects.count() == 0
    drift = indexing.compare()
    assert drift.clean and drift.indexed == drift.searchable == N
    assert "Batch of 300 written" in output


def wait_until_clean(seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not indexing.compare().clean:
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_the_loop_writer_makes_new_statements_searchable_within_seconds(settings):
    """Production's arrangement: no eager drain, one ``process_index_queue --loop``."""
    settings.INDEX_QUEUE_EAGER = False
    writer = writer_process("--loop", "--sleep", "0.2")
    try:
        # A first record shows the writer has started (Django's start-up is not the latency).
        ingest_record(parse_text(record_text(1, tag="warm ")), source="warm.txt")
        wait_until_clean(60)
        ingest_record(parse_text(record_text(5, tag="fresh ")), source="fresh.txt")
        started = time.monotonic()
        wait_until_clean(10)
        seconds = time.monotonic() - started
        assert indexing.compare().clean and IndexTask.objects.count() == 0
        # The writer polls every 0.2 s and writes five statements in a few milliseconds:
        # about 10x that is the bound.
        assert seconds < 2.5, f"searchable after {seconds:.2f}s"
    finally:
        writer.terminate()
        writer.wait(timeout=10)
