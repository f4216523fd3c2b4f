"""A speaker named by a name cut short after a particle ("Guillermo Fernandez De", a letter of 2020) whose
full name is that name whole ("Guillermo Fernandez de Soto Valderrama") is named by it, as ingest now names
them (``people.better_name``): their statements' labels name them so (queued for the index), and their page
takes the address the whole name makes, the old one redirecting to it."""
import re

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils.text import slugify


def spell_names_cut_short_whole(apps, schema_editor):
    from statements import people

    Speaker = apps.get_model("statements", "Speaker")
    Statement = apps.get_model("statements", "Statement")
    SpeakerRedirect = apps.get_model("statements", "SpeakerRedirect")
    IndexTask = apps.get_model("statements", "IndexTask")
    for speaker in Speaker.objects.exclude(full_name="").select_related("country"):
        old, whole = speaker.name, speaker.full_name
        if people.better_name(old, whole) != whole or old == whole or not people.same_person(old, whole) \
                or people.key(old).split()[-1] not in people._PARTICLES \
                or Speaker.objects.filter(name=whole, country_id=speaker.country_id).exists():
            continue
        base = slugify(f"{whole} {speaker.country.slug if speaker.country_id else ''}")[:190] or "speaker"
        slug, n = base, 2
        while Speaker.objects.filter(slug=slug).exists() or SpeakerRedirect.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        SpeakerRedirect.objects.get_or_create(slug=speaker.slug, defaults={"speaker": speaker})
        Speaker.objects.filter(pk=speaker.pk).update(name=whole, full_name="", slug=slug)
        rows = Statement.objects.filter(speaker=speaker, speaker_label__regex=rf"(^|\s){re.escape(old)}(\s|$)")
        ids = list(rows.values_list("pk", flat=True))
        rows.update(speaker_label=Replace("speaker_label", Value(old), Value(whole)))
        IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids])


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0023_family_names_left_out_joined"),
    ]

    operations = [
        migrations.RunPython(spell_names_cut_short_whole, migrations.RunPython.noop),
    ]
