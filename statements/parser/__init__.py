"""Turn meeting records (PDF or extracted text) into meetings and statements.

The parser knows nothing of the database: it returns plain dataclasses that
``statements.ingest`` saves.
"""
from .records import (  # noqa: F401
    ParsedMeeting,
    ParsedRecord,
    ParsedStatement,
    RecordError,
    parse_file,
    parse_text,
    parse_upload,
)
