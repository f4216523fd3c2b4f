"""Speakers the corpus filed under "United Nations" are filed under no country, as the records file
them (``people.speaker_country``); one already under no country with the same name takes their
statements and presidencies, and their page's address redirects to it. Their statements are queued
for the index (the speaker facet and its label change)."""
from django.db import migrations

UNITED_NATIONS = "United Nations"


def file_un_speakers_under_no_country(apps, schema_editor):
    Speaker = apps.get_model("statements", "Speaker")
    Statement = apps.get_model("statements", "Statement")
    Meeting = apps.get_model("statements", "Meeting")
    SpeakerRedirect = apps.get_model("statements", "SpeakerRedirect")
    IndexTask = apps.get_model("statements", "IndexTask")
    for speaker in Speaker.objects.filter(country__name=UNITED_NATIONS):
        ids = list(Statement.objects.filter(speaker=speaker).values_list("pk", flat=True))
        twin = Speaker.objects.filter(name=speaker.name, country=None).first()
        if twin is None:
            speaker.country = None
            speaker.save(update_fields=["country"])
        else:
            Statement.objects.filter(pk__in=ids).update(speaker=twin)
            Meeting.objects.filter(president=speaker).update(president=twin)
            for field in ("full_name", "post", "honorific"):
                if not getattr(twin, field) and getattr(speaker, field):
                    setattr(twin, field, getattr(speaker, field))
            twin.statement_count += speaker.statement_count
            twin.save()
            SpeakerRedirect.objects.filter(speaker=speaker).update(speaker=twin)
            SpeakerRedirect.objects.create(slug=speaker.slug, speaker=twin)
            speaker.delete()
        IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids])


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0009_tallies"),
    ]

    operations = [
        migrations.RunPython(file_un_speakers_under_no_country, migrations.RunPython.noop),
    ]
