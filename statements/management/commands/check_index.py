"""Compare the statements in the database with those in the search index, and read the index whole.

A part of the index that cannot be read (a truncated or corrupt segment) is
reported; ``--repair`` then rebuilds the index from the database, the only
copy that can be trusted, before comparing again.
"""
from django.core.management.base import BaseCommand, CommandError

from ... import heartbeat, index_version, indexing


def sample(ids, limit=10):
    shown = ", ".join(str(pk) for pk in sorted(ids)[:limit])
    return shown + (", …" if len(ids) > limit else "")


class Command(BaseCommand):
    help = ("Report drift between database and search index, and damage to the index; "
            "--repair fixes both. Exits 1 on drift or damage.")

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true")

    def handle(self, *, repair, **options):
        damage = indexing.damage(thorough=True)
        if damage:
            self.stdout.write("The search index is damaged; this cannot be read:")
            for line in damage:
                self.stdout.write(f"  {line}")
            if not repair:
                raise CommandError("The search index is damaged; run check_index --repair.")
            self.stdout.write("Rebuilding the index from the database...")
            indexing.rebuild()
            damage = indexing.damage(thorough=True)
            if damage:
                raise CommandError("The index is still damaged after the rebuild: " + "; ".join(damage))
        lacking = indexing.postings_files()
        if lacking:  # not damage: those segments' postings are decoded, slower but right
            self.stdout.write(f"{lacking} segment(s) without their postings file (searches decode them).")
            if repair:
                written = indexing.postings_files(write=True)
                self.stdout.write(f"Wrote {written} postings file(s).")
        drift = indexing.compare()
        self.stdout.write(f"Database: {drift.searchable} searchable statements; "
                          f"index: {drift.indexed} documents; queue: {len(drift.queued)} waiting.")
        for label, ids in (("missing from the index", drift.missing),
                           ("in the index but not searchable", drift.extra),
                           ("indexed more than once", drift.duplicated)):
            if ids:
                waiting = len(ids & drift.queued)
                note = f" ({waiting} of them queued)" if waiting else ""
                self.stdout.write(f"{len(ids)} {label}{note}: {sample(ids)}")
        if drift.unfinished_rebuild:
            self.stdout.write("A rebuild is running or did not finish (run rebuild_index).")
        version = index_version.state()
        self.stdout.write(index_version.describe())
        for line in heartbeat.describe():
            self.stdout.write(line)
        if version == index_version.STALE:
            if not repair:
                raise CommandError("The index was built by another version of the portal; "
                                   "run rebuild_index (or check_index --repair).")
            count = indexing.rebuild()
            self.stdout.write(f"Rebuilt: {count} statements written with schema {index_version.current()}.")
            drift = indexing.compare()
        if drift.clean:
            self.stdout.write("Index and database agree.")
            return
        if not repair:
            raise CommandError("Index and database disagree; run check_index --repair.")
        if drift.unfinished_rebuild:
            indexing.rebuild()
        else:
            indexing.repair(drift)
        after = indexing.compare()
        if not after.clean:
            raise CommandError(f"Still {len(after.ids)} statement(s) out of step after repair: "
                               f"{sample(after.ids)}")
        self.stdout.write(f"Repaired: index and database agree ({after.indexed} documents).")
