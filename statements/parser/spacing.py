"""Spaces an extractor prints inside what the record prints without them.

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
COVER_CHARS = 3000  # the meeting number stands on the cover, near the top


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


def close_gaps(text):
    return close_punctuation(close_parentheses(close_symbol_gaps(text)))
