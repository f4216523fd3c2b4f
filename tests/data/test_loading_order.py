"""Who a speaker is does not depend on the order the sources were loaded in (the audit's "left" list).

The corpus prints OCR readings of a name and files UN officials under "United Nations"; the
records print the name as it is and the officials under no country. Either source may come first.
"""
import pytest

from statements.ingest import ingest_record
from statements.models import Meeting, Speaker, SpeakerRedirect, Statement
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement

pytestmark = pytest.mark.django_db


def record(symbol, *turns):
    """A record of ``turns`` (name, country, label's country), each labelled as its source prints it."""
    return ParsedRecord(meeting=ParsedMeeting(symbol=symbol), statements=[
        ParsedStatement(order=n, speaker=name, honorific="Mr.", country=country,
                        label=f"Mr. {name} ({shown})" if shown else f"Mr. {name}",
                        text=f"{name} speaks at {symbol}, turn {n}.")
        for n, (name, country, shown) in enumerate(turns, start=1)])


def corpus(symbol, *turns):
    return ingest_record(record(symbol, *turns), origin=Meeting.Origin.CORPUS)


def official(symbol, *turns):
    return ingest_record(record(symbol, *turns))


def test_two_ocr_readings_loaded_first_are_one_speaker_once_the_record_spells_the_name():
    """Corpus first: "Auveart" and "Auvaeart" are too far apart to fold, the record's Auväärt is each."""
    corpus("S/PV.9101", ("Auveart", "Estonia", "Estonia"), ("Auvaeart", "Estonia", "Estonia"))
    assert Speaker.objects.count() == 2
    apart = set(Speaker.objects.values_list("slug", flat=True))
    official("S/PV.9102", ("Auväärt", "Estonia", "Estonia"))
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.statements.count()) == ("Auväärt", 3)
    assert set(Statement.objects.values_list("speaker_label", flat=True)) == {"Mr. Auväärt (Estonia)"}
    # the pages of the spellings folded away keep answering (a redirect to the one kept)
    assert apart - {speaker.slug} <= set(SpeakerRedirect.objects.values_list("slug", flat=True))


def test_other_people_of_the_country_are_not_folded_at_load_time():
    corpus("S/PV.9103", ("Auveart", "Estonia", "Estonia"), ("Jürgenson", "Estonia", "Estonia"),
           ("Auväärt", "Latvia", "Latvia"))
    official("S/PV.9104", ("Auväärt", "Estonia", "Estonia"))
    assert sorted(Speaker.objects.values_list("name", "country__name")) == [
        ("Auväärt", "Estonia"), ("Auväärt", "Latvia"), ("Jürgenson", "Estonia")]


@pytest.mark.parametrize("records_first", [True, False])
def test_a_un_officials_country_does_not_depend_on_the_loading_order(records_first):
    loads = [lambda: official("S/PV.9105", ("Lowcock", None, None)),
             lambda: corpus("S/PV.9106", ("Lowcock", "United Nations", None))]
    for load in loads if records_first else loads[::-1]:
        load()
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.country) == ("Lowcock", None)
    assert speaker.statements.count() == 2


def test_a_un_officials_facet_label_is_their_statements_label():
    """The corpus files Ruiz Massieu under "United Nations"; its label, as the sources print it, does not."""
    corpus("S/PV.9107", ("Ruiz Massieu", "United Nations", None))
    statement = Statement.objects.get()
    assert statement.speaker.label == statement.speaker_label == "Mr. Ruiz Massieu"


def test_speakers_already_filed_under_the_un_are_moved_by_the_migration():
    """A database loaded before the fix: one official under the UN alone, one beside their twin."""
    from importlib import import_module

    from django.apps import apps

    from statements.countries import get_country

    un = get_country("United Nations")
    official("S/PV.9108", ("Lowcock", None, None))
    corpus("S/PV.9109", ("Lowcock", "United Nations", None), ("Mladenov", "United Nations", None))
    twin = Speaker.objects.get(name="Lowcock")
    Speaker.objects.filter(name="Mladenov").update(country=un)
    moved = Speaker.objects.create(name="Lowcock", honorific="Mr.", country=un, slug="lowcock-united-nations",
                                   post="Under-Secretary-General")
    Statement.objects.filter(meeting__symbol="S/PV.9109", order=1).update(speaker=moved)
    migration = import_module("statements.migrations.0010_speakers_not_under_the_un")
    migration.file_un_speakers_under_no_country(apps, None)
    assert sorted(Speaker.objects.values_list("name", "country")) == [("Lowcock", None), ("Mladenov", None)]
    assert Speaker.objects.get(name="Lowcock").pk == twin.pk
    assert Speaker.objects.get(name="Lowcock").statements.count() == 2
    assert Speaker.objects.get(name="Lowcock").post == "Under-Secretary-General"
    assert SpeakerRedirect.objects.get(slug="lowcock-united-nations").speaker_id == twin.pk


def test_a_full_name_first_read_from_the_corpus_takes_the_records_spelling():
    """Corpus first: "Sven Jiirgenson" (OCR), "Tiebile Drame" (no accents); the record spells them."""
    def load(symbol, origin, *turns):
        ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol=symbol), statements=[
            ParsedStatement(order=n, speaker=name, honorific="Mr.", country=country, full_name=full,
                            label=f"Mr. {name} ({country})", text=f"{name} speaks at {symbol}, turn {n}.")
            for n, (name, country, full) in enumerate(turns, start=1)]), origin=origin)

    load("S/2020/901", Meeting.Origin.CORPUS, ("Jiirgenson", "Estonia", "Sven Jiirgenson"),
         ("Drame", "Mali", "Tiebile Drame"))
    load("S/PV.9107", Meeting.Origin.RECORD, ("Jürgenson", "Estonia", ""), ("Dramé", "Mali", "Tiébilé Dramé"))
    assert sorted(Speaker.objects.values_list("name", "full_name")) == [
        ("Dramé", "Tiébilé Dramé"), ("Jürgenson", "Sven Jürgenson")]
    load("S/2020/902", Meeting.Origin.CORPUS, ("Drame", "Mali", "Tiebile Drame"))  # a worse spelling changes nothing
    assert Speaker.objects.get(name="Dramé").full_name == "Tiébilé Dramé"


@pytest.mark.parametrize("records_first", [True, False])
def test_a_speakers_address_comes_from_the_best_spelling_whatever_the_order(client, records_first):
    """Corpus first, the address was the OCR reading's ("jiirgenson-estonia") for good; now it follows the
    spelling the speaker keeps, and the address it had redirects there (permanent), so old links keep working."""
    loads = [lambda: official("S/PV.9111", ("Jürgenson", "Estonia", "Estonia")),
             lambda: corpus("S/PV.9112", ("Jiirgenson", "Estonia", "Estonia"))]
    for load in loads if records_first else loads[::-1]:
        load()
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.slug) == ("Jürgenson", "jurgenson-estonia")
    if not records_first:
        for old, new in (("/speakers/jiirgenson-estonia/", "/speakers/jurgenson-estonia/"),
                         ("/speakers/jiirgenson-estonia.json?page=1", "/speakers/jurgenson-estonia.json?page=1")):
            response = client.get(old)
            assert (response.status_code, response["Location"]) == (301, new)
        assert client.get("/speakers/jurgenson-estonia/").status_code == 200
    redirects = set(SpeakerRedirect.objects.values_list("slug", flat=True))
    for load in loads:  # loading again changes nothing: no address moves
        load()
    assert Speaker.objects.get().slug == "jurgenson-estonia"
    assert set(SpeakerRedirect.objects.values_list("slug", flat=True)) == redirects


def test_an_address_given_up_and_wanted_again_is_the_speakers_own_again():
    from statements.ingest import readdress

    official("S/PV.9113", ("Auväärt", "Estonia", "Estonia"))
    speaker = Speaker.objects.get()
    Speaker.objects.filter(pk=speaker.pk).update(name="Auveart")
    speaker.refresh_from_db()
    assert readdress(speaker) and speaker.slug == "auveart-estonia"
    Speaker.objects.filter(pk=speaker.pk).update(name="Auväärt")
    speaker.refresh_from_db()
    assert readdress(speaker) and speaker.slug == "auvaart-estonia"
    assert list(SpeakerRedirect.objects.values_list("slug", "speaker")) == [("auveart-estonia", speaker.pk)]
    assert not readdress(speaker)


def test_the_migration_gives_speakers_loaded_before_the_address_of_their_spelling(client):
    """A database loaded corpus first by the previous code: Jürgenson at "jiirgenson-estonia"."""
    from importlib import import_module

    from django.apps import apps

    official("S/PV.9114", ("Jürgenson", "Estonia", "Estonia"), ("Auväärt", "Latvia", "Latvia"))
    fresh = sorted(Speaker.objects.values_list("name", "slug"))
    Speaker.objects.filter(name="Jürgenson").update(slug="jiirgenson-estonia")
    migration = import_module("statements.migrations.0017_speaker_addresses_from_best_spelling")
    migration.address_speakers_by_their_names(apps, None)
    assert sorted(Speaker.objects.values_list("name", "slug")) == fresh
    assert client.get("/speakers/jiirgenson-estonia/")["Location"] == "/speakers/jurgenson-estonia/"
    migration.address_speakers_by_their_names(apps, None)  # a second run moves nothing
    assert SpeakerRedirect.objects.count() == 1


def named(symbol, origin, *turns):
    """``turns``: (name, honorific, country, full name), labelled as the records label them."""
    ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol=symbol), statements=[
        ParsedStatement(order=n, speaker=name, honorific=honorific, country=country, full_name=full,
                        label=f"{honorific} {name} ({country})".strip(), text=f"{name} speaks at {symbol}, turn {n}.")
        for n, (name, honorific, country, full) in enumerate(turns, start=1)]), origin=origin)


@pytest.mark.parametrize("order", ["records first", "corpus first", "the slip first"])
def test_slips_of_one_person_join_their_speaker_whatever_the_order(order):
    """The pairs ``speaker_duplicates`` left for staff on the real data: a letter slipped in a long name
    (Popolizio Bardeles), two letters swapped (Dihn for Dinh), a middle surname left out (Egriselda Lopez,
    Egriselda Gonzalez Lopez). Other people of one State stay apart: Dinh is not Dang Dinh Quy."""
    loads = {
        "record": lambda: named("S/PV.9120", Meeting.Origin.RECORD, ("Popolizio Bardales", "Mr.", "Peru", ""),
                                ("Dang", "Mr.", "Viet Nam", ""), ("Gonzalez Lopez", "Mrs.", "El Salvador", ""),
                                ("Dinh", "Mr.", "Viet Nam", ""), ("Hansen", "Mr.", "Norway", "")),
        "letter": lambda: named("S/2020/9121", Meeting.Origin.CORPUS, ("Dang", "Mr.", "Viet Nam", "Dang Dinh Quy"),
                                ("Gonzalez Lopez", "", "El Salvador", "Egriselda Gonzalez Lopez")),
        "slips": lambda: named("S/PV.9122", Meeting.Origin.CORPUS, ("Popolizio Bardeles", "Mr.", "Peru", ""),
                               ("Dihn", "Mr.", "Viet Nam", ""), ("Egriselda Lopez", "", "El Salvador", ""),
                               ("Jansen", "Mr.", "Norway", ""), ("Pahm", "Mr.", "Viet Nam", "")),
    }
    sequence = {"records first": ["record", "letter", "slips"], "corpus first": ["letter", "slips", "record"],
                "the slip first": ["slips", "letter", "record"]}[order]
    for name in sequence:
        loads[name]()
    assert sorted(Speaker.objects.values_list("name", "full_name", "country__name")) == [
        ("Dang", "Dang Dinh Quy", "Viet Nam"), ("Dinh", "", "Viet Nam"),
        ("Gonzalez Lopez", "Egriselda Gonzalez Lopez", "El Salvador"), ("Hansen", "", "Norway"),
        ("Jansen", "", "Norway"), ("Pahm", "", "Viet Nam"), ("Popolizio Bardales", "", "Peru")]
    assert set(Statement.objects.filter(meeting__symbol="S/PV.9122").values_list("speaker_label", flat=True)) == {
        "Mr. Popolizio Bardales (Peru)", "Mr. Dinh (Viet Nam)", "Mrs. Gonzalez Lopez (El Salvador)",
        "Mr. Jansen (Norway)", "Mr. Pahm (Viet Nam)"}
    for name in sequence:  # loading again changes nothing
        loads[name]()
    assert Speaker.objects.count() == 7


def test_the_corpus_reads_its_own_slips_by_the_spelling_it_prints_most():
    """Within the corpus, whichever row comes first: Dihn (once, first) is Dinh (three times)."""
    from statements.corpus import CorpusRow, build_records

    def row(spv, speaker, country="Viet Nam"):
        return CorpusRow(date="14 February 2020", spv=spv, topic="Haiti", speaker=speaker, participanttype="Mentioned",
                         speech="1", country=country, content=f"{speaker} ({country}): We thank the briefers.")

    records, _ = build_records([row("8724", "Mr. Dihn"), row("8726", "Mr. Dinh"), row("8729", "Mr. Dinh"),
                                row("8731", "Mr. Dinh"), row("8732", "Mr. Popolizio Bardeles", "Peru"),
                                row("8733", "Mr. Popolizio Bardales", "Peru"), row("8734", "Mr. Pahm"),
                                row("8735", "Mr. Pham"), row("8736", "Mr. Pham")])
    assert [(r.statements[0].speaker, r.statements[0].label) for r in records] == [
        ("Dinh", "Mr. Dinh (Viet Nam)"), ("Dinh", "Mr. Dinh (Viet Nam)"), ("Dinh", "Mr. Dinh (Viet Nam)"),
        ("Dinh", "Mr. Dinh (Viet Nam)"), ("Popolizio Bardeles", "Mr. Popolizio Bardeles (Peru)"),  # once each: as printed
        ("Popolizio Bardales", "Mr. Popolizio Bardales (Peru)"), ("Pham", "Mr. Pham (Viet Nam)"),
        ("Pham", "Mr. Pham (Viet Nam)"), ("Pham", "Mr. Pham (Viet Nam)")]


def test_the_migration_joins_slips_a_database_loaded_before_kept_apart(client):
    """As the previous code left them: Popolizio Bardeles beside the record's Popolizio Bardales."""
    from importlib import import_module

    from django.apps import apps

    from statements.countries import get_country

    named("S/PV.9130", Meeting.Origin.RECORD, ("Popolizio Bardales", "Mr.", "Peru", ""), ("Hansen", "Mr.", "Norway", ""))
    named("S/PV.9131", Meeting.Origin.CORPUS, ("Popolizio Bardales", "Mr.", "Peru", ""), ("Jansen", "Mr.", "Norway", ""))
    fresh = sorted(Statement.objects.values_list("pk", "speaker__name", "speaker_label"))
    slip = Speaker.objects.create(name="Popolizio Bardeles", honorific="Mr.", country=get_country("Peru"),
                                  slug="popolizio-bardeles-peru")
    Statement.objects.filter(meeting__symbol="S/PV.9131", order=1).update(
        speaker=slip, speaker_label="Mr. Popolizio Bardeles (Peru)")
    import_module("statements.migrations.0019_slips_of_one_person_joined").join_slips(apps, None)
    assert sorted(Statement.objects.values_list("pk", "speaker__name", "speaker_label")) == fresh
    assert sorted(Speaker.objects.values_list("name", flat=True)) == ["Hansen", "Jansen", "Popolizio Bardales"]
    assert client.get("/speakers/popolizio-bardeles-peru/")["Location"] == "/speakers/popolizio-bardales-peru/"


@pytest.mark.parametrize("letter_first", [True, False])
def test_a_full_name_without_its_family_name_is_the_same_person_in_either_order(letter_first):
    """Qatar's Ms. Al-Thani: S/PV.8723 prints "Ms. Al-Thani", S/2020/465 "Alya Ahmed Saif Al-Thani" and
    S/2020/346 "Alya Ahmed Saif"; she was two speakers."""
    from statements.corpus import CorpusRow, build_records

    def row(spv, speaker):
        return CorpusRow(date="27 April 2020", spv=spv, topic="Youth, peace and security", speaker=speaker,
                         participanttype="Guest", speech="9", country="Qatar", content=f"Qatar thanks them at {spv}.")

    rows = [row("8723", "Ms. Al-Thani"), row("2020_465", "Alya Ahmed Saif Al-Thani")]
    rows = [row("2020_346", "Alya Ahmed Saif"), *rows] if letter_first else [*rows, row("2020_346", "Alya Ahmed Saif")]
    for parsed in build_records(rows)[0]:
        ingest_record(parsed, origin=Meeting.Origin.CORPUS)
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.full_name, speaker.statements.count()) == ("Al-Thani", "Alya Ahmed Saif Al-Thani", 3)
    assert set(Statement.objects.values_list("speaker_label", flat=True)) == {"Ms. Al-Thani (Qatar)"}


def test_the_migration_joins_a_full_name_without_its_family_name_saved_before():
    from importlib import import_module

    from django.apps import apps

    from statements.countries import get_country

    qatar = get_country("Qatar")
    kept = Speaker.objects.create(name="Al-Thani", honorific="Ms.", full_name="Alya Ahmed Saif Al-Thani", country=qatar,
                                  slug="al-thani-qatar")
    apart = Speaker.objects.create(name="Alya Ahmed Saif", country=qatar, slug="alya-ahmed-saif-qatar")
    for n, (speaker, label) in enumerate(((kept, "Ms. Al-Thani (Qatar)"), (apart, "Alya Ahmed Saif (Qatar)")), 1):
        Statement.objects.create(speaker=speaker, country=qatar, order=n, speaker_label=label, text=f"Qatar {n}.")
    import_module("statements.migrations.0023_family_names_left_out_joined").join_family_names_left_out(apps, None)
    assert list(Speaker.objects.values_list("pk", flat=True)) == [kept.pk]
    assert set(Statement.objects.values_list("speaker_label", flat=True)) == {"Ms. Al-Thani (Qatar)"}
    assert SpeakerRedirect.objects.get(slug="alya-ahmed-saif-qatar").speaker_id == kept.pk


@pytest.mark.parametrize("cut_first", [True, False])
def test_a_name_cut_short_after_a_particle_is_never_the_one_shown(cut_first):
    """S/2020/346 prints Colombia's "Guillermo Fernandez De", S/2020/435 "Guillermo Fernandez de Soto Valderrama"."""
    turns = [("Guillermo Fernandez De", "Colombia", "Colombia"), ("Guillermo Fernandez de Soto Valderrama", "Colombia",
                                                                 "Colombia")]
    for n, turn in enumerate(turns if cut_first else turns[::-1]):
        corpus(f"S/2020/34{n}", turn)
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.slug) == ("Guillermo Fernandez de Soto Valderrama",
                                            "guillermo-fernandez-de-soto-valderrama-colombia")
    assert set(Statement.objects.values_list("speaker_label", flat=True)) == {
        "Mr. Guillermo Fernandez de Soto Valderrama (Colombia)"}


def test_the_migration_names_a_speaker_saved_cut_short_by_the_whole_name():
    from importlib import import_module

    from django.apps import apps

    from statements.countries import get_country

    colombia = get_country("Colombia")
    speaker = Speaker.objects.create(name="Guillermo Fernandez De", full_name="Guillermo Fernandez de Soto Valderrama",
                                     country=colombia, slug="guillermo-fernandez-de-colombia")
    Statement.objects.create(speaker=speaker, country=colombia, order=1, speaker_label="Guillermo Fernandez De (Colombia)",
                             text="Colombia thanks them.")
    import_module("statements.migrations.0024_names_cut_short_spelt_whole").spell_names_cut_short_whole(apps, None)
    speaker.refresh_from_db()
    assert (speaker.name, speaker.full_name, speaker.slug) == (
        "Guillermo Fernandez de Soto Valderrama", "", "guillermo-fernandez-de-soto-valderrama-colombia")
    assert Statement.objects.get().speaker_label == "Guillermo Fernandez de Soto Valderrama (Colombia)"
    assert SpeakerRedirect.objects.get(slug="guillermo-fernandez-de-colombia").speaker_id == speaker.pk
