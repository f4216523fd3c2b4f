"""One label everywhere: a State is named as verbatim records print it in a speaker's label.

``data/countries.tsv`` named two States by their official names ("United Kingdom of Great
Britain and Northern Ireland", "State of Palestine") where the records print "Mr. Allen (United
Kingdom)" and "Mr. Mansour (Palestine)", so a statement's label and its speaker's facet named
one State two ways. The rows take the table's name (their page keeps its address), and the labels
that name a State another way take it too: a President's national statement ("The President (Mr.
Allen, United Kingdom of …)") and the corpus's spellings ("(Saint Vincent and Grenadines)",
"(Kyrgyztan)", "(Turkey)", "The representative of Turkey"), as ``load_corpus`` and ``ingest`` now label them. Relabelled statements
are queued for the index (their label is part of the indexed text).
"""
import re

from django.db import migrations

_BRACKET_RE = re.compile(r"\(([^()]*)\)")
UNNAMED = "The representative of "  # the corpus's label for a row that names no speaker


def named_as_the_table_names_it(label, name):
    """``label`` with each bracket naming ``name``'s State another way naming it ``name``."""
    from statements.countries import canonical

    def rename(match):
        head, comma, shown = match[1].rpartition(", ")  # "Mr. Allen, United Kingdom of …" in a President's label
        if shown != name and canonical(shown)[0] == name:
            return f"({head}{comma}{name})"
        return match[0]

    shown = label.removeprefix(UNNAMED)  # "The representative of Turkey", a corpus row naming no speaker
    if shown != label and shown != name and canonical(shown)[0] == name:
        return UNNAMED + name
    return _BRACKET_RE.sub(rename, label)


def name_states_as_records_print_them(apps, schema_editor):
    from statements.countries import canonical

    Country = apps.get_model("statements", "Country")
    Statement = apps.get_model("statements", "Statement")
    IndexTask = apps.get_model("statements", "IndexTask")
    for country in Country.objects.exclude(code=""):
        name, code = canonical(country.name)
        if code == country.code and name != country.name and not Country.objects.filter(name=name).exists():
            Country.objects.filter(pk=country.pk).update(name=name)  # its page keeps its slug (its address)
    states = dict(Country.objects.exclude(code="").values_list("pk", "name"))
    relabelled = []
    rows = Statement.objects.filter(procedural=False).exclude(speaker_label="").values_list(
        "pk", "speaker_label", "country_id", "speaker__country_id")
    for pk, label, country_id, speaker_country_id in rows.iterator(chunk_size=2000):
        new = label
        for state in {country_id, speaker_country_id} & states.keys():
            new = named_as_the_table_names_it(new, states[state])
        if new != label:
            Statement.objects.filter(pk=pk).update(speaker_label=new[:300])
            relabelled.append(pk)
    IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in relabelled], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0014_records_officials_under_their_organisation"),
    ]

    operations = [
        migrations.RunPython(name_states_as_records_print_them, migrations.RunPython.noop),
    ]
