"""An index of what a list of statements sorts by, so a resolution's page sorts its citing statements without reading them."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('statements', '0011_profiletally'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['id'], include=('meeting', 'country', 'order', 'procedural'), name='statement_sort_keys'),
        ),
    ]
