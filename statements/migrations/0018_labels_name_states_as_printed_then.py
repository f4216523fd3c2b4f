"""A label is what its record printed: a State the UN has renamed since is named as it was then.

Migration 0015 and ``load_corpus`` named every State in every label by the table's present name, so the
2020 statements of Turkey read "(Türkiye)", a name the records of 2020 never print. Those labels take the
name of the meeting's date again (``countries.name_on``, ``data/former_names.tsv``), as ``ingest`` now
labels them; the country facet, filters and pages still group them under the State. Relabelled
statements are queued for the index (a label is part of the indexed text).
"""
from django.db import migrations


def relabel(label, name, shown):
    label = label.replace(f"({name})", f"({shown})").replace(f", {name})", f", {shown})")
    return f"The representative of {shown}" if label == f"The representative of {name}" else label


def name_states_as_printed_then(apps, schema_editor):
    from statements.countries import _former_names, name_on

    Statement = apps.get_model("statements", "Statement")
    IndexTask = apps.get_model("statements", "IndexTask")
    relabelled = []
    for name in _former_names():
        rows = Statement.objects.filter(procedural=False, meeting__date__isnull=False, speaker_label__contains=name)
        for pk, label, on in rows.values_list("pk", "speaker_label", "meeting__date").iterator(chunk_size=2000):
            new = relabel(label, name, name_on(name, on))
            if new != label:
                Statement.objects.filter(pk=pk).update(speaker_label=new[:300])
                relabelled.append(pk)
    IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in relabelled], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0017_speaker_addresses_from_best_spelling"),
    ]

    operations = [
        migrations.RunPython(name_states_as_printed_then, migrations.RunPython.noop),
    ]
