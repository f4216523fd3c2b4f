"""A thing's other names and a word's other spelling: what a query finds with them."""
from datetime import date
from urllib.parse import urlencode

from django.http import QueryDict
import pytest

from statements import indexing
from statements.models import Country, Meeting, Speaker, Statement
from statements.search import service
from statements.search.aliases import other_names, spelling_variants
from statements.search.names import mark_speaker_names
from statements.search.query import parse_query

pytestmark = pytest.mark.django_db


def test_british_and_american_spellings_are_read_both_ways():
    assert spelling_variants("weaponisation") == ["weaponization"]
    assert spelling_variants("organizations") == ["organisations"]
    assert spelling_variants("neighboring") == ["neighbouring"]
    assert spelling_variants("labour") == ["labor"]
    assert spelling_variants("colors") == ["colours"]
    # words with neither ending, and short words, have no other spelling
    assert spelling_variants("sanctions") == [] and spelling_variants("your") == [] and spelling_variants("hour") == []


def test_other_names_of_one_thing_find_each_other():
    assert {"ISIL", "Da'esh", "Islamic State"} <= set(other_names()["isis"])
    assert "Ma'rib" in other_names()["marib"]  # one folded key, but statements print it as two words
    assert other_names()["cease fire"] == ["ceasefire"]
    # a body's name finds its acronym; the acronym alone is what statements print beside the name
    assert other_names()["mine action service"] == ["UNMAS"] and "unmas" not in other_names()


def words(query):
    parsed = parse_query(query)
    mark_speaker_names(parsed)
    return {clause.text: clause.forms for clause in parsed.clauses}


def test_a_query_word_carries_its_other_names_and_spellings():
    found = words("ISIS neighboring co-operation Islamic State sanctions")
    assert "Da'esh" in found["ISIS"] and "ISIL" in found["Islamic State"]
    assert found["neighboring"] == ["neighbouring"]
    assert found["co operation"] == ["cooperation"]  # a hyphenated word is also the word joined
    assert found["sanctions"] == []


@pytest.fixture
def statements():
    iraq = Country.objects.create(name="Iraq", code="IRQ", slug="iraq")
    speaker = Speaker.objects.create(name="Bahr Aluloom", country=iraq, slug="bahr-aluloom")
    meeting = Meeting.objects.create(symbol="S/PV.8739", number=8739, date=date(2020, 3, 3))
    texts = ["Remnants of Da'esh still threaten the neighbouring provinces.",
             "The ceasefire must hold while the weaponization of water is condemned.",
             "Cooperation with the Government continues.",
             "UNMAS cleared the roads of explosive ordnance."]
    found = [Statement.objects.create(meeting=meeting, order=order, speaker=speaker, country=iraq,
                                      speaker_label="Mr. Bahr Aluloom", role="invited", language="en",
                                      text=text, word_count=len(text.split()))
             for order, text in enumerate(texts, start=1)]
    indexing.sync(Statement.objects.values_list("pk", flat=True))
    return found


def found(query):
    return [hit.statement.pk for hit in service.search(QueryDict(urlencode({"q": query}))).hits]


def test_other_names_and_spellings_find_the_statements_that_print_the_other(statements):
    daesh, ceasefire, cooperation, unmas = (s.pk for s in statements)
    assert found("Daesh remnants") == [daesh] == found("ISIS remnants")
    assert found("neighboring provinces") == [daesh]
    assert found("cease-fire weaponisation") == [ceasefire]
    assert found("co-operation") == [cooperation]
    assert found("Mine Action Service") == [unmas]


def test_the_snippet_marks_the_other_name_or_spelling_it_was_found_by(statements):
    def snippet(query):
        return service.search(QueryDict(urlencode({"q": query}))).hits[0].snippet

    assert "<mark>Da&#x27;esh</mark>" in snippet("Daesh remnants")
    assert "<mark>neighbouring</mark>" in snippet("neighboring provinces")
    assert "<mark>ceasefire</mark>" in snippet("cease-fire")
