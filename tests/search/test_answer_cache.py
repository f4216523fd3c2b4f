"""A search answer goes into the shared cache after the response that needed it is closed.

Inside a request (between Django's ``request_started`` and ``request_finished``) the
fast path keeps the answers it computes and puts them in the shared cache when the
response is closed, once written; outside a request (commands, the warm-up) at once.
"""
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from haystack import connections
from haystack.query import SearchQuerySet
import pytest

from statements import caching

pytestmark = pytest.mark.django_db


def _answers_cached():
    return sorted(key for key in caches["default"]._cache if ":portal:result:" in key)


def _index(texts):
    backend = connections["default"].get_backend()
    backend.clear()
    writer = backend.index.refresh().writer()
    for pk, text in enumerate(texts, 1):
        writer.add_document(id=f"statements.statement.{pk}", django_ct="statements.statement",
                            django_id=str(pk), text=text, speaker=str(10 + pk % 2))
    writer.commit()


def _search(words):
    sqs = SearchQuerySet().filter(content=words).facet("speaker")
    return sqs.count(), [result.pk for result in sqs[:10]], sqs.facet_counts()["fields"]["speaker"]


def test_an_answer_is_put_in_the_shared_cache_when_the_response_is_closed():
    assert caching.seconds("result")
    caches["default"].clear()
    _index(["peace and security", "security council", "peace", "aid"])
    request_started.send(sender=None)
    try:
        first = _search("peace")
        assert first[0] == 2
        assert _answers_cached() == []  # not yet: the visitor does not wait for it
        assert _search("peace") == first  # the same request asking again is answered all the same
    finally:
        request_finished.send(sender=None)
    kept = _answers_cached()
    assert kept  # the count's answer and the page's
    assert _search("peace") == first  # from the shared cache now, outside a request
    assert _answers_cached() == kept
    _search("security")  # outside a request: put at once
    assert len(_answers_cached()) == 2 * len(kept)
