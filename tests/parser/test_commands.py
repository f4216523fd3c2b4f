"""``manage.py parse_transcript`` (no database) and the ingest command's progress output."""
import io
import json
from pathlib import Path
import subprocess
import sys

from django.core.management import call_command

from statements.management.commands.ingest import Progress, record_files

from .conftest import SHARED, needs_shared

REPO = Path(__file__).resolve().parents[2]


def test_parse_transcript_prints_json(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text("Mr. Umarov (Kazakhstan): We recall resolution 2341 (2017).\n", encoding="utf-8")
    out = io.StringIO()
    call_command("parse_transcript", str(path), stdout=out)
    data = json.loads(out.getvalue())
    assert data["meeting"] is None
    statement = data["statements"][0]
    assert {k: statement[k] for k in ("order", "speaker", "honorific", "country", "role", "language")} == \
        {"order": 1, "speaker": "Umarov", "honorific": "Mr.", "country": "Kazakhstan", "role": "",
         "language": "en"}
    assert statement["resolutions"][0]["symbol"] == "S/RES/2341 (2017)"
    assert set(data) == {"meeting", "statements", "procedural", "warnings"}


@needs_shared
def test_parse_transcript_of_a_pdf_keeps_non_ascii():
    out = io.StringIO()
    call_command("parse_transcript", str(SHARED / "transcripts" / "pdf" / "S-PV.8700.pdf"), stdout=out)
    assert '"Jürgenson"' in out.getvalue()
    assert json.loads(out.getvalue())["meeting"]["symbol"] == "S/PV.8700"


def test_parse_transcript_bad_file_exits_1_without_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = subprocess.run([sys.executable, "manage.py", "parse_transcript", str(path)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_progress_without_a_terminal_prints_one_line_per_file():
    stream = io.StringIO()
    progress = Progress(stream, 2)
    progress.step("a.pdf")
    progress.message("b.txt: the file is empty")
    progress.step("b.txt")
    assert stream.getvalue() == "[1/2] a.pdf\nb.txt: the file is empty\n[2/2] b.txt\n"


def test_record_files_expands_folders(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.pdf", "a.txt", "sub/c.TXT", "notes.md"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in record_files([tmp_path])]
    assert found == ["a.txt", "b.pdf", "sub/c.TXT"]
