"""The cover page: symbol, meeting, date and time, place, President, members, agenda."""
from datetime import datetime
import re

from .furniture import NOTICE_START, clean_line, is_furniture, segments

SYMBOL_RE = re.compile(r"^(?P<symbol>S/PV\.(?P<number>\d+))(?:\s*\(Resumption\s*(?P<resumption>\d+)\))?\s*$")
MEETING_RE = re.compile(r"^(?P<number>\d+)(?:st|nd|rd|th) meeting\s*$")
DATE_RE = re.compile(
    r"^(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+)?"
    r"(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})(?:,\s*(?P<time>.+?))?\s*$"
)
TIME_THEN_PLACE_RE = re.compile(r"^(?P<time>\d{1,2}(?:\.\d{2})?\s*[ap]\.m\.)\s*(?P<place>.*?)(?:\s*Provisional)?$")
PERSON_RE = re.compile(r"^(?P<honorific>(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr|Lord)\.?)\s+(?P<name>.+?)\s*$")


# The same parts anywhere in a line, for layouts that join them with single spaces
# (``United Nations S/PV.8698``, ``Seventy-fifth year 8698th meeting``).
SYMBOL_IN_RE = re.compile(r"(?:^|\s)(?P<symbol>S/ ?PV\.)\s?(?P<number>\d+)(?:\s*\(Resumption\s*(?P<resumption>\d+)\))?")
MEETING_IN_RE = re.compile(r"(?:^|\s)(?P<number>\d+)(?:st|nd|rd|th) meeting\b")
DATE_IN_RE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})"
    r"(?:,\s*(?P<time>\d{1,2}(?:\.\d{2})?\s*[ap]\.m\.))?"
)


def looks_like_cover(page):
    return bool(SYMBOL_IN_RE.search(page) and "President:" in page and MEETING_IN_RE.search(page))


LEADER_SPLIT_RE = re.compile(r"\.(?:[ \t]*\.)+")  # a dot leader, starting at its first dot
LEADER_DOTS_RE = re.compile(r"\.(?:\s*\.)+")  # two or more dots and the spaces between them


def leaders(line):
    """The (start, end) of each dot leader in ``line`` with the spaces either side of it.

    Found from their dots, so a long run of spaces costs one pass; a pattern that starts with
    ``\\s*`` (``(?:\\s*\\.){2,}``) is tried at every space and took seconds on one long line."""
    spans, last = [], 0
    for m in LEADER_DOTS_RE.finditer(line):
        start, end = m.start(), m.end()
        while start > last and line[start - 1].isspace():
            start -= 1
        while end < len(line) and line[end].isspace():
            end += 1
        spans.append((start, end))
        last = end
    return spans


def without_leaders(line, between=" "):
    """``line`` with each dot leader and the spaces either side of it replaced by ``between``."""
    parts, last = [], 0
    for start, end in leaders(line):
        parts += [line[last:start], between]
        last = end
    return "".join(parts) + line[last:]


def ends_in_leader(line):
    """``(text before the leader, True)`` if ``line`` ends with a dot leader, else ``(line, False)``."""
    spans = leaders(line)
    if spans and spans[-1][1] == len(line):
        return line[:spans[-1][0]], True
    return line, False
COUNTRY_WORDS = 8  # the most words of a member's name (United Kingdom of Great Britain and Northern Ireland)


def _member_run(text):
    """The members' table printed on one line (``Belgium. . . Mr. Pecsteen de Buytswerve China. . .
    Mr. Wu Haitao …``, PyMuPDF's XHTML) as one part a line: each country with its leader, each
    person. Between two leaders a person's name runs into the next country's, which is told by the
    project's list of States (the longest name ending there). Else ``[text]``."""
    from statements.countries import known_names

    pieces = [piece.strip() for piece in LEADER_SPLIT_RE.split(text)]
    if len(pieces) < 3:
        return [text]
    out = [f"{pieces[0]} . ."]
    for middle in pieces[1:-1]:
        words = middle.split()
        size = next((k for k in range(min(COUNTRY_WORDS, len(words) - 1), 0, -1)
                     if " ".join(words[-k:]).replace("’", "'").lower() in known_names()), None)
        if size is None:
            return [text]
        out += [" ".join(words[:-size]), " ".join(words[-size:]) + " . ."]
    return out + [pieces[-1]]


def _cover_lines(page):
    """The cover's lines, one part each: layouts put several parts on one line
    (``President:   Mr. Dang . . . .   (Viet Nam)``, ``United Nations   S/PV.8698``, the members'
    table, see ``_member_run``)."""
    out = []
    for line in page.split("\n"):
        for part in segments(line):
            # "Provisional President:": a scan lost the line break after the record's mark
            head = re.match(r"^(?:Provisional )?(President:|Members:|Agenda(?= ))\s*(?P<rest>.*)$", part)
            if head and head[1] == "Members:" and head["rest"]:
                out += [head[1], *_member_run(head["rest"])]
            elif head:
                out += [head[1], head["rest"]] if head["rest"] else [head[1]]
            elif re.match(r"\.(?:\s?\.|$)", part) and out:  # a dot leader (". . .", "...") or a lone dot of
                # one (a doubled space inside the leader sets it apart) after a wide space
                out[-1] = f"{out[-1]} {part}"
            else:
                out.append(part)
    return out


def _person(text):
    match = PERSON_RE.match(text.strip())
    if not match:
        return {"name": text.strip(), "honorific": ""}
    return {"name": match["name"].strip(), "honorific": match["honorific"]}


def parse_cover(page):
    """A dict of the meeting's fields read from the cover page text."""
    lines = [line for line in _cover_lines(page) if not is_furniture(line)]
    info = {"symbol": "", "number": None, "resumption": 0, "date": None, "time": "",
            "place": "", "agenda": "", "president": None, "members": []}
    i = 0
    while i < len(lines):
        line = lines[i]
        if (m := SYMBOL_RE.match(line)) and not info["symbol"]:
            info["symbol"], info["number"] = m["symbol"], int(m["number"])
            info["resumption"] = int(m["resumption"] or 0)
        elif m := MEETING_RE.match(line):
            info["number"] = int(m["number"])
        elif m := DATE_RE.match(line):
            info["date"] = datetime.strptime(m["date"], "%d %B %Y").date()
            info["time"] = (m["time"] or "").strip()
            if (joined := TIME_THEN_PLACE_RE.match(info["time"])) and joined["place"]:
                info["time"], info["place"] = joined["time"], joined["place"]  # "3 p.m. New York Provisional"
            elif i + 1 < len(lines) and lines[i + 1] not in ("Provisional", "President:"):
                info["place"] = lines[i + 1]
        elif line == "President:":
            i = _read_president(lines, i + 1, info)
            continue
        elif line == "Members:":
            i = _read_members(lines, i + 1, info)
            continue
        elif line == "Agenda":
            agenda = []
            for rest in lines[i + 1:]:
                if rest.startswith(NOTICE_START):
                    break
                agenda.append(rest)
            info["agenda"] = _agenda_title(agenda)
            info["agenda_text"] = " ".join(agenda)
            break
        i += 1
    _fill_from_joined_parts(page, info)
    return info


def _fill_from_joined_parts(page, info):
    """Symbol, number and date read anywhere in the page when no line held them alone."""
    text = " ".join(page.split())
    if not info["symbol"] and (m := SYMBOL_IN_RE.search(text)):
        info["symbol"], info["number"] = f"S/PV.{m['number']}", int(m["number"])
        info["resumption"] = int(m["resumption"] or 0)
    if info["number"] is None and (m := MEETING_IN_RE.search(text)):
        info["number"] = int(m["number"])
    if info["date"] is None and (m := DATE_IN_RE.search(text)):
        info["date"] = datetime.strptime(m["date"], "%d %B %Y").date()
        info["time"] = (m["time"] or "").strip()


def _read_president(lines, i, info):
    """``Mr. Pham Binh Minh/Mr. Dang . . .`` then ``(Viet Nam)``."""
    names = without_leaders(lines[i]).strip()
    country = ""
    same_line = re.match(r"^(?P<names>.+?)\s*\((?P<country>[^()]+)\)$", names)
    if same_line:  # "Mr. Dang . . . . (Viet Nam)" on one line
        names, country = same_line["names"].strip(), same_line["country"].strip()
    opening = names.rfind("(")
    if (not country and opening > 0 and ")" not in names[opening:] and i + 1 < len(lines)
            and re.fullmatch(r"[^()]{1,60}\)", lines[i + 1].strip())):
        # "Mr. Nebenzia . . . (Russian" / "Federation)": the country wrapped at the line's end
        names, country = names[:opening].strip(), f"{names[opening + 1:]} {lines[i + 1].strip()[:-1]}"
        i += 1
    people = [_person(part) for part in names.split("/") if part.strip()]
    if not country and i + 1 < len(lines) and lines[i + 1].startswith("("):
        country = lines[i + 1].strip("() ")
        i += 1
        if not lines[i].rstrip().endswith(")") and i + 1 < len(lines) and re.fullmatch(r"[^()]{1,60}\)",
                                                                                     lines[i + 1].strip()):
            country = f"{country} {lines[i + 1].strip()[:-1]}"  # "(Russian" / "Federation)"
            i += 1
    country = " ".join(country.split())
    president = dict(people[0]) if people else {"name": "", "honorific": ""}
    president["country"] = country
    president["printed"] = names
    if len(people) > 1:
        president["also"] = people[1:]
    info["president"] = president
    return i + 1


def _is_state(text):
    from statements.countries import known_names

    return " ".join(text.split()).replace("’", "'").lower() in known_names()


def _read_members(lines, i, info):
    """Members until the agenda: ``Country . . . .`` then ``Mr. Name`` (or both on one line), or
    the column of countries then the column of names, as an extractor that reads the table by
    columns prints it."""
    entries = []  # ("member", dict) paired on one line, ("country", name) or ("person", dict)
    while i < len(lines) and lines[i] != "Agenda":
        line = lines[i]
        country, person = _member_on_one_line(line)
        before_leader, leader = ends_in_leader(line)
        if not leader and _is_state(line.removesuffix(".")):  # "Belgium .": its leader's first dot, the rest
            before_leader, leader = line[:-1], True  # cut into boxes of their own (pdfminer, tight margins)
        if person:  # "Belgium . . . . Mr. Pecsteen de Buytswerve" on one line
            entries.append(("member", {"country": country, **_person(person)}))
        elif PERSON_RE.match(line):
            entries.append(("person", _person(line)))
        elif leader or (i + 1 < len(lines) and PERSON_RE.match(lines[i + 1])):
            entries.append(("country", before_leader.strip()))
        i += 1
    info["members"] += _pair_members(entries)
    return i


HONORIFIC_START_RE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr)\.\s.")


def _member_on_one_line(line):
    """``(country, person)`` of ``Belgium . . . . Mr. Pecsteen de Buytswerve``: the leader starts at
    the line's first dot (a member's name has none) and a person follows it; else ``(None, None)``."""
    first_dot = line.find(".")
    spans = leaders(line)
    if first_dot < 1 or not spans or line[first_dot] != "." or not line[:first_dot].strip():
        return None, None
    start, end = next(((s, e) for s, e in spans if s <= first_dot < e), (None, None))
    if start is None or not HONORIFIC_START_RE.match(line, end):
        return None, None
    return line[:start].strip(), line[end:]


def _pair_members(entries):
    kinds = [kind for kind, _ in entries]
    countries = [value for kind, value in entries if kind == "country"]
    people = [value for kind, value in entries if kind == "person"]
    by_columns = len(countries) > 1 and people and kinds.index("person") > max(
        i for i, kind in enumerate(kinds) if kind == "country")
    if by_columns:
        entries = [("member", {"country": country, **(people[j] if j < len(people) else _person(""))})
                   for j, country in enumerate(countries)] + [e for e in entries if e[0] == "member"]
    members = []
    for j, (kind, value) in enumerate(entries):
        if kind == "member":
            members.append(value)
        elif kind == "country":
            person = entries[j + 1][1] if j + 1 < len(entries) and entries[j + 1][0] == "person" else _person("")
            members.append({"country": value, **person})
    return members


def _agenda_title(lines):
    """The agenda item's title: the first line(s) before a sub-item.

    The cover prints the item (``The situation in the Middle East``) and below it
    the documents (``Letter dated …``, ``Report of the Secretary-General …``) or
    a sub-title; a title that wraps continues in lower case.
    """
    if not lines:
        return ""
    title = lines[0]
    for line in lines[1:]:
        if line[:1].islower() or title.endswith((",", "-", " and", " of", " the", " in")):
            title = f"{title} {line}"
        else:
            break
    return re.sub(r"\s+", " ", title).strip()


def split_cover(text):
    """(cover, rest) of a record whose cover page is not ended by a form feed.

    The cover ends with the corrections notice, the job number and a barcode.
    """
    lines = text.split("\n")
    end = None
    for i, line in enumerate(lines[:200]):
        stripped = clean_line(line).strip()
        if re.match(r"^\*\d{5,}\*$", stripped) or stripped.endswith("documents.un.org)."):
            end = i + 1
            if stripped.startswith("*"):
                break
    if end is None:
        return None, text
    while end < len(lines) and is_furniture(lines[end]):
        end += 1
    return "\n".join(lines[:end]), "\n".join(lines[end:])
