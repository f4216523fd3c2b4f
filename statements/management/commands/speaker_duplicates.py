"""Report speakers that may be one person, with the evidence, for staff to merge in the admin."""
from collections import defaultdict
from itertools import combinations

from django.core.management.base import BaseCommand
from django.db.models import Count

from ... import people
from ...models import Speaker


class Command(BaseCommand):
    help = "List speakers that may be one person (same name once folded, or one is the other's surname)."

    def handle(self, **options):
        speakers = list(Speaker.objects.select_related("country").annotate(n=Count("statements")))
        by_surname = defaultdict(list)
        for speaker in speakers:
            words = people.ocr_key(speaker.name).split()
            if words:
                by_surname[words[-1]].append(speaker)
        pairs = 0
        for group in by_surname.values():
            for a, b in combinations(sorted(group, key=lambda s: s.pk), 2):
                evidence = self._evidence(a, b)
                if evidence:
                    pairs += 1
                    self.stdout.write(f"{self._describe(a)}  ~  {self._describe(b)}: {evidence}")
        self.stdout.write(f"{pairs} suspected duplicates among {len(speakers)} speakers")

    @staticmethod
    def _evidence(a, b):
        same_name = people.ocr_key(a.name) == people.ocr_key(b.name)
        surname = people.same_person(a.name, b.name)
        countries = people.compatible_countries(a.country, b.country)
        if same_name and countries:
            return "same name once accents, apostrophes and OCR are folded"
        if surname and countries:
            return "one name is the other's surname"
        if same_name:
            return f"same name under two countries ({a.country or 'none'}, {b.country or 'none'})"
        if a.full_name and b.full_name and people.key(a.full_name) == people.key(b.full_name):
            return "same full name"
        return ""

    @staticmethod
    def _describe(speaker):
        return f"#{speaker.pk} {speaker.label} [{speaker.n} statements]"
