"""Every cache the portal keeps between requests: one place, in Django's cache framework.

Search answers, whole search pages, facet labels and the speaker-name map live
in the cache named by ``PORTAL_CACHE`` (``default``: local memory per process
unless ``CACHE_URL=redis://...`` points every worker at one Redis). What one
worker computes, the others serve.

An entry is never stale, by one rule: every key carries two versions,

* the index's version (the identity of its newest table of contents), which
  any commit, deletion or rebuild changes, so an answer never outlives the
  index it was read from; and
* the portal's generation, a counter in the cache itself that saving or
  deleting any row of the portal bumps (in the saving process, for all of them),
  so a renamed speaker is never shown under the old name.

Whole pages (``shared_entry``) keep the index's version in their key and the generation
in their value, so a GET reads the generation and its page in one round trip; a page of
another generation is none.

Old entries are not deleted, only never asked for again; each is also kept at
most the seconds its kind is given in ``CACHE_SECONDS``. What is kept per
process on purpose (the open searcher's decoded postings and facet columns,
``statements.search.whoosh.fastpath``) is tied to one open index, not shareable.
"""
import hashlib
from functools import wraps
import logging
import threading

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

from .search.engine import get_engine

log = logging.getLogger(__name__)

_GENERATION = "portal:generation"
_MISSING = object()
_UNREAD = object()


def cache():
    return caches[settings.PORTAL_CACHE]


def seconds(kind):
    """How long an entry of this kind is kept; 0 turns the kind off."""
    return settings.CACHE_SECONDS.get(kind, 0)


# The versions a GET or HEAD request read first, for the rest of its view
# (``RequestVersionsMiddleware``): a search page makes a dozen keys (page, answers,
# labels, names, trend), and each read of the index's version and of the generation
# cost a directory listing and a round trip to the cache.
_request = threading.local()


class RequestVersionsMiddleware:
    """Read the versions once per GET or HEAD (a save in the request makes it read them again)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        _request.pinned, _request.versions, _request.index_version = True, None, _UNREAD
        _request.page_missed = False
        try:
            return self.get_response(request)
        finally:
            _request.pinned, _request.versions, _request.index_version = False, None, _UNREAD
            _request.page_missed = False


def note_page_missed():
    """This GET's whole page was looked for in the shared cache and is not there (``pagecache``)."""
    if getattr(_request, "pinned", False):
        _request.page_missed = True


def page_missed():
    """Whether this GET's whole page was looked for in the shared cache and was not there.

    Its engine answers are then not looked for either (one round trip less on a first ask): an
    answer is kept under the index's version, the generation and the engine request, and the
    only request asking the same under the same generation is the same page, which would have
    been found (another page's answers differ by their range, sort or facets). The rare exception
    (a misspelling's corrected search, asked before as a page of its own) is computed again.
    """
    return getattr(_request, "page_missed", False)


def generation():
    """The portal's generation: changes whenever a row of the portal is saved or deleted."""
    if getattr(_request, "pinned", False):
        return current_versions()[1]
    return _read_generation()


def _read_generation():
    if getattr(_request, "unseen_change", False):
        bump_generation()  # a row saved in this transaction since the last bump
    value = cache().get(_GENERATION)
    if value is None:
        cache().add(_GENERATION, 1, timeout=None)
        value = cache().get(_GENERATION, 1)
    return value


def bump_generation():
    """Make every cached entry unreachable (a row changed, or a benchmark wants cold caches)."""
    # this request reads the new versions from now on
    _request.versions, _request.index_version, _request.unseen_change = None, _UNREAD, False
    store = cache()
    try:
        store.incr(_GENERATION)
    except ValueError:  # not there yet (or evicted): any new value differs from what keys were made with
        store.add(_GENERATION, 2, timeout=None)


def search_index_version():
    """The engine's version of its index (the contract's ``version()``); ``None``: no index yet.
    Read once per GET or HEAD, without the generation (which ``shared_entry`` may read with an entry)."""
    if getattr(_request, "pinned", False):
        if _request.versions is not None:
            return _request.versions[0]
        if _request.index_version is _UNREAD:
            _request.index_version = get_engine().version()
        return _request.index_version
    return get_engine().version()


def current_versions():
    """``(index version, portal generation)``: read once for the several keys of one request
    (a GET or HEAD: a request that saves rows reads them again after each save)."""
    if getattr(_request, "pinned", False):
        if _request.versions is None:
            _request.versions = (search_index_version(), _read_generation())
        return _request.versions
    return get_engine().version(), _read_generation()


def shared_entry(kind, *parts):
    """``(versions, entry key, value)``: the request's ``current_versions()``, the key of ``parts``
    under the index's version, and the value kept there for this generation (``None``: none).

    The key holds the index's version only; the value carries the generation it was made in
    (``put_entry``), and one of another generation is none. So a GET's first read of the
    generation and of the entry are one round trip to the cache, not two.
    """
    entry_key = key(kind, *parts, versions=(search_index_version(), "tagged with its generation"))
    if not seconds(kind):
        return current_versions(), entry_key, None
    tagged, read = None, False
    if getattr(_request, "pinned", False) and _request.versions is None and not getattr(
            _request, "unseen_change", False):
        found = cache().get_many([_GENERATION, entry_key])
        if _GENERATION in found:  # (else not there yet: made below)
            _request.versions = (search_index_version(), found[_GENERATION])
            tagged, read = found.get(entry_key), True
    versions = current_versions()
    if not read:
        tagged = cache().get(entry_key)
    if tagged is None or tagged[0] != versions[1]:
        return versions, entry_key, None
    return versions, entry_key, tagged[1]


def put_entry(kind, entry_key, versions, value):
    """Keep ``value`` under ``entry_key`` (from ``shared_entry``) for the generation of ``versions``."""
    put(kind, entry_key, (versions[1], value))


def key(kind, *parts, versions=None):
    """A short key for ``parts`` under the ``current_versions()`` (pass them if already read)."""
    digest = hashlib.sha1(repr((versions or current_versions(), parts)).encode()).hexdigest()
    return f"portal:{kind}:{digest}"


_memo = {}  # kind -> (key, value): this process's copy of the newest entry of a kind


def memo(kind, entry_key, compute, slot=None):
    """The value under ``entry_key``: from this process's copy, the shared cache, or ``compute()``.

    For a large value every request needs (the speaker-name map, the meetings' dates
    under every trend chart): unpickling it from the shared cache on each request would
    cost more than the lookup it saves. The process keeps one value per ``slot``
    (by default, per kind).
    """
    slot = slot or kind
    held = _memo.get(slot)
    if held is not None and held[0] == entry_key:
        return held[1]
    value = get(kind, entry_key)
    if value is None:
        value = compute()
        put(kind, entry_key, value)
    if seconds(kind):
        _memo[slot] = (entry_key, value)
    return value


def get(kind, entry_key, default=None):
    if not seconds(kind):
        return default
    return cache().get(entry_key, default)


def put(kind, entry_key, value):
    ttl = seconds(kind)
    if ttl:
        cache().set(entry_key, value, timeout=ttl)


def get_many(kind, keys):
    """``{key: value}`` of the keys that are cached."""
    if not seconds(kind) or not keys:
        return {}
    return cache().get_many(keys)


def put_many(kind, values):
    ttl = seconds(kind)
    if ttl and values:
        cache().set_many(values, timeout=ttl)


_COPIED_HEADERS = ("Content-Type", "Content-Language", "ETag", "Cache-Control", "Last-Modified")


def anonymous_read(request):
    """A GET or HEAD without a session: the same page for everyone, so it may be shared."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def cached_response(kind, *parts):
    """``(versions, entry key, response)``: the response kept for ``parts`` (``None``: none), read
    with the request's generation in one round trip (``shared_entry``)."""
    versions, entry_key, cached = shared_entry(kind, *parts)
    if cached is None:
        return versions, entry_key, None
    status, headers, content = cached
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return versions, entry_key, response


def keep_response(kind, entry_key, versions, response):
    """Keep a whole 200 response, unless it is personal (sets a cookie, carries a CSRF token).

    In a request, on Redis, the page is sent to Redis before the response is returned, so it is
    there before the visitor has it (another worker asked next serves it), but Redis's reply is
    read only after the response is written (``request_finished``): the visitor does not wait
    for it, and a failure is logged, never the visitor's.
    """
    if (response.status_code == 200 and not response.streaming and not response.cookies
            and b"csrfmiddlewaretoken" not in response.content):
        headers = [(name, response[name]) for name in _COPIED_HEADERS if response.has_header(name)]
        value = (versions[1], (response.status_code, headers, response.content))
        ttl = seconds(kind)
        send = getattr(cache(), "set_unanswered", None)
        pending = getattr(_replies, "pending", None)
        if not ttl or send is None or pending is None:
            put(kind, entry_key, value)
            return
        try:
            pending.append(send(entry_key, value, timeout=ttl))
        except Exception:  # the visitor still gets the page; the next ask computes it again
            log.warning("a page was not kept in the shared cache", exc_info=True)


# Replies of the shared cache a request's response did not wait for (``keep_response``), read
# when the response has been written and closed.
_replies = threading.local()


def _read_replies(**kwargs):
    pending, _replies.pending = getattr(_replies, "pending", None), None
    for reply in pending or ():
        try:
            reply()
        except Exception:
            log.warning("a page was not kept in the shared cache", exc_info=True)


def _start_request(**kwargs):
    _read_replies()  # a response never closed (its server gave up on it) leaves none behind
    _replies.pending = []


request_started.connect(_start_request, dispatch_uid="portal-caching-request-started")
request_finished.connect(_read_replies, dispatch_uid="portal-caching-request-finished")


def shared_page(view, kind="browse"):
    """Decorate a view: its anonymous pages are computed once for every worker (kind ``browse``)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not seconds(kind) or not anonymous_read(request):
            return view(request, *args, **kwargs)
        versions, entry_key, response = cached_response(
            kind, request.get_host(), request.is_secure(), request.get_full_path())
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            keep_response(kind, entry_key, versions, response)
        return response

    return wrapped


# Rows no page shows (the upload log, the index queue), and the tallies, whose recount bumps the
# generation itself. No receiver is connected for them, so Django deletes them in one query
# rather than one signal (and one bump) per row.
_UNSHOWN = {"upload", "indextask", "indexrebuild", "profiletally"}


def _portal_changed(sender, **kwargs):
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_generation()
        return
    # In a transaction: once now and once more when the change is visible to other connections (a
    # worker that recomputed a page between the save and the commit would have cached the old
    # rows); for its later rows, only before this process makes a key again (an ingest saves
    # many rows and reads none of the cache).
    if any(entry[1] is bump_generation for entry in connection.run_on_commit):
        _request.versions, _request.unseen_change = None, True
    else:
        bump_generation()
        transaction.on_commit(bump_generation)


def connect_signals():
    from django.apps import apps

    for model in apps.get_app_config("statements").get_models(include_auto_created=True):
        if model._meta.model_name in _UNSHOWN:
            continue
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_portal_changed, sender=model, dispatch_uid=f"portal-caching-{id(signal)}-{model._meta.label}")
