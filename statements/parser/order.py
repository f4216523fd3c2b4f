"""Put back what an extractor printed out of reading order.

Some extractors (poppler's ``pdftotext`` without ``-layout``, its ``-bbox-layout``) read a
page by text blocks and may print a block of one column before or after text of the
other. The text no longer shows where a block stood, but the record's own structure
says where some belong:

* the record opens with ``The meeting was called to order``: paragraphs printed above it
  on the first page come after the opening and the adoption of the agenda;
* a vote's list cut off from its vote (``Abstaining:`` printed after the next speeches)
  goes back to the vote that lacks it;
* the President announces a vote's result right after the vote, before anyone speaks
  after it;
* giving the floor is the last thing the President says before the label of the speaker
  it names (a State's representative, a person by name, or the observer or officer of an
  organisation for a label without a country)::

      Mr. Mavroyiannis (Cyprus): I wish to thank you, … our collective
      The President: I now give the floor to the representative of Cyprus.
      action. The Security Council, being at the epicentre …

  so paragraphs after it in the same turn are the previous speaker's, cut off by the
  misplaced line. They go back to that speaker; and when the floor went to that very
  speaker, the President's turn goes back before theirs. A President's turn that ends
  with giving the floor (the usual case) is left as it is, and so is one whose floor
  went to neither neighbour.
"""
import re

from .speakers import floor_given, post_body, state_of
from .text import fold

OPENING_RE = re.compile(r"^The meeting was called to order\b")
AGENDA_RE = re.compile(r"^(?:Adoption of the agenda|The agenda was adopted)\b")
FIRST_PAGE_CHARS = 8000  # what stands above the opening is on the first page, never more
VOTE_START_RE = re.compile(r"^A (?:recorded )?vote was taken\b")
VOTE_HEAD_RE = re.compile(r"^(?P<head>In favour|Against|Abstaining|Abstentions):")
HEAD_RANK = {"In favour": 0, "Against": 1, "Abstaining": 2, "Abstentions": 2}
RESULT_RE = re.compile(r"\b(?:received|obtained) [\w-]+ votes? in favour\b")
# The President giving the floor, to anyone ("… to those members of the Council who wish to …").
GIVES_FLOOR_RE = re.compile(r"\bI\s+(?:now\s+|shall\s+(?:now\s+)?|will\s+(?:now\s+)?)?"
                            r"(?:(?:give|yield|pass)\s+the\s+floor\b|call\s+(?:up)?on\b)")
VOTE_REACH = 40  # paragraphs back to look for the vote a stray list belongs to


def opening_first(paras):
    """``paras`` with what an extractor printed above the opening line moved below it (after the
    adoption of the agenda): the record starts with the opening."""
    start = next((i for i, para in enumerate(paras) if OPENING_RE.match(para)), None)
    if not start or sum(len(para) for para in paras[:start]) > FIRST_PAGE_CHARS:
        return paras
    end = start + 1
    while end < len(paras) and AGENDA_RE.match(paras[end]):
        end += 1
    return paras[start:end] + paras[:start] + paras[end:]


def _vote_part(paras, i):
    """True if ``paras[i]`` belongs to the vote before it (its start, a list, or the names under a
    heading printed alone)."""
    return bool(VOTE_START_RE.match(paras[i]) or VOTE_HEAD_RE.match(paras[i])
                or (i > 0 and VOTE_HEAD_RE.match(paras[i - 1]) and paras[i - 1].rstrip().endswith(":")))


def _vote_lacking(paras, i, rank):
    """Index just after the nearest vote before ``i`` whose lists stop short of ``rank``, or None."""
    for start in range(i - 1, max(-1, i - VOTE_REACH), -1):
        if VOTE_START_RE.match(paras[start]):
            end, ranks = start + 1, []
            while end < i and _vote_part(paras, end):
                if head := VOTE_HEAD_RE.match(paras[end]):
                    ranks.append(HEAD_RANK[head["head"]])
                end += 1
            return end if ranks and max(ranks) < rank else None
    return None


def rejoin_vote_lists(paras):
    """``paras`` with a vote's list printed apart from its vote (after a speech) put back in it."""
    paras = list(paras)
    i = 1
    while i < len(paras):
        head = VOTE_HEAD_RE.match(paras[i])
        if head and not _vote_part(paras, i - 1):
            size = 2 if paras[i].rstrip().endswith(":") and i + 1 < len(paras) else 1
            at = _vote_lacking(paras, i, HEAD_RANK[head["head"]])
            if at is not None:
                piece = paras[i:i + size]
                del paras[i:i + size]
                paras[at:at] = piece
                i += size
                continue
        i += 1
    return paras


def _names(label, intro):
    """True if the floor given (``intro``) went to the speaker of ``label``."""
    if label is None or label.title:
        return False
    if intro.full_name:
        return fold(intro.full_name).endswith(fold(label.name))
    if label.country is None:  # an organisation's speaker: the floor went to a post of no State
        return bool(intro.post) and state_of(intro.post) is None
    body, country = fold(post_body(intro.post)), fold(label.country)
    return bool(body) and (body.startswith(country) or country.startswith(body))


def restore_vote_result(items):
    """``items`` with the President's announcement of a vote's result, printed after the start of the
    next speech, put back right after the vote; what the President's turn holds after the floor was
    given goes back to that speech."""
    items = list(items)
    for i in range(2, len(items)):
        vote, turn, president = items[i - 2], items[i - 1], items[i]
        if not (vote[0] == "procedure" and (VOTE_START_RE.match(vote[1]) or VOTE_HEAD_RE.match(vote[1]))
                and turn[0] == "turn" and turn[1].title != "President"
                and president[0] == "turn" and president[1].title == "President"
                and president[2] and RESULT_RE.search(president[2][0])):
            continue
        body = president[2]
        floor = max((k for k, para in enumerate(body) if GIVES_FLOOR_RE.search(para)), default=len(body) - 1)
        items[i - 1:i + 1] = [("turn", president[1], body[:floor + 1]),
                              ("turn", turn[1], turn[2] + body[floor + 1:])]
    return items


def restore_floor_order(items):
    """``items`` (as ``records._split_items`` makes them) with misplaced floor-giving lines put back."""
    items = list(items)
    for i in range(1, len(items)):
        item, before = items[i], items[i - 1]
        if item[0] != "turn" or before[0] != "turn" or item[1].title != "President" or before[1].title:
            continue
        body = item[2]
        intro = floor_given(body[0]) if len(body) > 1 else None
        if intro is None:
            # Giving the floor later in the turn, with more after it: only back to the previous speaker.
            given = [(k, found) for k, para in enumerate(body) if (found := floor_given(para))]
            if given and given[-1][0] < len(body) - 1 and _names(before[1], given[-1][1]):
                k = given[-1][0]
                items[i - 1:i + 1] = [("turn", item[1], body[:k + 1]), ("turn", before[1], before[2] + body[k + 1:])]
            continue
        after = items[i + 1][1] if i + 1 < len(items) and items[i + 1][0] == "turn" else None
        to_previous, to_next = _names(before[1], intro), _names(after, intro)
        if to_previous == to_next:
            continue  # the floor went to neither (or the same speaker speaks twice): leave it
        previous = ("turn", before[1], before[2] + body[1:])
        president = ("turn", item[1], body[:1])
        items[i - 1:i + 1] = [president, previous] if to_previous else [previous, president]
    return items
