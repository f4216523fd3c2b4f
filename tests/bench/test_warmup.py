"""A worker is warmed before it takes traffic: the first search finds its columns built."""
from statements.search.whoosh import backend
from statements.search.warmup import warm


def _built():
    return {(kind, field) for _, kind, field in backend.COLUMNS._columns}


def test_warm_up_builds_every_facet_and_sort_column_a_first_search_needs(seeds, settings):
    settings.SEARCH_WARM_UP = True
    backend.clear_caches(columns=True)
    assert not _built()
    assert warm() is not None
    built = _built()
    for field in ("speaker", "country", "year", "agenda", "role", "language", "resolutions"):
        assert ("facet", field) in built, field
    assert ("sort", "date") in built


def test_warm_up_is_off_when_the_setting_is_and_harmless_on_an_empty_index(db, settings):
    settings.SEARCH_WARM_UP = False
    assert warm() is None
    settings.SEARCH_WARM_UP = True
    backend.clear_caches(columns=True)
    assert warm() is not None  # an empty index: nothing to build, no error
    assert not _built()


def test_warm_up_reads_the_words_did_you_mean_chooses_from(db, settings):
    """The first misspelt search of a worker does not pay for reading every word of the index
    (the other warm-up searches find their words, so only a misspelt one reads them)."""
    from datetime import date

    from statements import indexing
    from statements.models import Meeting, Statement
    from statements.search.whoosh import spelling

    meeting = Meeting.objects.create(symbol="S/PV.8700", number=8700, date=date(2020, 1, 10))
    for order in range(1, 9):
        Statement.objects.create(meeting=meeting, order=order, role="member", language="en", word_count=6,
                                 text="Security and peace: the international community must act.")
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    settings.SEARCH_WARM_UP = True
    spelling._held.clear()
    assert warm() is not None
    assert "lexicon" in spelling._held


def test_warm_up_makes_the_maps_a_first_search_page_reads(seeds, settings, django_assert_num_queries):
    """Facet labels, the names a query may say, the meetings' months: made before traffic, no query after."""
    from django.test import Client

    from statements.search import facets, names, trends

    settings.SEARCH_WARM_UP = True
    assert warm() is not None
    with django_assert_num_queries(0):
        facets.label_maps()
        names.pages_named("Kazakhstan")
        trends._meeting_periods()
    assert Client().get("/search/?q=uranium").status_code == 200
