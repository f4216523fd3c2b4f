"""Statements saved under no country from a speaker whose post names a body ``data/organisations.tsv``
learnt since (the UN's Office for Disarmament Affairs and its High Representative, Mrs. Nakamitsu; the
European Union's External Action Service, Mr. Vervaeke) stand under that body, as ingest now files them:
migration 0014's filing, run again with the table as it is now."""
from importlib import import_module

from django.db import migrations


def file_under_organisations(apps, schema_editor):
    import_module("statements.migrations.0014_records_officials_under_their_organisation").file_under_organisations(
        apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0020_printed_slips_spelt"),
    ]

    operations = [
        migrations.RunPython(file_under_organisations, migrations.RunPython.noop),
    ]
