"""Bad uploads get a clear message on the form and change nothing: database, index, files."""
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
import pymupdf
import pytest

from statements.models import Upload

from .conftest import RECORD, PortalState, latest_upload, post_upload

pytestmark = pytest.mark.django_db


def pdf_bytes(build):
    document = pymupdf.open()
    build(document)
    return document.tobytes()


def png_bytes():
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pixmap.clear_with(180)
    return pixmap.tobytes("png")


def scanned_page(document):
    page = document.new_page()
    page.insert_image(pymupdf.Rect(50, 50, 550, 750), stream=png_bytes())


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("record.txt", RECORD)
    return buffer.getvalue()


def real_pdf(shared_dir, name="S-PV.8701.pdf"):
    return (shared_dir / "transcripts" / "pdf" / name).read_bytes()


BAD_UPLOADS = {
    # name: (filename, bytes or a function of shared_dir, words the message must hold)
    "empty file": ("S-PV.8701.pdf", b"", "empty"),
    "PNG image": ("scan.png", png_bytes(), "PNG image, not a PDF or text"),
    "PNG renamed .pdf": ("S-PV.8701.pdf", png_bytes(), "PNG image, not a PDF or text"),
    "ZIP renamed .pdf": ("S-PV.8701.pdf", zip_bytes(), "ZIP archive"),
    "neither PDF nor text": ("record.pdf", b"Lorem ipsum with no PDF header", "not a PDF"),
    "Word-like suffix": ("record.doc", RECORD.encode(), "PDF or a text file"),
    "scanned PDF (image only)": ("scan.pdf", pdf_bytes(scanned_page), "no text layer"),
    "PDF with an empty page": ("blank.pdf", pdf_bytes(lambda d: d.new_page()), "no text layer"),
    "truncated PDF": ("S-PV.8701.pdf", lambda shared: real_pdf(shared)[: len(real_pdf(shared)) // 2],
                      "truncated"),
    "PDF cut in the middle, end kept": (
        "S-PV.8701.pdf",
        lambda shared: real_pdf(shared)[:200_000] + real_pdf(shared)[-1_000:],
        "truncated or damaged"),
    "no speaker turn": ("record.txt", b"The meeting was called to order.\n\nThe agenda was adopted.\n",
                        "no speaker turn"),
    "not UTF-8": ("record.txt", "Mr. Périer (France): Merci.\n".encode("cp1252"), "not UTF-8"),
    "binary text file": ("record.txt", b"Mr. A (France): \x00\x01\x02", "binary"),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_upload_gets_a_message_and_changes_nothing(case, seeds, staff_client, shared_dir, media_root):
    filename, data, message = BAD_UPLOADS[case]
    if callable(data):
        data = data(shared_dir)
    before = PortalState.now()
    assert before.documents == 2  # the seeds are indexed: "unchanged" means something

    response = post_upload(staff_client, SimpleUploadedFile(filename, data))

    assert response.status_code == 200  # the form again, never a 500
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors, errors
    assert message in response.content.decode().replace("&#x27;", "'")
    assert PortalState.now() == before
    # The attempt is kept as an audit trail, without the file.
    upload = latest_upload()
    assert upload.status == Upload.Status.REJECTED and upload.filename == filename
    assert upload.reason == errors and not upload.file
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_file_over_the_size_limit_is_refused_before_reading(seeds, staff_client, settings):
    settings.UPLOAD_MAX_BYTES = 1_000
    before = PortalState.now()
    response = post_upload(staff_client, SimpleUploadedFile("big.txt", (RECORD * 10).encode()))
    errors = " ".join(response.context["form"].errors["file"])
    assert "the limit is 1,000 bytes" in errors
    assert PortalState.now() == before
    upload = latest_upload()
    assert upload.status == Upload.Status.REJECTED and upload.sha256 == ""  # never read


def test_size_limit_comes_from_the_environment():
    from django.conf import settings

    assert settings.UPLOAD_MAX_BYTES == 25 * 1024 * 1024  # UPLOAD_MAX_MB, default 25


def test_no_file_chosen_is_a_form_error(staff_client):
    response = staff_client.post("/admin/statements/upload/add/", {})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Upload.objects.exists()
