"""A benchmark corpus of N Security Council meeting records, from real text.

The 2,480 real statements of 2020 (``unsc_2020_speeches.tsv``) come in as the
meetings they were made at. The rest are cut from General Assembly General
Debate speeches (``UNGDC_1946-2024_TXT.zip``): real UN diplomatic English,
split at sentence ends into statements of a few hundred words, each given the
speaking country of its speech, a speaker from that country's pool (about
5,000 speakers in all), a meeting (1992-2024, 5-40 statements each, agenda
items in Zipf proportions), a role and a language, and — for about one in six
statements — a sentence citing a Security Council resolution of that era.

Everything is drawn from one seeded ``random.Random``: the same N and seed give
the same records. The output is the parser's own dataclasses
(``ParsedRecord``), so loading goes through ``statements.ingest``.
"""
from __future__ import annotations

from collections import defaultdict
import csv
from datetime import date, datetime, timedelta
import random
import re
import zipfile
from pathlib import Path

from statements.countries import TABLE as COUNTRY_TABLE
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement
from statements.parser.citations import find_citations

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
UNSC_2020 = SHARED / "unsc_2020_speeches.tsv"
UNGDC_ZIP = SHARED / "UNGDC_1946-2024_TXT.zip"

PERMANENT = ["CHN", "FRA", "RUS", "GBR", "USA"]
LANGUAGE_LABELS = {"fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}
LANGUAGE_BY_COUNTRY = {"FRA": "fr", "RUS": "ru", "CHN": "zh", "ESP": "es", "MEX": "es", "ARG": "es",
                       "EGY": "ar", "DZA": "ar", "SAU": "ar", "SYR": "ar", "TUN": "ar", "SEN": "fr",
                       "BEL": "fr", "CIV": "fr", "PER": "es", "CHL": "es", "VEN": "es", "IRQ": "ar"}
# Resolutions cited far more than others, with the year each was adopted.
FAMOUS = [(242, 1967), (338, 1973), (1325, 2000), (1373, 2001), (1701, 2006), (2231, 2015),
          (2254, 2015), (1540, 2004), (1244, 1999), (2334, 2016), (1267, 1999), (687, 1991),
          (2250, 2015), (1612, 2005), (1820, 2008), (2118, 2013), (1559, 2004), (2532, 2020)]
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_SYLLABLES = ["ka", "ro", "mi", "lu", "sen", "da", "vo", "ri", "an", "te", "bel", "no", "sa", "ki",
              "mar", "li", "go", "ha", "zu", "ne", "pe", "tor", "ya", "dri", "os", "el", "ma", "in"]


def countries_by_code():
    with COUNTRY_TABLE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["code"]: row["name"] for row in rows if row["code"]}


def last_resolution_of(year):
    """About the last Security Council resolution number adopted by the end of ``year``."""
    points = [(1991, 729), (2000, 1334), (2010, 1962), (2020, 2560), (2024, 2767)]
    for (y0, n0), (y1, n1) in zip(points, points[1:]):
        if year <= y1:
            return int(n0 + (n1 - n0) * (year - y0) / (y1 - y0))
    return points[-1][1]


def meeting_number_for(year):
    """The first meeting number of ``year`` (real 2020 records hold 8698-8999)."""
    return 3000 + (year - 1992) * 200 if year < 2020 else 9000 + (year - 2021) * 250


class CorpusBuilder:
    def __init__(self, n, seed=2024):
        self.n = n
        self.rng = random.Random(seed)
        self.names = countries_by_code()
        self.speakers = {}  # country code -> list of (honorific, name)
        self.agenda = []

    # --- the real 2020 meetings -------------------------------------------------
    def real_2020(self, limit):
        meetings = defaultdict(list)
        with UNSC_2020.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                meetings[row["spv"]].append(row)
        records, count = [], 0
        for spv, rows in meetings.items():
            if count >= limit:
                break
            rows = rows[: limit - count]
            rows.sort(key=lambda r: int(r["speech"] or 0))
            match = re.match(r"^(\d+)(?:Resumption(\d+))?$", spv)
            if match:
                symbol, number, resumption = f"S/PV.{match[1]}", int(match[1]), int(match[2] or 0)
            else:
                symbol, number, resumption = f"S/{spv.replace('_', '/')}", None, 0
            when = datetime.strptime(rows[0]["date"].strip(), "%d %B %Y").date()
            statements = []
            for order, row in enumerate(rows, start=1):
                speaker = row["speaker"].strip()
                honorific, _, name = speaker.partition(" ")
                if honorific.rstrip(".") not in {"Mr", "Mrs", "Ms", "Dame", "Sir", "Dr"}:
                    honorific, name = "", speaker
                country = row["country"].strip() or None
                text = row["content"].strip()
                label, sep, body = text.partition(": ")
                if sep and len(label) < 120:
                    text = body
                else:
                    label = f"{speaker} ({country})" if country else speaker
                role = {"The President": "president", "Mentioned": "member"}.get(row["participanttype"], "invited")
                if country == "UN":
                    role = "briefer"
                statements.append(ParsedStatement(
                    order=order, speaker=name, honorific=honorific, country=country, text=text,
                    label=label, role=role, resolutions=find_citations(text)))
            self.agenda.append(rows[0]["topic"].strip())
            records.append(ParsedRecord(
                meeting=ParsedMeeting(symbol=symbol, number=number, resumption=resumption, date=when,
                                      agenda=rows[0]["topic"].strip()),
                statements=statements))
            count += len(statements)
        return records, count

    # --- statements cut from General Debate speeches ------------------------------
    def chunks(self, wanted):
        """(country code, text) pieces of General Debate speeches, about 330 words each."""
        with zipfile.ZipFile(UNGDC_ZIP) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "/TXT/" in m]
            members = [m for m in members if Path(m).name.split("_")[0] in self.names]
            self.rng.shuffle(members)
            found = []
            for member in members:
                code = Path(member).name.split("_")[0]
                text = archive.read(member).decode("utf-8", errors="replace")
                sentences = _SENTENCE_RE.split(" ".join(text.split()))
                piece, words, target = [], 0, self._target_words()
                for sentence in sentences:
                    piece.append(sentence)
                    words += sentence.count(" ") + 1
                    if words >= target:
                        found.append((code, " ".join(piece)))
                        piece, words, target = [], 0, self._target_words()
                if words > 40:
                    found.append((code, " ".join(piece)))
                if len(found) >= wanted:
                    return found[:wanted]
        # Not enough text for this N: cut the same speeches again, shifted.
        while len(found) < wanted:
            code, text = found[len(found) % max(1, len(found))]
            found.append((code, text[len(text) // 3:] + " " + text[: len(text) // 3]))
        return found[:wanted]

    def _target_words(self):
        return max(60, min(1200, int(self.rng.lognormvariate(5.6, 0.55))))

    def _speaker_pool(self, code):
        pool = self.speakers.get(code)
        if pool is None:
            size = 120 if code in PERMANENT else self.rng.randint(12, 30)
            pool = self.speakers[code] = []
            for _ in range(size):
                name = "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()
                pool.append((self.rng.choice(["Mr.", "Mr.", "Ms."]), f"{name} {code.title()}"))
        return pool

    def _speaker(self, code, year):
        pool = self._speaker_pool(code)
        # Speakers serve a few years: the era picks a window of the pool.
        era = (year - 1992) * len(pool) // 34
        return pool[min(len(pool) - 1, max(0, era + self.rng.randint(-3, 3)))]

    def _citation(self, year):
        if self.rng.random() < 0.5:
            number, adopted = self.rng.choice([f for f in FAMOUS if f[1] <= year] or FAMOUS[:1])
        else:
            last = last_resolution_of(year)
            number = max(1, last - int(self.rng.expovariate(1 / 60)))
            adopted = year
        form = self.rng.random()
        if form < 0.6:
            return f"We recall resolution {number} ({adopted}) and call for its full implementation."
        if form < 0.85:
            return f"The Council must ensure that S/RES/{number} ({adopted}) is respected."
        return f"My delegation supports resolution {number}."

    def synthetic(self, count, first_order_hint=0):
        chunks = self.chunks(count)
        codes = sorted(self.names)
        agenda = self.agenda or ["Maintenance of international peace and security"]
        weights = [1 / (i + 1) for i in range(len(agenda))]
        years = [y for y in range(1992, 2025) if y != 2020]
        # Spread the statements evenly over the years, meetings numbered in date order.
        per_year = max(1, len(chunks) // len(years) + 1)
        records, i, number = [], 0, 0
        for year in years:
            number = max(number, meeting_number_for(year))
            day = date(year, 1, 2)
            in_year = 0
            while in_year < per_year and i < len(chunks):
                size = min(self.rng.randint(5, 40), len(chunks) - i)
                item = self.rng.choices(agenda, weights)[0]
                members = PERMANENT + self.rng.sample(codes, 10)
                statements = []
                for order in range(1, size + 1):
                    code, text = chunks[i]
                    i += 1
                    honorific, name = self._speaker(code, year)
                    country = self.names[code]
                    role = "president" if order == 1 else ("member" if code in members else "invited")
                    language = LANGUAGE_BY_COUNTRY.get(code, "en") if self.rng.random() < 0.8 else "en"
                    if self.rng.random() < 1 / 6:
                        sentences = _SENTENCE_RE.split(text)
                        at = self.rng.randint(0, len(sentences))
                        text = " ".join(sentences[:at] + [self._citation(year)] + sentences[at:])
                    label = "The President" if role == "president" else f"{honorific} {name} ({country})"
                    if language != "en":
                        label += f" (spoke in {LANGUAGE_LABELS[language]})"
                    statements.append(ParsedStatement(
                        order=order, speaker=name, honorific=honorific, country=country, text=text,
                        label=label, role=role, language=language, resolutions=find_citations(text)))
                records.append(ParsedRecord(
                    meeting=ParsedMeeting(symbol=f"S/PV.{number}", number=number, date=day, agenda=item),
                    statements=statements))
                in_year += size
                number += 1  # symbols stay unique: numbers only grow
                day = min(date(year, 12, 30), day + timedelta(days=self.rng.randint(1, 3)))
        return records

    def build(self):
        real, count = self.real_2020(min(self.n, 2480))
        return real + (self.synthetic(self.n - count) if self.n > count else [])


def build_corpus(n, seed=2024):
    """The records for a corpus of ``n`` statements (deterministic for a given seed)."""
    return CorpusBuilder(n, seed).build()
