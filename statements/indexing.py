"""Keep the search index in step with the database, through a durable queue.

Writers of statements call ``schedule(ids)`` inside their transaction: it adds
``IndexTask`` rows in that same transaction, so a rollback enqueues nothing and
a commit cannot lose them. One writer at a time drains the queue (``drain``):
it syncs a batch of statement ids with the index, then deletes exactly the rows
it handled. A crash before that delete leaves the rows for the next drain, and
syncing is idempotent (write the statement if the database holds it as
searchable, remove it otherwise), so nothing is lost or duplicated.

Who drains: with ``settings.INDEX_QUEUE_EAGER`` (development, tests) the
process that committed drains right after the commit; in production
``manage.py process_index_queue --loop`` is the single writer. Either way the
writer holds ``writer_lock()``, a PostgreSQL advisory lock (a file lock on
SQLite), because Whoosh allows one writer only. The engine is whichever the
settings name (``statements.search.engine``); nothing here asks which.
"""
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
import fcntl
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from . import index_version, tallies
from .models import IndexRebuild, IndexTask, Statement
from .search.engine import IndexWriteBusy, document_id, get_engine  # noqa: F401  (part of this module's API)

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# A rebuild analyses in several processes from this many statements (starting them costs more below).
BULK_PROCS_FROM = 5000
# pg_advisory_lock key of the index writer: any constant unique to this purpose.
ADVISORY_LOCK_KEY = 7_316_221_001


def _engine():
    return get_engine()


def _index():
    return _engine().statement_index()


def _backend():
    """Haystack's backend of the configured engine (tests of one engine's internals use it)."""
    return _engine().backend


# -- the single-writer lock ---------------------------------------------------

@contextmanager
def writer_lock(blocking=False):
    """Yield True while this process is the one index writer, False if another one is."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            function = "pg_advisory_lock" if blocking else "pg_try_advisory_lock"
            cursor.execute(f"SELECT {function}(%s)", [ADVISORY_LOCK_KEY])
            acquired = blocking or cursor.fetchone()[0]
        try:
            yield bool(acquired)
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
        return
    with open(settings.VAR_DIR / "index-writer.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# -- writing ------------------------------------------------------------------

def sync(statement_ids):
    """Make the index agree with the database for these statements (idempotent)."""
    statement_ids = set(statement_ids)
    if not statement_ids:
        return
    engine = _engine()
    engine.check_writable()
    index = engine.statement_index()
    objects = list(index.index_queryset().filter(pk__in=statement_ids))
    gone = statement_ids - {obj.pk for obj in objects}
    if gone:
        engine.remove(sorted(gone))
    if objects:
        # Prepare first: a document failing inside an engine's write could leave
        # its writer open (with Whoosh, its lock for the life of the process).
        for obj in objects:
            index.full_prepare(obj)
        engine.update(objects)


def schedule(statement_ids):
    """Queue these statements for the index, in the caller's transaction."""
    if not enqueue(statement_ids):
        return
    if settings.INDEX_QUEUE_EAGER:  # one drain per transaction, however many schedules
        pending = transaction.get_connection().run_on_commit
        if not any(isinstance(entry[1], _DrainOnCommit) and not entry[1].ran for entry in pending):
            transaction.on_commit(_DrainOnCommit())


def enqueue(statement_ids):
    """Add queue rows (no drain); returns how many."""
    rows = [IndexTask(statement_id=pk) for pk in sorted(set(statement_ids))]
    IndexTask.objects.bulk_create(rows)
    return len(rows)


class _DrainOnCommit:
    """The on-commit callback; remembers having run (test helpers run callbacks in place)."""

    ran = False

    def __call__(self):
        self.ran = True
        drain_after_commit()


def drain_after_commit():
    """The eager drain: a failure is logged and the rows stay for the next drain."""
    try:
        drain()
    except Exception:
        log.exception("Index queue drain failed; writing its rows one by one")
        try:
            drain_singly(blocking=False)
        except Exception:
            log.exception("Index queue drain failed; its rows stay queued for the next drain")


def drain_batch(batch_size=BATCH_SIZE):
    """Sync the oldest queued statements; returns how many rows were handled (0: empty)."""
    # Rows that failed before go last, so one bad statement cannot hold up the rest.
    tasks = list(IndexTask.objects.order_by("attempts", "pk")
                 .values_list("pk", "statement_id")[:batch_size])
    if not tasks:
        return 0
    task_ids = [pk for pk, _ in tasks]
    try:
        sync(statement_id for _, statement_id in tasks)
    except Exception as exc:
        IndexTask.objects.filter(pk__in=task_ids).update(
            attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    IndexTask.objects.filter(pk__in=task_ids).delete()
    recount_tallies({statement_id for _, statement_id in tasks})
    return len(tasks)


_recount_due = False  # a recount failed: the next one counts every row


def recount_tallies(statement_ids=None):
    """The browse pages' counts follow what search finds: those these statements count in (every
    count without them; ``tallies.recount``). A failure leaves every count to the next batch."""
    global _recount_due
    try:
        tallies.recount(statement_ids=None if _recount_due else statement_ids)
        _recount_due = False
    except Exception:
        _recount_due = True
        log.exception("The browse pages' counts could not be recounted; the next batch tries again")


def drain(batch_size=BATCH_SIZE, blocking=False):
    """Drain the queue as the one writer; returns the number of rows handled.

    Without ``blocking``, a busy lock means another writer is draining: it will
    see our rows, because every writer checks the queue again after releasing
    the lock (so rows committed while it held the lock are never stranded).
    """
    handled = 0
    while True:
        with writer_lock(blocking=blocking) as acquired:
            if not acquired:
                return handled
            while done := drain_batch(batch_size):
                handled += done
        if not IndexTask.objects.exists():
            return handled


def drain_singly(blocking=True):
    """After a failed batch: write the queue one row at a time, as the writer.

    Returns the statement ids that still fail (their rows stay, marked).
    """
    failing = set()
    with writer_lock(blocking=blocking) as acquired:
        if not acquired:
            return failing
        for _ in range(IndexTask.objects.count()):
            task = IndexTask.objects.order_by("attempts", "pk").first()
            if task is None or task.statement_id in failing:
                break
            try:
                drain_batch(1)
            except IndexWriteBusy:
                raise  # not this statement's fault: no row will get through
            except Exception:
                log.exception("Statement %s could not be indexed", task.statement_id)
                failing.add(task.statement_id)
    return failing


def queue_length():
    return IndexTask.objects.count()


# -- rebuilding ---------------------------------------------------------------

def rebuilding():
    """True while a rebuild is running (or one died before finishing)."""
    return IndexRebuild.objects.filter(finished_at=None).exists()


def rebuild(batch_size=1000, progress=None, procs=None):
    """Wipe the index (even a corrupt one) and write every statement again.

    Runs as the one writer; edits made meanwhile are queued and drained at the
    end. While it runs, search pages say that search is being rebuilt. The
    engine writes everything in bulk (``SearchEngine.rebuild``); one that
    analyses locally (Whoosh) does so in ``procs`` processes
    (``SEARCH_INDEX_PROCS``, by default the machine's cores; one for a small index).
    """
    with writer_lock(blocking=True):
        started = IndexRebuild.objects.create()
        engine = _engine()
        engine.clear()
        index = engine.statement_index()
        ids = list(index.index_queryset().order_by("pk").values_list("pk", flat=True))

        def retry_later(obj):
            log.exception("Statement %s could not be indexed; queued to retry", obj.pk)
            enqueue([obj.pk])

        batches = _batches(index, ids, batch_size, progress)
        if engine.parallel_rebuild:
            procs = procs or (settings.SEARCH_INDEX_PROCS if len(ids) >= BULK_PROCS_FROM else 1)
        engine.rebuild(chain.from_iterable(batches), procs=procs or 1, on_error=retry_later)
        recount_tallies()
        try:
            while drain_batch(batch_size):
                pass
        except Exception:
            log.exception("Some queued statements could not be indexed; see check_index")
        IndexRebuild.objects.filter(finished_at=None, started_at__lte=started.started_at).update(
            finished_at=timezone.now(), statements=len(ids)
        )
        index_version.record()  # the index now matches this code's schema
    try:
        drain()  # rows committed while the lock was held, after the last batch
    except Exception:
        log.exception("Some queued statements could not be indexed; see check_index")
    return len(ids)


def _batches(index, ids, batch_size, progress=None):
    """The statements with these ids, a list per ``batch_size`` of them (bounded memory)."""
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        yield list(index.index_queryset().filter(pk__in=chunk).order_by("pk"))
        if progress:
            progress(len(chunk))


def document_count():
    return _engine().count()


# -- checking -----------------------------------------------------------------

@dataclass
class Drift:
    """How the index differs from the database (statement ids)."""

    searchable: int = 0
    indexed: int = 0
    missing: set = field(default_factory=set)     # searchable, not in the index
    extra: set = field(default_factory=set)       # in the index, not searchable
    duplicated: set = field(default_factory=set)  # in the index more than once
    queued: set = field(default_factory=set)      # waiting in the queue
    unfinished_rebuild: bool = False

    @property
    def ids(self):
        return self.missing | self.extra | self.duplicated

    @property
    def clean(self):
        return not self.ids and not self.unfinished_rebuild


def indexed_ids():
    """Every statement id in the index, once per document (duplicates show twice)."""
    return _engine().indexed_ids()


def compare():
    searchable = set(Statement.objects.filter(procedural=False).values_list("pk", flat=True))
    listed = indexed_ids()
    in_index = set(listed)
    seen, duplicated = set(), set()
    for pk in listed:
        (duplicated if pk in seen else seen).add(pk)
    return Drift(
        searchable=len(searchable), indexed=len(listed),
        missing=searchable - in_index, extra=in_index - searchable, duplicated=duplicated,
        queued=set(IndexTask.objects.values_list("statement_id", flat=True)),
        unfinished_rebuild=rebuilding(),
    )


def damage(thorough=False):
    """What cannot be read in the engine's index (one line per damaged part); empty if none."""
    backend = _backend()
    return backend.damage(thorough=thorough) if hasattr(backend, "damage") else []


def postings_files(write=False):
    """Segments without their postings file (the engine's, if it has them); ``write``: write them."""
    backend = _backend()
    return backend.postings_files(write=write) if hasattr(backend, "postings_files") else 0


def repair(drift):
    """Queue every drifting statement and drain the queue as the writer.

    A statement indexed twice is first removed whole: an engine's update replaces
    one copy only.
    """
    enqueue(drift.ids)
    with writer_lock(blocking=True):
        if drift.duplicated:
            _engine().remove(sorted(drift.duplicated))
        while drain_batch():
            pass
    return drain()
