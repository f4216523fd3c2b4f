"""Staff sign-in protected against password guessing.

After ``LOGIN_FAILURE_LIMIT`` failed sign-ins for one username from one address
(or ten times that from one address, whatever the usernames) sign-in is refused
for ``LOGIN_LOCKOUT_SECONDS``, even with the right password. Counters live in
Django's cache (a shared one in production; see ``statements.ratelimit``).
"""
from django.conf import settings
from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import render

from .ratelimit import client_address


def _keys(username, request):
    address = client_address(request) if request is not None else "-"
    return (f"lockout:user:{(username or '').lower()}:{address}", f"lockout:addr:{address}")


def _limits():
    limit = settings.LOGIN_FAILURE_LIMIT
    return (limit, limit * 10)


def is_locked(username, request):
    return any((cache.get(key) or 0) >= limit for key, limit in zip(_keys(username, request), _limits()))


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
    for key in _keys(credentials.get("username"), request):
        cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


@receiver(user_logged_in)
def forget_failures(sender, user, request=None, **kwargs):
    cache.delete(_keys(user.get_username(), request)[0])


class LoginLockoutMiddleware:
    """Tell a locked-out visitor so (429) instead of 'wrong password' once more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (request.method == "POST" and request.path.endswith("/login/")
                and is_locked(request.POST.get("username"), request)):
            minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
            message = (f"Too many failed sign-in attempts. Signing in is blocked for up to "
                       f"{minutes} minutes; ask another administrator if you need access sooner.")
            return render(request, "429.html", {"message": message}, status=429)
        return self.get_response(request)
