"""One log line for every 4xx/5xx the portal decides: the request line, the client and why.

``RequestLogMiddleware`` sits outermost. Code that refuses a request says why with
``refuse(response, reason)`` (the rate limit, the lockout, the 503s, the upload gate); a
response without a stated reason is logged with its status phrase. Django's own
``django.request`` line for the same response is suppressed, so each refusal is logged
once, as ``status=429 method=GET path="/search/?q=x" client=192.0.2.1 reason="..."``.
"""
import logging
import time

log = logging.getLogger("statements.requests")


def refuse(response, reason):
    """Attach the reason a response refuses its request (for the log line); returns it."""
    response.refusal_reason = reason
    return response


def _quoted(value):
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")[:300] + '"'


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        status = response.status_code
        if status >= 400:
            from .ratelimit import client_address

            reason = getattr(response, "refusal_reason", "") or response.reason_phrase
            level = logging.ERROR if status >= 500 and status != 503 else logging.WARNING
            log.log(level, "status=%s method=%s path=%s client=%s ms=%.0f reason=%s",
                    status, request.method, _quoted(request.get_full_path()),
                    client_address(request), (time.monotonic() - started) * 1000, _quoted(reason))
            response._has_been_logged = True  # Django's "Not Found: /x" line says less
        return response
