"""A query that is exactly a speaker's or a country's name offers that page first."""
from dataclasses import dataclass
import re

from django.db.models import Q

from ..countries import canonical
from ..models import Country, Speaker
from ..parser.turns import HONORIFIC_PATTERN
from .resultcache import LRU, clear_on_portal_change

_HONORIFIC_RE = re.compile(rf"^{HONORIFIC_PATTERN}\s+", re.IGNORECASE)
MAX_NAME_LENGTH = 100


@dataclass
class NamedPage:
    kind: str  # "speaker" or "country"
    label: str
    url: str


def pages_named(text):
    """The speaker and country pages whose name is exactly ``text`` (case and honorific aside)."""
    text = " ".join((text or "").split())
    if not text or len(text) > MAX_NAME_LENGTH or not re.search(r"[^\W\d_]", text):
        return []
    name = _HONORIFIC_RE.sub("", text)
    pages = []
    country_name, _ = canonical(text)
    lookups = Q(name__iexact=country_name)
    if re.fullmatch(r"[A-Za-z]{3}", text):
        lookups |= Q(code__iexact=text)
    for country in Country.objects.filter(lookups)[:3]:
        pages.append(NamedPage("country", country.name, country.get_absolute_url()))
    # Only speakers with statements: a page of none is no answer (merged-away or president-only rows).
    speakers = Speaker.objects.select_related("country").filter(
        name__iexact=name, statements__procedural=False).distinct()
    for speaker in speakers[:5]:
        pages.append(NamedPage("speaker", speaker.label, speaker.get_absolute_url()))
    return pages


def mark_speaker_names(parsed):
    """Note on each plain word or name of the query the speakers it names.

    A speaker is named by their whole name or its last words: "Grandi" names
    Filippo Grandi, and "Hennis-Plasschaert" (read as a phrase) names
    Ms. Hennis-Plasschaert.
    """
    clauses = [c for c in parsed.clauses if c.kind in ("word", "phrase") and not c.negated
               and len(c.text) > 2 and _NAME_RE.fullmatch(c.text)]
    if not clauses:
        return
    named = _speakers_by_name()
    for clause in clauses:
        clause.speakers = named.get(_folded(clause.text), [])[:50]


# Letters, in words joined by single spaces or hyphens: nothing the engine's query syntax reads.
_NAME_RE = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")
NAMES_SECONDS = 60
_NAMES = LRU(1)
clear_on_portal_change(_NAMES, "search-speaker-names")


def _speakers_by_name():
    """Speaker ids under each way a query may name them: the whole name and its last words, folded.

    One query for every speaker, kept a minute and forgotten on any save in this
    process: matching the end of a name in SQL cannot use an index, and cost
    3-8 ms a search at 5,000 speakers.
    """
    by_name = _NAMES.get("all")
    if by_name is not None:
        return by_name
    by_name = {}
    for pk, name in Speaker.objects.values_list("pk", "name").iterator():
        words = _folded(name).split()
        for start in range(len(words)):
            by_name.setdefault(" ".join(words[start:]), []).append(str(pk))
    _NAMES.put("all", by_name, seconds=NAMES_SECONDS)
    return by_name


def _folded(name):
    return " ".join(name.lower().replace("-", " ").split())
