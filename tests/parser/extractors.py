"""The shared PDFs' text as other extractors give it, for parsing with the same tests.

``pymupdf`` is the form the parser was built on (``shared/transcripts/text/``);
the others lay the same pages out differently. Tuned on (their failures were
looked at and fixed):

* ``pdfminer``: ``pdfminer.high_level.extract_text`` with its default layout
  analysis (what ``pdf2txt.py`` prints): one text box after another, blank lines
  between boxes, words of wide justified lines sometimes in separate boxes;
* ``pdftotext-layout``: poppler's ``pdftotext -layout``, the two columns side
  by side and the running header on one line;
* ``pdftotext``: poppler's reading order, no ``-layout``; no mark for wrapped
  lines or paragraph ends. It was held out first (290/303 turns right, never
  tuned on) and is tuned on since its figures were known.

Held out in the two rounds before, measured once and tuned on since (issue 16's second and
third rounds): ``pypdf`` (``pypdf.PdfReader(...).pages[i].extract_text()``, 177/303 when
measured), ``pdftotext-raw`` (poppler's content-stream order, 303/303),
``pymupdf-blocks`` (PyMuPDF's ``get_text("blocks")``, blocks joined by blank lines,
303/303); then ``pypdf-layout`` (pypdf's ``extract_text(extraction_mode="layout")``,
302/303), ``pdfplumber-layout`` (pdfplumber's ``page.extract_text(layout=True)``, its
character grid on pdfminer's characters, 94/303), ``pymupdf-words`` (PyMuPDF's
``get_text("words")`` joined per line, 303/303) and ``pdftotext-bbox`` (poppler's
``pdftotext -bbox-layout`` XHTML read back: the words of a ``<line>`` joined, a blank line
between ``<block>`` elements, 186/303).

Held out in issue 16's fourth round, measured once and tuned on since: ``pdfium`` (PDFium
through pypdfium2, ``get_text_bounded()``, 303/303), ``pdfminer-noflow`` (pdfminer with
``LAParams(boxes_flow=None)``, 173/303), ``pdfplumber-flow`` (``extract_text(use_text_flow=True)``,
303/303), ``pdftohtml-xml`` (poppler's ``pdftohtml -xml``, each ``<text>`` element one a line,
52/303) and ``pymupdf4llm`` (``pymupdf4llm.to_markdown``, 0/303).

Held out in issue 16's fifth round, measured once and tuned on since: ``pymupdf-xhtml`` (PyMuPDF's
``get_text("xhtml")``, each ``<p>`` one a line, 302/303), ``pymupdf-dict-sorted`` (PyMuPDF's
``get_text("dict", sort=True)``, a line's spans joined, a blank line between blocks, 292/303),
``pdfium-range`` (PDFium's ``get_text_range()``, 303/303), ``pdftotext-fixed`` (``pdftotext -fixed 3``,
299/303) and ``pdfminer-margins`` (pdfminer with ``LAParams(char_margin=1.0, line_margin=0.2,
word_margin=0.2)``, 160/303).

Held out in issue 16's sixth round, measured once and tuned on since: ``pdfminer-wide`` (pdfminer
with ``LAParams(char_margin=3.0, line_margin=0.8, all_texts=True, detect_vertical=True)``, 303/303),
``pypdf-layout-flat`` (pypdf's layout mode with ``layout_mode_space_vertically=False`` and
``layout_mode_scale_weight=1.0``, 39/303), ``pymupdf-rawdict`` (PyMuPDF's ``get_text("rawdict")``
characters rebuilt into lines, spaces set again from the gaps, 299/303), ``pymupdf-flags``
(PyMuPDF's text with ``TEXT_DEHYPHENATE``, ``TEXT_PRESERVE_LIGATURES``, ``TEXT_PRESERVE_WHITESPACE``
and ``TEXT_MEDIABOX_CLIP``, 303/303), ``pdftotext-nopgbrk`` (``pdftotext -nopgbrk -eol dos``,
302/303), ``pdftotext-layout-nopgbrk`` (``pdftotext -layout -nopgbrk``, 126/303), ``mutool-txt``
(``mutool draw -F txt``, Debian's ``mupdf-tools``, 303/303) and ``pymupdf-noisy`` (the PyMuPDF text
through ``noisy``: ligatures, line-end hyphens, turned quotes, odd spaces, 301/303).

Held out in issue 16's seventh round, measured once and tuned on since: ``pymupdf-blocks-sorted``
(298/303), ``pdftotext-raw-nopgbrk`` (303/303), ``pdftotext-fixed5`` (255/303), ``pdfminer-columns``
(208/303), ``pdfplumber-words`` (303/303), ``pypdf-joined`` (303/303), ``pymupdf-reflowed`` (297/303)
and ``pymupdf-ocr`` (303/303):

* ``pymupdf-blocks-sorted``: PyMuPDF's ``get_text("blocks", sort=True)``: the blocks sorted by
  their position (top, then left), not in content order;
* ``pdftotext-raw-nopgbrk``: ``pdftotext -raw -nopgbrk``: the content stream's order with no form
  feed between pages;
* ``pdftotext-fixed5``: ``pdftotext -fixed 5``: the columns side by side at a coarser pitch than
  the tuned ``-fixed 3`` (fewer characters a line than the type holds, so words are pushed along);
* ``pdfminer-columns``: pdfminer with ``LAParams(boxes_flow=-0.8, word_margin=0.05)``: boxes
  ordered mostly by their horizontal position, spaces set at narrower gaps;
* ``pdfplumber-words``: pdfplumber's ``extract_words(x_tolerance=1.5, use_text_flow=True)``
  rebuilt into lines (a new line where a word's top moves or it starts left of the word before);
* ``pypdf-joined``: pypdf's ``extract_text()`` of each page joined by a newline, not a form feed
  (what a script concatenating pages writes);
* ``pymupdf-reflowed``: PyMuPDF's blocks, each rewrapped to 100 characters a line (a paragraph
  copied into a word processor or an e-mail and saved as text: other line ends, no wrap marks);
* ``pymupdf-ocr``: the PyMuPDF text (``shared/transcripts/text/``) through ``ocr_noise``, a
  seeded transform with the faults of a scan's recognised text: ``rn``/``m`` and ``l``/``1``
  confused, diacritics dropped, words cut by a stray space, lines ending in a hyphen.

Held out now (issue 16's eighth round; chosen and committed before the parser was changed for the
seventh round's layouts, never looked at while tuning, measured once at the end:
``test_held_out.py``). Most of its weight is on whole records the parser never saw, rebuilt from
the corpus (``rebuilt.py``: 69 meetings, three layouts); beside them, on the nine PDFs:

* ``pdfminer-flow``: pdfminer with ``LAParams(char_margin=2.5, line_margin=0.35, word_margin=0.25,
  boxes_flow=0.9)``: boxes ordered mostly by height, fewer spaces set at narrow gaps;
* ``pdfplumber-tight``: pdfplumber's ``extract_text(use_text_flow=True, x_tolerance=1.2,
  y_tolerance=2)``: a tighter tolerance than the default three points between a word's letters;
* ``pdftotext-colspacing``: ``pdftotext -colspacing 0.3``: poppler's reading order with the old
  releases' column spacing;
* ``pdftotext-fixed2``: ``pdftotext -fixed 2``: the columns side by side at a finer pitch than the
  tuned 3 and 5;
* ``pymupdf-scan``: the PyMuPDF text through ``scan_faults`` (seed 8): line breaks lost, full
  stops and commas confused, a capitalised word's letters cut by a space;
* ``pymupdf-unwrapped``: PyMuPDF's blocks each on one line (a paragraph a line, as a word
  processor saves text);
* ``pymupdf-reflowed60``: PyMuPDF's blocks rewrapped to 60 characters a line.

pdfplumber's plain ``extract_text()`` groups words into lines by their
height across the whole page, so the two columns' lines are joined by a single space, as
``pymupdf-sorted`` glues them: no text tells where a column ends, and it is in no set.

``pymupdf-sorted`` (PyMuPDF's ``get_text("text", sort=True)``) was looked at
before and fails (0 to 2 turns right in a record): its lines of the two columns
are printed side by side but some are glued without a line break (``Council
membersof the Security``), so no gutter can be found. It is kept here to
measure, in no test.

Extraction is slow (pdfminer needs about a minute for the nine records), so
each text is kept under ``var/test-cache/extracted/`` keyed by the PDF's hash.
``pdftotext`` and ``pdftohtml`` come from Debian's poppler-utils and ``mutool`` from its mupdf-tools, which
``scripts/test-services`` installs (``make test`` and ``make slow`` run it): a missing one is a test failure
under CI and a skip, naming the package, elsewhere.
"""
import hashlib
from html.parser import HTMLParser
import os
import random
import re
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile

import pytest

from .reference import TRANSCRIPTS

TUNED = ("pdfminer", "pdftotext-layout", "pdftotext", "pypdf", "pdftotext-raw", "pymupdf-blocks",
         "pypdf-layout", "pdfplumber-layout", "pymupdf-words", "pdftotext-bbox",
         "pdfium", "pdfminer-noflow", "pdfplumber-flow", "pdftohtml-xml", "pymupdf4llm",
         "pymupdf-xhtml", "pymupdf-dict-sorted", "pdfium-range", "pdftotext-fixed", "pdfminer-margins",
         "pdfminer-wide", "pypdf-layout-flat", "pymupdf-rawdict", "pymupdf-flags", "pdftotext-nopgbrk",
         "pdftotext-layout-nopgbrk", "mutool-txt", "pymupdf-noisy",
         "pymupdf-blocks-sorted", "pdftotext-raw-nopgbrk", "pdftotext-fixed5", "pdfminer-columns",
         "pdfplumber-words", "pypdf-joined", "pymupdf-reflowed", "pymupdf-ocr")
HELD_OUT = ("pdfminer-flow", "pdfplumber-tight", "pdftotext-colspacing", "pdftotext-fixed2", "pymupdf-scan",
            "pymupdf-unwrapped", "pymupdf-reflowed60")
CACHE = Path(__file__).resolve().parents[2] / "var" / "test-cache" / "extracted"
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _pdfminer(path, **laparams):
    """pdfminer's text; ``laparams``, if any, set its layout analysis (``LAParams``)."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    return extract_text(str(path), laparams=LAParams(**laparams) if laparams else None)


def _poppler(tool, *arguments):
    """What poppler's ``tool`` prints on standard output."""
    return _run(tool, "poppler-utils", *arguments)


def _run(tool, package, *arguments):
    """What the command line ``tool`` (Debian's ``package``) prints on standard output."""
    if shutil.which(tool) is None:
        message = f"{tool} (Debian package {package}) is not installed: apt-get install {package}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return subprocess.run([tool, *arguments], capture_output=True, check=True).stdout.decode("utf-8")


def _pdftotext(path, *options):
    return _poppler("pdftotext", *options, str(path), "-")


def _pymupdf_sorted(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        return "\f".join(page.get_text("text", sort=True) for page in doc)


def _pypdf(path):
    from pypdf import PdfReader

    return "\f".join(page.extract_text() for page in PdfReader(path).pages)


def _pymupdf_blocks(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        return "\f".join("\n".join(block[4] for block in page.get_text("blocks") if block[6] == 0)
                         for page in doc)


def _pypdf_layout(path):
    from pypdf import PdfReader

    return "\f".join(page.extract_text(extraction_mode="layout") for page in PdfReader(path).pages)


def _pdfplumber_layout(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\f".join(page.extract_text(layout=True) for page in pdf.pages)


def _pymupdf_words(path):
    import pymupdf

    pages = []
    with pymupdf.open(path) as doc:
        for page in doc:
            lines = {}
            for *_, word, block, line, _number in page.get_text("words"):
                lines.setdefault((block, line), []).append(word)
            pages.append("\n".join(" ".join(words) for words in lines.values()))
    return "\f".join(pages)


class _BboxText(HTMLParser):
    """Pages of ``pdftotext -bbox-layout``'s XHTML as text: the words of a ``<line>`` joined by
    spaces, a blank line between ``<block>`` elements. An HTML parser, as poppler leaves some
    bytes an XML parser refuses."""

    def __init__(self):
        super().__init__()
        self.pages, self.word = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "page":
            self.pages.append([])
        elif tag == "block":
            self.pages[-1].append([])
        elif tag == "line":
            self.pages[-1][-1].append([])
        elif tag == "word":
            self.word = ""

    def handle_data(self, data):
        if self.word is not None:
            self.word += data

    def handle_endtag(self, tag):
        if tag == "word":
            self.pages[-1][-1][-1].append(self.word)
            self.word = None

    def text(self):
        return "\f".join("\n\n".join("\n".join(" ".join(line) for line in block) for block in page)
                         for page in self.pages)


def _pdftotext_bbox(path):
    reader = _BboxText()
    reader.feed(_pdftotext(path, "-bbox-layout"))
    reader.close()
    return reader.text()


def _pdfium(path, method):
    """PDFium's text of each page, by its text page's ``method`` (``get_text_bounded``, ...)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\f".join(getattr(page.get_textpage(), method)() for page in pdf)
    finally:
        pdf.close()


def _pdfplumber_flow(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\f".join(page.extract_text(use_text_flow=True) for page in pdf.pages)


class _PdftohtmlXml(HTMLParser):
    """Pages of ``pdftohtml -xml``'s output as text: each ``<text>`` element's content (bold and
    italic tags dropped) one a line, in the order poppler writes them."""

    def __init__(self):
        super().__init__()
        self.pages, self.text = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "page":
            self.pages.append([])
        elif tag == "text":
            self.text = ""

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "text" and self.text is not None:
            self.pages[-1].append(self.text)
            self.text = None

    def result(self):
        return "\f".join("\n".join(lines) for lines in self.pages)


def _pdftohtml_xml(path):
    reader = _PdftohtmlXml()
    reader.feed(_poppler("pdftohtml", "-xml", "-i", "-q", "-stdout", str(path)))
    reader.close()
    return reader.result()


def _pymupdf4llm(path):
    # In a child process: importing pymupdf4llm switches on PyMuPDF's layout analysis for the whole
    # process, which would change what PyMuPDF gives the parser in the tests that follow. The
    # Markdown goes to a file, as the child prints its own messages on standard output.
    script = ("import pathlib, sys, pymupdf4llm; "
              "pathlib.Path(sys.argv[2]).write_text(pymupdf4llm.to_markdown(sys.argv[1]), encoding='utf-8')")
    with tempfile.TemporaryDirectory() as folder:
        markdown = Path(folder) / "record.md"
        subprocess.run([sys.executable, "-c", script, str(path), str(markdown)], capture_output=True, check=True)
        return markdown.read_text(encoding="utf-8")


class _XhtmlText(HTMLParser):
    """PyMuPDF's ``get_text("xhtml")`` as text: each ``<p>`` (or heading) one a line, its
    ``<b>``/``<i>`` tags dropped, images left out."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__()
        self.lines, self.line = [], None

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.line = ""

    def handle_data(self, data):
        if self.line is not None:
            self.line += data

    def handle_endtag(self, tag):
        if tag in self.BLOCKS and self.line is not None:
            self.lines.append(self.line)
            self.line = None


def _pymupdf_xhtml(path):
    import pymupdf

    pages = []
    with pymupdf.open(path) as doc:
        for page in doc:
            reader = _XhtmlText()
            reader.feed(page.get_text("xhtml"))
            reader.close()
            pages.append("\n".join(reader.lines))
    return "\f".join(pages)


def _pymupdf_dict_sorted(path):
    import pymupdf

    pages = []
    with pymupdf.open(path) as doc:
        for page in doc:
            blocks = page.get_text("dict", sort=True)["blocks"]
            pages.append("\n\n".join(
                "\n".join("".join(span["text"] for span in line["spans"]) for line in block["lines"])
                for block in blocks if block["type"] == 0))
    return "\f".join(pages)


def _pypdf_layout_flat(path):
    from pypdf import PdfReader

    return "\f".join(page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False,
                                        layout_mode_scale_weight=1.0) for page in PdfReader(path).pages)


SPACE_GAP = 0.2  # of the type size: a wider gap between two characters is a space


def _pymupdf_rawdict(path):
    """Each line's characters, the PDF's own spaces dropped and spaces set again from the gaps."""
    import pymupdf

    pages = []
    with pymupdf.open(path) as doc:
        for page in doc:
            lines = []
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    text, last = "", None
                    for span in line["spans"]:
                        for char in span["chars"]:
                            if not char["c"].strip():
                                continue
                            if last is not None and char["bbox"][0] - last > SPACE_GAP * span["size"]:
                                text += " "
                            text, last = text + char["c"], char["bbox"][2]
                    lines.append(text)
            pages.append("\n".join(lines))
    return "\f".join(pages)


def _pymupdf_flags(path):
    import pymupdf

    flags = (pymupdf.TEXT_DEHYPHENATE | pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_PRESERVE_WHITESPACE
             | pymupdf.TEXT_MEDIABOX_CLIP)
    with pymupdf.open(path) as doc:
        return "\f".join(page.get_text("text", flags=flags) for page in doc)


def _mutool_txt(path):
    return _run("mutool", "mupdf-tools", "draw", "-q", "-F", "txt", "-o", "-", str(path))


NOISE_SEED = 16  # the number: the same noise every run
LIGATURE_OF = {"ffi": "\ufb03", "ffl": "\ufb04", "ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02"}
QUOTE_SWAP = {"\u2019": "'", "'": "\u2019", "\u201c": '"', "\u201d": '"'}


def _turned(match):
    """A quote or apostrophe turned: curly to straight, straight to curly (opening before a word)."""
    if match[0] != '"':
        return QUOTE_SWAP[match[0]]
    return "\u201c" if match.string[match.end():match.end() + 1].strip() else "\u201d"
LONG_WORD_RE = re.compile(r"^[a-z]{6,}(?=[\s,.;:]|$)")


def noisy(text, seed=NOISE_SEED):
    """``text`` as other typesetting or a scan might give it, the same for the same ``seed``: half
    the ``fi``, ``fl``, ``ff``, ``ffi`` and ``ffl`` set as ligatures, half the quotes and apostrophes
    turned (curly to straight and back), a third of the lines that wrap before a word of six
    letters or more in lower case ending with that word's first part and a hyphen, and one space in fifty no-break or
    doubled."""
    rng = random.Random(seed)
    text = re.sub("ffi|ffl|ff|fi|fl", lambda m: LIGATURE_OF[m[0]] if rng.random() < 0.5 else m[0], text)
    text = re.sub("[\u2019'\u201c\u201d\"]", lambda m: _turned(m) if rng.random() < 0.5 else m[0], text)
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        word = LONG_WORD_RE.match(lines[i + 1])
        if lines[i].endswith(" ") and lines[i].strip() and word and rng.random() < 1 / 3:
            cut = rng.randint(3, len(word[0]) - 3)  # at least three letters either side
            lines[i], lines[i + 1] = lines[i] + word[0][:cut] + "-", lines[i + 1][cut:]
    text = "\n".join(lines)
    return re.sub("(?<=\\S) (?=\\S)", lambda m: rng.choice(["\u00a0", "  "]) if rng.random() < 0.02 else " ", text)


def _pymupdf_noisy(path):
    return noisy((TRANSCRIPTS / "text" / f"{Path(path).stem}.txt").read_text(encoding="utf-8"))


def _pymupdf_blocks_sorted(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        return "\f".join("\n".join(block[4] for block in page.get_text("blocks", sort=True) if block[6] == 0)
                         for page in doc)


LINE_MOVE = 2.0  # points a word's top may differ from the word before's on the same line


def _pdfplumber_words(path):
    """pdfplumber's words in text-flow order, a new line where a word's top moves or it starts
    left of the word before."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines, last = [], None
            for word in page.extract_words(x_tolerance=1.5, use_text_flow=True):
                if last is None or abs(word["top"] - last["top"]) > LINE_MOVE or word["x0"] < last["x1"]:
                    lines.append([])
                lines[-1].append(word["text"])
                last = word
            pages.append("\n".join(" ".join(line) for line in lines))
    return "\f".join(pages)


def _pypdf_joined(path):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


REFLOW_WIDTH = 100  # characters a line of the reflowed text


def _pymupdf_reflowed(path, width=REFLOW_WIDTH):
    """Each of PyMuPDF's blocks rewrapped to ``width`` characters a line (one line a block if None)."""
    import textwrap

    import pymupdf

    with pymupdf.open(path) as doc:
        return "\f".join("\n".join(textwrap.fill(" ".join(block[4].split()), width or 10**9, break_long_words=False,
                                                 break_on_hyphens=False)
                                   for block in page.get_text("blocks") if block[6] == 0 and block[4].strip())
                         for page in doc)


OCR_SEED = 7  # the seventh round: the same faults every run
OCR_CONFUSIONS = (("rn", "m"), ("m", "rn"), ("l", "1"), ("li", "h"), ("cl", "d"), ("e", "c"))
OCR_WORD_RE = re.compile(r"\b[a-z]{5,}\b")


def _confused(word, rng):
    """``word`` with one recognition fault it can have, or as it is."""
    faults = [(old, new) for old, new in OCR_CONFUSIONS if old in word[1:-1]]
    if not faults:
        return word
    old, new = rng.choice(faults)
    at = rng.choice([i for i in range(1, len(word) - len(old)) if word.startswith(old, i)] or [word.index(old)])
    return word[:at] + new + word[at + len(old):]


def ocr_noise(text, seed=OCR_SEED):
    """``text`` with the faults of a scan's recognised text, the same for the same ``seed``: one
    word of five letters or more in lower case in thirty with a letter confused (``rn`` and ``m``,
    ``l`` and ``1``, ``li`` and ``h``, ``cl`` and ``d``, ``e`` and ``c``), one in a hundred cut by a
    stray space, half the letters with diacritics without them, and a third of the lines that wrap
    before a long word in lower case ending with its first part and a hyphen (``noisy``'s rule)."""
    import unicodedata

    rng = random.Random(seed)

    def fault(match):
        word, draw = match[0], rng.random()
        if draw < 1 / 30:
            return _confused(word, rng)
        if draw < 1 / 30 + 1 / 100:
            cut = rng.randint(2, len(word) - 2)
            return word[:cut] + " " + word[cut:]
        return word

    text = OCR_WORD_RE.sub(fault, text)
    text = "".join(unicodedata.normalize("NFD", c)[0] if c.isalpha() and not c.isascii() and rng.random() < 0.5
                   else c for c in text)
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        word = LONG_WORD_RE.match(lines[i + 1])
        if lines[i].endswith(" ") and lines[i].strip() and word and rng.random() < 1 / 3:
            cut = rng.randint(3, len(word[0]) - 3)
            lines[i], lines[i + 1] = lines[i] + word[0][:cut] + "-", lines[i + 1][cut:]
    return "\n".join(lines)


def _pymupdf_ocr(path):
    return ocr_noise((TRANSCRIPTS / "text" / f"{Path(path).stem}.txt").read_text(encoding="utf-8"))


SCAN_SEED = 8  # the eighth round: the same faults every run
CAPITALISED_RE = re.compile(r"\b[A-Z][a-z]{4,}\b")


def scan_faults(text, seed=SCAN_SEED):
    """``text`` with other faults of a scan's recognised text than ``ocr_noise``'s, the same for the
    same ``seed``: one line break in twenty-five lost (the line joined to the next by a space), one
    full stop or comma in a hundred and fifty read as the other, and one capitalised word of five
    letters or more in forty cut by a space after its second to fourth letter (``Ka zakhstan``)."""
    rng = random.Random(seed)
    text = CAPITALISED_RE.sub(lambda m: _cut(m[0], rng) if rng.random() < 1 / 40 else m[0], text)
    text = re.sub(r"(?<=\w)[.,](?= )", lambda m: {".": ",", ",": "."}[m[0]] if rng.random() < 1 / 150 else m[0], text)
    lines = text.split("\n")
    joined = [lines[0]]
    for line in lines[1:]:
        if joined[-1].strip() and line.strip() and rng.random() < 1 / 25:
            joined[-1] = joined[-1].rstrip() + " " + line
        else:
            joined.append(line)
    return "\n".join(joined)


def _cut(word, rng):
    at = rng.randint(2, min(4, len(word) - 2))
    return word[:at] + " " + word[at:]


def _pymupdf_scan(path):
    return scan_faults((TRANSCRIPTS / "text" / f"{Path(path).stem}.txt").read_text(encoding="utf-8"))


def _pdfplumber_tight(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\f".join(page.extract_text(use_text_flow=True, x_tolerance=1.2, y_tolerance=2) for page in pdf.pages)


EXTRACTORS = {
    "pdfminer": _pdfminer,
    "pdftotext-layout": lambda path: _pdftotext(path, "-layout"),
    "pdftotext": lambda path: _pdftotext(path),
    "pymupdf-sorted": _pymupdf_sorted,
    "pypdf": _pypdf,
    "pdftotext-raw": lambda path: _pdftotext(path, "-raw"),
    "pymupdf-blocks": _pymupdf_blocks,
    "pypdf-layout": _pypdf_layout,
    "pdfplumber-layout": _pdfplumber_layout,
    "pymupdf-words": _pymupdf_words,
    "pdftotext-bbox": _pdftotext_bbox,
    "pdfium": lambda path: _pdfium(path, "get_text_bounded"),
    "pdfminer-noflow": lambda path: _pdfminer(path, boxes_flow=None),
    "pdfplumber-flow": _pdfplumber_flow,
    "pdftohtml-xml": _pdftohtml_xml,
    "pymupdf4llm": _pymupdf4llm,
    "pymupdf-xhtml": _pymupdf_xhtml,
    "pymupdf-dict-sorted": _pymupdf_dict_sorted,
    "pdfium-range": lambda path: _pdfium(path, "get_text_range"),
    "pdftotext-fixed": lambda path: _pdftotext(path, "-fixed", "3"),
    "pdfminer-margins": lambda path: _pdfminer(path, char_margin=1.0, line_margin=0.2, word_margin=0.2),
    "pdfminer-wide": lambda path: _pdfminer(path, char_margin=3.0, line_margin=0.8, all_texts=True,
                                            detect_vertical=True),
    "pypdf-layout-flat": _pypdf_layout_flat,
    "pymupdf-rawdict": _pymupdf_rawdict,
    "pymupdf-flags": _pymupdf_flags,
    "pdftotext-nopgbrk": lambda path: _pdftotext(path, "-nopgbrk", "-eol", "dos"),
    "pdftotext-layout-nopgbrk": lambda path: _pdftotext(path, "-layout", "-nopgbrk"),
    "mutool-txt": _mutool_txt,
    "pymupdf-noisy": _pymupdf_noisy,
    "pymupdf-blocks-sorted": _pymupdf_blocks_sorted,
    "pdftotext-raw-nopgbrk": lambda path: _pdftotext(path, "-raw", "-nopgbrk"),
    "pdftotext-fixed5": lambda path: _pdftotext(path, "-fixed", "5"),
    "pdfminer-columns": lambda path: _pdfminer(path, boxes_flow=-0.8, word_margin=0.05),
    "pdfplumber-words": _pdfplumber_words,
    "pypdf-joined": _pypdf_joined,
    "pymupdf-reflowed": _pymupdf_reflowed,
    "pymupdf-ocr": _pymupdf_ocr,
    "pdfminer-flow": lambda path: _pdfminer(path, char_margin=2.5, line_margin=0.35, word_margin=0.25,
                                            boxes_flow=0.9),
    "pdfplumber-tight": _pdfplumber_tight,
    "pdftotext-colspacing": lambda path: _pdftotext(path, "-colspacing", "0.3"),
    "pdftotext-fixed2": lambda path: _pdftotext(path, "-fixed", "2"),
    "pymupdf-scan": _pymupdf_scan,
    "pymupdf-unwrapped": lambda path: _pymupdf_reflowed(path, None),
    "pymupdf-reflowed60": lambda path: _pymupdf_reflowed(path, 60),
}


def extracted_text(name, extractor):
    """The text of ``shared/transcripts/pdf/<name>.pdf`` as ``extractor`` gives it."""
    if extractor == "pymupdf":
        return (TRANSCRIPTS / "text" / f"{name}.txt").read_text(encoding="utf-8")
    return cached_extraction(TRANSCRIPTS / "pdf" / f"{name}.pdf", CACHE / extractor / name, EXTRACTORS[extractor])


def cached_extraction(pdf, kept_as, extract):
    """``extract(pdf)``, kept as ``kept_as`` with the digest of the PDF's bytes (``<kept_as>.<digest>.txt``)."""
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]
    cached = kept_as.with_name(f"{kept_as.name}.{digest}.txt")
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    text = extract(pdf)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(text, encoding="utf-8")
    return text
