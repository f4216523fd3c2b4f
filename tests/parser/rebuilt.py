"""Whole records the parser never saw, rebuilt from the corpus's 2020 rows (issue 16's eighth round).

``shared/corpus/unsc_2020_speeches.tsv`` holds every statement of 2020's numbered meetings, each
row starting with its speaker's label as printed, with the speaker, kind and country the
researchers read from it. 69 of those meetings are not in ``shared/transcripts/``. Each is rebuilt
here into the text of a record as the Council prints it, from the meeting's own symbol, date,
agenda item and speakers: the cover (symbol, year, meeting, date, President and members with their
dot leaders, agenda, the corrections notice, job number and barcode), the opening (called to
order, adoption of the agenda, the item), each row's statement as paragraphs in columns of about
fifty characters, votes and procedure on lines of their own (``A vote was taken by show of
hands.``, ``In favour:`` and its list, ``The meeting rose at …``), and on every page the running
header (symbol, agenda item, date; in the other order on odd pages) and the footer (page number,
job number). Three layouts, as users get a record's text:

* ``rebuilt-pymupdf``: PyMuPDF's order, each header part on a line of its own, a form feed a page;
* ``rebuilt-columns``: ``pdftotext -layout``'s, the two columns side by side, the header on one
  line and the footer on another;
* ``rebuilt-joined``: the header's parts joined on one line by runs of spaces, pages joined with no
  form feed (a script concatenating pages of PyMuPDF text).

The rows are judged by ``reference.compare`` against the corpus's own speaker and country per
turn, a rule independent of the parser. Meetings with a row whose opening is not a well-formed
label (as ``test_corpus_labels.WELL_FORMED`` reads them) are left out, once the corpus's one
systematic OCR scramble is put back as the record prints it: a President's label whose
``(spoke … in French):`` took in the first words of the speech (``The President (spoke I thank
Mr. Spleeters for his briefing. in French): I shall now …``) becomes ``The President (spoke in
French): I thank Mr. Spleeters for his briefing. I shall now …``. Leftovers of the corpus's own
extraction inside a row (a job number, a page number, a header date) are taken out of the row
before it is laid out, as they are not the speech.

Seeded by the meeting's number, so a record is the same text every run.
"""
import calendar
from collections import Counter
import csv
from datetime import datetime
from functools import lru_cache
import random
import re
import textwrap

from statements.parser.text import fold

from .reference import SHARED, STATES, RefTurn
from .test_corpus_labels import WELL_FORMED

CORPUS = SHARED / "corpus" / "unsc_2020_speeches.tsv"
SEEN = {"8698", "8699", "8699Resumption1", "8700", "8701", "8703", "8706", "8707", "8770"}
LAYOUTS = ("rebuilt-pymupdf", "rebuilt-columns", "rebuilt-joined")
COLUMN = 52  # characters a column's line, as the records print about 50-56
PAGE_LINES = 62  # lines a column holds
MEMBERS_2020 = {  # the Council's members in 2020 and their permanent representatives, as covers print them
    "Belgium": "Mr. Pecsteen de Buytswerve", "China": "Mr. Zhang Jun",
    "Dominican Republic": "Mr. Singer Weisinger", "Estonia": "Mr. Jürgenson", "France": "Mr. De Rivière",
    "Germany": "Mr. Heusgen", "Indonesia": "Mr. Djani", "Niger": "Mr. Abarry",
    "Russian Federation": "Mr. Nebenzia", "Saint Vincent and the Grenadines": "Ms. King",
    "South Africa": "Mr. Matjila", "Tunisia": "Mr. Ladeb",
    "United Kingdom of Great Britain and Northern Ireland": "Ms. Pierce",
    "United States of America": "Mrs. Craft", "Viet Nam": "Mr. Dang",
}
SHORT_MEMBER = {"United Kingdom": "United Kingdom of Great Britain and Northern Ireland"}
ORDINAL_YEAR = "Seventy-fifth year"
LEFTOVER_RE = re.compile(r"(?<![\w/.-])(?:\d{2}-\d{5}(?: \(E\))?|\d{1,3}/\d{1,3}|\d{2}/\d{2}/20\d\d|\*\d{6,}\*)(?![\w/])")
# Procedure the records print on lines of their own, each a paragraph.
PROCEDURE_RE = re.compile(
    r"(A vote was taken by show of hands\.|In favour:|Against:|Abstaining:|Adoption of the agenda|"
    r"The agenda was adopted\.|The meeting was suspended at .{0,12}?[ap]\.m\.(?: and resumed at .{0,12}?[ap]\.m\."
    r"(?: on [^.]{0,40}\.)?)?|The meeting rose at .{0,12}?[ap]\.m\."
    r"|The members of the Security Council observed a minute of silence\.)")
LIST_HEADS = {"In favour:", "Against:", "Abstaining:"}
SCRAMBLED_RE = re.compile(r"^The President \(spoke (?!in )([^():]{1,200}?) in ([A-Z][a-z]+)\):")
SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9)”’][.?!])\s+(?=[A-Z“‘(])")
CORRECTIONS = (
    "This record contains the text of speeches delivered in English and of the translation of \n"
    "speeches delivered in other languages. The final text will be printed in the Official Records \n"
    "of the Security Council. Corrections should be submitted to the original languages only. They \n"
    "should be incorporated in a copy of the record and sent under the signature of a member \n"
    "of the delegation concerned to the Chief of the Verbatim Reporting Service, room U-0506 \n"
    "(verbatimrecords@un.org). Corrected records will be reissued electronically on the Official \n"
    "Document System of the United Nations (http://documents.un.org).")


@lru_cache(maxsize=1)
def _meetings():
    """{spv: rows} of the numbered meetings not in ``shared/transcripts/`` whose every label is
    well formed, in the corpus's order."""
    if not CORPUS.exists():
        return {}
    csv.field_size_limit(1 << 30)
    with open(CORPUS, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    meetings = {}
    for row in rows:
        if row["spv"][:1].isdigit() and "_" not in row["spv"] and row["spv"] not in SEEN:
            row["content"] = SCRAMBLED_RE.sub(r"The President (spoke in \2): \1", row["content"])
            meetings.setdefault(row["spv"], []).append(row)
    return {spv: sorted(rows, key=lambda row: int(row["speech"])) for spv, rows in meetings.items()
            if all(WELL_FORMED.match(row["content"]) for row in rows)}


def meetings():
    """The rebuilt records' meeting numbers (``8742``, ``8723Resumption1``)."""
    return list(_meetings())


def left_out():
    """How many unseen numbered meetings are left out for an ill-formed label."""
    if not CORPUS.exists():
        return 0
    csv.field_size_limit(1 << 30)
    with open(CORPUS, encoding="utf-8", newline="") as handle:
        spvs = {row["spv"] for row in csv.DictReader(handle, delimiter="\t")
                if row["spv"][:1].isdigit() and "_" not in row["spv"] and row["spv"] not in SEEN}
    return len(spvs - set(_meetings()))


def cleaned(content, spv):
    """A row's text without the corpus's own extraction leftovers (a job number, a page number, a
    header date, the running header's symbol and item), spaces made single."""
    content = " ".join(LEFTOVER_RE.sub(" ", content).split())
    symbol, topic = _symbol(spv)[0], _meetings()[spv][0]["topic"]
    for header in (f"{topic} {symbol}", f"{symbol} {topic}"):
        content = content.replace(header, " ")
    return " ".join(re.sub(re.escape(symbol) + "$", " ", content).split())


LABEL_PARTS_RE = re.compile(r"\(([^()]{2,80})\)")


def printed_country(row):
    """The row's country, or the State its own label prints where the two disagree: the record
    prints the label, and the column is the corpus's slip (``Mr. Licharz (Germany):`` filed under
    ``UN``, ``Mr. Michon (spoke in French) (France):`` under ``spoke in French``). A label's part that
    is no State (``C6te d'Ivoire``, an OCR slip of the label itself) changes nothing."""
    label = row["content"][:row["content"].find(":") + 1] if ":" in row["content"][:200] else ""
    states = [part for part in LABEL_PARTS_RE.findall(label) if fold(part) in STATES]
    column = fold(row["country"])
    if len(states) == 1 and not (column and (fold(states[0]).startswith(column) or column.startswith(fold(states[0])))):
        return states[0]
    return row["country"]


def reference(spv):
    """The corpus's turns of meeting ``spv`` as ``reference.RefTurn``s, each with the country its
    label prints (``printed_country``), the President's the presidency's (``_presidency``)."""
    rows = _meetings()[spv]
    presidency = _presidency(rows)
    return [RefTurn(int(row["speech"]), row["speaker"], row["participanttype"],
                    presidency if row["content"].startswith("The President") else printed_country(row),
                    cleaned(row["content"], spv)) for row in rows]


def _ordinal(number):
    n = int(number)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _symbol(spv):
    number, _, resumption = spv.partition("Resumption")
    return f"S/PV.{number}" + (f" (Resumption {resumption})" if resumption else ""), number


def _paragraphs(content, rng):
    """A row's text as the record's paragraphs: procedure and vote lists on their own, the speech
    cut after three to six sentences."""
    paragraphs = []
    for piece in PROCEDURE_RE.split(content):
        piece = piece.strip()
        if not piece:
            continue
        if PROCEDURE_RE.fullmatch(piece):
            paragraphs.append(piece)
            continue
        if paragraphs and paragraphs[-1] in LIST_HEADS:
            listed, _, rest = piece.partition(". ")  # a list of States has no full stop
            paragraphs.append(listed.rstrip("."))
            piece = rest
            if not piece:
                continue
        sentences = SENTENCE_END_RE.split(piece)
        while sentences:
            take = rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[:take]))
            sentences = sentences[take:]
    return paragraphs


def _time(rng):
    hour = rng.choice([10, 10, 10, 3, 3, 11, 9])
    minutes = rng.choice(["", ".05", ".10", ".15", ".20", ".35"])
    return f"{hour}{minutes} {'p.m.' if hour < 9 else 'a.m.'}"


def _body(spv, rows, rng):
    """The record's body as (paragraph, indent first line) pairs, in reading order."""
    topic = rows[0]["topic"]
    body = []
    opening = rows[0]["content"]
    if "Resumption" in spv:
        body.append(f"The meeting was resumed at {_time(rng)}")
    elif "Adoption of the agenda" not in opening:
        body += [f"The meeting was called to order at {_time(rng)}", "Adoption of the agenda",
                 "The agenda was adopted.", topic]
    else:
        body.append(f"The meeting was called to order at {_time(rng)}")
    for row in rows:
        body += _paragraphs(cleaned(row["content"], spv), rng)
    if not PROCEDURE_RE.search(rows[-1]["content"][-80:]):
        body.append(f"The meeting rose at {_time(rng)}")
    return body


def _lines(body):
    """The body wrapped into a column's lines; each paragraph's lines end with a space but its last,
    as PyMuPDF prints them."""
    lines = []
    for paragraph in body:
        wrapped = textwrap.wrap(paragraph, COLUMN, break_long_words=False) or [""]
        lines += [line + " " for line in wrapped[:-1]] + [wrapped[-1]]
        lines.append(None)  # a paragraph's end
    return lines


def _cover(spv, rows, job):
    symbol, number = _symbol(spv)
    day = datetime.strptime(rows[0]["date"], "%d %B %Y")
    president_country = _presidency(rows)
    chairs = [row for row in rows if row["participanttype"] == "The President"] or rows[:1]
    president_row = next((row for row in chairs if SHORT_MEMBER.get(row["country"], row["country"]) == president_country),
                         chairs[0])
    president = president_row["speaker"].split("/")[0].strip()
    members = dict(MEMBERS_2020)
    for row in rows:
        country = SHORT_MEMBER.get(row["country"], row["country"])
        if row["participanttype"] == "Mentioned" and country in members and members[country] == MEMBERS_2020[country]:
            members[country] = row["speaker"].split("/")[0].strip()
    members.pop(president_country, None)
    lines = ["United Nations", symbol, "Security Council", ORDINAL_YEAR, f"{_ordinal(number)} meeting",
             f"{calendar.day_name[day.weekday()]}, {day.day} {day.strftime('%B')} {day.year}, 10 a.m.",
             "New York", "Provisional", "President:", f"{president}. {'. ' * 19}.", f"({president_country})",
             "Members:"]
    for country in sorted(members):
        lines += [f"{country}. {'. ' * max(2, 24 - len(country) // 2)}", f"{members[country]} "]
    lines += ["Agenda", rows[0]["topic"], CORRECTIONS, f"{job} (E)", f"*{job.replace('-', '')}*"]
    return lines, symbol, day.strftime("%d/%m/%Y")


def _presidency(rows):
    """The State holding the presidency: the member most of the President's rows give (a row may
    say ``UN``, the corpus's slip)."""
    chairs = [row for row in rows if row["participanttype"] == "The President"] or rows[:1]
    filed = Counter(SHORT_MEMBER.get(row["country"], row["country"]) for row in chairs)
    return max(filed, key=lambda country: (country in MEMBERS_2020, filed[country]))


def _pages(lines):
    """The body's lines cut into pages of two columns, each column ``PAGE_LINES`` lines."""
    pages = []
    while lines:
        left, right = lines[:PAGE_LINES], lines[PAGE_LINES:2 * PAGE_LINES]
        pages.append((left, right))
        lines = lines[2 * PAGE_LINES:]
    return pages


def rebuilt_text(spv, layout):
    """Meeting ``spv`` of the corpus as the text of its record in ``layout`` (one of ``LAYOUTS``)."""
    rows = _meetings()[spv]
    rng = random.Random(spv)
    job = f"20-{rng.randint(1000, 39999):05d}"
    cover, symbol, date = _cover(spv, rows, job)
    title = rows[0]["topic"]
    pages = _pages(_lines(_body(spv, rows, rng)))
    total = len(pages) + 1
    texts = ["\n".join(cover)]
    for index, (left, right) in enumerate(pages, start=2):
        even = index % 2 == 0
        if layout == "rebuilt-columns":
            texts.append(_columns_page(left, right, symbol, title, date, job, index, total, even))
            continue
        if layout == "rebuilt-joined":
            parts = [symbol, title, date] if even else [date, title, symbol]
            header = ["     ".join(parts)]
        else:
            header = [f"{symbol}\t", f"{title}\t", date] if even else [f"{date}\t", f"{title}\t", symbol]
        footer = [f"{index}/{total}", job] if even else [job, f"{index}/{total}"]
        body = [line for line in left + right if line is not None]
        texts.append("\n".join(header + footer + body))
    return ("\n" if layout == "rebuilt-joined" else "\f").join(texts) + "\n"


def _columns_page(left, right, symbol, title, date, job, index, total, even):
    """A page as ``pdftotext -layout`` prints it: the header on one line, the columns side by side
    (a paragraph's first line indented), the page number and job number on the last line."""
    width = 2 * COLUMN + 8
    ends = (symbol, date) if even else (date, symbol)
    gap = max(3, (width - len(title)) // 2 - len(ends[0]))
    header = f"{ends[0]}{' ' * gap}{title}"
    header += " " * max(3, width - len(header) - len(ends[1])) + ends[1]

    def column(lines):
        out, starts = [], True
        for line in lines:
            if line is None:
                out.append("")
                starts = True
                continue
            out.append(("    " if starts else "") + line.rstrip())
            starts = False
        return out

    left_lines, right_lines = column(left), column(right)
    rows = []
    for i in range(max(len(left_lines), len(right_lines))):
        a = left_lines[i] if i < len(left_lines) else ""
        b = right_lines[i] if i < len(right_lines) else ""
        rows.append((a.ljust(COLUMN + 8) + b).rstrip() if b else a)
    number, spacer = f"{index}/{total}", " " * (width - len(job) - len(f"{index}/{total}"))
    footer = f"{number}{spacer}{job}" if even else f"{job}{spacer}{number}"
    return "\n".join([header, "", ""] + rows + ["", "", footer, ""])
