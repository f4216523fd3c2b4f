"""A speaker's address is made from the spelling it has now, not the first one seen.

Databases loaded corpus first have ``/speakers/jiirgenson-estonia/`` for Jürgenson (the corpus's
OCR reading came first and the record's spelling replaced the name, not the address). Each such
speaker takes the address ``ingest.readdress`` gives it at load time now; the old one becomes a
``SpeakerRedirect`` (a permanent redirect), so every link made before keeps working.
"""
import re

from django.db import migrations
from django.utils.text import slugify


def address_speakers_by_their_names(apps, schema_editor):
    Speaker = apps.get_model("statements", "Speaker")
    SpeakerRedirect = apps.get_model("statements", "SpeakerRedirect")
    for speaker in Speaker.objects.select_related("country").order_by("pk"):
        base = slugify(f"{speaker.name} {speaker.country.slug if speaker.country_id else ''}")[:190] or "speaker"
        if speaker.slug == base or re.fullmatch(rf"{re.escape(base)}-\d+", speaker.slug):
            continue
        SpeakerRedirect.objects.filter(slug=base, speaker=speaker).delete()
        slug, n = base, 2
        while Speaker.objects.filter(slug=slug).exists() or SpeakerRedirect.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        SpeakerRedirect.objects.get_or_create(slug=speaker.slug, defaults={"speaker": speaker})
        Speaker.objects.filter(pk=speaker.pk).update(slug=slug)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0016_corpus_labelled_and_filed_as_records"),
    ]

    operations = [
        migrations.RunPython(address_speakers_by_their_names, migrations.RunPython.noop),
    ]
