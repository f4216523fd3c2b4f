"""Names a source misprinted where no rule can tell the slip from the name (``data/printed_slips.tsv``).

A person's or a body's: one speaker's two spellings a letter apart, each printed once, neither in an
official record ("Abudullah Ali Fadhel Al-Saadi" beside "Abdullah"), or a body printed once with a slip
("Commmission"). Ingest spells people's names through it, ``countries.canonical`` bodies' names.
"""
from functools import lru_cache
from pathlib import Path
import csv

TABLE = Path(__file__).parent / "data" / "printed_slips.tsv"


@lru_cache(maxsize=1)
def printed_slips():
    """{as printed: as spelt}, spaces tidied."""
    with TABLE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {" ".join(row["printed"].split()): row["name"] for row in rows}


def as_spelt(name):
    """``name`` as it is spelt where a source misprinted it, else as it is."""
    return printed_slips().get(" ".join(name.split()), name) if name else name
