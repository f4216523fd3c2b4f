"""Resolve a country as a record prints it to one ``Country`` row.

Records spell the same State several ways ("Russia", "the Russian Federation");
``data/countries.tsv`` lists the UN names with their ISO codes and the other
spellings seen. Names not in the table (organisations such as the African
Union) get a row of their own with no code.
"""
from functools import lru_cache
from pathlib import Path
import csv

from django.utils.text import slugify

TABLE = Path(__file__).parent / "data" / "countries.tsv"

# Labels the records use for speakers who represent no State.
ORGANISATIONS = {
    "un": "United Nations",
    "united nations": "United Nations",
    "eu": "European Union",
    "european union": "European Union",
    "icc": "International Criminal Court",
    "icrc": "International Committee of the Red Cross",
    "league of arab states": "League of Arab States",
    "league of the arab states": "League of Arab States",
    "arab league": "League of Arab States",
}


def _fold(name):
    return " ".join(name.replace("’", "'").lower().split())


@lru_cache(maxsize=1)
def known_names():
    """Folded spelling -> (UN name, ISO code)."""
    names = {}
    with TABLE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            entry = (row["name"], row["code"])
            for spelling in [row["name"], *filter(None, row["aliases"].split("|"))]:
                names[_fold(spelling)] = entry
    return names


def canonical(name):
    """The UN name and ISO code for a printed name; unknown names come back as printed."""
    name = " ".join(name.split())
    folded = _fold(name)
    if folded in ORGANISATIONS:
        return ORGANISATIONS[folded], ""
    entry = known_names().get(folded) or known_names().get(folded.removeprefix("the "))
    return entry if entry else (name, "")


def get_country(name):
    """The ``Country`` for a printed name, created on first sight; ``None`` for no name."""
    from .models import Country

    if not name or not name.strip():
        return None
    un_name, code = canonical(name)
    country, _ = Country.objects.get_or_create(
        name=un_name, defaults={"code": code, "slug": slugify(un_name)[:200] or code.lower()}
    )
    return country
