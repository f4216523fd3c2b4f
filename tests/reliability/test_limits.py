"""Rate limits on every address that searches, the client behind trusted proxies only,
sign-in lockout at exactly the documented attempt, and one log line per refusal."""
import logging

from django.contrib.auth.models import User
import pytest

from statements.models import Country, Speaker, Statement

PROXY = "10.0.0.1"


def searching_paths():
    statement = Statement.objects.filter(procedural=False).first()
    country = Country.objects.filter(slug__isnull=False).exclude(slug="").first()
    speaker = Speaker.objects.exclude(slug="").first()
    return [
        "/search/?q=peace", "/api/search?q=peace", "/search.json?q=peace", "/search.csv?q=peace",
        "/search/feed/?q=peace", f"/countries/{country.slug}/?q=peace",
        f"/countries/{country.slug}.json?q=peace", f"/speakers/{speaker.slug}/?q=peace",
        f"/statements/{statement.pk}/",
    ]


@pytest.mark.django_db
def test_every_address_that_searches_is_limited(client, settings, fresh_cache, seeds):
    settings.SEARCH_RATE_LIMIT = (2, 60)
    for number, path in enumerate(searching_paths()):
        address = f"192.0.2.{number + 1}"
        for _ in range(2):
            assert client.get(path, REMOTE_ADDR=address).status_code == 200, path
        refused = client.get(path, REMOTE_ADDR=address)
        assert refused.status_code == 429, path
        assert 0 < int(refused["Retry-After"]) <= 60
        assert b"Too many searches" in refused.content


@pytest.mark.django_db
def test_one_limit_across_all_searching_addresses_and_browsing_free(client, settings, fresh_cache, seeds):
    settings.SEARCH_RATE_LIMIT = (3, 60)
    country = Country.objects.exclude(slug="").first()
    for path in ("/search.json?q=a", "/search.csv?q=b", "/search/feed/?q=c"):
        assert client.get(path).status_code == 200
    assert client.get("/api/search?q=d").status_code == 429
    for path in ("/", "/meetings/", f"/countries/{country.slug}/", "/search/help/"):
        assert client.get(path).status_code == 200, path  # no query: no search, no count


@pytest.mark.django_db
def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(client, settings, fresh_cache):
    settings.SEARCH_RATE_LIMIT = (2, 60)
    settings.TRUSTED_PROXIES = []
    for n in range(2):
        client.get("/api/search?q=x", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    rotated = client.get("/api/search?q=x", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert rotated.status_code == 429  # a client's own header changes nothing


@pytest.mark.django_db
def test_behind_trusted_proxies_the_client_is_the_rightmost_untrusted_hop(client, settings, fresh_cache):
    settings.SEARCH_RATE_LIMIT = (2, 60)
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]
    # The client forges a leftmost address on each request; the proxies append the real one.
    for n in range(2):
        forged = f"203.0.113.{n}, 198.51.100.7, 10.1.2.3"
        assert client.get("/api/search?q=x", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged).status_code == 200
    again = client.get("/api/search?q=x", REMOTE_ADDR=PROXY,
                       HTTP_X_FORWARDED_FOR="203.0.113.200, 198.51.100.7, 10.1.2.3")
    assert again.status_code == 429
    other = client.get("/api/search?q=x", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 200  # another real client has its own budget


def sign_in(client, username, password, address="192.0.2.50", **extra):
    return client.post("/admin/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address, **extra)


@pytest.mark.django_db
def test_first_429_exactly_after_the_documented_number_of_failures(client, settings, fresh_cache):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_LOCKOUT_SECONDS = 900
    User.objects.create_superuser("clerk", "clerk@example.org", "right-password-123")
    codes = [sign_in(client, "clerk", "guess").status_code for _ in range(5)]
    assert codes == [200] * 5
    locked = sign_in(client, "clerk", "right-password-123")
    assert locked.status_code == 429 and 890 <= int(locked["Retry-After"]) <= 900
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "clerk", "right-password-123", "192.0.2.51").status_code == 302


@pytest.mark.django_db
def test_the_address_lock_and_the_account_lock(client, settings, fresh_cache):
    settings.LOGIN_FAILURE_LIMIT = 2  # address lock after 20 failures, account lock after 20
    settings.TRUSTED_PROXIES = [PROXY]
    User.objects.create_superuser("clerk", "clerk@example.org", "right-password-123")
    User.objects.create_superuser("registrar", "r@example.org", "other-password-456")
    for n in range(20):  # spraying usernames from one address
        assert sign_in(client, f"user{n}", "guess", "192.0.2.60").status_code == 200
    assert sign_in(client, "registrar", "other-password-456", "192.0.2.60").status_code == 429
    assert sign_in(client, "registrar", "other-password-456", "192.0.2.61").status_code == 302
    client.logout()
    # One account guessed from twenty addresses (through the proxy): locked everywhere.
    for n in range(20):
        response = sign_in(client, "clerk", "guess", PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert response.status_code == 200
    fresh = sign_in(client, "clerk", "right-password-123", "192.0.2.99")
    assert fresh.status_code == 429 and int(fresh["Retry-After"]) > 0


@pytest.mark.django_db
def test_each_refusal_is_logged_once_with_the_request_and_the_reason(client, settings, fresh_cache, caplog):
    settings.SEARCH_RATE_LIMIT = (1, 60)
    client.get("/api/search?q=x")
    with caplog.at_level(logging.INFO):
        client.get("/api/search?q=uranium&page=2")
        client.get("/no-such-page/")
    lines = [r.getMessage() for r in caplog.records if r.name == "statements.requests"]
    assert len(lines) == 2
    assert lines[0].startswith('status=429 method=GET path="/api/search?q=uranium&page=2" client=127.0.0.1')
    assert 'reason="search rate limit 1/60s exceeded; retry after' in lines[0]
    assert lines[1].startswith('status=404 method=GET path="/no-such-page/"') and 'reason="Not Found"' in lines[1]
    assert not [r for r in caplog.records if r.name == "django.request"]  # not twice


def test_the_shared_counter_counts_each_request_once_and_expires_on_redis(settings):
    """``ratelimit.count`` as every worker calls it, from threads with their own connections to one Redis."""
    import os
    from concurrent.futures import ThreadPoolExecutor
    import time

    from django.core.cache import cache
    import redis

    from portal.env import cache_config
    from statements import ratelimit

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
    settings.CACHES = {"default": cache_config(url)}
    key = f"ratelimit:counter-test:{time.time_ns()}"
    with ThreadPoolExecutor(4) as pool:
        values = list(pool.map(lambda _: ratelimit.count(key, 30), range(40)))
    assert sorted(values) == list(range(1, 41))
    assert 0 < redis.Redis.from_url(url).ttl(cache.make_and_validate_key(key)) <= 30  # the window's counter expires
    cache.delete(key)


def test_the_shared_counter_is_one_round_trip_to_redis(settings, monkeypatch):
    """Every search counts against the limit before it is answered: one exchange with Redis, not
    Django's ``incr`` (``EXISTS`` then ``INCR``) nor ``add`` then ``incr``."""
    import os
    import time

    from django.core.cache import cache
    import redis

    from portal.env import cache_config
    from statements import ratelimit

    settings.CACHES = {"default": cache_config(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4"))}
    key = f"ratelimit:round-trips:{time.time_ns()}"
    ratelimit.count("ratelimit:warm-up", 5)  # the connection made
    sent = []
    send = redis.connection.Connection.send_packed_command
    monkeypatch.setattr(redis.connection.Connection, "send_packed_command",
                        lambda self, command, *args, **kwargs: sent.append(command) or send(self, command, *args, **kwargs))
    assert [ratelimit.count(key, 30) for _ in range(3)] == [1, 2, 3]
    assert len(sent) == 3
    cache.delete(key)
