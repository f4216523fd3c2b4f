"""The held-out layouts: the nine records as extractors the parser was never tuned on lay them out.

Issue 16's sixth round (``extractors.HELD_OUT``): pdfminer with wider margins, all texts and
vertical text; pypdf's layout mode with no vertical spacing at another character scale; PyMuPDF's
``rawdict`` characters rebuilt into lines with spaces from the gaps; PyMuPDF's text with the
dehyphenate, ligature, whitespace and media-box flags; ``pdftotext -nopgbrk -eol dos`` and
``pdftotext -layout -nopgbrk`` (no form feeds); ``mutool draw -F txt``; and the PyMuPDF text
through a seeded transform (ligatures, line-end hyphens, turned quotes, odd spaces). Chosen and
committed before the parser was changed for the layouts the fifth round held out (PyMuPDF's
XHTML, its ``dict`` sorted, PDFium's ``get_text_range()``, ``pdftotext -fixed 3`` and pdfminer
with tighter margins, tuned on now in ``test_extractors.py``). While tuning, this module is not
run and these extractions are not opened; they are measured once, when the tuning is done, and
the parser is not changed after. The issue's floor: 99.5% of the reference turns found with
speaker and country right, and no page furniture in any statement or procedural item.
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
