"""A name a source misprinted where no rule tells the slip from the name (``data/printed_slips.tsv``), or with
OCR's "¢e" for "ć" ("Cedomir Backovi¢e"), is spelt as the name is, as ingest now spells it
(``slips.as_spelt``): Al-Saadi of Yemen kept the corpus's "Abudullah Ali Fadhel Al-Saadi" as his full name,
the letter read first. A speaker's name so
misprinted is spelt right in its statements' labels and its address (the old one redirecting), and a body's (a country row's: "Afghanistan Independent
Human Rights Commmission") with its page's address; the statements touched are queued for the index."""
from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils.text import slugify


def readdress(apps, speaker, text):
    """Give ``speaker`` the address ``text`` makes (as ingest's ``readdress``), the one it had redirecting."""
    Speaker = apps.get_model("statements", "Speaker")
    SpeakerRedirect = apps.get_model("statements", "SpeakerRedirect")
    base = slugify(text)[:190] or "speaker"
    if speaker.slug == base:
        return
    slug, n = base, 2
    while Speaker.objects.filter(slug=slug).exists() or SpeakerRedirect.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    SpeakerRedirect.objects.get_or_create(slug=speaker.slug, defaults={"speaker": speaker})
    Speaker.objects.filter(pk=speaker.pk).update(slug=slug)


def spell_printed_slips(apps, schema_editor):
    from statements.slips import as_spelt

    Speaker = apps.get_model("statements", "Speaker")
    Statement = apps.get_model("statements", "Statement")
    IndexTask = apps.get_model("statements", "IndexTask")
    Country = apps.get_model("statements", "Country")
    for country in Country.objects.filter(code=""):  # a body's name, as ``countries.canonical`` spells it
        name = as_spelt(country.name)
        if name == country.name or Country.objects.filter(name=name).exists():
            continue
        Country.objects.filter(pk=country.pk).update(name=name, slug=slugify(name)[:200])
        for speaker in Speaker.objects.filter(country=country):  # their addresses name the body: as ingest's
            readdress(apps, speaker, f"{speaker.name} {slugify(name)[:200]}")
        rows = Statement.objects.filter(country=country)
        ids = list(rows.values_list("pk", flat=True))
        rows.filter(speaker_label__contains=country.name).update(
            speaker_label=Replace("speaker_label", Value(country.name), Value(name)))
        IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids])
    for speaker in Speaker.objects.select_related("country"):
        name, full_name = as_spelt(speaker.name), as_spelt(speaker.full_name)
        if full_name != speaker.full_name:
            Speaker.objects.filter(pk=speaker.pk).update(full_name=full_name)
        if name == speaker.name or Speaker.objects.filter(name=name, country_id=speaker.country_id).exists():
            continue  # as spelt, or the right spelling has a speaker of its own: a join for staff (speaker_duplicates)
        Speaker.objects.filter(pk=speaker.pk).update(name=name)
        readdress(apps, speaker, f"{name} {speaker.country.slug if speaker.country_id else ''}")
        rows = Statement.objects.filter(speaker=speaker, speaker_label__contains=speaker.name)
        ids = list(rows.values_list("pk", flat=True))
        rows.update(speaker_label=Replace("speaker_label", Value(speaker.name), Value(name)))
        IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids])


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0019_slips_of_one_person_joined"),
    ]

    operations = [
        migrations.RunPython(spell_printed_slips, migrations.RunPython.noop),
    ]
