"""Records printed as the Council prints them: PDF pages made with PyMuPDF (issue 16, round 9).

A record's parts (``letters.record``) are set on US Letter pages in Times (PDF's base fonts: roman,
bold, italic) at the real records' geometry, read from S/PV.8770's PDF: two columns of 243 points
(x 60-303 and 312-555), type of 10.1 points on a 12.2-point leading, a paragraph's first line
indented 18 points and 6 points between paragraphs; the label in bold, procedure in italic, the
agenda's headings in bold; on each page the running header at the top (symbol and date in bold,
8.6 points, the item between them; the symbol left on even pages, right on odd ones) and the footer
(page number and job number, in the other order on odd pages); the cover with the symbol, the
meeting, the date, the President and members with dot leaders, the agenda, the corrections notice,
the job number and the barcode's digits. Lines are wrapped by the fonts' widths and set one by one
with ``insert_text``, each wrapped line ending in its space as a justified line does, so the
reading order is the content's: header, footer, left column, right column.

The same parts always give the same bytes (no dates nor ids written), and each PDF is kept in
``var/test-cache/letters/`` under the hash of its parts and of this module.
"""
from functools import lru_cache
import hashlib
import json
from pathlib import Path
import re

CACHE = Path(__file__).resolve().parents[2] / "var" / "test-cache" / "letters"
VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]  # a change of the rendering, a new file
PAGE = (612, 792)
COLUMNS = ((60, 303), (312, 555))
SIZE, LEADING, INDENT, GAP = 10.1, 12.2, 18, 6
# The records' type sets looser than PDF's base Times at the same size: 50-56 characters fill a line
# of 243 points, where base Times holds about 60. Lines are filled to this share of the column, then
# justified to its width (the words spread), as the records' are.
LOOSER = 1.12
MAX_SPREAD = 2.5  # points added to a space at most
# The cover's meeting number: 20.3 points in the records, whose ``pdftotext -layout`` text still reads
# ``8770th meeting``; in base Times at that size poppler sets the suffix apart by a run of spaces
# (``20274       th meeting``), which no record's text shows; at 16 points it reads as the records'.
NUMBER_SIZE = 16
TOP, BOTTOM = 84, 700  # the first and the lowest baseline of a column
FONTS = {"roman": "tiro", "bold": "tibo", "italic": "tiit"}


@lru_cache(maxsize=None)
def _font(style):
    import pymupdf

    return pymupdf.Font(FONTS[style])


@lru_cache(maxsize=None)
def _word_width(style, word, size):
    return _font(style).text_length(word, size)


def _width(style, text, size=SIZE):
    """``text``'s advance in ``style`` (the sum of its words' and spaces', each measured once)."""
    return sum(_word_width(style, word, size) for word in text.split(" ")) + \
        text.count(" ") * _word_width(style, " ", size)


def _paragraph_lines(text, kind):
    """[(x offset, [(style, text)])] for one paragraph: its lines, each as runs of one style (a
    label's words bold, its colon roman, as records print them)."""
    width = COLUMNS[0][1] - COLUMNS[0][0]
    style, indent = {"heading": ("bold", 0), "procedure": ("italic", INDENT)}.get(kind, ("roman", INDENT))
    words = text.split()
    label = len(kind.split()) if kind not in ("heading", "procedure", "speech") and text.startswith(kind) else 0
    styled = [("bold", word) if n < label else (style, word) for n, word in enumerate(words)]
    if label:
        styled[label - 1] = ("bold", words[label - 1][:-1])
        styled.insert(label, ("roman", ":"))

    def runs(line, tail):
        out = []
        for n, (word_style, word) in enumerate(line):
            glue = "" if word == ":" and n and line[n - 1][0] == "bold" else (" " if n else "")
            if out and out[-1][0] == word_style:
                out[-1] = (word_style, out[-1][1] + glue + word)
            elif out and glue:
                out[-1] = (out[-1][0], out[-1][1] + glue)
                out.append((word_style, word))
            else:
                out.append((word_style, word))
        out[-1] = (out[-1][0], out[-1][1] + tail)
        return out

    lines, line, used = [], [], 0.0
    space = _width("roman", " ")
    for item in styled:
        wide = _width(item[0], item[1]) + (space if line and item[1] != ":" else 0)
        if line and item[1] != ":" and used + wide > (width - (indent if not lines else 0)) / LOOSER:
            lines.append(line)
            line, used, wide = [], 0.0, wide - space
        line.append(item)
        used += wide
    if line:
        lines.append(line)
    return [(indent if number == 0 else 0, runs(line, " " if number < len(lines) - 1 else ""), number == len(lines) - 1)
            for number, line in enumerate(lines)]


def _set(page, x, y, runs, size=SIZE):
    """Runs of text set one after the other on the baseline ``y`` from ``x`` (``page`` is a
    ``pymupdf.TextWriter`` per page, written out once)."""
    for style, text in runs:
        page.append((x, y), text, font=_font(style), fontsize=size)
        x += _width(style, text, size)


def _justify(page, x, x_end, y, runs):
    """Runs set word by word from ``x``, the spaces between words widened so that the line ends at
    ``x_end`` (its last space, a wrapped line's, left after it), by at most ``MAX_SPREAD`` points a
    space: a line that would need more (a long word pushed to the next) is left ragged, as a
    typesetter would hyphenate it (wider gaps are read as the line's end by PyMuPDF)."""
    gaps = sum(text.rstrip(" ").count(" ") for _, text in runs)
    natural = sum(_width(style, text.rstrip(" ") if n == len(runs) - 1 else text) for n, (style, text) in enumerate(runs))
    extra = min(MAX_SPREAD, max(0.0, (x_end - x - natural) / gaps)) if gaps else 0.0
    for style, text in runs:
        words = text.split(" ")
        for n, word in enumerate(words):
            piece = word + (" " if n < len(words) - 1 else "")
            if piece:
                page.append((x, y), piece, font=_font(style), fontsize=SIZE)
                x += _width(style, piece) + (extra if n < len(words) - 1 else 0.0)


def _right(page, x_end, y, style, text, size):
    _set(page, x_end - _width(style, text, size), y, [(style, text)], size)


def _cover(doc, parts):
    import pymupdf

    sheet = doc.new_page(width=PAGE[0], height=PAGE[1])
    page = pymupdf.TextWriter(sheet.rect)
    _set(page, 127, 60, [("roman", "United Nations")], 14.4)
    _set(page, 496, 62, [("roman", parts["symbol"])], 10.1)
    _set(page, 127, 84, [("bold", "Security Council")], 19.8)
    _set(page, 127, 100, [("roman", "Seventy-fifth year")], 10.1)
    number = re.match(r"\d+", parts["meeting"])[0]  # the number large and bold, its ordinal's suffix not
    _set(page, 127, 132, [("bold", number)], NUMBER_SIZE)
    _set(page, 127 + _width("bold", number, NUMBER_SIZE), 132, [("roman", parts["meeting"][len(number):])], 10.1)
    _set(page, 127, 146, [("roman", parts["when"])], 10.1)
    _set(page, 127, 158, [("roman", "New York")], 10.1)
    _set(page, 496, 88, [("italic", "Provisional")], 10.1)
    name, state = parts["president"]
    y = 226
    _set(page, 64, y, [("italic", "President"), ("roman", ":")])
    _set(page, 127, y, [("roman", name + ". " * 20)])
    _set(page, 392, y, [("roman", f"({state})")])
    y += 38
    _set(page, 64, y, [("italic", "Members"), ("roman", ":")])
    for country in sorted(parts["members"]):
        leaders = ". " * max(2, int((250 - _width("roman", country)) / 5.05))
        _set(page, 127, y, [("roman", f"{country}{leaders}")])
        _set(page, 392, y, [("roman", parts["members"][country])])
        y += 12.7
    _set(page, 64, y + 20, [("bold", "Agenda")], 12.2)
    _set(page, 127, y + 40, [("roman", parts["title"])])
    corrections = [line.strip() for line in parts["cover"][-3].split("\n")]
    for number, line in enumerate(corrections):
        _set(page, 129, 637 + 11 * number, [("roman", line + " ")], 8.7)
    _set(page, 59, 726, [("roman", f"{parts['job']} (E)")], 12.2)
    _set(page, 60, 745, [("roman", f"*{parts['job'].replace('-', '')}*")], 11.2)
    page.write_text(sheet)


def _furniture(page, parts, index, total):
    even = index % 2 == 0
    ends = (parts["symbol"], parts["date"]) if even else (parts["date"], parts["symbol"])
    _set(page, 60, 63, [("bold", ends[0])], 8.6)
    title_width = _width("roman", parts["title"])
    _set(page, max(150, (PAGE[0] - title_width) / 2), 62, [("roman", parts["title"])])
    _right(page, 552, 63, "bold", ends[1], 8.6)
    number = f"{index}/{total}"
    if even:
        _set(page, 60, 725, [("bold", number)], 8.6)
        _right(page, 552, 725, "roman", parts["job"], 8.6)
    else:
        _set(page, 60, 725, [("roman", parts["job"])], 8.6)
        _right(page, 552, 725, "bold", number, 8.6)


def _columns(body):
    """The body's lines placed: [[(column, y, x offset, runs, a paragraph's last line)] a page]."""
    pages, placed, column, y = [], [], 0, TOP
    for text, kind in body:
        for offset, runs, last in _paragraph_lines(text, kind):
            if y > BOTTOM:
                column, y = column + 1, TOP
                if column == 2:
                    pages.append(placed)
                    placed, column = [], 0
            placed.append((column, y, offset, runs, last))
            y += LEADING
        y += GAP
    if placed:
        pages.append(placed)
    return pages


def render(parts):
    """The PDF's bytes of a record's ``parts`` (``letters.record``)."""
    import pymupdf

    doc = pymupdf.open()
    _cover(doc, parts)
    pages = _columns(parts["body"])
    total = len(pages) + 1
    for index, placed in enumerate(pages, start=2):
        sheet = doc.new_page(width=PAGE[0], height=PAGE[1])
        page = pymupdf.TextWriter(sheet.rect)
        _furniture(page, parts, index, total)
        for column, y, offset, runs, last in placed:
            left, right = COLUMNS[column]
            if last:
                _set(page, left + offset, y, runs)
            else:
                _justify(page, left + offset, right, y, runs)
        page.write_text(sheet)
    data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    doc.close()
    return data


def pdf_path(name, parts):
    """The cached PDF of ``parts``, rendered the first time."""
    return cached_pdf(CACHE / "pdf", name, VERSION, parts, render)


def cached_pdf(folder, name, version, parts, make):
    """``folder/<name>.<digest>.pdf``: ``make(parts)``'s bytes, kept under the hash of ``parts`` and of
    the printer's ``version``."""
    digest = hashlib.sha256((version + json.dumps(parts, sort_keys=True)).encode()).hexdigest()[:16]
    path = folder / f"{name}.{digest}.pdf"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(make(parts))
        tmp.replace(path)
    return path
