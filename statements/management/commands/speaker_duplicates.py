"""Report speakers that may be one person, with the evidence, for staff to merge in the admin.

Ingest folds what is surely one person (``statements.people.same_person``); this
report also lists what only looks alike: a slip of one or two letters in the same
country ("Popolizio Bardales", "Bardeles"), one surname under a full name and a
printed one ("Egriselda Lopez", "Mrs. Gonzalez Lopez"), one name under two countries.
"""
from collections import defaultdict
from difflib import SequenceMatcher
from itertools import combinations

from django.core.management.base import BaseCommand
from django.db.models import Count

from ... import people
from ...models import Speaker

# How alike two folded names of one country must be to be reported as a possible slip.
SIMILAR = 0.8


class Command(BaseCommand):
    help = ("List speakers that may be one person (same name once folded, one the other's surname, "
            "a slip of a letter or two in one country, one surname in one country), with the evidence.")

    def handle(self, **options):
        speakers = list(Speaker.objects.select_related("country").annotate(n=Count("statements")))
        pairs = 0
        for a, b in self._candidates(speakers):
            evidence = self._evidence(a, b)
            if evidence:
                pairs += 1
                self.stdout.write(f"{self._describe(a)}  ~  {self._describe(b)}: {evidence}")
        self.stdout.write(f"{pairs} suspected duplicates among {len(speakers)} speakers")

    @staticmethod
    def _candidates(speakers):
        """Pairs worth comparing: the same folded surname anywhere, or the same country (none and the UN as one)."""
        groups = defaultdict(list)
        loose = []
        for speaker in speakers:
            words = people.ocr_key(speaker.name).split()
            if words:
                groups[("surname", words[-1])].append(speaker)
            name = speaker.country.name if speaker.country else None
            if name in (None, people.UNITED_NATIONS):
                loose.append(speaker)
            else:
                groups[("country", speaker.country_id)].append(speaker)
        groups[("country", None)] = loose
        seen = set()
        for group in groups.values():
            for a, b in combinations(sorted(group, key=lambda s: s.pk), 2):
                if (a.pk, b.pk) not in seen:
                    seen.add((a.pk, b.pk))
                    yield a, b

    @staticmethod
    def _evidence(a, b):
        same_name = people.ocr_key(a.name) == people.ocr_key(b.name)
        one = people.same_person(a.name, b.name)
        countries = people.compatible_countries(a.country, b.country)
        if same_name and countries:
            return "same name once accents, apostrophes and OCR are folded"
        if one and countries:
            return "one spelling of the other (OCR, an accent, shortened, reordered or cut; people.same_person)"
        if same_name:
            return f"same name under two countries ({a.country or 'none'}, {b.country or 'none'})"
        if a.full_name and b.full_name and people.key(a.full_name) == people.key(b.full_name):
            return "same full name"
        if not countries:
            return ""
        if a.country_id and a.country_id == b.country_id and people.slip_of_one_person(
                (a.name, a.full_name), (b.name, b.full_name)):
            return "a slip of one name in one State (a letter, two swapped, a middle name left out; people.slip_of_one_person)"
        ka, kb = people.ocr_key(a.name), people.ocr_key(b.name)
        ratio = SequenceMatcher(None, ka, kb).ratio()
        if ratio >= SIMILAR and min(len(ka), len(kb)) >= 4:
            return f"spelt alike in one country ({ratio:.0%} the same letters): a slip of OCR or typing?"
        if sorted(ka) == sorted(kb):
            return "the same letters, some in another order: a slip of typing?"
        words_a, words_b = ka.split(), kb.split()
        if words_a[-1] == words_b[-1] and len(words_a[-1]) > 3 and (len(words_a) > 1 or len(words_b) > 1) \
                and a.country_id and a.country_id == b.country_id:
            return "same surname in one country, one printed with a first name"
        return ""

    @staticmethod
    def _describe(speaker):
        return f"#{speaker.pk} {speaker.label} [{speaker.n} statements]"
