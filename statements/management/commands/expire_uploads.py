"""Cancel uploads left at the preview step, so their files do not pile up.

Run it from cron (see docs/operations.md). A cancelled upload keeps its row as
the audit trail; only the file goes, exactly as when staff press Cancel.
"""
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from ... import uploads
from ...models import Upload


class Command(BaseCommand):
    help = "Cancel uploads awaiting confirmation for longer than --hours (default 24), removing their files."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24.0)

    def handle(self, *, hours, **options):
        cutoff = timezone.now() - timedelta(hours=hours)
        stale = Upload.objects.filter(status=Upload.Status.PREVIEWED, uploaded_at__lt=cutoff)
        expired = 0
        for upload in stale.order_by("pk"):
            try:
                uploads.cancel(upload)
            except uploads.UploadRejected:
                continue  # confirmed or cancelled meanwhile by staff
            expired += 1
        self.stdout.write(f"Cancelled {expired} upload(s) awaiting confirmation since before "
                          f"{cutoff:%Y-%m-%d %H:%M} UTC.")
