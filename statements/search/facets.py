"""The facets of a search: which index field each reads, and whole labels from the database.

A facet value is an id or code (a speaker's id, ISO code, agenda slug,
resolution key); its label comes from one map per process of every speaker's,
country's, agenda item's and resolution's label (``rowmaps``, kind ``label``): a
page's 60-odd labels are dictionary lookups, with no query and no round trip to
the shared cache. After a saved row the map's rows are read again (four queries of
plain values) and the map made again only if they differ. Values are links
that toggle themselves in the query string and drop the page number; several
values of one facet are OR-ed, facets are AND-ed (``statements.search.service``).
"""
import re
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode


from ..models import AgendaItem, Resolution, Speaker, Statement
from . import rowmaps


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
    """``{value: label}`` for these values of a facet (a value with no label is left out)."""
    return labels_for({name: keys})[name]


def labels_for(keys_by_name):
    """``{facet name: {value: label}}``: the looked-up facets' from this process's map of every
    label (``label_maps``), the others computed; a value with no label is left out."""
    found = {}
    maps = None
    for name, keys in keys_by_name.items():
        if name in _LOOKED_UP:
            if maps is None:
                maps = label_maps()
            labels = maps[name]
            found[name] = {key: labels[key] for key in keys if key in labels}
        else:
            found[name] = LABELS[name](keys)
    return found


def label_maps():
    """``{facet name: {value: label}}`` of every speaker, country, agenda item and resolution,
    kept in the process until a row of the portal changes (then read again, four queries)."""
    return _LABEL_MAPS()


def _label_rows():
    """The rows every label is made from, as plain values, in a stable order (the speakers and
    countries read once for these labels and the names a query may say: ``rowmaps``)."""
    return (
        rowmaps.speaker_rows(),
        rowmaps.country_rows(),
        list(AgendaItem.objects.order_by("pk").values_list("slug", "title")),
        list(Resolution.objects.order_by("pk").values_list("body", "session", "number", "year")),
    )


def _make_label_maps(rows):
    speakers, countries, agenda_items, resolutions = rows
    country_names = {pk: name for pk, name, _, _ in countries}
    return {
        "speaker": {str(pk): Speaker.label_of(honorific, name, country_names.get(country_id))
                    for pk, name, honorific, _, country_id, _ in speakers},
        # ``Country.key``; in the order of their ids, as a code two countries share is labelled
        "country": {code or slug: name for _, name, code, slug in sorted(countries)},
        "agenda": dict(agenda_items),
        "resolution": {Resolution.key_of(body, session, number): Resolution.label_of(body, session, number, year)
                       for body, session, number, year in resolutions},
    }


_LABEL_MAPS = rowmaps.RowMap("label", "facet-labels", _label_rows, _make_label_maps)


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
        return "?" + "&".join(part for part in (self._head, self._name + _quoted(value), self._tail) if part)

    def _removed(self, value):
        values = [v for v in self.values if v != value]
        lists = [(key, values if key == self.name else old) for key, old in self.lists]
        return "?" + urlencode([(key, v) for key, vs in lists for v in vs])


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")  # what ``quote_plus`` leaves as it is


def _quoted(value):
    """``quote_plus(value)``; a facet value (an id, code, slug or year) is nearly always left as it is."""
    return value if _UNQUOTED.fullmatch(value) else quote_plus(value)


def toggle_url(params, name, value):
    """The query string with ``name=value`` added or removed; the page number is dropped."""
    return _Toggler(params, name)(value)


def remove_url(params, *names):
    """The query string without these parameters (and without the page number)."""
    query = params.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    return "?" + query.urlencode()


def _choices(choices):
    labels = dict(choices)
    return lambda keys: {k: labels[k] for k in keys if k in labels}


# Facets whose labels come from the database (``label_maps``); the others are computed.
_LOOKED_UP = {"speaker", "country", "agenda", "resolution"}

LABELS = {
    "year": lambda keys: {k: k for k in keys},
    "role": _choices(Statement.Role.choices),
    "language": _choices(Statement.Language.choices),
}
