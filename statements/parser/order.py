"""Put back a floor-giving line that an extractor printed out of reading order.

Some extractors (poppler's ``pdftotext`` without ``-layout``) read a page by
text blocks and may print the President's last line at the foot of a column
after text of the next column::

    Mr. Mavroyiannis (Cyprus): I wish to thank you, … our collective
    The President: I now give the floor to the representative of Cyprus.
    action. The Security Council, being at the epicentre …

Giving the floor is the last thing the President says before the label of the
speaker it names (a State's representative, a person by name, or the observer
or officer of an organisation for a label without a country), so paragraphs
after it in the same turn are the previous speaker's, cut off by the misplaced
line. They go back to that speaker; and when the floor went to that very
speaker, the President's line goes back before their turn. A President's turn
that ends with giving the floor (the usual case) is left as it is, and so is
one whose floor went to neither neighbour.
"""
from .speakers import floor_given, post_body, state_of
from .text import fold


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
            continue
        after = items[i + 1][1] if i + 1 < len(items) and items[i + 1][0] == "turn" else None
        to_previous, to_next = _names(before[1], intro), _names(after, intro)
        if to_previous == to_next:
            continue  # the floor went to neither (or the same speaker speaks twice): leave it
        previous = ("turn", before[1], before[2] + body[1:])
        president = ("turn", item[1], body[:1])
        items[i - 1:i + 1] = [president, previous] if to_previous else [previous, president]
    return items
