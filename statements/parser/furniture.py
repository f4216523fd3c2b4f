"""Page furniture: what the printer put around the speeches.

The cover page ends with the corrections notice, the job number (``20-00526 (E)``)
and a barcode (``*2000526*``); every other page starts with a running header of
symbol, agenda and date, the page number (``2/18``) and the job number, in an
order that alternates between odd and even pages.
"""
import re

JOB_RE = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?$")
BARCODE_RE = re.compile(r"^\*\d{5,}\*$")
PAGE_RE = re.compile(r"^\d{1,3}/\d{1,3}$")
DATE_RE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
SYMBOL_RE = re.compile(r"^S/PV\.\d+(?:\s*\((?:Resumption|Part)\s*\d+\))?$")
NOTICE_START = "This record contains the text of speeches"
NOTICE_END = "(http://documents.un.org)."
HEADER_LINES = 6


def clean_line(line):
    """Drop the control characters (backspaces) PDFs leave beside page numbers."""
    return re.sub(r"[\x00-\x08\x0b-\x1f]", "", line)


def is_furniture(line):
    """A line that is page furniture wherever it stands."""
    s = clean_line(line).strip()
    return bool(JOB_RE.match(s) or BARCODE_RE.match(s) or PAGE_RE.match(s))


def _is_header(line, agenda_headers):
    raw = clean_line(line)
    s = raw.strip()
    return bool(
        is_furniture(s) or DATE_RE.match(s) or SYMBOL_RE.match(s)
        or raw.endswith("\t") or s in agenda_headers
    )


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


def body_lines(pages):
    """The lines of the pages without furniture, in reading order.

    Running headers are only removed from the top of a page (so that a speech
    mentioning a date is safe); job numbers, page numbers and barcodes anywhere.
    """
    agenda_headers = set()
    for page in pages:  # the running agenda line ends with a tab, like the symbol
        for line in page.split("\n")[:HEADER_LINES]:
            if line.endswith("\t") and not SYMBOL_RE.match(line.strip()) and not DATE_RE.match(line.strip()):
                agenda_headers.add(line.strip())
    out = []
    for page in pages:
        lines = page.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        top = 0
        while top < min(HEADER_LINES, len(lines)) and _is_header(lines[top], agenda_headers):
            top += 1
        out.extend(_drop_header_blocks(lines[top:], agenda_headers))
    return strip_notice(out)


def _drop_header_blocks(lines, agenda_headers):
    """Drop furniture lines, and runs of three or more header lines anywhere.

    Text pasted without form feeds has its running headers mid-text; three
    header-like lines in a row (symbol, agenda, date, page number) never occur
    in speech.
    """
    out, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_header(lines[j], agenda_headers):
            j += 1
        if j - i >= 3:
            i = j
            continue
        if not is_furniture(lines[i]):
            out.append(clean_line(lines[i]))
        i += 1
    return out
