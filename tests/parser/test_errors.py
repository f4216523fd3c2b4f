"""Bad files give a ``RecordError`` with a reason a person can act on."""
import pymupdf
import pytest

from statements.parser import RecordError, parse_file, parse_upload

LABELLED = "Mr. Umarov (Kazakhstan): We thank the presidency.\n"


def make_pdf(text=None):
    doc = pymupdf.open()
    page = doc.new_page()
    if text:
        page.insert_text((72, 72), text)
    else:
        page.draw_rect(pymupdf.Rect(50, 50, 300, 300), fill=(0.5, 0.5, 0.5))  # a "scan"
    return doc.tobytes()


@pytest.mark.parametrize("data, name, reason", [
    (b"", "a.txt", "empty"),
    (b"  \n\n ", "a.txt", "empty"),
    (b"caf\xe9 Mr. A (B): x", "a.txt", "not UTF-8"),
    (b"PK\x03\x04\x00\x00binary", "a.txt", "binary"),
    (b"hello", "a.pdf", "not a PDF"),
    ("Mr. A (B): x".encode("utf-16"), "a.txt", "UTF-16"),
    (b"The Council met and nothing was said.\n", "a.txt", "no speaker turn"),
])
def test_bad_uploads(data, name, reason):
    with pytest.raises(RecordError, match=reason):
        parse_upload(data, name)


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(RecordError, match="no text layer"):
        parse_upload(make_pdf(), "scan.pdf")


def test_truncated_pdf():
    data = make_pdf(LABELLED)
    for cut in (len(data) // 2, len(data) - 12):
        with pytest.raises(RecordError, match="truncated|damaged"):
            parse_upload(data[:cut], "cut.pdf")


def test_corrupt_pdf():
    with pytest.raises(RecordError, match="damaged|truncated|cannot be opened"):
        parse_upload(b"%PDF-1.7\n" + b"\x00garbage" * 50, "bad.pdf")


def test_pdf_sniffed_by_magic_bytes_whatever_the_name():
    record = parse_upload(make_pdf(LABELLED), "upload.txt")
    assert record.statements[0].speaker == "Umarov"


def test_text_upload():
    record = parse_upload(("\ufeff" + LABELLED).encode("utf-8"), "seed.txt")
    assert record.statements[0].label == "Mr. Umarov (Kazakhstan)"


def test_parse_file_rejects_other_files(tmp_path):
    path = tmp_path / "record.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(RecordError, match="not a meeting record file"):
        parse_file(path)
    with pytest.raises(RecordError, match="cannot be read"):
        parse_file(tmp_path / "missing.txt")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(RecordError, match="empty"):
        parse_file(empty)
