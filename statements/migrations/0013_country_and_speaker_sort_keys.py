"""Indexes of what a country's and a speaker's pages filter and sort by, so a page sorts their ids without reading the statements."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('statements', '0012_statement_sort_keys'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['country'], include=('id', 'meeting', 'order', 'procedural'), name='statement_country_sort_keys'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker'], include=('id', 'meeting', 'order', 'procedural', 'role'), name='statement_speaker_sort_keys'),
        ),
    ]
