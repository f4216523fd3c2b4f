"""Shared helpers: synthetic records and the ids the index holds."""
from statements import indexing

COUNTRIES = ["France", "Chile", "China", "Ghana", "India", "Japan", "Mexico", "Norway"]


def record_text(turns, tag="", words=40):
    """A meeting record of ``turns`` speaker turns, each with a distinctive word."""
    lines = []
    for n in range(turns):
        country = COUNTRIES[n % len(COUNTRIES)]
        body = " ".join(f"word{(n * 7 + k) % 97}" for k in range(words))
        lines.append(f"Mr. Speaker{n % 13} ({country}): {tag}turn{n} {body}.\n")
    return "\n".join(lines)


def index_ids():
    return sorted(indexing.indexed_ids())
