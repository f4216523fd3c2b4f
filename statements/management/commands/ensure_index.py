"""Build the search index from the database when it is empty (or always, with --rebuild)."""
from django.core.management.base import BaseCommand

from ... import indexing


class Command(BaseCommand):
    help = "Build the search index if it holds nothing; --rebuild rebuilds it regardless."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true")

    def handle(self, rebuild=False, **options):
        held = 0 if rebuild else indexing.document_count()
        if held:
            self.stdout.write(f"Index holds {held} statements; nothing to do.")
            return
        total = indexing.rebuild()
        self.stdout.write(f"Indexed {total} statements.")
