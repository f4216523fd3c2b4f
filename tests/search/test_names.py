"""Query words that name a speaker: surnames, whole and hyphenated names, kept in step with saves."""
import pytest

from statements.models import Country, Speaker
from statements.search.names import mark_speaker_names
from statements.search.query import parse_query

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
