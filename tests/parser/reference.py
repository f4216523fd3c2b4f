"""Compare our parse with the researchers' split of the same meeting.

Their split (``shared/transcripts/reference/<record>/``) came partly from OCR
and has its own conventions, which the comparison normalises for, in general
terms rather than record by record:

* names are compared as folded surnames with a small edit tolerance
  (``Jiirgenson`` for ``Jürgenson``, ``Simonovie`` for ``Simonović``);
* the President is ``Mr. Pham Binh Minh/Mr. Dang``: any of the names will do;
* their countries are short (``United Kingdom``) or codes for briefers
  (``UN``, ``EU``); a briefer we give no country matches when the code or the
  organisation's name is in the office the President introduced them with;
* procedural lines sit inside their President's speeches, so text is compared
  by the share of the reference's words that our statement holds.
"""
from collections import Counter
import csv
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
import re

from statements.parser.text import fold

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
TRANSCRIPTS = SHARED / "transcripts"
HONORIFIC_RE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr|The)\.?\s+")
# A code's organisation as posts name it: its name, or the name of one of its own offices, organs or
# services (the Office for Disarmament Affairs, UNICEF, the Counter-Terrorism Committee's Directorate,
# the Peacebuilding Commission are the United Nations'; the External Action Service is the EU's).
CODES = {"UN": ("united nations", "secretary-general", "under-secretary", "special envoy",
                "special representative", "emergency relief", "the elders", "disarmament affairs", "unicef",
                "counter-terrorism committee", "peacebuilding commission"),
         "EU": ("european union", "european external action service"),
         "OSCE": ("organization for security and cooperation in europe",
                  "organization for security and co-operation in europe"),
         "ASEAN": ("association of southeast asian nations", "association of south-east asian nations")}
ACRONYM_RE = re.compile(r"\s*\([A-Z]{2,}\)$")


@dataclass
class RefTurn:
    number: int
    speaker: str
    kind: str
    country: str
    text: str


def records():
    """Names of the records that have a PDF, a text and a reference split."""
    if not TRANSCRIPTS.is_dir():
        return []
    return sorted(p.name for p in (TRANSCRIPTS / "reference").iterdir() if p.is_dir())


def load_reference(name):
    folder = TRANSCRIPTS / "reference" / name
    turns = []
    with open(folder / "speeches.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text = (folder / row["filename"]).read_text(encoding="utf-8")
            turns.append(RefTurn(int(row["speech"]), row["speaker"], row["participanttype"],
                                 row["country"], text))
    return turns


def words(text):
    return Counter(re.findall(r"\w+", fold(text)))


def overlap(ref_text, our_text):
    """Share of the reference's words (with repeats) found in our text."""
    ref = ref_text if isinstance(ref_text, Counter) else words(ref_text)
    ours = our_text if isinstance(our_text, Counter) else words(our_text)
    total = sum(ref.values())
    return sum((ref & ours).values()) / total if total else 1.0


def _surnames(speaker):
    names = []
    for part in speaker.split("/"):
        part = HONORIFIC_RE.sub("", part.strip())
        if part:
            names.append(fold(part))
    return names


def _similar(a, b):
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.8


def same_speaker(ref, statement):
    ours = fold(statement.speaker)
    if ref.speaker.startswith("The Secretary-General"):
        return statement.label.startswith("The Secretary-General")
    candidates = _surnames(ref.speaker)
    return any(_similar(name, ours) or f" {name} " in f" {ours} " or f" {ours} " in f" {name} "
               for name in candidates)


def _states():
    """Folded names and aliases of the States in the project's country list."""
    names = set()
    path = Path(__file__).resolve().parents[2] / "statements" / "data" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        _, name, *aliases = line.split("\t")
        names.add(fold(name))
        names.update(fold(a) for a in "|".join(aliases).split("|") if a)
    return names


STATES = _states()


def _without_articles(text):
    return " ".join(word for word in text.split() if word != "the")


def same_country(ref, statement):
    ref_country = fold(ref.country)
    if statement.country:
        ours = fold(statement.country)
        return ours == ref_country or ours.startswith(ref_country) or ref_country.startswith(ours)
    office = fold(statement.affiliation)
    if ref.country in CODES:
        return any(term in office for term in CODES[ref.country])
    if office:  # an organisation's name, with or without its acronym and articles
        name = _without_articles(fold(ACRONYM_RE.sub("", ref.country)))
        return ref_country in office or name in _without_articles(office)
    # Introduced in another record (a resumed meeting): an organisation, not a State.
    return statement.role in ("briefer", "") and ref_country not in STATES


def speech_text(ref):
    """The reference speech without its label (``The President:``)."""
    head, sep, rest = ref.text.partition(": ")
    return rest if sep and len(head) < 150 else ref.text


def with_procedure(record):
    """Each statement's text followed by the procedural items up to the next statement,
    as the reference keeps them (inside the President's speeches)."""
    items = sorted([(s.order, s) for s in record.statements] + [(p.order, p) for p in record.procedural],
                   key=lambda pair: pair[0])
    texts, current = {}, None
    for _, item in items:
        if hasattr(item, "speaker"):
            current = item.order
            texts[current] = item.text
        elif current is not None:
            texts[current] += "\n\n" + item.text
    return texts


def compare(reference, record):
    """Align the reference turns with our statements (a global, order-keeping alignment).

    Returns per reference turn ``(ref, statement or None, speaker_ok, country_ok, overlap)``
    where overlap is the share of the reference's words our statement (with the
    procedural lines that follow it) holds.
    """
    statements = record.statements
    n, m = len(reference), len(statements)
    texts = [words(speech_text(ref)) for ref in reference]
    ours = {order: words(text) for order, text in with_procedure(record).items()}

    def score(i, j):
        ov = overlap(texts[i], ours[statements[j].order])
        return ov + (1.0 if same_speaker(reference[i], statements[j]) else 0.0) if ov > 0.2 else -1.0

    pair = [[score(i, j) if abs(i - j) <= 12 else -1.0 for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + pair[i][j] if pair[i][j] > 0 else -1.0)
    rows, i, j = [], 0, 0
    while i < n:
        if j < m and pair[i][j] > 0 and best[i][j] == best[i + 1][j + 1] + pair[i][j]:
            st = statements[j]
            rows.append((reference[i], st, same_speaker(reference[i], st),
                         same_country(reference[i], st), overlap(texts[i], ours[st.order])))
            i, j = i + 1, j + 1
        elif j < m and best[i][j] == best[i][j + 1]:
            j += 1
        else:
            rows.append((reference[i], None, False, False, 0.0))
            i += 1
    return rows


@dataclass
class Figures:
    """What one parse of a record measures against the reference."""

    turns: int  # reference turns
    statements: int  # our statements
    right: int  # reference turns found with speaker and country right
    unmatched_ours: int  # our statements no reference turn aligns with (a split or a spurious turn)
    unmatched_reference: int  # reference turns none of ours aligns with (swallowed or lost)
    mean_overlap: float  # share of a reference turn's words in our statement, on average
    min_overlap: float
    mean_precision: float  # share of our statement's words in its reference turn, on average
    min_precision: float
    wrong: list


def figures(reference, record):
    """``Figures`` of ``record`` (our parse) against ``reference`` (see ``compare``)."""
    rows = compare(reference, record)
    matched = [row for row in rows if row[1] is not None]
    used = {id(row[1]) for row in matched}
    overlaps = [row[4] for row in rows]
    precisions = [overlap(words(row[1].text), words(speech_text(row[0]))) for row in matched] or [0.0]
    wrong = [(ref.number, ref.speaker, ref.country, st and (st.speaker, st.country))
             for ref, st, speaker_ok, country_ok, _ in rows if not (speaker_ok and country_ok)]
    return Figures(
        turns=len(rows), statements=len(record.statements), right=len(rows) - len(wrong),
        unmatched_ours=sum(1 for s in record.statements if id(s) not in used),
        unmatched_reference=len(rows) - len(matched),
        mean_overlap=sum(overlaps) / len(overlaps), min_overlap=min(overlaps),
        mean_precision=sum(precisions) / len(precisions), min_precision=min(precisions), wrong=wrong,
    )
