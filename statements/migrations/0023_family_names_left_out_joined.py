"""Speakers of one State whose full names are one name with its family name left out are one person
(``people.slip_of_one_person``, as ingest now joins them): a letter of 2020 printed Qatar's "Alya Ahmed Saif",
the others "Alya Ahmed Saif Al-Thani" and the records "Ms. Al-Thani". Migration 0019's join, run again with
the rule as it is now; the joined statements' labels name the speaker kept with its honorific, as ingest
labels them ("Alya Ahmed Saif (Qatar)" → "Ms. Al-Thani (Qatar)")."""
from importlib import import_module

from django.db import migrations
from django.db.models import Q, Value
from django.db.models.functions import Concat


def join_family_names_left_out(apps, schema_editor):
    Speaker = apps.get_model("statements", "Speaker")
    Statement = apps.get_model("statements", "Statement")
    IndexTask = apps.get_model("statements", "IndexTask")
    before = set(Speaker.objects.values_list("pk", flat=True))
    import_module("statements.migrations.0019_slips_of_one_person_joined").join_slips(apps, schema_editor)
    if set(Speaker.objects.values_list("pk", flat=True)) == before:
        return
    for speaker in Speaker.objects.exclude(honorific=""):
        bare = Statement.objects.filter(Q(speaker_label=speaker.name) | Q(speaker_label__startswith=f"{speaker.name} ("),
                                        speaker=speaker)
        ids = list(bare.values_list("pk", flat=True))
        if ids:
            Statement.objects.filter(pk__in=ids).update(
                speaker_label=Concat(Value(f"{speaker.honorific} "), "speaker_label"))
            IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids])


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0022_chair_business_is_procedure"),
    ]

    operations = [
        migrations.RunPython(join_family_names_left_out, migrations.RunPython.noop),
    ]
