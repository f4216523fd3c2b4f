"""The two seed statements name no meeting and no date: kept apart, and said so, without breaking facets."""
import pytest
from django.http import QueryDict

from statements.models import Statement
from statements.search import service

pytestmark = pytest.mark.django_db


def test_seeds_make_no_empty_year_and_sort_last(seeds, shared_dir, django_capture_on_commit_callbacks):
    from statements.ingest import ingest_file

    with django_capture_on_commit_callbacks(execute=True):
        ingest_file(shared_dir / "transcripts" / "text" / "S-PV.8707.txt")
    outcome = service.search(QueryDict("q=security&sort=newest"))
    years = [v for facet, values in outcome.facet_groups if facet.name == "year" for v in values]
    assert years and all(v.value.isdigit() and len(v.value) == 4 and v.label for v in years)
    dated = [hit.statement.date for hit in outcome.hits]
    assert dated[0] is not None


def test_a_seed_page_says_what_it_is(client, seeds):
    seed = Statement.objects.get(meeting=None, speaker__name="Umarov")
    page = client.get(seed.get_absolute_url()).content.decode()
    assert "sample statement" in page.lower()
    assert seed.source in page
