"""Turn meeting records (PDF or extracted text) into meetings and statements.

The parser knows nothing of the database: it returns plain dataclasses that
``statements.ingest`` saves. Modules: ``pdf`` (text of a PDF), ``furniture``
(page headers, page and job numbers, the corrections notice), ``text`` (reflow,
line-end hyphens, glued words), ``cover`` (the cover page), ``turns`` (speaker
labels), ``runon`` (a label a scan ran on to the line before), ``order`` (a
floor-giving line an extractor misplaced), ``interleaved`` (two columns' blocks
printed in the order of their bottom edges), ``speakers`` (briefers' offices,
groups), ``procedural``, ``citations``, ``records`` (the dataclasses and the parse).
"""
from .citations import ResolutionRef, find_citations, ref_from_parts  # noqa: F401
from .errors import RecordError  # noqa: F401
from .records import (  # noqa: F401
    ParsedMeeting,
    ParsedProcedure,
    ParsedRecord,
    ParsedStatement,
    decode_text,
    parse_bytes,
    parse_file,
    parse_pdf_bytes,
    parse_text,
    parse_upload,
)
