"""Fixtures for the browse pages: two meetings ingested through the real path and indexed."""
import pytest

from . import records


@pytest.fixture
def council(db, django_capture_on_commit_callbacks):
    """S/PV.8700 and S/PV.8701 saved and indexed (see records.py)."""
    with django_capture_on_commit_callbacks(execute=True):
        results = records.load()
    return results


@pytest.fixture
def live_council(transactional_db):
    """The same meetings plus the seeds, committed so a live server sees them."""
    from django.core.management import call_command
    import os

    records.load()
    call_command("load_seeds", stdout=open(os.devnull, "w"))
