"""A record written as Markdown, read as the plain text the parser knows.

A converter (pymupdf4llm, pandoc) or a staff member may give a record as Markdown: labels in
bold with the colon outside or after a space (``**The President** : …``), headings marked with
``#``, procedural lines in italics (``_The meeting rose at 10.25 a.m._``), the cover's President
and members as a table (``|_President_:|Mr. Dang . . .|(Viet Nam)|``), and each paragraph on a
line of its own between blank lines. The marks are taken off, a table row becomes its cells
joined by spaces (as a text extractor prints the cover), and a paragraph ends at its line's end.

Only text that is Markdown is touched: the marks must be there, on several lines, in the forms a
record takes; an asterisk or underscore inside a word (``*2000899*``, ``verbatim_records``) stays.
"""
import re

BOLD_LINE_RE = re.compile(r"^\s*(?:#{1,6}\s+)?(?:\*\*|__)\S")
HEADING_RE = re.compile(r"^#{1,6}\s+")
TABLE_RULE_RE = re.compile(r"\|?:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)*[ \t]*\|?")  # on a stripped line
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
# Emphasis around words: ``**bold**``, ``__bold__``, ``_italic_``, ``*italic*`` (not ``*2000899*``,
# the barcode the record prints between asterisks, nor an underscore inside a word).
# An emphasis never holds its own mark and spans at most SPAN characters: a hostile line costs
# one scan to the next mark, not one to the line's end for every mark.
SPAN = 500
STRONG_RE = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).){1,%d}?)(?<=\S)\1" % SPAN)
UNDERSCORE_RE = re.compile(r"(?<!\w)_(?=\S)([^_]{1,%d}?)(?<=\S)_(?!\w)" % SPAN)
ASTERISK_RE = re.compile(r"(?<![\w*])\*(?=[^\W\d_])([^*]{1,%d}?)(?<=\S)\*(?![\w*])" % SPAN)
ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
SPACE_BEFORE_COLON_RE = re.compile(r"^(?P<label>[^:\n]{2,160}?[\w)])\s+:(?=\s)")
BREAK_RE = re.compile(r"<br\s*/?>", re.I)
MIN_MARKED_LINES = 3


def _is_table_rule(line):
    return bool(TABLE_RULE_RE.fullmatch(line.strip()))


def is_markdown(text):
    """True if ``text`` carries Markdown's marks on several lines: bold or ``#`` headings at a
    line's start, or a table's rule."""
    lines = text.splitlines()
    marked = sum(1 for line in lines if BOLD_LINE_RE.match(line) or HEADING_RE.match(line))
    return marked >= MIN_MARKED_LINES or any(_is_table_rule(line) for line in lines)


def unmark(line):
    """One line's emphasis, escapes and heading marks taken off."""
    line = HEADING_RE.sub("", line)
    for _ in range(2):  # ``**_President_**``: bold around italics
        line = STRONG_RE.sub(r"\2", line)
        line = ASTERISK_RE.sub(r"\1", UNDERSCORE_RE.sub(r"\1", line))
    return ESCAPE_RE.sub(r"\1", line)


def _table_row(line):
    line = BREAK_RE.sub(" ", line)  # a line break inside a cell
    cells = [" ".join(cell.split()) for cell in line.strip().strip("|").split("|")]
    return " ".join(cell for cell in cells if cell)


def to_plain(text):
    """``text`` without Markdown's marks if it is Markdown, else ``text`` as it is."""
    if not is_markdown(text):
        return text
    out = []
    for line in text.split("\n"):
        if _is_table_rule(line):
            continue
        if TABLE_ROW_RE.match(line):
            line = _table_row(line)
        was_bold = bool(BOLD_LINE_RE.match(line))
        line = unmark(line).rstrip(" \t")
        if was_bold:  # a label printed ``**Mr. Abarry** (Niger) :``
            line = SPACE_BEFORE_COLON_RE.sub(r"\g<label>:", line)
        out.append(line)
    return "\n".join(out)
