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

Measured once (19:41 UTC, after the tuning, at 011ad15; the parser not changed since): pdfminer with
wider margins, PyMuPDF with the flags and ``mutool draw -F txt`` 303/303, ``pdftotext -nopgbrk -eol
dos`` 302/303 reach the floor; the noisy PyMuPDF text 301/303 (99.3%), PyMuPDF's ``rawdict`` rebuilt
299/303 (98.7%), ``pdftotext -layout -nopgbrk`` 126/303 (41.6%) and pypdf's flat layout mode 39/303
(12.9%, one piece of furniture in S/PV.8701) do not. The figures below are what was measured, not the
issue's floor; the failures are left unread for the next round, as the hold-out requires.
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
    ("pdfminer-wide", "S-PV.8698"): (20, 20, 0, 0, 0.9959, 0.9306, 0.9994, 0.9973, 0),
    ("pdfminer-wide", "S-PV.8699"): (101, 101, 0, 0, 0.9922, 0.6639, 0.9944, 0.7612, 0),
    ("pdfminer-wide", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9950, 0.9686, 0.9984, 0.9677, 0),
    ("pdfminer-wide", "S-PV.8700"): (23, 23, 0, 0, 0.9673, 0.5500, 0.9940, 0.9170, 0),
    ("pdfminer-wide", "S-PV.8701"): (2, 2, 0, 0, 0.8576, 0.7152, 1.0000, 1.0000, 0),
    ("pdfminer-wide", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615, 0),
    ("pdfminer-wide", "S-PV.8706"): (32, 32, 0, 0, 0.9927, 0.9075, 0.9942, 0.9090, 0),
    ("pdfminer-wide", "S-PV.8707"): (18, 18, 0, 0, 0.9967, 0.9650, 0.9953, 0.9644, 0),
    ("pdfminer-wide", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pypdf-layout-flat", "S-PV.8698"): (7, 7, 0, 13, 0.3261, 0.0000, 0.3740, 0.0111, 0),
    ("pypdf-layout-flat", "S-PV.8699"): (7, 19, 0, 82, 0.1401, 0.0000, 0.2011, 0.0043, 0),
    ("pypdf-layout-flat", "S-PV.8699_Resumption1"): (9, 15, 1, 53, 0.1670, 0.0000, 0.2926, 0.0028, 0),
    ("pypdf-layout-flat", "S-PV.8700"): (6, 6, 0, 17, 0.2567, 0.0000, 0.2764, 0.0242, 0),
    ("pypdf-layout-flat", "S-PV.8701"): (0, 2, 0, 0, 0.9933, 0.9867, 0.9776, 0.9553, 1),
    ("pypdf-layout-flat", "S-PV.8703"): (2, 2, 0, 16, 0.1103, 0.0000, 0.2917, 0.1241, 0),
    ("pypdf-layout-flat", "S-PV.8706"): (3, 4, 0, 28, 0.1220, 0.0000, 0.2902, 0.0027, 0),
    ("pypdf-layout-flat", "S-PV.8707"): (3, 3, 0, 15, 0.1557, 0.0000, 0.0999, 0.0109, 0),
    ("pypdf-layout-flat", "S-PV.8770"): (2, 3, 0, 19, 0.1331, 0.0000, 0.0109, 0.0009, 0),
    ("pymupdf-rawdict", "S-PV.8698"): (20, 20, 0, 0, 0.9875, 0.9552, 0.9974, 0.9919, 0),
    ("pymupdf-rawdict", "S-PV.8699"): (101, 101, 0, 0, 0.9889, 0.9082, 0.9975, 0.9756, 0),
    ("pymupdf-rawdict", "S-PV.8699_Resumption1"): (66, 66, 0, 1, 0.9713, 0.0000, 0.9830, 0.0155, 0),
    ("pymupdf-rawdict", "S-PV.8700"): (22, 22, 0, 1, 0.9415, 0.0000, 0.9562, 0.1597, 0),
    ("pymupdf-rawdict", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pymupdf-rawdict", "S-PV.8703"): (18, 18, 0, 0, 0.9571, 0.5076, 0.9925, 0.9615, 0),
    ("pymupdf-rawdict", "S-PV.8706"): (30, 30, 0, 2, 0.9127, 0.0000, 0.9926, 0.9285, 0),
    ("pymupdf-rawdict", "S-PV.8707"): (18, 18, 0, 0, 0.9830, 0.9318, 0.9954, 0.9865, 0),
    ("pymupdf-rawdict", "S-PV.8770"): (22, 22, 0, 0, 0.9911, 0.9596, 0.9617, 0.5333, 0),
    ("pymupdf-flags", "S-PV.8698"): (20, 20, 0, 0, 0.9977, 0.9913, 0.9985, 0.9956, 0),
    ("pymupdf-flags", "S-PV.8699"): (101, 101, 0, 0, 0.9985, 0.9906, 0.9987, 0.9887, 0),
    ("pymupdf-flags", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9949, 0.9733, 0.9986, 0.9677, 0),
    ("pymupdf-flags", "S-PV.8700"): (23, 23, 0, 0, 0.9947, 0.9610, 0.9959, 0.9512, 0),
    ("pymupdf-flags", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pymupdf-flags", "S-PV.8703"): (18, 18, 0, 0, 0.9670, 0.5076, 0.9921, 0.9615, 0),
    ("pymupdf-flags", "S-PV.8706"): (32, 32, 0, 0, 0.9946, 0.9521, 0.9968, 0.9847, 0),
    ("pymupdf-flags", "S-PV.8707"): (18, 18, 0, 0, 0.9950, 0.9875, 0.9955, 0.9889, 0),
    ("pymupdf-flags", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9811, 0.9617, 0.5333, 0),
    ("pdftotext-nopgbrk", "S-PV.8698"): (20, 20, 0, 0, 0.9832, 0.7078, 0.9895, 0.8159, 0),
    ("pdftotext-nopgbrk", "S-PV.8699"): (101, 101, 0, 0, 0.9780, 0.5557, 0.9826, 0.6250, 0),
    ("pdftotext-nopgbrk", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9822, 0.6780, 0.9884, 0.7442, 0),
    ("pdftotext-nopgbrk", "S-PV.8700"): (23, 23, 0, 0, 0.9660, 0.5224, 0.9292, 0.2127, 0),
    ("pdftotext-nopgbrk", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pdftotext-nopgbrk", "S-PV.8703"): (18, 18, 0, 0, 0.9653, 0.5076, 0.9922, 0.9615, 0),
    ("pdftotext-nopgbrk", "S-PV.8706"): (31, 32, 1, 1, 0.9532, 0.0000, 0.9632, 0.5856, 0),
    ("pdftotext-nopgbrk", "S-PV.8707"): (18, 18, 0, 0, 0.9841, 0.8011, 0.9853, 0.8243, 0),
    ("pdftotext-nopgbrk", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9811, 0.9617, 0.5333, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8698"): (14, 14, 0, 6, 0.6074, 0.0000, 0.5851, 0.0811, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8699"): (27, 47, 5, 59, 0.2956, 0.0000, 0.3179, 0.0062, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8699_Resumption1"): (26, 33, 1, 35, 0.3966, 0.0000, 0.4057, 0.0033, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8700"): (9, 9, 0, 14, 0.3754, 0.0000, 0.3611, 0.1155, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8701"): (1, 1, 0, 1, 0.5000, 0.0000, 0.2307, 0.2307, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8703"): (11, 11, 0, 7, 0.5317, 0.0000, 0.6087, 0.0090, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8706"): (16, 17, 0, 15, 0.4749, 0.0000, 0.4556, 0.0071, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8707"): (11, 12, 1, 7, 0.5466, 0.0000, 0.5040, 0.0395, 0),
    ("pdftotext-layout-nopgbrk", "S-PV.8770"): (11, 11, 0, 11, 0.4710, 0.0000, 0.5991, 0.0469, 0),
    ("mutool-txt", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("mutool-txt", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887, 0),
    ("mutool-txt", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677, 0),
    ("mutool-txt", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512, 0),
    ("mutool-txt", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("mutool-txt", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615, 0),
    ("mutool-txt", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847, 0),
    ("mutool-txt", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("mutool-txt", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pymupdf-noisy", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pymupdf-noisy", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9991, 0.9887, 0),
    ("pymupdf-noisy", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9958, 0.9733, 0.9989, 0.9677, 0),
    ("pymupdf-noisy", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512, 0),
    ("pymupdf-noisy", "S-PV.8701"): (0, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pymupdf-noisy", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615, 0),
    ("pymupdf-noisy", "S-PV.8706"): (32, 32, 0, 0, 0.9966, 0.9574, 0.9964, 0.9777, 0),
    ("pymupdf-noisy", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pymupdf-noisy", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
}
BELOW_FLOOR = {"pymupdf-noisy": 301, "pymupdf-rawdict": 299, "pdftotext-layout-nopgbrk": 126,
               "pypdf-layout-flat": 39}  # turns right
CASES = sorted(MEASURED) or [("pdfminer-wide", "(no records)")]


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
    allowed = MEASURED.get((extractor, name), (0,))[-1]  # pypdf's flat layout left one piece in S/PV.8701
    assert len(furniture_in(parsed_as(name, extractor))) <= allowed
