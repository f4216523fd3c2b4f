"""Load the 2020 corpus of Security Council statements through the portal's ingest path.

``unsc_2020_speeches.tsv`` (see ``../shared/corpus/README.md``) holds one
statement a row with its meeting, agenda item, speaker, participant type and
country. Each meeting becomes a ``ParsedRecord`` saved by
``statements.ingest.ingest_record``, so loading twice changes nothing and the
index is written the same way as for any other record.

Meeting symbols: ``8699`` is ``S/PV.8699``, ``8699Resumption1`` is its first
resumption. Meetings held by videoconference in 2020 have no verbatim record
number; the corpus names them by the letter that published them (``2020_254``),
so they are saved under that letter's symbol, ``S/2020/254``.

Speakers: verbatim records print a surname (``Mrs. Craft``) while the letters
print a full name (``Kelly Craft``); a full name is folded onto the printed
surname of the same country when one ends (or, for names written surname
first, starts) with it, so one person has one speaker page. The president's
column may list several people (``Mr. Nebenzia/Mr. Polyanskiy``); the one
who speaks most often elsewhere in the corpus is taken.
"""
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
import csv
import re

from django.db import transaction

from . import people

from .countries import canonical, known_names, names_a_body
from .ingest import ingest_record, lookups_kept
from .models import Meeting
from .parser import ParsedMeeting, ParsedRecord, ParsedStatement
from .parser.citations import find_citations
from .parser.speakers import introductions
from .parser.text import fold
from .parser.turns import HONORIFIC_PATTERN, LANGUAGES

ROLES = {"The President": "president", "Mentioned": "member"}
# Values of the country column that name no State or organisation.
NO_COUNTRY = {"", "individual", "spoke in french"}
UN = "UN"
UNNAMED = {"", "unknown"}

_SPV_RE = re.compile(r"^(?P<number>\d+)(?:Resumption(?P<resumption>\d+))?$")
_LETTER_RE = re.compile(r"^(?P<year>\d{4})_(?P<number>\d+)$")
_HONORIFIC_RE = re.compile(rf"^(?P<honorific>{HONORIFIC_PATTERN})\s+(?P<name>.+)$")
# The speaker label a statement opens with: "The President (spoke in French): ",
# "Mr. Margaryan (Armenia): ", "Mr. Lowcock: ".
_LABEL_RE = re.compile(
    rf"^\s*(?:The\s+(?:President|Secretary-General)|{HONORIFIC_PATTERN}\s+[^():\n]{{1,80}}?)"
    r"(?P<brackets>(?:\s*\([^()\n]{1,120}\))*)\s*:\s*"
)
_SPOKE_IN_RE = re.compile(r"\(spoke in (?P<language>[A-Za-z]+)\)", re.IGNORECASE)


@dataclass
class CorpusRow:
    date: str
    spv: str
    topic: str
    speaker: str
    participanttype: str
    speech: str
    country: str
    content: str


def read_rows(path, limit=None):
    """The corpus rows, in file order; ``limit`` stops after that many."""
    rows = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if limit is not None and len(rows) >= limit:
                break
            rows.append(CorpusRow(**{name: (raw.get(name) or "").strip()
                                     for name in CorpusRow.__dataclass_fields__}))
    return rows


def meeting_symbol(spv):
    """(symbol, number, resumption) for an ``spv`` value; ``None`` if it is neither form."""
    if match := _SPV_RE.match(spv):
        return f"S/PV.{match['number']}", int(match["number"]), int(match["resumption"] or 0)
    if match := _LETTER_RE.match(spv):
        return f"S/{match['year']}/{match['number']}", None, 0
    return None


def strip_label(content):
    """The statement without its leading speaker label, and the language the label names."""
    match = _LABEL_RE.match(content)
    if not match:
        return content.strip(), "en"
    spoke = _SPOKE_IN_RE.search(match["brackets"] or "")
    language = LANGUAGES.get(spoke["language"].lower(), "other") if spoke else "en"
    return content[match.end():].strip(), language


def clean_country(country):
    country = " ".join(re.sub(r"[\[\]]", "", country).split())
    return None if country.lower() in NO_COUNTRY else country


def split_honorific(name):
    match = _HONORIFIC_RE.match(name.strip())
    return (match["honorific"], match["name"].strip()) if match else ("", name.strip())


class SpeakerNames:
    """Fold the spellings of one person (``Kelly Craft``, ``Mrs. Craft``) onto one name."""

    def __init__(self, rows):
        self.printed = {}  # (country, surname) -> honorific, from verbatim records
        solo = Counter()
        self.spellings = {}  # country -> Counter of the names its rows print (no honorific)
        for row in rows:
            if "/" in row.speaker:
                continue
            solo[(_country_key(row), row.speaker)] += 1
            self.spellings.setdefault(_country_key(row), Counter())[split_honorific(row.speaker)[1]] += 1
            honorific, name = split_honorific(row.speaker)
            if honorific and _SPV_RE.match(row.spv):
                self.printed.setdefault((_country_key(row), name), honorific)
        self.solo = solo

    def resolve(self, row):
        """(honorific, name) for a row's speaker."""
        speaker, key = row.speaker, _country_key(row)
        if speaker.lower() in UNNAMED:
            return "", ""
        if "/" in speaker:
            choices = [s.strip() for s in speaker.split("/") if s.strip()]
            speaker = max(choices, key=lambda s: self.solo[(key, s)])
        honorific, name = split_honorific(speaker)
        name = self.unslipped(key, name)
        words = name.lower().split()
        for (country, surname), printed_honorific in self.printed.items():
            if country != key or surname == name:
                continue
            if name.lower().endswith(" " + surname.lower()) or (
                    " " not in surname and len(words) > 1 and words[0] == surname.lower()):
                return printed_honorific, surname
        return self.printed.get((key, name), honorific), name


    def unslipped(self, country, name):
        """The spelling of ``name`` the corpus prints most for ``country`` when ``name`` is a slip of it
        (``people.slip_of_one_person``): "Popolizio Bardales" (twice) for "Popolizio Bardeles" (once),
        "Dinh" (three times) for "Dihn" (once). Whichever row comes first, one person has one name."""
        if country is None or country == UN_NAME:
            return name
        spellings = self.spellings.get(country, Counter())
        own = spellings[name]
        better = [(count, other) for other, count in spellings.items()
                  if count > own and people.slip_of_one_person((name, ""), (other, ""))]
        return max(better)[1] if better else name


UN_NAME = "United Nations"


def _country_key(row):
    country = clean_country(row.country)
    return canonical(country)[0] if country else None


def _surname_key(speaker):
    """The folded last word of a printed name: "Ms. Inga Rhonda King", "Ms. King" → "king"."""
    words = fold(split_honorific(speaker)[1]).lower().split()
    return words[-1] if words and "/" not in speaker else ""


def _names_state(text, state):
    """Whether ``text`` opens with a spelling of the State ``state`` (the table's name): the letters of
    2020 open a statement with the speaker's State ("Saint Vincent and the Grenadines thanks …")."""
    opening = " ".join(fold(text[:120]).lower().replace("’", "'").split())
    opening = opening.removeprefix("the ")
    return any(opening.startswith(spelling.removeprefix("the ") + " ")
               for spelling, (name, _) in known_names().items() if name == state)


def _labelled_states(content):
    """The States the label a statement opens with names ("Ms. King (Saint Vincent and the Grenadines):")."""
    label = _LABEL_RE.match(content)
    brackets = re.findall(r"\(([^()]+)\)", label["brackets"]) if label else []
    return {canonical(b)[0] for b in brackets if canonical(b)[1]}


def refiled(rows, known=()):
    """The rows with the country each says, and (row, printed country, State) for each row refiled.

    A row whose country column names no State or body ("spoke in French") stands under the one State its
    own label prints ("Mr. Michon (spoke in French) (France):").

    A row's country column can contradict the row itself: the corpus files "Ms. King" under the United
    States at S/2020/469, a statement opening "Saint Vincent and the Grenadines thanks …" by a speaker
    every other row (and record: ``known``, (name, State) of the speakers already saved) files under
    Saint Vincent and the Grenadines. Such a row is refiled under that State when all of it agrees: no
    other row or speaker has the name under the row's country, and the statement's own label names another
    State ("Ms. King (Saint Vincent and the Grenadines):") that no source contradicts, or its opening names
    the one other State every other source files the name under, at least twice.
    """
    seen = Counter()
    for row in rows:
        if row.participanttype != "The President" and row.country != UN and (state := _country_key(row)):
            seen[(_surname_key(row.speaker), state)] += 1
    for name, state in known:
        if state:
            seen[(_surname_key(name), state)] += 1
    states_of = {}
    for (surname, state), count in seen.items():
        states_of.setdefault(surname, {})[state] = count
    out, changes = [], []
    for row in rows:
        state, surname = _country_key(row), _surname_key(row.speaker)
        if state is None and row.participanttype != "The President" and row.country != UN \
                and len(labelled := _labelled_states(row.content)) == 1:
            # The column names no State ("spoke in French", a slip of the label's brackets) where the
            # statement's own label prints one: "Mr. Michon (spoke in French) (France):" at S/PV.8724.
            changes.append((row, row.country, (other := labelled.pop())))
            out.append(replace(row, country=other))
            continue
        others = {other: n for other, n in states_of.get(surname, {}).items() if other != state}
        if state and surname and row.participanttype != "The President" and row.country != UN \
                and states_of[surname].get(state) == 1:
            labelled = _labelled_states(row.content) - {state}
            if len(labelled) == 1 and set(others) <= labelled:
                other = labelled.pop()  # its own label names another State, and no other source contradicts it
            elif len(others) == 1 and min(others.values()) >= 2 \
                    and _names_state(strip_label(row.content)[0], (other := next(iter(others)))):
                pass
            else:
                other = None
            if other:
                changes.append((row, row.country, other))
                row = replace(row, country=other)
        out.append(row)
    return out, changes


def build_records(rows, known=()):
    """One ``ParsedRecord`` per meeting, in the order the corpus lists them; ``known``: see ``refiled``."""
    rows, _ = refiled(rows, known)
    names = SpeakerNames(rows)
    meetings = {}
    for row in rows:
        meetings.setdefault(row.spv, []).append(row)
    records, skipped = [], []
    for spv, meeting_rows in meetings.items():
        symbol = meeting_symbol(spv)
        if symbol is None:
            skipped.append(spv)
            continue
        records.append(_record(symbol, meeting_rows, names))
    return records, skipped


def _presiding(rows):
    """The State most of the meeting's "The President" rows name: the presidency (not "UN", which the
    corpus gives the President now and then: S/PV.8735)."""
    countries = Counter(clean_country(row.country) for row in rows
                        if row.participanttype == "The President" and row.country != UN)
    return countries.most_common(1)[0][0] if countries else None


def _role(row, presiding):
    """The turn's role. A row typed "The President" of another country than the presidency's, printed
    with its speaker's own label ("Mr. Dang (Viet Nam):" at S/PV.8713, which Belgium presided), is a
    member's turn the corpus typed as the President's."""
    if row.participanttype == "Guest":
        return "briefer" if row.country == UN else "invited"
    role = ROLES.get(row.participanttype, "invited")
    if role == "president" and clean_country(row.country) != presiding and _LABEL_RE.match(row.content) \
            and not row.content.lstrip().startswith("The President"):
        return "member"
    return role


# Where a cover letter goes on after a briefer's post: "Director of the United Nations Mine Action Service,
# as well as the statements delivered by …", "…, and Ambassador Juergen Schulz, Chair of …", "… Institute Mr".
_POST_END_RE = re.compile(
    r",?\s+(?:as\s+well\s+as|and\s+by\b|was\s+escorted|in\s+connection\s+with|for\s+(?:his|her)\s+service|"
    r"and\s+(?:His|Her|Ambassador|Mr\.|Ms\.|Mrs\.|Dr\.))|\s+(?:Mr|Ms|Mrs|Dr)\.?$")


def _printed_in_full(row, name):
    """The row's own name where it is ``name`` (the surname the records print) in full: "Kelly Craft" for
    Craft, "Dang Dinh Quy" for Dang (the letters of 2020 print full names); else ""."""
    if "/" in row.speaker or not name:
        return ""
    printed = split_honorific(row.speaker)[1]
    words, surname = fold(printed).lower().split(), fold(name).lower().split()
    if len(words) <= len(surname):
        return ""
    if words[-len(surname):] == surname or words[:len(surname)] == surname:
        return printed
    return ""


def _introduced(name, intros):
    """(full name, post) the President's turns give ``name``, or ("", "")."""
    words = fold(name).split()
    intro = next((intros[key] for key in (" ".join(words), " ".join(words[-1:])) if key in intros), None)
    if intro is None:
        return "", ""
    return intro.full_name, _POST_END_RE.split(intro.post, maxsplit=1)[0].strip().rstrip(",")


def _record(symbol, rows, names):
    symbol, number, resumption = symbol
    statements, members, president = [], {}, None
    presiding = _presiding(rows)
    # Who the President introduced, and as what: the invitations and floor-giving lines of a record,
    # the cover letter of a 2020 letter ("the briefings by Ms. Karin Landgren, Executive Director of
    # Security Council Report; …").
    intros = introductions("\n".join(strip_label(row.content)[0] for row in rows
                                      if _role(row, presiding) == "president"))
    for position, row in enumerate(rows, start=1):
        honorific, name = names.resolve(row)
        country = clean_country(row.country)
        text, language = strip_label(row.content)
        role = _role(row, presiding)
        if role == "president" and row.country == UN and presiding:
            country = presiding
        full_name, post = _introduced(name, intros) if name and role != "president" else ("", "")
        full_name = full_name or _printed_in_full(row, name)
        if country and row.country != UN and re.match(r"(?i)(?:the\s+)?representative of\b", post):
            post = ""  # "the representative of Japan" names the delegation, not a post
        affiliation = ""
        if row.country == UN and names_a_body(post):
            # The corpus files every guest it takes for a Secretariat briefer under "UN"; a post the
            # President gave them that names a body says which (ingest reads it as for a record).
            country, affiliation = None, post
        if role in ("president", "member") and country:
            members[country] = {"country": country}
        if role == "president" and president is None:
            president = {"name": name, "honorific": honorific, "country": country}
        # A State or an organisation by the name its statements stand under, as its speaker's label
        # names it: "Saint Vincent and Grenadines" → "Saint Vincent and the Grenadines", "EU" → "European Union".
        shown_country = canonical(country)[0] if country and row.country != UN else None
        person = f"{honorific} {name}".strip() or (
            f"The representative of {shown_country}" if shown_country else "A speaker")
        statements.append(ParsedStatement(
            order=int(row.speech) if row.speech.isdigit() else position,
            speaker=name,
            honorific=honorific,
            country=country,
            text=text,
            label=_label(role, name, person, shown_country, language),
            role=role,
            language=language,
            resolutions=find_citations(text),
            affiliation=affiliation,
            full_name=full_name if len(full_name.split()) > len(name.split()) else "",
            post=post,
        ))
    first = rows[0]
    meeting = ParsedMeeting(
        symbol=symbol, number=number, resumption=resumption, date=_date(first.date),
        agenda=first.topic, president=president, members=list(members.values()),
    )
    return ParsedRecord(meeting=meeting, statements=statements)


# The language a label says a speaker spoke in, as the records print it: "ru" → "Russian".
SPOKE_IN = {code: language.capitalize() for language, code in LANGUAGES.items() if code != "en"}


def _label(role, name, full_name, shown_country, language):
    """The label the records print for the turn: "The President (spoke in Russian)" for the President
    (ingest names them in it, as it does for the records), "Mr. De Rivière (France) (spoke in French)"
    for the others. One label from both sources: the corpus's row prints it so, the letters of 2020
    print none (the presidency's are the President's)."""
    label = f"{full_name} ({shown_country})" if shown_country and name else full_name
    if role == "president" and name:
        label = "The President"
    return f"{label} (spoke in {SPOKE_IN[language]})" if language in SPOKE_IN else label


def _date(text):
    try:
        return datetime.strptime(text, "%d %B %Y").date()
    except ValueError:
        return None


def load_corpus(path, limit=None, progress=None, refiling=None):
    """Save the corpus, one meeting at a time, where no official record holds the meeting.

    Returns the ``IngestResult`` list of the meetings saved, the skipped ``spv``
    values, and the meetings kept as they were because they were saved from their
    official record (a PDF or text ingested or uploaded): the record wins over the
    corpus's extraction of it (OCR spellings such as "Jiirgenson", no procedural
    lines), whatever order the two arrive in. ``refiling`` is told of each row filed under another country
    than its column says (``refiled``).
    All meetings are saved in one transaction so the index is written once,
    after it commits, instead of once per meeting.
    """
    rows, changes = refiled(read_rows(path, limit), _recorded_speakers())
    for row, printed, state in changes if refiling else ():
        refiling(row, printed, state)
    records, skipped = build_records(rows)
    results, kept = [], []
    with transaction.atomic(), lookups_kept():
        before = _corpus_statements_by_speaker()
        for record in records:
            result = ingest_record(record, source=record.meeting.symbol, origin=Meeting.Origin.CORPUS)
            if result.kept:
                kept.append(result.meeting)
                continue
            results.append(result)
            if progress:
                progress(result)
        _forward_emptied(before)
    return results, skipped, kept


def _recorded_speakers():
    """(name, State) of the speakers official records saved, once for each of their statements there:
    the records' evidence for ``refiled``."""
    from .models import Statement

    return Statement.objects.filter(meeting__origin=Meeting.Origin.RECORD, speaker__isnull=False).values_list(
        "speaker__name", "speaker__country__name")


def _corpus_statements_by_speaker():
    from .models import Statement

    by_speaker = {}
    rows = Statement.objects.filter(meeting__origin=Meeting.Origin.CORPUS, speaker__isnull=False)
    for speaker_id, pk in rows.values_list("speaker_id", "pk"):
        by_speaker.setdefault(speaker_id, []).append(pk)
    return by_speaker


def _forward_emptied(before):
    """A speaker this load left with no statement (its one row refiled under another State's speaker, as a
    database loaded before ``refiled`` had "Ms. King (United States)") is merged into the speaker that has
    its statements now: its address redirects there, so a database loaded again equals a fresh load."""
    from .merging import merge_speakers
    from .models import Speaker, Statement

    emptied = Speaker.objects.filter(pk__in=before, statements__isnull=True, presided__isnull=True)
    for speaker in emptied:
        now = set(Statement.objects.filter(pk__in=before[speaker.pk]).values_list("speaker_id", flat=True))
        if len(now) == 1 and None not in now:
            target = Speaker.objects.get(pk=now.pop())
            merge_speakers([speaker, target], keep=target)
