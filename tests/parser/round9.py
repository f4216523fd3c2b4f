"""Round 9's layouts of the letters laid out as records (``letters.py``), and what they measure.

* ``letters-text``: the record's text in PyMuPDF's order (``letters.letter_text``), as
  ``rebuilt-pymupdf`` lays it out;
* ``letters-pdf``: the record printed as a PDF (``printed.py``) and read as an upload is
  (``statements.parser.parse_upload``: PyMuPDF's text of each page, ``statements/parser/pdf.py``);
* ``letters-pdftotext-layout``: that PDF through poppler's ``pdftotext -layout``;
* ``letters-pdfminer``: that PDF through pdfminer.six's ``extract_text`` (its default layout
  analysis, what ``pdf2txt.py`` prints).

Extracted texts are kept in ``var/test-cache/letters/<layout>/`` under the PDF's hash.
"""

from statements.parser import RecordError, parse_text, parse_upload

from . import letters, printed
from .extractors import _pdfminer, _pdftotext, cached_extraction
from .reference import figures
from .test_extractors import furniture_in

LAYOUTS = letters.LAYOUTS
READERS = {"letters-pdftotext-layout": lambda path: _pdftotext(path, "-layout"),
           "letters-pdfminer": _pdfminer}
_parsed = {}


def pdf(spv):
    """The cached PDF of letter ``spv`` laid out as a record."""
    return printed.pdf_path(spv, letters.record(spv))


def text(spv, layout):
    """The text ``layout`` gives of letter ``spv`` (not for ``letters-pdf``, which is bytes)."""
    if layout == "letters-text":
        return letters.letter_text(spv)
    return cached_extraction(pdf(spv), printed.CACHE / layout / spv, READERS[layout])


def parsed(spv, layout):
    """Our parse of letter ``spv`` in ``layout``, or None where the parser refused it."""
    key = (spv, layout)
    if key not in _parsed:
        try:
            if layout == "letters-pdf":
                _parsed[key] = parse_upload(pdf(spv).read_bytes(), f"{letters.symbol(spv)[5:]}.pdf")
            else:
                _parsed[key] = parse_text(text(spv, layout))
        except RecordError:
            _parsed[key] = None
    return _parsed[key]


def measure(spvs, layout):
    """(turns right, turns, {spv: wrong turns}, {spv: furniture}, refused letters) over ``spvs``."""
    right = total = 0
    wrong, furniture, refused = {}, {}, []
    for spv in spvs:
        turns = letters.reference(spv)
        record = parsed(spv, layout)
        total += len(turns)
        if record is None:
            refused.append(spv)
            continue
        got = figures(turns, record)
        right += got.right
        if got.wrong:
            wrong[spv] = got.wrong
        pieces = furniture_in(record)
        if pieces:
            furniture[spv] = pieces
    return right, total, wrong, furniture, refused
