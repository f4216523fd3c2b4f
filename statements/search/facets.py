"""The facets of a search: which index field each reads, and whole labels from the database.

A facet value is an id or code (a speaker's id, ISO code, agenda slug,
resolution key); its label is looked up here, one query per facet for the
values shown, never one per value, and kept in the shared cache
(``statements.caching``, kind ``label``) with a copy in the process: the same
speakers and countries head the facets of most searches, and a saved row
changes the keys. Values are links
that toggle themselves in the query string and drop the page number; several
values of one facet are OR-ed, facets are AND-ed (``statements.search.service``).
"""
import re
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode

from django.db.models import Q

from .. import caching
from ..models import AgendaItem, Country, Resolution, Speaker, Statement
from ..numbers import ascii_number


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    toggle_url: str = ""


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter and the JSON key
    field: str  # the index field
    title: str
    shown: int  # how many values to show (selected ones are always shown)
    by_value: bool = False  # ordered by value (years) instead of by count


FACETS = {facet.name: facet for facet in [
    Facet("speaker", "speaker", "Speaker", 15),
    Facet("country", "country", "Country", 15),
    Facet("year", "year", "Year", 100, by_value=True),
    Facet("agenda", "agenda", "Agenda item", 15),
    Facet("role", "role", "Role", 10),
    Facet("language", "language", "Language spoken", 10),
    Facet("resolution", "resolutions", "Resolution cited", 15),
]}

# The meetings a search touches, counted for its chart over time (``trends``): not a facet
# shown, but asked of the engine with the facets. Every meeting: far more than the
# portal's records of one decade.
MEETING_FIELD = "meeting"
MEETING_LIMIT = 100_000

_VALUE_RE = re.compile(r"^[\w.\-]{1,100}$")


def clean_values(name, values):
    """The well-formed values of a facet parameter, once each (anything else is dropped)."""
    return list(dict.fromkeys(v.strip() for v in values if _VALUE_RE.match(v.strip())))


def build(name, pairs, selected, params):
    """``FacetValue`` list for one facet from the engine's (value, count) pairs."""
    return build_all({name: pairs}, {name: selected}, params)[name]


def build_all(pairs_by_name, selected, params):
    """``{facet name: [FacetValue]}`` for several facets, their labels read in one go (``labels_for``)."""
    shown = {name: _shown(name, pairs, selected.get(name, [])) for name, pairs in pairs_by_name.items()}
    labels = labels_for({name: [value for value, _ in values] for name, values in shown.items()})
    built = {}
    for name, values in shown.items():
        chosen, toggle = selected.get(name, []), _Toggler(params, name)
        built[name] = [FacetValue(value=value, label=labels[name].get(value) or value, count=count,
                                  selected=value in chosen, toggle_url=toggle(value))
                       for value, count in values]
    return built


def _shown(name, pairs, selected):
    """The (value, count) pairs a facet shows: its top values, then any selected value left out."""
    facet = FACETS[name]
    pairs = [(str(value), count) for value, count in pairs if value not in (None, "")]
    if facet.by_value:
        pairs.sort(key=lambda pair: pair[0], reverse=True)
    shown = pairs[:facet.shown]
    present = {value for value, _ in shown}
    # A selected value stays visible (and removable) even when it has no hits now.
    counts = dict(pairs)
    return shown + [(value, counts.get(value, 0)) for value in selected if value not in present]


def labels_of(name, keys):
    """``{value: label}`` for these values of a facet, from the cache or one query."""
    return labels_for({name: keys})[name]


# The labels this process has read, under the versions they were read with: a page's
# 60-odd labels are then a dictionary's, not a round trip to the shared cache.
_known = {"versions": None, "labels": {}}


def labels_for(keys_by_name):
    """``{facet name: {value: label}}``: from this process's copy, then every label the shared
    cache holds in one read, the others one query per facet."""
    found = {name: {} for name in keys_by_name}
    looked_up = {name: keys for name, keys in keys_by_name.items() if name in _LOOKED_UP and keys}
    for name, keys in keys_by_name.items():
        if name not in _LOOKED_UP:
            found[name] = LABELS[name](keys)
    if not looked_up:
        return found
    versions = caching.current_versions()
    known = _known["labels"] if _known["versions"] == versions and caching.seconds("label") else {}
    unknown = {}
    for name, keys in looked_up.items():
        for key in keys:
            if (name, key) in known:
                found[name][key] = known[(name, key)]
            else:
                unknown.setdefault(name, []).append(key)
    if not unknown:
        return found
    keys_of = {(name, key): caching.key("label", name, key, versions=versions)
               for name, keys in unknown.items() for key in keys}
    cached = caching.get_many("label", list(keys_of.values()))
    missing = {}
    for (name, key), cache_key in keys_of.items():
        if cache_key in cached:
            found[name][key] = cached[cache_key]  # may be None: a value known to have no label
        else:
            missing.setdefault(name, []).append(key)
    fresh_entries = {}
    for name, keys in missing.items():
        fresh = LABELS[name](keys)
        for key in keys:
            found[name][key] = fresh.get(key)
            fresh_entries[keys_of[(name, key)]] = found[name][key]
    if fresh_entries:
        caching.put_many("label", fresh_entries)
    if caching.seconds("label"):
        if _known["versions"] != versions:
            _known["versions"], _known["labels"] = versions, {}
        _known["labels"].update({pair: found[pair[0]][pair[1]] for pair in keys_of})
    return found


class _Toggler:
    """``toggle_url`` for many values of one facet, reading the query string once.

    A value not yet selected (most of them) goes after the facet's own values, or at the end:
    between two parts of the query string encoded once, not the whole string again per value.
    """

    def __init__(self, params, name):
        self.name = name
        self.lists = [(key, values) for key, values in params.lists() if key != "page"]
        self.values = params.getlist(name)
        keys = [key for key, _ in self.lists]
        cut = keys.index(name) + 1 if name in keys else len(keys)
        self._head, self._tail = (urlencode([(key, v) for key, vs in part for v in vs])
                                  for part in (self.lists[:cut], self.lists[cut:]))
        self._name = quote_plus(name) + "="

    def __call__(self, value):
        if value in self.values:
            return self._removed(value)
        return "?" + "&".join(part for part in (self._head, self._name + quote_plus(value), self._tail) if part)

    def _removed(self, value):
        values = [v for v in self.values if v != value]
        lists = [(key, values if key == self.name else old) for key, old in self.lists]
        return "?" + urlencode([(key, v) for key, vs in lists for v in vs])


def toggle_url(params, name, value):
    """The query string with ``name=value`` added or removed; the page number is dropped."""
    return _Toggler(params, name)(value)


def remove_url(params, *names):
    """The query string without these parameters (and without the page number)."""
    query = params.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    return "?" + query.urlencode()


def speaker_labels(keys):
    """As ``Speaker.label``, read as plain values (the facet's 15 speakers, no instances)."""
    ids = [pk for pk in (ascii_number(key, 17) for key in keys) if pk is not None]
    rows = Speaker.objects.filter(pk__in=ids).order_by().values_list("pk", "honorific", "name", "country__name")
    labels = {}
    for pk, honorific, name, country in rows:
        labels[str(pk)] = Speaker.label_of(honorific, name, country)
    return labels


def country_labels(keys):
    if not keys:
        return {}
    rows = Country.objects.filter(Q(code__in=keys) | Q(slug__in=keys)).order_by().values_list("code", "slug", "name")
    return {code or slug: name for code, slug, name in rows}


def agenda_labels(keys):
    if not keys:
        return {}
    return dict(AgendaItem.objects.filter(slug__in=keys).order_by().values_list("slug", "title"))


def resolution_labels(keys):
    lookups, council = Q(), []
    for key in keys:
        if lookup := Resolution.key_lookup(key):
            if lookup["body"] == "SC":
                council.append(lookup["number"])  # one IN for the Council's: a short query to plan
            else:
                lookups |= Q(**lookup)
    if council:
        lookups |= Q(body="SC", number__in=council)
    if not lookups:
        return {}
    return {r.key: r.label for r in Resolution.objects.filter(lookups)}


def _choices(choices):
    labels = dict(choices)
    return lambda keys: {k: labels[k] for k in keys if k in labels}


# Facets whose labels come from the database (the others are computed).
_LOOKED_UP = {"speaker", "country", "agenda", "resolution"}

LABELS = {
    "speaker": speaker_labels,
    "country": country_labels,
    "year": lambda keys: {k: k for k in keys},
    "agenda": agenda_labels,
    "role": _choices(Statement.Role.choices),
    "language": _choices(Statement.Language.choices),
    "resolution": resolution_labels,
}
