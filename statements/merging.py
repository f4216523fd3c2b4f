"""Staff corrections of who is who: merge speakers that are one person, split one that is two.

Statements keep their ids (their permalinks); only their speaker changes, and
each changed statement goes through the index queue like any other change.
"""
from django.db import transaction
from django.db.models import Count

from . import indexing
from .ingest import forget_speakers, relabel, speaker_slug_base, unique_slug
from .models import Meeting, Speaker, SpeakerRedirect, Statement


def merge_speakers(speakers, keep=None):
    """Fold ``speakers`` into ``keep`` or else the one with most statements; returns it.

    The others' statements and presidencies move to it, their full name and post
    fill its empty ones, and they are deleted; their pages' addresses redirect to it.
    """
    speakers = list(Speaker.objects.filter(pk__in=[s.pk for s in speakers])
                    .annotate(n=Count("statements")).order_by("-n", "pk"))
    if len(speakers) < 2:
        return speakers[0] if speakers else None
    if keep is not None:
        speakers.sort(key=lambda s: s.pk != keep.pk)
    keep, others = speakers[0], speakers[1:]
    forget_speakers()  # a bulk load's speakers by name: some are gone, the one kept changes
    with transaction.atomic():
        moved = list(Statement.objects.filter(speaker__in=others).values_list("pk", flat=True))
        Statement.objects.filter(pk__in=moved).update(speaker=keep)
        Meeting.objects.filter(president__in=others).update(president=keep)
        for other in others:
            for field_name in ("full_name", "post", "honorific"):
                if not getattr(keep, field_name) and getattr(other, field_name):
                    setattr(keep, field_name, getattr(other, field_name))
            if keep.country is None and other.country is not None:
                keep.country = other.country
        # Their pages' addresses (and those already merged into them) now lead to ``keep``.
        SpeakerRedirect.objects.filter(speaker__in=others).update(speaker=keep)
        SpeakerRedirect.objects.bulk_create([SpeakerRedirect(slug=o.slug, speaker=keep) for o in others])
        Speaker.objects.filter(pk__in=[o.pk for o in others]).delete()
        keep.save()
        for other in others:
            relabel(keep, other.name)
        indexing.schedule(moved)
    return keep


def split_speaker(statements, name):
    """Give ``statements`` (of one speaker) a new speaker named ``name``; returns it."""
    statements = list(statements)
    if not statements:
        return None
    source = statements[0].speaker
    with transaction.atomic():
        country = source.country if source else None
        speaker = Speaker.objects.create(
            name=name, honorific=source.honorific if source else "", country=country,
            slug=unique_slug(Speaker, speaker_slug_base(name, country)))
        ids = [s.pk for s in statements]
        Statement.objects.filter(pk__in=ids).update(speaker=speaker)
        indexing.schedule(ids)
    return speaker
