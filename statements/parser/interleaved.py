"""Two columns' text blocks printed in the order of their bottom edges, back into reading order.

Some extractors sort a page's text blocks by position (PyMuPDF's ``sort=True``, pdfminer with
``boxes_flow=None``): by the bottom edge, then the left one first. The two columns' paragraphs then
alternate down the page, and no text tells a left block from a right one. But the order itself is
a trace of the geometry: both columns start at the top of the page, every line has the same height
and paragraphs the same space between them, so a block's bottom is where its column's blocks before
it, line by line, bring it. The reading order is the split of the page's blocks into two columns
(each keeping its order) whose computed bottoms rise along the printed order, with both columns
filling the page, each column's first block the only one that may start in lower case (it goes on
from the column or page before) and its last the only one that may stop mid-sentence.

The geometry alone cannot tell a split from its mirror (left and right swapped, for the whole page
or down to a line where both columns' blocks end together), so the record's own structure breaks
the tie: the right column goes on from the left one's last block, the page's first words from the
page before; when both columns end on the page's last line the left block is printed first; the
floor is given by the President and followed by the speaker's label; a vote's list heading follows
the vote. Where none of these tells (a page of one speech's paragraphs), the split may still be the
mirror, and paragraphs of two speakers may change places there.

A record is put back only when the first pages show it (``PROBE``): text in reading order keeps what
goes on from before right after what stops mid-sentence, and has no split that keeps the bottoms
rising with both columns full. Line counts come from the text, so an extractor whose blocks are not
paragraphs (pdfminer cuts a paragraph into several boxes and a justified line's words into boxes
side by side) is not read back.
"""
from dataclasses import dataclass
import re

from .furniture import is_furniture
from .order import GIVES_FLOOR_RE, VOTE_HEAD_RE, VOTE_START_RE
from .turns import match_label

BLOCK_SPLIT_RE = re.compile(r"\n[ \t]*\n")
HEADER_PART_RE = re.compile(r"(?:^|\s)(?:S/PV\.\s?\d+|\d{2}/\d{2}/\d{4})(?:\s|$)")
HEADING = 0.6  # of a column's usual line: a block of one shorter line is a heading, not a cut sentence
GAP = 0.45  # lines of space between two paragraphs of a column
PIECE = 0.4  # of a column's usual line: shorter, a line inside a block is a piece of a printed line
FULL = 0.6  # ... and pieces add up to one printed line when this long
TOLERANCE = 0.6  # lines a block's computed bottom may stand above the one printed before it
OPEN_END_RE = re.compile(r"(?:(?<!\S)[a-z][^\s.?!:;)\"”’…]*|[,\-–—])\s*$")  # a word in lower case, a comma, a hyphen, a dash
PAGE_END = 1.5  # lines between the columns' computed ends on a full page (the errors add up)
MIN_BLOCKS = 5  # a page with fewer is left as it is
MAX_BLOCKS = 40  # nor is a page with more (no record's page has so many paragraphs)
MAX_STATES = 500  # splits kept at each block
MAX_PAGES = 200  # a record with more pages is left as it is (the longest records have about 100)
PROBE = 4  # pages tried before the rest
EXPLAINED = 2.0  # a page whose best split costs less is taken to be position-sorted
MIN_PAGES = 3  # ... and the record, when this many pages (all of a shorter one, and half of them) are


@dataclass
class Block:
    text: str
    lines: float  # printed lines
    gap: float  # space after it, in lines
    lower_start: bool  # goes on from the column before
    open_end: bool  # stops mid-sentence
    label: bool  # opens a speaker's turn
    speaker: str  # whose turn it opens: "president", "other" or "" (none)
    kind: str  # "floor" (gives the floor), "head" (a vote's list heading), "vote" (a vote taken) or ""


def _usual_width(lines):
    ends = sorted(len(line.strip()) for line in lines if line.strip())
    return ends[int(0.8 * (len(ends) - 1))] if ends else 0


def _printed_lines(lines, usual):
    """Lines the block takes on the page: pieces of one justified line printed apart (``The`` /
    ``Secretary-General,`` / ``the`` …) count as one."""
    count, run = 0, 0
    for i, line in enumerate(lines):
        if run == 0 and (len(line.strip()) >= PIECE * usual or i == len(lines) - 1):
            count += 1
            continue
        run += len(line.strip()) + 1
        if run >= FULL * usual or i == len(lines) - 1:
            count, run = count + 1, 0
    return count


def _block(text, usual):
    lines = [line for line in text.split("\n") if line.strip()]
    last = lines[-1].strip()
    heading = len(lines) == 1 and last.endswith(":")  # "In favour:": its list follows with no space
    joined = " ".join(line.strip() for line in lines)
    label = match_label(joined)
    kind = ("head" if heading and VOTE_HEAD_RE.match(last) else "vote" if VOTE_START_RE.match(joined)
            else "floor" if GIVES_FLOOR_RE.search(joined[-200:]) and last.endswith(".") else "")
    return Block(text=text, lines=_printed_lines(lines, usual), gap=0.0 if heading else GAP,
                 lower_start=lines[0].strip()[:1].islower(),
                 open_end=bool(OPEN_END_RE.search(last)) and not (len(lines) == 1 and len(last) < HEADING * usual),
                 label=bool(label), speaker="" if not label else "president" if label.title == "President" else "other",
                 kind=kind)


def _is_furniture_block(text):
    lines = [line for line in text.split("\n") if line.strip()]
    return all(is_furniture(line) or HEADER_PART_RE.search(line) or len(line.strip()) < 3 for line in lines) or \
        (len(lines) <= 4 and any(HEADER_PART_RE.search(line) for line in lines)
         and all(not line.rstrip().endswith((".", ",")) for line in lines))


def _placed(block, column):
    """(cost, the column's state after it) of ``block`` placed in a column whose state is ``column``
    (the kind of its last block, None for an empty column, and whose turn it is in, "" when no label
    was read in it): what reads on from what."""
    last, speaker = column
    cost = 0.0
    if block.kind == "floor" and speaker == "other":
        cost += 1.0  # only the President gives the floor
    if last is not None:
        if block.lower_start:
            cost += 2.0  # only a column's first block goes on from before
        if last == "open":
            cost += 2.0  # a block stopping mid-sentence is its column's last
        if last == "floor" and not block.label:
            cost += 1.0  # the floor given, the speaker's label follows
        if block.kind == "head" and last not in ("vote", "head", "list"):
            cost += 1.0  # a vote's list heading follows the vote or another list
    kind = "open" if block.open_end else ("list" if last == "head" and not block.kind else block.kind or "text")
    return cost, (kind, block.speaker or speaker)


def best_split(blocks, carried=None):
    """(cost, sides) of the split of ``blocks`` into a left (0) and a right (1) column that best
    explains their printed order as sorted by bottom edge. ``carried`` tells whether the page before
    stopped mid-sentence (None: not known): the left column's first block goes on from it."""
    # state: (left cursor, right cursor, last bottom, the left column's last kind, the right's, the
    # right column's first block: (starts in lower case, is a label), None before it)
    states = {(0.0, 0.0, -1.0, (None, ""), (None, ""), None): (0.0, ())}
    for block in blocks:
        nxt = {}
        for (cl, cr, last, left, right, first_r), (cost, sides) in states.items():
            for side in (0, 1):
                if carried is not None and side == 0 and 0 not in sides and block.lower_start != carried:
                    cost_in = 1.5  # the page's first words in reading order go on from the page before, or not
                else:
                    cost_in = 0.0
                bottom = (cl if side == 0 else cr) + block.lines
                extra, column = _placed(block, left if side == 0 else right)
                extra += max(0.0, last - bottom - TOLERANCE)
                after = round(bottom + block.gap, 2)
                key = ((after, cr, bottom, column, right, first_r) if side == 0 else
                       (cl, after, bottom, left, column, first_r or (block.lower_start, block.label)))
                value = (cost + extra + cost_in, sides + (side,))
                if key not in nxt or value[0] < nxt[key][0]:
                    nxt[key] = value
        states = dict(sorted(nxt.items(), key=lambda item: item[1][0])[:MAX_STATES])
    best = None
    for (cl, cr, _, (kind_l, _), _, first_r), (cost, sides) in states.items():
        total = cost + 0.5 * max(0.0, abs(cl - cr) - 1.0)  # both columns fill the page
        if first_r is not None and first_r[0] != (kind_l == "open"):
            total += 1.5  # the right column goes on from the left one's last block, or neither does
        if first_r is not None and kind_l == "floor" and not first_r[1]:
            total += 1.0
        if sides[-2:] == (1, 0) and abs(cl - cr) < PAGE_END:
            total += 1.0  # both columns end on the page's last line: the left one is printed first
        if 0 in sides and 1 in sides and (best is None or total < best[0]):
            best = (total, sides)
    return best


def _page_parts(page):
    """(head, blocks, foot): the running header's and the footer's blocks, and the body's blocks."""
    texts = [text for text in BLOCK_SPLIT_RE.split(page) if text.strip()]
    head, foot = [], []
    while texts and _is_furniture_block(texts[0]):
        head.append(texts.pop(0))
    while texts and _is_furniture_block(texts[-1]):
        foot.insert(0, texts.pop())
    return head, texts, foot


def _broken(page):
    """True if a block of the page goes on from before (starts in lower case) but the block printed
    before it does not stop mid-sentence: the page is not printed in reading order."""
    blocks = [_block(text, 1) for text in _page_parts(page)[1]]
    return any(block.lower_start and not before.open_end for before, block in zip(blocks, blocks[1:]))


def _reordered(page, carried=None):
    """(cost, the page in reading order, whether it stops mid-sentence), or None for a page that is
    not two sorted columns (``carried``: see ``best_split``)."""
    head, texts, foot = _page_parts(page)
    if not MIN_BLOCKS <= len(texts) <= MAX_BLOCKS:
        return None
    usual = _usual_width(page.split("\n"))
    blocks = [_block(text, usual) for text in texts]
    found = best_split(blocks, carried)
    if found is None:
        return None
    cost, sides = found
    order = [i for i, side in enumerate(sides) if side == 0] + [i for i, side in enumerate(sides) if side == 1]
    return cost, "\n\n".join(head + [texts[i] for i in order] + foot) + "\n", blocks[order[-1]].open_end


def normalise(text):
    """``text`` with each page of two position-sorted columns read left column then right column;
    unchanged when the record is not laid out so. The first pages are tried alone first
    (``PROBE``): most of them must be explained by a split, and on one at least a block that goes on
    from before must not follow one that stops mid-sentence (text in reading order keeps them
    together). Most records are not so laid out, and they cost no more than that."""
    from .cover import looks_like_cover

    pages = text.split("\f")
    if "\n\n" not in text or not 2 <= len(pages) <= MAX_PAGES:
        return text
    body = [i for i, page in enumerate(pages) if not looks_like_cover(page)
            and MIN_BLOCKS <= len(_page_parts(page)[1]) <= MAX_BLOCKS]
    if not any(_broken(pages[i]) for i in body[:PROBE]):
        return text  # in reading order: what goes on from before follows what stops mid-sentence
    needed, failed = min(MIN_PAGES, len(body)), 0
    for i in body[:PROBE]:
        found = _reordered(pages[i])
        failed += not (found and found[0] < EXPLAINED)
        if failed > min(PROBE, len(body)) - needed:
            return text  # too few of the first pages can be so explained
    done, carried = [], None
    for page in pages:
        found = None if looks_like_cover(page) else _reordered(page, carried)
        carried = found[2] if found else None
        done.append(found)
    explained = sum(1 for found in done if found and found[0] < EXPLAINED)
    if explained < 0.5 * sum(1 for found in done if found):
        return text
    return "\f".join(found[1] if found else page for page, found in zip(pages, done))
