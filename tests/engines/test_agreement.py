"""Where the two engines must agree below the contract: the analysis of the text, and the
documents a rebuild writes.

The Solr side is the configset's ``text_en`` field type as the running collection analyses
it (Solr's field analysis API); the Whoosh side is the index's own analyzer. A phrase, a
hyphenated name and a stop word inside a phrase match the same statements on both only if
the two give the same terms at the same relative positions.
"""
import csv

import pytest

from statements.search.whoosh.analysis import StatementAnalyzer
from statements.search.engine import CONTENT_FIELD

pytestmark = pytest.mark.solr

CORPUS = "corpus/unsc_2020_speeches.tsv"
# Every this-many-th statement of the 2,480: about a hundred, spread over the year.
SAMPLE_EVERY = 25
AWKWARD = (
    "FARC-EP ex-combatants; the U.N. and the A.U.; Côte d’Ivoire, Ja'afari; don't; "
    "1,000 and 2.5 per cent; S/2020/305; x_y; peace and the security of a State; "
    "To be or not to be. THE END. Andes, Anderson, Tobago, Usa, weapons: a.b.c"
)


def solr_terms(solr_cluster, text):
    """(term, position) pairs the collection indexes for ``text`` in the statement field."""
    import requests

    response = requests.post(f"{solr_cluster.url}/analysis/field", timeout=120, data={
        "analysis.fieldname": CONTENT_FIELD, "analysis.fieldvalue": text, "wt": "json"})
    response.raise_for_status()
    stages = response.json()["analysis"]["field_names"][CONTENT_FIELD]["index"]
    return _relative([(token["text"], token["position"]) for token in stages[-1]])


def whoosh_terms(text):
    return _relative([(token.text, token.pos) for token in StatementAnalyzer()(text, positions=True)])


def _relative(pairs):
    first = pairs[0][1] if pairs else 0
    return [(term, position - first) for term, position in pairs]


def corpus_texts(shared_dir):
    csv.field_size_limit(10**8)
    with (shared_dir / CORPUS).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [row["content"] for row in rows[::SAMPLE_EVERY]]


def test_solr_analyses_the_text_as_whoosh_does(solr_cluster, shared_dir):
    texts = [AWKWARD, *corpus_texts(shared_dir)]
    for text in texts:
        whoosh = whoosh_terms(text)
        solr = solr_terms(solr_cluster, text)
        if solr != whoosh:
            first = next(i for i, (a, b) in enumerate(zip(solr + [None], whoosh + [None])) if a != b)
            pytest.fail(f"the engines part at term {first} of {text[:60]!r}: "
                        f"Solr {solr[first:first + 3]}, Whoosh {whoosh[first:first + 3]}")
    assert sum(len(whoosh_terms(text)) for text in texts) > 10_000  # the sample is real text


def test_a_hyphenated_name_and_a_stop_word_in_a_phrase_are_searched_alike(solr_cluster):
    assert solr_terms(solr_cluster, "FARC-EP") == [("farc", 0), ("ep", 1)]
    # Whoosh renumbers the words kept: "peace and the security" holds the phrase "peace security".
    assert solr_terms(solr_cluster, "peace and the security") == [("peac", 0), ("secur", 1)]


def test_a_rebuild_writes_the_documents_haystack_prepares(dated_and_undated):
    """``SolrDocuments`` (the bulk path) makes what ``full_prepare`` makes, minus empty values."""
    from statements.search.solr.engine import SolrDocuments
    from statements.search_indexes import StatementIndex

    dated, undated = dated_and_undated
    index = StatementIndex()
    documents = SolrDocuments(index)
    for statement in index.index_queryset().filter(pk__in=[dated.pk, undated.pk]):
        expected = {key: value for key, value in index.full_prepare(statement).items()
                    if key != "boost" and value not in (None, "", [])}
        if "date" in expected:
            expected["date"] = f"{expected['date']:%Y-%m-%d}T00:00:00Z"
        assert documents.prepare(statement) == expected
    assert sorted(documents.prepare(dated)["resolutions"]) == ["ga-59-290", "sc-2341"]
    assert "date" not in documents.prepare(undated) and "meeting" not in documents.prepare(undated)

