"""Rebuild the search index from the database (also a corrupt or missing one).

Replaces haystack's command of the same name, which would bypass the index
writer lock; the site says "search is being rebuilt" until it finishes.
"""
from django.core.management.base import BaseCommand

from ... import indexing


class Command(BaseCommand):
    help = "Wipe the search index and write every searchable statement again from the database."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)
        # Accepted for compatibility with haystack's rebuild_index.
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Kept for compatibility.")

    def handle(self, *, batch_size, **options):
        total = indexing.rebuild(batch_size=batch_size)
        self.stdout.write(f"Rebuilt the index: {total} statements.")
