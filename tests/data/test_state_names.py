"""One label everywhere: a State is named as verbatim records print it in a speaker's label.

The records print "Mr. Allen (United Kingdom)"; the table used to name the State by its official
name, so the speaker facet said "Mr. Allen (United Kingdom of Great Britain and Northern Ireland)"
beside a result labelled "Mr. Allen (United Kingdom)". The corpus spells States its own way
("Saint Vincent and Grenadines", "Kyrgyztan"): its labels name them as the facet does. A State the UN has
renamed since is named as its records printed it then ("Turkey" in 2020), and grouped under the State.
"""
from datetime import date
from importlib import import_module

from django.apps import apps
from django.db.models import Q
import pytest

from statements.countries import canonical, get_country
from statements.ingest import ingest_record
from statements.models import Country, IndexTask, Meeting, Speaker, Statement
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement

pytestmark = pytest.mark.django_db

BRITAIN = "United Kingdom of Great Britain and Northern Ireland"


def test_a_state_is_named_as_the_records_label_prints_it_and_keeps_its_address():
    assert canonical(BRITAIN) == canonical("the United Kingdom") == ("United Kingdom", "GBR")
    assert canonical("State of Palestine") == ("Palestine", "PSE")
    britain = get_country(BRITAIN)
    assert (britain.name, britain.slug) == ("United Kingdom", "united-kingdom-of-great-britain-and-northern-ireland")
    assert get_country("Saint Vincent and Grenadines").slug == "saint-vincent-and-the-grenadines"


def turn(order, name, country, label, role="member"):
    return ParsedStatement(order=order, speaker=name, honorific="Mr." if name != "Pierce" else "Ms.",
                           country=country, label=label, role=role, text=f"{name} speaks, turn {order}.")


def load():
    """A record as the parser reads it (the President's country from the cover, the others' from their
    labels) and the corpus's rows of another meeting, as ``load_corpus`` builds them."""
    from statements.corpus import CorpusRow, build_records

    on = date(2020, 1, 9)
    ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol="S/PV.9301", date=on), statements=[
        turn(1, "Pierce", BRITAIN, "The President", role="president"),
        turn(2, "Allen", "United Kingdom", "Mr. Allen (United Kingdom)"),
        turn(3, "Mansour", "Palestine", "Mr. Mansour (Palestine)", role="invited"),
    ]))

    def row(speech, speaker, country):
        return CorpusRow(date="10 January 2020", spv="9302", topic="Non-proliferation", speaker=speaker,
                         participanttype="Mentioned", speech=str(speech), country=country,
                         content=f"{speaker} ({country}): We speak, turn {speech}.")

    (parsed,), _ = build_records([row(1, "Mr. Allen", "United Kingdom"), row(2, "Mr. King", "Saint Vincent and Grenadines"),
                                  row(3, "Mr. Sinirlioğlu", "Turkey"), row(4, "Mr. Kydyrov", "Kyrgyztan")])
    ingest_record(parsed, origin=Meeting.Origin.CORPUS)


def labels():
    return list(Statement.objects.order_by("meeting__symbol", "order").values_list("speaker_label", "country__name"))


def test_every_label_names_the_state_as_its_facet_and_its_speaker_do():
    load()
    assert labels() == [
        ("The President (Ms. Pierce, United Kingdom)", "United Kingdom"),
        ("Mr. Allen (United Kingdom)", "United Kingdom"),
        ("Mr. Mansour (Palestine)", "Palestine"),
        ("Mr. Allen (United Kingdom)", "United Kingdom"),
        ("Mr. King (Saint Vincent and the Grenadines)", "Saint Vincent and the Grenadines"),
        ("Mr. Sinirlioğlu (Turkey)", "Türkiye"),
        ("Mr. Kydyrov (Kyrgyzstan)", "Kyrgyzstan"),
    ]
    for statement in Statement.objects.exclude(role__in=["president", "chair"]).select_related("speaker__country"):
        # what the speaker facet shows, the State named as the record printed it on the meeting's date
        assert statement.speaker_label == statement.speaker.label.replace("(Türkiye)", "(Turkey)")


def snapshot():
    return {
        "countries": sorted(Country.objects.values_list("name", "code", "slug")),
        "speakers": sorted(Speaker.objects.values_list("name", "slug", "country__name")),
        "statements": labels(),
    }


def test_the_migration_makes_a_database_loaded_before_equal_to_a_fresh_load():
    load()
    fresh = snapshot()
    # As the previous code left it: the official names, the corpus's spellings in its labels.
    Country.objects.filter(code="GBR").update(name=BRITAIN)
    Country.objects.filter(code="PSE").update(name="State of Palestine")
    Statement.objects.filter(order=1, meeting__symbol="S/PV.9301").update(
        speaker_label=f"The President (Ms. Pierce, {BRITAIN})")
    for order, printed in ((2, "Saint Vincent and Grenadines"), (3, "Turkey"), (4, "Kyrgyztan")):
        statement = Statement.objects.get(order=order, meeting__symbol="S/PV.9302")
        Statement.objects.filter(pk=statement.pk).update(
            speaker_label=statement.speaker_label.replace(f"({statement.country.name})", f"({printed})"))
    assert snapshot() != fresh
    IndexTask.objects.all().delete()
    migration = import_module("statements.migrations.0015_states_named_as_records_print_them")
    migration.name_states_as_records_print_them(apps, None)
    then = import_module("statements.migrations.0018_labels_name_states_as_printed_then")
    then.name_states_as_printed_then(apps, None)
    assert snapshot() == fresh
    relabelled = Statement.objects.filter(Q(meeting__symbol="S/PV.9301", order=1) | Q(
        meeting__symbol="S/PV.9302", order__in=[2, 3, 4]))
    queued = IndexTask.objects.count()
    assert set(IndexTask.objects.values_list("statement_id", flat=True)) == set(relabelled.values_list("pk", flat=True))
    then.name_states_as_printed_then(apps, None)  # a second run finds nothing to do
    assert IndexTask.objects.count() == queued and snapshot() == fresh


def test_a_database_loaded_by_the_previous_code_names_turkey_as_its_2020_records_did():
    """The previous code labelled 2020's Turkey "(Türkiye)", the name of 2022; 0018 gives the labels back."""
    load()
    fresh = snapshot()
    Statement.objects.filter(speaker_label__contains="(Turkey)").update(speaker_label="Mr. Sinirlioğlu (Türkiye)")
    assert snapshot() != fresh
    import_module("statements.migrations.0018_labels_name_states_as_printed_then").name_states_as_printed_then(apps, None)
    assert snapshot() == fresh


def test_a_state_renamed_since_keeps_its_name_of_the_day_in_a_president_label_and_the_present_one_after():
    from statements.countries import name_on

    assert name_on("Türkiye", date(2020, 3, 1)) == "Turkey"
    assert name_on("Türkiye", date(2022, 6, 1)) == name_on("Türkiye", None) == "Türkiye"
    for on, shown in ((date(2020, 3, 1), "Turkey"), (date(2023, 3, 1), "Türkiye")):
        symbol = f"S/PV.{on.year}1"
        ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol=symbol, date=on), statements=[
            turn(1, "Sinirlioğlu", "Turkey", "The President", role="president"),
            turn(2, "Sinirlioğlu", "Turkey", "Mr. Sinirlioğlu (Turkey)")]))
        assert list(Statement.objects.filter(meeting__symbol=symbol).order_by("order").values_list(
            "speaker_label", "country__name")) == [(f"The President (Mr. Sinirlioğlu, {shown})", "Türkiye"),
                                                   (f"Mr. Sinirlioğlu ({shown})", "Türkiye")]
