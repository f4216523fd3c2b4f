"""The search engine contract (``statements.search.engine``), held against both engines.

Every test runs twice, on Whoosh on disk and on the real SolrCloud cluster
(``solr_cluster`` in ``tests/engines/conftest.py``), over the same small set of
statements: dated and undated ones, statements citing resolutions, keyword
values that a stemmer would mangle (``african-union``, an agenda slug with
``nations``). Expected figures are computed from the database, never from an
engine. Tests of one engine's internals live beside that engine's own tests.
"""
from collections import Counter
from datetime import date
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from statements import indexing
from statements.models import AgendaItem, Country, Meeting, Resolution, Speaker, Statement
from statements.search import service

from .switch import engine_from

pytestmark = pytest.mark.django_db

ENGINES = ["whoosh", "solr"]


@pytest.fixture(params=ENGINES)
def engine(request):
    """The engine under test, configured as ``SEARCH_URL`` would configure it, emptied."""
    url = request.getfixturevalue("solr_cluster").search_url if request.param == "solr" else None
    with engine_from(url) as engine:
        assert engine.name == request.param
        yield engine


def _statement(meeting, order, speaker, text, role="member", resolutions=(), source="", procedural=False):
    statement = Statement.objects.create(
        meeting=meeting, source=source, order=order, speaker=speaker, procedural=procedural,
        country=speaker.country if speaker else None, speaker_label=speaker.name if speaker else "",
        role=role, language="en" if order % 3 else "fr", text=text, word_count=len(text.split()))
    statement.resolutions.set(resolutions)
    return statement


@pytest.fixture
def corpus(engine):
    """Eleven searchable statements (two undated, from a seed file) and a procedural line."""
    france = Country.objects.create(name="France", code="FRA", slug="france")
    russia = Country.objects.create(name="Russian Federation", code="RUS", slug="russian-federation")
    union = Country.objects.create(name="African Union", code="", slug="african-union")
    threats = AgendaItem.objects.create(title="Threats to international peace and security",
                                        slug="threats-to-international-peace-and-security")
    nations = AgendaItem.objects.create(title="The United Nations in Afghanistan",
                                        slug="united-nations-afghanistan")
    riviere = Speaker.objects.create(name="De Rivière", honorific="Mr.", country=france, slug="de-riviere")
    nebenzia = Speaker.objects.create(name="Nebenzia", honorific="Mr.", country=russia, slug="nebenzia")
    chergui = Speaker.objects.create(name="Chergui", honorific="Mr.", country=union, slug="chergui")
    m8700 = Meeting.objects.create(symbol="S/PV.8700", number=8700, date=date(2020, 1, 10), agenda_item=threats)
    m8701 = Meeting.objects.create(symbol="S/PV.8701", number=8701, date=date(2020, 6, 15), agenda_item=nations)
    m8800 = Meeting.objects.create(symbol="S/PV.8800", number=8800, date=date(2021, 3, 1), agenda_item=threats)
    r2341 = Resolution.objects.create(body="SC", number=2341, year=2017)
    r59 = Resolution.objects.create(body="GA", session=59, number=290, year=2005)
    s = {}
    s["a"] = _statement(m8700, 1, riviere, "Sanctions must target the terrorist networks. "
                        "Resolution 2341 (2017) protects critical infrastructure.", resolutions=[r2341])
    s["b"] = _statement(m8700, 2, nebenzia, "The sanctions regime has failed the people; "
                        "negotiations are the only path to peace.")
    s["c"] = _statement(m8700, 3, chergui, "The African Union supports the negotiating parties "
                        "and a two-State solution.", role="invited")
    s["d"] = _statement(m8701, 1, riviere, "Humanitarian access in Afghanistan is shrinking; "
                        "the mission needs resources.", resolutions=[r59])
    s["e"] = _statement(m8701, 2, nebenzia, "Critical infrastructure attacks violate resolution 2341. "
                        "Sanctioning states must stop.", resolutions=[r2341])
    s["f"] = _statement(m8701, 3, chergui, "Peace and security in Africa need regional ownership.",
                        role="briefer")
    s["g"] = _statement(m8800, 1, nebenzia, "We will not accept a two-State solution imposed from outside; "
                        "sanctions again.", role="president")
    s["h"] = _statement(m8800, 2, riviere, "Infrastructure protection, resolution 2341, is a priority.",
                        resolutions=[r2341])
    s["i"] = _statement(m8800, 3, chergui, "Humanitarian workers deserve protection everywhere.")
    s["u1"] = _statement(None, 1, riviere, "A seed statement on sanctions and humanitarian exemptions.",
                         source="seed-one.txt")
    s["u2"] = _statement(None, 1, None, "A seed statement without speaker on peace negotiations.",
                         role="", source="seed-two.txt")
    _statement(m8800, 4, None, "The meeting rose at 11 a.m. after sanctions talk.", role="", procedural=True)
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    return s


def search(**params):
    return service.search(QueryDict(urlencode(params, doseq=True)))


def ids(outcome):
    return [hit.statement.pk for hit in outcome.hits]


def facet_counts(outcome):
    return {name: {v.value: v.count for v in values} for name, values in outcome.facets.items()}


def expected_facets(statements):
    """The facet counts of these statements, from the database."""
    counts = {name: Counter() for name in ("speaker", "country", "year", "agenda", "role", "language",
                                          "resolution")}
    for st in statements:
        meeting = st.meeting
        for name, value in (
            ("speaker", st.speaker_id and str(st.speaker_id)),
            ("country", st.country and st.country.key),
            ("year", meeting and meeting.date and str(meeting.date.year)),
            ("agenda", meeting and meeting.agenda_item and meeting.agenda_item.slug),
            ("role", st.role), ("language", st.language),
        ):
            if value:
                counts[name][value] += 1
        for resolution in st.resolutions.all():
            counts["resolution"][resolution.key] += 1
    return {name: dict(counter) for name, counter in counts.items()}


def containing(*stems):
    """Searchable statements whose indexed text has a word starting with each of these stems."""
    import re

    from statements.search_indexes import StatementIndex

    found = []
    for st in StatementIndex().index_queryset():
        words = re.findall(r"\w+", StatementIndex().prepare_text(st).lower())
        if all(any(w.startswith(stem) for w in words) for stem in stems):
            found.append(st)
    return found


# -- counts and pages -------------------------------------------------------------------

def test_count_and_ids_are_the_searchable_statements(engine, corpus):
    searchable = set(Statement.objects.filter(procedural=False).values_list("pk", flat=True))
    assert engine.count() == len(searchable) == 11
    assert sorted(engine.indexed_ids()) == sorted(searchable)


def test_a_word_is_stemmed_and_counted_over_every_match(engine, corpus):
    outcome = search(q="sanction")
    expected = {st.pk for st in containing("sanction")}
    assert outcome.count == len(expected) == 5  # "Sanctioning" too; not the procedural line
    assert set(ids(outcome)) == expected
    page = service.search(QueryDict(urlencode({"q": "sanction"})), page_size=3)
    assert page.count == 5 and len(page.hits) == 3
    rest = service.search(QueryDict(urlencode({"q": "sanction", "page": 2})), page_size=3)
    assert set(ids(page)) | set(ids(rest)) == expected and len(rest.hits) == 2


def test_phrase_prefix_exclusion_and_or(engine, corpus):
    assert set(ids(search(q='"two-State solution"'))) == {corpus["c"].pk, corpus["g"].pk}
    assert set(ids(search(q="negotiat*"))) == {corpus["b"].pk, corpus["c"].pk, corpus["u2"].pk}
    assert set(ids(search(q="sanctions -regime"))) == {st.pk for st in containing("sanction")} - {corpus["b"].pk}
    # the agenda item's title is indexed with each statement of its meeting
    assert set(ids(search(q="Afghanistan OR Africa"))) == {
        st.pk for st in containing("afghanistan") + containing("africa ")} | {corpus["f"].pk}
    assert set(ids(search(q="Afghanistan"))) == {corpus[k].pk for k in "def"}


# -- facets -----------------------------------------------------------------------------

def test_facet_values_and_counts_are_the_stored_codes(engine, corpus):
    outcome = search(q="sanctions OR infrastructure OR peace OR humanitarian OR solution")
    matched = Statement.objects.filter(pk__in=ids(outcome))
    assert outcome.count == 11
    got = facet_counts(outcome)
    assert got == expected_facets(matched)
    assert got["country"]["african-union"] == 3  # a slug, not "african" or "union"
    assert "threats-to-international-peace-and-security" in got["agenda"]
    assert got["resolution"] == {"sc-2341": 3, "ga-59-290": 1}
    assert all(count > 0 for values in got.values() for count in values.values())


def test_facets_of_a_narrow_search_have_no_zero_counts(engine, corpus):
    outcome = search(q="infrastructure")
    matched = Statement.objects.filter(pk__in=ids(outcome))
    assert {st.pk for st in matched} == {corpus["a"].pk, corpus["e"].pk, corpus["h"].pk}
    assert facet_counts(outcome) == expected_facets(matched)


def test_selected_facet_values_are_or_ed_and_keep_their_siblings(engine, corpus):
    riviere = str(corpus["a"].speaker_id)
    nebenzia = str(corpus["b"].speaker_id)
    outcome = search(q="sanctions", speaker=[riviere, nebenzia])
    expected = {st.pk for st in containing("sanction") if str(st.speaker_id) in (riviere, nebenzia)}
    assert set(ids(outcome)) == expected
    speakers = facet_counts(outcome)["speaker"]
    # counted without the speaker selection itself: every speaker of "sanctions"
    assert speakers == expected_facets(containing("sanction"))["speaker"]


def test_facet_filter_matches_the_whole_value(engine, corpus):
    outcome = search(q="peace OR infrastructure OR sanctions OR humanitarian OR solution",
                     agenda="threats-to-international-peace-and-security")
    expected = set(Statement.objects.filter(
        procedural=False, meeting__agenda_item__slug="threats-to-international-peace-and-security"
    ).values_list("pk", flat=True))
    assert set(ids(outcome)) == expected and outcome.count == 6
    assert search(q="peace", country="african").count == 0  # part of a code matches nothing


# -- resolutions and filters ----------------------------------------------------------------

@pytest.mark.parametrize("query", ["2341", "resolution 2341 (2017)", "S/RES/2341 (2017)"])
def test_resolution_routing(engine, corpus, query):
    outcome = search(q=query)
    assert set(ids(outcome)) == {corpus["a"].pk, corpus["e"].pk, corpus["h"].pk}
    assert [r.key for r in outcome.resolutions] == ["sc-2341"]


def test_general_assembly_resolution_routing(engine, corpus):
    assert ids(search(q="59/290")) == [corpus["d"].pk]


@pytest.mark.parametrize("query, keys", [
    ("speaker:Nebenzia", ["b", "e", "g"]),
    ("country:France", ["a", "d", "h", "u1"]),
    ("meeting:S/PV.8700", ["a", "b", "c"]),
    ("year:2020", ["a", "b", "c", "d", "e", "f"]),
    ("role:briefer", ["f"]),
    ("sanctions country:France", ["a", "u1"]),
])
def test_filters_in_the_query(engine, corpus, query, keys):
    outcome = search(q=query)
    assert set(ids(outcome)) == {corpus[k].pk for k in keys}
    assert outcome.count == len(keys)


def test_date_range_never_matches_undated_statements(engine, corpus):
    outcome = search(q="sanctions OR humanitarian OR peace", **{"from": "2020-06-01", "to": "2021-12-31"})
    expected = {st.pk for st in containing("sanction") + containing("humanitarian") + containing("peace")
                if st.meeting and date(2020, 6, 1) <= st.meeting.date <= date(2021, 12, 31)}
    assert set(ids(outcome)) == expected and outcome.count == len(expected)


def test_date_bounds_far_in_the_past_and_future(engine, corpus):
    dated = len([st for st in containing("sanction") if st.meeting])
    assert search(q="sanctions", **{"from": "0001-01-01"}).count == dated
    assert search(q="sanctions", **{"to": "9999-12-31"}).count == dated


# -- sorts ------------------------------------------------------------------------------------

def _order_key(statement):
    return statement.meeting.date if statement.meeting else None


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorts_put_undated_statements_last(engine, corpus, sort):
    outcome = service.search(QueryDict(urlencode({"q": "sanctions OR peace OR humanitarian", "sort": sort})),
                             page_size=4)
    pages = [outcome] + [
        service.search(QueryDict(urlencode({"q": "sanctions OR peace OR humanitarian", "sort": sort,
                                            "page": n})), page_size=4)
        for n in range(2, (outcome.count + 3) // 4 + 1)]
    order = [hit.statement for page in pages for hit in page.hits]
    assert len(order) == outcome.count == len({st.pk for st in order})
    dates = [_order_key(st) for st in order]
    dated = [d for d in dates if d is not None]
    assert dates[:len(dated)] == dated, "undated statements must come after every dated one"
    assert len(dated) < len(dates)
    assert dated == sorted(dated, reverse=(sort == "newest"))


def test_filter_only_search_is_newest_first(engine, corpus):
    outcome = search(q="speaker:Nebenzia")
    assert ids(outcome) == [corpus["g"].pk, corpus["e"].pk, corpus["b"].pk]


def test_relevance_puts_the_densest_statement_first(engine, corpus):
    outcome = search(q="infrastructure protection")
    assert ids(outcome)[0] == corpus["h"].pk


ODD_QUERIES = [
    '"unclosed phrase', "peace OR", "((sanctions", "sanc*", "*", "-", "speaker:", "text:[a TO z]",
    "{!func}sum(1,2)", "id:*", "sanctions^100", "peace~2", "AND OR NOT", "\\", "a/b/c", "date:[* TO NOW]",
    'country:"France" OR 1', "ünïcödé ÿ 中文", "x" * 600,
]


def test_whatever_a_user_types_is_answered(engine, corpus, client):
    for query in ODD_QUERIES:
        for path in ("/search/", "/api/search", "/search.csv", "/search/feed/"):
            response = client.get(path, {"q": query, "sort": "newest"})
            assert response.status_code == 200, (query, path, response.status_code)


# -- spelling -------------------------------------------------------------------------------

def test_a_misspelt_word_gets_the_indexed_word(engine, corpus):
    assert engine.suggest(["humanitarain", "sanctions"]) == {"humanitarain": "humanitarian"}
    outcome = search(q="Infrastucture")
    assert outcome.count == 0
    assert outcome.suggestion and outcome.suggestion.query == "Infrastructure"


def test_known_words_get_no_suggestion(engine, corpus):
    assert engine.suggest(["negotiations", "peace"]) == {}
    # never written so, but its stem is indexed: it matches, so it is not corrected
    assert engine.suggest(["sanctioned"]) == {}
    assert search(q="negotiations").suggestion is None


# -- writes, deletes, version -----------------------------------------------------------------

def test_delete_removes_from_search_count_and_facets(engine, corpus):
    version = engine.version()
    gone = corpus["h"].pk
    corpus["h"].delete()
    indexing.sync([gone])
    assert engine.count() == 10
    assert gone not in engine.indexed_ids()
    outcome = search(q="2341")
    assert set(ids(outcome)) == {corpus["a"].pk, corpus["e"].pk}
    assert facet_counts(outcome)["resolution"] == {"sc-2341": 2}
    assert engine.version() != version


def test_a_write_changes_the_version_and_is_searchable_at_once(engine, corpus):
    version = engine.version()
    assert version is not None and engine.version() == version  # stable while nothing changes
    statement = corpus["i"]
    statement.text = "Quetzalcoatl workers deserve protection."
    statement.save()
    indexing.sync([statement.pk])
    assert engine.version() != version
    assert ids(search(q="quetzalcoatl")) == [statement.pk]
    assert statement.pk not in ids(search(q="humanitarian"))
    assert engine.count() == 11  # replaced, not added


def test_rebuild_in_batches_skips_what_cannot_be_prepared(engine, corpus, monkeypatch):
    from statements.search.solr import engine as solr_engine
    from statements.search_indexes import StatementIndex

    monkeypatch.setattr(solr_engine, "BULK_BATCH", 3)  # several batches on Solr (Whoosh writes one)
    broken = corpus["c"].pk
    prepare = StatementIndex.prepare_text

    def failing(self, obj):
        if obj.pk == broken:
            raise ValueError("cannot prepare")
        return prepare(self, obj)

    monkeypatch.setattr(StatementIndex, "prepare_text", failing)
    failed = []
    written = engine.rebuild(StatementIndex().index_queryset().order_by("pk"), on_error=failed.append)
    assert [obj.pk for obj in failed] == [broken]
    assert written == 10 == engine.count()
    assert broken not in engine.indexed_ids()


def test_rebuild_and_clear(engine, corpus):
    version = engine.version()
    assert indexing.rebuild() == 11
    assert engine.count() == 11 and engine.version() != version
    assert set(ids(search(q="sanctions"))) == {st.pk for st in containing("sanction")}
    engine.clear()
    assert engine.count() == 0 and engine.indexed_ids() == []
    assert search(q="sanctions").count == 0


def test_etag_follows_the_index_version(engine, corpus, client):
    first = client.get("/api/search", {"q": "sanctions"})
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/api/search", {"q": "sanctions"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    statement = corpus["d"]
    statement.text += " Sanctions too."
    statement.save()
    indexing.sync([statement.pk])
    after = client.get("/api/search", {"q": "sanctions"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]
    assert after.json()["count"] == first.json()["count"] + 1


def test_more_like_this_finds_statements_sharing_words_or_resolutions(engine, corpus, client):
    from statements.views.similar import more_like

    similar = {st.pk for st in more_like(corpus["a"])}
    assert {corpus["e"].pk, corpus["h"].pk} <= similar  # both cite resolution 2341
    assert corpus["a"].pk not in similar
    assert client.get(corpus["a"].get_absolute_url()).status_code == 200


def test_more_like_this_picks_the_words_that_tell_a_statement_apart(engine, corpus, monkeypatch):
    """tf x idf from the engine's document frequencies: rarer words first, a word no other
    statement holds and a word most statements hold left out."""
    from statements.search.engine import get_engine
    from statements.views import similar

    search_engine = get_engine()
    words = ["sanctions", "infrastructure", "humanitarian", "zzzunheard", "the"]
    frequencies = search_engine.document_frequencies(words)
    for word in words[:4]:
        assert frequencies[word] == search_engine.queryset().filter(content=word).count(), word
    assert frequencies["the"] == 0 and frequencies["zzzunheard"] == 0
    assert frequencies["sanctions"] > frequencies["infrastructure"] > 1

    text = "Sanctions, sanctions; infrastructure, infrastructure; zzzunheard zzzunheard zzzunheard."
    assert similar.key_words(text, search_engine) == ["infrastructure", "sanctions"]
    # A word held by more than the share allowed says little about a statement.
    monkeypatch.setattr(similar, "MIN_CEILING", 0)
    monkeypatch.setattr(similar, "MAX_SHARE", (frequencies["sanctions"] - 0.5) / search_engine.count())
    assert similar.key_words(text, search_engine) == ["infrastructure"]


def test_the_engine_follows_the_haystack_engine_when_not_named(settings):
    from django.core.exceptions import ImproperlyConfigured

    from statements.search.engine import get_engine

    settings.HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "statements.search.solr.backend.StatementSolrEngine",
                                                 "URL": "http://127.0.0.1:1/solr/x"}}
    assert get_engine().name == "solr"
    settings.HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
    with pytest.raises(ImproperlyConfigured):
        get_engine()
