"""A month typed without its year ("Colombia in April") is that month in the latest year with a meeting then."""
from datetime import date

from django.http import QueryDict
import pytest

from statements.models import Meeting
from statements.search import filters
from statements.search.query import parse_query

pytestmark = pytest.mark.django_db


def dates(query):
    found = filters.resolve(parse_query(query).filters, QueryDict())
    return found.date_from, found.date_to, found.notices


def test_a_month_without_its_year_is_the_latest_such_month_with_a_meeting():
    Meeting.objects.create(symbol="S/PV.8000", number=8000, date=date(2019, 5, 3))
    Meeting.objects.create(symbol="S/PV.8750", number=8750, date=date(2020, 5, 21))
    Meeting.objects.create(symbol="S/PV.8740", number=8740, date=date(2020, 4, 14))
    assert dates("Somalia in May") == (date(2020, 5, 1), date(2020, 5, 31), [])
    assert dates("Somalia 3 May") == (date(2019, 5, 3), date(2019, 5, 3), [])
    assert dates("Colombia in April")[:2] == (date(2020, 4, 1), date(2020, 4, 30))
    start, end, notices = dates("Colombia in June")
    assert (start, end) == (None, None) and notices == ["No meeting was held in June, so the date was left out."]
    # the query's own dates win over a month typed without its year
    assert dates("Somalia in May from:2019-01-01")[:2] == (date(2019, 1, 1), None)
