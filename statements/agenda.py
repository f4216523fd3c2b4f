"""Agenda items under the Council's own titles (``data/agenda_items.tsv``).

The corpus names items as a programme of work does ("Syria (Humanitarian
Situation)", "UNAMA", "Middle East including the Palestinian question"); each
is mapped to the item the Council's agenda lists ("The situation in the Middle
East"), and the narrower name is kept as the meeting's ``topic``, which stays
searchable.
"""
from functools import lru_cache
from pathlib import Path
import csv

TABLE = Path(__file__).parent / "data" / "agenda_items.tsv"
UNNAMED = {"", "unknown", "n/a", "none"}


def _fold(text):
    return " ".join(text.replace("’", "'").lower().split())


@lru_cache(maxsize=1)
def _variants():
    with TABLE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {_fold(row["variant"]): row["title"] for row in rows}


# A cover page's title cut at its first line is still the item when it is this long.
MIN_BEGINNING = 30


def _begun(folded):
    """The Council title ``folded`` is the beginning of: a record's cover page printed over several lines
    ("Identical letters dated 19 January 2016 from the Permanent" …) and read as its first."""
    if len(folded) < MIN_BEGINNING:
        return None
    titles = {title for title in _variants().values() if _fold(title).startswith(folded)}
    return titles.pop() if len(titles) == 1 else None


def canonical(title, symbol=""):
    """(the Council's title or None, the source's narrower topic or "") for an agenda as printed."""
    title = " ".join((title or "").split())
    folded = _fold(title)
    if folded in UNNAMED:
        return _variants().get(f"{folded or 'unknown'}@{symbol.lower()}"), ""
    council = _variants().get(folded)
    if council is None:
        begun = _begun(folded)
        return (begun, "") if begun else (title, "")
    return council, ("" if _fold(council) == folded else title)
