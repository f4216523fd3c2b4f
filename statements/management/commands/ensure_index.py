"""Build the search index from the database when it is empty (or always, with --rebuild)."""
from django.core.management.base import BaseCommand

from ... import indexing


class Command(BaseCommand):
    help = "Build the search index if it holds nothing; --rebuild rebuilds it regardless."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true")

    def handle(self, rebuild=False, **options):
        if not rebuild and indexing.document_count():
            self.stdout.write(f"Index holds {indexing.document_count()} statements; nothing to do.")
            return
        total = indexing.rebuild()
        self.stdout.write(f"Indexed {total} statements.")
