"""A President's long turn that does the chair's business (invitations under rules 37 and 39 after a welcome,
a ballot's result, a ruling, a vote called) is procedure in the chair, not a national statement, as
``ingest.president_role`` now reads it (S/PV.8699's and S/PV.8721's openings, S/PV.8773's election). A role
is read from the text alone, so the turns saved before are read again; those that change are queued for the
index and the browse pages' tallies recounted (a speaker's page lists no procedure in the chair)."""
from django.db import migrations


def read_the_presidents_turns_again(apps, schema_editor):
    from statements import profile_tallies, tallies
    from statements.ingest import president_role

    Statement = apps.get_model("statements", "Statement")
    IndexTask = apps.get_model("statements", "IndexTask")
    changed = {"president": [], "chair": []}
    rows = Statement.objects.filter(role__in=["president", "chair"], procedural=False)
    for pk, role, text in rows.values_list("pk", "role", "text").iterator(chunk_size=2000):
        if (now := president_role(text)) != role:
            changed[now].append(pk)
    for role, ids in changed.items():
        Statement.objects.filter(pk__in=ids).update(role=role)
        IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in ids], batch_size=2000)
    if any(changed.values()):
        tallies.recount(apps)
        profile_tallies.recount(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0021_organisations_read_again"),
    ]

    operations = [
        migrations.RunPython(read_the_presidents_turns_again, migrations.RunPython.noop),
    ]
