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
