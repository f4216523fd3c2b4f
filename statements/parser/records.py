"""The parsed record (plain dataclasses) and the parse itself.

The parser knows nothing of the database: ``statements.ingest`` saves what it
returns. Reading order is kept: statements and procedural items share one
``order`` sequence.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
import re

from .citations import ResolutionRef, find_citations
from .cover import looks_like_cover, parse_cover, split_cover
from .errors import RecordError
from . import interleaved, layout, markdown
from .furniture import body_lines
from .order import opening_first, rejoin_vote_lists, restore_floor_order, restore_vote_result
from .pdf import is_pdf, pdf_text
from .spacing import close_gaps, part_glued_honorifics, rejoin_cover_parts, rejoin_cut_punctuation
from .runon import split_run_on_labels
from .procedural import (adopted_resolutions, chair_change, continues_procedure, is_heading, is_procedural,
                         procedure_kind, vote_lists)
from .speakers import (floor_given, introductions, on_behalf_of, post_after_surname, secretary_general_name,
                       state_of)
from .text import Vocabulary, fold, normalise_characters, paragraphs, reflow
from .turns import TITLE_LABEL_RE, language_switch, match_label, rejoin_split_labels, unglue_label

__all__ = ["ParsedMeeting", "ParsedProcedure", "ParsedRecord", "ParsedStatement", "RecordError",
           "parse_bytes", "parse_file", "parse_text", "parse_upload"]

RECORD_SUFFIXES = (".pdf", ".txt")


@dataclass
class ParsedStatement:
    order: int
    speaker: str
    honorific: str
    country: str | None
    text: str
    label: str = ""
    role: str = ""
    language: str = "en"
    on_behalf_of: str = ""
    resolutions: list[ResolutionRef] = field(default_factory=list)
    affiliation: str = ""  # a briefer's office, as the President introduced them
    full_name: str = ""  # as an invitation or the floor-giving line printed it ("Mankeur Ndiaye")
    post: str = ""  # the office they were introduced with ("Special Representative of …")

    def to_dict(self):
        data = asdict(self)
        data["resolutions"] = [ref.to_dict() for ref in self.resolutions]
        return data


@dataclass
class ParsedMeeting:
    symbol: str
    number: int | None = None
    resumption: int = 0
    date: date | None = None
    time: str = ""
    place: str = ""
    agenda: str = ""
    president: dict | None = None
    members: list[dict] = field(default_factory=list)
    adopted: list[ResolutionRef] = field(default_factory=list)

    @property
    def full_symbol(self):
        return f"{self.symbol} (Resumption {self.resumption})" if self.resumption else self.symbol

    def to_dict(self):
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["adopted"] = [ref.to_dict() for ref in self.adopted]
        return data


@dataclass
class ParsedProcedure:
    order: int
    text: str
    kind: str = ""  # 'opening', 'agenda', 'vote', 'suspension', 'closing', 'heading', …
    vote: dict | None = None  # {'in_favour': [countries], 'against': […], 'abstaining': […]}


@dataclass
class ParsedRecord:
    meeting: ParsedMeeting | None
    statements: list[ParsedStatement]
    procedural: list[ParsedProcedure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self):
        return {
            "meeting": self.meeting.to_dict() if self.meeting else None,
            "statements": [s.to_dict() for s in self.statements],
            "procedural": [asdict(p) for p in self.procedural],
            "warnings": list(self.warnings),
        }


# --- entry points -----------------------------------------------------------

def parse_file(path) -> ParsedRecord:
    """Parse a ``.pdf`` or ``.txt`` record; ``RecordError`` says what is wrong with a bad one."""
    path = Path(path)
    if path.suffix.lower() not in RECORD_SUFFIXES:
        raise RecordError("not a meeting record file (expected .pdf or .txt)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot be read ({exc.strerror})") from exc
    return parse_upload(data, path.name)


def parse_upload(data: bytes, filename: str = "") -> ParsedRecord:
    """Parse uploaded bytes: a PDF if they start with ``%PDF``, else UTF-8 text."""
    if not data or not data.strip():
        raise RecordError("the file is empty")
    if is_pdf(data):
        return parse_text(pdf_text(data))
    if filename.lower().endswith(".pdf"):
        raise RecordError("not a PDF file: it does not start with %PDF")
    return parse_text(decode_text(data))


parse_bytes = parse_upload


def parse_pdf_bytes(data: bytes) -> ParsedRecord:
    return parse_text(pdf_text(data))


def decode_text(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise RecordError("the text is UTF-16; save it as UTF-8 and upload it again")
    if b"\x00" in data[:4096]:
        raise RecordError("not a text file (it contains binary data); upload a PDF or UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordError(
            f"the text is not UTF-8 (byte {data[exc.start]:#04x} at position {exc.start}); "
            "save it as UTF-8 and upload it again"
        ) from exc


def parse_text(text: str) -> ParsedRecord:
    """Parse a record's text: PDF extraction (pages split by form feeds) or plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise RecordError("the file is empty")
    text = normalise_characters(rejoin_cut_punctuation(markdown.to_plain(text)))
    text = close_gaps(layout.normalise(interleaved.normalise(rejoin_cover_parts(part_glued_honorifics(text)))))
    pages = text.split("\f")
    warnings = []
    cover = None
    if looks_like_cover(pages[0]):
        if len(pages) == 1:  # pasted text without form feeds
            first, rest = split_cover(pages[0])
            pages = [first or pages[0], rest]
        cover = parse_cover(pages[0])
        pages = pages[1:]
    lines = rejoin_split_labels([unglue_label(line) for line in split_run_on_labels(body_lines(pages, cover))])
    vocab = Vocabulary("\n".join(lines))
    paras = [reflow(p, vocab) for p in paragraphs(lines, starts_turn=_starts_item, opens_procedure=is_procedural,
                                                       title_label=_opens_with_title)]
    paras = rejoin_vote_lists(opening_first(paras))
    items = restore_floor_order(restore_vote_result(_split_items(paras)))
    if not any(kind == "turn" for kind, *_ in items):
        raise RecordError("no speaker turn found (a turn starts like 'Mr. Name (Country):' "
                          "or 'The President:')")
    meeting = _meeting(cover, warnings) if cover else None
    if cover is None:
        warnings.append("no cover page: meeting, President and roles are unknown")
    statements, procedural = _build(items, meeting, cover, paras, warnings)
    if meeting:
        adopted = []
        for item in statements:
            if item.role == "president":
                adopted += adopted_resolutions(item.text)
        for item in procedural:
            adopted += adopted_resolutions(item.text)
        meeting.adopted = list({ref.key: ref for ref in adopted}.values())
    return ParsedRecord(meeting=meeting, statements=statements, procedural=procedural,
                        warnings=warnings)


# --- the parse ----------------------------------------------------------------

def _opens_with_title(text):
    """``The President: I …``: a title's label, and the speech after it opening with a capital (a
    line of a wrapped sentence may start ``The President: of …``)."""
    m = TITLE_LABEL_RE.match(text)
    return bool(m) and text[m.end():m.end() + 1].isupper()


def _starts_item(text):
    """A line that opens a turn or a procedural item (see ``text.paragraphs``)."""
    return bool(match_label(text) or is_procedural(text))


def _split_items(paras):
    """Reading-order items: ("turn", label, [paragraphs]) or ("procedure", text)."""
    items, current = [], None

    def close():
        nonlocal current
        if current is not None:
            items.append(("turn", current[0], current[1]))
            current = None

    for i, para in enumerate(paras):
        label = match_label(para)
        if label:
            close()
            first = para[label.end:].strip()
            current = (label, [first] if first else [])
            continue
        if language_switch(para) and current is not None:
            continue  # interpretation changed mid-speech; not a new turn
        if is_procedural(para) or current is None:
            close()
            if items and items[-1][0] == "procedure" and continues_procedure(items[-1][1], para):
                items[-1] = ("procedure", f"{items[-1][1]}\n{para}")
            else:
                items.append(("procedure", para))
            continue
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if is_heading(para) and para[:1].isupper() and (nxt is None or match_label(nxt)) and len(para) < 200:
            close()  # an agenda heading between turns
            items.append(("procedure", para))
            continue
        current[1].append(para)
    close()
    return items


def _is_member(country, member_countries):
    """A label may print a member's short name (``United Kingdom``)."""
    name = fold(country)
    return any(name == m or m.startswith(name + " ") or name.startswith(m + " ") for m in member_countries)


def _meeting(cover, warnings):
    for key in ("symbol", "date"):
        if not cover.get(key):
            warnings.append(f"cover page: no {key} found")
    return ParsedMeeting(
        symbol=cover["symbol"], number=cover["number"], resumption=cover["resumption"],
        date=cover["date"], time=cover["time"], place=cover["place"], agenda=cover["agenda"],
        president=cover["president"], members=cover["members"],
    )


def _introduced(label, intros, floor, flat=""):
    """(full name, post, State spoken for) of a labelled speaker from a rule 37/39 invitation earlier in the
    record, else from the line that gave them the floor just before the turn, else (a briefer's bare label)
    from a post printed after their surname where an extractor cut the invitation apart."""
    surname = fold(label.name)
    invited = intros.get(surname)
    if floor and floor.full_name and not fold(floor.full_name).endswith(surname):
        floor = None  # the floor went to someone else (the label disagrees)
    names = [i.full_name for i in (floor, invited) if i and fold(i.full_name).endswith(surname)]
    full = max(names, key=lambda n: len(n.split()), default="")
    post = (invited.post if invited else "") or (floor.post if floor else "")  # the invitation's is fuller
    if not post and not label.country and flat:
        post = post_after_surname(flat, label.name)
    if label.country and re.match(r"(?i)representative of\b", post):
        post = ""  # "the representative of Japan" names the delegation, not a post
    if not fold(full).endswith(surname) or len(full.split()) <= len(label.name.split()):
        full = ""  # nothing beyond the label's own name
    return full, post, (invited.state if invited else "")


def _build(items, meeting, cover, paras, warnings):
    president = (cover or {}).get("president") or {}
    member_countries = {fold(m["country"]) for m in (cover or {}).get("members", [])}
    if president.get("country"):
        member_countries.add(fold(president["country"]))
    flat = " ".join(paras)
    sg = secretary_general_name(flat)
    intros = introductions(flat)
    previous = ""  # what was said just before the turn: it may give the floor to its speaker
    statements, procedural = [], []
    chair = president  # who "The President" is: another member may take the Chair for a while
    for order, item in enumerate(items, start=1):
        if item[0] == "procedure":
            procedural.append(ParsedProcedure(order=order, text=item[1], kind=procedure_kind(item[1]),
                                              vote=vote_lists(item[1])))
            chair = chair_change(item[1], president) or chair
            previous = item[1]
            continue
        _, label, body = item
        text = "\n\n".join(body)
        speaker, honorific, country, affiliation = label.name, label.honorific, label.country, ""
        if label.title == "President":
            speaker, honorific = chair.get("name", ""), chair.get("honorific", "")
            country = chair.get("country") or None
        elif label.title == "Secretary-General":
            speaker, honorific = sg if sg else ("Secretary-General", "")
            affiliation = "Secretary-General of the United Nations"
        elif label.title:
            speaker = label.title
        full_name, post = "", ""
        if not label.title:
            full_name, post, state = _introduced(label, intros, floor_given(previous), flat)
            if country is None:
                affiliation = post
                # "the Permanent Representative of Somalia" under a bare label; a head of State welcomed
                country = state_of(post) or state or None
        previous = text
        if cover is None:
            role = ""
        elif label.title == "President":
            role = "president"
        elif country is None:
            role = "briefer"
        elif _is_member(country, member_countries):
            role = "member"
        else:
            role = "invited"
        if not text:
            warnings.append(f"turn {order} ({label.label}) has no text")
        behalf = label.on_behalf_of or ("" if label.title == "President" else on_behalf_of(text))
        statements.append(ParsedStatement(
            order=order, speaker=speaker, honorific=honorific, country=country, text=text,
            label=label.label, role=role, language=label.language, on_behalf_of=behalf,
            resolutions=find_citations(text), affiliation=affiliation, full_name=full_name, post=post,
        ))
    return statements, procedural
