"""Parse kept uploads again with the current parser and save what changed: ``manage.py reparse``.

Idempotent (a second run changes nothing) and permalinks of unchanged statements
survive (``statements.ingest``). Only confirmed uploads are re-parsed; a record
the current parser cannot read is reported and left as it was.
"""
from django.core.management.base import BaseCommand, CommandError

from ...models import Upload
from ...uploads import UploadRejected, read_record, reingest


class Command(BaseCommand):
    help = "Re-parse confirmed uploads with the current parser and re-ingest them."

    def add_arguments(self, parser):
        parser.add_argument("uploads", nargs="*", type=int, metavar="UPLOAD_ID",
                            help="Only these uploads (default: every confirmed upload).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Parse and report, save nothing.")

    def handle(self, *args, uploads, dry_run, **options):
        queryset = Upload.objects.filter(status=Upload.Status.CONFIRMED).order_by("uploaded_at", "pk")
        if uploads:
            queryset = queryset.filter(pk__in=uploads)
            missing = set(uploads) - set(queryset.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No confirmed upload with id {', '.join(map(str, sorted(missing)))}.")
        failed = 0
        for upload in queryset:
            try:
                record = read_record(upload)
            except (UploadRejected, OSError) as exc:
                self.stderr.write(f"upload {upload.pk} ({upload.filename}): {exc}")
                failed += 1
                continue
            if dry_run:
                where = record.meeting.symbol if record.meeting else upload.filename
                self.stdout.write(f"upload {upload.pk}: {where}: {len(record.statements)} statements "
                                  f"({len(record.warnings)} warnings)")
                continue
            result = reingest(upload, record)
            self.stdout.write(f"upload {upload.pk}: {result.summary()}")
        if failed:
            raise CommandError(f"{failed} upload(s) could not be re-parsed; they were left as they were.")
