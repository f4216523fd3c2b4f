"""Staff sign-in protected against password guessing.

Failed sign-ins are counted atomically in the shared cache (``statements.ratelimit.count``),
three ways, each for ``LOGIN_LOCKOUT_SECONDS`` from its first failure:

- one username from one address: after ``LOGIN_FAILURE_LIMIT`` failures the next
  attempt for that username from that address is refused (429), right password or not;
- one address, any usernames: after ten times the limit, every sign-in from that
  address is refused (someone there is guessing; staff elsewhere are unaffected);
- one username, any addresses: after ten times the limit the account is refused from
  everywhere (guessing spread over many addresses).

The client address is ``statements.ratelimit.client_address`` (forwarding headers
believed only from ``TRUSTED_PROXIES``). The refusal carries ``Retry-After``.
"""
import time

from django.conf import settings
from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import render

from .ratelimit import client_address, count
from .request_log import refuse
ADDRESS_FACTOR = ACCOUNT_FACTOR = 10


def _counters(username, request):
    """(cache key, limit) for each way failures are counted."""
    address = client_address(request) if request is not None else "-"
    user = (username or "").strip().lower()[:150]
    limit = settings.LOGIN_FAILURE_LIMIT
    return [(f"lockout:user-addr:{user}:{address}", limit),
            (f"lockout:addr:{address}", limit * ADDRESS_FACTOR),
            (f"lockout:user:{user}", limit * ACCOUNT_FACTOR)]


def locked_for(username, request):
    """Seconds until sign-in is allowed again for this username from this request's address; 0 if it is."""
    keys = _counters(username, request)
    values = cache.get_many([key for key, _ in keys] + [f"{key}:since" for key, _ in keys])
    waits = []
    for key, limit in keys:
        if (values.get(key) or 0) >= limit:
            since = values.get(f"{key}:since") or time.time()
            waits.append(max(1, int(since + settings.LOGIN_LOCKOUT_SECONDS - time.time())))
    return max(waits, default=0)


def is_locked(username, request):
    return bool(locked_for(username, request))


class LockoutModelBackend(ModelBackend):
    """The model backend, refusing while the username or address is locked out."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("email") or kwargs.get(self._username_field())
        if is_locked(username, request):
            raise PermissionDenied("locked out after too many failed sign-ins")
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def _username_field():
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    timeout = settings.LOGIN_LOCKOUT_SECONDS
    for key, _ in _counters(credentials.get("username"), request):
        cache.add(f"{key}:since", int(time.time()), timeout=timeout)
        count(key, timeout)


@receiver(user_logged_in)
def forget_failures(sender, user, request=None, **kwargs):
    key = _counters(user.get_username(), request)[0][0]
    cache.delete_many([key, f"{key}:since"])


class LoginLockoutMiddleware:
    """Tell a locked-out visitor so (429, ``Retry-After``) instead of 'wrong password' once more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path.endswith("/login/"):
            username = request.POST.get("username")
            wait = locked_for(username, request)
            if wait:
                minutes = max(1, (wait + 59) // 60)
                message = (f"Too many failed sign-in attempts. Signing in is blocked for up to "
                           f"{minutes} minutes; ask another administrator if you need access sooner.")
                response = render(request, "429.html", {"message": message}, status=429)
                response["Retry-After"] = str(wait)
                return refuse(response, f"sign-in locked for username {(username or '')[:150]!r} "
                                        f"after repeated failures; retry after {wait}s")
        return self.get_response(request)
