"""The search index's schema version: what the code writes, what the index on disk was built with.

An upgrade that changes what is indexed (a field, its analysis, what a statement's text
becomes) leaves the old index answering with stale or wrong results while ids still
agree. So every full rebuild records ``current()`` beside the index, and the portal
compares: ``state()`` is ``CURRENT``, ``STALE`` (built by other code: search answers
503 "must be rebuilt", ``check_index`` fails and ``--repair`` rebuilds, a system check
warns) or ``UNVERSIONED`` (an index built before versions were recorded: a warning).

``current()`` is ``INDEX_FORMAT`` plus a digest of the engine, of every search
field's definition and of what the engine's backend declares it also writes
(``index_signature()``: Whoosh's word pairs and their list of common words), so
adding or changing a field changes it by itself; bump ``INDEX_FORMAT`` when the
analysis or a ``prepare_*`` method changes what is written. (Whoosh's word pairs came in
through its signature, which made every older Whoosh index stale without making a
SolrCloud index, which they do not concern, stale too.)
Engine-neutral: the version lives in a file in the index directory for an engine with
a ``PATH`` (Whoosh), else in ``PORTAL_VAR_DIR`` beside the connection's name.
"""
import hashlib
import json
import logging
import os
from pathlib import Path
import time

from django.conf import settings

log = logging.getLogger(__name__)

INDEX_FORMAT = "1"
VERSION_FILE = "PORTAL_INDEX_VERSION"
CURRENT, STALE, UNVERSIONED = "current", "stale", "unversioned"
MUST_REBUILD = ("The search index must be rebuilt",
                "This version of the portal indexes statements differently from the index on "
                "disk, so search is off until an administrator runs `manage.py rebuild_index`. "
                "Browsing meetings and statements still works.")


def current(alias="default"):
    """The schema version this code writes, e.g. ``1-3f2a9c0d1e7b``."""
    from haystack import connections

    connection = connections[alias]
    fields = connection.get_unified_index().all_searchfields()
    described = sorted(
        (name, type(field).__name__, field.field_type, field.indexed, field.stored,
         field.faceted, field.document, field.is_multivalued, field.index_fieldname)
        for name, field in fields.items())
    engine = settings.HAYSTACK_CONNECTIONS[alias]["ENGINE"]
    signature = getattr(connection.get_backend(), "index_signature", None)
    extra = [signature()] if signature else []
    digest = hashlib.sha256(json.dumps([engine, described, *extra]).encode()).hexdigest()[:12]
    return f"{INDEX_FORMAT}-{digest}"


def version_path(alias="default"):
    config = settings.HAYSTACK_CONNECTIONS[alias]
    if config.get("PATH"):
        return Path(config["PATH"]) / VERSION_FILE
    return Path(settings.VAR_DIR) / f"{VERSION_FILE}.{alias}"


def stored(alias="default"):
    """The version the index was built with, or ``None`` when it records none."""
    try:
        return version_path(alias).read_text().strip() or None
    except FileNotFoundError:
        return None


def record(alias="default"):
    """Write ``current()`` beside the index (after a full rebuild)."""
    path = version_path(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(current(alias) + "\n")
    temporary.replace(path)
    _cache.clear()


def state(alias="default"):
    found = stored(alias)
    if found is None:
        return UNVERSIONED
    return CURRENT if found == current(alias) else STALE


_cache = {}
CACHE_SECONDS = 5


def is_stale(alias="default"):
    """``state() == STALE``, read at most every few seconds per process (it is asked per search)."""
    now = time.monotonic()
    cached = _cache.get(alias)
    if cached is None or now - cached[0] > CACHE_SECONDS:
        cached = _cache[alias] = (now, state(alias) == STALE)
    return cached[1]


def describe(alias="default"):
    """One line for ``check_index`` and the system check."""
    found, expected = stored(alias), current(alias)
    if found is None:
        return (f"Index schema version: none recorded (an index built before versions were "
                f"kept); this code writes {expected}: run rebuild_index.")
    if found != expected:
        return (f"Index schema version: the index has {found}, this code writes {expected}: "
                f"the index must be rebuilt (run rebuild_index).")
    return f"Index schema version: {found} (current)."


class IndexVersionMiddleware:
    """Search answers 503 "must be rebuilt" while the index was built by other code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .middleware import unavailable
        from .ratelimit import runs_full_search
        from .request_log import refuse

        if runs_full_search(request):
            try:
                stale = is_stale()
            except Exception:  # never let the version check itself break search
                log.exception("The index schema version could not be read")
                stale = False
            if stale:
                return refuse(unavailable(request, *MUST_REBUILD, retry_after=300),
                              f"index schema {stored()} but the code writes {current()}: "
                              "the index must be rebuilt")
        return self.get_response(request)
