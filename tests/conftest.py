"""Fixtures shared by the suite: a clean index, the seed statements, README-shaped data, a real browser."""
from pathlib import Path
import os

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(autouse=True)
def clean_index(settings):
    """Every test starts from an empty index, as every test starts from an empty database."""
    from haystack import connections

    connections["default"].get_backend().clear()
    yield


@pytest.fixture
def index_on_commit(django_capture_on_commit_callbacks):
    """Run the index writes that wait for commit (tests run inside a rolled-back transaction)."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        yield callbacks


@pytest.fixture
def seeds(db, django_capture_on_commit_callbacks):
    """The two seed statements, saved and indexed."""
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_seeds", stdout=open(os.devnull, "w"))


@pytest.fixture
def dated_and_undated(db):
    """Two statements an engine prepares differently: one at a dated meeting, with a speaker, a
    country and two cited resolutions (SC 2341, GA 59/290); one from a seed file with none of these."""
    from datetime import date

    from statements.models import Country, Meeting, Resolution, Speaker, Statement

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
    return dated, undated


@pytest.fixture
def live_seeds(transactional_db):
    """The seed statements, committed for real so a live server (another thread) sees them."""
    from django.core.management import call_command

    call_command("load_seeds", stdout=open(os.devnull, "w"))


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} (the shared data beside the repository) is not there")
    return SHARED


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

    from statements.search.whoosh import backend as fast_backend

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


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; the ORM calls the
    # tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
