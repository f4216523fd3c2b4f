"""Load meeting records: ``manage.py ingest PATH...`` (files or folders of .txt/.pdf)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...ingest import ingest_file
from ...parser import RecordError

RECORD_SUFFIXES = {".txt", ".pdf"}


def record_files(paths):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in RECORD_SUFFIXES)
        else:
            yield path


class Command(BaseCommand):
    help = "Parse meeting records and save their statements; running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Record files (.txt, .pdf) or folders of them.")

    def handle(self, *args, paths, **options):
        failed = 0
        for path in record_files(paths):
            if not path.exists():
                self.stderr.write(f"{path}: no such file")
                failed += 1
                continue
            try:
                result = ingest_file(path)
            except RecordError as exc:
                self.stderr.write(f"{path}: {exc}")
                failed += 1
                continue
            self.stdout.write(result.summary())
        if failed:
            raise CommandError(f"{failed} record(s) could not be loaded; the others were.")
