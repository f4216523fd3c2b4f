"""Several resolutions in a query: a list asks for statements citing all of them, a range for any."""
from datetime import date
from urllib.parse import urlencode

from django.http import QueryDict
import pytest

from statements import indexing
from statements.models import Meeting, Resolution, Statement
from statements.search import service
from statements.search.query import parse_query

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query, numbers, any_of", [
    ("resolutions 2531-2533", [2531, 2532, 2533], True),
    ("S/RES/2531 to 2533 Mali", [2531, 2532, 2533], True),
    ("resolutions 2531 and 2533", [2531, 2533], False),
    ("resolution 2531 and resolution 2533", [2531, 2533], False),
    ("resolution 2533-2531", [2533], False),  # backwards: the first number, the rest a word
    ("resolutions 1-2500", [1], False),  # too long to be a range anyone means
])
def test_a_range_of_resolutions_is_each_of_them(query, numbers, any_of):
    parsed = parse_query(query)
    assert [ref.number for ref in parsed.resolutions] == numbers and parsed.any_resolution is any_of
    # a number cited is not also a word, nor is what joins the citations
    assert not {c.text for c in parsed.clauses} & {"and", *map(str, numbers)}


def test_a_range_finds_statements_citing_any_a_list_those_citing_all():
    meeting = Meeting.objects.create(symbol="S/PV.8760", number=8760, date=date(2020, 9, 1))
    cited = {n: Resolution.objects.create(body="SC", number=n, year=2020) for n in (2531, 2533, 2540)}
    for order, numbers in enumerate([(2531,), (2533,), (2531, 2533), (2540,)], 1):
        statement = Statement.objects.create(meeting=meeting, order=order, speaker_label="Mr. X", role="member",
                                             language="en", text=f"Statement {order} on Mali.")
        statement.resolutions.set([cited[n] for n in numbers])
    indexing.sync(Statement.objects.values_list("pk", flat=True))

    def orders(query):
        outcome = service.search(QueryDict(urlencode({"q": query})))
        return sorted(hit.statement.order for hit in outcome.hits)

    assert orders("resolutions 2531-2533") == [1, 2, 3]
    assert orders("resolutions 2531 and 2533") == orders("resolution 2531 and resolution 2533") == [3]
    assert orders("resolutions 2531-2533 Mali") == [1, 2, 3]
