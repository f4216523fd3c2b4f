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
    """True if the pages print two columns side by side (``pdftotext -layout``)."""
    pages = text.split("\f")
    return sum(1 for page in pages if gutter(page.split("\n")) is not None) >= max(1, len(pages) // 3)


def gutter(lines):
    """(start, end) of the page's gutter, or None for a page in one column."""
    lines = [line.rstrip() for line in lines if line.strip()]
    if len(lines) < MIN_LINES:
        return None
    width = max(len(line) for line in lines)
    if width > MAX_WIDTH or width < MIN_WIDTH:
        return None  # paragraphs on one line each (plain text), or too narrow for two columns
    # Fewest lines with text there; of equals, the nearest the middle (two equal columns).
    crossing, _, x = min((_crossing(lines, x), abs(x - width // 2), x)
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


def split_point(line, x):
    """Where ``line`` divides into its left and right column, or None for a line across both.

    A left column's long line may run a few characters past the gutter; a
    running header's title runs across it with single spaces between words.
    """
    if line[x:x + 1] == " " and not (0 < x < len(line) - 1 and line[x - 1] != " " and line[x + 1] != " "):
        return x
    gap = GAP_RE.search(line, max(0, x - NEAR))
    if gap and gap.start() <= x + NEAR:
        return gap.start()
    if len(line) <= x + NEAR:
        return len(line)
    return None


def page_in_reading_order(page):
    """The page's lines, left column then right column, wrapped lines ending with a space."""
    lines = page.split("\n")
    cut = gutter(lines)
    if cut is None:
        return page
    start = cut[0]
    out, left, right = [], [], []

    def flush():
        out.extend(mark_paragraphs(left))
        out.extend(mark_paragraphs(right))
        left.clear()
        right.clear()

    for line in lines:
        line = line.rstrip()
        if not line.strip():
            continue
        cut = split_point(line, start)
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


def mark_paragraphs(lines):
    """A column's lines with a trailing space on each line that wraps into the next.

    A paragraph starts with a line indented beyond the column's margin; a line
    ends one when the next is such a start, or when it stops short of the
    column's right edge after closing punctuation.
    """
    if not lines:
        return []
    indents = [len(line) - len(line.lstrip()) for line in lines]
    margin = Counter(indents).most_common(1)[0][0]
    margin = min(margin, *indents) if indents.count(margin) < len(lines) // 3 else margin
    ends = sorted(len(line.rstrip()) for line in lines)
    right = ends[int(0.8 * (len(ends) - 1))]
    out = []
    for i, line in enumerate(lines):
        text = line.strip()
        nxt_starts = i + 1 < len(lines) and indents[i + 1] > margin + 1
        short = len(line.rstrip()) < right - 6
        label_wraps = i + 1 < len(lines) and LABEL_GOES_ON_RE.match(lines[i + 1].strip())
        ends_here = nxt_starts or (short and text.endswith(SENTENCE_END) and not label_wraps)
        out.append(text if ends_here else text + " ")
    return out


def to_reading_order(text):
    """The whole text, each two-column page read in order (pages still split by form feeds)."""
    from .cover import looks_like_cover

    return "\f".join(page if looks_like_cover(page) else page_in_reading_order(page)
                     for page in text.split("\f"))


def normalise(text):
    """``text`` in reading order if it is a two-column layout, else unchanged."""
    if looks_like_layout(text):
        return re.sub(r"\n{3,}", "\n\n", to_reading_order(text))
    return text
