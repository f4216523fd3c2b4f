"""Load the 2020 corpus of real statements (idempotent: a second run changes nothing)."""
from pathlib import Path
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...corpus import clean_country, load_corpus

DEFAULT_PATH = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "unsc_2020_speeches.tsv"


class Command(BaseCommand):
    help = "Load ../shared/corpus/unsc_2020_speeches.tsv (2,480 statements of 2020) through the ingest path."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(DEFAULT_PATH), help="The corpus TSV file.")
        parser.add_argument("--limit", type=int, default=None, help="Load only the first N rows.")

    def handle(self, *, path, limit, **options):
        if not Path(path).is_file():
            raise CommandError(f"{path}: no such file (give the corpus with --path)")
        if limit is not None and limit < 1:
            raise CommandError("--limit must be a positive number")
        started = time.monotonic()
        def refiling(row, printed, state):
            why = (f"the statement names {state}, and no other row or record files the name under {printed}"
                   if clean_country(printed) else f"its label names {state}, and {printed!r} names no State or body")
            self.stdout.write(f"filed {row.speaker} at {row.spv} under {state}, not {printed}: {why}")

        results, skipped, kept = load_corpus(path, limit=limit, refiling=refiling)
        for spv in skipped:
            self.stderr.write(f"skipped rows of meeting {spv!r}: not a meeting number or letter symbol")
        for meeting in kept:
            resumption = f" (resumption {meeting.resumption})" if meeting.resumption else ""
            self.stdout.write(f"kept {meeting.symbol}{resumption}: its official record is loaded "
                              "and wins over the corpus's extraction")
        totals = {key: sum(getattr(r, key) for r in results)
                  for key in ("created", "updated", "unchanged", "removed")}
        self.stdout.write(
            f"{len(results)} meetings from the corpus ({len(kept)} kept from their official record): "
            f"{totals['created']} new, {totals['updated']} updated, "
            f"{totals['unchanged']} unchanged, {totals['removed']} removed statements "
            f"in {time.monotonic() - started:.1f}s"
        )
