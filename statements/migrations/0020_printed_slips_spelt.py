"""A name a source misprinted where no rule tells the slip from the name (``data/printed_slips.tsv``) is
spelt as the person's name is, as ingest now spells it (``people.as_spelt``): Al-Saadi of Yemen kept the
corpus's "Abudullah Ali Fadhel Al-Saadi" as his full name, the letter read first. A speaker's name so
misprinted is spelt right in its statements' labels too, and those are queued for the index."""
from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace


def spell_printed_slips(apps, schema_editor):
    from statements.people import _printed_slips

    Speaker = apps.get_model("statements", "Speaker")
    Statement = apps.get_model("statements", "Statement")
    IndexTask = apps.get_model("statements", "IndexTask")
    for printed, name in _printed_slips().items():
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
