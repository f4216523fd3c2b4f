"""The Whoosh backend's documents are what haystack's ``full_prepare`` makes of a statement."""
from datetime import date

from haystack import connections
import pytest

from statements.models import Country, Meeting, Resolution, Speaker, Statement
from statements.search_indexes import StatementIndex


@pytest.mark.django_db
def test_a_document_is_what_full_prepare_makes():
    france = Country.objects.create(name="France", code="FRA", slug="france")
    speaker = Speaker.objects.create(name="De Rivière", honorific="Mr.", country=france, slug="de-riviere")
    meeting = Meeting.objects.create(symbol="S/PV.8700", number=8700, date=date(2020, 1, 10))
    dated = Statement.objects.create(meeting=meeting, order=1, speaker=speaker, country=france,
                                     speaker_label="Mr. De Rivière", role="member", language="fr",
                                     text="Sanctions, resolution 2341.", word_count=3)
    dated.resolutions.set([Resolution.objects.create(body="SC", number=2341, year=2017),
                           Resolution.objects.create(body="GA", session=59, number=290, year=2005)])
    undated = Statement.objects.create(source="seed.txt", order=1, speaker_label="The President",
                                       text="The meeting is resumed.", word_count=4)
    backend = connections["default"].get_backend()
    index = StatementIndex()
    for statement in index.index_queryset().filter(pk__in=[dated.pk, undated.pk]):
        expected = {key: backend._from_python(value) for key, value in index.full_prepare(statement).items()
                    if key != "boost"}
        assert backend.prepare_document(index, statement) == expected
    assert backend.prepare_document(index, dated)["resolutions"] in ("sc-2341,ga-59-290", "ga-59-290,sc-2341")
    assert "date" not in backend.prepare_document(index, undated)
