"""Round 10's printer: a meeting (``general_debate.meeting``) typeset by groff, not PyMuPDF (issue 16).

Round 9 set each line itself with PyMuPDF's TextWriter at S/PV.8770's geometry (US Letter, Times,
no hyphens). Here a real typesetter makes every decision: GNU troff with the ``-ms`` macros and
``gropdf`` (Debian's ``groff``), which fills and justifies paragraphs, hyphenates words by its
English patterns (never a label's names), and sets the fonts' ligatures (``fi``, ``fl``). The page
is A4 in Palatino (URW's, embedded), 10 points on 12.5, two columns of 8.1 cm with a 0.8 cm
gutter, a paragraph's first line indented 1.2 em; the label's names in bold, its State in roman,
``(spoke in …)`` in italic, procedure in italic, headings in bold. The running header carries the
page number at the outer edge and the symbol centred in bold; the footer the date in italic and
the job number, swapped on odd pages. The cover: the Organization and the symbol, the Council,
the year and the meeting, the date, the President and members with dot leaders, the agenda, the
corrections notice in small type, the job number and the barcode's digits.

The PDF's dates are set to a fixed one (gropdf writes the time it ran), so the same meeting gives
the same bytes; each PDF is kept in ``var/test-cache/round10/pdf/`` under the hash of its parts and
of this module (``printed.cached_pdf``).
"""
import hashlib
from pathlib import Path
import re
import shutil
import subprocess

import pytest

from .extractors import IN_CI
from .printed import cached_pdf
from .rebuilt import CORRECTIONS

CACHE = Path(__file__).resolve().parents[2] / "var" / "test-cache" / "round10"
VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]
SETUP = r""".nr PO 2.2c
.nr LL 16.6c
.nr HM 2.4c
.nr FM 2.6c
.nr PS 10
.nr VS 12.5
.nr PI 1.2m
.nr PD 0.45v
.nr HY 6
.fam P
.ds CH
.ds CF
"""
# gropdf writes the time it ran as the PDF's creation and modification dates: set to one fixed date of
# the same length, so that the same meeting gives the same bytes and the cross-reference offsets hold.
DATE_RE = re.compile(rb"(/(?:Creation|Mod)Date \()D:\d{14}[+-]\d\d'\d\d'\)")
LEADER = "\x01"  # troff's leader character: dots (``.lc .``) up to the next tab stop
LABEL_RE = re.compile(r"^(?P<name>The President|(?:Mr\.|Mrs\.|Ms\.|Sir|Dr\.|Sheikh) [^(:]+?)"
                      r"(?P<state> \([^()]+\))?(?P<spoke> \(spoke in \w+\))?:$")


def _escaped(text):
    """``text`` as troff input: backslashes printed, a line never read as a request."""
    return "\\&" + text.replace("\\", "\\e")


def _unbroken(words):
    """Names groff may not hyphenate nor break: ``\\%`` before each word, unbreakable spaces."""
    return "\\~".join("\\%" + _escaped(word)[2:] for word in words.split())


def _label(label):
    """The label's troff: the names bold, the State roman, ``(spoke in …)`` italic, the colon roman."""
    match = LABEL_RE.match(label)
    out = f"\\fB{_unbroken(match['name'])}\\fP"
    if match["state"]:
        out += " " + _unbroken(match["state"].strip())
    if match["spoke"]:
        out += f" \\fI{_unbroken(match['spoke'].strip())}\\fP"
    return out + ":"


def _cover(parts):
    name, state = parts["president"]
    lines = [".LP", ".nh", ".ps 13", ".tl 'United Nations''" + parts["symbol"] + "'", ".ps 10", ".sp 0.6c", ".ps 20",
             "\\fBSecurity Council\\fP", ".ps 10", ".br", parts["ordinal_year"], ".sp 0.5c",
             f"\\s[16]\\fB{parts['number']}\\fP\\s0{parts['meeting'][len(parts['number']):]}", ".br", parts["when"],
             ".br", "New York", ".sp 0.3c", ".tl '''\\fIProvisional\\fP'", ".sp 1c", ".lc .", ".ta 2.6c 11c 11.4c",
             f"\\fIPresident\\fP:\t{_escaped(name)[2:]}{LEADER}\t({_escaped(state)[2:]})", ".br", ".sp 0.4c"]
    for number, country in enumerate(sorted(parts["members"])):
        head = "" if number else "\\fIMembers\\fP:"
        lines += [f"{head}\t{_escaped(country)[2:]}{LEADER}\t{_escaped(parts['members'][country])[2:]}", ".br"]
    lines += [".sp 0.8c", "\\fBAgenda\\fP", ".sp 0.3c", _escaped(parts["title"]), ".sp |22c", ".ps 8", ".vs 10",
              ".in 1c", ".ll -1c"]
    lines += [_escaped(line.strip()) for line in CORRECTIONS.split("\n")]
    lines += [".in", ".ll", ".ps 10", ".vs 12.5", ".sp |26c", f"{parts['job']} (E)", ".br",
              f"*{parts['job'].replace('-', '')}*", ".bp", ".hy \\n[HY]"]
    return lines


def source(parts):
    """The meeting as troff ``-ms`` input."""
    date, job = f"\\fI{parts['date']}\\fP", parts["job"]
    symbol = f"\\fB{parts['symbol']}\\fP"
    lines = [SETUP, f".EH '%'{symbol}''", f".OH ''{symbol}'%'", f".EF '{date}''{job}'", f".OF '{job}''{date}'"]
    lines += _cover(parts)
    lines += [".MC 7.9c 0.8c"]
    for text, kind in parts["body"]:
        if kind == "heading":
            lines += [".LP", f"\\fB{_escaped(text)[2:]}\\fP"]
        elif kind == "procedure":
            lines += [".PP", f"\\fI{_escaped(text)[2:]}\\fP"]
        elif kind == "speech":
            lines += [".PP", _escaped(text)]
        else:
            lines += [".PP", _label(kind) + " " + _escaped(text[len(kind):].strip())[2:]]
    return "\n".join(lines) + "\n"


def _groff():
    if shutil.which("groff") and any(Path("/usr/share/groff").glob("*/font/devpdf/DESC")):
        return
    message = "groff's PDF output is missing: install Debian's groff (scripts/test-services does)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def render(parts):
    """The PDF's bytes of a meeting's ``parts``."""
    _groff()
    done = subprocess.run(["groff", "-k", "-ms", "-Tpdf", "-dpaper=a4", "-P-pa4", "-ww"], input=source(parts).encode(),
                          capture_output=True, check=True)
    return DATE_RE.sub(lambda match: match[1] + b"D:19700101000000+00'00'" + b")", done.stdout)


def pdf_path(name, parts):
    """The cached PDF of meeting ``parts``, typeset the first time."""
    return cached_pdf(CACHE / "pdf", name, VERSION, parts, render)
