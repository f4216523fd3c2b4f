"""A speaker printed with no State stands under the organisation their post serves, as the corpus files them.

The records print a UN official bare ("Mr. Lowcock:") and name their post where the President
introduces them; the corpus files the same person under "UN". Both sources' statements stand
under one "United Nations" (and the European Union's observer under "European Union"), in either
loading order, with one label.
"""
from importlib import import_module

import pytest

from statements.countries import get_country, organisation_of
from statements.ingest import ingest_record
from statements.models import IndexTask, Meeting, Speaker, Statement
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement

pytestmark = pytest.mark.django_db

LOWCOCK_POST = "Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator"


@pytest.mark.parametrize("post, organisation", [
    (LOWCOCK_POST, "United Nations"),
    ("Under- Secretary-General for Political and Peacebuilding Affairs", "United Nations"),  # a line break
    ("Special Representative of the Secretary-General and Head of the United Nations Office for West Africa "
     "and the Sahel", "United Nations"),
    ("Secretary-General of the United Nations", "United Nations"),
    ("Prosecutor of the International Residual Mechanism for Criminal Tribunals", "United Nations"),
    ("Executive Director of UNICEF", "United Nations"),
    ("High Representative for Disarmament Affairs", "United Nations"),  # Nakamitsu, S/PV.8713
    ("Director of the Office for Disarmament Affairs", "United Nations"),
    ("Managing Director for Africa, European External Action Service", "European Union"),  # Vervaeke, S/PV.8771
    ("Managing Director for Africa at the EEAS", "European Union"),
    ("Observer of the European Union", "European Union"),
    ("Head of the Delegation of the European Union to the United Nations", "European Union"),
    ("Permanent Observer of the African Union to the United Nations", "African Union"),
    ("Secretary-General of the League of Arab States", "League of Arab States"),
    ("Deputy Secretary-General of NATO", "NATO"),
    ("President of the International Committee of the Red Cross", "International Committee of the Red Cross"),
    ("Prosecutor of the International Criminal Court", "International Criminal Court"),
    ("Chair of The Elders", None),
    ("Executive Director of Security Council Report", None),  # an NGO, though "Security Council" is the UN's
    ("", None),
])
def test_the_organisation_a_post_serves(post, organisation):
    assert organisation_of(post) == organisation


def record(symbol, *turns):
    """A record of ``turns`` (name, country, affiliation, label), labelled as the source prints them."""
    return ParsedRecord(meeting=ParsedMeeting(symbol=symbol), statements=[
        ParsedStatement(order=n, speaker=name, honorific="Mr.", country=country, affiliation=affiliation,
                        label=label, role="briefer", text=f"{name} speaks at {symbol}, turn {n}.")
        for n, (name, country, affiliation, label) in enumerate(turns, start=1)])


def official(symbol, *turns):
    return ingest_record(record(symbol, *turns))


def corpus(symbol, *turns):
    return ingest_record(record(symbol, *turns), origin=Meeting.Origin.CORPUS)


def under(name):
    return list(Statement.objects.filter(country__name=name).order_by("meeting__symbol")
                .values_list("meeting__symbol", "speaker__name", "speaker_label"))


@pytest.mark.parametrize("records_first", [True, False])
def test_a_un_officials_statements_stand_under_the_un_from_both_sources(records_first):
    loads = [lambda: official("S/PV.9201", ("Lowcock", None, LOWCOCK_POST, "Mr. Lowcock")),
             lambda: corpus("S/PV.9202", ("Lowcock", "United Nations", "", "Mr. Lowcock"))]
    for load in loads if records_first else loads[::-1]:
        load()
    assert under("United Nations") == [("S/PV.9201", "Lowcock", "Mr. Lowcock"), ("S/PV.9202", "Lowcock", "Mr. Lowcock")]
    speaker = Speaker.objects.get()
    assert speaker.country is None and speaker.label == "Mr. Lowcock"  # never filed under the UN
    assert Statement.objects.get(meeting__symbol="S/PV.9201").affiliation == LOWCOCK_POST


@pytest.mark.parametrize("records_first", [True, False])
def test_an_organisations_observer_has_one_label_from_both_sources(records_first):
    loads = [lambda: official("S/PV.9203", ("Skoog", None, "Observer of the European Union", "Mr. Skoog")),
             lambda: corpus("S/PV.9204", ("Skoog", "European Union", "", "Mr. Skoog (European Union)"))]
    for load in loads if records_first else loads[::-1]:
        load()
    label = "Mr. Skoog (European Union)"
    assert under("European Union") == [("S/PV.9203", "Skoog", label), ("S/PV.9204", "Skoog", label)]
    assert Speaker.objects.get().label == label


@pytest.mark.parametrize("records_first", [True, False])
def test_a_speaker_printed_with_no_post_stands_under_the_body_another_source_files_them_under(records_first):
    """S/PV.8699 (Resumption 1) gives the floor to "Mr. Mardini" with no post; the corpus files him
    under the International Committee of the Red Cross."""
    icrc = "International Committee of the Red Cross"
    loads = [lambda: official("S/PV.9208", ("Mardini", None, "", "Mr. Mardini")),
             lambda: corpus("S/PV.9209", ("Mardini", icrc, "", f"Mr. Mardini ({icrc})"))]
    for load in loads if records_first else loads[::-1]:
        load()
    label = f"Mr. Mardini ({icrc})"
    assert under(icrc) == [("S/PV.9208", "Mardini", label), ("S/PV.9209", "Mardini", label)]
    assert Speaker.objects.get().label == label


def test_a_briefer_of_no_known_body_and_a_state_stay_as_printed():
    official("S/PV.9205", ("Robinson", None, "Chair of The Elders", "Mrs. Robinson"),
             ("Mansour", "State of Palestine", "Permanent Observer of the State of Palestine",
              "Mr. Mansour (Palestine)"))
    assert list(Statement.objects.order_by("order").values_list("country__name", "speaker_label")) == [
        (None, "Mrs. Robinson"), ("Palestine", "Mr. Mansour (Palestine)")]  # named as the label prints it


def test_ingesting_again_changes_nothing_and_keeps_permalinks():
    turns = (("Lowcock", None, LOWCOCK_POST, "Mr. Lowcock"),
             ("Skoog", None, "Observer of the European Union", "Mr. Skoog (spoke in French)"))
    official("S/PV.9206", *turns)
    ids = list(Statement.objects.order_by("order").values_list("pk", "speaker_label"))
    assert [label for _, label in ids] == ["Mr. Lowcock", "Mr. Skoog (European Union) (spoke in French)"]
    again = official("S/PV.9206", *turns)
    assert (again.created, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert list(Statement.objects.order_by("order").values_list("pk", "speaker_label")) == ids


def test_the_migration_files_statements_saved_before_under_their_organisation():
    """A database loaded before the change: the records' officials under no country, their speakers too."""
    from django.apps import apps

    official("S/PV.9207", ("Lowcock", None, LOWCOCK_POST, "Mr. Lowcock"),
             ("Skoog", None, "Observer of the European Union", "Mr. Skoog"),
             ("Robinson", None, "Chair of The Elders", "Mrs. Robinson"),
             ("Mardini", None, "", "Mr. Mardini"))
    icrc = get_country("International Committee of the Red Cross")
    Speaker.objects.filter(name="Mardini").update(country=icrc)  # the corpus filed him so
    for statement in Statement.objects.all():
        Statement.objects.filter(pk=statement.pk).update(
            country=None, speaker_label=statement.speaker_label.replace(" (European Union)", ""))
    Speaker.objects.exclude(name="Mardini").update(country=None)
    IndexTask.objects.all().delete()
    migration = import_module("statements.migrations.0014_records_officials_under_their_organisation")
    migration.file_under_organisations(apps, None)
    assert list(Statement.objects.order_by("order").values_list("country__name", "speaker_label")) == [
        ("United Nations", "Mr. Lowcock"), ("European Union", "Mr. Skoog (European Union)"), (None, "Mrs. Robinson"),
        ("International Committee of the Red Cross", "Mr. Mardini (International Committee of the Red Cross)")]
    assert sorted(Speaker.objects.values_list("name", "country__name")) == [
        ("Lowcock", None), ("Mardini", "International Committee of the Red Cross"), ("Robinson", None),
        ("Skoog", "European Union")]
    moved = Statement.objects.exclude(country=None).values_list("pk", flat=True)
    assert set(IndexTask.objects.values_list("statement_id", flat=True)) == set(moved)
    assert Statement.objects.filter(country__name="United Nations").get().country.statement_count == 1


@pytest.mark.parametrize("records_first", [True, False])
def test_the_disarmament_chief_and_the_eus_managing_director_stand_under_their_bodies(records_first):
    """The records introduce Mrs. Nakamitsu as "High Representative for Disarmament Affairs" (S/PV.8713) and
    Mr. Vervaeke as "Managing Director for Africa, European External Action Service" (S/PV.8771): posts that
    named no body the table knew, so a record's statements stood under no organisation."""
    eeas = "Managing Director for Africa, European External Action Service"
    loads = [lambda: official("S/PV.9211", ("Nakamitsu", None, "High Representative for Disarmament Affairs",
                                            "Mrs. Nakamitsu"), ("Vervaeke", None, eeas, "Mr. Vervaeke")),
             lambda: corpus("S/PV.9212", ("Nakamitsu", "United Nations", "", "Mrs. Nakamitsu"),
                            ("Vervaeke", "European Union", "", "Mr. Vervaeke (European Union)"))]
    for load in loads if records_first else loads[::-1]:
        load()
    assert under("United Nations") == [("S/PV.9211", "Nakamitsu", "Mrs. Nakamitsu"),
                                       ("S/PV.9212", "Nakamitsu", "Mrs. Nakamitsu")]
    assert under("European Union") == [("S/PV.9211", "Vervaeke", "Mr. Vervaeke (European Union)"),
                                       ("S/PV.9212", "Vervaeke", "Mr. Vervaeke (European Union)")]


def test_the_migration_files_the_statements_of_posts_the_table_learnt_since():
    from django.apps import apps

    official("S/PV.9213", ("Nakamitsu", None, "High Representative for Disarmament Affairs", "Mrs. Nakamitsu"))
    Statement.objects.update(country=None)  # as the table before it left her
    IndexTask.objects.all().delete()
    import_module("statements.migrations.0021_organisations_read_again").file_under_organisations(apps, None)
    assert under("United Nations") == [("S/PV.9213", "Nakamitsu", "Mrs. Nakamitsu")]
    assert list(IndexTask.objects.values_list("statement_id", flat=True)) == [Statement.objects.get().pk]


def test_the_migration_names_an_organisation_in_the_corpuss_labels_as_load_corpus_now_does():
    from django.apps import apps

    corpus("S/PV.9210", ("Skoog", "European Union", "", "Mr. Skoog (EU)"),
           ("Allen", "United Kingdom", "", "Mr. Allen (United Kingdom)"),
           ("", "European Union", "", "The representative of EU"))
    IndexTask.objects.all().delete()
    migration = import_module("statements.migrations.0014_records_officials_under_their_organisation")
    migration.file_under_organisations(apps, None)
    assert list(Statement.objects.order_by("order").values_list("speaker_label", flat=True)) == [
        "Mr. Skoog (European Union)", "Mr. Allen (United Kingdom)", "The representative of European Union"]
    assert sorted(IndexTask.objects.values_list("statement_id", flat=True)) == sorted(
        Statement.objects.filter(order__in=[1, 3]).values_list("pk", flat=True))


def test_the_corpus_labels_an_organisation_by_the_name_its_statements_stand_under():
    """The corpus prints "EU" and "ICC" where its speaker's label says "European Union"; a State as printed."""
    from statements.corpus import CorpusRow, build_records

    def row(speech, speaker, country):
        return CorpusRow(date="9 January 2020", spv="8699", topic="Maintenance of international peace and security",
                         speaker=speaker, participanttype="Guest", speech=str(speech), country=country,
                         content=f"{speaker} ({country}): We speak, turn {speech}.")

    (parsed,), _ = build_records([row(1, "Mr. Skoog", "EU"), row(2, "Mrs. Bensouda", "ICC"),
                                  row(3, "Mr. Allen", "United Kingdom"), row(4, "Mr. Lowcock", "UN")])
    assert [s.label for s in parsed.statements] == [
        "Mr. Skoog (European Union)", "Mrs. Bensouda (International Criminal Court)", "Mr. Allen (United Kingdom)",
        "Mr. Lowcock"]


def test_the_secretary_generals_statements_have_one_label_from_every_source():
    """Records print "The Secretary-General"; the corpus "Secretary-General" and, in its letters, "Antonio Guterres"."""
    from datetime import date

    def meeting(symbol, origin, *turns):
        ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol=symbol, date=date(2020, 4, 2)), statements=[
            ParsedStatement(order=n, speaker=name, honorific="", country=country, label=label, role="briefer",
                            affiliation=affiliation, text=f"Turn {n} at {symbol}.")
            for n, (name, country, affiliation, label) in enumerate(turns, start=1)]), origin=origin)

    meeting("S/PV.9211", Meeting.Origin.RECORD, ("Secretary-General", None, "Secretary-General of the United Nations",
                                                 "The Secretary-General"))
    meeting("S/2020/999", Meeting.Origin.CORPUS, ("Antonio Guterres", "United Nations", "", "Antonio Guterres"),
            ("Secretary-General", "United Nations", "", "Secretary-General"))
    assert set(Statement.objects.values_list("speaker_label", "country__name")) == {
        ("The Secretary-General (Mr. Guterres)", "United Nations")}


def test_the_migration_labels_the_office_holder_as_the_records_do():
    from django.apps import apps

    test_the_secretary_generals_statements_have_one_label_from_every_source()
    Statement.objects.filter(order=1, meeting__symbol="S/2020/999").update(speaker_label="Mr. Guterres")
    Statement.objects.filter(order=2, meeting__symbol="S/2020/999").update(speaker_label="Secretary-General (Mr. Guterres)")
    migration = import_module("statements.migrations.0014_records_officials_under_their_organisation")
    migration.file_under_organisations(apps, None)
    assert set(Statement.objects.values_list("speaker_label", flat=True)) == {"The Secretary-General (Mr. Guterres)"}


def test_filing_a_speakers_statements_under_their_body_is_one_update():
    """``ingest.file_under``: the corpus files "Mr. Mardini", printed bare by a record, under the Red Cross."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from statements.ingest import file_under

    official("S/PV.9212", *[("Mardini", None, "", "Mr. Mardini")] * 12)
    speaker, icrc = Speaker.objects.get(), get_country("International Committee of the Red Cross")
    IndexTask.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        file_under(speaker, icrc)
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1, updates
    label = "Mr. Mardini (International Committee of the Red Cross)"
    assert set(Statement.objects.values_list("country__name", "speaker_label")) == {(icrc.name, label)}
    assert set(IndexTask.objects.values_list("statement_id", flat=True)) == set(Statement.objects.values_list("pk", flat=True))
