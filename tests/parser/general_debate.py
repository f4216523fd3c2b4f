"""Round 10's records the parser never saw: General Assembly speeches laid out as Council meetings (issue 16).

The UN General Debate Corpus (``shared/corpus/UNGDC_1946-2024_TXT.zip``: one speech a State and
year, and ``Speakers_by_session.xlsx``: each speaker's name and post) is content no round has
parsed. ``MEETINGS`` meetings are made from it, each from one session's speakers, seeded by its
number (``random.Random(f"round10-{n}")``), so the same text each run:

* a year the meeting is held in (1946-2024) and the fifteen members, the five permanent ones
  under the names they bore that year (``Union of Soviet Socialist Republics`` until 1991), the
  others drawn from the session's States; one of them presides;
* the President opens: rule 37 for the States not on the Council that speak, rule 39 for a
  briefer (the European Union's speaker of the session, by name and post), the item; between
  the speeches the President gives the floor, and closes the meeting;
* six to ten speakers, each under a label as the Council's records print one: the honorific and
  the surname (``Mr. Rojas Galdames (Chile):``), the State as the data names it that year (a
  name of the project's country list is printed as the list prints it, a historical name as the
  data gives it: ``Yugoslavia``, ``Zaire``, ``Burma``, ``Swaziland``), no State for the briefer,
  ``(spoke in French)`` now and then for a State of another official language;
* surnames as the data gives them: capitals made a name's case (``Mr. Robert SCHUMAN`` →
  ``Mr. Schuman``), particles kept (``De Lurdes``, ``Van Rompuy``, ``Al-Sabah``), two surnames
  for States of Spanish (``Rojas Galdames``), the family name first for China, the Koreas and
  Viet Nam (``Mr. Wang Yi``, ``Mr. Nguyen``);
* the text: a piece of the speaker's own speech of that session (three to twelve sentences a
  paragraph group), the characters the typesetter's fonts print.

Rows left out, counted by ``left_out_rows``: no name or no honorific (the data gives no sex), a
country name no record would print (an abbreviation or a slip: ``CAR``, ``FDR``, ``Union of Sovier
Socialist Republics``), a name with a letter the fonts lack, no speech of that session in the
archive. Judged per turn (speaker and State) by ``reference.compare`` like rounds 8 and 9.

Split by meeting with ``random.Random(SEED)`` (seed 10: the meetings shuffled, the first half DEV).
"""
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
import io
import random
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

from statements.parser.text import fold

from .letters import printed_state
from .rebuilt import SHARED, SENTENCE_END_RE, _ordinal, _time
from .reference import RefTurn

UNGDC = SHARED / "corpus" / "UNGDC_1946-2024_TXT.zip"
SEED = 10  # the split's seed
MEETINGS = 64
HONORIFICS = {"Mr.": "Mr.", "Mr": "Mr.", "Mrs.": "Mrs.", "Ms.": "Ms.", "Sir": "Sir", "Dr.": "Dr.", "Sheikh": "Sheikh"}
PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le",
             "al", "el", "bin", "ben", "ibn", "abu", "ould", "mac", "ter", "ten", "st."}
CAPITALS_RE = re.compile(r"(?:Mc)?[A-Z][A-Z'-]*[A-Z]")  # a surname the data gives in capitals: ``SCHUMAN``
FAMILY_FIRST = {"CHN", "KOR", "PRK", "VNM"}
SPANISH = {"ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "ESP", "GTM", "HND", "MEX", "NIC", "PAN", "PER",
           "PRY", "SLV", "URY", "VEN", "GNQ"}
LANGUAGES = {"fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}
LANGUAGE_OF = {**{code: "es" for code in SPANISH}, "FRA": "fr", "BEL": "fr", "SEN": "fr", "CIV": "fr", "MLI": "fr",
               "NER": "fr", "TCD": "fr", "GAB": "fr", "COG": "fr", "COD": "fr", "CMR": "fr", "HTI": "fr", "BEN": "fr",
               "TGO": "fr", "GIN": "fr", "BFA": "fr", "MDG": "fr", "RUS": "ru", "BLR": "ru", "CHN": "zh", "EGY": "ar",
               "DZA": "ar", "SAU": "ar", "SYR": "ar", "TUN": "ar", "IRQ": "ar", "LBY": "ar", "MAR": "ar", "JOR": "ar",
               "LBN": "ar", "KWT": "ar", "YEM": "ar", "SDN": "ar", "ARE": "ar", "QAT": "ar", "OMN": "ar", "BHR": "ar"}
# Names the Council's records printed for States before they took today's (the data's spelling, folded).
HISTORICAL = {"union of soviet socialist republics", "yugoslavia", "zaire", "burma", "czechoslovakia",
              "german democratic republic", "federal republic of germany", "swaziland", "turkey",
              "yemen arab republic", "democratic yemen", "upper volta", "dahomey", "democratic kampuchea",
              "byelorussian soviet socialist republic", "ukrainian soviet socialist republic", "ceylon",
              "serbia and montenegro", "united arab republic", "khmer republic", "libyan arab jamahiriya",
              "union of burma", "tanganyika", "kampuchea", "the former yugoslav republic of macedonia"}
NUMBERED_RE = re.compile(r"(?:^|(?<=[.!?”’\"]))\s*\d{1,3}\.(?=\s)")  # the speeches' paragraph numbers: ``… day. 108. Progress``
PERMANENT = ("CHN", "FRA", "RUS", "GBR", "USA")
# Letters the typesetter's Times (groff's devpdf) prints: Latin-1's, and a few of Latin Extended-A.
PRINTABLE = set(chr(c) for c in range(0x20, 0x7F)) | set(chr(c) for c in range(0xC0, 0x100)) | \
    set("ŁłŠšŽžŒœŸ’‘“”–—")
ITEMS = ("The situation in the Middle East", "The situation in the Middle East, including the Palestinian question",
         "Maintenance of international peace and security", "Threats to international peace and security",
         "The question of South Africa", "The situation in Cyprus", "Admission of new Members",
         "The situation concerning Western Sahara", "Non-proliferation", "Protection of civilians in armed conflict")
ONES = "zero first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth " \
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
TENS = "_ _ twent thirt fort fift sixt sevent eight ninet".split()
CARDINAL = "_ one two three four five six seven eight nine".split()


def _ordinal_words(n):
    """``Thirtieth``, ``Seventy-fifth``: the ordinal of the Organization's year on a cover."""
    if n < 20:
        return ONES[n].capitalize()
    tens, ones = divmod(n, 10)
    return (f"{TENS[tens]}ieth" if not ones else f"{TENS[tens]}y-{ONES[ones]}").capitalize()


@lru_cache(maxsize=1)
def _speakers():
    """[{year, session, code, country, name}] of ``Speakers_by_session.xlsx`` (its first sheet)."""
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(UNGDC) as archive:
        book = zipfile.ZipFile(io.BytesIO(archive.read("UNGDC_1946-2024/Speakers_by_session.xlsx")))
    strings = ["".join(t.text or "" for t in si.iter(f"{ns}t"))
               for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall(f"{ns}si")]
    rows = []
    for row in ET.fromstring(book.read("xl/worksheets/sheet1.xml")).iter(f"{ns}row"):
        cells = {}
        for cell in row.findall(f"{ns}c"):
            value = cell.find(f"{ns}v")
            text = (strings[int(value.text)] if cell.get("t") == "s" else value.text) if value is not None else \
                "".join(t.text or "" for t in cell.iter(f"{ns}t"))
            cells[re.match(r"[A-Z]+", cell.get("r"))[0]] = " ".join((text or "").split())
        if cells.get("A", "").isdigit():
            rows.append({"year": int(cells["A"]), "session": int(cells["B"]), "code": cells.get("C", ""),
                         "country": cells.get("D", ""), "name": cells.get("E", ""), "post": cells.get("F", "")})
    return rows


@lru_cache(maxsize=1)
def _archive():
    return zipfile.ZipFile(UNGDC)


@lru_cache(maxsize=1)
def _speech_files():
    """{(code, session, year): the speech's file in the archive}."""
    return {(code, int(session), int(year)): member for member in _archive().namelist()
            if member.endswith(".txt") and "/TXT/" in member
            for code, session, year in [member.rsplit("/", 1)[1][:-4].split("_")]}


def _speech(code, session, year):
    member = _speech_files().get((code, session, year))
    return _archive().read(member).decode("utf-8", errors="replace") if member else None


def _cased(word):
    """A word the data gives in capitals in a name's case (``GALDAMES`` → ``Galdames``, ``AL-SABAH`` → ``Al-Sabah``)."""
    if not CAPITALS_RE.fullmatch(word):
        return word
    head = "Mc" if word.startswith("Mc") else ""
    return head + re.sub(r"[^\W\d_]+", lambda match: match[0][0] + match[0][1:].lower(), word[len(head):])


def surname(full_name, code):
    """(honorific, surname) as a label prints ``full_name`` of a State ``code``; None without an honorific."""
    words = full_name.replace("\u2019", "'").split()
    if not words or words[0] not in HONORIFICS or len(words) < 2:
        return None
    honorific, rest = HONORIFICS[words[0]], words[1:]
    capitals = [n for n, word in enumerate(rest) if CAPITALS_RE.fullmatch(word)]
    if capitals:  # ``Robert SCHUMAN``, ``ROJAS GALDAMES``: the data marks the surname
        named = rest[capitals[0]:]
    elif code in FAMILY_FIRST:
        named = rest if code != "VNM" else rest[:1]
    else:
        start = len(rest) - 1
        if code in SPANISH and len(rest) >= 3:
            start -= 1
        while start > 0 and rest[start - 1].lower() in PARTICLES:
            start -= 1
        named = rest[start:]
    printed = " ".join(_cased(word) for word in named)
    printed = printed[:1].upper() + printed[1:]
    return honorific, printed


def printed_country(country, year):
    """The State as a label of ``year`` prints it, or None where no record would print the data's name."""
    folded = fold(country)
    if folded in HISTORICAL and not (folded == "turkey" and year >= 2022):
        return country
    state = printed_state(country)
    if state is None or len(country) <= 4:  # ``CAR``, ``DRC``, ``FDR``: abbreviations no label prints
        return None
    if state == "Russian Federation" and year < 1992:
        return "Union of Soviet Socialist Republics"
    return state


def _printable(text):
    """``text`` in the letters the fonts print: others decomposed to their base letter, the rest dropped."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for char in text:
        if char in PRINTABLE:
            out.append(char)
        else:
            base = unicodedata.normalize("NFKD", char)[:1]
            out.append(base if base in PRINTABLE else " ")
    return " ".join("".join(out).split())


@lru_cache(maxsize=1)
def _people():
    """({(year, session): [person]}, Counter of rows left out by reason)."""
    sessions, dropped = defaultdict(list), Counter()
    for row in _speakers():
        code = row["code"].strip()
        if not row["name"]:
            dropped["no name"] += 1
            continue
        named = surname(row["name"], code)
        if named is None:
            dropped["no honorific (the data gives no sex)"] += 1
            continue
        if not set(row["name"]) <= PRINTABLE:
            dropped["a letter the fonts lack"] += 1
            continue
        if code in ("EU", "EC"):
            organisation = re.search(r" of the (European [A-Z][a-z]+)$", row["post"])
            if not organisation:
                dropped["a briefer with no post naming the body"] += 1
                continue
            state, briefer = None, organisation[1]
        else:
            state, briefer = printed_country(row["country"], row["year"]), None
            if state is None:
                dropped["a country name no record would print"] += 1
                continue
        if (code, row["session"], row["year"]) not in _speech_files():
            dropped["no speech of that session in the archive"] += 1
            continue
        sessions[(row["year"], row["session"])].append(
            {"code": code, "state": state, "briefer": briefer, "honorific": named[0], "surname": named[1],
             "full_name": " ".join(row["name"].split()[1:]), "post": row["post"], "year": row["year"],
             "session": row["session"]})
    return dict(sessions), dropped


def left_out_rows():
    """Counter of the speakers' rows left out, by reason."""
    return _people()[1]


def _sessions():
    """Sessions with enough speakers for a meeting, in order."""
    return sorted(key for key, people in _people()[0].items() if sum(1 for p in people if p["state"]) >= 20)


def _passage(person, rng):
    """Three to twelve sentences of the person's own speech, in the fonts' letters."""
    text = NUMBERED_RE.sub("", _printable(_speech(person["code"], person["session"], person["year"])))
    sentences = [s for s in SENTENCE_END_RE.split(text) if 20 <= len(s) <= 600 and not re.search(
        r"S/PV|\d{1,3}/\d{1,3}|\d{2}-\d{5}|[\\]|^\d|\b(?:Mr|Mrs|Ms)\.? [A-Z][\w-]+ \(|:$", s)]
    if len(sentences) < 3:
        return None
    take = rng.randint(3, min(12, len(sentences)))
    start = rng.randint(0, len(sentences) - take)
    return sentences[start:start + take]


def _paragraphs(sentences, rng):
    out = []
    while sentences:
        take = rng.randint(2, 5)
        out.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return out


def _label(person, rng):
    """``Mr. Surname (State) (spoke in French):``; the briefer's without a State."""
    if person["state"] is None:
        return f"{person['honorific']} {person['surname']}:"
    language = LANGUAGE_OF.get(person["code"])
    spoke = LANGUAGES[language] if language and rng.random() < 0.5 else None
    return f"{person['honorific']} {person['surname']} ({person['state']})" + \
        (f" (spoke in {spoke})" if spoke else "") + ":"


def _the(state):
    return ("the " if state.startswith(("United", "Republic", "Islamic", "Democratic", "Syrian", "Russian", "Union",
                                        "Federal", "German", "Yemen", "Libyan", "Plurinational", "Bolivarian",
                                        "Holy", "Niger", "Sudan", "Philippines", "Netherlands", "Czech",
                                        "Dominican", "Khmer", "Ukrainian", "Byelorussian"))
            else "") + state


def _listed(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def meeting(n):
    """Meeting ``n`` (0 to ``MEETINGS`` - 1) as a record's parts: {symbol, number, meeting, year,
    ordinal_year, date, when, title, president: (name, State), members: {State: name}, job, body:
    [(paragraph, kind)]}; kind is ``heading``, ``procedure``, ``speech`` or the label that starts the
    paragraph's turn."""
    return _made(n)[0]


@lru_cache(maxsize=None)
def _made(n):
    """(meeting ``n``'s parts, its turns as ``RefTurn``s)."""
    rng = random.Random(f"round10-{n}")
    year, session = rng.choice(_sessions())
    people = _people()[0][(year, session)]
    states = {}
    for person in people:
        if person["state"]:
            states.setdefault(person["code"], person)
    permanent = [code for code in PERMANENT if code in states]
    others = sorted(code for code in states if code not in PERMANENT)
    members = permanent + rng.sample(others, 15 - len(permanent))
    presidency = rng.choice(members)
    chair = states[presidency]
    outside = [code for code in others if code not in members]
    speakers = rng.sample([code for code in members if code != presidency], rng.randint(3, 6)) + \
        rng.sample(outside, rng.randint(2, 4))
    rng.shuffle(speakers)
    turns_of = [states[code] for code in speakers]
    briefer = next((person for person in people if person["briefer"]), None)
    if briefer:
        turns_of.insert(rng.randint(0, 1), briefer)
    passages = [_passage(person, rng) for person in turns_of]
    turns_of, passages = [person for person, passage in zip(turns_of, passages) if passage], \
        [passage for passage in passages if passage]
    day = date(year, rng.choice([9, 10, 11, 12]), rng.randint(1, 28))
    title = rng.choice(ITEMS)
    number = f"3{year % 100:02d}{n:02d}"
    symbol = f"S/PV.{number}"
    chair_name = f"{chair['honorific']} {chair['surname']}"
    body = [(f"The meeting was called to order at {_time(rng)}", "procedure"), ("Adoption of the agenda", "heading"),
            ("The agenda was adopted.", "procedure"), (title, "heading")]
    turns = []

    def say(label, paragraphs, person, country):
        body.append((f"{label} {paragraphs[0]}", label))
        body.extend((paragraph, "speech") for paragraph in paragraphs[1:])
        name = f"{person['honorific']} {person['surname']}"
        turns.append(RefTurn(len(turns) + 1, name, "The President" if label == "The President:" else "Guest",
                             country, f"{label} {' '.join(paragraphs)}"))

    invited = [_the(person["state"]) for person in turns_of if person["state"] and person["code"] not in members]
    opening = []
    rule = "In accordance with rule {} of the Council’s provisional rules of procedure, I invite "
    if invited:
        opening.append(rule.format(37) + f"the representative{'s' if len(invited) > 1 else ''} of "
                       f"{_listed(invited)} to participate in the discussion without the right to vote.")
    if briefer:
        opening.append(rule.format(39) + f"{briefer['honorific']} {briefer['full_name']}, {briefer['post']}, "
                       "to participate in this meeting.")
    opening.append("The Security Council will now begin its consideration of the item on its agenda.")
    president_country = chair["state"]
    for index, person in enumerate(turns_of):
        floor = (f"I give the floor to {person['honorific']} {person['full_name']}." if person["briefer"] else
                 f"I now give the floor to the representative of {_the(person['state'])}.")
        if index == 0:
            say("The President:", [" ".join(opening), floor], chair, president_country)
        else:
            before = turns_of[index - 1]
            thanks = f"I thank {before['honorific']} {before['surname']} for " + \
                ("her" if before["honorific"] in ("Mrs.", "Ms.") else "his") + " statement."
            say("The President:", [f"{thanks} {floor}"], chair, president_country)
        say(_label(person, rng), _paragraphs(passages[index], rng), person, person["state"] or person["briefer"])
    say("The President:", ["There are no more names inscribed on the list of speakers. The Security Council has "
                           "thus concluded the present stage of its consideration of the item on its agenda."],
        chair, president_country)
    body.append((f"The meeting rose at {_time(rng)}", "procedure"))
    cover_members = {states[code]["state"]: f"{states[code]['honorific']} {states[code]['surname']}"
                     for code in members if code != presidency}
    return {"symbol": symbol, "number": number, "meeting": f"{_ordinal(number)} meeting", "year": year,
            "ordinal_year": f"{_ordinal_words(year - 1945)} year", "date": f"{day.day} {day.strftime('%B')} {year}",
            "when": f"{day.strftime('%A')}, {day.day} {day.strftime('%B')} {year}, {_time(rng)}",
            "title": title, "president": (chair_name, president_country), "members": cover_members,
            "job": f"{year % 100:02d}-{rng.randint(10000, 99999)}", "body": body}, turns


def meetings():
    return list(range(MEETINGS))


def reference(n):
    """Meeting ``n``'s turns as ``reference.RefTurn``s: the speaker and State each label prints (the
    presidency's for the President, the body the post names for the briefer)."""
    return _made(n)[1]


def split():
    """(DEV, HELD_OUT): the meetings shuffled by ``random.Random(SEED)``, cut in two halves."""
    order = meetings()
    random.Random(SEED).shuffle(order)
    half = (len(order) + 1) // 2
    return sorted(order[:half]), sorted(order[half:])
