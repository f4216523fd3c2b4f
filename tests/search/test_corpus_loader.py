"""The 2020 corpus loader: rows to meetings and statements through the ingest path."""
import os

import pytest

from statements.corpus import build_records, meeting_symbol, read_rows, strip_label
from statements.models import Meeting, Speaker, Statement


def test_meeting_symbols():
    assert meeting_symbol("8698") == ("S/PV.8698", 8698, 0)
    assert meeting_symbol("8699Resumption1") == ("S/PV.8699", 8699, 1)
    assert meeting_symbol("2020_254") == ("S/2020/254", None, 0)
    assert meeting_symbol("nonsense") is None


@pytest.mark.parametrize("content, text, language", [
    ("The President: I call on Mr. X.", "I call on Mr. X.", "en"),
    ("The President (spoke in French): Je donne la parole.", "Je donne la parole.", "fr"),
    ("Mr. Margaryan (Armenia): At the outset, thanks.", "At the outset, thanks.", "en"),
    ("Mr. Ja'afari (Syrian Arab Republic) (spoke in Arabic): I wish to.", "I wish to.", "ar"),
    ("Mr. Lowcock: Geir Pedersen just updated the Council.", "Geir Pedersen just updated the Council.", "en"),
    ("I thank the Minister: he spoke well.", "I thank the Minister: he spoke well.", "en"),
])
def test_speaker_label_is_stripped_and_language_read(content, text, language):
    assert strip_label(content) == (text, language)


def test_records_map_roles_countries_and_names(shared_dir):
    rows = read_rows(shared_dir / "corpus" / "unsc_2020_speeches.tsv")
    assert len(rows) == 2480
    records, skipped = build_records(rows)
    assert skipped == [] and len(records) == 145
    first = records[0]
    assert (first.meeting.symbol, first.meeting.agenda) == ("S/PV.8698", "Peace consolidation in West Africa")
    roles = {s.order: s.role for s in first.statements}
    assert roles[1] == "president" and roles[4] == "briefer"
    assert first.statements[3].text.startswith("I am honoured to be here today")
    letters = [r for r in records if r.meeting.symbol.startswith("S/2020/")]
    assert letters and all(r.meeting.number is None for r in letters)
    # "Vassily Nebenzia" (letters) and "Mr. Nebenzia" (verbatim records) are one speaker
    names = {(s.honorific, s.speaker) for r in records for s in r.statements if "Nebenzia" in s.speaker}
    assert names == {("Mr.", "Nebenzia")}
    languages = {s.language for r in records for s in r.statements}
    assert {"fr", "ru", "zh", "ar", "es", "en"} <= languages


@pytest.mark.django_db
def test_load_corpus_command_is_idempotent(shared_dir, index_on_commit):
    from django.core.management import call_command

    path = str(shared_dir / "corpus" / "unsc_2020_speeches.tsv")
    with open(os.devnull, "w") as out:
        call_command("load_corpus", "--path", path, "--limit", "40", stdout=out)
    statements = list(Statement.objects.order_by("pk").values_list("pk", "text"))
    assert len(statements) == 40
    assert Meeting.objects.get(symbol="S/PV.8698").agenda_item.title == "Peace consolidation in West Africa"
    chambas = Statement.objects.get(meeting__symbol="S/PV.8698", order=4)
    assert (chambas.role, chambas.country.name, chambas.speaker_label) == ("briefer", "United Nations", "Mr. Chambas")
    with open(os.devnull, "w") as out:
        call_command("load_corpus", "--path", path, "--limit", "40", stdout=out)
    assert list(Statement.objects.order_by("pk").values_list("pk", "text")) == statements
    assert Speaker.objects.filter(name="Chambas").count() == 1


@pytest.mark.django_db
def test_load_corpus_reports_a_missing_file():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="no such file"):
        call_command("load_corpus", "--path", "/nonexistent.tsv")


@pytest.mark.django_db
def test_load_corpus_keeps_a_meeting_staff_uploaded(shared_dir, index_on_commit):
    """The uploaded verbatim record wins over the corpus's extraction of the same meeting."""
    from io import StringIO

    from django.core.management import call_command

    from statements.ingest import ingest_record
    from statements.models import Meeting, Upload
    from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement

    def uploaded(symbol, status, origin=Meeting.Origin.RECORD):
        record = ParsedRecord(meeting=ParsedMeeting(symbol=symbol), statements=[ParsedStatement(
            order=1, speaker="Chambas", honorific="Mr.", country="", label="Mr. Chambas",
            text=f"The record of {symbol} as staff uploaded it.")])
        meeting = ingest_record(record, source="", origin=origin).meeting
        Upload.objects.create(filename=f"{symbol[2:]}.pdf", status=status, meeting=meeting)
        return meeting

    kept = uploaded("S/PV.8698", Upload.Status.CONFIRMED)
    # saved from the corpus before (an upload never confirmed saves nothing): the corpus loads it again
    previewed = uploaded("S/PV.8699", Upload.Status.PREVIEWED, origin=Meeting.Origin.CORPUS)
    out = StringIO()
    call_command("load_corpus", "--path", str(shared_dir / "corpus" / "unsc_2020_speeches.tsv"),
                 "--limit", "40", stdout=out)

    assert "kept S/PV.8698: its official record is loaded" in out.getvalue()
    assert list(kept.statements.values_list("text", flat=True)) == [
        "The record of S/PV.8698 as staff uploaded it."]
    assert previewed.statements.count() > 1
    assert not previewed.statements.filter(text__contains="as staff uploaded it").exists()
    assert Statement.objects.exclude(meeting=kept).count() > 1
