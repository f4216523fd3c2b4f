"""Shared fixtures: the nine real records in ``shared/`` beside the repository."""
from functools import lru_cache

import pytest

from statements.parser import parse_file

from .reference import SHARED, TRANSCRIPTS, compare, load_reference, records

RECORDS = records()
needs_shared = pytest.mark.skipif(
    not RECORDS,
    reason=f"the shared records are not at {TRANSCRIPTS.resolve()} "
           "(clone the project's shared/ folder beside the repository to run these tests)",
)


@lru_cache(maxsize=None)
def parsed(name, kind="text"):
    """Parse a shared record once per test session (``kind`` is 'text' or 'pdf')."""
    if kind == "pdf":
        return parse_file(TRANSCRIPTS / "pdf" / f"{name}.pdf")
    return parse_file(TRANSCRIPTS / "text" / f"{name}.txt")


def seed_files():
    folder = SHARED / "seeds"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


@lru_cache(maxsize=None)
def aligned(name):
    """Our parse of a record aligned with the reference split (see ``reference.compare``)."""
    return compare(load_reference(name), parsed(name))
