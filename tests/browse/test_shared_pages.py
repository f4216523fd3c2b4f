"""Profile and meeting pages are computed once for every worker: a second anonymous ask is read from the shared cache."""
import pytest

from statements.models import AgendaItem, Country, Meeting, Resolution, Speaker


@pytest.mark.parametrize("model", [Country, Speaker, AgendaItem, Resolution])
def test_a_profile_pages_second_ask_is_not_computed_again(client, council, model, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = model.objects.filter(statement_count__gt=0).first().get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content
    with django_assert_max_num_queries(len(first) - 3):  # none of the page's own queries
        assert client.get(url).content == html


def test_a_meeting_pages_second_ask_is_not_computed_again(client, council, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = Meeting.objects.filter(statements__isnull=False).first().get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content
    assert len(first) > 3
    with django_assert_max_num_queries(len(first) - 3):  # none of the page's own queries
        assert client.get(url).content == html
