"""The cover page, roles, briefers and what was adopted, on the shared records."""
from datetime import date

import pytest

from .conftest import needs_shared, parsed

pytestmark = needs_shared

COVERS = {  # from shared/transcripts/README.md
    "S-PV.8698": ("S/PV.8698", 0, date(2020, 1, 8), "Peace consolidation in West Africa"),
    "S-PV.8699": ("S/PV.8699", 0, date(2020, 1, 9), "Maintenance of international peace and security"),
    "S-PV.8699_Resumption1": ("S/PV.8699", 1, date(2020, 1, 10),
                              "Maintenance of international peace and security"),
    "S-PV.8700": ("S/PV.8700", 0, date(2020, 1, 10), "The situation in the Middle East"),
    "S-PV.8701": ("S/PV.8701", 0, date(2020, 1, 13), "The situation in the Middle East"),
    "S-PV.8703": ("S/PV.8703", 0, date(2020, 1, 15), "The situation in Mali"),
    "S-PV.8706": ("S/PV.8706", 0, date(2020, 1, 21),
                  "The situation in the Middle East, including the Palestinian question"),
    "S-PV.8707": ("S/PV.8707", 0, date(2020, 1, 29), "The situation in the Middle East"),
    "S-PV.8770": ("S/PV.8770", 0, date(2020, 10, 15), "The situation in the Middle East"),
}


@pytest.mark.parametrize("name", sorted(COVERS))
def test_cover_page(name):
    meeting = parsed(name).meeting
    symbol, resumption, day, agenda = COVERS[name]
    assert (meeting.symbol, meeting.resumption, meeting.date, meeting.agenda) == (symbol, resumption, day, agenda)
    assert meeting.number == int(symbol.split(".")[1])
    assert meeting.place == "New York"
    assert len(meeting.members) == 14  # and the presiding country makes fifteen
    assert all(m["country"] and m["name"] and m["honorific"] for m in meeting.members)
    presiding = "Russian Federation" if name == "S-PV.8770" else "Viet Nam"
    assert meeting.president["country"] == presiding


def test_cover_details():
    meeting = parsed("S-PV.8699").meeting
    assert meeting.time == "10 a.m."
    assert meeting.president["name"] == "Pham Binh Minh"
    assert meeting.president["also"] == [{"name": "Dang", "honorific": "Mr."}]
    assert {"country": "United Kingdom of Great Britain and Northern Ireland", "name": "Pierce",
            "honorific": "Ms."} in meeting.members
    assert parsed("S-PV.8770").meeting.time == "10.25 a.m."


def test_roles_and_president():
    statements = parsed("S-PV.8698").statements
    president = statements[0]
    assert (president.label, president.speaker, president.country, president.role) == \
        ("The President", "Dang", "Viet Nam", "president")
    roles = {s.speaker: s.role for s in statements}
    assert roles["Chambas"] == "briefer"
    assert roles["Roscoe"] == "member"  # "United Kingdom" on the label, the long name on the cover
    assert roles["Abarry"] == "member"
    invited = {s.speaker: s.role for s in parsed("S-PV.8700").statements}
    assert invited["Ja’afari"] == "invited"


def test_briefer_tied_to_the_office_the_president_introduced():
    chambas = next(s for s in parsed("S-PV.8698").statements if s.speaker == "Chambas")
    assert chambas.country is None
    assert chambas.affiliation.startswith("Special Representative of the Secretary-General")
    lowcock = next(s for s in parsed("S-PV.8770").statements if s.speaker == "Lowcock")
    assert lowcock.affiliation == "Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator"


def test_secretary_general():
    sg = next(s for s in parsed("S-PV.8699").statements if s.label == "The Secretary-General")
    assert (sg.speaker, sg.role, sg.country) == ("Guterres", "briefer", None)


def test_languages():
    statements = parsed("S-PV.8698").statements
    by_speaker = {s.speaker: s.language for s in statements}
    assert by_speaker["Abarry"] == "fr"
    assert by_speaker["Wu Haitao"] == "zh"
    assert by_speaker["Baati"] == "ar"
    assert by_speaker["Heusgen"] == "en"
    assert parsed("S-PV.8770").statements[0].language == "ru"


def test_adopted_resolutions():
    assert [r.key for r in parsed("S-PV.8701").meeting.adopted] == ["sc-2505"]
    assert [r.key for r in parsed("S-PV.8700").meeting.adopted] == ["sc-2504"]
    assert parsed("S-PV.8698").meeting.adopted == []


def test_procedural_items_kept_apart():
    record = parsed("S-PV.8700")
    texts = [p.text for p in record.procedural]
    assert texts[0].startswith("The meeting was called to order")
    assert "The agenda was adopted." in texts
    votes = [p.vote for p in record.procedural if p.kind == "vote"]
    assert len(votes) == 2
    assert votes[0]["in_favour"] == ["China", "Russian Federation", "Viet Nam"]
    assert len(votes[1]["in_favour"]) == 11 and votes[1]["against"] == [] and len(votes[1]["abstaining"]) == 4
    assert texts[-1] == "The meeting rose at 7.05 p.m."
    assert not any("The agenda was adopted." in s.text for s in record.statements)


def test_on_behalf_of_groups():
    groups = {s.speaker: s.on_behalf_of for s in parsed("S-PV.8699").statements}
    assert groups["Juul"] == "Nordic countries"
    assert groups["Azucena"].endswith("Association of Southeast Asian Nations")
    assert groups["Plepytė"] == ""  # aligns itself with the EU statement: not on its behalf


def test_statement_citations():
    pierce = [s for s in parsed("S-PV.8700").statements if s.speaker == "Pierce"][0]
    assert "sc-2504" in [r.key for r in pierce.resolutions]
