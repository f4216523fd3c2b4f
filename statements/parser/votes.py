"""Votes in a meeting record: what was put to the vote, how each member voted, what came of it.

A recorded vote is printed as a procedural block::

    A vote was taken by show of hands.
    In favour:
    Belgium, Dominican Republic, ...
    Against:
    None
    Abstaining:
    China, Russian Federation, ...

after the President's "I shall now put to the vote the draft resolution
contained in document S/2020/24" and before the President's announcement
("The draft resolution is adopted as resolution 2504 (2020)", "has not been
adopted, having failed to obtain the required number of votes", "owing to the
negative vote of a permanent member of the Council"). A vote without a count
is one procedural line: "The draft resolution was adopted unanimously as
resolution 2505 (2020)." Works on the turns of a parsed or saved record, in order.
"""
from dataclasses import dataclass, field
import re

ADOPTED, FAILED, VETOED = "adopted", "failed", "vetoed"
DRAFT, AMENDMENT = "draft resolution", "amendment"

_HEADS = {"in favour": "in_favour", "in favor": "in_favour", "against": "against", "abstaining": "abstaining"}
_HEAD_RE = re.compile(r"^\s*(In favou?r|Against|Abstaining)\s*:\s*(.*)$", re.IGNORECASE)
_RESOLUTION_RE = re.compile(r"adopted\s+(?:unanimously\s+)?as\s+resolution\s+(\d{1,5})\s*\((\d{4})\)", re.I)
_UNANIMOUS_RE = re.compile(r"adopted\s+unanimously", re.I)
_VETO_RE = re.compile(r"negative\s+vote\s+of\s+a\s+permanent\s+member", re.I)
_FAILED_RE = re.compile(r"(?:has|have)\s+not\s+been\s+adopted|failed\s+to\s+obtain|not\s+adopted", re.I)
_PUT_RE = re.compile(r"put\s+to\s+the\s+vote\s+(?:now\s+)?(?:the\s+)?(.{3,300}?)(?:\.\s|\.$|$)", re.I | re.S)
_DRAFT_SYMBOL_RE = re.compile(r"\bS/\d{4}/\d{1,4}\b")


@dataclass
class Turn:
    order: int
    text: str
    procedural: bool


@dataclass
class ParsedVote:
    order: int  # the vote's own line in the record
    kind: str = DRAFT
    subject: str = ""  # as the President put it: "the draft resolution contained in document S/2020/24"
    draft_symbol: str = ""
    outcome: str = ""
    resolution: tuple | None = None  # (number, year) when adopted as a resolution
    unanimous: bool = False
    in_favour: list = field(default_factory=list)
    against: list = field(default_factory=list)
    abstaining: list = field(default_factory=list)
    announced_at: int | None = None  # the President's turn that gave the result


def countries(text):
    """The names in a vote list, which the record wraps over lines: "United Kingdom of Great
    Britain and\\nNorthern Ireland" is one name; "None" is none."""
    text = " ".join(text.split())
    if not text or text.lower().rstrip(".") == "none":
        return []
    return [name.strip() for name in text.split(",") if name.strip()]


def read_counts(text):
    """``{"in_favour": [...], "against": [...], "abstaining": [...]}`` from a vote block, or None."""
    found, current = {}, None
    for line in text.splitlines():
        head = _HEAD_RE.match(line)
        if head:
            current = _HEADS[head[1].lower()]
            found[current] = head[2]
        elif current:
            found[current] += " " + line
    if "in_favour" not in found:
        return None
    return {key: countries(found.get(key, "")) for key in ("in_favour", "against", "abstaining")}


def _outcome(text, vote):
    if match := _RESOLUTION_RE.search(text):
        vote.outcome, vote.resolution = ADOPTED, (int(match[1]), int(match[2]))
        vote.unanimous = vote.unanimous or bool(_UNANIMOUS_RE.search(text))
        return True
    if _VETO_RE.search(text):
        vote.outcome = VETOED
        return True
    if _FAILED_RE.search(text):
        vote.outcome = FAILED
        return True
    if re.search(r"\b(?:is|has been|was)\s+adopted", text, re.I):
        vote.outcome = ADOPTED
        return True
    return False


def _subject(text, vote):
    puts = list(_PUT_RE.finditer(text))
    if not puts:
        return
    subject = " ".join(puts[-1][1].split())
    vote.subject = subject[:300]
    vote.kind = AMENDMENT if "amendment" in subject.lower() else DRAFT
    if symbol := _DRAFT_SYMBOL_RE.search(subject):
        vote.draft_symbol = symbol[0]


def find_votes(turns):
    """The votes of a record, from its turns in order (``Turn`` or anything with those fields)."""
    turns = sorted(turns, key=lambda t: t.order)
    votes = []
    for i, turn in enumerate(turns):
        counts = read_counts(turn.text) if turn.procedural else None
        if counts:
            vote = ParsedVote(order=turn.order, **counts)
            vote.unanimous = not counts["against"] and not counts["abstaining"]
            before = next((t for t in reversed(turns[:i]) if not t.procedural), None)
            if before:
                _subject(before.text, vote)
            for after in turns[i + 1:i + 3]:
                if not after.procedural and _outcome(after.text, vote):
                    vote.announced_at = after.order
                    break
            votes.append(vote)
        elif turn.procedural and _RESOLUTION_RE.search(turn.text):
            # adopted without a show of hands being printed: "adopted unanimously as resolution 2505 (2020)"
            vote = ParsedVote(order=turn.order, announced_at=turn.order)
            _outcome(turn.text, vote)
            before = next((t for t in reversed(turns[:i]) if not t.procedural), None)
            if before:
                _subject(before.text, vote)
            votes.append(vote)
    return votes
