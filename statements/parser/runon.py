"""Labels a scan's recognised text ran on to the line before, or misread.

A scan loses line breaks: the line that opens a turn is joined to the last line of the speech
before it (``… our full support. Mr. Syihab (Indonesia): Let me …``, ``… now. The President: I now
give …``), and the label no longer starts a line. It may also read the honorific's full stop as a
comma (``Mr, Heusgen (Germany): It is …``). Each is put back as records print it, only where what
follows the sentence's end is a label that names a State or a language (``(Indonesia)``,
``(spoke in French)``) or a title's (``The President:``): a briefer's bare ``Mr. Name:`` is no
sign enough inside a line of speech.
"""
import re

from .turns import match_label

# Where a sentence ends and an honorific or ``The`` follows one space after it (a closing quote or
# parenthesis may stand after the stop). Bounded: one character class, then a fixed word.
RUN_ON_RE = re.compile(r"(?<=[a-z0-9\u00C0-\u024F”’\"')][.!?]) (?=(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|The)[.,]? [A-Z])"
                       r"|(?<=[a-z0-9\u00C0-\u024F][.!?][”’\")]) (?=(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|The)[.,]? [A-Z])")
COMMA_HONORIFIC_RE = re.compile(r"^(?P<indent>\s*)(?P<honorific>Mr|Mrs|Ms|Miss|Dr),(?= [A-Z])")
WRAP_LINES = 2  # a run-on label may wrap over the line after it (``(spoke in`` / ``Arabic): …``)
LABEL_SPAN = 300  # characters read after a sentence's end to find a label (its colon stands within 200)


def _sure_label(text):
    """The label ``text`` opens with, if it names a State or a language or is a title's; else None."""
    label = match_label(text)
    if label is None:
        return None
    if label.title or label.country or "(" in label.label:
        return label
    return None


def _with_stop(text):
    """``Mr, Heusgen (Germany): …`` with its honorific's full stop, where that makes it a label."""
    m = COMMA_HONORIFIC_RE.match(text)
    if m:
        mended = f"{m['indent']}{m['honorific']}.{text[m.end():]}"
        if _sure_label(mended.strip()):
            return mended
    return text


def _label_ahead(rest, following):
    """True if ``rest`` (with the lines after it, for a label that wraps) opens with a label."""
    rest = rest[:LABEL_SPAN]
    if ":" not in rest and not any(":" in line[:LABEL_SPAN] for line in following):
        return False  # no label's colon near: the common case, kept cheap
    rest = _with_stop(rest)
    if _sure_label(rest):
        return True
    joined = " ".join([rest.strip(), *(line.strip()[:LABEL_SPAN] for line in following)])
    return _sure_label(joined) is not None


def split_run_on_labels(lines):
    """``lines`` with each label a scan ran on to the line before set on a line of its own (the
    line before ending there, as a paragraph's last line does: no trailing space), and an
    honorific's comma read back as its full stop."""
    out = []
    for i, line in enumerate(lines):
        following = lines[i + 1:i + 1 + WRAP_LINES]
        pieces, start = [], 0
        for m in RUN_ON_RE.finditer(line):
            if _label_ahead(line[m.end():m.end() + LABEL_SPAN], following):
                pieces.append(line[start:m.start()])
                start = m.end()
        pieces.append(line[start:])
        out.extend(_with_stop(piece) for piece in pieces)
    return out
