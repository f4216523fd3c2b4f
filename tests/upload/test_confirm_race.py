"""Two staff confirming different files of one meeting at once: the second gets the Replace prompt.
And the confirm message says when the statements become searchable, truthfully."""
import threading

from django.db import connection
import pytest

from statements import heartbeat, uploads
from statements.models import Meeting, Statement, Upload

from .conftest import latest_upload, post_upload, preview_url, text_file


def pdf_upload(client, data, name):
    post_upload(client, text_file(data, name=name))
    upload = latest_upload()
    assert upload.status == Upload.Status.PREVIEWED, upload.reason
    return upload


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirms_of_one_meeting_are_serialised(staff_client, shared_dir):
    original = (shared_dir / "transcripts" / "pdf" / "S-PV.8701.pdf").read_bytes()
    copy = original + b"\n% a second copy, other bytes\n%%EOF\n"
    first = pdf_upload(staff_client, original, "S-PV.8701.pdf")
    second = pdf_upload(staff_client, copy, "S-PV.8701 (copy).pdf")
    assert first.sha256 != second.sha256
    start = threading.Barrier(2)
    outcomes = {}

    def confirm(upload):
        try:
            start.wait()
            uploads.confirm(upload)
            outcomes[upload.pk] = "saved"
        except uploads.UploadRejected as exc:
            outcomes[upload.pk] = str(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(u,)) for u in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(outcomes) == 2 and list(outcomes.values()).count("saved") == 1, outcomes
    refused = next(message for message in outcomes.values() if message != "saved")
    assert "already in the portal: choose Replace" in refused
    statuses = sorted(Upload.objects.values_list("status", flat=True))
    assert statuses == [Upload.Status.CONFIRMED, Upload.Status.PREVIEWED]
    assert Meeting.objects.count() == 1
    meeting = Meeting.objects.get()
    assert Statement.objects.filter(meeting=meeting).count() == Statement.objects.count() > 0


@pytest.mark.django_db
@pytest.mark.parametrize("eager, writer, words", [
    (True, None, "Its statements are searchable now."),
    (False, "fresh", "queued for the index and become searchable within seconds"),
    (False, "old", "the index writer (process_index_queue) is not running"),
    (False, None, "the index writer (process_index_queue) is not running"),
])
def test_confirm_message_says_when_statements_become_searchable(
        staff_client, settings, tmp_path, eager, writer, words):
    settings.INDEX_QUEUE_EAGER = eager
    settings.INDEX_WRITER_HEARTBEAT = str(tmp_path / "writer.json")
    if writer:
        heartbeat.beat(last_drain=None, backlog=0, written=0, errors=0)
        if writer == "old":
            import json
            import time

            state = json.loads((tmp_path / "writer.json").read_text())
            state["at"] = time.time() - heartbeat.STALE_SECONDS - 1
            (tmp_path / "writer.json").write_text(json.dumps(state))
    post_upload(staff_client, text_file())
    upload = latest_upload()
    page = staff_client.post(preview_url(upload), {"action": "confirm"}, follow=True).content.decode()
    assert "Saved" in page and words in page.replace("&#x27;", "'")
    if not eager:
        assert "searchable now" not in page
