"""An official record wins over the corpus's extraction of the same meeting, whatever the order of loading."""
from io import StringIO

import pytest
from django.core.management import call_command

from statements.corpus import load_corpus
from statements.ingest import ingest_file
from statements.models import Meeting, Statement

pytestmark = pytest.mark.django_db

NINE = {"8698", "8699", "8699Resumption1", "8700", "8701", "8703", "8706", "8707", "8770"}
OTHERS = {"2020_254"}  # a meeting with no record here: the corpus fills them


@pytest.fixture
def corpus_subset(shared_dir, tmp_path):
    """The corpus rows of the nine recorded meetings and of two others, as a TSV of the same form."""
    lines = (shared_dir / "corpus" / "unsc_2020_speeches.tsv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.split("\t")[1] in NINE | OTHERS]
    path = tmp_path / "subset.tsv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def ingest_records(shared_dir):
    for path in sorted((shared_dir / "transcripts" / "text").glob("*.txt")):
        ingest_file(path)


def texts_of_records():
    return {m.full_symbol: list(m.statements.order_by("order").values_list("order", "procedural", "text"))
            for m in Meeting.objects.filter(origin=Meeting.Origin.RECORD)}


def test_records_first_or_corpus_first_give_the_same_meetings(shared_dir, corpus_subset):
    ingest_records(shared_dir)
    from_records = texts_of_records()
    assert len(from_records) == 9
    out = StringIO()
    call_command("load_corpus", "--path", str(corpus_subset), stdout=out)
    assert texts_of_records() == from_records
    report = out.getvalue()
    assert report.count("its official record is loaded and wins") == 9, report
    assert "kept S/PV.8699 (resumption 1)" in report
    others = Meeting.objects.filter(origin=Meeting.Origin.CORPUS)
    assert others.count() == 1 and Statement.objects.filter(meeting__in=others).exists()
    record_ids = set(Statement.objects.filter(meeting__origin=Meeting.Origin.RECORD).values_list("pk", flat=True))

    # The other order, on an empty database.
    Statement.objects.all().delete()
    Meeting.objects.all().delete()
    load_corpus(corpus_subset)
    assert Meeting.objects.filter(origin=Meeting.Origin.CORPUS).count() == 10
    ingest_records(shared_dir)
    assert texts_of_records() == from_records
    assert not Meeting.objects.filter(symbol="S/PV.8700", origin=Meeting.Origin.CORPUS).exists()
    assert Statement.objects.filter(meeting__symbol="S/PV.8700", procedural=True).exists()
    assert not Statement.objects.filter(meeting__symbol="S/PV.8700", text__contains="TW |hen").exists()
    # loading the corpus again changes nothing in the recorded meetings, nor their ids
    results, _, kept = load_corpus(corpus_subset)
    assert len(kept) == 9 and not any(r.changed for r in results)
    assert texts_of_records() == from_records
    assert len(record_ids) == sum(len(v) for v in from_records.values())
