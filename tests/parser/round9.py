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
    def parse():
        if layout == "letters-pdf":
            return parse_upload(pdf(spv).read_bytes(), f"{letters.symbol(spv)[5:]}.pdf")
        return parse_text(text(spv, layout))
    return parsed_once(_parsed, (spv, layout), parse)


def parsed_once(cache, key, parse):
    """``parse()``, kept in ``cache`` under ``key``; None where the parser refused the record."""
    if key not in cache:
        try:
            cache[key] = parse()
        except RecordError:
            cache[key] = None
    return cache[key]


def measure(spvs, layout):
    """(turns right, turns, {spv: wrong turns}, {spv: furniture}, refused letters) over ``spvs``."""
    return score(spvs, letters.reference, lambda spv: parsed(spv, layout), lambda spv, record: furniture_in(record))


def score(records, reference, parse, furniture):
    """(turns right, turns, {record: wrong turns}, {record: furniture}, refused records) over ``records``:
    ``reference(record)`` the turns printed, ``parse(record)`` our parse (None where refused),
    ``furniture(record, parse)`` the pieces of page furniture left in its statements."""
    right = total = 0
    wrong, found, refused = {}, {}, []
    for key in records:
        turns = reference(key)
        record = parse(key)
        total += len(turns)
        if record is None:
            refused.append(key)
            continue
        got = figures(turns, record)
        right += got.right
        if got.wrong:
            wrong[key] = got.wrong
        pieces = furniture(key, record)
        if pieces:
            found[key] = pieces
    return right, total, wrong, found, refused
