"""The real 2020 corpus, loaded once for a test module that asks for it; the shared meeting
records as text."""
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


@pytest.fixture(scope="module")
def records(shared_dir):
    """The text of every shared meeting record (``transcripts/text``), in name order."""
    return [path.read_text() for path in sorted((shared_dir / "transcripts" / "text").glob("*.txt"))]

