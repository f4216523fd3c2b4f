"""Whole search pages: conditional GETs and a cache that never outlives the index."""
from statements.parser import ParsedRecord, ParsedStatement
from statements.ingest import ingest_record
from statements.search import pagecache


def test_etag_answers_304_until_the_index_changes(client, seeds, django_capture_on_commit_callbacks):
    pagecache.clear()
    first = client.get("/search/?q=uranium")
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/search/?q=uranium", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    cached = client.get("/search/?q=uranium")
    assert cached.content == first.content

    record = ParsedRecord(meeting=None, statements=[ParsedStatement(
        order=1, speaker="Tester", honorific="Ms.", country="Norway", label="Ms. Tester (Norway)",
        text="Uranium enrichment was discussed once more.")])
    with django_capture_on_commit_callbacks(execute=True):
        ingest_record(record, source="pagecache-test")
    fresh = client.get("/search/?q=uranium", HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and fresh["ETag"] != first["ETag"]
    assert b"Tester" in fresh.content and b"Tester" not in first.content


def test_api_answers_are_cached_per_query_string(client, seeds):
    pagecache.clear()
    a = client.get("/api/search?q=uranium")
    b = client.get("/api/search?q=semipalatinsk")
    assert a["ETag"] != b["ETag"]
    assert a.json()["count"] == 2 and b.json()["count"] == 1
    assert client.get("/api/search?q=uranium").json() == a.json()


def test_a_renamed_speaker_is_not_served_from_the_page_cache(client, seeds):
    from statements.models import Speaker

    pagecache.clear()
    before = client.get("/search/?q=uranium").content.decode()
    speaker = Speaker.objects.get(name="Umarov")
    speaker.name = "Umarova"
    speaker.save()
    after = client.get("/search/?q=uranium").content.decode()
    assert "Umarova" not in before and "Umarova" in after


def test_lru_entries_put_with_seconds_expire_and_none_is_a_value():
    import time

    from statements.search.resultcache import LRU

    cache = LRU(2)
    cache.put("kept", "a")
    cache.put("brief", "b", seconds=0.05)
    missing = object()
    assert cache.get("brief") == "b" and cache.get("kept") == "a"
    time.sleep(0.06)
    assert cache.get("brief", missing) is missing and cache.get("kept") == "a"
    cache.put("none", None, seconds=60)  # a looked-up label may be None: known, not missing
    assert cache.get("none", missing) is None
    cache.put("third", "c")  # "kept" is now the least recently used of three
    assert cache.get("kept", missing) is missing and len(cache) == 2


def test_a_cached_page_is_one_read_of_the_cache_with_its_generation(client, seeds, monkeypatch):
    """A GET reads the generation and its page in one round trip (``caching.shared_entry``); a page
    kept under another generation is not served, and the ETag still follows the generation."""
    from statements import caching

    pagecache.clear()
    first = client.get("/search/?q=uranium")
    reads = []
    store = caching.cache()

    class Counted:  # the calls the portal makes (a local-memory cache's get_many calls its own get)
        def __getattr__(self, name):
            if name.startswith("get"):
                reads.append(name)
            return getattr(store, name)

    monkeypatch.setattr(caching, "cache", Counted)
    again = client.get("/search/?q=uranium")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert reads == ["get_many"]
    # The same key, tagged with an older generation: not served.
    caching.bump_generation()
    versions, entry_key, cached = caching.cached_response("page", "testserver", False, "/search/?q=uranium")
    assert cached is None
    caching.put_entry("page", entry_key, (versions[0], versions[1] - 1), (200, [], b"stale"))
    fresh = client.get("/search/?q=uranium")
    assert fresh.content == first.content and fresh["ETag"] != first["ETag"]


def test_a_first_ask_reads_the_cache_once_and_still_keeps_its_answers(client, seeds, monkeypatch):
    """A page not in the shared cache is a search nobody asked under this generation: its engine
    answers are not looked for (``caching.page_missed``), only computed, and still kept for others."""
    from django.conf import settings

    from statements import caching

    client.get("/search/?q=uranium")  # the maps and the open index, read before counting
    pagecache.clear()
    reads = []
    store = caching.cache()

    class Counted:  # each read the portal makes, and whether it found something
        def __getattr__(self, name):
            attr = getattr(store, name)
            if not name.startswith("get"):
                return attr

            def counted(*args, **kwargs):
                value = attr(*args, **kwargs)
                reads.append((name, value is not None))
                return value

            return counted

    monkeypatch.setattr(caching, "cache", Counted)
    first = client.get("/search/?q=uranium")
    assert first.status_code == 200
    assert reads == [("get_many", True)]  # the generation and the page, in one round trip: no answer read
    assert not caching.page_missed()  # the note does not outlive its request
    reads.clear()
    client.cookies[settings.SESSION_COOKIE_NAME] = "signed-in"  # a page not shared, not looked for: its answers are
    again = client.get("/search/?q=uranium")
    assert again.content == first.content
    assert ("get", True) in reads  # the answer the first ask kept
