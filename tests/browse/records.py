"""Two small meeting records built as the parser would return them, saved by the real ingest.

S/PV.8700 has everything a meeting page shows: a date, an agenda item, a
president, procedural lines between the turns and a resolution adopted.
S/PV.8701 a week later lets pages show statements over time and neighbours.
"""
from datetime import date

from statements.ingest import ingest_record
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement
from statements.parser.citations import ResolutionRef, find_citations
from statements.parser.records import ParsedProcedure

AGENDA = "Threats to international peace and security caused by terrorist acts"
PRESIDENT = {"name": "Dang", "honorific": "Mr.", "country": "Viet Nam"}


def _turn(order, honorific, name, country, text, role="member", language="en", label=""):
    label = label or f"{honorific} {name}" + (f" ({country})" if country else "")
    return ParsedStatement(order=order, speaker=name, honorific=honorific, country=country,
                           text=text, label=label, role=role, language=language,
                           resolutions=find_citations(text))


def meeting_8700():
    statements = [
        _turn(2, "Mr.", "Dang", "Viet Nam",
              "I thank the briefers. The Council remains united against terrorism and the "
              "financing of terrorism, as resolution 2462 (2019) requires.", role="president"),
        _turn(4, "Mr.", "Umarov", "Kazakhstan",
              "Critical infrastructure must be protected from terrorist attacks, as resolution "
              "2341 (2017) asks of every State. Cyberattacks on power grids are a growing threat.\n\n"
              "We support the draft resolution before the Council."),
        _turn(5, "Mrs.", "Nguyen", "France",
              "La France soutient le projet de résolution. Critical infrastructure and "
              "resolution 2341 (2017) remain at the heart of our work.", language="fr",
              label="Mrs. Nguyen (France) (spoke in French)"),
        _turn(6, "Ms.", "Rivera", "Mexico",
              "Mexico voted in favour. Terrorist financing through cryptocurrencies requires "
              "full implementation of resolution 2462 (2019) and resolution 2341 (2017)."),
    ]
    procedural = [
        ParsedProcedure(order=1, text="The meeting was called to order at 10.05 a.m."),
        ParsedProcedure(order=3, text="The agenda was adopted."),
        ParsedProcedure(order=7, text="The draft resolution was adopted unanimously as resolution 2505 (2020)."),
        ParsedProcedure(order=8, text="The meeting rose at 11.40 a.m."),
    ]
    meeting = ParsedMeeting(
        symbol="S/PV.8700", number=8700, date=date(2020, 1, 10), time="10.05 a.m.",
        place="New York", agenda=AGENDA, president=PRESIDENT,
        members=[{"country": c} for c in ("Viet Nam", "France", "Mexico")],
        adopted=[ResolutionRef("SC", 2505, year=2020)],
    )
    return ParsedRecord(meeting=meeting, statements=statements, procedural=procedural)


def meeting_8701():
    statements = [
        _turn(1, "Mr.", "Umarov", "Kazakhstan",
              "Kazakhstan again stresses the protection of critical infrastructure under "
              "resolution 2341 (2017) and welcomes resolution 2505 (2020)."),
        _turn(2, "Ms.", "Rivera", "Mexico",
              "Mexico recalls resolution 2505 (2020) adopted last week."),
    ]
    meeting = ParsedMeeting(symbol="S/PV.8701", number=8701, date=date(2020, 1, 17),
                            agenda=AGENDA, president=PRESIDENT)
    return ParsedRecord(meeting=meeting, statements=statements,
                        procedural=[ParsedProcedure(order=3, text="The meeting rose at 4 p.m.")])


def load():
    """Ingest both records; returns the two ``IngestResult``s."""
    return [ingest_record(meeting_8700(), source="S-PV.8700.txt"),
            ingest_record(meeting_8701(), source="S-PV.8701.txt")]
