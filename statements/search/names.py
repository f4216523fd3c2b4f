"""A query that is exactly a speaker's or a country's name offers that page first."""
from dataclasses import dataclass
from functools import lru_cache
import logging
import re

from django.urls import reverse

from ..countries import canonical
from ..models import Speaker
from ..parser.turns import HONORIFIC_PATTERN
from ..people import _edits
from . import aliases, rowmaps
from .aliases import name_key
from .query import Clause

log = logging.getLogger(__name__)
_HONORIFIC_RE = re.compile(rf"^{HONORIFIC_PATTERN}\s+", re.IGNORECASE)
MAX_NAME_LENGTH = 100


@dataclass
class NamedPage:
    kind: str  # "speaker" or "country"
    label: str
    slug: str

    @property
    def url(self):
        # Made for the few pages a search offers, not for every page of the map (a reverse() each).
        return reverse(f"statements:{self.kind}", args=[self.slug])


def pages_named(text):
    """The speaker and country pages ``text`` names exactly (case, honorific and accents aside).

    A speaker by their name as records print it, with or without first names
    ("Kelly Craft" offers Mrs. Craft, "Jaafari" Mr. Ja'afari); a State by any of
    its names ("UK", "Russia"). Only speakers with statements that a search lists.
    """
    text = " ".join((text or "").split())
    if not text or len(text) > MAX_NAME_LENGTH or not re.search(r"[^\W\d_]", text):
        return []
    name = _HONORIFIC_RE.sub("", text)
    countries, speakers = _named_pages()
    country_name, _ = canonical(text)
    found = {pk: page for pk, page in countries["name"].get(country_name.upper(), [])}
    if re.fullmatch(r"[A-Za-z]{3}", text):
        found.update(countries["code"].get(text.upper(), []))
    if code := aliases.country_code(text, text):
        found.update(countries["code"].get(code.upper(), []))
    pages = [page for _, page in sorted(found.items(), key=lambda item: item[1].label)][:3]
    # A page of none is no answer (merged-away rows, or the President's procedure only).
    wanted = {pk: page for pk, page in speakers["name"].get(name.upper(), [])}
    for pk in _whole_name_ids(name):
        if pk in speakers["pk"]:
            wanted[pk] = speakers["pk"][pk]
    pages += [page for _, page in sorted(wanted.items(), key=lambda item: (speakers["sort"][item[0]], item[0]))][:5]
    return pages


def _named_pages():
    """The pages a query may name: countries by upper-case name and code, and the speakers
    with statements a search lists by upper-case name and by id, as ``(pk, NamedPage)``."""
    maps = _maps()
    return maps.countries, maps.speakers


def _whole_name_ids(name):
    """Speakers whose whole name is ``name`` folded, or ``name`` after one or two first names."""
    words = name_key(name).split()
    whole = _speakers_by_whole_name()
    found = []
    for first in range(min(3, len(words))):
        if first and aliases.country_code(" ".join(words[:first]), name):
            break
        found += whole.get(" ".join(words[first:]), [])
    return [int(pk) for pk in found]


def mark_speaker_names(parsed):
    """Note on the query's words the speakers, posts and States they name, and their other names.

    A speaker is named by their whole name or its last words ("Grandi" names
    Filippo Grandi; "Hennis-Plasschaert", "Ja'afari" and "Jaafari" name whom
    they print), a post by its title ("Secretary-General" names its holders),
    a State by any of its names ("UK", "Russia"); a thing's other names and a
    word's other spelling are searched with it ("ISIS" finds "ISIL" and "Da'esh",
    "neighboring" finds "neighbouring"). Consecutive words that
    together name one are searched as one phrase with its alternatives. A word
    just before a speaker's name that looks like a first name ("Kelly Craft":
    the records print "Mrs. Craft") is not required of that speaker's statements.
    """
    groups = parsed.groups
    plain = [len(g) == 1 and g[0].kind in ("word", "phrase") and not g[0].negated
             and bool(_NAME_RE.fullmatch(g[0].name or g[0].text)) for g in groups]
    if not any(plain):
        return
    named = speaker_ids_by_name()
    merged, start = [], 0
    while start < len(groups):
        for length in range(min(MAX_NAME_WORDS, len(groups) - start), 0, -1):
            run = groups[start:start + length]
            if not all(plain[start:start + length]):
                continue
            clause = _named(run, named)
            if clause is not None:
                merged.append([clause])
                start += length
                break
        else:
            merged.append(groups[start])
            start += 1
    for before, group in zip(merged, merged[1:]):
        _mark_first_name(before, group[0])
    if len(merged) == 1 and len(merged[0]) == 1 and merged[0][0].countries and not parsed.dated_by_words:
        merged[0][0].whole_query = True  # "Russia": what Russia said ("Yemen April 2020" is a subject in a month)
    parsed.groups = merged


MAX_NAME_WORDS = 8


def _named(run, named):
    """One clause for consecutive words that name a post, a State or a speaker; else ``None``."""
    clauses = [group[0] for group in run]
    text = " ".join(c.text for c in clauses)
    kind = "phrase" if len(text.split()) > 1 else "word"
    typed = " ".join(c.name or c.text for c in clauses)
    # "Libya's", "People's": the name with and without its possessive
    bare = " ".join(c.name[:-1] if c.name and c.text.endswith(" s") else c.name or c.text for c in clauses)
    found = _named_as(typed, text, kind, named)
    if found is None and bare != typed:
        found = _named_as(bare, text, kind, named)
    if found is not None and found.countries and any(c.asked_about for c in clauses):
        found.whole_query = True  # "Russian position on Idlib": what Russia said on it
    return found


def _named_as(typed, text, kind, named):
    key = name_key(typed)
    if holders := aliases.posts().get(key):
        ids = [pk for holder in holders for pk in named.get(name_key(holder), [])]
        return Clause(kind, text, speakers=ids[:50], name=typed)
    if code := aliases.country_code(typed, typed):
        return Clause(kind, text, name=typed, forms=aliases.printed_forms(code), countries=[code])
    if others := aliases.other_names().get(key):
        return Clause(kind, text, name=typed, forms=others)
    if len(key) > 2 and (ids := named.get(key)):
        return Clause(kind, text, speakers=ids[:50], name=typed)
    if ids := _misspelt_surname(typed, key):
        return Clause(kind, text, speakers=ids[:50], name=typed)
    if kind == "word" and (variants := aliases.spelling_variants(key)):
        return Clause(kind, text, name=typed, forms=variants)
    return None


# A misspelt surname ("Guteres", "nebenzya") is read as the one it is a slip away from: a word
# this long, in any case but all capitals (an acronym), one letter added, dropped, changed or two
# side by side swapped (``people._edits``, the slips the speaker merge reads too).
MIN_MISSPELT_NAME = 6


def _misspelt_surname(typed, key):
    """Speaker ids for a word one slip from exactly one surname the records print, when no
    statement holds the word itself ("hunger" is a word, not Mr. Hunter).

    The deletion index finds the candidates (a word and a surname that share a spelling less
    one letter each); it also pairs a letter moved further than its neighbour ("Nbeenzia"),
    which ``people._edits`` then refuses.
    """
    if " " in key or len(key) < MIN_MISSPELT_NAME or typed.isupper():
        return []
    near = _maps().near_surnames
    found = {surname for variant in _one_deleted(key) for surname in near.get(variant, ())
             if surname != key and _edits(key, surname)}
    if len(found) != 1:
        return []
    surname = found.pop()
    if _in_statements(typed) and not (len(key) < len(surname) and _same_stem(key, surname)):
        return []  # a word of its own, unless it is the surname less a letter, indexed as it ("griffith")
    return list(speaker_ids_by_name()[surname])


def _in_statements(word):
    from .engine import get_engine

    try:
        return get_engine().document_frequencies([word]).get(word, 0) > 0
    except Exception:  # reading a name is a nicety; never let it break a search
        log.warning("document frequency of %r failed", word, exc_info=True)
        return True


def _same_stem(word, surname):
    """Whether the engine indexes ``word`` as it indexes ``surname``: statements hold "griffith"
    only as the stem of "Griffiths", so the word is that name, not a word of its own (a longer
    word, "hunters" beside Mr. Hunter, is not asked about: it is a word of its own)."""
    from .engine import get_engine

    try:
        engine = get_engine()
        return engine.stem(word) == engine.stem(surname)
    except Exception:  # reading a name is a nicety; never let it break a search
        log.warning("stem of %r failed", word, exc_info=True)
        return False


def _one_deleted(word):
    return {word, *(word[:at] + word[at + 1:] for at in range(len(word)))}


def _mark_first_name(before, surname):
    """``before`` as a first name of the speakers ``surname`` names, when it looks like one."""
    if len(before) != 1 or not surname.speakers or before[0].speakers or before[0].countries:
        return
    clause = before[0]
    if clause.negated or clause.kind != "word" or not _NAME_RE.fullmatch(clause.text):
        return
    if (clause.text[:1].isupper() and not clause.text.isupper()) or name_key(clause.text) in aliases.first_names():
        clause.optional_for = surname.speakers


# Letters, in words joined by single spaces or hyphens: nothing the engine's query syntax reads.
_NAME_RE = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")


def speaker_ids_by_name():
    """Speaker ids under each way a query may name them: the whole name and its last words, folded.

    Matching the end of a name in SQL cannot use an index, and cost 3-8 ms a search at
    5,000 speakers; the map is one of ``_maps()``.
    """
    return _maps().by_name


def _speakers_by_whole_name():
    """Speaker ids under their whole name, folded."""
    return _maps().by_whole_name


@dataclass
class _Maps:
    countries: dict  # {"name": {UPPER NAME: [(pk, NamedPage)]}, "code": {CODE: [...]}}
    speakers: dict  # {"name": {UPPER NAME: [(pk, NamedPage)]}, "pk": {pk: NamedPage}, "sort": {pk: name}}
    by_name: dict  # folded whole name and each of its last words -> [str(pk)], every speaker
    by_whole_name: dict  # folded whole name -> [str(pk)], every speaker
    near_surnames: dict  # a folded surname and it less any one letter -> {the surname}


def _maps():
    """Every map of names a search reads, kept in the process (``rowmaps``, kind ``names``): after
    an upload, the countries and speakers are read again (two queries of plain values) and the
    maps made again only if those rows changed, each name folded once per process."""
    return _MAPS()


def _rows():
    """The rows the maps are made from: countries, and speakers with whether a search lists any of
    their statements, as plain values (``rowmaps``: read once for these maps and the facets' labels)."""
    return rowmaps.country_rows(), rowmaps.speaker_rows()


def _build_maps(rows):
    country_rows, speaker_rows = rows
    countries = {"name": {}, "code": {}}
    country_names = {}
    for pk, name, code, slug in country_rows:
        page = (pk, NamedPage("country", name, slug))
        country_names[pk] = name
        countries["name"].setdefault(name.upper(), []).append(page)
        if code:
            countries["code"].setdefault(code.upper(), []).append(page)
    speakers = {"name": {}, "pk": {}, "sort": {}}
    by_name, by_whole_name, near_surnames = {}, {}, {}
    for pk, name, honorific, slug, country_id, listed in speaker_rows:
        key = str(pk)
        whole, ends = _folded(name)
        by_whole_name.setdefault(whole, []).append(key)
        for end in ends:
            by_name.setdefault(end, []).append(key)
        if ends and len(ends[-1]) >= MIN_MISSPELT_NAME:
            for variant in _one_deleted(ends[-1]):
                near_surnames.setdefault(variant, set()).add(ends[-1])
        if listed:  # a page of none is no answer
            label = Speaker.label_of(honorific, name, country_names[country_id] if country_id else None)
            page = NamedPage("speaker", label, slug)
            speakers["name"].setdefault(name.upper(), []).append((pk, page))
            speakers["pk"][pk] = page
            speakers["sort"][pk] = name
    return _Maps(countries, speakers, by_name, by_whole_name, near_surnames)


@lru_cache(maxsize=100_000)
def _folded(name):
    """``(whole name folded, (it and each of its last words))``: a speaker's name as queries name it."""
    words = name_key(name).split()
    return " ".join(words), tuple(" ".join(words[start:]) for start in range(len(words)))


_MAPS = rowmaps.RowMap("names", "maps", _rows, _build_maps)
