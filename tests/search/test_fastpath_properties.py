"""Property tests: the array search path answers what haystack's stock Whoosh backend answers.

Hypothesis builds small random corpora straight into the real index on disk:
statements with and without a meeting date (years 1 to 9999), with empty and
very long texts, written over several commits (many segments) and partly
deleted. Each query runs through both paths (``fast_path`` on and off) with
every sort, filters and facet selections, and date bounds; the counts, the
pages, the facets and the order must agree. The one intended difference: on a
date sort, statements without a date come last both ways (stock Whoosh puts
them first on "newest"); the dated ones keep stock's order exactly.

Terms of two postings or more come from the segments' postings files.
Derandomised, and Hypothesis keeps no example database, so nothing is written
into the repository and every run tries the same examples.
"""
from datetime import datetime

from haystack import connections
from haystack.inputs import Raw
from haystack.query import SearchQuerySet
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from statements.models import Statement
from statements.search.engine import SearchEngine, get_engine
from statements.search.whoosh import backend as fast_backend

from .segments import delete_and_forget

pytestmark = pytest.mark.django_db

# "peace", "security", "council" are common words (word pairs are indexed with them), the others not;
# "and", "the" are stop words (not indexed: the words either side are neighbours).
WORDS = ["peace", "security", "council", "ceasefire", "libya", "sanctions", "women", "aid"]
TEXT_WORDS = [*WORDS, "and", "the"]
SPEAKERS = ["11", "12", "13"]
COUNTRIES = ["FRA", "USA", "KAZ", "CHN"]
RESOLUTIONS = ["2341-2017", "1325-2000", "2532-2020"]
FACETS = ["speaker", "country", "year", "resolutions"]
PROPERTY_SETTINGS = settings(
    derandomize=True, database=None, deadline=None, max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large],
)

dates = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(2019, 1, 1), max_value=datetime(2021, 12, 31)).map(
        lambda d: datetime(d.year, d.month, d.day)),
    st.dates().map(lambda d: datetime(d.year, d.month, d.day)),  # years 1 to 9999
)
texts = st.one_of(
    st.just(""),
    st.lists(st.sampled_from(TEXT_WORDS), max_size=12).map(" ".join),
    st.tuples(st.integers(2000, 5000), st.integers(1, 7)).map(  # a long briefing
        lambda n: " ".join(TEXT_WORDS[(i * n[1] + i // 5) % len(TEXT_WORDS)] for i in range(n[0]))),
)
statements = st.fixed_dictionaries({
    "text": texts,
    "date": dates,
    "speaker": st.one_of(st.none(), st.sampled_from(SPEAKERS)),
    "country": st.one_of(st.none(), st.sampled_from(COUNTRIES)),
    "resolutions": st.lists(st.sampled_from(RESOLUTIONS), unique=True, max_size=2),
})
corpora = st.fixed_dictionaries({
    "batches": st.lists(st.lists(statements, min_size=1, max_size=8), min_size=1, max_size=5),
    "deleted": st.sets(st.integers(min_value=1, max_value=40), max_size=6),
})


@pytest.fixture(autouse=True)
def postings_files_for_most_terms(settings):
    """Terms of two postings or more are read from the segments' postings files (``postings_file``),
    single ones decoded from Whoosh's blocks: both ways are compared with stock Whoosh."""
    settings.WHOOSH_POSTINGS_FILE_MIN = 2


def build(corpus):
    """Write the corpus into the real index: one commit (segment) per batch, then the deletions."""
    backend = connections["default"].get_backend()
    backend.clear()
    pk, kept = 0, {}
    for batch in corpus["batches"]:
        writer = backend.index.refresh().writer()
        for statement in batch:
            pk += 1
            doc = {"id": f"statements.statement.{pk}", "django_ct": "statements.statement",
                   "django_id": str(pk), "text": statement["text"],
                   "resolutions": ",".join(statement["resolutions"])}
            for name in ("speaker", "country"):
                if statement[name]:
                    doc[name] = statement[name]
            if statement["date"]:
                doc["date"] = statement["date"]
                doc["year"] = str(statement["date"].year)
            writer.add_document(**doc)
            kept[pk] = statement
        writer.commit(merge=False)
    deleted = {d for d in corpus["deleted"] if d in kept}
    delete_and_forget(backend, deleted)
    for d in deleted:
        del kept[d]
    return kept


def run(fast, query, narrows=(), order_by=None, start=0, end=1000):
    backend = connections["default"].get_backend()
    backend.fast_path = fast
    fast_backend.clear_caches()
    try:
        sqs = SearchQuerySet().models(Statement).filter(content=Raw(query))
        if not fast and len(narrows) > 1:
            # Stock haystack intersects the narrows' results and passes the intersection as
            # Whoosh's filter; an empty one is taken as no filter at all (every match is
            # returned). One narrow of them AND-ed means the same and avoids that bug.
            narrows = [" AND ".join(f"({narrow})" for narrow in narrows)]
        for narrow in narrows:
            sqs = sqs.narrow(narrow)
        for name in FACETS:
            sqs = sqs.facet(name, limit=0)
        if order_by:
            sqs = sqs.order_by(order_by)
        # a sorted page has no scores (stock gives the sort key as the score)
        page = [(int(r.pk), 0 if order_by else round(r.score or 0, 6), r.date) for r in sqs[start:end]]
        if fast:  # the contract's pairs, taken from the fast path's arrays, are the generic sort's
            engine = get_engine()
            contract = engine.facet_counts(sqs)
            assert contract == SearchEngine.facet_counts(engine, sqs)
            for pairs in contract.values():
                assert [(pairs.values[p], n) for p, n in zip(pairs.positions.tolist(), pairs.counts.tolist())] == pairs
        return sqs.count(), page, (sqs.facet_counts() or {}).get("fields")
    finally:
        backend.fast_path = True


def undated_last(page):
    """Stock's order with the statements without a date moved to the end, in the order stock gave them."""
    return [hit for hit in page if hit[2] is not None] + [hit for hit in page if hit[2] is None]


def by_score(page):
    """A relevance ranking as (score, set of statements) groups: equal scores may come in any order."""
    groups = []
    for pk, score, _ in page:
        if groups and groups[-1][0] == score:
            groups[-1][1].add(pk)
        else:
            groups.append((score, {pk}))
    return groups


def assert_same_facets(fast, stock):
    """Every facet, every value and count, in the same order; stock gives none when nothing matched."""
    if stock is None:
        assert fast is None or all(pairs == [] for pairs in fast.values())
    else:
        assert fast == stock


def bound(year, month=1, day=1):
    return f"{year:04d}{month:02d}{day:02d}000000"


queries = st.one_of(
    st.sampled_from(WORDS),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(" ".join),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(" OR ".join),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda w: f"{w[0]} NOT {w[1]}"),
    st.sampled_from(WORDS).map(lambda w: w[:3] + "*"),
    st.just('django_ct:"statements.statement"'),
    st.sampled_from(SPEAKERS).map(lambda s: f'speaker:"{s}"'),
    st.lists(st.sampled_from(TEXT_WORDS), min_size=2, max_size=5).map(lambda w: f'"{" ".join(w)}"'),
)
# Exact phrases: word pairs (fast path) against Whoosh's positions (stock).
phrases = st.lists(st.sampled_from(TEXT_WORDS), min_size=2, max_size=6).map(lambda w: f'"{" ".join(w)}"')
filters = st.lists(st.one_of(
    st.sampled_from(COUNTRIES).map(lambda c: f'country:"{c}"'),
    st.sampled_from(COUNTRIES).map(lambda c: f'NOT country:"{c}"'),  # as the narrow leaving out the chair
    st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=3, unique=True).map(
        lambda cs: " OR ".join(f'country:"{c}"' for c in cs)),
    st.sampled_from(RESOLUTIONS).map(lambda r: f'resolutions:"{r}"'),
    st.sampled_from(["2019", "2020", "2021"]).map(lambda y: f'year:"{y}"'),
    st.integers(1, 9999).map(lambda y: f"date:[{bound(y)} to]"),
    st.integers(1, 9999).map(lambda y: f"date:[to {bound(y, 12, 31)}]"),
), max_size=2, unique=True)


@PROPERTY_SETTINGS
@given(corpus=corpora, query=queries, narrows=filters, sort=st.sampled_from([None, "date", "-date"]),
       start=st.integers(0, 12), size=st.integers(1, 15))
def test_fast_path_answers_as_stock_whoosh(corpus, query, narrows, sort, start, size):
    kept = build(corpus)
    fast = run(True, query, narrows, sort)
    stock = run(False, query, narrows, sort)
    assert fast[0] == stock[0] == len(fast[1])  # the count, and every hit listed once
    assert len({pk for pk, _, _ in fast[1]}) == fast[0] and {pk for pk, _, _ in fast[1]} <= set(kept)
    assert_same_facets(fast[2], stock[2])
    if sort:
        assert fast[1] == undated_last(stock[1])
        # a page of it is that slice of the whole order
        page = run(True, query, narrows, sort, start, start + size)[1]
        assert page == fast[1][start:start + size]
    else:
        assert by_score(fast[1]) == by_score(stock[1])


@PROPERTY_SETTINGS
@given(corpus=corpora, phrase=phrases, narrows=filters, data=st.data())
def test_phrases_from_word_pairs_answer_as_positions(corpus, phrase, narrows, data):
    """Phrases of common and rare words, stop words inside, over segments with deletions;
    half of them cut from a statement of the corpus, so that they occur."""
    kept = build(corpus)
    texts = [s["text"].split() for s in kept.values() if len(s["text"].split()) >= 2]
    if texts and data.draw(st.booleans()):
        words = data.draw(st.sampled_from(texts))
        size = data.draw(st.integers(2, min(6, len(words))))
        at = data.draw(st.integers(0, len(words) - size))
        phrase = f'"{" ".join(words[at:at + size])}"'
    fast = run(True, phrase, narrows)
    stock = run(False, phrase, narrows)
    assert fast[0] == stock[0]
    assert {pk for pk, _, _ in fast[1]} == {pk for pk, _, _ in stock[1]}
    assert by_score(fast[1]) == by_score(stock[1])
    assert_same_facets(fast[2], stock[2])


@PROPERTY_SETTINGS
@given(corpus=corpora, low=st.integers(1, 9999), high=st.integers(1, 9999),
       sort=st.sampled_from([None, "date", "-date"]))
def test_date_bounds_of_any_year(corpus, low, high, sort):
    """A date range alone as the query (a filter-only search), years 1 to 9999."""
    kept = build(corpus)
    query = f"date:[{bound(low)} to {bound(high, 12, 31)}]"
    fast = run(True, query, order_by=sort)
    stock = run(False, query, order_by=sort)
    expected = {pk for pk, s in kept.items() if s["date"] and low <= s["date"].year <= high}
    assert fast[0] == stock[0] == len(expected)
    assert {pk for pk, _, _ in fast[1]} == expected
    assert_same_facets(fast[2], stock[2])
    if sort:
        assert fast[1] == stock[1]  # every hit has a date: exactly stock's order
        years = [d.year for _, _, d in fast[1]]
        assert years == sorted(years, reverse=sort == "-date")


def test_undated_statements_sort_last_whatever_segment_holds_them():
    """Undated statements in a segment with a date column (Whoosh stores 2**64 - 1 for them,
    which once overflowed) and in segments without one; on both sorts, stock's order otherwise."""
    undated = {"text": "peace", "date": None, "speaker": None, "country": None, "resolutions": []}
    dated = [{**undated, "date": datetime(year, 1, 1)} for year in (2020, 1, 2020, 9999)]
    kept = build({"batches": [[undated, undated], [dated[0], undated, dated[1]], [undated],
                              [dated[2], dated[3], undated]], "deleted": {1}})
    for sort in ("date", "-date"):
        fast = run(True, "peace", order_by=sort)
        stock = run(False, "peace", order_by=sort)
        assert fast[1] == undated_last(stock[1])
        assert [pk for pk, _, d in fast[1] if d is None] == sorted(
            (pk for pk, s in kept.items() if s["date"] is None), reverse=sort == "-date")
        years = [d.year for _, _, d in fast[1] if d]
        assert years == sorted(years, reverse=sort == "-date") and len(years) == 4
