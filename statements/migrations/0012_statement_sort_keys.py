"""An index of what a list of statements sorts and is counted by, so a resolution's page sorts its
citing statements, and the index writer adds up the counts, without reading the statements."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('statements', '0011_profiletally'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['id'], include=('meeting', 'country', 'speaker', 'order', 'procedural', 'role'), name='statement_sort_keys'),
        ),
    ]
