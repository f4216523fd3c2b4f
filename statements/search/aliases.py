"""What else a query's words may mean: the States and posts people name in short.

- ``countries()``: a State by its UN name, a spelling records print
  (``data/countries.tsv``) or a short form people type (``data/country_aliases.tsv``:
  "UK", "Russia", "DPRK"), to its ISO code;
- ``printed_forms(code)``: how statements print that State, so "UK" also finds
  "the United Kingdom";
- ``posts()``: a post ("Secretary-General", "Special Envoy for Syria") to the
  surnames of its holders (``data/offices.tsv`` and ``data/posts.tsv``);
- ``first_names()``: first names of the people those tables name;
- ``other_names()``: a thing's other names (``data/other_names.tsv``: "ISIS" and
  "Da'esh", "cease-fire" and "ceasefire"; ``data/acronyms.tsv``: "Mine Action
  Service" and "UNMAS"), and ``spelling_variants(word)`` its
  British or American spelling ("weaponisation", "neighboring").

Keys are folded by ``name_key``: case, accents, apostrophes and hyphens aside,
so "Jürgenson", "Jiirgenson" (how the records' OCR prints it) and "Ja’afari"
meet "JURGENSON", "Ja'afari" and "Jaafari".
"""
from functools import lru_cache
from pathlib import Path
import csv
import re
import unicodedata

from ..countries import known_names

DATA = Path(__file__).resolve().parent.parent / "data"
COUNTRY_ALIASES = DATA / "country_aliases.tsv"
OFFICES = DATA / "offices.tsv"
POSTS = DATA / "posts.tsv"
OTHER_NAMES = DATA / "other_names.tsv"
ACRONYMS = DATA / "acronyms.tsv"
# Short forms that are also English words: a State only when typed in capitals.
CAPITALS_ONLY = {"us", "car"}

_APOSTROPHES = "'’‘`´"


def name_key(text):
    """``text`` folded for matching names: lower case, no accents, apostrophes or hyphens.

    Letters the records' OCR doubles for an umlaut ("Jiirgenson") fold with it,
    and single letters run together ("U.K." is "uk").
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(f"[{_APOSTROPHES}]", "", text).replace("ii", "u")
    words = re.findall(r"\w+", text)
    if len(words) > 1 and all(len(w) == 1 for w in words):
        return "".join(words)
    return " ".join(words)


def _rows(path):
    with path.open(encoding="utf-8") as handle:
        yield from csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")


@lru_cache(maxsize=1)
def countries():
    """Folded name or short form -> ISO code."""
    found = {}
    for spelling, (_, code) in known_names().items():
        if code and "," not in spelling:
            found.setdefault(name_key(spelling.removeprefix("the ")), code)
    for row in _rows(COUNTRY_ALIASES):
        found[name_key(row["alias"])] = row["code"]
    return found


@lru_cache(maxsize=None)
def printed_forms(code):
    """The ways statements print the State with ISO ``code``: its UN name and plain spellings."""
    forms = [spelling.removeprefix("the ") for spelling, (_, found) in known_names().items()
             if found == code and "," not in spelling and "(" not in spelling]
    return list(dict.fromkeys(forms))


def country_code(text, typed):
    """The ISO code ``text`` names, if any; ``typed`` is the text as the user wrote it."""
    key = name_key(text)
    if key in CAPITALS_ONLY and typed.replace(".", "") != typed.replace(".", "").upper():
        return None
    return countries().get(key)


@lru_cache(maxsize=1)
def posts():
    """Folded post title -> surnames of its holders (as ``Speaker.name`` prints them)."""
    found = {}
    for path in (OFFICES, POSTS):
        for row in _rows(path):
            for title in filter(None, row["titles"].split("|")):
                names = found.setdefault(name_key(title), [])
                if row["name"] not in names:
                    names.append(row["name"])
    return found


@lru_cache(maxsize=1)
def first_names():
    """Folded first names of the people the office and post tables name."""
    names = set()
    for path in (OFFICES, POSTS):
        for row in _rows(path):
            surname = name_key(row["name"])
            full = name_key(row["full_name"])
            if full.endswith(surname):
                names.update(full[: len(full) - len(surname)].split())
    return names


@lru_cache(maxsize=1)
def other_names():
    """Folded name -> the other names of the same thing (``data/other_names.tsv``), and a body's
    name -> its acronym (``data/acronyms.tsv``; not the other way: a statement that names a body
    prints its acronym beside the name, and the name's words would only rank it again)."""
    found = {}
    groups = [[name for name in row["names"].split("|") if name] for row in _rows(OTHER_NAMES)]
    for names in groups:
        for name in names:
            others = found.setdefault(name_key(name), [])
            # "Ma'rib" beside "Marib": one key, but statements hold the first as two words
            others += [other for other in names if other.lower() != name.lower() and other not in others]
    for row in _rows(ACRONYMS):
        for name in filter(None, row["names"].split("|")):
            found.setdefault(name_key(name), []).append(row["acronym"])
    return found


# British and American spellings of one word: a British and an American spelling of a part, what
# must come before it and the endings it may have, read both ways. The records print -ize with
# British -our ("organization", "neighbouring"); people type either. A
# variant that is no word ("detor") finds nothing, so the rules need not know the words.
_SPELLINGS = [
    ("is", "iz", r"\w{3}", "e|ed|es|ing|ation|ations|er|ers"),
    ("our", "or", r"\w{2}", "|s|ed|ing|able|ably|ite|ites|er|ers|hood"),
]
MIN_VARIANT_LENGTH = 5


def spelling_variants(word):
    """The other spellings of ``word`` (lower case, letters only) by the British and American rules."""
    if len(word) < MIN_VARIANT_LENGTH or not word.isalpha():
        return []
    found = []
    for british, american, before, endings in _SPELLINGS:
        for typed, other in ((british, american), (american, british)):
            found.append(re.sub(rf"(?<={before}){typed}(?=(?:{endings})$)", other, word))
    return [variant for variant in dict.fromkeys(found) if variant != word]
