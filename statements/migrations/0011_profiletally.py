"""What the profile pages aggregate, counted once (``statements.profile_tallies``), filled here."""
from django.db import migrations, models


def fill(apps, schema_editor):
    from statements.profile_tallies import recount

    recount(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0010_speakers_not_under_the_un"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProfileTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("subject", models.CharField(choices=[("speaker", "Speaker"), ("country", "Country"),
                                                      ("agenda_item", "Agenda item"), ("resolution", "Resolution")],
                                             max_length=12)),
                ("subject_id", models.PositiveIntegerField()),
                ("statements", models.PositiveIntegerField(default=0, help_text="How many statements its page lists.")),
                ("months", models.JSONField(default=list, help_text='Statements per month with a date: [["2020-01", n], …].')),
                ("resolutions", models.JSONField(default=list, help_text="The most cited resolutions: [[pk, n], …].")),
                ("agenda_items", models.JSONField(default=list, help_text="The agenda items spoken on most: [[pk, n], …].")),
                ("speakers", models.JSONField(default=list, help_text="A country's speakers with most statements: [[pk, n], …].")),
                ("countries", models.JSONField(default=list, help_text="The countries citing a resolution most: [[pk, n], …].")),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("subject", "subject_id"), name="one_profile_tally")],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
