"""Save a parsed record: its meeting, speakers, countries, statements and citations.

Ingesting the same record twice changes nothing, and re-ingesting a corrected
record keeps the permalinks (primary keys) of the statements it still holds:
rows are matched first by speaker and text, then by position.
"""
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
import re
import threading

from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Replace
from django.utils.text import slugify

from . import indexing, people
from .countries import get_country, name_on, organisation_of
from .models import AgendaItem, Meeting, Resolution, Speaker, SpeakerRedirect, Statement
from .parser import ParsedRecord, parse_file
from .agenda import canonical as canonical_agenda
from .parser.citations import GA
from .slips import as_spelt


@dataclass
class IngestResult:
    meeting: Meeting | None
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: bool = False  # an official record already holds the meeting: nothing was changed
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated or self.removed)

    def summary(self):
        where = self.meeting.full_symbol if self.meeting else self.source
        return (f"{where}: {self.created} new, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.removed} removed")


def ingest_file(path, *, source=None):
    """Parse and save one record file; raises ``RecordError`` for a bad one."""
    path = Path(path)
    return ingest_record(parse_file(path), source=source or path.name)


def ingest_record(record: ParsedRecord, *, source="", origin=Meeting.Origin.RECORD):
    """Save a parsed record; ``origin`` says whether it is an official record or the corpus's extraction.

    A meeting already saved from its official record is never overwritten by the
    corpus: the result is then ``kept`` and nothing changes.
    """
    kept = getattr(_lookups, "memo", None)
    _lookups.memo = {} if kept is None else kept
    try:
        return _ingest(record, source, origin)
    except BaseException:
        _lookups.memo.clear()  # rows it found or made may be gone with its transaction
        raise
    finally:
        if kept is None:
            _lookups.memo = None


# Countries and resolutions an ingest found or made, by what the record prints: a meeting names
# its fifteen members and most of its speakers' countries more than once, a bulk load
# (``lookups_kept``) the same ones thousands of times.
_lookups = threading.local()


@contextmanager
def lookups_kept():
    """Keep the countries and resolutions found from one ``ingest_record`` to the next (a bulk
    load); whatever a failed ingest found is forgotten, its transaction may have taken it along."""
    _lookups.memo = {}
    try:
        yield
    finally:
        _lookups.memo = None


def _country(name):
    memo = getattr(_lookups, "memo", None)
    if memo is None:
        return get_country(name)
    key = ("country", name)
    if key not in memo:
        memo[key] = get_country(name)
    return memo[key]


def _ingest(record, source, origin):
    with transaction.atomic():
        if record.meeting and origin == Meeting.Origin.CORPUS and has_official_record(record.meeting):
            return IngestResult(meeting=Meeting.objects.get(
                symbol=record.meeting.symbol, resumption=record.meeting.resumption or 0),
                source=source, kept=True)
        meeting = save_meeting(record.meeting, origin=origin) if record.meeting else None
        result = IngestResult(meeting=meeting, source=source, warnings=list(record.warnings))
        _save_statements(record, meeting, source, result)
        if meeting:
            from .votes import record_votes  # votes are read from the saved turns

            record_votes(meeting)
    return result


def has_official_record(parsed):
    """Whether the meeting of ``parsed`` (a ``ParsedMeeting``) was saved from its official record."""
    return Meeting.objects.filter(symbol=parsed.symbol, resumption=parsed.resumption or 0,
                                  origin=Meeting.Origin.RECORD).exists()


def save_meeting(parsed, origin=Meeting.Origin.RECORD):
    agenda = None
    title, topic = canonical_agenda(parsed.agenda, parsed.symbol)
    if title:
        agenda = AgendaItem.objects.filter(title__iexact=title[:500]).first()
        agenda = agenda or AgendaItem.objects.create(
            title=title[:500], slug=unique_slug(AgendaItem, title))
    president = parsed.president or {}
    presiding_country = _country(president.get("country"))
    president_speaker = (
        get_speaker(president["name"], president.get("honorific", ""), presiding_country,
                    on=parsed.date, official=origin == Meeting.Origin.RECORD)
        if president.get("name") else None
    )
    values = {
        "origin": origin,
        "topic": topic[:300],
        "number": parsed.number,
        "date": parsed.date,
        "time": parsed.time or "",
        "place": parsed.place or "",
        "agenda_item": agenda,
        "president": president_speaker,
        "presiding_country": presiding_country,
    }
    meeting, created = Meeting.objects.get_or_create(
        symbol=parsed.symbol, resumption=parsed.resumption or 0, defaults=values
    )
    # Save only what changed: a save re-indexes the meeting's statements (signals.py).
    if not created and any(getattr(meeting, k) != v for k, v in values.items()):
        for name, value in values.items():
            setattr(meeting, name, value)
        meeting.save()
    members = [_country(m.get("country")) for m in parsed.members]
    meeting.members.set([c for c in members if c])
    for ref in parsed.adopted:
        resolution = get_resolution(ref)
        if resolution.adopted_at_id != meeting.pk:
            resolution.adopted_at = meeting
            resolution.save(update_fields=["adopted_at"])
    return meeting


def get_speaker(name, honorific, country, *, on=None, full_name="", post="", printed=frozenset(), official=False):
    """The one speaker for this person, created on first sight (see ``statements.people``).

    An office printed alone ("The Secretary-General") is its holder on the date ``on``;
    a better spelling of an existing speaker's name (accents, no OCR damage, the
    printed surname) replaces the one it had. ``printed``: the names the record being read
    prints (``people.key``), which let an accent it misread fold into its other spelling.
    ``official``: the name comes from an official record, whose spelling beats a slip's.
    """
    name, full_name = as_spelt(name), as_spelt(full_name)
    if people.is_office(name):
        holder = people.office_holder(name, on)
        if holder is None:
            return _speaker_named(name, honorific, country)
        name, honorific = holder["name"], holder["honorific"]
        full_name, post = full_name or holder["full_name"], post or holder["post"]
    country = people.speaker_country(country)
    name = people.clean(name) or name
    memo = getattr(_lookups, "memo", None)
    key = ("speaker", name, country.pk if country else None)
    # With its country: ``_improve`` and the statement's label read it.
    speaker = (memo or {}).get(key) or Speaker.objects.select_related("country").filter(
        name=name, country=country).first()
    candidates = None
    if speaker is None:  # a spelling not seen before: the person under another, or more than one
        candidates = Speaker.objects.select_related("country")
        if country:
            candidates = candidates.filter(
                Q(country=country) | Q(country=None) | Q(country__name=people.UNITED_NATIONS))
        speaker = people.find_person(name, country, candidates, printed, full_name)
        if speaker is not None and (others := people.other_spellings(speaker, name, candidates, printed)):
            from .merging import merge_speakers  # merging imports this module

            speaker = merge_speakers([speaker, *others])  # one person, loaded before the name was spelt
    if speaker is None:
        speaker = _new_speaker(name, honorific, country)  # none has this name and country (asked above)
        known = None
    else:
        known, candidates = (speaker.name, speaker.full_name, speaker.country_id), None
    _improve(speaker, name, honorific, country, full_name, post, official)
    if known != (speaker.name, speaker.full_name, speaker.country_id):
        speaker = _fold_slips(speaker, candidates)
    if memo is not None and speaker.name == name and speaker.country_id == key[2]:
        memo[key] = speaker  # what the query above finds for this name, until a speaker is renamed or merged
    return speaker


def forget_speakers():
    """Drop the speakers a bulk load keeps by name (``get_speaker``): one was renamed, refiled or merged."""
    memo = getattr(_lookups, "memo", None)
    for key in [key for key in memo or () if key[0] == "speaker"]:
        del memo[key]


def _fold_slips(speaker, candidates=None):
    """Merge into ``speaker`` (new, or just given a full name) the speakers of its State loaded before that
    are a slip of it (``people.slip_of_one_person``): "Egriselda Lopez" once Gonzalez Lopez's full name,
    Egriselda Gonzalez Lopez, is known. ``candidates``: the speakers ``get_speaker`` has just read for a new
    speaker (those of its State among them), read again otherwise."""
    if speaker.country_id is None or speaker.country.name == people.UNITED_NATIONS:
        return speaker
    pool = Speaker.objects.filter(country_id=speaker.country_id) if candidates is None else [
        other for other in candidates if other.country_id == speaker.country_id]
    others = [other for other in pool if other.pk != speaker.pk
              and people.slip_of_one_person((speaker.name, speaker.full_name), (other.name, other.full_name))]
    if not others:
        return speaker
    from .merging import merge_speakers  # merging imports this module

    return merge_speakers([speaker, *others], keep=speaker)


def _speaker_named(name, honorific, country):
    speaker = Speaker.objects.filter(name=name, country=country).first()
    return speaker or _new_speaker(name, honorific, country)


def _new_speaker(name, honorific, country):
    return Speaker.objects.create(
        name=name, honorific=honorific or "", country=country,
        slug=unique_slug(Speaker, speaker_slug_base(name, country)),
    )


def speaker_slug_base(name, country):
    """What a speaker's address is made from: the name and the country's address (the name it had
    when it was made, ``countries.slug_for``), so a State renamed in the table names its new speakers'
    addresses as it did its old ones'."""
    return f"{name} {country.slug if country else ''}"


def _improve(speaker, name, honorific, country, full_name, post, official=False):
    """Keep the best of what sources say about a person: spelling, first name, office, State."""
    changed = {}
    best = people.better_name(speaker.name, name)
    if best == speaker.name != name and not people.same_person(speaker.name, name, together=True) \
            and people.slip_of_one_person((speaker.name, speaker.full_name), (name, full_name)):  # joined by a slip
        best = people.unslipped(speaker.name, name, speaker.full_name or full_name, official)
    if len(name.split()) > len(best.split()) and not speaker.full_name:
        changed["full_name"] = people.respelled(name, best)
    if best != speaker.name and not Speaker.objects.filter(name=best, country=speaker.country).exists():
        if len(speaker.name.split()) > len(best.split()) and not speaker.full_name:
            changed["full_name"] = people.respelled(speaker.name, best)
        changed["name"] = best
    if full_name and not speaker.full_name:
        changed["full_name"] = people.respelled(full_name, best)  # "Gert Auvaart" (a letter) → "Gert Auväärt"
    kept = changed.get("full_name", speaker.full_name)
    if kept and "name" in changed and people.respelled(kept, best) != kept:
        changed["full_name"] = kept = people.respelled(kept, best)  # "Sven Jiirgenson" once a record spells Jürgenson
    if full_name and kept and people.same_spelling(full_name, kept) and people.better_name(kept, full_name) != kept:
        changed["full_name"] = full_name  # "Tiébilé Dramé" for "Tiebile Drame", "Jean-Pierre" for "Jean- Pierre"
    if post and not speaker.post:
        changed["post"] = post[:300]
    if honorific and not speaker.honorific:
        changed["honorific"] = honorific
    loose = (None, people.UNITED_NATIONS)
    if country and country.name not in loose and (speaker.country.name if speaker.country else None) in loose \
            and not Speaker.objects.filter(name=changed.get("name", speaker.name), country=country).exists():
        changed["country"] = country
    if changed:
        old_name = speaker.name
        for field_name, value in changed.items():
            setattr(speaker, field_name, value)
        speaker.save(update_fields=list(changed))
        if changed.keys() & {"name", "country"}:
            forget_speakers()
        if speaker.name != old_name:
            relabel(speaker, old_name)
        if "country" in changed:
            file_under(speaker, speaker.country)
        if "honorific" in changed:
            indexing.schedule(with_honorific(speaker))
        if changed.keys() & {"name", "country"}:
            readdress(speaker)
    return speaker


def readdress(speaker):
    """Give ``speaker`` the address its name and country make now, the old one redirecting to it.

    A speaker's address is made from its best spelling whatever the loading order ("jurgenson-estonia",
    not the corpus's "jiirgenson-estonia" when the corpus came first); the address it had keeps answering
    (``SpeakerRedirect``, a permanent redirect), so every permalink keeps working. Returns whether it moved.
    """
    base = slugify(speaker_slug_base(speaker.name, speaker.country))[:190] or "speaker"
    if speaker.slug == base or re.fullmatch(rf"{re.escape(base)}-\d+", speaker.slug):
        return False
    SpeakerRedirect.objects.filter(slug=base, speaker=speaker).delete()  # an address it had before: its own again
    old = speaker.slug
    speaker.slug = unique_slug(Speaker, speaker_slug_base(speaker.name, speaker.country))
    Speaker.objects.filter(pk=speaker.pk).update(slug=speaker.slug)
    SpeakerRedirect.objects.get_or_create(slug=old, defaults={"speaker": speaker})
    return True


def file_under(speaker, country):
    """File ``speaker``'s statements that stand under no country, or under the UN where the corpus filed
    them, under ``country``, the State or body a source has just said the person serves (the corpus's
    "International Committee of the Red Cross" for the "Mr. Mardini" a record printed bare, with no post;
    Belgium for the "Mr. Pecsteen de Buytswerve" the corpus once filed under "UN"): as ingest files them
    when the person is known first."""
    rows = list(Statement.objects.filter(Q(country=None) | Q(country__name=people.UNITED_NATIONS),
                                         speaker=speaker, procedural=False)
                .exclude(role__in=[Statement.Role.PRESIDENT, Statement.Role.CHAIR]).only("pk", "speaker_label"))
    for row in rows:
        row.country, row.speaker_label = country, with_organisation(row.speaker_label, country)[:300]
    Statement.objects.bulk_update(rows, ["country", "speaker_label"], batch_size=500)  # one UPDATE a batch
    indexing.schedule([row.pk for row in rows])


def relabel(speaker, old_name):
    """Print ``speaker``'s new spelling in the labels of their statements that carry ``old_name``.

    One label everywhere: results show a statement's label, facets the speaker's.
    """
    rows = Statement.objects.filter(speaker=speaker, speaker_label__contains=old_name)
    ids = list(rows.values_list("pk", flat=True))
    if ids:
        Statement.objects.filter(pk__in=ids).update(
            speaker_label=Replace("speaker_label", Value(old_name), Value(speaker.name)))
        with_honorific(speaker, ids)
        indexing.schedule(ids)


def with_honorific(speaker, ids=None):
    """Print ``speaker``'s honorific before their name in the labels (of ``ids``, else all of theirs) that
    begin with the bare name, as ``_named`` labels them: a letter's "Egriselda Lopez" is "Mrs. Gonzalez
    Lopez" once the records say so, whichever came first. Returns the ids relabelled."""
    if not speaker.honorific:
        return []
    rows = Statement.objects.filter(speaker=speaker, speaker_label__startswith=f"{speaker.name}")
    rows = rows.filter(pk__in=ids) if ids is not None else rows
    relabelled = list(rows.values_list("pk", flat=True))
    Statement.objects.filter(pk__in=relabelled).update(
        speaker_label=Concat(Value(f"{speaker.honorific} "), "speaker_label"))
    return relabelled


def label_for(label, printed, speaker, role="", on=None):
    """A statement's label with the speaker's name as the portal spells it.

    A President (speaking for their country or in the chair) and an office holder
    are named in it: the record prints "The President (spoke in Russian)" or "The
    Secretary-General", a result list needs to say who that was; and the honorific
    the speaker has is printed with their name. An office holder's statement is
    labelled as the records label it whatever the source prints (``on``: the meeting's date).
    """
    label = _named(label, printed, speaker, role)
    if speaker and role not in ("president", "chair"):
        label = people.office_label(label, f"{speaker.honorific} {speaker.name}".strip(), speaker.name, on)
    return label


def _named(label, printed, speaker, role):
    printed = people.clean(printed)
    if speaker and printed and printed != speaker.name and printed in label and not people.is_office(printed):
        label = label.replace(printed, speaker.name)
    if not speaker:
        return label
    who = f"{speaker.honorific} {speaker.name}".strip()
    if role in ("president", "chair") and label.startswith("The President") and speaker.name not in label:
        country = f", {speaker.country.name}" if speaker.country_id else ""
        return label.replace("The President", f"The President ({who}{country})", 1)
    office = _OFFICE_LABEL_RE.match(label)
    if office and people.is_office(office["title"]) and speaker.name not in label:
        return label.replace(office["title"], f"{office['title']} ({who})", 1)
    # The corpus's letters print "Guterres" where the records print "Mr. Guterres": one label everywhere.
    if speaker.honorific and label.startswith(speaker.name) and not label.startswith(who):
        return f"{speaker.honorific} {label}"
    return label


_OFFICE_LABEL_RE = re.compile(r"^(?P<title>(?:The\s+)?[^(:]+?)\s*(?=\(|$)")


NATIONAL_CAPACITY_RE = re.compile(
    r"\b(?:in\s+(?:my|our|its)\s+(?:national\s+)?capacity|in\s+my\s+capacity\s+as|"
    r"as\s+the\s+representative\s+of|on\s+behalf\s+of\s+my\s+(?:country|Government|delegation))\b",
    re.IGNORECASE)
# A President's turn longer than this is a statement even without the formula above
# (the 2020 letters print the presidency's national statement as its own turn) ...
CHAIR_MAX_WORDS = 150
# ... unless it opens with one of the chair's formulas, whatever its length.
CHAIR_OPENING_RE = re.compile(
    r"^\s*(?:I\s+have\s+the\s+honour\s+to\s+(?:enclose|refer|transmit|inform)|"
    r"In\s+accordance\s+with\s+(?:rule|the\s+understanding)|The\s+Security\s+Council\s+will\s+now|"
    r"Before\s+we\s+adopt\s+the\s+agenda|I\s+wish\s+to\s+remind|[I1]\s+should\s+like\s+to\s+take\s+this\s+"
    r"opportunity\s+to\s+pay\s+tribute|I\s+(?:now\s+)?(?:give|call\s+on))",
    re.IGNORECASE)


# ... nor when it does what only the chair does, wherever in the turn: invites under rules 37 and 39
# (an opening that first welcomes ministers, S/PV.8699), rules on procedure, conducts a vote or a ballot
# (S/PV.8773's election), suspends the meeting, gives the floor.
CHAIR_BUSINESS_RE = re.compile(
    r"\b(?:rules?\s+3[79]\b|provisional\s+rules\s+of\s+procedure|ballot\s+papers?|result\s+of\s+the\s+voting|"
    r"(?:will|shall)\s+now\s+(?:proceed|begin|vote|suspend)|suspend\s+the\s+meeting|[I1]\s+(?:now\s+)?give\s+the\s+floor|"
    r"making\s+a\s+ruling|to\s+vote\s+on\s+the\s+draft)",
    re.IGNORECASE)


def president_role(text):
    """``president`` for a President speaking for their country, ``chair`` for procedure in the chair.

    The records say when a President speaks "in my capacity as the representative
    of …"; everything else they say in the chair (giving the floor, announcing a
    vote) is procedure, unless it is long enough to be a statement and is none of the chair's business.
    """
    if NATIONAL_CAPACITY_RE.search(text):
        return Statement.Role.PRESIDENT
    if len(text.split()) > CHAIR_MAX_WORDS and not CHAIR_OPENING_RE.match(text) and not CHAIR_BUSINESS_RE.search(text):
        return Statement.Role.PRESIDENT
    return Statement.Role.CHAIR


def _organisation(parsed):
    """The organisation (a ``Country`` row) a speaker printed with no State serves, from the post the
    record introduced them with: the UN for its officials, the European Union for its observer.

    The corpus files the same people under these rows ("UN", "EU"), so a person's statements stand
    under one name in the country facet, its filter and its page whichever source they came from.
    """
    if parsed.role in ("president", "chair") or not parsed.speaker:
        return None
    name = organisation_of(parsed.affiliation or parsed.post)
    return _country(name) if name else None


def with_organisation(label, organisation):
    """``label`` naming the organisation as the corpus's labels and the speaker's do: "Mr. Skoog" →
    "Mr. Skoog (European Union)". Not the UN: the corpus prints its officials bare, as the records do,
    and a speaker is never filed under it (``people.speaker_country``)."""
    if organisation is None or organisation.name == people.UNITED_NATIONS or f"({organisation.name})" in label:
        return label
    name, bracket, rest = label.partition(" (")
    return f"{name} ({organisation.name}){bracket}{rest}"


def with_state_name(label, printed, country, on=None):
    """``label`` naming its State as the records printed it on ``on``: "(Saint Vincent and Grenadines)"
    (the corpus's slip) → "(Saint Vincent and the Grenadines)", as the facet and the speaker's label name
    it (the table names each State as the records print it in a label, ``data/countries.tsv``); and a
    State the UN has renamed since by the name its records printed then (``data/former_names.tsv``):
    "Mr. Sinirlioğlu (Turkey)" in 2020, though the facet groups him under Türkiye. A label is what the
    record printed."""
    if country is None:
        return label
    shown = name_on(country.name, on)
    printed = " ".join((printed or "").split())
    if printed and printed != shown:
        label = label.replace(f"({printed})", f"({shown})", 1)
    if shown != country.name:  # the corpus's labels and a President's name the State as the table does
        label = label.replace(f"({country.name})", f"({shown})").replace(f", {country.name})", f", {shown})")
        if label == f"The representative of {country.name}":
            label = f"The representative of {shown}"
    return label


def get_resolution(ref):
    if ref.body == GA:
        lookup = {"body": Resolution.Body.GENERAL_ASSEMBLY, "session": ref.session, "number": ref.number}
    else:
        lookup = {"body": Resolution.Body.SECURITY_COUNCIL, "number": ref.number}
    memo = getattr(_lookups, "memo", None)
    key = ("resolution", *lookup.values())
    resolution = memo.get(key) if memo is not None else None
    if resolution is None:
        resolution, created = Resolution.objects.get_or_create(**lookup, defaults={"year": ref.year})
        if memo is not None:
            memo[key] = resolution
    else:
        created = False
    if not created and ref.year and not resolution.year:
        resolution.year = ref.year
        resolution.save(update_fields=["year"])
    return resolution


def unique_slug(model, text, limit=190):
    base = slugify(text)[:limit] or model.__name__.lower()
    slug, n = base, 2
    # A merged speaker's address stays theirs (``SpeakerRedirect``): a new speaker never takes it.
    while model.objects.filter(slug=slug).exists() or (
            model is Speaker and SpeakerRedirect.objects.filter(slug=slug).exists()):
        slug, n = f"{base}-{n}", n + 1
    return slug


def printed_names(record):
    """``people.key`` of every name ``record`` prints: its speakers and its cover's members and President."""
    cover = record.meeting
    names = [parsed.speaker for parsed in record.statements]
    if cover is not None:
        names += [member.get("name", "") for member in cover.members]
        names += [person.get("name", "") for person in [cover.president or {}, *(cover.president or {}).get("also", [])]]
    return frozenset(people.key(name) for name in names if name)


def _wanted_rows(record, meeting, source):
    """(field values, resolution ids) for every item of the record, in order."""
    rows = []
    on = meeting.date if meeting else None
    official = meeting is None or meeting.origin == Meeting.Origin.RECORD
    printed = printed_names(record)
    for parsed in record.statements:
        country = _country(parsed.country)
        organisation = _organisation(parsed) if country is None else None
        # Full names and posts as the record's invitations and floor-giving lines print them.
        post = parsed.post or (parsed.affiliation if parsed.role == "briefer" else "")
        speaker = (get_speaker(parsed.speaker, parsed.honorific, organisation or country, on=on,
                               full_name=parsed.full_name, post=post, printed=printed, official=official)
                   if parsed.speaker else None)
        role = president_role(parsed.text) if parsed.role == "president" else (parsed.role or "")
        label = with_state_name(label_for(parsed.label, parsed.speaker, speaker, role, on=on), parsed.country, country, on)
        if country is None and organisation is None and role not in ("president", "chair") and speaker:
            organisation = speaker.country  # no post printed: the body another source filed the person under
        elif (country or organisation) is not None and (country or organisation).name == people.UNITED_NATIONS \
                and speaker and speaker.country_id and role not in ("president", "chair"):
            # The corpus files some States' representatives under "UN" ("Mr. Pecsteen de Buytswerve"), and
            # "Permanent Representative of Morocco to the United Nations" names the UN: a speaker is never
            # filed under the UN (``people.speaker_country``), so one filed under a State or a body stands under it.
            country, organisation = None, speaker.country
        country = country or organisation
        values = {
            "order": parsed.order, "procedural": False, "speaker_id": speaker.pk if speaker else None,
            "country_id": country.pk if country else None,
            "speaker_label": with_organisation(label, organisation)[:300],
            "role": role,
            "language": parsed.language or "en",
            "on_behalf_of": (parsed.on_behalf_of or "")[:300],
            "affiliation": parsed.affiliation[:300], "text": parsed.text,
        }
        rows.append((values, {get_resolution(ref).pk for ref in parsed.resolutions}))
    for line in record.procedural:
        values = {
            "order": line.order, "procedural": True, "speaker_id": None, "country_id": None,
            "speaker_label": "", "role": "", "language": "en", "on_behalf_of": "", "affiliation": "",
            "text": line.text,
        }
        rows.append((values, set()))
    for values, _ in rows:
        values.update(meeting_id=meeting.pk if meeting else None, source="" if meeting else source,
                      word_count=len(values["text"].split()))
    return sorted(rows, key=lambda row: row[0]["order"])


def _save_statements(record, meeting, source, result):
    existing_qs = (Statement.objects.filter(meeting=meeting) if meeting
                   else Statement.objects.filter(meeting=None, source=source))
    existing = list(existing_qs.prefetch_related("resolutions"))
    wanted = _wanted_rows(record, meeting, source)

    # Match rows so that permalinks survive: same speaker and text first, then position.
    by_content = {}
    for row in existing:
        by_content.setdefault((row.speaker_label, row.text), []).append(row)
    matches = [None] * len(wanted)
    for i, (values, _) in enumerate(wanted):
        candidates = by_content.get((values["speaker_label"], values["text"]))
        if candidates:
            matches[i] = candidates.pop(0)
    used = {row.pk for row in matches if row}
    by_order = {row.order: row for row in existing if row.pk not in used}
    for i, (values, _) in enumerate(wanted):
        if matches[i] is None and values["order"] in by_order:
            matches[i] = by_order.pop(values["order"])
            used.add(matches[i].pk)

    stale = [row for row in existing if row.pk not in used]
    if stale:
        Statement.objects.filter(pk__in=[row.pk for row in stale]).delete()
        result.removed = len(stale)

    through = Statement.resolutions.through
    new_rows, new_links, changed_ids = [], [], []
    for (values, resolution_ids), row in zip(wanted, matches):
        if row is None:
            new_rows.append((Statement(**values), resolution_ids))
            continue
        current = {r.pk for r in row.resolutions.all()}
        if all(getattr(row, k) == v for k, v in values.items()) and current == resolution_ids:
            result.unchanged += 1
            continue
        Statement.objects.filter(pk=row.pk).update(**values)
        if current != resolution_ids:
            through.objects.filter(statement_id=row.pk).delete()
            new_links += [through(statement_id=row.pk, resolution_id=r) for r in resolution_ids]
        result.updated += 1
        changed_ids.append(row.pk)

    # Bulk writes send no signals: the index write is scheduled once, below.
    created = Statement.objects.bulk_create([row for row, _ in new_rows])
    for row, (_, resolution_ids) in zip(created, new_rows):
        new_links += [through(statement_id=row.pk, resolution_id=r) for r in resolution_ids]
        changed_ids.append(row.pk)
    through.objects.bulk_create(new_links)
    result.created = len(created)

    indexing.schedule(changed_ids + [row.pk for row in stale])
