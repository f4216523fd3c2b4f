"""Loading records: the seeds, idempotency, permalinks, citations."""
from django.core.management import call_command
import pytest

from statements.ingest import ingest_record
from statements.models import Country, Resolution, Speaker, Statement
from statements.parser import parse_text

pytestmark = pytest.mark.django_db


def test_seeds_load_with_speakers_countries_and_citations(seeds):
    umarov = Statement.objects.get(speaker__name="Umarov")
    assert umarov.country.name == "Kazakhstan" and umarov.country.code == "KAZ"
    assert umarov.meeting is None and umarov.date is None  # the record does not say
    keys = {r.key for r in umarov.resolutions.all()}
    assert keys == {"sc-2341", "ga-59-290"}
    assert Resolution.objects.get(body="SC", number=2341).year == 2017
    # 726 words in the seed file less its label's three, with glued words ("ofthe") split
    # and words broken across lines joined.
    assert umarov.word_count == 724
    assert Statement.objects.get(speaker__name="Abdymomunov").resolutions.count() == 0


def test_loading_seeds_twice_changes_nothing(seeds, index_on_commit):
    before = list(Statement.objects.order_by("pk").values_list("pk", "text", "speaker_id"))
    call_command("load_seeds", stdout=open("/dev/null", "w"))
    after = list(Statement.objects.order_by("pk").values_list("pk", "text", "speaker_id"))
    assert before == after
    assert Speaker.objects.count() == 2 and Country.objects.count() == 1


def test_reingest_keeps_permalinks_of_unchanged_statements(db, index_on_commit):
    record = "Mr. A (France): First turn.\n\nMs. B (Chile): Second turn.\n"
    ingest_record(parse_text(record), source="sample.txt")
    first = {s.speaker_label: s.pk for s in Statement.objects.all()}
    changed = "Mr. A (France): First turn.\n\nMs. B (Chile): Second turn, corrected.\n"
    result = ingest_record(parse_text(changed), source="sample.txt")
    assert (result.unchanged, result.updated, result.created, result.removed) == (1, 1, 0, 0)
    second = {s.speaker_label: s.pk for s in Statement.objects.all()}
    assert first == second
    assert Statement.objects.get(pk=second["Ms. B (Chile)"]).text == "Second turn, corrected."


def test_country_spellings_resolve_to_one_country(db, index_on_commit):
    record = "Mr. A (Russia): One.\n\nMr. B (the Russian Federation): Two.\n"
    ingest_record(parse_text(record), source="x.txt")
    assert list(Country.objects.values_list("name", "code")) == [("Russian Federation", "RUS")]


def test_editing_a_country_reindexes_its_statements(seeds, client, django_capture_on_commit_callbacks):
    kazakhstan = Country.objects.get(code="KAZ")
    data = client.get("/api/search", {"q": "uranium"}).json()
    assert [f["value"] for f in data["facets"]["country"]] == ["KAZ"]
    with django_capture_on_commit_callbacks(execute=True):
        kazakhstan.code = ""  # the facet key falls back to the slug
        kazakhstan.save()
    data = client.get("/api/search", {"q": "uranium"}).json()
    assert [f["value"] for f in data["facets"]["country"]] == [kazakhstan.slug]


def test_a_speaker_printed_with_and_without_accents_is_one_speaker(db, index_on_commit):
    ingest_record(parse_text("Mr. De Rivière (France): Un.\n"), source="a.txt")
    ingest_record(parse_text("Mr. De Riviere (France): Deux.\n"), source="b.txt")
    ingest_record(parse_text("Mr. De Riviere (Haiti): Trois.\n"), source="c.txt")
    assert sorted(Speaker.objects.values_list("name", "country__name")) == [
        ("De Riviere", "Haiti"), ("De Rivière", "France")]


def test_a_bulk_load_forgets_what_a_failed_record_found(db, monkeypatch):
    """``lookups_kept`` remembers countries and resolutions between records, except those of a
    record that failed: its transaction took the rows it made (a kept one would be a dangling key)."""
    from statements import indexing
    from statements.ingest import lookups_kept

    monkeypatch.setattr(indexing, "schedule", lambda ids: None)  # as a bulk load defers the index
    through = Statement.resolutions.through
    create = through.objects.bulk_create

    def fail(*args, **kwargs):
        raise OSError("disk gone mid-ingest")

    with lookups_kept():
        ingest_record(parse_text("Mr. A (France): resolution 2341 (2017).\n"), source="a.txt")
        monkeypatch.setattr(through.objects, "bulk_create", fail)
        with pytest.raises(OSError):
            ingest_record(parse_text("Mr. B (Ghana): resolution 1325 (2000).\n"), source="b.txt")
        monkeypatch.setattr(through.objects, "bulk_create", create)
        assert not Country.objects.filter(name="Ghana").exists()
        ingest_record(parse_text("Mr. B (Ghana): resolution 1325 (2000), resolution 2341 (2017).\n"),
                      source="b.txt")
    ghana = Statement.objects.get(speaker_label__contains="B")
    assert ghana.country.name == "Ghana"
    assert sorted(r.key for r in ghana.resolutions.all()) == ["sc-1325", "sc-2341"]
    assert Resolution.objects.count() == 2 and Country.objects.count() == 2
