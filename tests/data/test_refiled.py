"""A corpus row whose country contradicts the row itself and every other source is filed as they say.

The corpus files "Ms. King" under the United States at S/2020/469, in a statement that opens "Saint
Vincent and the Grenadines thanks the United States of America …"; every other row, and the records,
file her under Saint Vincent and the Grenadines.
"""
from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command

from statements.corpus import CorpusRow, build_records, refiled, read_rows
from statements.ingest import ingest_record
from statements.models import Meeting, Speaker, Statement
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement

pytestmark = pytest.mark.django_db

SVG, US = "Saint Vincent and the Grenadines", "United States of America"


def row(spv, speaker, country, content, kind="Mentioned"):
    return CorpusRow(date="17 June 2020", spv=spv, topic="Reports on the Sudan and South Sudan", speaker=speaker,
                     participanttype=kind, speech="1", country=country, content=content)


KING_US = row("2020_469", "Ms. King", US, "Saint Vincent and the Grenadines thanks the United States of America.")
KING_SVG = [row("2020_305", "Ms. Inga Rhonda King", SVG, "We thank the briefers."),
            row("2020_313", "Ms. Inga Rhonda King", "Saint Vincent and Grenadines", "We thank the briefers.")]


def countries(rows):
    return [r.country for r in refiled(rows)[0]]


def test_a_row_contradicted_by_its_own_opening_and_every_other_row_takes_their_state():
    assert countries([KING_US, *KING_SVG]) == [SVG, SVG, "Saint Vincent and Grenadines"]
    (changed, printed, state), = refiled([KING_US, *KING_SVG])[1]
    assert (changed.spv, printed, state) == ("2020_469", US, SVG)
    (record, *_), _ = build_records([KING_US, *KING_SVG])
    assert (record.statements[0].country, record.statements[0].label) == (SVG, f"Ms. King ({SVG})")


@pytest.mark.parametrize("rows", [
    [KING_US],  # no other source says where she belongs
    [KING_US, KING_SVG[0]],  # one other row is too little
    [row("2020_469", "Ms. King", US, "The United States thanks Saint Vincent and the Grenadines."), *KING_SVG],
    [row("2020_469", "Ms. King", US, "We thank the presidency."), *KING_SVG],  # the statement says nothing
    [KING_US, *KING_SVG, row("2020_470", "Mr. King", US, "We thank the briefers.")],  # a King of the US too
    [KING_US, *KING_SVG, row("2020_470", "Mr. King", "Jamaica", "We thank the briefers."),
     row("2020_471", "Mr. King", "Jamaica", "We thank the briefers.")],  # two other States: which?
])
def test_a_row_stays_where_the_corpus_files_it_without_all_that_evidence(rows):
    assert refiled(rows)[0][0].country == rows[0].country


def test_a_label_naming_the_state_is_evidence_and_so_are_the_records_speakers():
    labelled = row("2020_469", "Ms. King", US, f"Ms. King ({SVG}): We thank the briefers.")
    assert countries([labelled, *KING_SVG])[0] == SVG
    assert countries([labelled, KING_SVG[0]])[0] == SVG  # its own label and the one other source agree
    assert refiled([labelled], known=[("King", SVG)])[0][0].country == SVG  # a record's statement
    assert countries([labelled])[0] == SVG  # the label is what the record printed
    assert countries([labelled, row("2020_470", "Mr. King", "Jamaica", "We thank them.")])[0] == US  # contradicted
    assert refiled([KING_US], known=[("King", SVG), ("King", SVG)])[0][0].country == SVG  # two statements
    assert refiled([KING_US], known=[("King", SVG), ("King", "United States")])[0][0].country == US


@pytest.mark.parametrize("column", ["spoke in French", "Individual", ""])
def test_a_row_whose_column_names_no_state_stands_under_the_state_its_label_prints(column):
    """S/PV.8724: the corpus's column says "spoke in French" for "Mr. Michon (spoke in French) (France):"."""
    michon = CorpusRow(date="14 February 2020", spv="8724", topic="The situation in Guinea-Bissau", speaker="Mr. Michon",
                       participanttype="Guest", speech="9", country=column,
                       content="Mr. Michon (spoke in French) (France): I thank the Special Representative.")
    (record,), _ = build_records([michon])
    turn = record.statements[0]
    assert (turn.country, turn.label, turn.language) == ("France", "Mr. Michon (France) (spoke in French)", "fr")
    assert refiled([michon])[1] == [(michon, column, "France")]
    bare = replace(michon, content="Ms. Freij (spoke in Arabic): I am grateful.", speaker="Ms. Freij")
    assert refiled([bare]) == ([bare], [])  # a label naming no State leaves the row as it is


def test_load_corpus_files_the_row_under_the_state_and_says_so(shared_dir, tmp_path):
    """On the real corpus: the one row refiled, whatever was loaded before; the command says what it did."""
    rows = read_rows(shared_dir / "corpus/unsc_2020_speeches.tsv")
    assert [(r.spv, r.speaker, printed, state) for r, printed, state in refiled(rows)[1]] == [
        ("8724", "Mr. Michon", "spoke in French", "France"), ("2020_469", "Ms. King", US, SVG)]
    ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol="S/PV.8700"), statements=[ParsedStatement(
        order=n, speaker="King", honorific="Ms.", country=SVG, label=f"Ms. King ({SVG})", text=f"We thank them, {n}.")
        for n in (1, 2)]))
    path = tmp_path / "corpus.tsv"
    header, *lines = (shared_dir / "corpus/unsc_2020_speeches.tsv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([header, *[line for line in lines if line.split("\t")[1] == "2020_469"]]) + "\n",
                    encoding="utf-8")
    out = StringIO()
    call_command("load_corpus", path=str(path), stdout=out)
    assert f"filed Ms. King at 2020_469 under {SVG}, not {US}" in out.getvalue()
    statement = Statement.objects.get(meeting__symbol="S/2020/469", speaker__name="King")
    assert (statement.country.name, statement.speaker_label, statement.speaker.country.name) == (
        SVG, f"Ms. King ({SVG})", SVG)
    assert Speaker.objects.filter(name="King").count() == 1
    assert Meeting.objects.filter(symbol="S/2020/469").exists()


def test_a_database_loaded_before_has_the_row_refiled_by_loading_the_corpus_again(shared_dir, tmp_path, client):
    """The previous code filed the row under the United States, with a speaker of its own: loading the corpus
    again refiles it, and that speaker's address redirects to the one who has the statement now."""
    path = tmp_path / "corpus.tsv"
    header, *lines = (shared_dir / "corpus/unsc_2020_speeches.tsv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([header, *[line for line in lines if line.split("\t")[1] in ("2020_469", "2020_305", "2020_313")]])
                    + "\n", encoding="utf-8")
    call_command("load_corpus", path=str(path), stdout=StringIO())
    fresh = sorted(Statement.objects.values_list("pk", "speaker__name", "speaker__country__name", "country__name",
                                                 "speaker_label"))
    king = Speaker.objects.get(name="King")
    # As the previous code left it: a King of the United States with the one statement.
    statement = Statement.objects.get(meeting__symbol="S/2020/469", speaker=king)
    from statements.countries import get_country
    before = Speaker.objects.create(name="King", honorific="Ms.", country=get_country(US), slug="king-united-states")
    Statement.objects.filter(pk=statement.pk).update(speaker=before, country=before.country,
                                                     speaker_label="Ms. King (United States)")
    call_command("load_corpus", path=str(path), stdout=StringIO())
    assert sorted(Statement.objects.values_list("pk", "speaker__name", "speaker__country__name", "country__name",
                                                "speaker_label")) == fresh
    assert list(Speaker.objects.filter(name="King").values_list("pk", flat=True)) == [king.pk]
    assert client.get("/speakers/king-united-states/")["Location"] == king.get_absolute_url()
