"""Votes: every vote the records print (a list with JSON and CSV twins), and one vote's page.

A vote's page is also the page of a draft that failed: it has no resolution page.
"""
from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView

from ..models import Vote, VoteCast
from .lists import IndexListView

CASTS = Prefetch("casts", queryset=VoteCast.objects.select_related("country").order_by("country__name"))


def votes_with_tally():
    """Votes with their meeting, resolution and counts, in a fixed number of queries."""
    return (Vote.objects.select_related("meeting__agenda_item", "resolution")
            .annotate(yes=Count("casts", filter=Q(casts__position=VoteCast.Position.IN_FAVOUR)),
                      no=Count("casts", filter=Q(casts__position=VoteCast.Position.AGAINST)),
                      abstain=Count("casts", filter=Q(casts__position=VoteCast.Position.ABSTAINING))))


def positions(vote):
    """``{position: [countries]}`` of a vote whose casts are prefetched."""
    by_position = {value: [] for value in VoteCast.Position.values}
    for cast in vote.casts.all():
        by_position[cast.position].append(cast.country)
    return by_position


def vote_row(vote, absolute, casts=None):
    row = {
        "id": vote.pk, "url": absolute(vote),
        "meeting": vote.meeting.full_symbol,
        "date": vote.meeting.date.isoformat() if vote.meeting.date else None,
        "kind": vote.kind, "subject": vote.subject, "draft": vote.draft_symbol or None,
        "outcome": vote.outcome or None,
        "resolution": vote.resolution.symbol if vote.resolution else None,
        "unanimous": vote.unanimous, "recorded": vote.recorded,
        "in_favour": vote.yes, "against": vote.no, "abstaining": vote.abstain,
    }
    if casts is not None:
        row.update({f"{label.lower().replace(' ', '_')}_countries": [c.name for c in casts[value]]
                    for value, label in VoteCast.Position.choices})
    return row


class VoteListView(IndexListView):
    export_name = "votes"
    heading = "Votes"
    intro = "Votes on draft resolutions and amendments, as the records print them, newest first."
    template_name = "statements/vote_list.html"

    def get_queryset(self):
        return votes_with_tally().prefetch_related(CASTS).order_by("-meeting__date", "meeting_id", "order")

    def export_row(self, vote):
        return vote_row(vote, self.absolute, positions(vote))


class VoteView(DetailView):
    template_name = "statements/vote.html"
    context_object_name = "vote"

    def get_queryset(self):
        return votes_with_tally().prefetch_related(CASTS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vote = self.object
        context["positions"] = [(label, positions(vote)[value]) for value, label in VoteCast.Position.choices]
        context["explanations"] = vote.explanations.select_related("country").order_by("order")
        return context
