"""Names a source misprinted where no rule can tell the slip from the name (``data/printed_slips.tsv``).

A person's or a body's: one speaker's two spellings a letter apart, each printed once, neither in an
official record ("Abudullah Ali Fadhel Al-Saadi" beside "Abdullah"), a name OCR damaged printed nowhere else
("Jiirg Lauber"), or a body printed once with a slip ("Commmission"); and OCR's "¢e" for "ć" wherever it
stands. Ingest spells people's names through it, ``countries.canonical`` bodies' names.
"""
from functools import lru_cache
from pathlib import Path
import csv
import re

TABLE = Path(__file__).parent / "data" / "printed_slips.tsv"


@lru_cache(maxsize=1)
def printed_slips():
    """{as printed: as spelt}, spaces tidied."""
    with TABLE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {" ".join(row["printed"].split()): row["name"] for row in rows}


# OCR reads "ć" as "¢e" or "¢" ("Backovi¢e", "Milanovi¢e" for Backović, Milanović): no name holds a cent sign.
_CENT_RE = re.compile(r"¢e?")


def as_spelt(name):
    """``name`` as it is spelt where a source misprinted it (the table, OCR's "¢e" for "ć"), else as it is."""
    if not name:
        return name
    tidy = " ".join(name.split())
    return printed_slips().get(tidy) or (_CENT_RE.sub("ć", tidy) if "¢" in tidy else name)
