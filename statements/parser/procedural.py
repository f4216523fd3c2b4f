"""Procedural text: what the record reports rather than what someone said.

``The meeting was called to order at 10 a.m.``, ``Adoption of the agenda``,
``The agenda was adopted.``, ``A vote was taken by show of hands.`` with its
``In favour:`` / ``Against:`` / ``Abstaining:`` lists, ``The meeting rose at …``.
Once such a line appears, the turn before it is over: what follows up to the
next speaker label is procedural too (agenda item titles, vote lists).
"""
import re

from .citations import find_citations

PROCEDURAL_RE = re.compile(
    r"^(?:The meeting (?:was called to order|rose|was suspended|was resumed|resumed)\b"
    r"|The meeting was (?:adjourned|closed)\b"
    r"|Adoption of the agenda\s*$"
    r"|The agenda was adopted\b"
    r"|A (?:recorded )?vote was taken\b"
    r"|(?:In favour|Against|Abstaining|Abstentions):"
    r"|The draft resolution was adopted\b"
    r"|The (?:members of the )?(?:Council|Security Council) observed a minute of silence\b"
    r"|The (?:President|Vice-President|Secretary-General)(?: \(.*?\))? (?:took|returned to|resumed) the Chair\b"
    r"|[A-Z][\w.’' -]+ \([^()]+\),? (?:Vice-President, )?took the Chair\b"
    r"|Expression of (?:welcome|thanks|sympathy|condolences)\b"
    r")"
)
ADOPTED_RE = re.compile(
    r"\badopted(?:,? (?:unanimously|by consensus|without a vote))?,? as resolution\s+"
    r"(?P<num>\d{1,4})\s*\((?P<year>\d{4})\)",
)
SENTENCE_END = tuple('.?!:;)"”’…]')


def is_procedural(text):
    return bool(PROCEDURAL_RE.match(text))


def is_heading(text):
    """A line without closing punctuation, such as an agenda item title."""
    return bool(text) and not text.rstrip().endswith(SENTENCE_END) and len(text) < 300


def adopted_resolutions(text):
    """Resolutions ``text`` reports adopted (``… adopted unanimously as resolution 2505 (2020)``)."""
    found = []
    for match in ADOPTED_RE.finditer(re.sub(r"\s+", " ", text)):
        found.extend(find_citations(f"resolution {match['num']} ({match['year']})"))
    return found
