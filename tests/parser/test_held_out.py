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

Measured once (22:54 UTC, after the tuning, at b282496; the parser not changed since; load average
about 7): ``pdftotext -raw -nopgbrk``, pdfplumber's words, pypdf's pages joined by newlines and the
text with a scan's faults 303/303 reach the floor; PyMuPDF's blocks sorted by position 298/303
(98.3%), the blocks rewrapped to 100 characters 297/303 (98.0%), ``pdftotext -fixed 5`` 255/303
(84.2%) and pdfminer with ``boxes_flow=-0.8, word_margin=0.05`` 208/303 (68.6%) do not. No furniture
in any statement or procedural item of any of them. The figures below are what was measured, not the
issue's floor; the failures are left for the next round.
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
    ("pymupdf-blocks-sorted", "S-PV.8698"): (20, 20, 0, 0, 0.9212, 0.4566, 0.9476, 0.5951, 0),
    ("pymupdf-blocks-sorted", "S-PV.8699"): (100, 101, 1, 1, 0.9313, 0.0000, 0.9444, 0.2319, 0),
    ("pymupdf-blocks-sorted", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9608, 0.3722, 0.9731, 0.6498, 0),
    ("pymupdf-blocks-sorted", "S-PV.8700"): (23, 23, 0, 0, 0.9785, 0.8201, 0.9870, 0.8381, 0),
    ("pymupdf-blocks-sorted", "S-PV.8701"): (2, 2, 0, 0, 0.9172, 0.8344, 1.0000, 1.0000, 0),
    ("pymupdf-blocks-sorted", "S-PV.8703"): (17, 18, 1, 1, 0.8810, 0.0000, 0.8968, 0.0887, 0),
    ("pymupdf-blocks-sorted", "S-PV.8706"): (32, 32, 0, 0, 0.9224, 0.3525, 0.9524, 0.4028, 0),
    ("pymupdf-blocks-sorted", "S-PV.8707"): (15, 18, 3, 3, 0.7736, 0.0000, 0.8355, 0.0400, 0),
    ("pymupdf-blocks-sorted", "S-PV.8770"): (22, 22, 0, 0, 0.9539, 0.3457, 0.9088, 0.3698, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8699"): (101, 101, 0, 0, 0.9989, 0.9812, 0.9991, 0.9887, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9951, 0.9733, 0.9989, 0.9677, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8703"): (18, 18, 0, 0, 0.9691, 0.5076, 0.9940, 0.9615, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8706"): (32, 32, 0, 0, 0.9954, 0.9554, 0.9974, 0.9847, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8707"): (18, 18, 0, 0, 0.9986, 0.9954, 0.9978, 0.9926, 0),
    ("pdftotext-raw-nopgbrk", "S-PV.8770"): (22, 22, 0, 0, 0.9985, 0.9880, 0.9631, 0.5333, 0),
    ("pdftotext-fixed5", "S-PV.8698"): (17, 17, 0, 3, 0.8088, 0.0000, 0.9335, 0.2340, 0),
    ("pdftotext-fixed5", "S-PV.8699"): (82, 86, 1, 16, 0.7906, 0.0000, 0.8978, 0.0095, 0),
    ("pdftotext-fixed5", "S-PV.8699_Resumption1"): (60, 61, 0, 6, 0.8775, 0.0000, 0.9348, 0.0085, 0),
    ("pdftotext-fixed5", "S-PV.8700"): (18, 19, 0, 4, 0.7910, 0.0000, 0.8780, 0.1267, 0),
    ("pdftotext-fixed5", "S-PV.8701"): (2, 2, 0, 0, 0.9093, 0.8518, 0.9639, 0.9375, 0),
    ("pdftotext-fixed5", "S-PV.8703"): (15, 16, 0, 2, 0.8398, 0.0000, 0.9364, 0.4536, 0),
    ("pdftotext-fixed5", "S-PV.8706"): (29, 30, 0, 2, 0.8964, 0.0000, 0.9288, 0.0225, 0),
    ("pdftotext-fixed5", "S-PV.8707"): (15, 17, 0, 1, 0.8920, 0.0000, 0.9396, 0.5069, 0),
    ("pdftotext-fixed5", "S-PV.8770"): (17, 18, 0, 4, 0.7843, 0.0000, 0.8426, 0.0152, 0),
    ("pdfminer-columns", "S-PV.8698"): (14, 18, 0, 2, 0.7475, 0.0000, 0.6480, 0.3683, 0),
    ("pdfminer-columns", "S-PV.8699"): (65, 85, 1, 17, 0.5907, 0.0000, 0.5312, 0.0052, 0),
    ("pdfminer-columns", "S-PV.8699_Resumption1"): (55, 64, 0, 3, 0.7177, 0.0000, 0.6057, 0.0084, 0),
    ("pdfminer-columns", "S-PV.8700"): (15, 19, 0, 4, 0.6725, 0.0000, 0.6578, 0.0963, 0),
    ("pdfminer-columns", "S-PV.8701"): (2, 2, 0, 0, 0.7013, 0.4768, 0.7102, 0.6813, 0),
    ("pdfminer-columns", "S-PV.8703"): (10, 14, 0, 4, 0.6369, 0.0000, 0.5619, 0.0165, 0),
    ("pdfminer-columns", "S-PV.8706"): (21, 28, 0, 4, 0.6862, 0.0000, 0.6234, 0.0120, 0),
    ("pdfminer-columns", "S-PV.8707"): (12, 16, 0, 2, 0.7256, 0.0000, 0.6086, 0.0209, 0),
    ("pdfminer-columns", "S-PV.8770"): (14, 18, 0, 4, 0.6903, 0.0000, 0.5805, 0.0343, 0),
    ("pdfplumber-words", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pdfplumber-words", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887, 0),
    ("pdfplumber-words", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677, 0),
    ("pdfplumber-words", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512, 0),
    ("pdfplumber-words", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pdfplumber-words", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615, 0),
    ("pdfplumber-words", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847, 0),
    ("pdfplumber-words", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pdfplumber-words", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pypdf-joined", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pypdf-joined", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887, 0),
    ("pypdf-joined", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677, 0),
    ("pypdf-joined", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512, 0),
    ("pypdf-joined", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pypdf-joined", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615, 0),
    ("pypdf-joined", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847, 0),
    ("pypdf-joined", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pypdf-joined", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pymupdf-reflowed", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973, 0),
    ("pymupdf-reflowed", "S-PV.8699"): (100, 100, 0, 1, 0.9895, 0.0000, 0.9985, 0.9160, 0),
    ("pymupdf-reflowed", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677, 0),
    ("pymupdf-reflowed", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512, 0),
    ("pymupdf-reflowed", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pymupdf-reflowed", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615, 0),
    ("pymupdf-reflowed", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847, 0),
    ("pymupdf-reflowed", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893, 0),
    ("pymupdf-reflowed", "S-PV.8770"): (17, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333, 0),
    ("pymupdf-ocr", "S-PV.8698"): (20, 20, 0, 0, 0.9890, 0.9771, 0.9856, 0.9678, 0),
    ("pymupdf-ocr", "S-PV.8699"): (101, 101, 0, 0, 0.9885, 0.9000, 0.9852, 0.8571, 0),
    ("pymupdf-ocr", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9803, 0.9000, 0.9788, 0.8181, 0),
    ("pymupdf-ocr", "S-PV.8700"): (23, 23, 0, 0, 0.9824, 0.9500, 0.9773, 0.9268, 0),
    ("pymupdf-ocr", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000, 0),
    ("pymupdf-ocr", "S-PV.8703"): (18, 18, 0, 0, 0.9569, 0.4923, 0.9717, 0.8888, 0),
    ("pymupdf-ocr", "S-PV.8706"): (32, 32, 0, 0, 0.9831, 0.9285, 0.9809, 0.9285, 0),
    ("pymupdf-ocr", "S-PV.8707"): (18, 18, 0, 0, 0.9803, 0.9047, 0.9733, 0.8636, 0),
    ("pymupdf-ocr", "S-PV.8770"): (22, 22, 0, 0, 0.9877, 0.9760, 0.9485, 0.5333, 0),
}
BELOW_FLOOR = {"pymupdf-blocks-sorted": 298, "pymupdf-reflowed": 297, "pdftotext-fixed5": 255,
               "pdfminer-columns": 208}  # turns right
CASES = sorted(MEASURED) or [("pymupdf-blocks-sorted", "(no records)")]


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
