"""The fast search path answers exactly what haystack's stock Whoosh backend answers.

A few hundred real 2020 statements are ingested and indexed; each query is run
through the array path (``fast_path = True``) and the stock path, and the hit
counts, facet counts and documents must agree.
"""
from django.db.models import Count
from django.http import QueryDict
from haystack import connections
from haystack.inputs import AutoQuery, Raw
from haystack.query import SearchQuerySet
import pytest

from bench.corpus import CorpusBuilder
from statements.ingest import ingest_record
from statements.models import Resolution, Statement
from statements.search import service
from statements.search.whoosh import backend as fast_backend

FACETS = ["speaker", "country", "year", "agenda", "role", "language", "resolutions"]


@pytest.fixture
def corpus(db, django_capture_on_commit_callbacks, shared_dir):
    records, count = CorpusBuilder(300).real_2020(300)
    with django_capture_on_commit_callbacks(execute=True):
        for record in records:
            ingest_record(record, source="test")
    return count


def _run(fast, text=None, narrows=(), order_by=None, start=0, end=20, facet_limit=0, raw=None):
    backend = connections["default"].get_backend()
    backend.fast_path = fast
    fast_backend.clear_caches()
    try:
        sqs = SearchQuerySet().models(Statement)
        if text:
            sqs = sqs.filter(content=AutoQuery(text))
        if raw:
            sqs = sqs.filter(content=Raw(raw))
        if not (text or raw):  # a filter-only search, asked as the service asks it
            sqs = sqs.filter(content=Raw('django_ct:"statements.statement"'))
        for narrow in narrows:
            sqs = sqs.narrow(narrow)
        for name in FACETS:
            sqs = sqs.facet(name, limit=facet_limit)
        if order_by:
            sqs = sqs.order_by(order_by)
        results = list(sqs[start:end])
        return (sqs.count(), [r.pk for r in results], sqs.facet_counts().get("fields"),
                [round(r.score, 6) for r in results])
    finally:
        backend.fast_path = True


CASES = [
    {"text": "security"},
    {"text": "peace security"},
    {"text": "Libya"},
    {"text": "women peace and security"},
    {"text": "humanitarian -Syria"},
    {"text": "ceasefire", "narrows": ['country:"USA"']},
    {"text": "council", "narrows": ['role:"member"', 'year:"2020"']},
    {"narrows": ["resolutions:CITED"]},
    {"text": "council", "order_by": "-date"},
    {"text": "the situation", "order_by": "date", "start": 20, "end": 40},
    {"text": "security", "start": 40, "end": 60},
]


def test_fast_path_counts_and_pages_equal_stock(corpus):
    cited = Resolution.objects.filter(statements__isnull=False).order_by("number").first()
    for case in CASES:
        if case.get("narrows") == ["resolutions:CITED"]:
            case = {"narrows": [f'resolutions:"{cited.key}"']}
        fast = _run(True, **case)
        stock = _run(False, **case)
        assert fast[0] == stock[0] and fast[0] > 0, case
        assert stock[2] is not None and fast[2] == stock[2], case  # every facet, value and count
        if case.get("order_by") or not case.get("text"):
            assert fast[1] == stock[1], case
        else:  # relevance: the whole ranking, the same scores; equal scores in any order
            whole = {**case, "start": 0, "end": 1000}
            assert _by_score(_run(True, **whole)) == _by_score(_run(False, **whole)), case


def _by_score(answer):
    groups = []
    for pk, score in zip(answer[1], answer[3]):
        if groups and groups[-1][0] == score:
            groups[-1][1].add(pk)
        else:
            groups.append((score, {pk}))
    return groups


def test_exact_phrases_match_stock(corpus):
    for phrase in ['"international community"', '"Security Council"', '"peace and security"',
                   '"humanitarian situation"']:
        fast = _run(True, text=phrase, end=1000)
        stock = _run(False, text=phrase, end=1000)
        assert fast[0] == stock[0] > 0, phrase
        assert sorted(fast[1]) == sorted(stock[1]), phrase
        assert fast[2] == stock[2], phrase


def test_a_speakers_name_scores_as_stock(corpus):
    """``query.speaker_boosted``: the speaker's own statements score the boost on top.

    The speaker field is an id field, which Whoosh scores as its weight (1), not
    by BM25; the array path once scored it by BM25 and dropped the boost.
    """
    speaker = (Statement.objects.filter(procedural=False, speaker__isnull=False)
               .values("speaker").annotate(n=Count("pk")).filter(n__lt=30)
               .values_list("speaker", flat=True).order_by("speaker").first())
    own = set(Statement.objects.filter(speaker=speaker, procedural=False).values_list("pk", flat=True))
    for boost in (1, 5):
        raw = f'(security OR speaker:("{speaker}")^{boost})'
        fast = _run(True, raw=raw, end=40)
        stock = _run(False, raw=raw, end=40)
        assert fast[0] == stock[0] > len(own)
        assert fast[3] == stock[3], boost  # the same scores, in the same order
        if boost == 5:
            assert {int(pk) for pk in fast[1][:len(own)]} == own


def test_facet_limit_keeps_the_most_frequent_values(corpus):
    full = _run(True, text="security")[2]
    top = _run(True, text="security", facet_limit=5)[2]
    assert top["speaker"] == [pair for pair in full["speaker"] if pair[0] is not None][:5] + \
        [pair for pair in top["speaker"] if pair[0] is None]


def test_cached_answers_follow_the_index(corpus, django_capture_on_commit_callbacks):
    params = QueryDict("q=zanzibarite")
    assert service.search(params).count == 0
    records, _ = CorpusBuilder(5).real_2020(1)
    record = records[0]
    record.meeting.symbol = "S/PV.99999"
    # the longest turn: not the President's procedure in the chair, which is searched only on request
    max(record.statements, key=lambda s: len(s.text.split())).text += " A zanzibarite remark."
    with django_capture_on_commit_callbacks(execute=True):
        ingest_record(record, source="test")
    assert service.search(params).count == 1  # a new index version: the cached "0" is never served


def test_a_fresh_backends_first_search_may_be_sorted(seeds):
    """A new worker's very first search can ask for a sort before the index is opened."""
    connections.reload("default")
    assert len(SearchQuerySet().filter(content="uranium").order_by("-date")) == 2
