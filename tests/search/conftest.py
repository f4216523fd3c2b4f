"""Shared data for search tests: the real 2020 corpus, and data shaped like the README's."""
import os
import time

import pytest

CORPUS = "corpus/unsc_2020_speeches.tsv"


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, shared_dir):
    """All 2,480 statements, committed and indexed once for the module; removed afterwards.

    A module using it must also override ``clean_index`` (the suite's autouse
    fixture that empties the index before every test) with a no-op.
    """
    from django.core.management import call_command
    from haystack import connections

    from statements import indexing
    from statements.corpus import load_corpus

    with django_db_blocker.unblock():
        connections["default"].get_backend().clear()
        started = time.monotonic()
        results, _, _ = load_corpus(shared_dir / CORPUS)
        seconds = time.monotonic() - started
        print(f"\ncorpus: {sum(r.created for r in results)} statements loaded and "
              f"{indexing.document_count()} indexed in {seconds:.1f}s")
        yield seconds
        call_command("flush", interactive=False, verbosity=0)
        connections["default"].get_backend().clear()


README_RECORDS = ("S-PV.8700.pdf", "S-PV.8701.pdf")
README_CORPUS_ROWS = 120


@pytest.fixture(scope="module", params=["as loaded", "rebuilt"])
def readme_data(request, django_db_setup, django_db_blocker, shared_dir):
    """The data a newcomer has after the README's steps, in small: committed and indexed.

    The real commands in the README's order: ``load_seeds`` (statements with no
    meeting and no date), ``ingest`` of two real records (dated meetings), then
    ``load_corpus --limit`` (dated corpus rows). Search, sort, filter, feed and
    export tests run on this mix; the undated seeds are what once broke date
    sorts. Two segment layouts: as the commands leave it (seeds in segments of
    their own), and after ``rebuild_index`` (one segment where dated and undated
    statements sit side by side). A module using it must override ``clean_index``
    with a no-op.
    """
    from django.core.management import call_command
    from haystack import connections

    from statements.search import backend as fast_backend

    quiet = open(os.devnull, "w")
    with django_db_blocker.unblock():
        connections["default"].get_backend().clear()
        call_command("load_seeds", stdout=quiet)
        call_command("ingest", *(str(shared_dir / "transcripts" / "pdf" / name) for name in README_RECORDS),
                     "--no-progress", stdout=quiet)
        call_command("load_corpus", "--limit", str(README_CORPUS_ROWS), stdout=quiet)
        if request.param == "rebuilt":
            call_command("rebuild_index", stdout=quiet, stderr=quiet)
        fast_backend.clear_caches(columns=True)
        yield
        call_command("flush", interactive=False, verbosity=0)
        connections["default"].get_backend().clear()
        quiet.close()
