"""The index writer: drain the queue of statements waiting for the search index.

With ``--loop`` it never exits on a failure (a busy index, the database away): it
logs, waits and retries, and records a heartbeat (``statements.heartbeat``).
"""
import logging
import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from ... import heartbeat, indexing

log = logging.getLogger("statements.index_writer")


def _ago(moment):
    return f"{time.time() - moment:.0f} s ago" if moment else "never"


class Command(BaseCommand):
    help = ("Write queued statements to the search index in batches. A failed batch keeps "
            "its rows for the next run. --loop keeps draining (production's single writer).")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=indexing.BATCH_SIZE)
        parser.add_argument("--loop", action="store_true", help="Keep draining until stopped.")
        parser.add_argument("--sleep", type=float, default=1.0,
                            help="Seconds between polls of an empty queue with --loop.")
        parser.add_argument("--heartbeat", type=float, default=60.0, dest="heartbeat_every",
                            help="Seconds between heartbeat log lines with --loop.")

    def handle(self, *, batch_size, loop, sleep, heartbeat_every, verbosity, **options):
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
                    ) from exc
                handled = 0
            self.stdout.write(f"Indexed {handled} queued statement(s); "
                              f"{indexing.queue_length()} left in the queue.")
            return
        self._loop(batch_size, verbosity, sleep, heartbeat_every)

    def _loop(self, batch_size, verbosity, sleep, heartbeat_every):
        """Drain for ever; every failure waits and retries (the rows stay queued)."""
        written = errors = 0
        last_drain = None
        last_log = 0.0
        log.info("Index writer started (pid %s); backlog %s", os.getpid(), indexing.queue_length())
        while True:
            pause = sleep
            try:
                done = self._drain(batch_size, verbosity)
                written += done
                last_drain = time.time()
            except indexing.IndexWriteBusy as exc:
                # Whoosh's lock is held by a writer that bypassed ours: wait for it to finish.
                errors += 1
                log.warning("Index busy, retrying in %.0f s: %s", sleep * 5, exc)
                pause = sleep * 5
            except Exception as exc:  # the rows stay queued; isolate the bad ones, retry later
                errors += 1
                log.error("Index write failed, retrying: %r", exc)
                try:
                    indexing.drain_singly()
                except Exception as again:  # e.g. the database is away: wait for it
                    log.error("Still failing: %r", again)
                pause = sleep * 5
            close_old_connections()
            try:
                backlog = indexing.queue_length()
                heartbeat.beat(last_drain=last_drain, backlog=backlog, written=written, errors=errors)
                if time.time() - last_log >= heartbeat_every:
                    last_log = time.time()
                    log.info("Index writer heartbeat: last drain %s, backlog %s, %s written, "
                             "%s failed batches", _ago(last_drain), backlog, written, errors)
            except Exception as exc:  # the database away: the next poll tries again
                log.error("Heartbeat not recorded: %r", exc)
                close_old_connections()
            time.sleep(pause)

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
