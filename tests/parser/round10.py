"""Round 10's layouts of the General Assembly speeches laid out as meetings (``general_debate.py``),
typeset by groff (``typeset.py``), and what they measure.

* ``round10-pdf``: the PDF read as an upload is (``statements.parser.parse_upload``: PyMuPDF's text
  of each page, ``statements/parser/pdf.py``);
* ``round10-pdftotext-layout``: poppler's ``pdftotext -layout``;
* ``round10-pdfminer``: pdfminer.six's ``extract_text`` (its default layout analysis);
* ``round10-mutool``: MuPDF's ``mutool draw -F txt`` (no round 9 layout read it).

Furniture is what the shared patterns find (``test_extractors.furniture_in``) and the meeting's own
running header and footer as printed: its symbol, its date as the footer prints it (``22 October
1972``), its job number. Extracted texts are kept in ``var/test-cache/round10/<layout>/`` under the
PDF's hash (``extractors.cached_extraction``).
"""
from statements.parser import parse_text, parse_upload

from . import general_debate, typeset
from .extractors import _mutool_txt, _pdfminer, _pdftotext, cached_extraction
from .round9 import parsed_once, score
from .test_extractors import furniture_in

LAYOUTS = ("round10-pdf", "round10-pdftotext-layout", "round10-pdfminer", "round10-mutool")
READERS = {"round10-pdftotext-layout": lambda path: _pdftotext(path, "-layout"),
           "round10-pdfminer": _pdfminer, "round10-mutool": _mutool_txt}
_parsed = {}


def name(n):
    """The meeting's file name: ``S-PV.37201``."""
    return general_debate.meeting(n)["symbol"].replace("/", "-")


def pdf(n):
    """The cached PDF of meeting ``n``."""
    return typeset.pdf_path(name(n), general_debate.meeting(n))


def text(n, layout):
    """The text ``layout`` gives of meeting ``n`` (not for ``round10-pdf``, which is bytes)."""
    return cached_extraction(pdf(n), typeset.CACHE / layout / name(n), READERS[layout])


def parsed(n, layout):
    """Our parse of meeting ``n`` in ``layout``, or None where the parser refused it."""
    def parse():
        if layout == "round10-pdf":
            return parse_upload(pdf(n).read_bytes(), f"{name(n)}.pdf")
        return parse_text(text(n, layout))
    return parsed_once(_parsed, (n, layout), parse)


def furniture(n, record):
    """(order, kind, excerpt) of each piece of furniture in ``record``'s statements and procedure."""
    parts = general_debate.meeting(n)
    own = {"running header": parts["symbol"], "footer date": parts["date"], "job number": parts["job"]}
    items = [(s.order, s.text) for s in record.statements] + [(p.order, p.text) for p in record.procedural]
    found = furniture_in(record)
    for order, body in items:
        flat = " ".join(body.split())
        for kind, printed in own.items():
            at = flat.find(printed)
            if at >= 0 and not any(piece[0] == order and piece[1] == kind for piece in found):
                found.append((order, kind, flat[max(0, at - 40):at + len(printed) + 20]))
    return found


def measure(meetings, layout):
    """(turns right, turns, {meeting: wrong turns}, {meeting: furniture}, refused meetings) over ``meetings``."""
    return score(meetings, general_debate.reference, lambda n: parsed(n, layout), furniture)
