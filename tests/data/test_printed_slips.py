"""A name a source misprinted where no rule tells the slip from the name is spelt as the person's name is
(``data/printed_slips.tsv``): the corpus's S/2020/313 prints Yemen's "Abudullah Ali Fadhel Al-Saadi", its
S/2020/411 "Abdullah Ali Fadhel Al-Saadi"; one letter in a name printed once each settles nothing, and the
first one read had stayed as Mr. Al-Saadi's full name."""
from importlib import import_module

import pytest

from statements.corpus import CorpusRow, build_records
from statements.countries import canonical
from statements.ingest import ingest_record
from statements.models import IndexTask, Meeting, Speaker, Statement
from statements.slips import as_spelt

pytestmark = pytest.mark.django_db

SLIP, NAME = "Abudullah Ali Fadhel Al-Saadi", "Abdullah Ali Fadhel Al-Saadi"
BODY_SLIP, BODY = "Afghanistan Independent Human Rights Commmission", "Afghanistan Independent Human Rights Commission"


def row(spv, speaker, content="At the outset, allow me to extend my most sincere wishes."):
    return CorpusRow(date="16 April 2020", spv=spv, topic="Yemen", speaker=speaker, participanttype="Guest",
                     speech="1", country="Yemen", content=content)


def test_a_misprinted_name_is_spelt_as_the_persons_name_and_others_are_left_as_printed():
    assert as_spelt(SLIP) == as_spelt(f" {SLIP.replace(' ', '  ')}") == NAME
    assert as_spelt(NAME) == NAME and as_spelt("Al-Saadi") == "Al-Saadi" and as_spelt("") == ""
    assert as_spelt("Cedomir Backovi¢e") == "Cedomir Backović" and as_spelt("Milanovi¢") == "Milanović"  # OCR's ¢
    assert as_spelt("Jiirg Lauber") == "Jürg Lauber" and as_spelt("Hawaii") == "Hawaii"  # "ii" only from the table


def test_a_body_the_corpus_misprinted_is_named_as_it_is_spelt():
    """S/2020/597 files Ms. Akbar under the "Afghanistan Independent Human Rights Commmission"."""
    assert canonical(BODY_SLIP) == (BODY, "")
    (record,), _ = build_records([CorpusRow(
        date="26 June 2020", spv="2020_597", topic="The situation in Afghanistan", speaker="Shaharzad Akbar",
        participanttype="Guest", speech="3", country=BODY_SLIP, content="I am grateful for this opportunity.")])
    ingest_record(record, origin=Meeting.Origin.CORPUS)
    statement = Statement.objects.get()
    assert (statement.country.name, statement.country.slug, statement.speaker_label) == (
        BODY, "afghanistan-independent-human-rights-commission", f"Shaharzad Akbar ({BODY})")


RECORDED = row("8699", "Mr. Al-Saadi", "Mr. Al-Saadi (Yemen): I thank you.")


@pytest.mark.parametrize("rows", [
    [RECORDED, row("2020_313", f"Mr. {SLIP}"), row("2020_411", NAME)],
    [row("2020_411", NAME), row("2020_313", f"Mr. {SLIP}"), RECORDED],
])
def test_the_corpus_gives_the_person_the_name_as_spelt_whichever_letter_comes_first(rows):
    records, _ = build_records(rows)
    for record in records:
        ingest_record(record, origin=Meeting.Origin.CORPUS)
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.full_name, speaker.country.name) == ("Al-Saadi", NAME, "Yemen")
    assert not Statement.objects.filter(speaker_label__contains="Abudullah").exists()


def test_the_migration_spells_a_name_saved_before():
    from django.apps import apps

    from statements.countries import get_country

    yemen = get_country("Yemen")
    kept = Speaker.objects.create(name="Al-Saadi", full_name=SLIP, honorific="Mr.", country=yemen, slug="al-saadi-yemen")
    bare = Speaker.objects.create(name=SLIP, country=yemen, slug="abudullah-yemen")
    serbian = Speaker.objects.create(name="Cedomir Backovi¢e", country=get_country("Serbia"), slug="cedomir-serbia")
    statement = Statement.objects.create(speaker=bare, country=yemen, order=1, speaker_label=f"{SLIP} (Yemen)",
                                         text="We thank.")
    IndexTask.objects.all().delete()
    import_module("statements.migrations.0020_printed_slips_spelt").spell_printed_slips(apps, None)
    assert Speaker.objects.get(pk=kept.pk).full_name == NAME
    assert Speaker.objects.get(pk=bare.pk).name == NAME
    assert Speaker.objects.get(pk=serbian.pk).name == "Cedomir Backović"
    assert Speaker.objects.get(pk=serbian.pk).slug == "cedomir-backovic-serbia"
    assert Statement.objects.get(pk=statement.pk).speaker_label == f"{NAME} (Yemen)"
    assert list(IndexTask.objects.values_list("statement_id", flat=True)) == [statement.pk]


def test_the_migration_names_a_body_saved_before_as_it_is_spelt():
    from django.apps import apps

    from statements.models import Country

    body = Country.objects.create(name=BODY_SLIP, slug="afghanistan-independent-human-rights-commmission")
    akbar = Speaker.objects.create(name="Shaharzad Akbar", country=body,
                                   slug="shaharzad-akbar-afghanistan-independent-human-rights-commmission")
    statement = Statement.objects.create(country=body, order=1, speaker_label=f"Shaharzad Akbar ({BODY_SLIP})",
                                         text="I am grateful.")
    IndexTask.objects.all().delete()
    import_module("statements.migrations.0020_printed_slips_spelt").spell_printed_slips(apps, None)
    body.refresh_from_db()
    assert (body.name, body.slug) == (BODY, "afghanistan-independent-human-rights-commission")
    assert Speaker.objects.get(pk=akbar.pk).slug == "shaharzad-akbar-afghanistan-independent-human-rights-commission"
    assert Statement.objects.get(pk=statement.pk).speaker_label == f"Shaharzad Akbar ({BODY})"
    assert list(IndexTask.objects.values_list("statement_id", flat=True)) == [statement.pk]


def test_a_name_ocr_damaged_is_spelt_in_the_speaker_and_its_label():
    """S/2020/596's "Cedomir Backovi¢e" (Serbia) and "Mevliit Cavusoglu" (Turkey)."""
    records, _ = build_records([CorpusRow(
        date="24 June 2020", spv="2020_596", topic="Cooperation", speaker=speaker, participanttype="Guest",
        speech=str(n), country=country, content="We thank the briefers.")
        for n, (speaker, country) in enumerate((("Cedomir Backovi¢e", "Serbia"), ("Mevliit Cavusoglu", "Turkey")), 1)])
    ingest_record(records[0], origin=Meeting.Origin.CORPUS)
    assert sorted(Statement.objects.values_list("speaker__name", "speaker_label")) == [
        ("Cedomir Backović", "Cedomir Backović (Serbia)"), ("Mevlüt Çavuşoğlu", "Mevlüt Çavuşoğlu (Turkey)")]
