"""The real data, loaded once for a module: the nine official records and the 2020 corpus."""
import time

import pytest

CORPUS = "corpus/unsc_2020_speeches.tsv"
RECORDS = "transcripts/text"


@pytest.fixture(scope="module")
def real_data(django_db_setup, django_db_blocker, shared_dir):
    """Records first, then the corpus (the order that used to lose the records), indexed once."""
    from django.core.management import call_command
    from haystack import connections

    from statements.corpus import load_corpus
    from statements.ingest import ingest_file

    with django_db_blocker.unblock():
        connections["default"].get_backend().clear()
        started = time.monotonic()
        for path in sorted((shared_dir / RECORDS).glob("*.txt")):
            ingest_file(path)
        results, _, kept = load_corpus(shared_dir / CORPUS)
        print(f"\nreal data: {len(kept)} records kept, {len(results)} corpus meetings "
              f"in {time.monotonic() - started:.1f}s")
        yield kept
        call_command("flush", interactive=False, verbosity=0)
        connections["default"].get_backend().clear()
