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
