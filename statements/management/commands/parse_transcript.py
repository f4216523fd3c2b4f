"""Print the parse of a meeting record as JSON: ``manage.py parse_transcript FILE``.

Touches no database. A bad file gives its reason on stderr and exit code 1.
"""
import json
import sys

from django.core.management.base import BaseCommand

from ...parser import RecordError, parse_file


class Command(BaseCommand):
    help = "Parse a meeting record (.pdf or .txt) and print the result as JSON; saves nothing."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="A record: .pdf or UTF-8 .txt")

    def handle(self, *args, file, **options):
        try:
            record = parse_file(file)
        except RecordError as exc:
            self.stderr.write(f"{file}: {exc}")
            sys.exit(1)
        self.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
