"""Browse-page tallies stored on the rows they count (``statements.tallies``), filled once here."""
from django.db import migrations, models


def fill(apps, schema_editor):
    from statements.tallies import recount

    recount(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0008_speaker_redirect"),
    ]

    operations = [
        migrations.AddField("agendaitem", "meeting_count", models.PositiveIntegerField(default=0, editable=False)),
        migrations.AddField("agendaitem", "statement_count", models.PositiveIntegerField(default=0, editable=False)),
        migrations.AddField("country", "statement_count", models.PositiveIntegerField(default=0, editable=False)),
        migrations.AddField("country", "first_spoken", models.DateField(blank=True, editable=False, null=True)),
        migrations.AddField("country", "last_spoken", models.DateField(blank=True, editable=False, null=True)),
        migrations.AddField("meeting", "statement_count", models.PositiveIntegerField(default=0, editable=False)),
        migrations.AddField("resolution", "statement_count", models.PositiveIntegerField(default=0, editable=False)),
        migrations.AddField("speaker", "statement_count", models.PositiveIntegerField(default=0, editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
