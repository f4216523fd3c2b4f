"""Speakers of one State that are one person's name with a slip are one speaker (``people.slip_of_one_person``,
as ingest now joins them): "Mr. Popolizio Bardeles" is Popolizio Bardales of Peru. The speaker an official
record names is kept (else the one with more statements, else the older), the other's statements and
presidencies move to it, its labels name the kept spelling, and its address redirects there.

Joins that need a full name the previous code did not keep (Dihn for Dang Dinh Quy, Egriselda Lopez for
Egriselda Gonzalez Lopez) are made by loading the corpus again, which reads the full names from its letters.
Moved statements are queued for the index.
"""
from itertools import combinations

from django.db import migrations
from django.db.models import Count, Q, Value
from django.db.models.functions import Replace


def join_slips(apps, schema_editor):
    from statements import people

    Speaker = apps.get_model("statements", "Speaker")
    Statement = apps.get_model("statements", "Statement")
    Meeting = apps.get_model("statements", "Meeting")
    SpeakerRedirect = apps.get_model("statements", "SpeakerRedirect")
    IndexTask = apps.get_model("statements", "IndexTask")
    speakers = (Speaker.objects.exclude(country=None).exclude(country__name=people.UNITED_NATIONS)
                .annotate(n=Count("statements"), recorded=Count("statements", filter=Q(statements__meeting__origin="record")))
                .order_by("country_id", "pk"))
    by_state = {}
    for speaker in speakers:
        by_state.setdefault(speaker.country_id, []).append(speaker)
    gone = set()
    for group in by_state.values():
        for a, b in combinations(group, 2):
            if a.pk in gone or b.pk in gone or people.same_person(a.name, b.name, together=True) \
                    or not people.slip_of_one_person((a.name, a.full_name), (b.name, b.full_name)):
                continue
            keep, other = sorted((a, b), key=lambda s: (-s.recorded, -s.n, s.pk))
            ids = list(Statement.objects.filter(speaker=other).values_list("pk", flat=True))
            Statement.objects.filter(pk__in=ids).update(
                speaker=keep, speaker_label=Replace("speaker_label", Value(other.name), Value(keep.name)))
            Meeting.objects.filter(president=other).update(president=keep)
            for field in ("full_name", "post", "honorific"):
                if not getattr(keep, field) and getattr(other, field):
                    setattr(keep, field, getattr(other, field))
            keep.statement_count += other.statement_count
            keep.save()
            SpeakerRedirect.objects.filter(speaker=other).update(speaker=keep)
            SpeakerRedirect.objects.create(slug=other.slug, speaker=keep)
            other.delete()
            gone.add(other.pk)
            IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids])


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0018_labels_name_states_as_printed_then"),
    ]

    operations = [
        migrations.RunPython(join_slips, migrations.RunPython.noop),
    ]
