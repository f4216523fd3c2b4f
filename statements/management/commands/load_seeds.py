"""Load the seed records in ``seeds/`` (idempotent: a second run changes nothing)."""
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the seed statements shipped in seeds/."

    def handle(self, **options):
        seeds = settings.BASE_DIR / "seeds"
        call_command("ingest", *sorted(str(p) for p in seeds.glob("*.txt")), stdout=self.stdout)
