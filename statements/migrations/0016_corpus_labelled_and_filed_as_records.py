"""The corpus's statements labelled and filed as the records label and file them (``load_corpus`` now):

* the President's turns read "The President (Mr. Heusgen, Germany)", as the records print them, not
  "Mr. Heusgen (Germany)"; a row the corpus typed as the President's but of another State than the
  presidency's (S/PV.8713-8716: "Mr. Dang (Viet Nam)" while Belgium presided) is a member's turn;
* a turn the corpus prints "(spoke in French)" says so in its label, as the records' labels do;
* a statement filed under the UN whose speaker is filed under a State or a body stands under it
  (the corpus filed "Mr. Pecsteen de Buytswerve", "Mr. Jürgenson", … under "UN"), as ingest now files it,
  and a President the corpus filed under "UN" (S/PV.8735) stands, with the presidency, under their State.

What the 2020 letters' cover notes say of their briefers (full names, posts, and for a guest the
corpus filed under the UN the body their post names: Karin Landgren, Security Council Report) is read
from the corpus: ``load_corpus`` run again brings it (it keeps every statement's id). Changed
statements are queued for the index and the browse pages' tallies recounted.
"""
from django.db import migrations

CHAIR_ROLES = ("president", "chair")
UNITED_NATIONS = "United Nations"


def corpus_as_records(apps, schema_editor):
    from statements import profile_tallies, tallies
    from statements.corpus import SPOKE_IN
    from statements.ingest import with_organisation

    Statement = apps.get_model("statements", "Statement")
    IndexTask = apps.get_model("statements", "IndexTask")
    Meeting = apps.get_model("statements", "Meeting")
    changed = {}  # pk -> fields to update

    corpus = Statement.objects.filter(meeting__origin="corpus", procedural=False)
    # The President the corpus filed under "UN" (S/PV.8735) stands under their State, as the presidency.
    for meeting in Meeting.objects.filter(origin="corpus", presiding_country__name=UNITED_NATIONS,
                                          president__country__isnull=False).select_related("president"):
        Meeting.objects.filter(pk=meeting.pk).update(presiding_country_id=meeting.president.country_id)
        for pk in corpus.filter(meeting=meeting, role__in=CHAIR_ROLES, country__name=UNITED_NATIONS,
                                speaker=meeting.president).values_list("pk", flat=True):
            changed[pk] = {"country_id": meeting.president.country_id}
    presidents = corpus.filter(role__in=CHAIR_ROLES, speaker__isnull=False).exclude(
        speaker_label__startswith="The President").values_list(
        "pk", "speaker_id", "meeting__president_id", "country_id", "meeting__presiding_country_id", "language",
        "speaker__honorific", "speaker__name", "speaker__country__name")
    for pk, speaker, president, country, presiding, language, honorific, name, speaker_country in presidents:
        if speaker != president and country != presiding:
            changed.setdefault(pk, {})["role"] = "member"  # another State's turn, typed as the President's
            continue
        who = f"{honorific} {name}".strip() + (f", {speaker_country}" if speaker_country else "")
        label = f"The President ({who})"
        changed.setdefault(pk, {})["speaker_label"] = (
            f"{label} (spoke in {SPOKE_IN[language]})" if language in SPOKE_IN else label)
    for pk, label, language in corpus.exclude(role__in=CHAIR_ROLES).exclude(
            speaker_label__contains="(spoke in ").filter(language__in=SPOKE_IN).values_list(
            "pk", "speaker_label", "language"):
        changed.setdefault(pk, {})["speaker_label"] = f"{label} (spoke in {SPOKE_IN[language]})"

    filed = (Statement.objects.filter(country__name=UNITED_NATIONS, procedural=False, speaker__country__isnull=False)
             .exclude(role__in=CHAIR_ROLES).select_related("speaker__country"))
    for statement in filed:
        label = changed.get(statement.pk, {}).get("speaker_label", statement.speaker_label)
        changed.setdefault(statement.pk, {}).update(
            country_id=statement.speaker.country_id,
            speaker_label=with_organisation(label, statement.speaker.country))
    for pk, fields in changed.items():
        if "speaker_label" in fields:
            fields["speaker_label"] = fields["speaker_label"][:300]
        Statement.objects.filter(pk=pk).update(**fields)
    if changed:
        IndexTask.objects.bulk_create([IndexTask(statement_id=pk) for pk in changed], batch_size=2000)
        tallies.recount(apps)
        profile_tallies.recount(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0015_states_named_as_records_print_them"),
    ]

    operations = [
        migrations.RunPython(corpus_as_records, migrations.RunPython.noop),
    ]
