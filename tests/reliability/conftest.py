"""Fixtures of the reliability tests."""
from django.core.cache import cache
import pytest


@pytest.fixture
def fresh_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests
    cache.clear()
    yield
    cache.clear()
