"""One speaker per person, whatever the source's spelling.

Records and the corpus name one person several ways: OCR renderings of "ü"
("Jiirgenson", "Jtirgenson", "Juiirgenson" for Jürgenson), accents dropped
("De Riviere"), straight or curly apostrophes (Ja'afari, Ja’afari), a first
name or not ("Sven Jürgenson"), a "(United Nations)" suffix, or only an office
("The Secretary-General"). ``find_person`` picks the existing speaker such a
name stands for; ``better_name`` which spelling the speaker keeps.
"""
from datetime import date
from functools import lru_cache
from pathlib import Path
import csv
import re

from .parser.text import fold

OFFICES = Path(__file__).parent / "data" / "offices.tsv"
UNITED_NATIONS = "United Nations"

_SUFFIX_RE = re.compile(r"\s*\((?:United Nations|UN)\)\s*$", re.IGNORECASE)
_TITLE_RE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|H\.?E)\.?|His Excellency|Her Excellency|Ambassador)\s+",
    re.IGNORECASE)
# How OCR renders "ü" (folded to "u") in the corpus: "ii", "ti", "uii", "tii".
_OCR_U_RE = re.compile(r"(?:uii|tii|ii|ti)")
_APOSTROPHES = str.maketrans({"’": "", "‘": "", "'": "", "`": "", "´": "", "-": " "})


def clean(name):
    """The name without a "(United Nations)" suffix or leading titles, spaces tidied."""
    name = _SUFFIX_RE.sub("", " ".join((name or "").split()))
    while (stripped := _TITLE_RE.sub("", name)) != name:
        name = stripped
    return name.strip()


# The name helpers below are pure functions of the printed name: an ingest compares each new
# name with every speaker of its country, so each speaker's keys are kept, not recomputed.
@lru_cache(maxsize=100_000)
def key(name):
    """Folded for comparison: no accents, apostrophes, hyphens or case."""
    return " ".join(fold(clean(name)).translate(_APOSTROPHES).split())


def ocr_key(name):
    """``key`` with OCR's renderings of "ü" read as "u": Jiirgenson, Jtirgenson → jurgenson."""
    return _OCR_U_RE.sub("u", key(name))


# Other letters OCR damages in the corpus, each read back one way: "ñ" as "fi" or "ii"
# (Bencosme Castafios, Castaiios), "ä"/"ö" as "ae"/"oe" (Auvaeart for Auväärt),
# "ć" as "¢e" (Backovi¢e).
_OCR_READINGS = (
    (re.compile(r"(?<=[aeiou])(?:fi|ii)(?=[aeiou])"), "n"),
    (re.compile(r"(?<=[a-z])([ao])e"), r"\1"),
    (re.compile(r"¢e?"), "c"),
)
# Words that end a name cut short: "Marc Pecsteen de" for Marc Pecsteen de Buytswerve.
_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den",
              "ten", "ter", "al", "el", "bin", "ibn"}


@lru_cache(maxsize=100_000)
def ocr_keys(name):
    """Every way ``name`` may read once OCR's damage is undone (``ocr_key`` first)."""
    base = key(name)
    keys = {_OCR_U_RE.sub("u", base)}
    for pattern, letter in _OCR_READINGS:
        if pattern.search(base):
            keys.add(pattern.sub(letter, base))
    return frozenset(keys)


def same_person(a, b, together=False):
    """Whether two printed names may be one person.

    Equal once folded and OCR's damage undone; one the other's surname ("Sven
    Jürgenson", "Jürgenson"); the same words in another order ("Bing Dai", "Dai
    Bing"); the same first and last names around middle names or initials
    ("Samson S. Itegboje"); or one cut short after a particle ("Marc Pecsteen de").
    An accented letter read as another letter needs evidence (see ``_accent_misread``):
    ``together`` says one record printed both spellings.
    """
    if not a or not b:
        return False
    keys_a, keys_b = ocr_keys(a), ocr_keys(b)
    if keys_a & keys_b or _accent_misread(a, b, together):
        return True
    return any(_one_name(ka, kb) for ka in keys_a for kb in keys_b)


def same_spelling(a, b, together=False):
    """Whether two printed names are one name read differently (OCR, accents, apostrophes), not
    merely a shorter or longer form of it: what may be merged at load time without staff."""
    return bool(a and b and (ocr_keys(a) & ocr_keys(b) or _accent_misread(a, b, together)))


@lru_cache(maxsize=100_000)
def _letters(name):
    """(folded letter, whether the printed one was accented) for each letter of ``name``."""
    letters = []
    for char in clean(name):
        folded = fold(char).translate(_APOSTROPHES)
        letters += [(f, ord(char) > 127) for f in folded]
    return tuple(letters)


# Accented letters OCR reads as another letter in the corpus (the accent merged with the letter):
# "č"/"ć" as "e" (Pildegovies for Pildegovičs, Simonovie for Šimonović), "ä" as "e" (Auveart for
# Auväärt). Folded letter as printed → the letter it is read as.
_KNOWN_MISREADS = {("c", "e"), ("a", "e")}


def _accent_misread(a, b, together=False):
    """One or two accented letters read as another letter: "Pildegovies" for Pildegovičs, "Auveart" for Auväärt.

    Only a misreading OCR is known to make counts, unless ``together`` (one record printed both
    spellings, so one is that record's slip): "Miller" is not "Müller" on the letters alone, as
    two people of one country may be named so.
    """
    la, lb = _letters(a), _letters(b)
    if len(la) != len(lb) or len(la) < 5:
        return False
    differ = [(x, y) if x[1] else (y, x) for x, y in zip(la, lb) if x[0] != y[0]]
    return 0 < len(differ) <= 2 and all(
        printed[1] and (together or (printed[0], read[0]) in _KNOWN_MISREADS) for printed, read in differ)


def _one_name(ka, kb):
    short, long_ = sorted((ka, kb), key=len)
    if long_.endswith(" " + short) and len(short) > 2:
        return True
    words_s, words_l = short.split(), long_.split()
    if len(words_s) >= 2 and sorted(words_s) == sorted(words_l):
        return True
    if _same_ends(words_s, words_l) or _same_ends(words_l, words_s):
        return True
    return _cut_short(words_s, words_l) or _cut_short(words_l, words_s)


def _same_ends(a, b):
    """Same first and last names, and ``a``'s middle names (if any) initials of ``b``'s."""
    a, b = [w.rstrip(".") for w in a], [w.rstrip(".") for w in b]
    if len(a) < 2 or len(b) < 2 or a == b or a[0] != b[0] or a[-1] != b[-1] or len(a[-1]) <= 2:
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    if not middle_a:
        return True
    return len(middle_a) == len(middle_b) and all(
        x == y or (len(x) == 1 and y.startswith(x)) for x, y in zip(middle_a, middle_b))


def _cut_short(cut, whole):
    """Whether ``cut`` ends in a particle and, without it (and maybe a first name), begins ``whole``."""
    if len(cut) < 2 or cut[-1] not in _PARTICLES:
        return False
    for start in (0, 1):
        head = cut[start:]
        if len(head) >= 2 and len(head) < len(whole) and whole[:len(head)] == head:
            return True
    return False


def _edits(a, b):
    """Whether ``a`` and ``b`` are one letter apart: one put in, left out or changed, or two side by side swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _swapped(a, b):
    """Whether ``b`` is ``a`` with two letters side by side swapped ("Dihn" for Dinh): a typing slip
    that keeps every letter."""
    return len(a) == len(b) and sorted(a) == sorted(b) and _edits(a, b)


# A slip of one letter joins two names of one State only from this many letters on: "Popolizio
# Bardeles" for Popolizio Bardales, never "Hansen" and "Jansen".
SLIP_MIN_LETTERS = 10


def slip_of_one_person(a, b):
    """Whether two speakers of one State (``a``, ``b``: (printed name, full name or "")) are one person
    despite a slip the records or the corpus made, which ``same_person`` does not fold:

    * the names a letter apart where the name is long ("Popolizio Bardeles", "Popolizio Bardales");
    * the names two letters side by side swapped ("Dihn", "Dinh"): a typing slip that keeps every letter;
    * one full name the other's without a middle surname ("Egriselda Lopez", Egriselda Gonzalez Lopez);
    * one full name of three words or more the other's first ones, its family name left out ("Alya Ahmed Saif",
      Alya Ahmed Saif Al-Thani).

    Only for one State's speakers: the caller checks the country. An accented letter read as another is
    not a slip (Miller, Müller), and a name another's full name holds is no evidence (Mr. Dinh of Viet Nam
    is not Dang Dinh Quy).
    """
    (name_a, full_a), (name_b, full_b) = a, b
    ka, kb = ocr_key(name_a), ocr_key(name_b)
    if _accent_misread(name_a, name_b, together=True) or _letters(name_a) == _letters(name_b):
        return False
    if len(ka.replace(" ", "")) >= SLIP_MIN_LETTERS and _edits(ka, kb):
        return True
    if len(ka) >= 4 and _swapped(ka, kb):
        return True
    # one of ``a``'s names against one of ``b``'s: a speaker's own name and full name say nothing of another
    names_a, names_b = ([ocr_key(x).split() for x in names if x and len(x.split()) >= 2]
                        for names in ((name_a, full_a), (name_b, full_b)))
    return any(_dropped_middle(x, y) or _dropped_middle(y, x) or _dropped_family_name(x, y) or _dropped_family_name(y, x)
               for x in names_a for y in names_b if x != y)


# A full name cut before its family name joins another only from this many words on: "Alya Ahmed Saif" for
# Alya Ahmed Saif Al-Thani, never "Zhang Jun" for a Zhang Jun Wei.
CUT_MIN_WORDS = 3


def _dropped_family_name(short, long_):
    """``short`` is ``long_``'s first names without the last ones (a letter of 2020 printed "Alya Ahmed Saif",
    the others "Alya Ahmed Saif Al-Thani"): three words or more, all of them ``long_``'s first ones."""
    return len(short) >= CUT_MIN_WORDS and len(long_) > len(short) and long_[:len(short)] == short


def _dropped_middle(short, long_):
    """Same first and last names, ``short`` keeping some of ``long_``'s middle names in order, none its own."""
    if len(short) < 2 or len(long_) <= len(short) or short[0] != long_[0] or short[-1] != long_[-1] \
            or len(short[-1]) <= 2 or len(short[0]) <= 2:
        return False
    middle = iter(long_[1:-1])
    return all(word in middle for word in short[1:-1])


def unslipped(kept, new, full_name, official):
    """Of a speaker's name ``kept`` and a ``new`` one joined to it by a slip (``slip_of_one_person``), the
    one to keep: a name the full name holds as it is ("Gonzalez Lopez" in Egriselda Gonzalez Lopez) over
    one it does not ("Egriselda Lopez"), else an official record's spelling over the corpus's ("Dinh" over
    "Dihn"), else the one kept (the corpus reads its own slips by the spelling it prints most: ``corpus``)."""
    words = f" {ocr_key(full_name)} " if full_name else ""
    held = [f" {ocr_key(name)} " in words for name in (kept, new)]
    if held[0] != held[1]:
        return new if held[1] else kept
    return new if official else kept


def better_name(a, b):
    """Of two spellings of one person, the one to show: not cut short after a particle ("Guillermo Fernandez
    De"), no OCR damage, accents kept, surname only, hyphens kept ("Cherith Norman-Chalet", as the records
    print her name, whichever spelling came first)."""
    def score(name):
        words = key(name).split()
        return (not (len(words) > 1 and words[-1] in _PARTICLES), key(name) == ocr_key(name),
                sum(1 for c in name if ord(c) > 127), -len(name.split()), name.count("-"))
    return a if score(a) >= score(b) else b


def respelled(full_name, surname):
    """``full_name`` ending in ``surname`` as spelled best: "Sven Juiirgenson" → "Sven Jürgenson"."""
    words, tail = clean(full_name).split(), surname.split()
    if len(words) > len(tail) and same_spelling(" ".join(words[-len(tail):]), surname):
        # each word as the surname spells it, but a particle's case as the full name has it ("Nicolas de Rivière")
        kept = [word if word.lower() == new.lower() else new for word, new in zip(words[-len(tail):], tail)]
        return " ".join(words[:-len(tail)] + kept)
    return clean(full_name)


@lru_cache(maxsize=1)
def _offices():
    rows = []
    with OFFICES.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            rows.append({
                "title": row["titles"].split("|")[0],
                "titles": {key(t) for t in row["titles"].split("|")},
                "name": row["name"], "honorific": row["honorific"], "full_name": row["full_name"],
                "post": row["post"],
                "start": date.fromisoformat(row["start"]),
                "end": date.fromisoformat(row["end"]) if row["end"] else None,
            })
    return rows


def office_holder(title, on):
    """The person holding an office ("The Secretary-General") on a date, from ``data/offices.tsv``.

    A dict of ``name``, ``honorific``, ``full_name``, ``post``; None when ``title``
    names no office or the date is unknown.
    """
    if on is None:
        return None
    wanted = key(re.sub(r"^the\s+", "", clean(title), flags=re.IGNORECASE))
    for row in _offices():
        if wanted in row["titles"] and row["start"] <= on and (row["end"] is None or on <= row["end"]):
            return row
    return None


def office_holders():
    """The names of everyone ``data/offices.tsv`` lists as holding an office."""
    return {row["name"] for row in _offices()}


def held_office(name, on):
    """The title of the office (``data/offices.tsv``) the speaker ``name`` held on ``on``: "Secretary-General"."""
    if on is None:
        return None
    for row in _offices():
        if row["name"] == name and row["start"] <= on and (row["end"] is None or on <= row["end"]):
            return row["title"]
    return None


def office_label(label, who, name, on):
    """A statement's ``label`` naming the office its speaker held on ``on`` as the records print it,
    "The Secretary-General (Mr. Guterres)", where the corpus prints "Secretary-General (…)" or, in the
    letters, the holder's name ("Mr. Guterres"): one label for the office holder from every source."""
    title = held_office(name, on)
    if title is None:
        return label
    if label in (who, name):
        return f"The {title} ({who})"
    if label.startswith(f"{title} ("):
        return f"The {label}"
    return label


def is_office(title):
    wanted = key(re.sub(r"^the\s+", "", clean(title), flags=re.IGNORECASE))
    return any(wanted in row["titles"] for row in _offices())


def compatible_countries(a, b):
    """Two countries a person may be printed under: equal, or one of them none or the UN.

    Records print UN officials with no country, the corpus with "United Nations",
    and the corpus sometimes files a State's representative under the UN.
    """
    loose = (None, UNITED_NATIONS)
    name_a, name_b = (a.name if a else None), (b.name if b else None)
    return name_a == name_b or name_a in loose or name_b in loose


def speaker_country(country):
    """The country a speaker is filed under: never the UN, which the corpus gives its officials
    and the records do not, so that who a speaker is does not depend on which came first."""
    return None if country is not None and country.name == UNITED_NATIONS else country


def other_spellings(speaker, name, candidates, printed=frozenset()):
    """The candidates other than ``speaker`` that are ``name`` read differently, in its country
    (or none): readings the corpus loaded before the record spelt the name (Auveart, Auvaeart).
    ``printed``: the ``key`` of every name the record being read prints."""
    return [s for s in candidates if s.pk != speaker.pk and compatible_countries(s.country, speaker.country)
            and same_spelling(s.name, name, together=key(s.name) in printed)]


def find_person(name, country, candidates, printed=frozenset(), full_name=""):
    """The candidate speaker ``name`` (printed under ``country``) stands for, or None.

    A candidate of the same country wins over one filed under none or the UN,
    and the same name over a surname. ``printed``: the ``key`` of every name the record
    being read prints (its labels and its cover), evidence for an accent misread. Failing
    those, a speaker of the same State the name is a slip of (``slip_of_one_person``, with
    ``full_name`` and theirs).
    """
    matches = [s for s in candidates
               if compatible_countries(s.country, country)
               and same_person(s.name, name, together=key(s.name) in printed)]
    if not matches and country is not None and country.name != UNITED_NATIONS:
        matches = [s for s in candidates if s.country_id == country.pk
                   and slip_of_one_person((name, full_name), (s.name, s.full_name))]
    matches.sort(key=lambda s: (s.country_id != (country.pk if country else None),
                                ocr_key(s.name) != ocr_key(name), s.pk))
    return matches[0] if matches else None
