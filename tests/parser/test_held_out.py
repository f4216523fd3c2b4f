"""The held-out layouts: the nine records as extractors the parser was never tuned on lay them out.

Issue 16's fifth round (``extractors.HELD_OUT``): PyMuPDF's XHTML reduced to lines, PyMuPDF's
``dict`` spans with ``sort=True``, PDFium's ``get_text_range()``, ``pdftotext -fixed 3`` and
pdfminer with tighter margins. Chosen and committed before the parser was changed for the
layouts the fourth round held out (pdfminer with ``boxes_flow=None``, ``pdftohtml -xml`` and
pymupdf4llm fell below the floor and are tuned on now, in ``test_extractors.py``). While tuning,
this module is not run and these extractions are not opened; they are measured once, when the
tuning is done, and the parser is not changed after. The issue's floor: 99.5% of the reference
turns found with speaker and country right, and no page furniture in any statement or
procedural item.

Measured once (17:05 UTC, after the tuning; the parser not changed since): PDFium's
``get_text_range()`` 303/303 and PyMuPDF's XHTML 302/303 reach the floor; ``pdftotext -fixed 3``
299/303 (98.7%), PyMuPDF's ``dict`` with ``sort=True`` 292/303 (96.4%) and pdfminer with tighter
margins 160/303 (52.8%) do not. No furniture in any statement or procedural item of any of them.
The figures below are what was measured, not the issue's floor; the failures are left unread for
the next round, as the hold-out requires.
"""
import pytest

from .conftest import RECORDS, needs_shared
from .extractors import HELD_OUT
from .reference import figures, load_reference
from .test_extractors import assert_at_floor, furniture_in, parsed_as

# A measurement taken once a round, not a check of each change: `make slow`.
pytestmark = [needs_shared, pytest.mark.slow]
FLOOR = 0.995  # the floor on records and layouts the parser never saw
# (extractor, record): the figures of test_extractors.MEASURED, then pieces of furniture left.
MEASURED = {
    ("pymupdf-xhtml", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pymupdf-xhtml", "S-PV.8699"): (100, 100, 0, 1, 0.9895, 0.0000, 0.9985, 0.9160, 0),
    ("pymupdf-xhtml", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677, 0),
    ("pymupdf-xhtml", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512, 0),
    ("pymupdf-xhtml", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pymupdf-xhtml", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615, 0),
    ("pymupdf-xhtml", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847, 0),
    ("pymupdf-xhtml", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pymupdf-xhtml", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pymupdf-dict-sorted", "S-PV.8698"): (19, 20, 1, 1, 0.7360, 0.0000, 0.7730, 0.0865, 0),
    ("pymupdf-dict-sorted", "S-PV.8699"): (101, 101, 0, 0, 0.8734, 0.3021, 0.8527, 0.0617, 0),
    ("pymupdf-dict-sorted", "S-PV.8699_Resumption1"): (65, 67, 2, 2, 0.8834, 0.0000, 0.8843, 0.2834, 0),
    ("pymupdf-dict-sorted", "S-PV.8700"): (19, 23, 4, 4, 0.6899, 0.0000, 0.6711, 0.1688, 0),
    ("pymupdf-dict-sorted", "S-PV.8701"): (2, 2, 0, 0, 0.7549, 0.5099, 0.7625, 0.5250, 0),
    ("pymupdf-dict-sorted", "S-PV.8703"): (18, 18, 0, 0, 0.7775, 0.2195, 0.7898, 0.2558, 0),
    ("pymupdf-dict-sorted", "S-PV.8706"): (31, 32, 1, 1, 0.8245, 0.0000, 0.7912, 0.1125, 0),
    ("pymupdf-dict-sorted", "S-PV.8707"): (16, 18, 2, 2, 0.7478, 0.0000, 0.7210, 0.2150, 0),
    ("pymupdf-dict-sorted", "S-PV.8770"): (21, 22, 1, 1, 0.8180, 0.0000, 0.7709, 0.0445, 0),
    ("pdfium-range", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pdfium-range", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887, 0),
    ("pdfium-range", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677, 0),
    ("pdfium-range", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512, 0),
    ("pdfium-range", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pdfium-range", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615, 0),
    ("pdfium-range", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847, 0),
    ("pdfium-range", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pdfium-range", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pdftotext-fixed", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pdftotext-fixed", "S-PV.8699"): (101, 101, 0, 0, 0.9990, 0.9946, 0.9987, 0.9777, 0),
    ("pdftotext-fixed", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9947, 0.9508, 0.9960, 0.9090, 0),
    ("pdftotext-fixed", "S-PV.8700"): (21, 21, 0, 2, 0.9075, 0.0000, 0.9573, 0.5449, 0),
    ("pdftotext-fixed", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pdftotext-fixed", "S-PV.8703"): (17, 17, 0, 1, 0.9416, 0.0000, 0.9945, 0.9804, 0),
    ("pdftotext-fixed", "S-PV.8706"): (32, 32, 0, 0, 0.9932, 0.9523, 0.9884, 0.8333, 0),
    ("pdftotext-fixed", "S-PV.8707"): (17, 17, 0, 1, 0.9401, 0.0000, 0.9504, 0.2210, 0),
    ("pdftotext-fixed", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9794, 0.9598, 0.5333, 0),
    ("pdfminer-margins", "S-PV.8698"): (14, 19, 0, 1, 0.8076, 0.0000, 0.8516, 0.4150, 0),
    ("pdfminer-margins", "S-PV.8699"): (46, 93, 0, 8, 0.8518, 0.0000, 0.7940, 0.0082, 0),
    ("pdfminer-margins", "S-PV.8699_Resumption1"): (31, 67, 2, 2, 0.9169, 0.0000, 0.8602, 0.0321, 0),
    ("pdfminer-margins", "S-PV.8700"): (10, 19, 2, 6, 0.6389, 0.0000, 0.6090, 0.1448, 0),
    ("pdfminer-margins", "S-PV.8701"): (0, 2, 0, 0, 0.9304, 0.8609, 0.8500, 0.7000, 0),
    ("pdfminer-margins", "S-PV.8703"): (12, 16, 0, 2, 0.7512, 0.0000, 0.8310, 0.4512, 0),
    ("pdfminer-margins", "S-PV.8706"): (20, 31, 1, 2, 0.8279, 0.0000, 0.8295, 0.1209, 0),
    ("pdfminer-margins", "S-PV.8707"): (13, 17, 1, 2, 0.7748, 0.0000, 0.8094, 0.0679, 0),
    ("pdfminer-margins", "S-PV.8770"): (14, 20, 1, 3, 0.7765, 0.0000, 0.7987, 0.0394, 0),
}
BELOW_FLOOR = {"pdftotext-fixed": 299, "pymupdf-dict-sorted": 292, "pdfminer-margins": 160}  # turns right
CASES = sorted(MEASURED) or [("pymupdf-xhtml", "(no records)")]


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


@pytest.mark.parametrize("extractor", HELD_OUT)
@pytest.mark.parametrize("name", RECORDS or ["(no records)"])
def test_held_out_layout_leaves_no_furniture(extractor, name):
    assert not furniture_in(parsed_as(name, extractor))
