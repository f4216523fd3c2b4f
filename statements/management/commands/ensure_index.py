"""Build the search index from the database when it is empty or was built by other code.

``make run`` calls it on every start, so a checkout that changed what is indexed
(``statements.index_version``) rebuilds on its next start instead of answering
every search with "must be rebuilt". ``--rebuild`` rebuilds regardless.
"""
from django.core.management.base import BaseCommand

from ... import index_version, indexing


class Command(BaseCommand):
    help = "Build the search index if it holds nothing or is stale; --rebuild rebuilds it regardless."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true")

    def handle(self, rebuild=False, **options):
        if not rebuild and index_version.state() == index_version.STALE:
            self.stdout.write(index_version.describe() + " Rebuilding.")
            rebuild = True
        held = 0 if rebuild else indexing.document_count()
        if held:
            self.stdout.write(f"Index holds {held} statements; nothing to do.")
            return
        total = indexing.rebuild()
        self.stdout.write(f"Indexed {total} statements.")
