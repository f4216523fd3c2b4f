"""Spaces an extractor prints inside what the record prints without them.

An ordinal's superscript may come out as a word of its own (``8701 st meeting``, poppler's
``-bbox-layout``): it is joined back to its number when it is that number's own suffix.

A character grid (pdfplumber's layout mode) may set the cover's large type over two lines: the
symbol's ``S`` above its ``/PV.8701``, the number above its ``st meeting``. They are joined back
on the cover page only.

pypdf, for one, sets a space wherever the PDF moves the pen a little: inside the
record's symbol (``S/ PV.870 0``, ``S/ PV. 8701``) and inside parentheses
(``( spoke in French )``), and before punctuation (``tanker ,``). The symbol is closed up only to the record's own number
(the cover's ``8700th meeting``), so two numbers side by side (``S/PV.8701 2/2``)
are never joined; a parenthesis loses one space on its inner side.
"""
import re

MEETING_NUMBER_RE = re.compile(r"(?:^|\s)(?P<number>\d{3,5})(?:st|nd|rd|th) meeting\b")
SYMBOL_START_RE = re.compile(r"\bS ?/ ?PV ?\. ?(?=\d)")
# A space before a comma, semicolon or full stop that ends a word (``tanker ,``, ``1.5°C .``); not
# before a dot leader or an ellipsis (``. . .``), nor a decimal point (``.5``).
PUNCTUATION_RE = re.compile(r"(?<=[^\W\d_]|[)”’°%]) (?=[,;.](?:\s|$))(?!\. \.)")
PAREN_RE = re.compile(r"(?<=\() (?=\S)|(?<=\S) (?=\))")
ORDINAL_RE = re.compile(r"\b(?P<number>\d+)[ \t]+(?P<suffix>st|nd|rd|th)\b")
COVER_CHARS = 3000  # the meeting number stands on the cover, near the top


def ordinal_suffix(number):
    """``st``, ``nd``, ``rd`` or ``th``, as English writes ``number``'s ordinal."""
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def close_ordinals(text):
    """``8701 st meeting`` → ``8701st meeting``; ``3 th`` (not 3's suffix) is left as it is."""
    return ORDINAL_RE.sub(lambda m: m["number"] + m["suffix"] if ordinal_suffix(int(m["number"])) == m["suffix"]
                          else m[0], text)


SYMBOL_REST_RE = re.compile(r"(?<!\S)/\s?PV\s?\.\s?\d")
NUMBER_ALONE_RE = re.compile(r"(?<!\S)(?P<number>\d{3,5})[ \t]*$")
SUFFIX_FIRST_RE = re.compile(r"^[ \t]*(?P<suffix>st|nd|rd|th) meeting\b")
NEAR_LINES = 3  # the two halves of a split part stand this close


def rejoin_cover_parts(text):
    """The cover's symbol and meeting number put back on one line where a layout set their halves
    on two (``S`` / ``/PV.8701``, ``8701`` / ``st meeting``)."""
    cover, form_feed, rest = text.partition("\f")
    lines = cover.split("\n")
    for i, line in enumerate(lines[:60]):
        if line.strip() == "S":
            for j in range(i + 1, min(i + 1 + NEAR_LINES, len(lines))):
                if found := SYMBOL_REST_RE.search(lines[j]):
                    lines[j] = lines[j][:found.start()] + "S" + lines[j][found.start():]
                    lines[i] = ""
                    break
        elif number := NUMBER_ALONE_RE.search(line):
            nxt = next((j for j in range(i + 1, min(i + 1 + NEAR_LINES, len(lines))) if lines[j].strip()), None)
            suffix = SUFFIX_FIRST_RE.match(lines[nxt]) if nxt is not None else None
            if suffix and suffix["suffix"] == ordinal_suffix(int(number["number"])):
                lines[i] = line[:number.end("number")] + lines[nxt].strip()
                lines[nxt] = ""
    return "\n".join(lines) + form_feed + rest


def close_symbol_gaps(text):
    """``S/ PV.870 0`` → ``S/PV.8700`` where the digits, spaces left out, are the record's number."""
    found = MEETING_NUMBER_RE.search(text[:COVER_CHARS])
    number = found["number"] if found else None

    text = SYMBOL_START_RE.sub("S/PV.", text)
    if number is None:
        return text
    out, last = [], 0
    for match in re.finditer(r"S/PV\.(?=\d)", text):
        start = match.end()
        digits, end = "", start
        while end < len(text) and len(digits) < len(number):
            if text[end].isdigit():
                digits += text[end]
            elif text[end] != " " or not digits:
                break
            end += 1
        if digits == number and end > start + len(number) and not text[end:end + 1].isdigit():
            out += [text[last:start], number]
            last = end
    out.append(text[last:])
    return "".join(out)


def close_parentheses(text):
    """``( spoke in French )`` → ``(spoke in French)``: one space inside a parenthesis, no more."""
    return PAREN_RE.sub("", text)


def close_punctuation(text):
    """``tanker , and`` → ``tanker, and``."""
    return PUNCTUATION_RE.sub("", text)


CUT_BEFORE_RE = re.compile(r"(?<![ \t])[ \t]*\n[ \t]*(?=[:)])")  # one try per run of spaces
CUT_AFTER_RE = re.compile(r"(?<=\()[ \t]*\n[ \t]*(?=\S)")


def rejoin_cut_punctuation(text):
    """A colon or a closing parenthesis at a line's start, or an opening parenthesis at its end,
    joined to its neighbour: an extractor that prints each run of one font as a line of its own
    (``pdftohtml -xml``) sets a bold label apart from its colon (``The President`` / ``: The
    Council …``) and a label's parentheses apart from what they hold (``(China) (`` / ``spoke in
    Chinese`` / ``): …``). No line of a record starts with ``:`` or ``)``, nor ends with ``(``."""
    return CUT_AFTER_RE.sub("", CUT_BEFORE_RE.sub("", text))


# An honorific glued to the word before it (``contribute towardsMr. Heusgen (Germany):``,
# ``themselves.Mr. Baati``, ``inThe President:``), or a label's language after ``(spoke in`` on the
# line before (``by theArabic):``): a fixed pitch coarser than the type pushes the right column's
# label against the left column's last word. No word of a record runs into ``Mr.`` and a name.
GLUED_HONORIFIC_RE = re.compile(r"(?<=[a-z.,;])(?=(?:Mr|Mrs|Ms|Dr)\. {0,2}[A-Z][a-z]|The {1,2}President[ :(]"
                                r"|(?:Arabic|Chinese|English|French|Russian|Spanish)\):)")


def part_glued_honorifics(text):
    """``towardsMr. Heusgen`` → ``towards Mr. Heusgen``, ``inThe President:`` → ``in The President:``."""
    return GLUED_HONORIFIC_RE.sub(" ", text)


def close_gaps(text):
    return close_punctuation(close_parentheses(close_symbol_gaps(close_ordinals(text))))
