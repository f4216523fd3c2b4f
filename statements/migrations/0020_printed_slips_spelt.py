"""A name a source misprinted where no rule tells the slip from the name (``data/printed_slips.tsv``) is
spelt as the person's name is, as ingest now spells it (``slips.as_spelt``): Al-Saadi of Yemen kept the
corpus's "Abudullah Ali Fadhel Al-Saadi" as his full name, the letter read first. A speaker's name so
misprinted is spelt right in its statements' labels too, and a body's (a country row's: "Afghanistan Independent
Human Rights Commmission") with its page's address; the statements touched are queued for the index."""
from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils.text import slugify


def spell_printed_slips(apps, schema_editor):
    from statements.slips import printed_slips

    Speaker = apps.get_model("statements", "Speaker")
    Statement = apps.get_model("statements", "Statement")
    IndexTask = apps.get_model("statements", "IndexTask")
    Country = apps.get_model("statements", "Country")
    for printed, name in printed_slips().items():
        for country in Country.objects.filter(name=printed):  # a body's name, as ``countries.canonical`` spells it
            if Country.objects.filter(name=name).exists():
                continue
            Country.objects.filter(pk=country.pk).update(name=name, slug=slugify(name)[:200])
            rows = Statement.objects.filter(country=country)
            ids = list(rows.values_list("pk", flat=True))
            rows.filter(speaker_label__contains=printed).update(
                speaker_label=Replace("speaker_label", Value(printed), Value(name)))
            IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids])
        Speaker.objects.filter(full_name=printed).update(full_name=name)
        for speaker in Speaker.objects.filter(name=printed):
            if Speaker.objects.filter(name=name, country_id=speaker.country_id).exists():
                continue  # the right spelling has a speaker of its own: a join for staff (speaker_duplicates)
            Speaker.objects.filter(pk=speaker.pk).update(name=name)
            rows = Statement.objects.filter(speaker=speaker, speaker_label__contains=printed)
            ids = list(rows.values_list("pk", flat=True))
            rows.update(speaker_label=Replace("speaker_label", Value(printed), Value(name)))
            IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids])


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0019_slips_of_one_person_joined"),
    ]

    operations = [
        migrations.RunPython(spell_printed_slips, migrations.RunPython.noop),
    ]
