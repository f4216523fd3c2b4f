"""The held-out layouts: the nine records as extractors the parser was never tuned on lay them out.

Issue 16's fourth round (``extractors.HELD_OUT``): PDFium's text, pdfminer with its boxes ordered
by position alone, pdfplumber in the PDF's drawing order, poppler's ``pdftohtml -xml`` and
pymupdf4llm's Markdown. Chosen and committed before the parser was changed for the layouts the
third round held out (``pdftotext -bbox-layout`` and pdfplumber's layout mode fell below the floor
and are tuned on now, in ``test_extractors.py``). While tuning, this module was not run and these
extractions were not opened; they were measured once, when the tuning was done, and the parser
was not changed after. The issue's floor: 99.5% of the reference turns found with speaker and
country right, and no page furniture in any statement or procedural item.

Measured: PDFium 303/303 and pdfplumber's text-flow order 303/303, no furniture in either. Three
miss the floor, and their figures below are what they measured, not the issue's floor:

* pdfminer with ``boxes_flow=None`` 173/303 (57.1%): ordered by position alone, the two columns'
  boxes are interleaved top to bottom (a left paragraph, then the right one beside it), so
  speeches run into each other; S/PV.8701's cover is not read (no President);
* ``pdftohtml -xml`` 52/303 (17.2%): each bold run is a ``<text>`` element of its own, so a label
  stands on its own line apart from its colon (``The President`` / ``: The Security Council …``)
  and is not read as a label, nor is the cover (``President`` / ``:``), whose lines are left in
  a procedural item (one piece of furniture in each record); S/PV.8701 is refused (no turn found);
* pymupdf4llm 0/303: its Markdown sets labels in bold with a space before the colon
  (``**The President** : …``) and the cover as a table (``|_President_:|Mr. Dang …|``), so every
  record is refused (no turn found).
"""
import pytest

from statements.parser import RecordError

from .conftest import RECORDS, needs_shared
from .extractors import HELD_OUT
from .reference import figures, load_reference
from .test_extractors import assert_at_floor, furniture_in, parse_as, parsed_as

# A measurement taken once a round, not a check of each change (uncached, the extractions took
# 8 minutes for pdfplumber's text-flow order and 6 for pymupdf4llm at load average 3-6): `make slow`.
pytestmark = [needs_shared, pytest.mark.slow]
FLOOR = 0.995  # the floor on records and layouts the parser never saw
# (extractor, record): the figures of test_extractors.MEASURED, then pieces of furniture left.
MEASURED = {
    ("pdfium", "S-PV.8698"): (20, 20, 0, 0, 0.9977, 0.9913, 0.9985, 0.9956, 0),
    ("pdfium", "S-PV.8699"): (101, 101, 0, 0, 0.9985, 0.9906, 0.9987, 0.9887, 0),
    ("pdfium", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9949, 0.9733, 0.9986, 0.9677, 0),
    ("pdfium", "S-PV.8700"): (23, 23, 0, 0, 0.9947, 0.9610, 0.9959, 0.9512, 0),
    ("pdfium", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pdfium", "S-PV.8703"): (18, 18, 0, 0, 0.9671, 0.5076, 0.9921, 0.9615, 0),
    ("pdfium", "S-PV.8706"): (32, 32, 0, 0, 0.9945, 0.9521, 0.9968, 0.9847, 0),
    ("pdfium", "S-PV.8707"): (18, 18, 0, 0, 0.9950, 0.9875, 0.9955, 0.9889, 0),
    ("pdfium", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9811, 0.9617, 0.5333, 0),
    ("pdfminer-noflow", "S-PV.8698"): (14, 20, 1, 1, 0.7277, 0.0000, 0.7713, 0.0864, 0),
    ("pdfminer-noflow", "S-PV.8699"): (52, 98, 0, 3, 0.8416, 0.0000, 0.7445, 0.0081, 0),
    ("pdfminer-noflow", "S-PV.8699_Resumption1"): (30, 67, 3, 3, 0.8628, 0.0000, 0.7839, 0.0662, 0),
    ("pdfminer-noflow", "S-PV.8700"): (13, 23, 4, 4, 0.6931, 0.0000, 0.6710, 0.1688, 0),
    ("pdfminer-noflow", "S-PV.8701"): (0, 2, 0, 0, 0.7549, 0.5099, 0.7625, 0.5250, 0),
    ("pdfminer-noflow", "S-PV.8703"): (14, 18, 0, 0, 0.7775, 0.2195, 0.7976, 0.2619, 0),
    ("pdfminer-noflow", "S-PV.8706"): (20, 31, 1, 2, 0.7998, 0.0000, 0.7789, 0.1125, 0),
    ("pdfminer-noflow", "S-PV.8707"): (13, 18, 2, 2, 0.7476, 0.0000, 0.7211, 0.2155, 0),
    ("pdfminer-noflow", "S-PV.8770"): (17, 20, 0, 2, 0.7656, 0.0000, 0.8182, 0.3698, 0),
    ("pdfplumber-flow", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pdfplumber-flow", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887, 0),
    ("pdfplumber-flow", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677, 0),
    ("pdfplumber-flow", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512, 0),
    ("pdfplumber-flow", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pdfplumber-flow", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615, 0),
    ("pdfplumber-flow", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847, 0),
    ("pdfplumber-flow", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pdfplumber-flow", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pdftohtml-xml", "S-PV.8698"): (7, 7, 0, 13, 0.3497, 0.0000, 0.8286, 0.3031, 1),
    ("pdftohtml-xml", "S-PV.8699"): (6, 36, 0, 65, 0.2577, 0.0000, 0.3004, 0.0045, 1),
    ("pdftohtml-xml", "S-PV.8699_Resumption1"): (2, 19, 0, 48, 0.2395, 0.0000, 0.0983, 0.0049, 1),
    ("pdftohtml-xml", "S-PV.8700"): (7, 8, 0, 15, 0.3163, 0.0000, 0.6675, 0.2687, 1),
    ("pdftohtml-xml", "S-PV.8703"): (6, 6, 0, 12, 0.3325, 0.0000, 0.5804, 0.1515, 1),
    ("pdftohtml-xml", "S-PV.8706"): (9, 10, 0, 22, 0.3042, 0.0000, 0.6654, 0.1764, 1),
    ("pdftohtml-xml", "S-PV.8707"): (7, 7, 0, 11, 0.3881, 0.0000, 0.7100, 0.0806, 1),
    ("pdftohtml-xml", "S-PV.8770"): (8, 8, 0, 14, 0.3632, 0.0000, 0.6033, 0.2099, 1),
}
# Refused as measured: RecordError, no speaker turn found.
REFUSED = {("pdftohtml-xml", "S-PV.8701")} | {("pymupdf4llm", name) for name in RECORDS}
BELOW_FLOOR = {"pdfminer-noflow": 173, "pdftohtml-xml": 52, "pymupdf4llm": 0}  # turns right, measured
CASES = sorted(MEASURED) or [("pdfium", "(no records)")]


@pytest.mark.parametrize("extractor, name", CASES)
def test_held_out_layout_at_its_measured_floors(extractor, name):
    *floor, furniture = MEASURED[(extractor, name)]
    record = parsed_as(name, extractor)
    assert_at_floor(figures(load_reference(name), record), floor)
    assert len(furniture_in(record)) <= furniture, furniture_in(record)


@pytest.mark.parametrize("extractor, name", sorted(REFUSED) or [("pymupdf4llm", "(no records)")])
def test_held_out_layout_refused_as_measured(extractor, name):
    with pytest.raises(RecordError, match="no speaker turn found"):
        parse_as(name, extractor)


@pytest.mark.parametrize("extractor", HELD_OUT)
def test_held_out_layout_turns_right(extractor):
    right = total = 0
    for name in RECORDS:
        if (extractor, name) in REFUSED:
            total += len(load_reference(name))
            continue
        got = figures(load_reference(name), parsed_as(name, extractor))
        right, total = right + got.right, total + got.turns
    assert total == 303
    if extractor in BELOW_FLOOR:
        assert right >= BELOW_FLOOR[extractor], f"{extractor}: {right}/{total} turns right"
    else:
        assert right / total >= FLOOR, f"{extractor}: {right}/{total} turns right"
