"""Addresses people type for a State, and what a 2020 letter's statements say of their source."""
from datetime import date

import pytest

from statements.ingest import ingest_record
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement


def _letter(index_on_commit):
    """S/2020/254, a meeting by videoconference, where Turkey (as 2020's records print it) and the
    United Kingdom speak."""
    record = ParsedRecord(
        meeting=ParsedMeeting(symbol="S/2020/254", date=date(2020, 4, 2)),
        statements=[
            ParsedStatement(order=1, speaker="Sinirlioğlu", honorific="Mr.", country="Turkey",
                            label="Mr. Sinirlioğlu (Turkey)", text="By videoconference, on Syria."),
            ParsedStatement(order=2, speaker="Allen", honorific="Mr.", country="United Kingdom",
                            label="Mr. Allen (United Kingdom)", text="The United Kingdom supports the envoy."),
        ],
    )
    return ingest_record(record, source="letter").meeting


@pytest.mark.parametrize("asked, page", [
    ("/countries/turkey/", "turkiye"),  # the State's former name (former_names.tsv)
    ("/countries/Turkey/", "turkiye"),
    ("/countries/tur/", "turkiye"),  # its ISO code
    ("/countries/uk/", "united-kingdom-of-great-britain-and-northern-ireland"),  # a short form (country_aliases.tsv)
    ("/countries/united-kingdom/", "united-kingdom-of-great-britain-and-northern-ireland"),  # the printed name
])
def test_other_names_of_a_state_redirect_to_its_page(client, db, index_on_commit, asked, page):
    _letter(index_on_commit)
    response = client.get(asked)
    assert response.status_code == 301
    assert response["Location"] == f"/countries/{page}/"
    assert client.get(response["Location"]).status_code == 200


def test_the_redirect_keeps_the_data_format_and_the_query(client, db, index_on_commit):
    _letter(index_on_commit)
    response = client.get("/countries/turkey.csv?page=1")
    assert response.status_code == 301
    assert response["Location"] == "/countries/turkiye.csv?page=1"


@pytest.mark.parametrize("asked", ["/countries/atlantis/", "/countries/turkiye/?page=9", "/countries/xyz.json"])
def test_no_state_or_no_such_page_stays_404(client, db, index_on_commit, asked):
    _letter(index_on_commit)
    assert client.get(asked).status_code == 404


def test_a_letters_statement_names_the_letter_as_its_meeting_page_does(client, db, index_on_commit):
    meeting = _letter(index_on_commit)
    statement = meeting.statements.get(order=1)
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "The letter (UN documents)" in meeting_page
    assert 'rel="external">the letter</a>' in page
    assert "official record" not in page.split("<footer")[0]
    assert "Read in the full letter" in page
    for fmt, note in (("bib", "note = {Statement 1 of the letter}"), ("ris", "N1  - Statement 1 of the letter")):
        assert note in client.get(f"/statements/{statement.pk}.{fmt}").content.decode()


def test_a_records_statement_still_names_the_official_record(client, council):
    from statements.models import Statement

    statement = Statement.objects.filter(meeting__symbol="S/PV.8700", procedural=False).first()
    page = client.get(statement.get_absolute_url()).content.decode()
    assert 'rel="external">official record</a>' in page
    assert "Read in the full record" in page
    assert "of the meeting record" in client.get(f"/statements/{statement.pk}.bib").content.decode()
