"""Statements the records saved under no country, from speakers introduced with a post of an
organisation (a UN official, the European Union's observer), are filed under that organisation, as
ingest now files them (``ingest._organisation``) and the corpus files the same people: one name in
the country facet, ``country:UN`` and the organisation's page whatever the source. A label gains
the organisation's name where the corpus prints it (not the UN's), and a speaker filed under no
country moves under it (not the UN, ``people.speaker_country``). A statement printed with neither
State nor post stands under the body its speaker is filed under ("Mr. Mardini", the Red Cross's).
The corpus's labels name an organisation as its statements stand under it ("Mr. Skoog (EU)" →
"Mr. Skoog (European Union)"), and an office holder's statement as the records label it ("Mr.
Guterres", "Secretary-General (Mr. Guterres)" → "The Secretary-General (Mr. Guterres)"), as
``load_corpus`` now labels them.
The statements are queued for the index and the browse pages' tallies recounted."""
from django.db import migrations
from django.utils.text import slugify

UNITED_NATIONS = "United Nations"
UNNAMED = "The representative of "  # the corpus's label for a row that names no speaker


def file_under_organisations(apps, schema_editor):
    from statements import people, profile_tallies, tallies
    from statements.countries import canonical, organisation_of
    from statements.ingest import with_organisation

    Statement = apps.get_model("statements", "Statement")
    Country = apps.get_model("statements", "Country")
    Speaker = apps.get_model("statements", "Speaker")
    IndexTask = apps.get_model("statements", "IndexTask")
    rows = (Statement.objects.filter(country=None, procedural=False, speaker__isnull=False)
            .exclude(affiliation="").exclude(role__in=["president", "chair"]).select_related("speaker"))
    organisations, moved = {}, []
    for statement in rows:
        name = organisation_of(statement.affiliation)
        if name is None:
            continue
        if name not in organisations:
            code = canonical(name)[1]
            organisations[name], _ = Country.objects.get_or_create(
                name=name, defaults={"code": code, "slug": slugify(name)[:200] or code.lower()})
        organisation = organisations[name]
        speaker = statement.speaker
        if (name != UNITED_NATIONS and speaker.country_id is None
                and not Speaker.objects.filter(name=speaker.name, country=organisation).exists()):
            speaker.country = organisation
            speaker.save(update_fields=["country"])
        Statement.objects.filter(pk=statement.pk).update(
            country=organisation, speaker_label=with_organisation(statement.speaker_label, organisation)[:300])
        moved.append(statement.pk)
    bare = (Statement.objects.filter(country=None, procedural=False, speaker__country__isnull=False)
            .exclude(role__in=["president", "chair"]).exclude(pk__in=moved).select_related("speaker__country"))
    for statement in bare:
        Statement.objects.filter(pk=statement.pk).update(
            country=statement.speaker.country,
            speaker_label=with_organisation(statement.speaker_label, statement.speaker.country)[:300])
        moved.append(statement.pk)
    corpus = Statement.objects.filter(meeting__origin="corpus", country__code="")
    for pk, label, name in corpus.values_list("pk", "speaker_label", "country__name"):
        head, _, shown = label.rpartition(" (")  # "Mr. Skoog (EU)"
        if label.endswith(")") and shown[:-1] != name and canonical(shown[:-1])[0] == name:
            label = f"{head} ({name})"
        elif (shown := label.removeprefix(UNNAMED)) != label and shown != name and canonical(shown)[0] == name:
            label = UNNAMED + name  # "The representative of EU", a row with no speaker
        else:
            continue
        Statement.objects.filter(pk=pk).update(speaker_label=label[:300])
        moved.append(pk)
    holders = (Statement.objects.filter(procedural=False, speaker__name__in=people.office_holders())
               .exclude(role__in=["president", "chair"]))
    for pk, label, honorific, name, on in holders.values_list(
            "pk", "speaker_label", "speaker__honorific", "speaker__name", "meeting__date"):
        office = people.office_label(label, f"{honorific} {name}".strip(), name, on)
        if office != label:
            Statement.objects.filter(pk=pk).update(speaker_label=office[:300])
            moved.append(pk)
    if moved:
        IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in moved])
        tallies.recount(apps)
        profile_tallies.recount(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0013_country_and_speaker_sort_keys"),
    ]

    operations = [
        migrations.RunPython(file_under_organisations, migrations.RunPython.noop),
    ]
