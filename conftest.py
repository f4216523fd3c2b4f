"""Test-wide set-up: a real PostgreSQL server and a real Whoosh index on disk.

The suite refuses to run on anything but PostgreSQL (set ALLOW_SQLITE_TESTS=1 to
run the pure-Python parts on SQLite while developing), and prints the server it
runs on in its header: ``database: postgresql 15.20``. It refuses to run without
the shared data beside the repository (``../shared``), which a third of the tests
read: a missing folder must fail, not skip them (ALLOW_MISSING_SHARED=1 to work
on the rest).

Hypothesis is derandomised under CI (the same examples every run) and keeps its
example database in ``var/`` (ignored), never in the repository.
"""
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.database import DirectoryBasedExampleDatabase

REPO = Path(__file__).resolve().parent
SHARED = REPO.parent / "shared"

hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile(
    "dev", database=DirectoryBasedExampleDatabase(str(REPO / "var" / "hypothesis")))
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")

# The index of a test run lives in a throwaway directory, never in var/.
_INDEX_DIR = tempfile.mkdtemp(prefix="portal-test-index-")
os.environ["WHOOSH_PATH"] = _INDEX_DIR


def _database_description():
    """The server the suite runs on, asked directly (pytest-django blocks the ORM here)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return connection.vendor
    import psycopg2

    params = {**connection.get_connection_params(), "dbname": "postgres"}
    with psycopg2.connect(**params) as conn, conn.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    conn.close()
    return f"postgresql {version}"


def pytest_report_header(config):
    return [f"database: {_database_description()}"]


def pytest_configure(config):
    from django.conf import settings
    from django.db import connection

    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = _INDEX_DIR
    if not (SHARED / "transcripts").is_dir() and not os.environ.get("ALLOW_MISSING_SHARED"):
        raise pytest.UsageError(
            f"The shared data is not at {SHARED}: clone the project's shared/ folder beside the "
            "repository (set ALLOW_MISSING_SHARED=1 to run without the tests that read it)."
        )
    if connection.vendor != "postgresql" and not os.environ.get("ALLOW_SQLITE_TESTS"):
        raise pytest.UsageError(
            "The test suite runs against PostgreSQL: set DATABASE_URL, e.g. "
            "postgres://postgres@127.0.0.1:5432/portal (make test does)."
        )


def pytest_unconfigure(config):
    shutil.rmtree(_INDEX_DIR, ignore_errors=True)
