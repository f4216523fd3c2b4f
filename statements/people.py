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


def key(name):
    """Folded for comparison: no accents, apostrophes, hyphens or case."""
    return " ".join(fold(clean(name)).translate(_APOSTROPHES).split())


def ocr_key(name):
    """``key`` with OCR's renderings of "ü" read as "u": Jiirgenson, Jtirgenson → jurgenson."""
    return _OCR_U_RE.sub("u", key(name))


def same_person(a, b):
    """Whether two printed names may be one person: equal once folded, or one the other's surname."""
    if not a or not b:
        return False
    ka, kb = ocr_key(a), ocr_key(b)
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return long_.endswith(" " + short) and len(short) > 2


def better_name(a, b):
    """Of two spellings of one person, the one to show: no OCR damage, accents kept, surname only."""
    def score(name):
        return (key(name) == ocr_key(name), sum(1 for c in name if ord(c) > 127), -len(name.split()))
    return a if score(a) >= score(b) else b


def respelled(full_name, surname):
    """``full_name`` ending in ``surname`` as spelled best: "Sven Juiirgenson" → "Sven Jürgenson"."""
    words, tail = clean(full_name).split(), surname.split()
    if len(words) > len(tail) and ocr_key(" ".join(words[-len(tail):])) == ocr_key(surname):
        return " ".join(words[:-len(tail)] + tail)
    return clean(full_name)


@lru_cache(maxsize=1)
def _offices():
    rows = []
    with OFFICES.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            rows.append({
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


def find_person(name, country, candidates):
    """The candidate speaker ``name`` (printed under ``country``) stands for, or None.

    A candidate of the same country wins over one filed under none or the UN,
    and the same name over a surname.
    """
    matches = [s for s in candidates
               if compatible_countries(s.country, country) and same_person(s.name, name)]
    matches.sort(key=lambda s: (s.country_id != (country.pk if country else None),
                                ocr_key(s.name) != ocr_key(name), s.pk))
    return matches[0] if matches else None
