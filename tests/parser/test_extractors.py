"""The nine shared records as four extractors lay them out, split by the same parser.

Per record and extractor, the floors below are the measured figures (rounded
down a little): turns found with speaker and country right, statement counts,
reference speeches none of ours matches (swallowed or lost) and statements of
ours no reference speech matches (split or spurious), the share of a reference
speech's words in our statement (recall) and of our statement's words in the
reference speech (precision; a statement that swallowed the next speech falls to
about one half). The alignment is one-to-one and keeps the order
(``reference.compare``), so a reference speech maps to exactly one statement of
ours and the other way round.

``pymupdf`` and ``pdftotext-layout`` were tuned on; ``pdfminer`` was tuned on
(labels after a text-box gap, labels cut into boxes); ``pdftotext`` was held out
at first (290/303) and is tuned on since, and so are ``pypdf``, ``pdftotext-raw``
and ``pymupdf-blocks``, held out in the round after. The layouts held out now are
measured in ``test_held_out.py``.
"""
import re

import pytest

from statements.parser import parse_text

from .conftest import RECORDS, needs_shared
from .extractors import TUNED, extracted_text
from .reference import figures, load_reference
from .test_reference import FURNITURE

pytestmark = needs_shared

# (extractor, record): (turns right, our statements, unmatched ours, unmatched reference,
#                       mean overlap, min overlap, mean precision, min precision), as measured.
MEASURED = {
    ("pymupdf", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pymupdf", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pymupdf", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677),
    ("pymupdf", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512),
    ("pymupdf", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("pymupdf", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pymupdf", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pymupdf", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pdftotext-layout", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pdftotext-layout", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pdftotext-layout", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pdftotext-layout", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pdftotext-layout", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftotext-layout", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615),
    ("pdftotext-layout", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pdftotext-layout", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pdftotext-layout", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pdfminer", "S-PV.8698"): (20, 20, 0, 0, 0.9810, 0.7078, 0.9902, 0.8163),
    ("pdfminer", "S-PV.8699"): (101, 101, 0, 0, 0.9921, 0.6639, 0.9944, 0.7612),
    ("pdfminer", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9950, 0.9686, 0.9984, 0.9677),
    ("pdfminer", "S-PV.8700"): (23, 23, 0, 0, 0.9673, 0.5500, 0.9940, 0.9170),
    ("pdfminer", "S-PV.8701"): (2, 2, 0, 0, 0.8576, 0.7152, 1.0000, 1.0000),
    ("pdfminer", "S-PV.8703"): (18, 18, 0, 0, 0.9926, 0.9076, 0.9943, 0.9622),
    ("pdfminer", "S-PV.8706"): (32, 32, 0, 0, 0.9927, 0.9075, 0.9942, 0.9090),
    ("pdfminer", "S-PV.8707"): (18, 18, 0, 0, 0.9967, 0.9650, 0.9953, 0.9644),
    ("pdfminer", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    # pdftotext: 290/303 when held out. Its reading order, put back since where the record's structure
    # tells (a vote's list and the President's result printed after the next speech in S/PV.8700, the
    # first page's blocks printed above the opening in S/PV.8706); the one turn still lost is a label
    # printed after its speaker's first paragraphs (S/PV.8706, Ms. King), which the text no longer shows.
    ("pdftotext", "S-PV.8698"): (20, 20, 0, 0, 0.9832, 0.7078, 0.9895, 0.8159),
    ("pdftotext", "S-PV.8699"): (101, 101, 0, 0, 0.9780, 0.5557, 0.9826, 0.6250),
    ("pdftotext", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9822, 0.6780, 0.9884, 0.7442),
    ("pdftotext", "S-PV.8700"): (23, 23, 0, 0, 0.9660, 0.5224, 0.9292, 0.2127),
    ("pdftotext", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftotext", "S-PV.8703"): (18, 18, 0, 0, 0.9653, 0.5076, 0.9922, 0.9615),
    ("pdftotext", "S-PV.8706"): (31, 32, 1, 1, 0.9532, 0.0000, 0.9632, 0.5856),
    ("pdftotext", "S-PV.8707"): (18, 18, 0, 0, 0.9841, 0.8011, 0.9857, 0.8243),
    ("pdftotext", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9811, 0.9617, 0.5333),
    # Held out in the previous round and measured once (pypdf 177/303, the other two 303/303);
    # tuned on since: pypdf's spaces inside the symbol and parentheses are closed (``spacing``), a
    # tight dot leader on the cover read (303/303).
    ("pypdf", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pypdf", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pypdf", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677),
    ("pypdf", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512),
    ("pypdf", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pypdf", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("pypdf", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pypdf", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pypdf", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pdftotext-raw", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pdftotext-raw", "S-PV.8699"): (101, 101, 0, 0, 0.9989, 0.9812, 0.9991, 0.9887),
    ("pdftotext-raw", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9951, 0.9733, 0.9989, 0.9677),
    ("pdftotext-raw", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pdftotext-raw", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftotext-raw", "S-PV.8703"): (18, 18, 0, 0, 0.9693, 0.5076, 0.9941, 0.9615),
    ("pdftotext-raw", "S-PV.8706"): (32, 32, 0, 0, 0.9954, 0.9554, 0.9974, 0.9847),
    ("pdftotext-raw", "S-PV.8707"): (18, 18, 0, 0, 0.9986, 0.9954, 0.9978, 0.9926),
    ("pdftotext-raw", "S-PV.8770"): (22, 22, 0, 0, 0.9985, 0.9880, 0.9631, 0.5333),
    ("pymupdf-blocks", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pymupdf-blocks", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pymupdf-blocks", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677),
    ("pymupdf-blocks", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512),
    ("pymupdf-blocks", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf-blocks", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("pymupdf-blocks", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pymupdf-blocks", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pymupdf-blocks", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    # Held out in the third round and measured once (pypdf's layout mode 302/303, pdfplumber's
    # layout mode 94/303, PyMuPDF's words 303/303, pdftotext -bbox-layout 186/303); tuned on since:
    # the ordinal set apart (8701 st meeting), the cover's parts set over two lines, the members'
    # columns, poppler's reading order put back (pdftotext -bbox-layout 302/303: Ms. King's label, as
    # in plain pdftotext), pdfplumber's character grid read column by column (303/303).
    ("pypdf-layout", "S-PV.8698"): (19, 20, 1, 1, 0.9263, 0.0000, 0.9328, 0.0745),
    ("pypdf-layout", "S-PV.8699"): (101, 101, 0, 0, 0.9951, 0.8254, 0.9944, 0.8235),
    ("pypdf-layout", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pypdf-layout", "S-PV.8700"): (23, 23, 0, 0, 0.9705, 0.3717, 0.9621, 0.2075),
    ("pypdf-layout", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pypdf-layout", "S-PV.8703"): (18, 18, 0, 0, 0.9134, 0.5076, 0.9574, 0.7148),
    ("pypdf-layout", "S-PV.8706"): (32, 32, 0, 0, 0.9950, 0.9554, 0.9965, 0.9630),
    ("pypdf-layout", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pypdf-layout", "S-PV.8770"): (22, 22, 0, 0, 0.9990, 0.9902, 0.9631, 0.5333),
    ("pdfplumber-layout", "S-PV.8698"): (20, 20, 0, 0, 0.9949, 0.9776, 0.9955, 0.9846),
    ("pdfplumber-layout", "S-PV.8699"): (101, 101, 0, 0, 0.9928, 0.8000, 0.9934, 0.8823),
    ("pdfplumber-layout", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9887, 0.8000, 0.9894, 0.7692),
    ("pdfplumber-layout", "S-PV.8700"): (23, 23, 0, 0, 0.9867, 0.9500, 0.9823, 0.9444),
    ("pdfplumber-layout", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdfplumber-layout", "S-PV.8703"): (18, 18, 0, 0, 0.9653, 0.5076, 0.9896, 0.9546),
    ("pdfplumber-layout", "S-PV.8706"): (32, 32, 0, 0, 0.9929, 0.9504, 0.9917, 0.9166),
    ("pdfplumber-layout", "S-PV.8707"): (18, 18, 0, 0, 0.9928, 0.9803, 0.9905, 0.9757),
    ("pdfplumber-layout", "S-PV.8770"): (22, 22, 0, 0, 0.9946, 0.9811, 0.9589, 0.5714),
    ("pymupdf-words", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pymupdf-words", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pymupdf-words", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pymupdf-words", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pymupdf-words", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf-words", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615),
    ("pymupdf-words", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pymupdf-words", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pymupdf-words", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pdftotext-bbox", "S-PV.8698"): (20, 20, 0, 0, 0.9848, 0.7078, 0.9902, 0.8163),
    ("pdftotext-bbox", "S-PV.8699"): (101, 101, 0, 0, 0.9788, 0.5557, 0.9831, 0.6250),
    ("pdftotext-bbox", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9826, 0.6829, 0.9887, 0.7434),
    ("pdftotext-bbox", "S-PV.8700"): (23, 23, 0, 0, 0.9656, 0.5224, 0.9317, 0.2564),
    ("pdftotext-bbox", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftotext-bbox", "S-PV.8703"): (18, 18, 0, 0, 0.9686, 0.5076, 0.9939, 0.9615),
    ("pdftotext-bbox", "S-PV.8706"): (31, 32, 1, 1, 0.9546, 0.0000, 0.9639, 0.5852),
    ("pdftotext-bbox", "S-PV.8707"): (18, 18, 0, 0, 0.9876, 0.8084, 0.9876, 0.8243),
    ("pdftotext-bbox", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    # Held out in the fourth round and measured once (PDFium and pdfplumber's text flow 303/303,
    # pdfminer with boxes_flow=None 173/303, pdftohtml -xml 52/303 and S/PV.8701 refused, pymupdf4llm
    # every record refused); tuned on since. The last figure of the round-four rows was the furniture
    # left, now none.
    ("pdfium", "S-PV.8698"): (20, 20, 0, 0, 0.9977, 0.9913, 0.9985, 0.9956),
    ("pdfium", "S-PV.8699"): (101, 101, 0, 0, 0.9985, 0.9906, 0.9987, 0.9887),
    ("pdfium", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9949, 0.9733, 0.9986, 0.9677),
    ("pdfium", "S-PV.8700"): (23, 23, 0, 0, 0.9947, 0.9610, 0.9959, 0.9512),
    ("pdfium", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdfium", "S-PV.8703"): (18, 18, 0, 0, 0.9671, 0.5076, 0.9921, 0.9615),
    ("pdfium", "S-PV.8706"): (32, 32, 0, 0, 0.9945, 0.9521, 0.9968, 0.9847),
    ("pdfium", "S-PV.8707"): (18, 18, 0, 0, 0.9950, 0.9875, 0.9955, 0.9889),
    ("pdfium", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9811, 0.9617, 0.5333),
    ("pdfminer-noflow", "S-PV.8698"): (14, 20, 1, 1, 0.7277, 0.0000, 0.7713, 0.0864),
    ("pdfminer-noflow", "S-PV.8699"): (52, 98, 0, 3, 0.8416, 0.0000, 0.7445, 0.0081),
    ("pdfminer-noflow", "S-PV.8699_Resumption1"): (30, 67, 3, 3, 0.8628, 0.0000, 0.7839, 0.0662),
    ("pdfminer-noflow", "S-PV.8700"): (13, 23, 4, 4, 0.6931, 0.0000, 0.6710, 0.1688),
    ("pdfminer-noflow", "S-PV.8701"): (0, 2, 0, 0, 0.7549, 0.5099, 0.7625, 0.5250),
    ("pdfminer-noflow", "S-PV.8703"): (14, 18, 0, 0, 0.7775, 0.2195, 0.7976, 0.2619),
    ("pdfminer-noflow", "S-PV.8706"): (20, 31, 1, 2, 0.7998, 0.0000, 0.7789, 0.1125),
    ("pdfminer-noflow", "S-PV.8707"): (13, 18, 2, 2, 0.7476, 0.0000, 0.7211, 0.2155),
    ("pdfminer-noflow", "S-PV.8770"): (17, 20, 0, 2, 0.7656, 0.0000, 0.8182, 0.3698),
    ("pdfplumber-flow", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pdfplumber-flow", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pdfplumber-flow", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pdfplumber-flow", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pdfplumber-flow", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdfplumber-flow", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615),
    ("pdfplumber-flow", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pdfplumber-flow", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pdfplumber-flow", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    # pymupdf4llm: 0/303 held out (every record refused); its Markdown read as plain text since.
    ("pymupdf4llm", "S-PV.8698"): (20, 20, 0, 0, 0.9977, 0.9913, 0.9985, 0.9956),
    ("pymupdf4llm", "S-PV.8699"): (101, 101, 0, 0, 0.9985, 0.9906, 0.9987, 0.9887),
    ("pymupdf4llm", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9949, 0.9733, 0.9986, 0.9677),
    ("pymupdf4llm", "S-PV.8700"): (23, 23, 0, 0, 0.9947, 0.9610, 0.9959, 0.9512),
    ("pymupdf4llm", "S-PV.8701"): (2, 2, 0, 0, 0.8576, 0.7152, 1.0000, 1.0000),
    ("pymupdf4llm", "S-PV.8703"): (18, 18, 0, 0, 0.9670, 0.5076, 0.9921, 0.9615),
    ("pymupdf4llm", "S-PV.8706"): (32, 32, 0, 0, 0.9946, 0.9521, 0.9968, 0.9847),
    ("pymupdf4llm", "S-PV.8707"): (18, 18, 0, 0, 0.9950, 0.9875, 0.9955, 0.9889),
    ("pymupdf4llm", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9811, 0.9617, 0.5333),
    # pdftohtml -xml: 52/303 held out (S/PV.8701 refused); a label's colon and parentheses rejoined since.
    ("pdftohtml-xml", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9989, 0.9959),
    ("pdftohtml-xml", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9988, 0.9887),
    ("pdftohtml-xml", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9964, 0.9781, 0.9988, 0.9677),
    ("pdftohtml-xml", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9962, 0.9512),
    ("pdftohtml-xml", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftohtml-xml", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9933, 0.9615),
    ("pdftohtml-xml", "S-PV.8706"): (32, 32, 0, 0, 0.9962, 0.9570, 0.9971, 0.9847),
    ("pdftohtml-xml", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9966, 0.9878),
    ("pdftohtml-xml", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9920, 0.9625, 0.5333),
    # Held out in the fifth round and measured once (PDFium's get_text_range 303/303, PyMuPDF's XHTML
    # 302/303, pdftotext -fixed 3 299/303, PyMuPDF's dict with sort=True 292/303, pdfminer with tighter
    # margins 160/303; no furniture in any); tuned on since: pdftotext -fixed 3 303/303 (the fixed
    # pitch's columns, layout.py), PyMuPDF's dict sorted 298/303 (columns sorted by bottom edge read
    # back, interleaved.py; S/PV.8707 lost one turn, 16 -> 15, on a page whose columns split two ways).
    ("pymupdf-xhtml", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pymupdf-xhtml", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pymupdf-xhtml", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pymupdf-xhtml", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pymupdf-xhtml", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf-xhtml", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("pymupdf-xhtml", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pymupdf-xhtml", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pymupdf-xhtml", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pymupdf-dict-sorted", "S-PV.8698"): (20, 20, 0, 0, 0.9212, 0.4566, 0.9476, 0.5951),
    ("pymupdf-dict-sorted", "S-PV.8699"): (100, 101, 1, 1, 0.9313, 0.0000, 0.9444, 0.2319),
    ("pymupdf-dict-sorted", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9608, 0.3722, 0.9731, 0.6498),
    ("pymupdf-dict-sorted", "S-PV.8700"): (23, 23, 0, 0, 0.9785, 0.8201, 0.9870, 0.8381),
    ("pymupdf-dict-sorted", "S-PV.8701"): (2, 2, 0, 0, 0.9172, 0.8344, 1.0000, 1.0000),
    ("pymupdf-dict-sorted", "S-PV.8703"): (17, 18, 1, 1, 0.8810, 0.0000, 0.8968, 0.0887),
    ("pymupdf-dict-sorted", "S-PV.8706"): (32, 32, 0, 0, 0.9224, 0.3525, 0.9524, 0.4028),
    ("pymupdf-dict-sorted", "S-PV.8707"): (15, 18, 3, 3, 0.7736, 0.0000, 0.8355, 0.0400),
    ("pymupdf-dict-sorted", "S-PV.8770"): (22, 22, 0, 0, 0.9539, 0.3457, 0.9088, 0.3698),
    ("pdfium-range", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pdfium-range", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pdfium-range", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677),
    ("pdfium-range", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512),
    ("pdfium-range", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdfium-range", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("pdfium-range", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pdfium-range", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pdfium-range", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pdftotext-fixed", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pdftotext-fixed", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pdftotext-fixed", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pdftotext-fixed", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pdftotext-fixed", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftotext-fixed", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615),
    ("pdftotext-fixed", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pdftotext-fixed", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pdftotext-fixed", "S-PV.8770"): (22, 22, 0, 0, 0.9984, 0.9794, 0.9630, 0.5333),
    ("pdfminer-margins", "S-PV.8698"): (19, 19, 0, 1, 0.8076, 0.0000, 0.8516, 0.4150),
    ("pdfminer-margins", "S-PV.8699"): (92, 93, 0, 8, 0.8518, 0.0000, 0.7940, 0.0082),
    ("pdfminer-margins", "S-PV.8699_Resumption1"): (65, 67, 2, 2, 0.9169, 0.0000, 0.8602, 0.0321),
    ("pdfminer-margins", "S-PV.8700"): (15, 19, 2, 6, 0.6389, 0.0000, 0.6090, 0.1448),
    ("pdfminer-margins", "S-PV.8701"): (2, 2, 0, 0, 0.9304, 0.8609, 0.8500, 0.7000),
    ("pdfminer-margins", "S-PV.8703"): (16, 16, 0, 2, 0.7512, 0.0000, 0.8310, 0.4512),
    ("pdfminer-margins", "S-PV.8706"): (30, 31, 1, 2, 0.8279, 0.0000, 0.8295, 0.1209),
    ("pdfminer-margins", "S-PV.8707"): (16, 17, 1, 2, 0.7748, 0.0000, 0.8094, 0.0679),
    ("pdfminer-margins", "S-PV.8770"): (19, 20, 1, 3, 0.7765, 0.0000, 0.7987, 0.0394),
    # Held out in the sixth round and measured once (pdfminer with wider margins, PyMuPDF with flags and
    # mutool draw -F txt 303/303, pdftotext -nopgbrk -eol dos 302/303, the noisy PyMuPDF text 301/303,
    # PyMuPDF's rawdict rebuilt 299/303, pdftotext -layout -nopgbrk 126/303, pypdf's flat layout mode
    # 39/303 with one piece of furniture in S/PV.8701); tuned on since: pdftotext -layout -nopgbrk cut into
    # pages at its footers (layout.with_page_breaks), 303/303, the same figures as pdftotext -layout; the
    # noisy text's cover read with a doubled space inside the President's leader (cover.py), 303/303;
    # pypdf's flat layout mode read as columns pushed along by long left lines (layout.py), its symbol
    # printed S/ PV.8700 read as the record's, 303/303 and no furniture; PyMuPDF's rawdict rebuilt: labels
    # whose spaces were lost spaced again (turns.unglue_label), 303/303.
    # Held out in the seventh round and measured once (pdftotext -raw -nopgbrk, pdfplumber's words rebuilt,
    # pypdf's pages joined and the PyMuPDF text with a scan's faults 303/303; PyMuPDF's blocks sorted by
    # position 298/303, rewrapped to 100 characters 297/303, pdftotext -fixed 5 255/303, pdfminer with
    # boxes_flow=-0.8 and word_margin=0.05 208/303; no furniture in any); tuned on since.
    ("pymupdf-blocks-sorted", "S-PV.8698"): (20, 20, 0, 0, 0.9212, 0.4566, 0.9476, 0.5951),
    ("pymupdf-blocks-sorted", "S-PV.8699"): (100, 101, 1, 1, 0.9313, 0.0000, 0.9444, 0.2319),
    ("pymupdf-blocks-sorted", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9608, 0.3722, 0.9731, 0.6498),
    ("pymupdf-blocks-sorted", "S-PV.8700"): (23, 23, 0, 0, 0.9785, 0.8201, 0.9870, 0.8381),
    ("pymupdf-blocks-sorted", "S-PV.8701"): (2, 2, 0, 0, 0.9172, 0.8344, 1.0000, 1.0000),
    ("pymupdf-blocks-sorted", "S-PV.8703"): (17, 18, 1, 1, 0.8810, 0.0000, 0.8968, 0.0887),
    ("pymupdf-blocks-sorted", "S-PV.8706"): (32, 32, 0, 0, 0.9224, 0.3525, 0.9524, 0.4028),
    ("pymupdf-blocks-sorted", "S-PV.8707"): (15, 18, 3, 3, 0.7736, 0.0000, 0.8355, 0.0400),
    ("pymupdf-blocks-sorted", "S-PV.8770"): (22, 22, 0, 0, 0.9539, 0.3457, 0.9088, 0.3698),
    ("pdftotext-raw-nopgbrk", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pdftotext-raw-nopgbrk", "S-PV.8699"): (101, 101, 0, 0, 0.9989, 0.9812, 0.9991, 0.9887),
    ("pdftotext-raw-nopgbrk", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9951, 0.9733, 0.9989, 0.9677),
    ("pdftotext-raw-nopgbrk", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pdftotext-raw-nopgbrk", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftotext-raw-nopgbrk", "S-PV.8703"): (18, 18, 0, 0, 0.9693, 0.5076, 0.9941, 0.9615),
    ("pdftotext-raw-nopgbrk", "S-PV.8706"): (32, 32, 0, 0, 0.9954, 0.9554, 0.9974, 0.9847),
    ("pdftotext-raw-nopgbrk", "S-PV.8707"): (18, 18, 0, 0, 0.9986, 0.9954, 0.9978, 0.9926),
    ("pdftotext-raw-nopgbrk", "S-PV.8770"): (22, 22, 0, 0, 0.9985, 0.9880, 0.9631, 0.5333),
    ("pdftotext-fixed5", "S-PV.8698"): (20, 20, 0, 0, 0.9488, 0.9299, 0.9763, 0.9562),
    ("pdftotext-fixed5", "S-PV.8699"): (96, 96, 0, 5, 0.9209, 0.0000, 0.9653, 0.0168),
    ("pdftotext-fixed5", "S-PV.8699_Resumption1"): (64, 64, 0, 3, 0.9218, 0.0000, 0.9533, 0.0088),
    ("pdftotext-fixed5", "S-PV.8700"): (23, 23, 0, 0, 0.9556, 0.9037, 0.9669, 0.8522),
    ("pdftotext-fixed5", "S-PV.8701"): (2, 2, 0, 0, 0.9093, 0.8518, 0.9639, 0.9375),
    ("pdftotext-fixed5", "S-PV.8703"): (17, 17, 0, 1, 0.8687, 0.0000, 0.9409, 0.4536),
    ("pdftotext-fixed5", "S-PV.8706"): (31, 31, 0, 1, 0.9247, 0.0000, 0.9445, 0.0225),
    ("pdftotext-fixed5", "S-PV.8707"): (17, 17, 0, 1, 0.8935, 0.0000, 0.9404, 0.5069),
    ("pdftotext-fixed5", "S-PV.8770"): (22, 22, 0, 0, 0.9557, 0.9229, 0.9423, 0.5333),
    ("pdfminer-columns", "S-PV.8698"): (20, 20, 0, 0, 0.9467, 0.6859, 0.9290, 0.7634),
    ("pdfminer-columns", "S-PV.8699"): (97, 97, 0, 4, 0.8111, 0.0000, 0.8932, 0.0099),
    ("pdfminer-columns", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.8527, 0.5833, 0.8908, 0.0303),
    ("pdfminer-columns", "S-PV.8700"): (22, 22, 0, 1, 0.8864, 0.0000, 0.9253, 0.4299),
    ("pdfminer-columns", "S-PV.8701"): (2, 2, 0, 0, 0.7649, 0.5298, 0.9430, 0.8860),
    ("pdfminer-columns", "S-PV.8703"): (18, 18, 0, 0, 0.9405, 0.6818, 0.9083, 0.8333),
    ("pdfminer-columns", "S-PV.8706"): (31, 31, 0, 1, 0.8649, 0.0000, 0.9082, 0.3920),
    ("pdfminer-columns", "S-PV.8707"): (18, 18, 0, 0, 0.9551, 0.8434, 0.9214, 0.8251),
    ("pdfminer-columns", "S-PV.8770"): (21, 22, 0, 0, 0.9708, 0.9476, 0.9005, 0.4545),
    ("pdfplumber-words", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pdfplumber-words", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pdfplumber-words", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pdfplumber-words", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pdfplumber-words", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdfplumber-words", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615),
    ("pdfplumber-words", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pdfplumber-words", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pdfplumber-words", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pypdf-joined", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pypdf-joined", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pypdf-joined", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677),
    ("pypdf-joined", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512),
    ("pypdf-joined", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pypdf-joined", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("pypdf-joined", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pypdf-joined", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pypdf-joined", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pymupdf-reflowed", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pymupdf-reflowed", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pymupdf-reflowed", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pymupdf-reflowed", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pymupdf-reflowed", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf-reflowed", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615),
    ("pymupdf-reflowed", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pymupdf-reflowed", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pymupdf-reflowed", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pymupdf-ocr", "S-PV.8698"): (20, 20, 0, 0, 0.9890, 0.9771, 0.9856, 0.9678),
    ("pymupdf-ocr", "S-PV.8699"): (101, 101, 0, 0, 0.9885, 0.9000, 0.9852, 0.8571),
    ("pymupdf-ocr", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9803, 0.9000, 0.9788, 0.8181),
    ("pymupdf-ocr", "S-PV.8700"): (23, 23, 0, 0, 0.9824, 0.9500, 0.9773, 0.9268),
    ("pymupdf-ocr", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf-ocr", "S-PV.8703"): (18, 18, 0, 0, 0.9569, 0.4923, 0.9717, 0.8888),
    ("pymupdf-ocr", "S-PV.8706"): (32, 32, 0, 0, 0.9831, 0.9285, 0.9809, 0.9285),
    ("pymupdf-ocr", "S-PV.8707"): (18, 18, 0, 0, 0.9803, 0.9047, 0.9733, 0.8636),
    ("pymupdf-ocr", "S-PV.8770"): (22, 22, 0, 0, 0.9877, 0.9760, 0.9485, 0.5333),
    ("pdfminer-wide", "S-PV.8698"): (20, 20, 0, 0, 0.9959, 0.9306, 0.9994, 0.9973),
    ("pdfminer-wide", "S-PV.8699"): (101, 101, 0, 0, 0.9922, 0.6639, 0.9944, 0.7612),
    ("pdfminer-wide", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9950, 0.9686, 0.9984, 0.9677),
    ("pdfminer-wide", "S-PV.8700"): (23, 23, 0, 0, 0.9673, 0.5500, 0.9940, 0.9170),
    ("pdfminer-wide", "S-PV.8701"): (2, 2, 0, 0, 0.8576, 0.7152, 1.0000, 1.0000),
    ("pdfminer-wide", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("pdfminer-wide", "S-PV.8706"): (32, 32, 0, 0, 0.9927, 0.9075, 0.9942, 0.9090),
    ("pdfminer-wide", "S-PV.8707"): (18, 18, 0, 0, 0.9967, 0.9650, 0.9953, 0.9644),
    ("pdfminer-wide", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pypdf-layout-flat", "S-PV.8698"): (20, 20, 0, 0, 0.9985, 0.9940, 0.9978, 0.9859),
    ("pypdf-layout-flat", "S-PV.8699"): (101, 101, 0, 0, 0.9986, 0.9905, 0.9970, 0.8823),
    ("pypdf-layout-flat", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9949, 0.9733, 0.9979, 0.9333),
    ("pypdf-layout-flat", "S-PV.8700"): (23, 23, 0, 0, 0.9963, 0.9750, 0.9947, 0.9512),
    ("pypdf-layout-flat", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pypdf-layout-flat", "S-PV.8703"): (18, 18, 0, 0, 0.9684, 0.5076, 0.9919, 0.9615),
    ("pypdf-layout-flat", "S-PV.8706"): (32, 32, 0, 0, 0.9954, 0.9537, 0.9923, 0.9130),
    ("pypdf-layout-flat", "S-PV.8707"): (18, 18, 0, 0, 0.9973, 0.9938, 0.9959, 0.9872),
    ("pypdf-layout-flat", "S-PV.8770"): (22, 22, 0, 0, 0.9984, 0.9897, 0.9624, 0.5333),
    ("pymupdf-rawdict", "S-PV.8698"): (20, 20, 0, 0, 0.9875, 0.9552, 0.9974, 0.9919),
    ("pymupdf-rawdict", "S-PV.8699"): (101, 101, 0, 0, 0.9889, 0.9082, 0.9975, 0.9756),
    ("pymupdf-rawdict", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9858, 0.8524, 0.9980, 0.9811),
    ("pymupdf-rawdict", "S-PV.8700"): (23, 23, 0, 0, 0.9838, 0.9459, 0.9943, 0.9512),
    ("pymupdf-rawdict", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf-rawdict", "S-PV.8703"): (18, 18, 0, 0, 0.9573, 0.5076, 0.9926, 0.9615),
    ("pymupdf-rawdict", "S-PV.8706"): (32, 32, 0, 0, 0.9537, 0.6000, 0.9840, 0.8181),
    ("pymupdf-rawdict", "S-PV.8707"): (18, 18, 0, 0, 0.9830, 0.9318, 0.9954, 0.9865),
    ("pymupdf-rawdict", "S-PV.8770"): (22, 22, 0, 0, 0.9913, 0.9596, 0.9618, 0.5333),
    ("pymupdf-flags", "S-PV.8698"): (20, 20, 0, 0, 0.9977, 0.9913, 0.9985, 0.9956),
    ("pymupdf-flags", "S-PV.8699"): (101, 101, 0, 0, 0.9985, 0.9906, 0.9987, 0.9887),
    ("pymupdf-flags", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9949, 0.9733, 0.9986, 0.9677),
    ("pymupdf-flags", "S-PV.8700"): (23, 23, 0, 0, 0.9947, 0.9610, 0.9959, 0.9512),
    ("pymupdf-flags", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf-flags", "S-PV.8703"): (18, 18, 0, 0, 0.9670, 0.5076, 0.9921, 0.9615),
    ("pymupdf-flags", "S-PV.8706"): (32, 32, 0, 0, 0.9946, 0.9521, 0.9968, 0.9847),
    ("pymupdf-flags", "S-PV.8707"): (18, 18, 0, 0, 0.9950, 0.9875, 0.9955, 0.9889),
    ("pymupdf-flags", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9811, 0.9617, 0.5333),
    ("pdftotext-nopgbrk", "S-PV.8698"): (20, 20, 0, 0, 0.9832, 0.7078, 0.9895, 0.8159),
    ("pdftotext-nopgbrk", "S-PV.8699"): (101, 101, 0, 0, 0.9780, 0.5557, 0.9826, 0.6250),
    ("pdftotext-nopgbrk", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9822, 0.6780, 0.9884, 0.7442),
    ("pdftotext-nopgbrk", "S-PV.8700"): (23, 23, 0, 0, 0.9660, 0.5224, 0.9292, 0.2127),
    ("pdftotext-nopgbrk", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftotext-nopgbrk", "S-PV.8703"): (18, 18, 0, 0, 0.9653, 0.5076, 0.9922, 0.9615),
    ("pdftotext-nopgbrk", "S-PV.8706"): (31, 32, 1, 1, 0.9532, 0.0000, 0.9632, 0.5856),
    ("pdftotext-nopgbrk", "S-PV.8707"): (18, 18, 0, 0, 0.9841, 0.8011, 0.9853, 0.8243),
    ("pdftotext-nopgbrk", "S-PV.8770"): (22, 22, 0, 0, 0.9962, 0.9811, 0.9617, 0.5333),
    ("pdftotext-layout-nopgbrk", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pdftotext-layout-nopgbrk", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("pdftotext-layout-nopgbrk", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9955, 0.9733, 0.9989, 0.9677),
    ("pdftotext-layout-nopgbrk", "S-PV.8700"): (23, 23, 0, 0, 0.9979, 0.9750, 0.9967, 0.9512),
    ("pdftotext-layout-nopgbrk", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pdftotext-layout-nopgbrk", "S-PV.8703"): (18, 18, 0, 0, 0.9707, 0.5076, 0.9939, 0.9615),
    ("pdftotext-layout-nopgbrk", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("pdftotext-layout-nopgbrk", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pdftotext-layout-nopgbrk", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("mutool-txt", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("mutool-txt", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9992, 0.9887),
    ("mutool-txt", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9954, 0.9733, 0.9989, 0.9677),
    ("mutool-txt", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512),
    ("mutool-txt", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("mutool-txt", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("mutool-txt", "S-PV.8706"): (32, 32, 0, 0, 0.9961, 0.9554, 0.9976, 0.9847),
    ("mutool-txt", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("mutool-txt", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
    ("pymupdf-noisy", "S-PV.8698"): (20, 20, 0, 0, 0.9994, 0.9970, 0.9994, 0.9973),
    ("pymupdf-noisy", "S-PV.8699"): (101, 101, 0, 0, 0.9994, 0.9953, 0.9991, 0.9887),
    ("pymupdf-noisy", "S-PV.8699_Resumption1"): (67, 67, 0, 0, 0.9958, 0.9733, 0.9989, 0.9677),
    ("pymupdf-noisy", "S-PV.8700"): (23, 23, 0, 0, 0.9962, 0.9610, 0.9967, 0.9512),
    ("pymupdf-noisy", "S-PV.8701"): (2, 2, 0, 0, 0.9933, 0.9867, 1.0000, 1.0000),
    ("pymupdf-noisy", "S-PV.8703"): (18, 18, 0, 0, 0.9705, 0.5076, 0.9939, 0.9615),
    ("pymupdf-noisy", "S-PV.8706"): (32, 32, 0, 0, 0.9966, 0.9574, 0.9964, 0.9777),
    ("pymupdf-noisy", "S-PV.8707"): (18, 18, 0, 0, 0.9984, 0.9954, 0.9972, 0.9893),
    ("pymupdf-noisy", "S-PV.8770"): (22, 22, 0, 0, 0.9991, 0.9914, 0.9631, 0.5333),
}
MEAN_SLACK, MIN_SLACK = 0.003, 0.02  # rounding and the alignment's ties, not regressions
TUNED_ALL = ("pymupdf",) + TUNED
# Minutes to extract uncached (pypdf's layout mode about 1.5, pdfplumber's about 2): `make slow` runs them.
# pdfplumber's text flow about 8, pymupdf4llm 6, pdfminer with boxes_flow=None 1 at load average 3-6.
# pdfminer with tighter margins about 1 (52 s at load average 8); with wider margins about 4, pypdf's flat
# layout mode about 8 (at load average 6-9).
SLOW_TO_EXTRACT = ("pypdf-layout", "pdfplumber-layout", "pdfplumber-flow", "pymupdf4llm", "pdfminer-noflow",
                   "pdfminer-margins", "pdfminer-wide", "pypdf-layout-flat", "pdfminer-columns", "pdfplumber-words")
FLOOR = 0.995  # the floor, which every tuned layout reaches but those below
# Below the floor, at the figure measured (turns right of 303). pdfminer with boxes_flow=None
# orders text boxes by position alone: the two columns' paragraphs alternate top to bottom, and the
# text keeps no position that tells a box of the left column from one of the right (its boxes are not
# paragraphs: a paragraph is cut into several, a justified line's words into boxes side by side, so the
# line counts interleaved.py reads the order from are lost). The other two were held out in the fifth
# round and fell below it: PyMuPDF's sorted blocks are read back by interleaved.py where the order of
# their bottom edges tells, not where a page's two columns split two ways; pdfminer with tighter
# margins cuts boxes as pdfminer with boxes_flow=None does.
# pdfminer with tighter margins 160 -> 274 since its cover is read (its leaders cut into boxes of a dot each,
# so the President had no country and the members were lost); its columns' boxes still alternate.
# The seventh round's below it when held out, tuned on in the eighth: PyMuPDF's blocks sorted by position
# 298 (the sorted dict's blocks, the same turns lost; unchanged), pdftotext -fixed 5 255 -> 292 (labels and
# States glued or pushed past the right column's start, honorifics glued to the word before) and pdfminer
# with word_margin=0.05 208 -> 296 (spaces inside labels and words); rewrapped to 100 characters 297 -> 303
# (the President's country wrapped on the cover) reaches the floor.
BELOW_FLOOR = {"pdfminer-noflow": 173, "pymupdf-dict-sorted": 298, "pdfminer-margins": 274,
               "pymupdf-blocks-sorted": 298, "pdftotext-fixed5": 292, "pdfminer-columns": 296}


def _case(extractor, *rest):
    marks = [pytest.mark.slow] if extractor in SLOW_TO_EXTRACT else []
    return pytest.param(extractor, *rest, marks=marks, id="-".join((extractor, *rest)))


CASES = [_case(extractor, name) for extractor in TUNED_ALL for name in RECORDS] or [("pymupdf", "(no records)")]


def parse_as(name, extractor):
    return parse_text(extracted_text(name, extractor))


_parsed = {}


def parsed_as(name, extractor):
    key = (name, extractor)
    if key not in _parsed:
        _parsed[key] = parse_as(name, extractor)
    return _parsed[key]


@pytest.mark.parametrize("extractor, name", CASES)
def test_turns_statements_and_overlap_at_their_measured_floors(extractor, name):
    floor = MEASURED.get((extractor, name))
    assert floor is not None, f"no measured figures for {extractor} {name}: measure and add them"
    assert_at_floor(figures(load_reference(name), parsed_as(name, extractor)), floor)


def assert_at_floor(got, floor):
    """``got`` (``reference.Figures``) at or above ``floor`` (a row of ``MEASURED``)."""
    right, statements, unmatched_ours, unmatched_ref, mean_ov, min_ov, mean_pr, min_pr = floor
    assert got.right >= right, f"{got.right}/{got.turns} turns right (floor {right}); wrong: {got.wrong}"
    assert got.statements == statements, f"{got.statements} statements, measured {statements}"
    assert got.unmatched_ours <= unmatched_ours, "a statement of ours matches no reference speech (split?)"
    assert got.unmatched_reference <= unmatched_ref, "a reference speech matches none of ours (swallowed?)"
    assert got.mean_overlap >= mean_ov - MEAN_SLACK and got.min_overlap >= min_ov - MIN_SLACK, got
    assert got.mean_precision >= mean_pr - MEAN_SLACK and got.min_precision >= min_pr - MIN_SLACK, got


FURNITURE_CASES = CASES


def furniture_in(record):
    """(order, kind, excerpt) of every piece of page furniture in a statement or procedural item."""
    items = [(s.order, s.text) for s in record.statements] + [(p.order, p.text) for p in record.procedural]
    return [(order, kind, text[max(0, m.start() - 40):m.end() + 20]) for order, text in items
            for kind, pattern in FURNITURE.items() for m in [pattern.search(text)] if m]


@pytest.mark.parametrize("extractor, name", FURNITURE_CASES)
def test_no_page_furniture_in_any_statement_or_procedural_item(extractor, name):
    assert not furniture_in(parsed_as(name, extractor))


@pytest.mark.parametrize("extractor", ["pdftotext-layout", "pypdf", _case("pdfplumber-layout")])
@pytest.mark.parametrize("name", RECORDS or ["(no records)"])
def test_layout_text_gives_the_same_turns_as_the_pdf(name, extractor):
    """``pdftotext -layout`` (columns side by side, one-line headers), pypdf (spaces inside the
    symbol and parentheses) and pdfplumber's character grid against PyMuPDF."""
    ours = parsed_as(name, extractor)
    pdf = parsed_as(name, "pymupdf")
    assert [(s.speaker, s.country, s.role, s.label) for s in ours.statements] == \
        [(s.speaker, s.country, s.role, s.label) for s in pdf.statements]
    assert ours.meeting.to_dict() == pdf.meeting.to_dict()


# Covers not read yet (strict: a fix is noticed). pdfminer with tighter margins, which cuts the dot leaders
# into boxes of a dot each, is read since the seventh round (cover.py: a lone dot is part of the leader
# before it, a State's name with one dot a member's country).
# Tuned on in the eighth round and not read yet: pdfminer with word_margin=0.05 sets spaces inside the cover's
# words (the date is not read, the agenda keeps "The sit uation", S/PV.8699's President "Pham Bin h Min h"); PyMuPDF's
# blocks rewrapped to 100 characters run the members' table into a few long lines (3 to 7 of 14 members read).
COVER_NOT_READ = {"pdfminer-columns", "pymupdf-reflowed"}


def _cover_case(extractor):
    case = _case(extractor)
    if extractor in COVER_NOT_READ:
        case = pytest.param(*case.values, marks=[*case.marks, pytest.mark.xfail(strict=True, reason="cover not read")],
                            id=case.id)
    return case


@pytest.mark.parametrize("extractor", [_cover_case(extractor) for extractor in TUNED])
def test_cover_page_read_the_same_by_every_extractor(extractor):
    for name in RECORDS:
        got, expected = parsed_as(name, extractor).meeting, parsed_as(name, "pymupdf").meeting
        assert (got.symbol, got.resumption, got.date, got.agenda, got.president["name"], len(got.members)) == \
            (expected.symbol, expected.resumption, expected.date, expected.agenda,
             expected.president["name"], len(expected.members)), name


@pytest.mark.parametrize("extractor", [_case(extractor) for extractor in TUNED_ALL])
def test_every_tuned_layout_reaches_the_floor(extractor):
    right = sum(figures(load_reference(name), parsed_as(name, extractor)).right for name in RECORDS)
    assert right >= BELOW_FLOOR.get(extractor, FLOOR * 303), f"{extractor}: {right}/303 turns right"


def test_furniture_patterns_catch_what_they_should():
    """The furniture check itself fails on furniture (else the tests above prove nothing)."""
    text = "and we\n\n2/35 20-00800 10/01/2020 Maintenance of international peace S/PV.8699 (Resumption 1)\n"
    assert {kind for kind, pattern in FURNITURE.items() if pattern.search(text)} >= \
        {"job number", "page number", "header date", "running header"}
    assert not re.search(FURNITURE["header date"], "on 10 January 2020 we met")
