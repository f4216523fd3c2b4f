"""A first parser: speaker turns in a record's text.

It handles records without a cover page (the seed statements): each turn
starts with a label such as ``Mr. Umarov (Kazakhstan):``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
import re

from .citations import ResolutionRef, find_citations

HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr|Lord|Baroness|Archbishop|Cardinal|Prince|Princess|Sheikh|Sheikha)\.?"
LABEL_RE = re.compile(
    rf"^(?P<honorific>{HONORIFICS})\s+(?P<name>[^():\n]{{1,80}}?)"
    rf"(?:\s+\((?P<country>[^()\n]{{2,100}})\))?"
    rf"(?:\s+\(spoke in (?P<language>[A-Za-z]+)\))?:\s*",
    re.MULTILINE,
)
LANGUAGES = {"arabic": "ar", "chinese": "zh", "english": "en", "french": "fr",
             "russian": "ru", "spanish": "es"}


class RecordError(ValueError):
    """A record that cannot be parsed; the message says why, for a person."""


@dataclass
class ParsedStatement:
    order: int
    speaker: str
    honorific: str
    country: str | None
    text: str
    label: str = ""
    role: str = ""
    language: str = "en"
    on_behalf_of: str = ""
    resolutions: list[ResolutionRef] = field(default_factory=list)

    def to_dict(self):
        data = asdict(self)
        data["resolutions"] = [ref.to_dict() for ref in self.resolutions]
        return data


@dataclass
class ParsedMeeting:
    symbol: str
    number: int | None = None
    resumption: int = 0
    date: date | None = None
    time: str = ""
    place: str = ""
    agenda: str = ""
    president: dict | None = None
    members: list[dict] = field(default_factory=list)
    adopted: list[ResolutionRef] = field(default_factory=list)

    def to_dict(self):
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["adopted"] = [ref.to_dict() for ref in self.adopted]
        return data


@dataclass
class ParsedProcedure:
    order: int
    text: str


@dataclass
class ParsedRecord:
    meeting: ParsedMeeting | None
    statements: list[ParsedStatement]
    procedural: list[ParsedProcedure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self):
        return {
            "meeting": self.meeting.to_dict() if self.meeting else None,
            "statements": [s.to_dict() for s in self.statements],
            "procedural": [asdict(p) for p in self.procedural],
            "warnings": list(self.warnings),
        }


def parse_file(path):
    path = Path(path)
    if path.suffix.lower() != ".txt":
        raise RecordError(f"{path.name}: not a text record (.txt)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(f"{path.name}: not UTF-8 text ({exc.reason})") from exc
    return parse_text(text)


def parse_upload(data: bytes, filename: str) -> ParsedRecord:
    """Parse an uploaded record: a PDF (by its ``%PDF`` magic bytes) or UTF-8 text."""
    if not data:
        raise RecordError("the file is empty")
    if data.startswith(b"%PDF"):
        text = _pdf_text(data)
    else:
        if b"\0" in data[:4096]:
            raise RecordError("not a PDF or a text file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return parse_text(text)


def _pdf_text(data):
    import pymupdf

    try:
        with pymupdf.open(stream=data, filetype="pdf") as document:
            # PyMuPDF quietly rebuilds a damaged file; half a record is still a bad upload.
            if document.is_repaired:
                raise RecordError("the PDF is truncated or corrupt")
            pages = [page.get_text("text") for page in document]
    except RecordError:
        raise
    except Exception as exc:  # PyMuPDF raises its own types (and RuntimeError) for bad files
        raise RecordError(f"the PDF cannot be read (truncated or corrupt?): {exc}") from exc
    if not any(page.strip() for page in pages):
        raise RecordError("no text layer: scanned PDF?")
    return "\f".join(pages)


def parse_text(text):
    matches = list(LABEL_RE.finditer(text))
    if not matches:
        raise RecordError("no speaker turn found (a turn starts like 'Mr. Name (Country):')")
    statements = []
    for order, (match, nxt) in enumerate(zip(matches, matches[1:] + [None]), start=1):
        body = text[match.end(): nxt.start() if nxt else len(text)]
        body = _reflow(body)
        language = (match["language"] or "english").lower()
        statements.append(
            ParsedStatement(
                order=order,
                speaker=match["name"].strip(),
                honorific=match["honorific"],
                country=match["country"],
                label=match.group(0).rstrip().rstrip(":"),
                language=LANGUAGES.get(language, "other"),
                text=body,
                resolutions=find_citations(body),
            )
        )
    return ParsedRecord(meeting=None, statements=statements)


def _reflow(body):
    """Join the lines of each paragraph; paragraphs are separated by blank lines."""
    paragraphs = re.split(r"\n\s*\n", body.strip())
    return "\n\n".join(re.sub(r"\s*\n\s*", " ", p).strip() for p in paragraphs if p.strip())
