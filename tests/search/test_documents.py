"""The Whoosh backend's documents are what haystack's ``full_prepare`` makes of a statement."""
from haystack import connections

from statements.search_indexes import StatementIndex


def test_a_document_is_what_full_prepare_makes(dated_and_undated):
    dated, undated = dated_and_undated
    backend = connections["default"].get_backend()
    index = StatementIndex()
    for statement in index.index_queryset().filter(pk__in=[dated.pk, undated.pk]):
        expected = {key: backend._from_python(value) for key, value in index.full_prepare(statement).items()
                    if key != "boost"}
        assert backend.prepare_document(index, statement) == expected
    assert backend.prepare_document(index, dated)["resolutions"] in ("sc-2341,ga-59-290", "ga-59-290,sc-2341")
    assert "date" not in backend.prepare_document(index, undated)
