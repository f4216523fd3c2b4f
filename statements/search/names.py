"""A query that is exactly a speaker's or a country's name offers that page first."""
from dataclasses import dataclass
import re

from django.db.models import Q

from ..countries import canonical
from ..models import Country, Speaker
from ..parser.turns import HONORIFIC_PATTERN

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
    for speaker in Speaker.objects.select_related("country").filter(name__iexact=name)[:5]:
        pages.append(NamedPage("speaker", speaker.label, speaker.get_absolute_url()))
    return pages


def mark_speaker_names(parsed):
    """Note on each plain word or name of the query the speakers it names (one query for all).

    A speaker is named by their whole name or its last words: "Grandi" names
    Filippo Grandi, and "Hennis-Plasschaert" (read as a phrase) names
    Ms. Hennis-Plasschaert.
    """
    clauses = [c for c in parsed.clauses if c.kind in ("word", "phrase") and not c.negated
               and len(c.text) > 2 and _NAME_RE.fullmatch(c.text)]
    if not clauses:
        return
    lookups = Q()
    for text in {_folded(c.text) for c in clauses}:
        for form in {text, text.replace(" ", "-")}:
            lookups |= Q(name__iexact=form) | Q(name__iendswith=" " + form)
    speakers = [(str(pk), _folded(name)) for pk, name in Speaker.objects.filter(lookups).values_list("pk", "name")[:50]]
    for clause in clauses:
        text = _folded(clause.text)
        clause.speakers = [pk for pk, name in speakers if name == text or name.endswith(" " + text)]


# Letters, in words joined by single spaces or hyphens: nothing the engine's query syntax reads.
_NAME_RE = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")


def _folded(name):
    return " ".join(name.lower().replace("-", " ").split())
