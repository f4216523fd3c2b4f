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


VOTE_HEADS = ("In favour:", "Against:", "Abstaining:", "Abstentions:")
KINDS = (
    ("vote", re.compile(r"^(?:A (?:recorded )?vote was taken|In favour:|Against:|Abstaining:)")),
    ("opening", re.compile(r"^The meeting was called to order\b")),
    ("resumption", re.compile(r"^The meeting (?:was )?resumed\b")),
    ("suspension", re.compile(r"^The meeting was suspended\b")),
    ("closing", re.compile(r"^The meeting (?:rose|was adjourned|was closed)\b")),
    ("agenda", re.compile(r"^(?:Adoption of the agenda|The agenda was adopted)")),
    ("chair", re.compile(r"\btook the Chair\b|\breturned to the Chair\b")),
    ("silence", re.compile(r"\bminute of silence\b")),
)


def continues_procedure(previous, para):
    """True if ``para`` belongs with the procedural item before it.

    A vote's lists go with it; an agenda item's title takes the lines below it
    (``The situation in the Middle East`` / ``Letter dated …``).
    """
    if previous.endswith(":"):
        return True  # "In favour:" then its list
    last = previous.split("\n")[-1]
    if is_heading(last) and not is_procedural(last) and not is_procedural(para):
        return True
    in_vote = previous.startswith("A vote was taken") or previous.startswith("A recorded vote") \
        or previous.startswith(VOTE_HEADS)
    return in_vote and para.startswith(VOTE_HEADS)


def procedure_kind(text):
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    return "heading" if is_heading(text.split("\n")[0]) else "other"


def vote_lists(text):
    """The countries voting each way in a vote item, or None if it has no lists."""
    if not any(head in text for head in VOTE_HEADS):
        return None
    vote = {"in_favour": [], "against": [], "abstaining": []}
    keys = {"In favour:": "in_favour", "Against:": "against", "Abstaining:": "abstaining",
            "Abstentions:": "abstaining"}
    parts = re.split(r"(In favour:|Against:|Abstaining:|Abstentions:)", text)
    for head, body in zip(parts[1::2], parts[2::2]):
        names = [n.strip() for n in re.split(r",\s*", re.sub(r"\s+", " ", body)) if n.strip()]
        vote[keys[head]] = [] if names == ["None"] else names
    return vote


TOOK_CHAIR_RE = re.compile(
    r"^(?P<honorific>Mr|Mrs|Ms|Miss|Sir|Dame|Dr)\.\s+(?P<name>[^()]+?)\s+\((?P<country>[^()]+)\),?\s+"
    r"(?:\w[\w -]*,\s+)?took the Chair\b"
)
RETURNED_RE = re.compile(r"^The President (?:returned to|resumed) the Chair\b")


def chair_change(text, president):
    """Who presides after ``text``: a dict like the cover's President, or None if unchanged.

    ``Mr. X (Country), Vice-President, took the Chair.`` hands "The President"
    to X; ``The President returned to the Chair.`` gives it back.
    """
    match = TOOK_CHAIR_RE.match(text)
    if match:
        return {"name": match["name"].strip(), "honorific": match["honorific"] + ".",
                "country": match["country"].strip()}
    if RETURNED_RE.match(text):
        return president
    return None
