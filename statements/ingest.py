"""Save a parsed record: its meeting, speakers, countries, statements and citations.

Ingesting the same record twice changes nothing, and re-ingesting a corrected
record keeps the permalinks (primary keys) of the statements it still holds:
rows are matched first by speaker and text, then by position.
"""
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from . import indexing
from .countries import get_country
from .models import AgendaItem, Meeting, Resolution, Speaker, Statement
from .parser import ParsedRecord, parse_file
from .parser.citations import GA
from .parser.text import fold


@dataclass
class IngestResult:
    meeting: Meeting | None
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
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


def ingest_record(record: ParsedRecord, *, source=""):
    with transaction.atomic():
        meeting = save_meeting(record.meeting) if record.meeting else None
        result = IngestResult(meeting=meeting, source=source, warnings=list(record.warnings))
        _save_statements(record, meeting, source, result)
        if meeting:
            from .votes import record_votes  # votes are read from the saved turns

            record_votes(meeting)
    return result


def save_meeting(parsed):
    agenda = None
    if parsed.agenda:
        agenda, _ = AgendaItem.objects.get_or_create(
            title=parsed.agenda[:500], defaults={"slug": unique_slug(AgendaItem, parsed.agenda)}
        )
    president = parsed.president or {}
    presiding_country = get_country(president.get("country"))
    president_speaker = (
        get_speaker(president["name"], president.get("honorific", ""), presiding_country)
        if president.get("name") else None
    )
    values = {
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
    members = [get_country(m.get("country")) for m in parsed.members]
    meeting.members.set([c for c in members if c])
    for ref in parsed.adopted:
        resolution = get_resolution(ref)
        if resolution.adopted_at_id != meeting.pk:
            resolution.adopted_at = meeting
            resolution.save(update_fields=["adopted_at"])
    return meeting


def get_speaker(name, honorific, country):
    """The speaker of that name and country; records differ in accents ("De Riviere")."""
    speaker = Speaker.objects.filter(name=name, country=country).first()
    if speaker is None:
        folded = _fold(name)
        same_country = Speaker.objects.filter(country=country)
        speaker = next((s for s in same_country if _fold(s.name) == folded), None)
    if speaker is None:
        speaker = Speaker.objects.create(
            name=name, honorific=honorific or "", country=country,
            slug=unique_slug(Speaker, f"{name} {country.name if country else ''}"),
        )
    return speaker


def _fold(name):
    """A name without accents, case or spacing differences."""
    return " ".join(fold(name).split())


def get_resolution(ref):
    if ref.body == GA:
        lookup = {"body": Resolution.Body.GENERAL_ASSEMBLY, "session": ref.session, "number": ref.number}
    else:
        lookup = {"body": Resolution.Body.SECURITY_COUNCIL, "number": ref.number}
    resolution, created = Resolution.objects.get_or_create(**lookup, defaults={"year": ref.year})
    if not created and ref.year and not resolution.year:
        resolution.year = ref.year
        resolution.save(update_fields=["year"])
    return resolution


def unique_slug(model, text, limit=190):
    base = slugify(text)[:limit] or model.__name__.lower()
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _wanted_rows(record, meeting, source):
    """(field values, resolution ids) for every item of the record, in order."""
    rows = []
    for parsed in record.statements:
        country = get_country(parsed.country)
        speaker = get_speaker(parsed.speaker, parsed.honorific, country) if parsed.speaker else None
        values = {
            "order": parsed.order, "procedural": False, "speaker_id": speaker.pk if speaker else None,
            "country_id": country.pk if country else None, "speaker_label": parsed.label[:300],
            "role": parsed.role or "", "language": parsed.language or "en",
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
