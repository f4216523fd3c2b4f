"""Hostile uploads are parsed in a limited child process: refused with a reason and an
audit row, and the worker that received them does not grow."""
import os
import signal

import psutil
import pytest

from statements.models import Upload
from statements.parser import RecordError
from statements.upload_limits import ParseRefused, run_limited

from . import hostile
from .conftest import RECORD, latest_upload, post_upload, text_file

pytestmark = pytest.mark.django_db


def rss_mb():
    return psutil.Process().memory_info().rss / (1024 * 1024)


@pytest.fixture
def limits(settings):
    settings.UPLOAD_PARSE_MEMORY_MB = 512  # the default: the child imports PyMuPDF itself
    settings.UPLOAD_PARSE_CPU_SECONDS = 5
    return settings


def other_page_tree_loop():
    return hostile.pdf_from_objects({
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    })


HOSTILE = {
    # name: (file name, bytes factory, words the message must hold)
    "PDF bomb (1 GB inflated)": ("S-PV.9999.pdf", hostile.pdf_bomb, "more memory"),
    "page tree pointing to itself": ("loop.pdf", hostile.self_referencing_page_tree, "damaged"),
    "page tree loop through a child": ("loop2.pdf", other_page_tree_loop, "damaged"),
    "forms nested 5,000 deep": ("deep.pdf", hostile.deeply_nested_pdf, "damaged"),
    "arrays nested 100,000 deep": ("arrays.pdf", hostile.nested_arrays_pdf, "damaged"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_pdf_refused_with_a_reason_and_an_audit_row(name, staff_client, limits):
    filename, build, words = HOSTILE[name]
    data = build()
    before = rss_mb()
    response = post_upload(staff_client, text_file(data, name=filename))
    grown = rss_mb() - before
    assert response.status_code == 200
    upload = latest_upload()
    assert upload.status == Upload.Status.REJECTED and upload.filename == filename
    assert words in upload.reason, upload.reason
    assert "no text layer" not in upload.reason
    assert upload.reason in response.content.decode().replace("&#x27;", "'")
    assert not upload.file
    assert grown < 40, f"the worker grew by {grown:.0f} MB"


def test_self_referencing_page_tree_is_small(limits):
    assert len(hostile.self_referencing_page_tree()) < 700


def test_long_whitespace_text_is_refused_or_read_within_the_cpu_limit(staff_client, limits):
    data = RECORD.encode() + b"\n \t" * (4 * 1024 * 1024 // 3)
    before = rss_mb()
    response = post_upload(staff_client, text_file(data, name="blank.txt"))
    assert response.status_code == 200
    upload = latest_upload()
    assert upload.size > 4_000_000 and rss_mb() - before < 40
    assert upload.status == Upload.Status.REJECTED, "4 MB of whitespace is not a record"
    assert "not read" in upload.reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_record_is_read(encoding, staff_client):
    data = RECORD.encode(encoding)  # "utf-16" writes a byte-order mark, the others do not
    response = post_upload(staff_client, text_file(data, name="record.txt"))
    upload = latest_upload()
    assert upload.status == Upload.Status.PREVIEWED, upload.reason
    assert response.status_code == 302
    preview = staff_client.get(response["Location"]).content.decode()
    assert "Dubois" in preview and "Okafor" in preview


def test_damaged_utf16_gets_an_accurate_message(staff_client):
    data = b"\xff\xfe" + RECORD.encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate at the end
    post_upload(staff_client, text_file(data, name="record.txt"))
    upload = latest_upload()
    assert upload.status == Upload.Status.REJECTED
    assert "UTF-16" in upload.reason and "binary" not in upload.reason


def test_file_name_with_shell_metacharacters_kept_in_the_audit_row(staff_client):
    name = "S-PV 8701; rm -rf $(whoami) `id` & | > <x> 'q' \"d\".txt"
    post_upload(staff_client, text_file(b"\x89PNG not a record", name=name))
    rejected = latest_upload()
    assert rejected.filename == name and rejected.status == Upload.Status.REJECTED
    post_upload(staff_client, text_file(RECORD, name=name))
    kept = latest_upload()
    assert kept.status == Upload.Status.PREVIEWED and kept.filename == name
    assert kept.file and os.path.exists(kept.file.path)


# -- the limits themselves, one at a time ---------------------------------------------

def allocate(megabytes):
    return len(bytearray(megabytes * 1024 * 1024))


def spin():
    while True:
        pass


def huge_answer():
    return "x" * (8 * 1024 * 1024)


def crash():
    os.kill(os.getpid(), signal.SIGSEGV)


def refuse():
    raise RecordError("not a record")


def test_memory_limit_stops_the_child_not_the_worker():
    before = rss_mb()
    with pytest.raises(ParseRefused, match="more memory"):
        run_limited(allocate, 1024, memory_mb=128, cpu_seconds=5)
    assert rss_mb() - before < 20
    assert run_limited(allocate, 16, memory_mb=128, cpu_seconds=5) == 16 * 1024 * 1024


def test_cpu_limit_stops_a_child_that_never_ends():
    with pytest.raises(ParseRefused, match="more than 1 seconds"):
        run_limited(spin, memory_mb=64, cpu_seconds=1)


def test_output_limit_refuses_an_enormous_answer():
    with pytest.raises(ParseRefused, match="far more text"):
        run_limited(huge_answer, memory_mb=256, cpu_seconds=5, output_mb=1)


def test_a_crashing_reader_is_an_answer():
    with pytest.raises(ParseRefused):
        run_limited(crash, memory_mb=64, cpu_seconds=5)


def test_record_errors_come_back_as_record_errors():
    with pytest.raises(RecordError, match="not a record"):
        run_limited(refuse, memory_mb=64, cpu_seconds=5)
    assert not psutil.Process().children(), "no child left behind"
