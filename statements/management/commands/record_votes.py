"""Read the votes of meetings saved before votes were read (new records get theirs on ingest)."""
from django.core.management.base import BaseCommand

from statements.models import Meeting
from statements.votes import record_votes


class Command(BaseCommand):
    help = "Read the votes of every meeting (or of the meetings named by symbol) from its saved turns."

    def add_arguments(self, parser):
        parser.add_argument("symbols", nargs="*", help="e.g. S/PV.8700 (default: every meeting)")

    def handle(self, *symbols, **options):
        meetings = Meeting.objects.all()
        if symbols:
            meetings = meetings.filter(symbol__in=symbols)
        total = 0
        for meeting in meetings.order_by("date", "symbol"):
            found = record_votes(meeting)
            total += len(found)
            if found:
                self.stdout.write(f"{meeting.full_symbol}: {len(found)} vote{'s' if len(found) != 1 else ''}")
        self.stdout.write(f"{total} votes in {meetings.count()} meetings")
