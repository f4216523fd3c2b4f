"""The queue writer survives a busy index (retries, does not exit) and reports its health."""
import json
import time

from django.core.management import call_command
import pytest

from statements import heartbeat, indexing
from statements.ingest import ingest_record
from statements.models import IndexTask
from statements.parser import parse_text

from .helpers import index_ids, record_text
from .test_writer_crash import writer_process


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_writer_retries_while_the_index_is_busy_and_records_a_heartbeat(settings, tmp_path):
    settings.INDEX_QUEUE_EAGER = False
    beat_file = tmp_path / "writer.json"
    settings.INDEX_WRITER_HEARTBEAT = str(beat_file)
    ingest_record(parse_text(record_text(3)), source="three.txt")
    backend = indexing._backend()
    backend.setup()
    foreign = backend.index.writer()  # Whoosh's lock held by a writer that bypassed ours
    writer = writer_process("--loop", "--sleep", "0.2", "--heartbeat", "1", env={
        "INDEX_WRITER_HEARTBEAT": str(beat_file), "LOG_LEVEL": "INFO"})
    try:
        assert wait_for(lambda: beat_file.exists() and json.loads(beat_file.read_text())["errors"] >= 2)
        assert writer.poll() is None, "the writer exited on a busy index"
        state = json.loads(beat_file.read_text())
        assert state["backlog"] == 3 and state["last_drain"] is None and state["pid"] == writer.pid
        foreign.cancel()
        foreign = None
        assert wait_for(lambda: IndexTask.objects.count() == 0)
        assert wait_for(lambda: json.loads(beat_file.read_text())["last_drain"] is not None)
        assert len(index_ids()) == 3
        from io import StringIO

        out = StringIO()
        call_command("check_index", stdout=out)
        line = next(x for x in out.getvalue().splitlines() if x.startswith("Queue writer:"))
        assert "running; last heartbeat" in line and "backlog 0" in line
    finally:
        if foreign is not None:
            foreign.cancel()
        writer.terminate()
        output, _ = writer.communicate(timeout=30)
    assert "Index busy, retrying" in output
    assert "Index writer heartbeat: last drain" in output
    assert "Z INFO statements.index_writer" in output  # timestamped, levelled lines


@pytest.mark.django_db
def test_check_index_says_when_the_writer_is_not_running(settings, tmp_path):
    from io import StringIO

    settings.INDEX_QUEUE_EAGER = False
    settings.INDEX_WRITER_HEARTBEAT = str(tmp_path / "writer.json")
    heartbeat.beat(last_drain=time.time() - 900, backlog=7, written=10, errors=0)
    state = json.loads((tmp_path / "writer.json").read_text())
    state["at"] -= 900
    (tmp_path / "writer.json").write_text(json.dumps(state))
    out = StringIO()
    call_command("check_index", stdout=out)
    assert "Queue writer: NOT RUNNING (heartbeat too old)" in out.getvalue()
    assert "backlog 7" in out.getvalue()
