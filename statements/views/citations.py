"""Citations of a statement and of a set of results: plain text, BibTeX and RIS.

A statement is cited as a speech in a meeting record: its author is the
speaker as the record names them, its container the record's symbol (the UN's
own citation), and its address the portal's permalink, which survives a
re-import of the record.
"""
import re

PUBLISHER = "United Nations Security Council"


def _when(statement):
    meeting = statement.meeting
    return meeting.date if meeting and meeting.date else None


def plain(statement, url):
    """A line to copy into a paper: who, where, when, the official record and the permalink."""
    meeting = statement.meeting
    return plain_of(statement.speaker_label, meeting.full_symbol if meeting else None, _when(statement), url)


def plain_of(speaker_label, meeting_symbol, day, url):
    """``plain`` from a statement's fields (its export row's ``speaker``, ``meeting`` and date); the meeting's
    symbol is ``None`` for a statement of no meeting."""
    parts = [speaker_label or "Procedural note"]
    if meeting_symbol is not None:
        parts.append(f"{PUBLISHER}, {meeting_symbol}")
        if day:
            parts.append(day.strftime("%-d %B %Y"))
    else:
        parts.append(PUBLISHER)
    return ", ".join(parts) + f". {url}"


def _title(statement):
    meeting = statement.meeting
    where = meeting.full_symbol if meeting else statement.source
    agenda = meeting.agenda_item.title if meeting and meeting.agenda_item_id and meeting.agenda_item else ""
    title = f"Statement by {statement.speaker_label or 'the Council'} at {where}"
    return f"{title}: {agenda}" if agenda else title


def _note(statement):
    """Where in its document the statement stands: a 2020 meeting by videoconference has no record, its
    statements are published in a letter (``Meeting.is_letter``)."""
    meeting = statement.meeting
    return f"Statement {statement.order} of the {'letter' if meeting and meeting.is_letter else 'meeting record'}"


def _bibtex_value(text):
    """Braces and backslashes would end or escape a BibTeX field; LaTeX specials are escaped."""
    text = re.sub(r"[{}\\]", "", str(text))
    return re.sub(r"([&%$#_])", r"\\\1", text)


def bibtex(statement, url):
    when = _when(statement)
    meeting = statement.meeting
    fields = [
        ("title", _title(statement)),
        ("organization", PUBLISHER),
        ("howpublished", meeting.full_symbol if meeting else statement.source),
        ("year", when.year if when else None),
        ("month", when.strftime("%b").lower() if when else None),
        ("date", when.isoformat() if when else None),
        ("url", url),
        ("note", _note(statement)),
    ]
    # Double braces: a speaker label ("Mr. Nebenzia (Russian Federation)") is not "Last, First".
    lines = [f"  author = {{{{{_bibtex_value(statement.speaker_label or PUBLISHER)}}}}}"]
    lines += [f"  {name} = {{{value if name == 'url' else _bibtex_value(value)}}}" for name, value in fields if value]
    return f"@misc{{unsc-statement-{statement.pk},\n" + ",\n".join(lines) + "\n}\n"


def _ris_value(text):
    return " ".join(str(text).split())  # one line per tag


def ris(statement, url):
    when = _when(statement)
    meeting = statement.meeting
    lines = [
        ("TY", "GOVDOC"),
        ("AU", statement.speaker_label or PUBLISHER),
        ("TI", _title(statement)),
        ("PB", PUBLISHER),
        ("T2", meeting.full_symbol if meeting else statement.source),
        ("DA", when.strftime("%Y/%m/%d") if when else None),
        ("PY", when.year if when else None),
        ("UR", url),
        ("N1", _note(statement)),
    ]
    text = "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def of_results(query, count, url, when):
    """A plain citation of a result set: what was searched, how many, when, where to see it again."""
    what = f"search for “{query}”" if query else "filtered list of statements"
    return (f"Security Council statements portal, {what} ({count} statement{'s' if count != 1 else ''}), "
            f"retrieved {when.strftime('%-d %B %Y')}. {url}")
