"""The durable index queue: same-transaction enqueue, one writer, nothing lost or doubled."""
import threading
import time

from django.core.management import CommandError, call_command
from django.db import connection, transaction
import pytest

from statements import indexing
from statements.ingest import ingest_record
from statements.models import IndexTask, Meeting, Statement
from statements.parser import parse_text

from .helpers import index_ids, record_text

QUIET = {"stdout": open("/dev/null", "w")}


@pytest.mark.django_db
def test_rolled_back_write_enqueues_nothing_and_indexes_nothing(index_on_commit):
    with pytest.raises(RuntimeError), transaction.atomic():
        ingest_record(parse_text(record_text(3)), source="rolled-back.txt")
        assert IndexTask.objects.count() == 3  # queued inside the transaction...
        raise RuntimeError("abort")
    assert IndexTask.objects.count() == 0  # ...and gone with it
    assert Statement.objects.count() == 0 and index_ids() == []


@pytest.mark.django_db
def test_ingest_failing_halfway_leaves_no_half_meeting(monkeypatch, index_on_commit):
    text = "S/PV.9001\n\n" + record_text(6)
    through = Statement.resolutions.through

    def fail(*args, **kwargs):  # after the meeting and statements rows are written
        assert Statement.objects.count() > 0
        raise OSError("disk gone mid-ingest")

    monkeypatch.setattr(through.objects, "bulk_create", fail)
    with pytest.raises(OSError):
        ingest_record(parse_text(text), source="half.txt")
    assert (Meeting.objects.count(), Statement.objects.count(), IndexTask.objects.count()) == (0, 0, 0)
    assert index_ids() == []


@pytest.mark.django_db
def test_commit_drains_the_queue_into_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ingest_record(parse_text(record_text(5)), source="five.txt")
        assert IndexTask.objects.count() == 5
    assert IndexTask.objects.count() == 0
    assert index_ids() == sorted(Statement.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_foreign_index_writer_makes_the_drain_fail_loudly_and_keeps_the_rows(settings):
    settings.INDEX_QUEUE_EAGER = False
    ingest_record(parse_text(record_text(2)), source="two.txt")
    backend = indexing._backend()
    backend.setup()
    foreign = backend.index.writer()  # holds Whoosh's write lock, as haystack's update_index would
    try:
        with pytest.raises(indexing.IndexWriteBusy):
            indexing.drain()
    finally:
        foreign.cancel()
    rows = list(IndexTask.objects.all())
    assert len(rows) == 2 and all(r.attempts == 1 and "IndexWriteBusy" in r.last_error for r in rows)
    with pytest.raises(CommandError):  # the stale rows show up as drift meanwhile
        call_command("check_index", **QUIET)
    call_command("process_index_queue", **QUIET)
    assert IndexTask.objects.count() == 0 and len(index_ids()) == 2


@pytest.mark.django_db
def test_check_index_reports_drift_and_repair_fixes_it(django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        ingest_record(parse_text(record_text(4)), source="four.txt")
    ids = sorted(Statement.objects.values_list("pk", flat=True))
    backend = indexing._backend()
    backend.remove_many([indexing.document_id(ids[0])])           # lost
    writer = backend.index.refresh().writer()                        # doubled and a ghost
    stored = next(d for d in backend.index.refresh().searcher().all_stored_fields()
                  if d["django_id"] == str(ids[1]))
    writer.add_document(**stored)
    writer.add_document(**{**stored, "id": "statements.statement.999999", "django_id": "999999"})
    writer.commit()

    with pytest.raises(CommandError):
        call_command("check_index")
    out = capsys.readouterr().out
    assert "1 missing from the index" in out and "1 indexed more than once" in out
    assert "1 in the index but not searchable: 999999" in out

    call_command("check_index", "--repair")
    assert "Repaired" in capsys.readouterr().out
    assert index_ids() == ids
    call_command("check_index")  # clean: no error


@pytest.mark.django_db(transaction=True)
def test_two_uploads_at_once_each_statement_indexed_exactly_once():
    errors = []

    def upload(n):
        try:
            ingest_record(parse_text(record_text(60, tag=f"upload{n} ")), source=f"upload{n}.txt")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    for _ in range(3):
        threads = [threading.Thread(target=upload, args=(n,)) for n in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    drift = indexing.compare()
    assert drift.searchable == 120 and drift.indexed == 120 and drift.clean
    assert IndexTask.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_edits_during_a_rebuild_are_not_lost():
    ingest_record(parse_text(record_text(400, words=40)), source="big.txt")
    edited, deleted = Statement.objects.order_by("pk")[:2]
    outcome = {}

    def rebuild():
        try:
            outcome["total"] = indexing.rebuild(batch_size=40)
        finally:
            connection.close()

    thread = threading.Thread(target=rebuild)
    thread.start()
    while not indexing.rebuilding() and thread.is_alive():  # wiped the index, now writing
        time.sleep(0.01)
    edited.text = "zanzibarite edited during the rebuild"
    edited.save()
    deleted.delete()
    assert thread.is_alive(), "the edits must land while the rebuild runs"
    thread.join()

    assert outcome["total"] in (399, 400)
    from haystack.query import SearchQuerySet
    hits = SearchQuerySet().models(Statement).filter(content="zanzibarite")
    assert [int(r.pk) for r in hits] == [edited.pk]
    drift = indexing.compare()
    assert drift.clean and drift.indexed == 399 and not drift.unfinished_rebuild


@pytest.mark.django_db
def test_admin_edits_and_deletes_reach_the_index_through_the_queue(seeds, django_capture_on_commit_callbacks):
    from haystack.query import SearchQuerySet

    statement = Statement.objects.get(speaker__name="Umarov")
    with django_capture_on_commit_callbacks(execute=True):
        statement.text += " quetzalcoatl"
        statement.save()
        assert list(IndexTask.objects.values_list("statement_id", flat=True)) == [statement.pk]
    assert [int(r.pk) for r in SearchQuerySet().filter(content="quetzalcoatl")] == [statement.pk]
    with django_capture_on_commit_callbacks(execute=True):
        statement.delete()
    assert list(SearchQuerySet().filter(content="quetzalcoatl")) == []
    assert indexing.compare().clean and IndexTask.objects.count() == 0


@pytest.mark.django_db
def test_a_rebuild_that_died_is_reported_and_repaired(seeds, capsys):
    from statements.models import IndexRebuild

    IndexRebuild.objects.create()  # started, never finished (the process was killed)
    with pytest.raises(CommandError):
        call_command("check_index")
    assert "did not finish" in capsys.readouterr().out
    call_command("check_index", "--repair")
    assert not indexing.rebuilding() and indexing.compare().clean


@pytest.mark.django_db
def test_one_bad_statement_does_not_hold_up_the_queue(settings, monkeypatch, capsys):
    from statements.search_indexes import StatementIndex

    settings.INDEX_QUEUE_EAGER = False
    ingest_record(parse_text(record_text(3)), source="three.txt")
    bad = Statement.objects.order_by("pk").first()
    prepare = StatementIndex.prepare_text

    def fail_for_bad(self, obj):
        if obj.pk == bad.pk:
            raise ValueError("unindexable statement")
        return prepare(self, obj)

    monkeypatch.setattr(StatementIndex, "prepare_text", fail_for_bad)
    with pytest.raises(CommandError, match=f"Statements \\[{bad.pk}\\] could not be indexed"):
        call_command("process_index_queue", **QUIET)
    assert sorted(index_ids()) == sorted(Statement.objects.exclude(pk=bad.pk).values_list("pk", flat=True))
    row = IndexTask.objects.get()
    assert row.statement_id == bad.pk and row.attempts >= 1 and "unindexable" in row.last_error

    monkeypatch.setattr(StatementIndex, "prepare_text", prepare)  # fixed: the next run catches up
    call_command("process_index_queue", **QUIET)
    assert IndexTask.objects.count() == 0 and indexing.compare().clean


@pytest.mark.django_db
def test_eager_drain_writes_around_a_bad_statement(monkeypatch, django_capture_on_commit_callbacks):
    from statements.search_indexes import StatementIndex

    prepare = StatementIndex.prepare_text
    monkeypatch.setattr(StatementIndex, "prepare_text", lambda self, obj: (
        (_ for _ in ()).throw(ValueError("unindexable")) if "turn0 " in obj.text else prepare(self, obj)))
    with django_capture_on_commit_callbacks(execute=True):
        ingest_record(parse_text(record_text(3)), source="three.txt")
    bad = Statement.objects.get(text__contains="turn0 ")
    assert sorted(index_ids()) == sorted(Statement.objects.exclude(pk=bad.pk).values_list("pk", flat=True))
    assert list(IndexTask.objects.values_list("statement_id", flat=True)) == [bad.pk]


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_in_several_processes_indexes_each_statement_once(monkeypatch):
    from haystack.query import SearchQuerySet

    ingest_record(parse_text(record_text(300, words=30)), source="big.txt")
    broken = Statement.objects.order_by("pk").first()
    index = indexing._index()
    prepare = type(index).prepare_text

    def fail_for_one(self, obj, *args, **kwargs):
        if obj.pk == broken.pk:
            raise ValueError("cannot prepare this one")
        return prepare(self, obj, *args, **kwargs)

    monkeypatch.setattr(type(index), "prepare_text", fail_for_one)
    assert indexing.rebuild(batch_size=50, procs=2) == 300
    drift = indexing.compare()
    # The one that failed is queued to retry, not lost; the rest are indexed once each.
    assert drift.missing == {broken.pk} and not drift.duplicated and not drift.extra
    assert list(IndexTask.objects.values_list("statement_id", flat=True)) == [broken.pk]
    monkeypatch.setattr(type(index), "prepare_text", prepare)
    indexing.drain()
    assert indexing.compare().clean
    assert SearchQuerySet().models(Statement).count() == 300
