"""The index's version, and a small in-process LRU for what belongs to one open index.

The index's version is the identity of its current table of contents: a commit,
a deletion or a rebuild writes a new one, so an entry keyed by it can never be
served for an index that has changed since it was computed. Answers, pages and
labels shared between workers live in ``statements.caching``; the LRU keeps only
what is tied to this process's open searcher (matched documents, rankings).
"""
import os
import re
import threading
import time
from collections import OrderedDict

_TOC_RE = re.compile(r"^_(?P<name>.+)_(?P<gen>\d+)\.toc$")


def index_version(path, indexname="MAIN"):
    """``(generation, inode, mtime)`` of the newest table of contents; ``None`` if there is none.

    The inode and modification time tell a rebuilt index from the one it replaced
    even when both reached the same generation number.
    """
    try:
        names = os.listdir(path)
    except FileNotFoundError:
        return None
    best = None
    for name in names:
        match = _TOC_RE.match(name)
        if match and match["name"] == indexname:
            gen = int(match["gen"])
            if best is None or gen > best[0]:
                best = (gen, name)
    if best is None:
        return None
    try:
        stat = os.stat(os.path.join(path, best[1]))
    except FileNotFoundError:  # replaced while we looked: report a version nobody cached
        return (best[0], -1, -1)
    return (best[0], stat.st_ino, stat.st_mtime_ns)


class LRU:
    """The ``size`` most recently used entries; an entry put with ``seconds`` is gone after that long."""

    def __init__(self, size):
        self.size = size
        self._items = OrderedDict()  # key -> (value, monotonic deadline or None)
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key, default=None):
        with self._lock:
            entry = self._items.get(key)
            if entry is not None and entry[1] is not None and entry[1] <= time.monotonic():
                del self._items[key]
                entry = None
            if entry is None:
                self.misses += 1
                return default
            self._items.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key, value, seconds=None):
        with self._lock:
            self._items[key] = (value, None if seconds is None else time.monotonic() + seconds)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self):
        with self._lock:
            self._items.clear()

    def __len__(self):
        return len(self._items)
