"""Friendly 503s: the database unreachable, search being rebuilt, or its index damaged.

A visitor gets a page that says what is going on (JSON for the API), with
``Retry-After``; the error itself goes to the log, never to the visitor. Each
503 says only what is true: "being rebuilt" while a rebuild runs, "damaged"
when a part of the index on disk cannot be read. Any other error inside the
search engine is a bug: Django's logged 500 and its error page.
"""
import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse

from . import caching, indexing

log = logging.getLogger(__name__)

# Every address that searches: the page, the API, the exports and the feed.
SEARCH_URLS = (("statements:search", {}), ("statements:api_search", {}),
               ("statements:search_export", {"format": "json"}),
               ("statements:search_export", {"format": "csv"}),
               ("statements:search_feed", {}))
DATABASE_DOWN = ("The portal is temporarily unavailable",
                 "Its database cannot be reached at the moment.")
SEARCH_REBUILDING = ("Search is being rebuilt",
                     "The search index is being rebuilt from the database, so search is "
                     "unavailable for a few minutes. Browsing meetings and statements still works.")
SEARCH_DAMAGED = ("Search is unavailable",
                  "The search index is damaged (part of it is missing or cannot be read), so search "
                  "is unavailable until an administrator repairs it. Browsing meetings and "
                  "statements still works.")


def unavailable(request, heading, message, retry_after):
    """A 503 response rendered without touching the database."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": heading, "detail": message}, status=503)
    else:
        try:  # no request context: context processors might query the database
            body = loader.render_to_string("503.html", {"heading": heading, "message": message})
        except Exception:
            log.exception("The 503 page could not be rendered")
            body = f"<!doctype html><title>{heading}</title><h1>{heading}</h1><p>{message}</p>"
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    response.refusal_reason = heading  # for the request log line (statements.request_log)
    return response


def raised_by_search_engine(exception):
    """True when the traceback runs through haystack or the engine (Whoosh, a client)."""
    tb = exception.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(("haystack.", "whoosh.", "elasticsearch", "pysolr")):
            return True
        tb = tb.tb_next
    return False


class StripNulMiddleware:
    """Drop NUL characters from query-string values.

    No query means one, and PostgreSQL refuses them in string literals: a
    ``?country=%00`` would otherwise reach the database and fail as a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = request.GET.copy()
            for key in list(cleaned):
                cleaned.setlist(key, [value.replace("\x00", "") for value in cleaned.getlist(key)])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


_idle_at = {}  # "version": the index version at which this process last found no rebuild running


def rebuilding():
    """``indexing.rebuilding()``, asked of the database once per index version while none runs.

    A rebuild records itself and then empties the index, which changes its version, so
    a process that found none running at one version asks again at the next; while
    one runs (or one died) it asks on every search. Recording or finishing a rebuild
    in this process forgets the answer (``forget_idle``).
    """
    version = caching.search_index_version()
    if version is not None and _idle_at.get("version") == version:
        return False
    running = indexing.rebuilding()
    if not running and version is not None:
        _idle_at["version"] = version
    return running


def forget_idle(**kwargs):
    _idle_at.clear()


class ServiceUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._search_paths = None

    def is_search(self, request):
        if self._search_paths is None:
            self._search_paths = {reverse(name, kwargs=kwargs) for name, kwargs in SEARCH_URLS}
        return request.path in self._search_paths

    def __call__(self, request):
        if self.is_search(request):
            try:
                if rebuilding():
                    return unavailable(request, *SEARCH_REBUILDING, retry_after=60)
            except DatabaseError:
                log.exception("Database unreachable")
                return unavailable(request, *DATABASE_DOWN, retry_after=30)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            log.error("Database unreachable: %s", exception, exc_info=exception)
            return unavailable(request, *DATABASE_DOWN, retry_after=30)
        if self.is_search(request) and raised_by_search_engine(exception):
            if indexing.rebuilding():
                log.warning("Search failed during a rebuild", exc_info=exception)
                return unavailable(request, *SEARCH_REBUILDING, retry_after=60)
            damage = indexing.damage()
            if damage:
                log.error("Search index damaged (%s); repair it with `manage.py check_index --repair`",
                          "; ".join(damage), exc_info=exception)
                return unavailable(request, *SEARCH_DAMAGED, retry_after=300)
        return None  # a bug: Django logs it and answers 500


def server_error(request, *args, **kwargs):
    """handler500: a database outage outside a view (e.g. in a middleware) is still a 503."""
    import sys

    from django.views.defaults import server_error as default_server_error

    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return unavailable(request, *DATABASE_DOWN, retry_after=30)
    return default_server_error(request, *args, **kwargs)


class UploadGateMiddleware:
    """Refuse an upload POST before its body is read: anonymous, not allowed, or too large.

    Django reads (and spools to disk) a multipart body as soon as anything touches
    ``request.POST`` (the CSRF check does), and ``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not
    cover file parts. This runs before any view or ``process_view``, looks only at the
    session, the user and ``Content-Length``, and answers without reading a byte.
    """

    UPLOAD_URL_NAME = "admin:statements_upload_add"
    SLACK = 64 * 1024  # multipart boundaries and the CSRF field around the file

    def __init__(self, get_response):
        self.get_response = get_response
        self._path = None

    def __call__(self, request):
        if request.method == "POST":
            if self._path is None:
                self._path = reverse(self.UPLOAD_URL_NAME)
            if request.path == self._path:
                refusal = self.refusal(request)
                if refusal is not None:
                    return refusal
        return self.get_response(request)

    def refusal(self, request):
        from django.conf import settings
        from django.contrib.auth.views import redirect_to_login
        from django.http import HttpResponseForbidden

        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            log.warning("Upload refused before reading: not signed in (%s bytes)",
                        request.META.get("CONTENT_LENGTH", "?"))
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not user.has_perm("statements.add_upload"):
            response = HttpResponseForbidden("You may not upload records.")
            response.refusal_reason = f"upload refused unread: {user.get_username()} may not upload"
            return response
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.UPLOAD_MAX_BYTES + self.SLACK:
            from django.contrib import messages
            from django.shortcuts import redirect

            from .models import Upload
            from .uploads import size_limit_message

            reason = size_limit_message(length)
            log.warning("Upload refused before reading (413): %s bytes from %s",
                        length, user.get_username())
            Upload.objects.create(filename="(not read: request too large)", size=length,
                                  uploaded_by=user, status=Upload.Status.REJECTED, reason=reason)
            messages.error(request, reason)
            return redirect(self.UPLOAD_URL_NAME)
        return None
