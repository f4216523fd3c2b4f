"""Votes saved from a meeting's turns (``parser.votes``), with the statements explaining them.

Run after a record is saved (``ingest.ingest_record``) and by ``manage.py record_votes``
for meetings saved before; running it again gives the same rows.
"""
from django.db import transaction

from .countries import get_country
from .models import Resolution, Statement, Vote, VoteCast
from .parser.votes import find_votes

POSITIONS = (("in_favour", VoteCast.Position.IN_FAVOUR), ("against", VoteCast.Position.AGAINST),
             ("abstaining", VoteCast.Position.ABSTAINING))


def record_votes(meeting):
    """Save the votes of ``meeting`` from its statements; returns them. Votes no longer read are removed."""
    turns = list(Statement.objects.filter(meeting=meeting).only("pk", "order", "text", "procedural", "role")
                 .order_by("order"))
    parsed = find_votes(turns)
    saved = []
    with transaction.atomic():
        Vote.objects.filter(meeting=meeting).exclude(order__in=[p.order for p in parsed]).delete()
        for i, found in enumerate(parsed):
            resolution = None
            if found.resolution:
                number, year = found.resolution
                resolution, _ = Resolution.objects.get_or_create(body="SC", number=number, defaults={"year": year})
            recorded = bool(found.in_favour or found.against or found.abstaining)
            vote, _ = Vote.objects.update_or_create(meeting=meeting, order=found.order, defaults={
                "kind": found.kind, "subject": found.subject, "draft_symbol": found.draft_symbol,
                "outcome": found.outcome, "resolution": resolution, "unanimous": found.unanimous,
                "recorded": recorded})
            vote.casts.all().delete()
            casts = []
            for name, position in POSITIONS:
                for country_name in getattr(found, name):
                    country = get_country(country_name)
                    if country:
                        casts.append(VoteCast(vote=vote, country=country, position=position))
            VoteCast.objects.bulk_create(casts, ignore_conflicts=True)
            vote.explanations.set(_explanations(turns, found, parsed[i + 1] if i + 1 < len(parsed) else None))
            saved.append(vote)
    return saved


def _explanations(turns, vote, next_vote):
    """The statements after a vote's announcement and before the next vote: explanations of vote.

    The President's own turns are left out unless they speak for their country
    (which the record marks by a turn of their own, not the President's role).
    """
    start = vote.announced_at or vote.order
    end = next_vote.order if next_vote else None
    return [t for t in turns if not t.procedural and t.order > start and (end is None or t.order < end)
            and t.role != Statement.Role.PRESIDENT]
