"""Staff merge speakers that are one person (permalinks kept, index updated) and split one that is two."""
from io import StringIO

import pytest
from django.core.management import call_command

from statements.countries import get_country
from statements.ingest import ingest_record
from statements.merging import merge_speakers
from statements.models import IndexTask, Speaker, Statement
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement

pytestmark = pytest.mark.django_db


def record(symbol, *turns):
    return ParsedRecord(meeting=ParsedMeeting(symbol=symbol), statements=[
        ParsedStatement(order=n, speaker=name, honorific="Mr.", country=country,
                        label=f"Mr. {name} ({country})", text=f"{name} speaks at {symbol}, turn {n}.")
        for n, (name, country) in enumerate(turns, start=1)])


def test_ingest_folds_spellings_of_one_person():
    ingest_record(record("S/PV.9001", ("Jiirgenson", "Estonia"), ("Ja'afari", "Syrian Arab Republic")))
    ingest_record(record("S/PV.9002", ("Jürgenson", "Estonia"), ("Ja’afari", "Syrian Arab Republic"),
                         ("Sven Juiirgenson", "Estonia")))
    assert sorted(Speaker.objects.values_list("name", flat=True)) == ["Ja’afari", "Jürgenson"]
    jurgenson = Speaker.objects.get(name="Jürgenson")
    assert jurgenson.full_name == "Sven Jürgenson" and jurgenson.statements.count() == 3
    # the first meeting's labels now print the kept spelling too
    assert set(jurgenson.statements.values_list("speaker_label", flat=True)) == {"Mr. Jürgenson (Estonia)"}


def test_an_accent_read_as_another_letter_folds_only_on_the_records_evidence():
    """"Miller" is not "Müller" on the letters alone; a record that prints both (its cover and a label)
    shows one is its slip."""
    ingest_record(record("S/PV.9010", ("Müller", "Germany")))
    ingest_record(record("S/PV.9011", ("Miller", "Germany")))
    assert sorted(Speaker.objects.values_list("name", flat=True)) == ["Miller", "Müller"]
    slip = record("S/PV.9012", ("Mallers", "Germany"))
    slip.meeting.members = [{"country": "Germany", "name": "Müllers", "honorific": "Mr."}]
    ingest_record(record("S/PV.9013", ("Müllers", "Germany")))
    ingest_record(slip)
    assert Speaker.objects.get(name="Müllers").statements.count() == 2
    assert not Speaker.objects.filter(name="Mallers").exists()


def test_a_state_and_a_different_person_stay_apart():
    ingest_record(record("S/PV.9003", ("Jürgenson", "Estonia"), ("Jurgens", "Estonia"),
                         ("Craft", "United States of America"), ("Pierce", "United Kingdom")))
    assert Speaker.objects.count() == 4


@pytest.fixture
def two_speakers():
    ingest_record(record("S/PV.9004", ("Lowcock", "Estonia"), ("Lowcock", "Estonia")))
    first = Speaker.objects.get()
    other = Speaker.objects.create(name="Lowcock-OCR", honorific="Mr.", country=get_country("Latvia"),
                                   slug="lowcock-ocr", post="Under-Secretary-General")
    moved = Statement.objects.filter(order=2).get()
    Statement.objects.filter(pk=moved.pk).update(speaker=other, speaker_label="Mr. Lowcock-OCR (Latvia)")
    return first, other, moved


def test_merge_in_the_admin_keeps_permalinks_and_queues_the_index(admin_client, two_speakers):
    first, other, moved = two_speakers
    ids = set(Statement.objects.values_list("pk", flat=True))
    IndexTask.objects.all().delete()
    response = admin_client.post("/admin/statements/speaker/", {
        "action": "merge_selected", "_selected_action": [first.pk, other.pk]}, follow=True)
    assert response.status_code == 200 and "Merged" in response.content.decode()
    assert list(Speaker.objects.values_list("pk", flat=True)) == [first.pk]
    assert set(Statement.objects.values_list("pk", flat=True)) == ids
    moved.refresh_from_db()
    assert moved.speaker_id == first.pk and moved.speaker_label == "Mr. Lowcock (Latvia)"
    assert IndexTask.objects.filter(statement_id=moved.pk).exists()
    assert Speaker.objects.get().post == "Under-Secretary-General"
    assert admin_client.get(moved.get_absolute_url()).status_code == 200
    # the merged speaker's page keeps its address, as a permanent redirect (its data twins too)
    for suffix, target in (("/", first.get_absolute_url()), (".json", first.get_absolute_url()[:-1] + ".json")):
        response = admin_client.get(f"/speakers/{other.slug.rstrip('/')}{suffix}")
        assert (response.status_code, response["Location"]) == (301, target)
    assert Speaker.objects.filter(slug=other.slug).count() == 0
    merge_speakers([first, Speaker.objects.create(name="Lowcock-2", slug="lowcock-2")])
    assert admin_client.get("/speakers/lowcock-ocr/")["Location"] == first.get_absolute_url()


def test_split_in_the_admin_gives_statements_a_speaker_of_their_own(admin_client, two_speakers):
    first, _, _ = two_speakers
    statement = first.statements.get()
    IndexTask.objects.all().delete()
    admin_client.post("/admin/statements/statement/", {
        "action": "split_selected", "_selected_action": [statement.pk]})
    statement.refresh_from_db()
    assert statement.speaker_id != first.pk and statement.speaker.name == "Lowcock (2)"
    assert IndexTask.objects.filter(statement_id=statement.pk).exists()
    # staff give it its name: its statements print it (one label everywhere)
    new = statement.speaker
    admin_client.post(f"/admin/statements/speaker/{new.pk}/change/", {
        "name": "Lowcocke", "honorific": "Mr.", "country": new.country_id, "slug": new.slug,
        "full_name": "", "post": ""})
    statement.refresh_from_db()
    assert statement.speaker.name == "Lowcocke" and statement.speaker_label == "Mr. Lowcocke (Estonia)"


def test_speaker_duplicates_reports_the_evidence():
    estonia = get_country("Estonia")
    Speaker.objects.create(name="Jürgenson", country=estonia, slug="a")
    Speaker.objects.create(name="Jiirgenson", country=get_country("Latvia"), slug="b")
    Speaker.objects.create(name="Reinsalu", country=estonia, slug="c")
    out = StringIO()
    call_command("speaker_duplicates", stdout=out)
    report = out.getvalue()
    assert "Jürgenson (Estonia)" in report and "Jiirgenson (Latvia)" in report
    assert "same name under two countries" in report and "Reinsalu" not in report
    assert "1 suspected duplicates among 3 speakers" in report


def test_speaker_duplicates_reports_what_only_looks_alike():
    """Pairs left on the real data after ingest's folding, as the corpus prints them."""
    peru, viet_nam, el_salvador = get_country("Peru"), get_country("Viet Nam"), get_country("El Salvador")
    Speaker.objects.create(name="Popolizio Bardales", honorific="Mr.", country=peru, slug="a")
    Speaker.objects.create(name="Popolizio Bardeles", honorific="Mr.", country=peru, slug="b")
    Speaker.objects.create(name="Dinh", honorific="Mr.", country=viet_nam, slug="c")
    Speaker.objects.create(name="Dihn", honorific="Mr.", country=viet_nam, slug="d")
    Speaker.objects.create(name="Gonzalez Lopez", honorific="Mrs.", country=el_salvador, slug="e")
    Speaker.objects.create(name="Egriselda Lopez", country=el_salvador, slug="f")
    Speaker.objects.create(name="Pham", honorific="Mr.", country=viet_nam, slug="g")
    Speaker.objects.create(name="Bardales", honorific="Mr.", country=get_country("Chile"), slug="h")
    out = StringIO()
    call_command("speaker_duplicates", stdout=out)
    report = out.getvalue()
    assert "Bardales (Peru)" in report and "Bardeles (Peru)" in report
    assert "Dinh (Viet Nam)" in report and "Dihn (Viet Nam)" in report
    assert "Egriselda Lopez (El Salvador)" in report
    assert "Pham" not in report and "(Chile)" not in report
    assert report.strip().endswith("3 suspected duplicates among 8 speakers")


def test_ingest_folds_what_ocr_and_the_letters_did_to_names():
    """Spellings of one person on the real data: OCR of ä and ñ, reordered, middle names, cut short."""
    ingest_record(record("S/PV.9005", ("Auväärt", "Estonia"), ("Dai Bing", "China"),
                         ("Pecsteen de Buytswerve", "Belgium"), ("Samson Itegboje", "Nigeria")))
    ingest_record(record("S/2020/9006", ("Auvaeart", "Estonia"), ("Bing Dai", "China"),
                         ("Marc Pecsteen de", "Belgium"), ("Samson S. Itegboje", "Nigeria"),
                         ("Samson Sunday Itegboje", "Nigeria")))
    assert sorted(Speaker.objects.values_list("name", flat=True)) == [
        "Auväärt", "Dai Bing", "Pecsteen de Buytswerve", "Samson Itegboje"]


def test_a_record_read_after_the_corpus_keeps_one_speaker_for_an_accent_the_corpus_misread():
    """Loading the corpus first left "Pildegovies" (Latvia) with 0 statements beside the record's Pildegovičs."""
    ingest_record(record("S/PV.8699", ("Pildegovies", "Latvia"), ("Simonovie", "Croatia")))
    ingest_record(record("S/PV.8699", ("Pildegovičs", "Latvia"), ("Šimonović", "Croatia")))
    assert sorted(Speaker.objects.values_list("name", flat=True)) == ["Pildegovičs", "Šimonović"]


def test_one_label_in_results_facets_and_pages():
    """Labels as the real sources print them; each names the speaker as the facet and the page do."""
    from datetime import date

    def turn(order, speaker, label, role, honorific="", country=None):
        return ParsedStatement(order=order, speaker=speaker, honorific=honorific, country=country, label=label,
                               role=role, text=f"Turn {order}: on the situation, at some length.")

    ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol="S/PV.8700", date=date(2020, 1, 10)), statements=[
        turn(1, "Dang", "The President", "president", "Mr.", "Viet Nam"),
        turn(2, "The Secretary-General", "The Secretary-General", "briefer"),
        turn(3, "Norman-Chalet", "Ms. Norman-Chalet (United States of America)", "member", "Ms.",
             "United States of America"),
    ]))
    ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol="S/2020/272", date=date(2020, 4, 2)), statements=[
        turn(1, "Antonio Guterres", "Guterres", "briefer", "", "United Nations"),
        turn(2, "Norman-Chalet", "Norman-Chalet (United States of America)", "member", "",
             "United States of America"),
        turn(3, "Secretary-General", "Secretary-General", "briefer", "", "United Nations"),
    ]))
    for statement in Statement.objects.select_related("speaker"):
        speaker = statement.speaker
        assert f"{speaker.honorific} {speaker.name}" in statement.speaker_label, statement.speaker_label
    assert set(Statement.objects.values_list("speaker_label", flat=True)) == {
        "The President (Mr. Dang, Viet Nam)", "The Secretary-General (Mr. Guterres)",
        "Ms. Norman-Chalet (United States of America)"}
