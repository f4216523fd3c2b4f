"""The held-out layouts: the nine records as extractors the parser was never tuned on lay them out.

Issue 16's seventh round (``extractors.HELD_OUT``): PyMuPDF's blocks sorted by position;
``pdftotext -raw -nopgbrk`` (content order, no form feeds); ``pdftotext -fixed 5`` (the columns
side by side at a coarser pitch); pdfminer with ``boxes_flow=-0.8`` and ``word_margin=0.05``;
pdfplumber's words rebuilt into lines; pypdf's pages joined by newlines (no form feeds); PyMuPDF's
blocks rewrapped to 100 characters a line; and the PyMuPDF text through a seeded transform with a
scan's recognition faults (``rn``/``m``, ``l``/``1``, dropped diacritics, stray spaces, line-end
hyphens). Chosen and committed before the parser was changed for the layouts the sixth round held
out (tuned on now, in ``test_extractors.py``). While tuning, this module is not run and these
extractions are not opened; they are measured once, when the tuning is done, and the parser is not
changed after. The issue's floor: 99.5% of the reference turns found with speaker and country
right, and no page furniture in any statement or procedural item.
"""
import pytest

from .conftest import RECORDS, needs_shared
from .extractors import HELD_OUT
from .reference import figures, load_reference
from .test_extractors import furniture_in, parsed_as

# A measurement taken once a round, not a check of each change: `make slow`.
pytestmark = [needs_shared, pytest.mark.slow]
FLOOR = 0.995  # the floor on records and layouts the parser never saw


@pytest.mark.parametrize("extractor", HELD_OUT)
def test_held_out_layout_turns_right(extractor):
    right = total = 0
    for name in RECORDS:
        got = figures(load_reference(name), parsed_as(name, extractor))
        right, total = right + got.right, total + got.turns
    assert total == 303
    assert right / total >= FLOOR, f"{extractor}: {right}/{total} turns right"


@pytest.mark.parametrize("extractor", HELD_OUT)
@pytest.mark.parametrize("name", RECORDS or ["(no records)"])
def test_held_out_layout_leaves_no_furniture(extractor, name):
    assert not furniture_in(parsed_as(name, extractor))
