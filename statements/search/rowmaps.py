"""Maps a search page reads, made from a table's rows and kept in the process until those rows change.

Every search page looks names up (the speakers and States a query names, the "go to" pages)
and puts meetings in months or years (its chart). Those maps used to be remade after any
change anywhere in the portal, which an upload is, and kept in the shared cache: 0.2-0.9 s
for a worker's first search after each upload at 100,000 statements, half of it pickling.
A ``RowMap`` is kept in the process under the index's version and the portal's generation
(``caching.key``); when either changes, its rows are read again as plain values (one
query) and the map is made again only if they differ.
"""
import threading

from .. import caching


class RowMap:
    """``make(rows)``, remade only when ``rows()`` differ from the rows it was made from.

    ``kind`` is the ``CACHE_SECONDS`` kind that turns the copy kept in the process on (any
    number of seconds) or off (0); the seconds themselves do not matter: nothing is stale.
    """

    def __init__(self, kind, name, rows, make):
        self.kind, self.name, self.rows, self.make = kind, name, rows, make
        self._held = None  # (key, rows, value)
        self._lock = threading.Lock()

    def __call__(self):
        entry_key = caching.key(self.kind, self.name)
        held = self._held
        if held is not None and held[0] == entry_key:
            return held[2]
        with self._lock:
            rows = self.rows()
            held = self._held
            value = held[2] if held is not None and held[1] == rows else self.make(rows)
            if caching.seconds(self.kind):
                self._held = (entry_key, rows, value)
            return value


class Rows:
    """``read()``, read once after each change of the portal (the key ``RowMap`` keeps its maps
    under) for every map made from the same rows: after an upload, the speakers and countries are
    read once for the names a query may say (``names``) and the facets' labels (``facets``), not
    once for each."""

    def __init__(self, name, read):
        self.name, self.read = name, read
        self._held = None  # (key, rows)
        self._lock = threading.Lock()

    def __call__(self):
        entry_key = caching.key("rows", self.name)
        held = self._held
        if held is not None and held[0] == entry_key:
            return held[1]
        with self._lock:
            held = self._held
            if held is None or held[0] != entry_key:
                held = self._held = (entry_key, self.read())
            return held[1]


def _speakers():
    from django.db.models import BooleanField, ExpressionWrapper, Q

    from ..models import Speaker

    # whether a search lists any of their statements: their stored count (``statements.tallies``)
    listed = ExpressionWrapper(Q(statement_count__gt=0), output_field=BooleanField())
    return list(Speaker.objects.annotate(listed=listed).order_by("name", "pk").values_list(
        "pk", "name", "honorific", "slug", "country_id", "listed"))


def _countries():
    from ..models import Country

    return list(Country.objects.order_by("name").values_list("pk", "name", "code", "slug"))


# Every speaker ``(pk, name, honorific, slug, country_id, listed)`` by name, and every country
# ``(pk, name, code, slug)`` by name, as plain values.
speaker_rows = Rows("speakers", _speakers)
country_rows = Rows("countries", _countries)
