"""Staff in a real browser: log in, upload a real PDF record, preview, confirm, find it in search."""
from pathlib import Path

from django.contrib.auth.models import User
import pytest

from statements.models import Statement, Upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_DIR = Path(__file__).resolve().parents[3] / "shared" / "transcripts" / "pdf"


@pytest.fixture
def signed_in(live_server, page, transactional_db):
    User.objects.create_superuser("editor", password="a-long-test-password")
    page.goto(live_server.url + "/admin/login/?next=/admin/statements/meeting/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/statements/meeting/")
    return page


def upload_and_confirm(page, name, artifacts_dir):
    page.get_by_role("link", name="Upload a record").click()
    page.get_by_label("Meeting record").set_input_files(str(PDF_DIR / name))
    page.get_by_role("button", name="Read and preview").click()
    page.wait_for_url("**/preview/")
    count = int(page.locator("#statement-count").inner_text())
    assert Statement.objects.count() == 0  # the preview saved nothing
    page.screenshot(path=str(artifacts_dir / "upload-preview.png"), full_page=True)
    page.get_by_role("button", name="Confirm and save").click()
    page.wait_for_selector(".messagelist .success")
    assert "searchable now" in page.locator(".messagelist").inner_text()
    return count


def find_in_search(page, live_server, query):
    page.goto(live_server.url + "/search/?q=" + query)
    return page.locator("li.result")


def test_staff_upload_a_pdf_and_find_a_statement_in_search(live_server, signed_in, artifacts_dir):
    page = signed_in
    count = upload_and_confirm(page, "S-PV.8700.pdf", artifacts_dir)
    page.screenshot(path=str(artifacts_dir / "upload-confirmed.png"), full_page=True)

    upload = Upload.objects.get()
    assert upload.status == Upload.Status.CONFIRMED and upload.filename == "S-PV.8700.pdf"
    assert Statement.objects.filter(procedural=False).count() == count >= 10
    results = find_in_search(page, live_server, "penholders")
    assert results.count() >= 1
    assert any("Pecsteen de Buytswerve" in text for text in results.all_inner_texts())
    page.screenshot(path=str(artifacts_dir / "upload-found-in-search.png"), full_page=True)


def test_staff_upload_the_two_page_record_and_open_its_meeting(live_server, signed_in, artifacts_dir):
    page = signed_in
    page.get_by_role("link", name="Upload a record").click()
    page.get_by_label("Meeting record").set_input_files(str(PDF_DIR / "S-PV.8701.pdf"))
    page.get_by_role("button", name="Read and preview").click()
    page.wait_for_url("**/preview/")
    preview_text = page.locator("#record-summary").inner_text()
    assert "S/PV.8701" in preview_text and "13 January 2020" in preview_text
    assert "Viet Nam" in preview_text
    page.get_by_role("button", name="Confirm and save").click()
    page.wait_for_selector(".messagelist .success")

    page.locator("#meeting-link").click()
    page.wait_for_url("**/meetings/S-PV.8701/")
    assert "8701st meeting" in page.locator("h1").inner_text()
    assert "S/PV.8701" in page.locator("main").inner_text()
    results = find_in_search(page, live_server, "unanimously")
    assert results.count() == 1 and "2505" in results.first.inner_text()
    page.screenshot(path=str(artifacts_dir / "upload-8701.png"), full_page=True)
