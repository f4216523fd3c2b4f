"""The held-out layouts: the nine records as extractors the parser was never tuned on lay them out.

Issue 16's fourth round (``extractors.HELD_OUT``): PDFium's text, pdfminer with its boxes ordered
by position alone, pdfplumber in the PDF's drawing order, poppler's ``pdftohtml -xml`` and
pymupdf4llm's Markdown. Chosen and committed before the parser was changed for the layouts the
third round held out (``pdftotext -bbox-layout`` and pdfplumber's layout mode fell below the floor
and are tuned on now, in ``test_extractors.py``). While tuning, this module is not run and these
extractions are not made or opened; they are measured once, when the tuning is done, and the
parser is not changed after. The issue's floor: 99.5% of the reference turns found with speaker
and country right, and no page furniture in any statement or procedural item.
"""
import pytest

from .conftest import RECORDS, needs_shared
from .extractors import HELD_OUT
from .reference import figures, load_reference
from .test_extractors import assert_at_floor, furniture_in, parsed_as

# A measurement taken once a round, not a check of each change (the extractions take minutes
# uncached): `make slow` runs it.
pytestmark = [needs_shared, pytest.mark.slow]
FLOOR = 0.995  # the floor on records and layouts the parser never saw
# (extractor, record): the figures of test_extractors.MEASURED, then pieces of furniture left;
# filled when the set is measured, at the end of the round.
MEASURED = {}
CASES = sorted(MEASURED) or [("pdfium", "(not measured yet)")]


@pytest.mark.parametrize("extractor, name", CASES)
def test_held_out_layout_at_its_measured_floors(extractor, name):
    if (extractor, name) not in MEASURED:
        pytest.skip("measured once, at the end of the round")
    *floor, furniture = MEASURED[(extractor, name)]
    record = parsed_as(name, extractor)
    assert_at_floor(figures(load_reference(name), record), floor)
    assert len(furniture_in(record)) <= furniture, furniture_in(record)


@pytest.mark.parametrize("extractor", HELD_OUT)
def test_held_out_layout_turns_right(extractor):
    right = total = 0
    for name in RECORDS:
        got = figures(load_reference(name), parsed_as(name, extractor))
        right, total = right + got.right, total + got.turns
    assert total == 303
    assert right / total >= FLOOR, f"{extractor}: {right}/{total} turns right"


@pytest.mark.parametrize("extractor", HELD_OUT)
def test_held_out_layout_leaves_no_furniture(extractor):
    left = {name: furniture_in(parsed_as(name, extractor)) for name in RECORDS}
    assert not any(left.values()), left
