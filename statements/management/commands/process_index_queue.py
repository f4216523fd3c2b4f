"""The index writer: drain the queue of statements waiting for the search index."""
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from ... import indexing


class Command(BaseCommand):
    help = ("Write queued statements to the search index in batches. A failed batch keeps "
            "its rows for the next run. --loop keeps draining (production's single writer).")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=indexing.BATCH_SIZE)
        parser.add_argument("--loop", action="store_true", help="Keep draining until stopped.")
        parser.add_argument("--sleep", type=float, default=1.0,
                            help="Seconds between polls of an empty queue with --loop.")

    def handle(self, *, batch_size, loop, sleep, verbosity, **options):
        if not loop:
            try:
                handled = self._drain(batch_size, verbosity)
            except Exception as exc:
                self.stderr.write(f"A batch failed ({exc!r}); writing the queue one by one.")
                failing = indexing.drain_singly()
                if failing:
                    raise CommandError(
                        f"Statements {sorted(failing)} could not be indexed; their rows stay "
                        f"queued with the error (IndexTask.last_error)."
                    )
                handled = 0
            self.stdout.write(f"Indexed {handled} queued statement(s); "
                              f"{indexing.queue_length()} left in the queue.")
            return
        while True:
            try:
                self._drain(batch_size, verbosity)
            except indexing.IndexWriteBusy as exc:
                # Whoosh's lock is held elsewhere (or leaked here): exit and let the
                # supervisor restart the writer; the rows stay queued.
                raise CommandError(str(exc))
            except Exception as exc:  # the rows stay queued; isolate the bad ones, retry later
                self.stderr.write(f"Index write failed, retrying: {exc!r}")
                try:
                    indexing.drain_singly()
                except Exception as again:  # e.g. the database is away: wait for it
                    self.stderr.write(f"Still failing: {again!r}")
                time.sleep(sleep * 5)
            close_old_connections()
            time.sleep(sleep)

    def _drain(self, batch_size, verbosity):
        handled = 0
        with indexing.writer_lock(blocking=True):
            while True:
                if verbosity >= 2:
                    self.stdout.write(f"Writing a batch of up to {batch_size} statements…")
                    self.stdout.flush()
                done = indexing.drain_batch(batch_size)
                if not done:
                    return handled
                handled += done
                if verbosity >= 2:
                    self.stdout.write(f"Batch of {done} written.")
                    self.stdout.flush()
