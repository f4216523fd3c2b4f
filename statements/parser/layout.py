"""Two-column pages as ``pdftotext -layout`` prints them, back into reading order.

That extractor keeps the page's geometry: the left and the right column stand
side by side on each line, a paragraph starts with an indented line, and no
mark says whether a line wraps. This module finds the gutter of each page (the
character position, near the middle, that fewest lines cross), reads the
left column and then the right one, and marks lines the way PyMuPDF does: a
line that wraps inside its paragraph ends with a space, the last line of a
paragraph does not. Lines that cross the gutter (the running header, a
full-width heading) stay where they are, between bands of columns.
"""
from collections import Counter
import re

MAX_WIDTH = 400  # characters; a printed page laid out as text is about 130 wide
MIN_WIDTH = 20  # characters; narrower is no page of two columns
MIN_LINES = 6  # a page with fewer is read as it is
LABEL_GOES_ON_RE = re.compile(r"^\((?:spoke in|interpretation from|speaking on behalf|on behalf)")
SENTENCE_END = tuple('.?!:;)"”’…]')
MIN_COLUMN_SHARE = 0.2  # of a page's non-blank lines with text on each side of the gutter


def looks_like_layout(text):
    """True if the pages print two columns side by side (``pdftotext -layout``, a character grid)."""
    pages = text.split("\f")
    return sum(1 for page in pages if gutter(page.split("\n")) is not None or grid(page.split("\n")) is not None) \
        >= max(1, len(pages) // 3)


def gutter(lines, usual=None):
    """(start, end) of the page's gutter, or None for a page in one column.

    ``usual`` is where the record's other pages have it: a short page's justified lines may leave
    a column of spaces inside the left column as clear as the gutter, and nearer the middle.
    """
    lines = [line.rstrip() for line in lines if line.strip()]
    if len(lines) < MIN_LINES:
        return None
    width = max(len(line) for line in lines)
    if width > MAX_WIDTH or width < MIN_WIDTH:
        return None  # paragraphs on one line each (plain text), or too narrow for two columns
    # Fewest lines with text there; of equals, the record's usual one, else the nearest the middle
    # (two equal columns).
    crossing, _, _, x = min((_crossing(lines, x), x != usual, abs(x - width // 2), x)
                            for x in range(width // 4, 3 * width // 4))
    if crossing > 0.15 * len(lines):
        return None
    left = sum(1 for line in lines if line[:x].strip())
    right = sum(1 for line in lines if line[x + 1:].strip())
    if min(left, right) < MIN_COLUMN_SHARE * len(lines):
        return None
    both = [line for line in lines if line[:x].strip() and line[x + 1:].strip()]
    apart = sum(1 for line in both if line[x - 1:x + 1] == "  " or line[x:x + 2] == "  ")
    if apart < 3 or apart < 0.8 * len(both):
        return None  # word gaps of one text, not a gutter
    return x, x + 1


def _crossing(lines, x):
    return sum(1 for line in lines if len(line) > x and line[x] != " ")


GAP_RE = re.compile(r" {2,}")
NEAR = 6  # characters a column line may run past the gutter


def split_point(line, x, right=None):
    """Where ``line`` divides into its left and right column, or None for a line across both.

    A left column's long line may run a few characters past the gutter; a
    running header's title runs across it with single spaces between words. Of the wide gaps
    near the gutter, the one that ends where the right column starts (``right``) divides: a
    justified line set at a fixed pitch (``pdftotext -fixed``) has word gaps as wide as the
    gutter.
    """
    if len(line) <= max(x, right or 0):
        return len(line)  # the line stops before the right column: all of it is the left column's
    gaps = [gap for gap in GAP_RE.finditer(line, max(0, x - NEAR)) if gap.start() <= x + NEAR]
    if right is not None and gaps:
        return min(gaps, key=lambda gap: max(right - gap.end(), gap.end() - right - INDENT, 0)).start()
    if line[x:x + 1] == " " and not (0 < x < len(line) - 1 and line[x - 1] != " " and line[x + 1] != " "):
        return x
    if gaps:
        return gaps[0].start()
    if len(line) <= x + NEAR:
        return len(line)
    return None


INDENT = 8  # characters a paragraph's first line may stand in from its column's start


def right_start(lines, x):
    """Where the right column's lines most often start (beyond the gutter at ``x``), or None."""
    starts = Counter(len(line) - len(line[x:].lstrip()) for line in lines if line[x:].strip() and line[x] == " ")
    return starts.most_common(1)[0][0] if starts else None


def page_in_reading_order(page, columns=None, usual=None):
    """The page's lines, left column then right column, wrapped lines ending with a space.

    ``columns`` are the record's grid columns (see ``grid``), for a page too short to show its own;
    ``usual`` is the record's most common gutter (see ``gutter``). A line with header parts at both
    ends (``S/PV.8713      Small arms      05/02/2020``, the footer's page and job numbers) runs
    across the page: a short running title leaves a gap at the gutter, but its date is no column's.
    So does a line of a date or a symbol alone: a running title too long for one line pushes the
    header's date (or symbol) to a line of its own at the page's edge, and no column's line is
    only a date.
    """
    from .furniture import DATE_RE, SYMBOL_RE, peel

    lines = page.split("\n")
    cut = gutter(lines, usual)
    if cut is None:
        columns = grid(lines) or columns
        return one_column(lines) if columns is None else grid_in_reading_order(lines, columns)
    start = cut[0]
    right_at = right_start(lines, start)
    out, left, right = [], [], []

    def flush():
        out.extend(mark_paragraphs(left, then_opens=opens_turn(right)))
        out.extend(mark_paragraphs(right))
        left.clear()
        right.clear()

    margin = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    pushed_page = right_at is not None and sum(
        1 for line in lines if line.strip() and split_point(line.rstrip(), start, right_at) is None
        and _pushed_cut(line.rstrip(), start, start - margin) is not None) >= PUSHED_LINES
    for line in lines:
        line = line.rstrip()
        if not line.strip():
            continue
        alone = " ".join(line.split())
        across = len(peel(line.strip())[0]) >= 2 or DATE_RE.match(alone) or SYMBOL_RE.match(alone)
        cut = None if across else split_point(line, start, right_at)
        if cut is None and pushed_page and (pushed := _pushed_cut(line, start, start - margin)):
            left.append(line[:pushed])
            rest = line[pushed:].strip()
            right.append(" " * (right_at + (NEAR_START - 1) * _opens_item(rest)) + rest)
            continue
        if cut is None:
            flush()
            out.append(line.strip())
            continue
        if line[:cut].strip():
            left.append(line[:cut])
        if line[cut:].strip():
            right.append(line[cut:].rstrip().rjust(len(line)))
    flush()
    return "\n".join(out) + "\n"


def one_column(lines):
    """A page of the record in one column (a last page too short to show two), its lines marked as
    a column's are (see ``mark_paragraphs``); a line with header parts at both ends stays as it is."""
    from .furniture import peel

    out, column = [], []
    for line in lines:
        if not line.strip():
            continue
        if len(peel(line.strip())[0]) >= 2:
            out.extend(mark_paragraphs(column))
            column.clear()
            out.append(line.strip())
        else:
            column.append(line.rstrip())
    out.extend(mark_paragraphs(column))
    return "\n".join(out) + "\n"


PUSHED_LINES = 3  # lines across a page's gutter that show its columns were pushed together


def _pushed_cut(line, x, usual):
    """Where a line that crosses the gutter at ``x`` divides, when its left column's words ran
    on into the right column's with one space between (pypdf's layout mode sets each word at its
    column or one space after the word before): a line about two columns long, or one whose
    right part opens a turn, a procedural line or a label's rest. None for a running header or a
    line of one column (see ``_joined_cut``). Only on a page with ``PUSHED_LINES`` such lines or
    more: another layout's page may hold a line or two across its gutter, read as they are."""
    from .furniture import peel

    text = line.strip()
    indent = len(line) - len(line.lstrip())
    if len(peel(text)[0]) >= 2:
        return None
    cut = _joined_cut(text, usual, x - indent - NEAR, both=len(text) > JOINED * usual)
    return None if cut is None else indent + cut


def _margin(indents):
    """A column's margin: its most common indent (its least when that is no third of its lines)."""
    margin = Counter(indents).most_common(1)[0][0]
    return min(margin, *indents) if indents.count(margin) < len(indents) // 3 else margin


def opens_turn(lines):
    """True if a column's first line, indented beyond its margin, opens a turn or a procedural line
    (an indent alone may be a band's, after a line across the page)."""
    indents = [len(line) - len(line.lstrip()) for line in lines]
    return bool(lines) and indents[0] > _margin(indents) + 1 and _opens_item(lines[0].strip())


def mark_paragraphs(lines, then_opens=False):
    """A column's lines with a trailing space on each line that wraps into the next.

    A paragraph starts with a line indented beyond the column's margin; a line
    ends one when the next is such a start, or when it stops short of the
    column's right edge after closing punctuation. ``then_opens``: the column read next opens a
    turn on its first line, so the column's last line ends a paragraph (a label at the top of the
    right column after a left column whose last line stops without a full stop).
    """
    if not lines:
        return []
    indents = [len(line) - len(line.lstrip()) for line in lines]
    margin = _margin(indents)
    ends = sorted(len(line.rstrip()) for line in lines)
    right = ends[int(0.8 * (len(ends) - 1))]
    out = []
    for i, line in enumerate(lines):
        text = line.strip()
        nxt_starts = indents[i + 1] > margin + 1 if i + 1 < len(lines) else then_opens
        short = len(line.rstrip()) < right - 6
        label_wraps = i + 1 < len(lines) and LABEL_GOES_ON_RE.match(lines[i + 1].strip())
        ends_here = nxt_starts or (short and text.endswith(SENTENCE_END) and not label_wraps)
        out.append(text if ends_here else text + " ")
    return out


def to_reading_order(text):
    """The whole text, each two-column page read in order (pages still split by form feeds)."""
    from .cover import looks_like_cover

    pages = text.split("\f")
    found = Counter(cut[0] for page in pages if (cut := gutter(page.split("\n"))) is not None)
    gutters, usual = sum(found.values()), (found.most_common(1)[0][0] if found else None)
    grids = Counter(columns for page in pages if gutter(page.split("\n")) is None
                    and (columns := grid(page.split("\n"))))
    # A page too short to show its columns takes the record's, when the record is set on a grid.
    columns = grids.most_common(1)[0][0] if sum(grids.values()) > gutters else None
    return "\f".join(page if looks_like_cover(page) else page_in_reading_order(page, columns, usual)
                     for page in pages)


def normalise(text):
    """``text`` in reading order if it is a two-column layout, else unchanged.

    A layout printed without form feeds (``pdftotext -layout -nopgbrk``) is cut into its pages
    first, at its page footers: read as one page, its left column would run from the first
    page to the last before the right column starts.
    """
    if "\f" not in text:
        paged = with_page_breaks(text)
        if "\f" in paged and looks_like_layout(paged):
            text = paged
    if looks_like_layout(text):
        return re.sub(r"\n{3,}", "\n\n", to_reading_order(text))
    return text


def with_page_breaks(text):
    """``text`` with a form feed where each page starts: after a run of page furniture (the page
    and job numbers a page ends with, the cover's job number and barcode), blank lines in the run
    allowed. The record's own footers tell its pages wherever the extractor dropped the form feeds."""
    from .furniture import is_furniture

    lines, footer = text.split("\n"), False
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if is_furniture(line):
            footer = True
        elif footer:
            lines[i], footer = "\f" + line, False
    return "\n".join(lines)


# --- a character grid (pdfplumber's layout mode) ------------------------------------------
#
# Each word is set at the column its position on the page gives, or one space after the word
# before when that column is taken: a grid narrower than the type pushes the right column's
# words along, one space after the left column's, so no gutter runs down the page. A row that
# holds one column starts where that column starts; a row holding both is about twice as long
# as a column's line, and is cut where its left part or its right part makes a column's line.

MIN_GRID_SHARE = 0.15  # of a page's rows starting at each column's start
JOINED = 1.25  # a row this many times a column's usual line holds both columns
SHORT = 0.8  # of a column's usual line: a paragraph's last line, not a full one
NEAR_START = 4  # characters of paragraph indent beyond a column's start


def grid(lines):
    """(left start, right start, a column's usual line length) of a page set on a character grid
    in two columns, or None."""
    rows = [line.rstrip() for line in lines if line.strip()]
    if len(rows) < MIN_LINES:
        return None
    indents = [len(row) - len(row.lstrip()) for row in rows]
    # Each column's start: the lowest indent near its most common one (paragraphs start indented).
    common = Counter(indents).most_common(1)[0][0]
    left = min(indent for indent in indents if indent >= common - NEAR_START)
    further = [indent for indent in indents if indent >= left + MIN_WIDTH]
    if not further:
        return _pushed_grid(rows, left)
    common = Counter(further).most_common(1)[0][0]
    right = min(indent for indent in further if indent >= common - NEAR_START)
    on_left = [row for row, indent in zip(rows, indents) if left <= indent <= left + NEAR_START]
    on_right = [row.strip() for row, indent in zip(rows, indents) if right <= indent <= right + NEAR_START]
    if len(on_right) < MIN_LINES // 2:
        return _pushed_grid(rows, left)  # hardly a row holds the right column alone
    if len(on_left) < MIN_GRID_SHARE * len(rows):
        return None
    lengths = sorted(len(row) for row in on_right)
    usual = lengths[int(0.8 * (len(lengths) - 1))]
    joined = sum(1 for row in on_left if len(row.strip()) > JOINED * usual)
    if len(on_right) + joined < MIN_GRID_SHARE * len(rows):
        return None  # the right column's rows, alone or after the left's, are too few
    return left, right, usual


WIDE_GAP_RE = re.compile(r"(?<=\S) {2,}(?=\S)")
MIN_PUSHED_SHARE = 0.3  # of a page's rows with a wide gap ending where the right column starts


def _pushed_grid(rows, left):
    """(left start, right start, a column's usual line length) of a grid page whose every row
    holds both columns (pypdf's layout mode with no blank lines), or None. No row starts at the
    right column, but most rows whose left part is short of it show a wide gap ending there."""
    ends = Counter(gap.end() for row in rows for gap in WIDE_GAP_RE.finditer(row))
    if not ends:
        return None
    right, count = ends.most_common(1)[0]
    width = max(len(row) for row in rows)
    if count < MIN_PUSHED_SHARE * len(rows) or not (left + MIN_WIDTH <= right and width // 4 <= right <= 3 * width // 4):
        return None
    lengths = sorted(len(row[:gap.start()].strip()) for row in rows for gap in WIDE_GAP_RE.finditer(row)
                     if gap.end() == right)
    return left, right, lengths[int(0.8 * (len(lengths) - 1))]


# A label's first line, the rest wrapped to the next (``Mr. Nebenzia (Russian Federation) (spoke in``).
# Its words may stand two spaces apart and its parts without one (a fixed pitch pushes and pulls words).
LABEL_START_RE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr)\.(?: {1,3}(?:[A-Z][\w’'-]*|de|da|del|van|von|bin|ibn|al)){1,5}"
                            r" {0,3}\([A-Z]|The {1,2}President\b)")
# What follows an honorific printed alone at a row's end: the name and the label's first parenthesis.
NAME_REST_RE = re.compile(r"^[A-Z][\w’'-]*(?: {1,3}(?:[A-Z][\w’'-]*|de|da|del|van|von|bin|ibn|al)){0,4} {0,3}\([A-Z]")
HONORIFIC_ALONE_RE = re.compile(r"^\s*(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr)\.$")


LABEL_WRAPS_RE = re.compile(LABEL_START_RE.pattern
                            + r"[^():]*\)(?: {0,2}\([^()]*\))* {0,2}\(spoke(?: in)? (?!in\b)(?![A-Z][a-z]+\))")


# The rest of a label cut after ``(spoke in`` (``Arabic): Allow me``).
LANGUAGE_REST_RE = re.compile(r"^(?:in )?(?:Arabic|Chinese|English|French|Russian|Spanish)\):")
# The rest of a label cut after the speaker's country (``(spoke in Spanish): The Dominican Republic``).
SPOKE_IN_RE = re.compile(r"^\(spoke in (?:Arabic|Chinese|English|French|Russian|Spanish)\):")
# A sentence's end, then a word in lower case: two columns' lines side by side, not one sentence.
SENTENCE_THEN_LOWER_RE = re.compile(r"[a-z]{3}[.;:]$")


def _opens_item(text):
    """True if ``text`` starts a speaker's turn or a procedural line (a paragraph's first line)."""
    from .procedural import is_procedural
    from .turns import match_label

    return bool(match_label(text) or LABEL_START_RE.match(text) or is_procedural(text))


def _joined_cut(text, usual, least, both=True):
    """Where a row holding both columns divides (an index of a space in ``text``), or None: the
    right part starts ``least`` characters in or later, as the left part pushed it along. A row
    known to hold both (``both``) is cut where its parts come nearest a column's lines; any row
    is cut where the right part opens a turn, a procedural line or a label's rest, or where a
    sentence ends and a word in lower case follows."""
    from .procedural import is_procedural
    from .turns import match_label

    spaces = [i for i, c in enumerate(text) if c == " " and least <= i <= len(text) - 3]

    def cost(i):
        """How far the two parts are from a column's lines: both full, or one a paragraph's short
        last line (ending a sentence) beside a full one."""
        left, right = text[:i], text[i + 1:]
        costs = [abs(len(left) - usual) + abs(len(right) - usual)]
        if len(left) < SHORT * usual and left.endswith(SENTENCE_END):
            costs.append(abs(len(right) - usual))
        if len(right) < SHORT * usual and right.endswith(SENTENCE_END):
            costs.append(abs(len(left) - usual))
        return min(costs)

    label = LABEL_WRAPS_RE.match(text)  # a label whose language goes on the next line: the cut is after it
    if label and label.end() - 1 in spaces:
        return label.end() - 1
    strong = [i for i in spaces if match_label(text[i + 1:]) or is_procedural(text[i + 1:])
              or (LANGUAGE_REST_RE.match(text[i + 1:]) and text[:i].count("(") == text[:i].count(")"))
              or (SPOKE_IN_RE.match(text[i + 1:]) and not LABEL_START_RE.match(text))
              or LABEL_WRAPS_RE.fullmatch(text[i + 1:] + " ")
              or (SENTENCE_THEN_LOWER_RE.search(text[:i]) and text[i + 1].islower())]
    near = [i for i in strong if cost(i) <= usual // 2]
    if not both:
        return min(near, key=cost) if near else None
    near = near or [i for i in spaces if LABEL_START_RE.match(text[i + 1:]) and cost(i) <= usual // 3]
    return min(near or spaces, key=cost) if spaces else None


GRID_GAP_RE = re.compile(r"\S(?P<gap> {2,})\S")


PUSHED_REACH = 12  # characters a fixed pitch may push the right column's label past its start


def _grid_split(line, right_start, after_honorific=False):
    """Where ``line`` divides at a wide gap before the right column's start, or None. A wide gap a
    little further on that a turn's label follows divides rather than one inside the left column's
    justified line (``commend  the      Ms. Pierce (United Kingdom): I know``, at a fixed pitch),
    and so does one that a name and its country follow when the right column's row above ends with
    an honorific alone (``Ms.`` / ``calls for   Pierce (United Kingdom): I thank``)."""
    near = None
    reach = right_start + PUSHED_REACH * (2 if after_honorific else 1)
    for gap in GRID_GAP_RE.finditer(line):
        end = gap.end("gap")
        if end > reach:
            break
        if end >= right_start - 1 and (LABEL_START_RE.match(line[end:]) or (after_honorific and NAME_REST_RE.match(
                line[end:]))):
            return gap.start("gap"), end
        if near is None and right_start - 1 <= end <= right_start + NEAR_START:
            near = gap.start("gap"), end
    return near


def grid_in_reading_order(lines, columns):
    """A grid page's lines, left column then right column (see ``grid``)."""
    from .furniture import peel

    left_start, right_start, usual = columns
    out, left, right = [], [], []
    for line in lines:
        line = line.rstrip()
        text = line.strip()
        if not text:
            continue
        indent = len(line) - len(text)
        if len(peel(text)[0]) >= 2:  # a running header or footer across the page
            out.extend(mark_paragraphs(left) + mark_paragraphs(right))
            left.clear()
            right.clear()
            out.append(text)
        elif indent >= right_start - 1:
            right.append(line)
        elif split := _grid_split(line, right_start, bool(right) and HONORIFIC_ALONE_RE.match(right[-1])):
            left.append(line[:split[0]])
            right.append(" " * split[1] + line[split[1]:])
        elif (cut := _joined_cut(text, usual, right_start - indent - 1, both=len(text) > JOINED * usual)) is None:
            left.append(line)
        else:
            left.append(line[:indent + cut])
            rest = text[cut + 1:]
            right.append(" " * (right_start + (NEAR_START - 1) * _opens_item(rest)) + rest)
    out.extend(mark_paragraphs(left) + mark_paragraphs(right))
    return "\n".join(out) + "\n"
