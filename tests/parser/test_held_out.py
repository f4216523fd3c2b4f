"""The held-out layouts: the nine records as extractors the parser was never tuned on lay them out.

Chosen and committed before the parser was changed for pypdf's text (issue 16, third round:
``extractors.HELD_OUT``: pypdf's layout mode, pdfplumber's layout mode, PyMuPDF's words joined per
line, ``pdftotext -bbox-layout`` read back as lines and blocks). While tuning, this module was not
run and the extractions were not opened; they were measured once, when the tuning was done, and
the parser was not changed after. The issue's floor: 99.5% of the reference turns found with
speaker and country right, and no page furniture in any statement or procedural item. The
previous round's held-out layouts (pypdf, ``pdftotext -raw``, PyMuPDF blocks) are tuned on now:
``test_extractors.py``.

Measured: PyMuPDF's words 303/303 and pypdf's layout mode 302/303 (99.7%), no furniture in either;
pypdf's lost turn is the briefer Chambas in S/PV.8698: the page where his briefing starts is read
out of column order (his label and first paragraph before the President's turns that precede
them), so the rest of his briefing falls into the President's turn. Two miss the floor, and their
figures below are what they measured, not the issue's floor:

* ``pdftotext -bbox-layout`` 186/303 (61.4%), furniture left 190 times: the cover prints
  ``8701 st meeting`` (the ordinal's superscript as a word of its own), so no cover is recognised:
  no President (every ``The President`` turn loses speaker and country) and no running header
  known, and its blocks put the header's parts a blank line apart inside the speeches;
* pdfplumber's layout mode 94/303 (31.0%): the cover's symbol and meeting number are cut over two
  lines (``S`` / ``/PV.8701``, ``8701`` / ``st meeting``), so no cover either, and its character
  grid leaves one space between the columns on some lines, so the gutter is not found.
"""
import pytest

from .conftest import RECORDS, needs_shared
from .extractors import HELD_OUT
from .reference import figures, load_reference
from .test_extractors import assert_at_floor, furniture_in, parsed_as

# A measurement taken once a round, not a check of each change: about 4 minutes uncached (pdfplumber and
# pypdf's layout mode extract slowly), 2 cached; `make slow` runs it.
pytestmark = [needs_shared, pytest.mark.slow]
FLOOR = 0.995  # the floor on records and layouts the parser never saw
# (extractor, record): the figures of test_extractors.MEASURED, then pieces of furniture left.
MEASURED = {
    ("pypdf-layout", "S-PV.8698"): (19, 20, 1, 1, 0.9263, 0.0000, 0.9328, 0.0745, 0),
    ("pypdf-layout", "S-PV.8699"): (101, 101, 0, 0, 0.9951, 0.8254, 0.9944, 0.8235, 0),
    ("pypdf-layout", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677, 0),
    ("pypdf-layout", "S-PV.8700"): (23, 23, 0, 0, 0.9705, 0.3717, 0.9621, 0.2075, 0),
    ("pypdf-layout", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pypdf-layout", "S-PV.8703"): (18, 18, 0, 0, 0.9134, 0.5076, 0.9574, 0.7148, 0),
    ("pypdf-layout", "S-PV.8706"): (32, 32, 0, 0, 0.9950, 0.9554, 0.9965, 0.9630, 0),
    ("pypdf-layout", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pypdf-layout", "S-PV.8770"): (22, 22, 0, 0, 0.9990, 0.9902, 0.9631, 0.5333, 0),
    ("pdfplumber-layout", "S-PV.8698"): (8, 13, 0, 7, 0.5717, 0.0000, 0.6146, 0.2404, 0),
    ("pdfplumber-layout", "S-PV.8699"): (11, 63, 3, 41, 0.4410, 0.0000, 0.3847, 0.0096, 0),
    ("pdfplumber-layout", "S-PV.8699_Resumption1"): (25, 49, 0, 18, 0.6428, 0.0000, 0.5768, 0.0036, 0),
    ("pdfplumber-layout", "S-PV.8700"): (7, 12, 0, 11, 0.4731, 0.0000, 0.4774, 0.1231, 0),
    ("pdfplumber-layout", "S-PV.8701"): (0, 1, 0, 1, 0.5000, 0.0000, 0.2307, 0.2307, 1),
    ("pdfplumber-layout", "S-PV.8703"): (10, 13, 0, 5, 0.6054, 0.0000, 0.7037, 0.0219, 0),
    ("pdfplumber-layout", "S-PV.8706"): (13, 23, 0, 9, 0.6369, 0.0000, 0.5878, 0.0081, 0),
    ("pdfplumber-layout", "S-PV.8707"): (10, 14, 0, 4, 0.6613, 0.0000, 0.6810, 0.2114, 0),
    ("pdfplumber-layout", "S-PV.8770"): (10, 13, 0, 9, 0.5539, 0.0000, 0.6104, 0.0469, 0),
    ("pymupdf-words", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pymupdf-words", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887, 0),
    ("pymupdf-words", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677, 0),
    ("pymupdf-words", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512, 0),
    ("pymupdf-words", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pymupdf-words", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615, 0),
    ("pymupdf-words", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847, 0),
    ("pymupdf-words", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pymupdf-words", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pdftotext-bbox", "S-PV.8698"): (15, 20, 0, 0, 0.9848, 0.7078, 0.9857, 0.8115, 17),
    ("pdftotext-bbox", "S-PV.8699"): (55, 101, 0, 0, 0.9789, 0.5557, 0.9812, 0.6250, 57),
    ("pdftotext-bbox", "S-PV.8699_Resumption1"): (33, 67, 0, 0, 0.9832, 0.6829, 0.9869, 0.7414, 31),
    ("pdftotext-bbox", "S-PV.8700"): (17, 23, 1, 1, 0.8988, 0.0000, 0.9556, 0.2564, 10),
    ("pdftotext-bbox", "S-PV.8701"): (0, 2, 0, 0, 0.9933, 0.9867, 0.9862, 0.9724, 1),
    ("pdftotext-bbox", "S-PV.8703"): (14, 18, 0, 0, 0.9686, 0.5076, 0.9903, 0.9615, 17),
    ("pdftotext-bbox", "S-PV.8706"): (20, 32, 2, 2, 0.9260, 0.0000, 0.9580, 0.5448, 23),
    ("pdftotext-bbox", "S-PV.8707"): (15, 18, 0, 0, 0.9876, 0.8084, 0.9844, 0.8243, 16),
    ("pdftotext-bbox", "S-PV.8770"): (17, 22, 0, 0, 0.9992, 0.9925, 0.9566, 0.5333, 18),
}
BELOW_FLOOR = {"pdftotext-bbox": 186, "pdfplumber-layout": 94}  # turns right, measured (see above)
CASES = [(extractor, name) for extractor in HELD_OUT for name in RECORDS] or [("pypdf-layout", "(no records)")]


@pytest.mark.parametrize("extractor, name", CASES)
def test_held_out_layout_at_its_measured_floors(extractor, name):
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
    if extractor in BELOW_FLOOR:
        assert right >= BELOW_FLOOR[extractor], f"{extractor}: {right}/{total} turns right"
    else:
        assert right / total >= FLOOR, f"{extractor}: {right}/{total} turns right"
