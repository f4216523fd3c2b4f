"""Query words that name a speaker, a post or a State, and what a search makes of them."""
from datetime import date
from urllib.parse import urlencode

from django.http import QueryDict
import pytest

from statements import indexing, tallies
from statements.models import Country, Meeting, Speaker, Statement
from statements.search import service
from statements.search.names import mark_speaker_names
from statements.search.query import drop_question_words, parse_query

pytestmark = pytest.mark.django_db


def named(query):
    parsed = parse_query(query)
    mark_speaker_names(parsed)
    return {clause.text: clause.speakers for clause in parsed.clauses}


def test_surname_whole_name_and_hyphenated_name_name_a_speaker():
    country = Country.objects.create(name="Netherlands", code="NLD", slug="netherlands")
    grandi = Speaker.objects.create(name="Filippo Grandi", slug="filippo-grandi")
    hennis = Speaker.objects.create(name="Hennis-Plasschaert", country=country, slug="hennis-plasschaert")
    found = named('Grandi "Filippo Grandi" Hennis-Plasschaert filippo refugees')
    assert found["Grandi"] == [str(grandi.pk)]
    assert found["Filippo Grandi"] == [str(grandi.pk)]
    assert found["Hennis Plasschaert"] == [str(hennis.pk)]
    assert found["filippo"] == [] and found["refugees"] == []  # a first name alone names nobody
    assert named("refugees -Grandi")["Grandi"] == []  # an excluded name boosts nothing


def test_a_speaker_saved_or_renamed_is_named_at_once():
    assert named("Quuxly")["Quuxly"] == []
    speaker = Speaker.objects.create(name="Zed Quuxly", slug="zed-quuxly")
    assert named("Quuxly")["Quuxly"] == [str(speaker.pk)]
    speaker.name = "Zed Vorple"
    speaker.save()
    assert named("Quuxly Vorple") == {"Quuxly": [], "Vorple": [str(speaker.pk)]}


def test_apostrophes_accents_and_ocr_spellings_name_the_same_speaker():
    syria = Country.objects.create(name="Syrian Arab Republic", code="SYR", slug="syria")
    jaafari = Speaker.objects.create(name="Ja'afari", country=syria, slug="ja-afari")
    jurgenson = Speaker.objects.create(name="Jiirgenson", slug="jiirgenson")  # the records' OCR
    for query in ("Ja'afari", "Ja’afari", "Jaafari", "JAAFARI"):
        assert [c.speakers for c in clauses(query)] == [[str(jaafari.pk)]], query
    for query in ("Jürgenson", "Jurgenson", "Jiirgenson"):
        assert [c.speakers for c in clauses(query)] == [[str(jurgenson.pk)]], query


def test_a_first_name_before_a_surname_is_not_required_of_that_speaker():
    craft = Speaker.objects.create(name="Craft", slug="craft")
    kelly, surname, mali = clauses("Kelly Craft Mali")
    assert surname.speakers == [str(craft.pk)] and kelly.optional_for == [str(craft.pk)]
    assert kelly.speakers == [] and mali.optional_for == []
    # a word that does not look like a first name stays required
    assert clauses("sanctions Craft")[0].optional_for == []
    assert clauses("UNMIK Craft")[0].optional_for == []


def test_a_post_names_its_holders_and_is_searched_as_one_phrase():
    guterres = Speaker.objects.create(name="Guterres", slug="guterres")
    grandi = Speaker.objects.create(name="Filippo Grandi", slug="filippo-grandi")
    title, word = clauses("Secretary-General annexation")
    assert title.speakers == [str(guterres.pk)] and word.text == "annexation"
    la_lime = Speaker.objects.create(name="La Lime", slug="la-lime")
    assert clauses("Haiti BINUH")[1].speakers == [str(la_lime.pk)]  # a mission's name, its head
    found = clauses("High Commissioner for Refugees Sudan")
    assert found[0].text == "High Commissioner for Refugees" and found[0].speakers == [str(grandi.pk)]
    assert found[1].countries == ["SDN"]


def test_short_country_names_reach_the_names_statements_print():
    uk, words = clauses("UK sanctions")
    assert uk.countries == ["GBR"] and "united kingdom" in uk.forms and words.countries == []
    assert clauses("North Korea missiles")[0].countries == ["PRK"]
    assert clauses("Democratic People's Republic of Korea")[0].countries == ["PRK"]
    assert clauses("South Sudan")[0].countries == ["SSD"]  # the longest name wins over "Sudan"
    assert clauses("US statement")[0].countries == ["USA"]
    assert clauses("tell us more")[1].countries == []  # "us" the word is no State


def test_the_words_framing_a_question_are_left_out():
    parsed = parse_query("what did South Sudan say about elections")
    drop_question_words(parsed)
    assert parsed.text == "South Sudan elections"
    parsed = parse_query("UK statement on the Sahel, its position and views")
    drop_question_words(parsed)
    assert parsed.text == "UK on the Sahel its and"
    parsed = parse_query("what did they say")
    drop_question_words(parsed)
    assert parsed.text == "what did they say"  # nothing would be left to search


def clauses(query):
    parsed = parse_query(query)
    mark_speaker_names(parsed)
    return parsed.clauses


def _statement(meeting, order, speaker, text):
    return Statement.objects.create(
        meeting=meeting, order=order, speaker=speaker, country=speaker.country,
        speaker_label=speaker.name, role="member", language="en", text=text, word_count=len(text.split()))


@pytest.fixture
def council():
    """A few statements that print surnames only, saved and indexed."""
    britain = Country.objects.create(name="United Kingdom of Great Britain and Northern Ireland", code="GBR",
                                     slug="united-kingdom")
    usa = Country.objects.create(name="United States of America", code="USA", slug="united-states")
    un = Country.objects.create(name="United Nations", code="", slug="united-nations")
    craft = Speaker.objects.create(name="Craft", honorific="Mrs.", country=usa, slug="craft")
    allen = Speaker.objects.create(name="Allen", honorific="Mr.", country=britain, slug="allen")
    guterres = Speaker.objects.create(name="Guterres", honorific="Mr.", country=un, slug="guterres")
    meeting = Meeting.objects.create(symbol="S/PV.8765", number=8765, date=date(2020, 10, 14))
    found = {
        "craft": _statement(meeting, 1, craft, "The coup in Mali must not derail the transition; MINUSMA matters."),
        "allen": _statement(meeting, 2, allen, "The transition in Mali needs elections; we support MINUSMA."),
        "guterres": _statement(meeting, 3, guterres, "Mali's transition needs the support of every partner."),
        "other": _statement(meeting, 4, allen, "Kelly and Craft are words in a statement on Mali fisheries."),
    }
    for order, words in enumerate(["Mali transition elections", "Mali transition partners",
                                   "Mali MINUSMA budget", "Mali elections budget"], start=5):
        found[words] = _statement(meeting, order, allen, words)
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    return found


def top(query, count=3):
    outcome = service.search(QueryDict(urlencode({"q": query})))
    return [hit.statement.pk for hit in outcome.hits][:count], outcome


def test_searches_by_first_name_post_and_short_country_name_find_the_statements(council):
    assert top("Kelly Craft coup Mali")[0][0] == council["craft"].pk
    assert top("Secretary-General Mali transition")[0][0] == council["guterres"].pk
    assert top("UK Mali elections MINUSMA")[0][0] == council["allen"].pk


def test_when_few_statements_have_every_word_those_with_most_come_first(council):
    found, outcome = top("what did the US say about the coup in Mali and the transition derail")
    assert found[0] == council["craft"].pk  # "US" is the United States; "what", "say" frame the question
    found, outcome = top("coup derail transition Mali ambassador")  # no statement has "ambassador"
    assert found[0] == council["craft"].pk and outcome.count > 1
    assert any("all your words" in notice for notice in outcome.notices)
    # with many statements having every word, only those are listed
    assert top("Mali")[1].count == len(council)


def test_the_few_statements_with_every_word_come_before_those_with_some_on_every_page(council):
    meeting = Meeting.objects.get(symbol="S/PV.8765")
    speaker = council["allen"].speaker
    long = _statement(meeting, 30, speaker, "Budget talks " + "lasted weeks " * 100 + "before the elections.")
    short = _statement(meeting, 31, speaker, "Budget, budget, budget.")
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    every_word = {long.pk, council["Mali elections budget"].pk}
    pages, number, count = [], 1, 1
    while (number - 1) * 2 < count:
        outcome = service.search(QueryDict(urlencode({"q": "budget elections", "page": number})), page_size=2)
        pages, number, count = pages + [hit.statement.pk for hit in outcome.hits], number + 1, outcome.count
    assert set(pages[:2]) == every_word and short.pk in pages[2:]
    assert len(pages) == len(set(pages)) == count > 2


def test_a_query_that_is_a_states_name_alone_lists_what_that_state_said_first(council):
    meeting = Meeting.objects.get(symbol="S/PV.8765")
    about = _statement(meeting, 40, council["craft"].speaker, "The United Kingdom, the United Kingdom and the UK.")
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    british = {council["allen"].pk, council["other"].pk, council["Mali transition elections"].pk}
    found, outcome = top("UK", 3)
    assert set(found) <= british and about.pk in [hit.statement.pk for hit in outcome.hits]
    assert top("UK United Kingdom", 1)[0] == [about.pk]  # with other words, statements about it count


def test_a_year_finds_that_years_statements_that_do_not_print_it(council):
    from statements.search import filters

    def every_word(query):
        return service.build_queryset(parse_query(query), filters.resolve({}, QueryDict()), {}).count()

    assert every_word("Mali transition 2020") == every_word("Mali transition") == 5  # none prints "2020"
    assert every_word("Mali transition 2019") == 0


def test_a_misspelt_surname_names_the_one_speaker_it_is_a_slip_from(council):
    nebenzia = Speaker.objects.create(name="Nebenzia", slug="nebenzia")
    hunter = Speaker.objects.create(name="Hunter", slug="hunter")
    meeting = Meeting.objects.get(symbol="S/PV.8765")
    _statement(meeting, 20, hunter, "Conflict and hunger go together.")
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    assert [c.speakers for c in clauses("Guteres Nebenzya")] == [
        [str(council["guterres"].speaker_id)], [str(nebenzia.pk)]]
    assert top("Guteres Mali transition")[0][0] == council["guterres"].pk
    # a word the statements hold is that word; a short one, an acronym or two slips are no name
    assert [c.speakers for c in clauses("Hunger hunger Alen GUTERES Nebensya")] == [[], [], [], [], []]


def test_a_misspelt_surname_in_lower_case_is_read_but_not_a_letter_moved_further(council):
    nebenzia = Speaker.objects.create(name="Nebenzia", slug="nebenzia")
    guterres = str(council["guterres"].speaker_id)
    assert [c.speakers for c in clauses("guteres nebenzya")] == [[guterres], [str(nebenzia.pk)]]
    assert top("guteres mali transition")[0][0] == council["guterres"].pk
    # one letter added, dropped, changed or two side by side swapped; not a letter moved two places
    # ("gutrrees": the deletion index pairs it with "guterres", one slip does not make it)
    assert [c.speakers for c in clauses("guterress gutreres gutrrees Gutrrees")] == [[guterres], [guterres], [], []]


def test_a_slip_that_statements_hold_only_as_the_surnames_stem_is_that_surname(council):
    griffiths = Speaker.objects.create(name="Griffiths", slug="griffiths")
    meeting = Meeting.objects.get(symbol="S/PV.8765")
    _statement(meeting, 20, council["allen"].speaker, "We thank Mr. Griffiths for the prisoner releases.")
    own = _statement(meeting, 21, griffiths, "The parties released prisoners: an airlift of hope.")
    hunter = Speaker.objects.create(name="Hunter", slug="hunter")
    _statement(meeting, 22, hunter, "Poachers and hunters crossed the border; hunger followed.")
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    # "griffith" is in the index only as the stem of "Griffiths"; "hunters" and "hunger" are words
    assert [c.speakers for c in clauses("griffith hunters hunger")] == [[str(griffiths.pk)], [], []]
    assert top("griffith prisoners")[0][0] == own.pk


def test_a_state_asked_about_by_the_word_after_it_ranks_its_own_statements_first(council):
    russia = Country.objects.create(name="Russian Federation", code="RUS", slug="russia")
    nebenzia = Speaker.objects.create(name="Nebenzia", country=russia, slug="nebenzia")
    meeting = Meeting.objects.get(symbol="S/PV.8765")
    about = _statement(meeting, 20, council["allen"].speaker,
                       "Russian aircraft struck Idlib again; Russian strikes on Idlib hospitals; Idlib suffers.")
    own = _statement(meeting, 21, nebenzia, "On Idlib, terrorists must be fought; a long statement " + "word " * 80)
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    def russian(query):
        parsed = parse_query(query)
        drop_question_words(parsed)  # as a search does, before reading names
        mark_speaker_names(parsed)
        return next(c for c in parsed.clauses if c.text == "Russian")

    assert russian("Russian position on Idlib").countries == ["RUS"] and russian("Russian position on Idlib").whole_query
    assert not russian("Russian aircraft Idlib").whole_query  # an adjective alone describes
    assert top("Russian position on Idlib")[0][0] == own.pk
    assert top("Russian aircraft Idlib")[0][0] == about.pk
    assert top("what did Russia say about Idlib")[0][0] == own.pk


def test_a_subject_and_a_month_rank_that_months_briefings_first(council):
    lowcock = Speaker.objects.create(name="Lowcock", slug="lowcock")
    april = Meeting.objects.create(symbol="S/2020/313", date=date(2020, 4, 16), topic="Yemen")
    may = Meeting.objects.create(symbol="S/2020/411", date=date(2020, 5, 14), topic="Yemen")
    briefing = Statement.objects.create(
        meeting=april, order=2, speaker=lowcock, speaker_label="Mr. Lowcock", role=Statement.Role.BRIEFER,
        language="en", text="Cholera is spreading and funding is short. " + "Humanitarian needs grow. " * 60)
    for order, text in enumerate(["Yemen needs peace. Yemen needs aid.", "On Yemen, we call for calm."], 3):
        _statement(april, order, council["allen"].speaker, text)
    _statement(may, 2, council["allen"].speaker, "Yemen, Yemen and Yemen again.")
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    assert top("Yemen")[0][0] != briefing.pk  # a long briefing ranks below short mentions
    found, outcome = top("Yemen April 2020", 10)
    assert found[0] == briefing.pk and outcome.count == 3  # first, and the month's statements only
    assert top("Yemen 2020-04")[0][0] == top("Yemen in April")[0][0] == briefing.pk


def test_the_speaker_offer_knows_first_names_and_apostrophes_but_never_an_empty_page():
    from statements.search.names import pages_named

    usa = Country.objects.create(name="United States of America", code="USA", slug="united-states")
    craft = Speaker.objects.create(name="Craft", honorific="Mrs.", country=usa, slug="craft")
    jaafari = Speaker.objects.create(name="Ja'afari", honorific="Mr.", slug="ja-afari")
    idle = Speaker.objects.create(name="Idlewood", slug="idlewood")  # no statements
    chair = Speaker.objects.create(name="Chairson", slug="chairson")  # the President's procedure only
    meeting = Meeting.objects.create(symbol="S/PV.8765", number=8765, date=date(2020, 10, 14))
    _statement(meeting, 1, craft, "Mali.")
    _statement(meeting, 2, jaafari, "Syria.")
    Statement.objects.create(meeting=meeting, order=3, speaker=chair, role=Statement.Role.CHAIR, text="I now give")
    tallies.recount()  # as the index writer does once the statements are searchable

    def offered(query):
        return [(p.kind, p.label) for p in pages_named(query)]

    for query in ("Craft", "Kelly Craft", "Mrs. Craft", "kelly craft"):
        assert offered(query) == [("speaker", craft.label)], query
    for query in ("Jaafari", "Ja’afari", "Bashar Ja'afari"):
        assert offered(query) == [("speaker", jaafari.label)], query
    assert offered("Idlewood") == [] and offered("Chairson") == [] and idle.pk and chair.pk
    assert offered("US") == [("country", "United States of America")]
    assert offered("Mali Craft") == []  # a State is no first name
