"""Load meeting records: ``manage.py ingest PATH...`` (files or folders of .txt/.pdf).

Running it twice changes nothing. A bad file is reported with its reason and
skipped; the rest of the batch goes in, and the command exits non-zero at the
end if any file failed.
"""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...ingest import ingest_file
from ...parser import RecordError

RECORD_SUFFIXES = {".txt", ".pdf"}


def record_files(paths):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in RECORD_SUFFIXES)
        else:
            yield path


class Progress:
    """A plain progress line on stderr: redrawn in place on a terminal, one line per file otherwise."""

    def __init__(self, stream, total, width=30):
        self.stream, self.total, self.width = stream, total, width
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.done = 0

    def step(self, label):
        self.done += 1
        if self.tty:
            filled = self.width * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label[:40]:<40}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {label}\n")
        self.stream.flush()

    def message(self, text):
        """Print a line without garbling the bar."""
        if self.tty:
            self.stream.write("\r" + " " * (self.width + 50) + "\r")
        self.stream.write(text + "\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Parse meeting records and save their statements; running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Record files (.txt, .pdf) or folders of them.")
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress on stderr.")

    def handle(self, *args, paths, no_progress=False, **options):
        missing = [p for p in paths if not Path(p).exists()]
        files = list(record_files(p for p in paths if Path(p).exists()))
        progress = None if no_progress else Progress(sys.stderr, len(files))
        failed = len(missing)
        for path in missing:
            self.stderr.write(f"{path}: no such file or folder")
        for path in files:
            try:
                result = ingest_file(path)
            except RecordError as exc:
                failed += 1
                line = f"{path}: {exc}"
                progress.message(line) if progress else self.stderr.write(line)
            else:
                self.stdout.write(result.summary())
                for warning in result.warnings:
                    self.stdout.write(f"  warning: {warning}")
            if progress:
                progress.step(path.name)
        if not files and not missing:
            self.stderr.write("no .pdf or .txt records found")
        if failed:
            raise CommandError(f"{failed} record(s) could not be loaded; the others were.")
