"""``manage.py reparse``: kept uploads parsed again and re-ingested, idempotent, permalinks kept."""
import io

from django.core.management import CommandError, call_command
import pytest

from statements.models import Statement, Upload

from .conftest import latest_upload, post_upload, preview_url, text_file

pytestmark = pytest.mark.django_db


def reparse(*args):
    out = io.StringIO()
    call_command("reparse", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def confirmed(staff_client):
    post_upload(staff_client, text_file())
    upload = latest_upload()
    staff_client.post(preview_url(upload), {"action": "confirm"})
    upload.refresh_from_db()
    assert upload.status == Upload.Status.CONFIRMED
    return upload


def snapshot():
    return list(Statement.objects.order_by("pk").values_list("pk", "speaker_label", "text"))


def test_reparse_changes_nothing_when_the_parser_did_not_change(confirmed, django_capture_on_commit_callbacks):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = reparse()
    assert f"upload {confirmed.pk}: record.txt: 0 new, 0 updated, 2 unchanged, 0 removed" in output
    assert snapshot() == before and not callbacks  # no index write either
    confirmed.refresh_from_db()
    assert confirmed.parsed_at >= confirmed.confirmed_at


def test_reparse_restores_what_the_record_holds_keeping_permalinks(
        confirmed, staff_client, django_capture_on_commit_callbacks):
    before = snapshot()
    kept, lost = Statement.objects.order_by("order")
    with django_capture_on_commit_callbacks(execute=True):
        Statement.objects.filter(pk=kept.pk).update(text="vandalised")
        lost.delete()
    assert staff_client.get("/api/search", {"q": "quixotic"}).json()["count"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        output = reparse(str(confirmed.pk))

    assert "1 new, 1 updated, 0 unchanged, 0 removed" in output
    after = snapshot()
    assert after[0] == before[0]  # the permalink of the surviving statement is unchanged
    assert after[1][1:] == before[1][1:]
    found = staff_client.get("/api/search", {"q": "quixotic"}).json()["results"]
    assert [r["url"] for r in found] == [f"http://testserver/statements/{after[1][0]}/"]
    assert reparse().count("2 unchanged") == 1  # idempotent


def test_reparse_skips_uploads_that_were_never_confirmed(staff_client):
    post_upload(staff_client, text_file())
    assert reparse() == "" and not Statement.objects.exists()
    with pytest.raises(CommandError, match="No confirmed upload with id"):
        reparse(str(latest_upload().pk))


def test_dry_run_saves_nothing(confirmed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Statement.objects.all().delete()
    assert "record.txt: 2 statements" in reparse("--dry-run")
    assert not Statement.objects.exists()


def test_a_better_parser_finding_the_meeting_keeps_the_permalinks(confirmed, staff_client,
                                                                django_capture_on_commit_callbacks):
    """Saved under its file name by a parser that read no cover page, a record moves to its
    meeting when re-parsed by one that does, and its statements keep their ids."""
    from statements.parser import ParsedMeeting, parse_text
    from statements.uploads import reingest

    from .conftest import RECORD

    before = snapshot()
    record = parse_text(RECORD)
    record.meeting = ParsedMeeting(symbol="S/PV.9000")
    with django_capture_on_commit_callbacks(execute=True):
        result = reingest(confirmed, record)
    assert (result.created, result.removed) == (0, 0)
    assert snapshot() == before
    assert set(Statement.objects.values_list("meeting__symbol", "source")) == {("S/PV.9000", "")}
    confirmed.refresh_from_db()
    assert confirmed.meeting.symbol == "S/PV.9000" and confirmed.source == ""
    found = staff_client.get("/api/search", {"q": "quixotic"}).json()["results"]
    assert found[0]["meeting"] == "S/PV.9000"  # the index follows the move
