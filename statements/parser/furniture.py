"""Page furniture: what the printer put around the speeches.

The cover page ends with the corrections notice, the job number (``20-00526 (E)``)
and a barcode (``*2000526*``); every other page carries a running header of the
record's symbol, its agenda title and its date (``08/01/2020``), a page number
(``2/18``) and the job number, in an order that alternates between odd and even
pages. Extractors lay the header out differently: one line per part (PyMuPDF,
pdfminer), or one line whose parts are joined by runs of spaces (``pdftotext
-layout``, and PyMuPDF on some records), in either order.

The header is recognised from the record's own parts, not from a fixed layout: a
line is split into segments at tabs and runs of spaces, and a header line is one
whose every segment is the symbol, a date, a page or job number, or a running
title. Running titles are learnt from the record: the cover's agenda title, and
text that stands beside the symbol or the date at the top of two or more pages.
"""
from collections import Counter
from dataclasses import dataclass, field
import re

from .text import fold

JOB_RE = re.compile(r"^\d{2} ?- ?\d{5}(?:\s*\([A-Z]\))?$")  # "20 - 01130": spaced by pdfminer
BARCODE_RE = re.compile(r"^\*\d{5,}\*$")
PAGE_RE = re.compile(r"^\d{1,3}/\d{1,3}$")
DATE_RE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
SYMBOL_RE = re.compile(r"^S/ ?PV\.\s?(?P<number>\d+)(?:\s*\((?:Resumption|Part)\s*(?P<part>\d+)\))?$")
SEGMENT_SPLIT_RE = re.compile(r"\t+|\s{2,}")
# The header's job number run on to the page's first line of speech (``20-26989 In conclusion, we``).
LEADING_JOB_RE = re.compile(r"^\d{2} ?- ?\d{5}(?: ?\([A-Z]\))? (?=\S)")
NOTICE_START = "This record contains the text of speeches"
NOTICE_END = "(http://documents.un.org)."
HEADER_LINES = 8  # non-blank lines at the top of a page where the running header may stand
TITLE_MAX = 200
TITLE_LINES = 5  # the running title is among a page's first lines (symbol, title, date, page, job)


def clean_line(line):
    """Drop the control characters (backspaces) PDFs leave beside page numbers."""
    return re.sub(r"[\x00-\x08\x0b-\x1f]", "", line)


def _is_number(segment):
    return bool(JOB_RE.match(segment) or BARCODE_RE.match(segment) or PAGE_RE.match(segment))


NUMBERS_LINE_RE = re.compile(r"^(?:\s*(?:\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{5,}\*|\d{1,3}/\d{1,3}))+\s*$")
# A header part at either end of a line whose parts are joined by single spaces.
EDGE_PART = (r"(?:S/ ?PV\.\s?\d+(?:\s*\((?:Resumption|Part)\s*\d+\))?|\d{2}/\d{2}/\d{4}|\d{1,3}/\d{1,3}"
             r"|\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{5,}\*)")
LEADING_PART_RE = re.compile(rf"^(?P<part>{EDGE_PART})(?:\s+|$)")
TRAILING_PART_RE = re.compile(rf"(?:^|\s+)(?P<part>{EDGE_PART})$")


def is_furniture(line):
    """A line of page furniture wherever it stands: job and page numbers, barcode (joined by
    tabs, runs of spaces, single spaces or a control character)."""
    parts = segments(line)
    return bool(parts) and (all(_is_number(part) for part in parts)
                            or bool(NUMBERS_LINE_RE.match(" ".join(parts))))


def peel(line):
    """(parts, middle): the header parts (symbol, dates, numbers) at the ends of ``line``, as
    layouts that join a header with single spaces print it, and the text left between them."""
    rest = " ".join(segments(line))
    parts = []
    while rest:
        m = LEADING_PART_RE.match(rest) or TRAILING_PART_RE.search(rest)
        if not m:
            break
        parts.append(m["part"])
        rest = (rest[:m.start()] + " " + rest[m.end():]).strip()
    return parts, rest


def segments(line):
    """The parts of a line that a layout joined with tabs, runs of spaces or a control
    character (``20-00806\x083/12``)."""
    line = re.sub(r"[\x00-\x08\x0b-\x1f]", "  ", line)
    return [part.strip() for part in SEGMENT_SPLIT_RE.split(line) if part.strip()]


def _title_key(text):
    return re.sub(r"\s+", " ", fold(text)).strip(" .")


@dataclass
class RunningHeader:
    """What this record prints around its pages: its symbol number and its running titles."""

    number: int | None = None
    resumption: int = 0
    titles: set = field(default_factory=set)
    date: str = ""  # the record's date as headers print it (08/01/2020)

    def is_symbol(self, segment):
        m = SYMBOL_RE.match(segment)
        return bool(m) and (self.number is None or int(m["number"]) == self.number)

    def is_own_symbol(self, line):
        """The line is this record's whole symbol (``S/PV. 8699 (Resumption 1)``), as no speech prints it.

        Another record's symbol, or the first part's in a resumption, may be a citation.
        """
        m = SYMBOL_RE.match(" ".join(line.split()))
        return bool(m) and self.number is not None and int(m["number"]) == self.number \
            and int(m["part"] or 0) == self.resumption

    def kind(self, segment):
        """'symbol', 'date', 'furniture', 'title' or '' (not a header part)."""
        if self.is_symbol(segment):
            return "symbol"
        if DATE_RE.match(segment):
            return "date"
        if _is_number(segment):
            return "furniture"
        if _title_key(segment) in self.titles:
            return "title"
        return ""

    def is_header(self, line):
        """Every segment of the line is a header part."""
        parts = segments(line)
        return bool(parts) and all(self.kind(p) for p in parts)

    def is_one_line_header(self, line):
        """A whole running header on one line: two or more parts, the symbol or the date among them.

        Safe anywhere: no sentence is a symbol and a date with only titles and numbers beside them.
        The parts may be joined by runs of spaces or tabs, or by single spaces (then the symbol,
        dates and numbers stand at the ends and a known title between them).
        """
        parts = segments(line)
        kinds = [self.kind(p) for p in parts]
        if len(parts) >= 2 and all(kinds) and any(k != "title" for k in kinds):
            return True
        numbers, middle = peel(line)
        kinds = [self.kind(p) for p in numbers]
        return (len(numbers) + bool(middle) >= 2 and all(kinds) and any(k in ("symbol", "date") for k in kinds)
                and (not middle or _title_key(middle) in self.titles))


def _could_be_title(segment):
    """An agenda title: short, no sentence or label punctuation."""
    return len(segment) < TITLE_MAX and not re.search(r"[.:;]$|:\s", segment)


def learn_header(pages, cover=None):
    """The record's ``RunningHeader``: its symbol from the cover, its titles from its pages."""
    cover = cover or {}
    header = RunningHeader(number=cover.get("number"), resumption=cover.get("resumption") or 0)
    if cover.get("date"):
        header.date = cover["date"].strftime("%d/%m/%Y")
    if cover.get("agenda"):
        header.titles.add(_title_key(cover["agenda"]))
    seen = Counter()
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        tops = lines[:TITLE_LINES] if len(pages) > 1 else lines  # text without form feeds: everywhere
        blocks, last = [], None  # the lines around each symbol or date, neighbours merged
        for i, line in enumerate(tops):
            if any(header.kind(p) in ("symbol", "date") for p in segments(line) + peel(line)[0]):
                if last is not None and i - last <= 4:
                    blocks[-1].update(range(max(0, i - 2), i + 3))
                else:
                    blocks.append(set(range(max(0, i - 2), i + 3)))
                last = i
        found = Counter()
        for block in blocks:
            keys = {_title_key(part) for j in block if j < len(tops) for part in segments(tops[j])
                    if not header.kind(part) and _could_be_title(part)}
            for j in block:  # a header joined by single spaces: the text between its parts
                numbers, middle = peel(tops[j]) if j < len(tops) else ([], "")
                if middle and any(header.kind(p) in ("symbol", "date") for p in numbers) and _could_be_title(middle):
                    keys.add(_title_key(middle))
            found.update(keys)
        seen.update(set(found) if len(pages) > 1 else found)
    header.titles.update(key for key, count in seen.items() if count >= 2)
    return header


def strip_notice(lines):
    """Remove the corrections notice (several lines) wherever it is."""
    out, skipping = [], False
    for line in lines:
        if not skipping and line.strip().startswith(NOTICE_START):
            skipping = True
        if skipping:
            if line.strip().endswith(NOTICE_END) or line.strip().endswith("documents.un.org)."):
                skipping = False
            continue
        out.append(line)
    return out


def body_lines(pages, cover=None, header=None):
    """The lines of the pages without furniture, in reading order.

    A running header is removed from the top of a page, and anywhere when it is
    a whole header on one line or a run of three header lines (text pasted
    without form feeds); a lone date or title inside a speech is kept. Job
    numbers, page numbers and barcodes go wherever they are.
    """
    header = header or learn_header(pages, cover)
    out = []
    for page in pages:
        lines = page.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        top, seen = 0, 0
        while top < len(lines) and seen < HEADER_LINES:
            if lines[top].strip():
                if not header.is_header(lines[top]):
                    if seen and (job := LEADING_JOB_RE.match(lines[top].lstrip())):
                        lines[top] = lines[top].lstrip()[job.end():]  # a scan lost the line break after it
                    break
                seen += 1
            top += 1
        out.extend(_drop_header_blocks(lines[top:], header))
    return strip_notice(out)


def _drop_header_blocks(lines, header):
    """Drop furniture lines, one-line headers, the record's own symbol on a line of its own,
    the record's date alone between blank lines, and runs of three or more header lines anywhere.

    Three header lines in a row (symbol, title, date, page number), blank lines
    between them allowed, never occur in speech.
    """
    out, i = [], 0
    while i < len(lines):
        j, parts = i, 0
        while j < len(lines) and (not lines[j].strip() or header.is_header(lines[j])):
            parts += bool(lines[j].strip())
            j += 1
        if parts >= 3 and lines[i].strip():
            i = j
            continue
        line = lines[i]
        alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
        if alone and header.date and line.strip() == header.date:
            i += 1  # the header's date set apart by blank lines (pdftotext's reading order)
            continue
        if not (is_furniture(line) or header.is_one_line_header(line) or header.is_own_symbol(line)):
            out.append(clean_line(line))
        i += 1
    return out
