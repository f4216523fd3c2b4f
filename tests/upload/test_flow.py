"""Upload → preview → confirm (or cancel, or replace), driven through the admin as staff do."""
import hashlib

import pytest

from statements.models import Statement, Upload

from .conftest import (EDITED_RECORD, RECORD, PortalState, latest_upload, post_upload, preview_url,
                       text_file)

pytestmark = pytest.mark.django_db


def upload_record(client, text=RECORD, name="record.txt"):
    response = post_upload(client, text_file(text, name))
    upload = latest_upload()
    assert response.status_code == 302 and response["Location"] == preview_url(upload)
    return upload


def search(client, query):
    return client.get("/api/search", {"q": query}).json()


def test_preview_shows_what_the_record_holds_and_saves_nothing(seeds, staff_client, media_root):
    before = PortalState.now()
    upload = upload_record(staff_client)

    assert upload.status == Upload.Status.PREVIEWED and upload.uploaded_by.username == "clerk"
    assert upload.sha256 == hashlib.sha256(RECORD.encode()).hexdigest()
    assert upload.size == len(RECORD.encode())
    assert (media_root / upload.file.name).read_bytes() == RECORD.encode()
    assert PortalState.now() == before

    page = staff_client.get(preview_url(upload))
    html = page.content.decode()
    preview = page.context["preview"]
    assert preview.statement_count == 2
    assert [(s.label, s.country) for s in preview.speakers] == [("Mr. Dubois", "France"),
                                                                ("Ms. Okafor", "Niger")]
    assert preview.resolutions == ["S/RES/2165 (2014)", "S/RES/2504 (2020)"]
    for text in ("Mr. Dubois", "France", "Ms. Okafor", "Niger", "S/RES/2504 (2020)",
                 'id="statement-count">2<', "Confirm and save", "Cancel"):
        assert text in html
    assert "already in the portal" not in html
    assert PortalState.now() == before


def test_confirm_saves_all_statements_and_makes_them_searchable(seeds, staff_client):
    upload = upload_record(staff_client)
    assert search(staff_client, "quixotic")["count"] == 0

    response = staff_client.post(preview_url(upload), {"action": "confirm"})

    assert response.status_code == 302
    upload.refresh_from_db()
    assert upload.status == Upload.Status.CONFIRMED and upload.confirmed_at
    saved = Statement.objects.filter(source="record.txt").order_by("order")
    assert [s.speaker_label for s in saved] == ["Mr. Dubois (France)", "Ms. Okafor (Niger) (spoke in French)"]
    assert {r.key for r in saved[1].resolutions.all()} == {"sc-2165"}
    found = search(staff_client, "quixotic")
    assert found["count"] == 1 and found["results"][0]["speaker"] == "Ms. Okafor (Niger) (spoke in French)"
    # And through the search page people use.
    assert f'href="/statements/{saved[1].pk}/"' in staff_client.get("/search/", {"q": "quixotic"}).content.decode()

    outcome = staff_client.get(preview_url(upload)).content.decode()
    assert "Its statements are searchable now" in outcome
    assert f'href="{saved[0].get_absolute_url()}"' in outcome


def test_confirm_is_one_transaction(seeds, staff_client, monkeypatch):
    """A failure half-way through saving leaves no meeting, statement or index document."""
    from statements import ingest

    upload = upload_record(staff_client)
    before = PortalState.now()

    def fail_after_saving(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest.indexing, "schedule", fail_after_saving)  # runs after the rows are written
    with pytest.raises(RuntimeError):
        staff_client.post(preview_url(upload), {"action": "confirm"})
    assert PortalState.now() == before
    upload.refresh_from_db()
    assert upload.status == Upload.Status.PREVIEWED


def test_cancel_saves_nothing_and_drops_the_file(seeds, staff_client, media_root):
    before = PortalState.now()
    upload = upload_record(staff_client)
    stored = media_root / upload.file.name

    response = staff_client.post(preview_url(upload), {"action": "cancel"})

    assert response.status_code == 302 and response["Location"] == "/admin/statements/upload/add/"
    assert PortalState.now() == before
    upload.refresh_from_db()
    assert upload.status == Upload.Status.CANCELLED and not upload.file and not stored.exists()
    # A cancelled upload cannot be confirmed afterwards.
    staff_client.post(preview_url(upload), {"action": "confirm"})
    assert PortalState.now() == before


def test_confirming_twice_saves_once(staff_client):
    upload = upload_record(staff_client)
    staff_client.post(preview_url(upload), {"action": "confirm"})
    pks = list(Statement.objects.values_list("pk", flat=True))
    response = staff_client.post(preview_url(upload), {"action": "confirm"}, follow=True)
    assert "This upload is confirmed" in response.content.decode()
    assert list(Statement.objects.values_list("pk", flat=True)) == pks


def test_record_already_in_portal_is_replaced_keeping_permalinks(staff_client):
    first = upload_record(staff_client)
    staff_client.post(preview_url(first), {"action": "confirm"})
    before = {s.speaker_label: s.pk for s in Statement.objects.all()}

    second = upload_record(staff_client, EDITED_RECORD)
    page = staff_client.get(preview_url(second)).content.decode()
    assert "is already in the portal (2 statements)" in page
    assert "Replace the record in the portal" in page and "Confirm and save" not in page

    # Confirm without Replace is refused and changes nothing.
    refused = staff_client.post(preview_url(second), {"action": "confirm"}, follow=True).content.decode()
    assert "already in the portal: choose Replace" in refused
    assert Statement.objects.get(pk=before["Ms. Okafor (Niger) (spoke in French)"]).text.endswith("negotiations.")

    staff_client.post(preview_url(second), {"action": "replace"})
    after = {s.speaker_label: s.pk for s in Statement.objects.all()}
    assert after == before  # the unchanged statement and the edited one keep their permalinks
    edited = Statement.objects.get(pk=before["Ms. Okafor (Niger) (spoke in French)"])
    assert "which is overdue" in edited.text
    assert search(staff_client, "overdue")["count"] == 1
    second.refresh_from_db()
    assert second.status == Upload.Status.CONFIRMED


def test_meeting_record_links_to_its_meeting_page(staff_client, shared_dir):
    """A record with a cover page becomes a meeting."""
    path = shared_dir / "transcripts" / "text" / "S-PV.8700.txt"
    upload = upload_record(staff_client, path.read_bytes(), path.name)
    preview = staff_client.get(preview_url(upload)).context["preview"]
    assert preview.meeting is not None, "the parser read no cover page"
    assert preview.meeting.symbol == "S/PV.8700"
    staff_client.post(preview_url(upload), {"action": "confirm"})
    upload.refresh_from_db()
    outcome = staff_client.get(preview_url(upload)).content.decode()
    assert f'href="{upload.meeting.get_absolute_url()}"' in outcome
    assert staff_client.get(upload.meeting.get_absolute_url()).status_code == 200

    again = upload_record(staff_client, path.read_bytes(), path.name)
    page = staff_client.get(preview_url(again))
    assert page.context["preview"].existing == upload.meeting
    assert "is already in the portal" in page.content.decode()


def test_original_file_is_for_staff_only(staff_client, client):
    upload = upload_record(staff_client)
    download = staff_client.get(f"/admin/statements/upload/{upload.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == RECORD.encode()
    assert 'attachment; filename="record.txt"' in download["Content-Disposition"]
    staff_client.logout()
    assert staff_client.get(f"/admin/statements/upload/{upload.pk}/file/").status_code == 302
    assert staff_client.get(f"/media/{upload.file.name}").status_code == 404  # never served publicly


def test_preview_says_when_the_same_file_was_confirmed_before(staff_client):
    first = upload_record(staff_client)
    staff_client.post(preview_url(first), {"action": "confirm"})
    second = upload_record(staff_client)
    page = staff_client.get(preview_url(second)).content.decode()
    assert 'id="same-file">This very file (same SHA-256) was confirmed on' in page
    assert "by clerk" in page


def test_preview_finds_the_meeting_already_in_the_portal():
    """Same symbol and resumption is the same record, whatever the file is called."""
    from statements.models import Meeting
    from statements.parser import ParsedMeeting, parse_text
    from statements.uploads import describe

    meeting = Meeting.objects.create(symbol="S/PV.9000")
    record = parse_text(RECORD)
    upload = Upload(filename="whatever.pdf", sha256="0" * 64)
    record.meeting = ParsedMeeting(symbol="S/PV.9000")
    assert describe(upload, record).existing == meeting
    record.meeting = ParsedMeeting(symbol="S/PV.9000", resumption=1)
    preview = describe(upload, record)
    assert preview.existing is None and not preview.already_in_portal


def test_upload_pages_in_the_admin(staff_client, media_root):
    upload = upload_record(staff_client)
    listing = staff_client.get("/admin/statements/upload/").content.decode()
    assert "record.txt" in listing and "Awaiting confirmation" in listing
    detail = staff_client.get(f"/admin/statements/upload/{upload.pk}/change/").content.decode()
    assert f'href="/admin/statements/upload/{upload.pk}/file/">record.txt' in detail
    assert f'href="{preview_url(upload)}">Preview and confirm' in detail
    # A kept file that went missing is a message, not a 500.
    (media_root / upload.file.name).unlink()
    page = staff_client.get(preview_url(upload))
    assert page.status_code == 200 and "The kept file cannot be read" in page.content.decode()


def test_uploads_left_at_the_preview_expire_and_lose_their_file(staff_client, media_root,
                                                                 django_capture_on_commit_callbacks):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    stale, fresh, confirmed = (upload_record(staff_client, RECORD.replace("quixotic", word), f"{word}.txt")
                               for word in ("stale", "fresh", "kept"))
    staff_client.post(preview_url(confirmed), {"action": "confirm"})
    Upload.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(
        uploaded_at=timezone.now() - timedelta(hours=30))
    files = {u.pk: media_root / Upload.objects.get(pk=u.pk).file.name for u in (stale, fresh, confirmed)}
    before = PortalState.now()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_uploads", "--hours", "24", stdout=out)

    assert "Cancelled 1 upload(s)" in out.getvalue()
    status = dict(Upload.objects.values_list("pk", "status"))
    assert status == {stale.pk: Upload.Status.CANCELLED, fresh.pk: Upload.Status.PREVIEWED,
                      confirmed.pk: Upload.Status.CONFIRMED}
    assert not files[stale.pk].exists() and files[fresh.pk].exists() and files[confirmed.pk].exists()
    assert PortalState.now() == before  # the confirmed record's statements stay
