"""A map made from rows is kept until a change, then read again and remade only if its rows differ."""
import pytest

from statements import caching
from statements.models import Meeting
from statements.search import rowmaps, trends

pytestmark = pytest.mark.django_db


def test_a_map_is_remade_only_when_its_rows_change():
    rows, made = [("a", 1)], []
    kept = rowmaps.RowMap("names", "test-map", lambda: list(rows), lambda found: made.append(found) or len(made))
    assert kept() == 1 and kept() == 1
    rows.append(("b", 2))
    assert kept() == 1  # nothing changed as far as the portal knows: the rows are not read
    caching.bump_generation()
    assert kept() == 2 and made[-1] == [("a", 1), ("b", 2)]
    caching.bump_generation()  # a change elsewhere: the same rows, the same map
    assert kept() == 2 and len(made) == 2


def test_a_meeting_saved_with_a_new_date_moves_to_its_month():
    from datetime import date

    meeting = Meeting.objects.create(symbol="S/PV.9001", number=9001, date=date(2020, 3, 5))
    assert trends._meeting_periods().of["S-PV.9001"][0] == date(2020, 3, 1)
    meeting.date = date(2021, 7, 9)
    meeting.save()  # bumps the generation: the meetings are read again
    assert trends._meeting_periods().of["S-PV.9001"] == (date(2021, 7, 1), date(2021, 1, 1))


def test_facet_labels_come_from_one_map_kept_until_a_row_changes(django_assert_num_queries):
    from statements.models import AgendaItem, Country, Resolution, Speaker
    from statements.search import facets

    country = Country.objects.create(name="Freedonia", code="FRD", slug="freedonia")
    speaker = Speaker.objects.create(name="Rufus Firefly", honorific="Mr.", country=country, slug="rufus-firefly")
    Resolution.objects.create(body="SC", number=9999, year=2031)
    Resolution.objects.create(body="GA", session=77, number=12, year=2022)
    AgendaItem.objects.create(title="Threats to Freedonia", slug="threats-to-freedonia")
    keys = {"speaker": [str(speaker.pk), "0", f"0{speaker.pk}"], "country": ["FRD", "freedonia"],
            "agenda": ["threats-to-freedonia", "none"], "resolution": ["sc-9999", "ga-77-12", "sc-09999"],
            "year": ["2031"]}
    expected = {"speaker": {str(speaker.pk): "Mr. Rufus Firefly (Freedonia)"},
                "country": {"FRD": "Freedonia"},  # a country with a code is its code's (``Country.key``)
                "agenda": {"threats-to-freedonia": "Threats to Freedonia"},
                "resolution": {"sc-9999": "Resolution 9999 (2031)",
                               "ga-77-12": "General Assembly resolution 77/12"},
                "year": {"2031": "2031"}}
    assert facets.labels_for(keys) == expected
    with django_assert_num_queries(0):  # a page's labels: no query, no round trip
        assert facets.labels_for(keys) == expected
    speaker.name = "Rufus T. Firefly"
    speaker.save()  # the generation moves: the rows are read again
    assert facets.labels_of("speaker", [str(speaker.pk)]) == {str(speaker.pk): "Mr. Rufus T. Firefly (Freedonia)"}


def test_the_labels_and_the_names_read_the_speakers_and_countries_once_after_a_change(django_assert_num_queries):
    from statements.models import Country, Speaker
    from statements.search import facets, names

    country = Country.objects.create(name="Freedonia", code="FRD", slug="freedonia")
    speaker = Speaker.objects.create(name="Rufus Firefly", honorific="Mr.", country=country, slug="rufus-firefly",
                                     statement_count=1)
    facets.label_maps(), names._maps()
    speaker.name = "Rufus T. Firefly"
    speaker.save()  # the generation moves: the rows are read again, once for both
    with django_assert_num_queries(4):  # speakers, countries, agenda items, resolutions
        labels = facets.label_maps()
        maps = names._maps()
    assert labels["speaker"][str(speaker.pk)] == "Mr. Rufus T. Firefly (Freedonia)"
    assert labels["country"]["FRD"] == "Freedonia"
    assert [page.label for _, page in maps.speakers["name"]["RUFUS T. FIREFLY"]] == ["Mr. Rufus T. Firefly (Freedonia)"]
    assert names.pages_named("Freedonia")[0].slug == "freedonia"
