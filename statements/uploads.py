"""Record uploads: check a file, show what it holds, then save it or leave everything as it was.

The flow the admin drives (``statements.admin.UploadAdmin``):

1. ``receive`` checks the file (size, type, integrity) before any parsing, parses it,
   and keeps it in an ``Upload`` row with status ``previewed``. Nothing else is saved.
2. ``load_preview`` parses the kept bytes again and says what they hold and whether
   the meeting is already in the portal.
3. ``confirm`` saves the meeting and its statements in one transaction through
   ``statements.ingest`` (permalinks of unchanged statements survive a replace);
   ``cancel`` drops the file. A rejected upload is kept, without its file, as an
   audit trail.

``reingest`` is shared with ``manage.py reparse``.
"""
from dataclasses import dataclass, field
import hashlib
import logging
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from . import indexing
from .countries import canonical
from .ingest import IngestResult, ingest_record, save_meeting
from .models import Meeting, Statement, Upload
from .parser import ParsedRecord, RecordError
from .upload_limits import ParseRefused, parse_limited

log = logging.getLogger(__name__)
PDF_MAGIC = b"%PDF"
TEXT_SUFFIXES = {".txt", ".text"}
# Signatures of files staff might pick by mistake, named so the message can say what it is.
OTHER_FORMATS = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"PK\x03\x04": "a ZIP archive (or a Word or Excel file)",
    b"\xd0\xcf\x11\xe0": "an old Word or Excel file",
    b"{\\rtf": "an RTF document",
}


class UploadRejected(Exception):
    """An upload that cannot be used; the message says why, for the person uploading."""


def size_limit_message(size):
    limit = settings.UPLOAD_MAX_BYTES
    return (f"The file is {_megabytes(size)}; the limit is {_megabytes(limit)}. "
            "Upload the record alone, without attachments.")


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def check_file(data: bytes, filename: str) -> str:
    """Refuse what is plainly not a whole record: ``"pdf"`` or ``"text"``, else ``UploadRejected``."""
    if not data:
        raise UploadRejected("The file is empty.")
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise UploadRejected(size_limit_message(len(data)))
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(PDF_MAGIC):
        # A whole PDF ends with %%EOF; readers look for it in the last kilobyte or so.
        if b"%%EOF" not in data[-2048:]:
            raise UploadRejected(
                "The PDF is truncated: it stops before its end. Upload the whole file again.")
        return "pdf"
    for magic, kind in OTHER_FORMATS.items():
        if data.startswith(magic):
            raise UploadRejected(f"This file is {kind}, not a PDF or text meeting record.")
    if suffix == ".pdf":
        raise UploadRejected("This file is named .pdf but is not a PDF (it does not start with %PDF).")
    if suffix not in TEXT_SUFFIXES:
        raise UploadRejected("Upload a meeting record as a PDF or a text file (.txt).")
    text = as_utf8(data)
    if b"\x00" in text:
        raise UploadRejected("This file is not text: it holds binary data.")
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UploadRejected(
            f"The text is not UTF-8 (byte {exc.start} cannot be read). Save it as UTF-8 and upload it again."
        ) from exc
    return "text"


UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def utf16_encoding(data: bytes):
    """``utf-16-le``/``-be`` for a UTF-16 text (with a byte-order mark, or plainly ASCII-range
    text with every other byte zero, as Windows' "Unicode" saves it), else ``None``."""
    for bom, encoding in UTF16_BOMS.items():
        if data.startswith(bom):
            return encoding
    head = data[:4096]
    if len(head) >= 64 and len(head) % 2 == 0:
        if head[1::2].count(0) > 0.9 * len(head) / 2 and head[0::2].count(0) == 0:
            return "utf-16-le"
        if head[0::2].count(0) > 0.9 * len(head) / 2 and head[1::2].count(0) == 0:
            return "utf-16-be"
    return None


def as_utf8(data: bytes) -> bytes:
    """A UTF-16 text record re-encoded as UTF-8 (the parser reads UTF-8); other bytes unchanged."""
    encoding = utf16_encoding(data)
    if encoding is None:
        return data
    try:
        return data.decode(encoding).lstrip("\ufeff").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise UploadRejected(
            f"The text is UTF-16 but damaged (byte {exc.start} cannot be read). "
            "Save it as UTF-8 and upload it again.") from exc


def parse(data: bytes, filename: str) -> ParsedRecord:
    """Check, then parse; every failure is an ``UploadRejected`` with a reason."""
    if check_file(data, filename) == "text":
        data = as_utf8(data)
    try:
        record = parse_limited(data, filename)
    except RecordError as exc:
        raise UploadRejected(f"The record cannot be read: {exc}.") from exc
    except ParseRefused as exc:
        raise UploadRejected(str(exc)) from exc
    if not record.statements:
        raise UploadRejected("The record cannot be read: no speaker turn found.")
    return record


def receive(uploaded_file, user) -> Upload:
    """Check and parse an uploaded file and keep it for the preview.

    Raises ``UploadRejected`` after keeping a ``rejected`` row (no file) for the audit trail.
    """
    filename = PurePath(uploaded_file.name or "record").name[:255]
    audit = {"filename": filename, "size": uploaded_file.size or 0, "uploaded_by": user}
    if uploaded_file.size > settings.UPLOAD_MAX_BYTES:  # refuse before reading it
        reason = size_limit_message(uploaded_file.size)
        Upload.objects.create(**audit, status=Upload.Status.REJECTED, reason=reason)
        raise UploadRejected(reason)
    data = uploaded_file.read()
    audit["sha256"] = hashlib.sha256(data).hexdigest()
    try:
        record = parse(data, filename)
    except UploadRejected as exc:
        Upload.objects.create(**audit, status=Upload.Status.REJECTED, reason=str(exc))
        raise
    except Exception as exc:  # a reader failing in a way no check foresaw: still an answer and a row
        log.exception("Upload %r could not be parsed", filename)
        reason = "The file could not be read (an unexpected error); it was not saved."
        Upload.objects.create(**audit, status=Upload.Status.REJECTED, reason=reason)
        raise UploadRejected(reason) from exc
    upload = Upload(**audit, status=Upload.Status.PREVIEWED, warnings=list(record.warnings))
    upload.source = "" if record.meeting else filename[:200]
    upload.file.save(filename, ContentFile(data), save=False)
    upload.save()
    return upload


def read_record(upload: Upload) -> ParsedRecord:
    """Parse the file an upload kept."""
    if not upload.file:
        raise UploadRejected("This upload kept no file.")
    try:
        with upload.file.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise UploadRejected(f"The kept file cannot be read ({exc.strerror or exc}); upload it again.") from exc
    return parse(data, upload.filename)


@dataclass
class SpeakerSummary:
    """A speaker as the preview lists them: label, country, number of turns."""

    label: str
    country: str
    turns: int = 1


@dataclass
class Preview:
    """What an upload holds, for staff to check before it is saved."""

    upload: Upload
    record: ParsedRecord
    existing: Meeting | None = None
    existing_statements: int = 0
    same_file: Upload | None = None  # an earlier confirmed upload of these very bytes
    speakers: list[SpeakerSummary] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)

    @property
    def meeting(self):
        return self.record.meeting

    @property
    def statement_count(self):
        return len(self.record.statements)

    @property
    def already_in_portal(self):
        return bool(self.existing_statements or self.existing)

    @property
    def president(self):
        president = (self.meeting.president or {}) if self.meeting else {}
        if not president.get("name"):
            return ""
        country = president.get("country")
        return f"{president['name']} ({canonical(country)[0]})" if country else president["name"]


def load_preview(upload: Upload) -> Preview:
    return describe(upload, read_record(upload))


def describe(upload: Upload, record: ParsedRecord) -> Preview:
    """What a parsed upload holds, and what of it the portal already has."""
    preview = Preview(upload=upload, record=record)
    if record.meeting:
        preview.existing = Meeting.objects.filter(
            symbol=record.meeting.symbol, resumption=record.meeting.resumption or 0
        ).first()
        if preview.existing:
            preview.existing_statements = preview.existing.statements.count()
    else:
        preview.existing_statements = Statement.objects.filter(
            meeting=None, source=upload.source).count()
    preview.same_file = (Upload.objects.filter(sha256=upload.sha256, status=Upload.Status.CONFIRMED)
                         .exclude(pk=upload.pk).select_related("uploaded_by").first())
    speakers = {}
    for statement in record.statements:
        country = canonical(statement.country)[0] if statement.country else ""
        key = (statement.speaker, country)
        if key in speakers:
            speakers[key].turns += 1
        else:
            label = f"{statement.honorific} {statement.speaker}".strip()
            speakers[key] = SpeakerSummary(label=label, country=country)
    preview.speakers = list(speakers.values())
    symbols = {}
    refs = [ref for s in record.statements for ref in s.resolutions]
    refs += record.meeting.adopted if record.meeting else []
    for ref in refs:
        symbols.setdefault(ref.key, ref.symbol)
    preview.resolutions = sorted(symbols.values())
    return preview


def confirm(upload: Upload, *, replace=False) -> IngestResult:
    """Save the upload's meeting and statements in one transaction.

    A record already in the portal is only saved with ``replace=True``.
    """
    with transaction.atomic():
        upload = Upload.objects.select_for_update().get(pk=upload.pk)
        if upload.status != Upload.Status.PREVIEWED:
            raise UploadRejected(f"This upload is {upload.get_status_display().lower()}; upload the file again.")
        record = read_record(upload)
        _lock_record(record, upload)  # a second confirm of this meeting waits here, then sees it saved
        preview = describe(upload, record)
        if preview.already_in_portal and not replace:
            raise UploadRejected(
                f"{_record_name(preview)} is already in the portal: choose Replace to update it.")
        result = reingest(upload, preview.record)
        upload.status = Upload.Status.CONFIRMED
        upload.confirmed_at = upload.parsed_at
        upload.save(update_fields=["status", "confirmed_at"])
    return result


# pg_advisory_xact_lock's first key: "confirming an upload of this meeting" (any constant of ours).
CONFIRM_LOCK_CLASS = 7316


def _lock_record(record: ParsedRecord, upload: Upload):
    """Hold, until the transaction ends, a lock on the meeting (or source) a record saves.

    Two staff confirming different files of one meeting at once: the second waits for the
    first to commit, then finds the meeting in the portal and gets the Replace prompt.
    SQLite serialises writing transactions by itself.
    """
    if connection.vendor != "postgresql":
        return
    if record.meeting:
        key = f"meeting:{record.meeting.symbol}:{record.meeting.resumption or 0}"
    else:
        key = f"source:{upload.source}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [CONFIRM_LOCK_CLASS, key])


def cancel(upload: Upload):
    """Drop an upload awaiting confirmation; its row stays, its file goes."""
    with transaction.atomic():
        upload = Upload.objects.select_for_update().get(pk=upload.pk)
        if upload.status != Upload.Status.PREVIEWED:
            raise UploadRejected(f"This upload is {upload.get_status_display().lower()} already.")
        name, storage = upload.file.name, upload.file.storage
        upload.status = Upload.Status.CANCELLED
        upload.file = ""
        upload.save(update_fields=["status", "file"])
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def reingest(upload: Upload, record: ParsedRecord) -> IngestResult:
    """Save a parsed record for an upload (confirm and ``reparse``); idempotent.

    When a better parser finds the meeting of a record first saved without one,
    its statements move to the meeting before ingest matches them, so their
    permalinks survive.
    """
    with transaction.atomic():
        if record.meeting and upload.source:
            meeting = save_meeting(record.meeting)
            orphans = Statement.objects.filter(meeting=None, source=upload.source)
            moved = list(orphans.values_list("pk", flat=True))
            orphans.update(meeting=meeting, source="")
            indexing.schedule(moved)
            upload.source = ""
        result = ingest_record(record, source=upload.source)
        upload.meeting = result.meeting
        upload.warnings = list(record.warnings)
        upload.parsed_at = timezone.now()
        upload.save(update_fields=["meeting", "source", "warnings", "parsed_at"])
    return result


def _record_name(preview):
    if preview.meeting:
        return preview.existing.full_symbol if preview.existing else preview.meeting.symbol
    return f"The record {preview.upload.source}"
