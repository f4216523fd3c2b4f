"""Resolve a country as a record prints it to one ``Country`` row.

Records spell the same State several ways ("Russia", "the Russian Federation");
``data/countries.tsv`` lists each State under the name verbatim records print in a
speaker's label ("United Kingdom", not its official name), with its ISO code and
the other spellings seen. That one name is what every statement's label, facet
and page shows. Names not in the table (organisations such as the African
Union) get a row of their own with no code. ``organisation_of`` reads the
body a post serves (``data/organisations.tsv``), for speakers whose label
names no State.
"""
from datetime import date
from functools import lru_cache
from pathlib import Path
import csv
import re

from django.utils.text import slugify

from .slips import as_spelt

TABLE = Path(__file__).parent / "data" / "countries.tsv"
FORMER_NAMES_TABLE = Path(__file__).parent / "data" / "former_names.tsv"
ORGANISATIONS_TABLE = Path(__file__).parent / "data" / "organisations.tsv"

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


def _table():
    with TABLE.open(encoding="utf-8") as handle:
        yield from csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")


@lru_cache(maxsize=1)
def known_names():
    """Folded spelling -> (UN name, ISO code)."""
    names = {}
    for row in _table():
        entry = (row["name"], row["code"])
        for spelling in [row["name"], *filter(None, row["aliases"].split("|"))]:
            names[_fold(spelling)] = entry
    return names


@lru_cache(maxsize=1)
def _kept_slugs():
    """UN name -> the address its page had before the table named it so ("united-kingdom-of-great-britain-…")."""
    return {row["name"]: row["slug"] for row in _table() if row.get("slug")}


def slug_for(name):
    """The address of the country page of ``name`` (a name ``canonical`` gives): made from the name,
    or the one it had under an earlier name, so a renamed State's links keep working."""
    return _kept_slugs().get(name) or slugify(name)[:200]


@lru_cache(maxsize=1)
def _former_names():
    """Table name -> [(former name, the first day of the present name)], from ``data/former_names.tsv``."""
    codes = {row["code"]: row["name"] for row in _table()}
    former = {}
    with FORMER_NAMES_TABLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            former.setdefault(codes[row["code"]], []).append((row["name"], date.fromisoformat(row["until"])))
    return former


def name_on(name, on):
    """The name the records printed for the State ``name`` (the table's) on the date ``on``: "Turkey" in 2020
    for "Türkiye". A label says what its record printed; facets and pages group by the State's present name.
    An undated statement (a seed) takes the present name."""
    if on is None:
        return name
    for former, until in sorted(_former_names().get(name, ()), key=lambda entry: entry[1]):
        if on < until:
            return former
    return name


def named_in_address(slug):
    """The ``Country`` an address names that is no page's own: a former name ("turkey",
    ``data/former_names.tsv``), a spelling records print ("united-kingdom", ``data/countries.tsv``), a
    short form people type ("uk", "russia", ``data/country_aliases.tsv``), an organisation's short name
    ("un") or an ISO code ("tur"); None when it names none. Its page redirects there."""
    from .models import Country
    from .search.aliases import countries, name_key

    key = name_key(slug.replace("-", " "))
    names = {name_key(former): name for name, entries in _former_names().items() for former, _ in entries}
    name = names.get(key) or ORGANISATIONS.get(key)
    if name:
        return Country.objects.filter(name=name).first()
    code = countries().get(key) or (key.upper() if re.fullmatch(r"[a-z]{3}", key) else None)
    if not code:
        return None
    return Country.objects.filter(code=code).order_by("-statement_count", "pk").first()


def canonical(name):
    """The UN name and ISO code for a printed name; unknown names come back as printed (a body's slip
    spelt as ``data/printed_slips.tsv`` says)."""
    name = " ".join(name.split())
    folded = _fold(name)
    if folded in ORGANISATIONS:
        return ORGANISATIONS[folded], ""
    entry = known_names().get(folded) or known_names().get(folded.removeprefix("the "))
    return entry if entry else (as_spelt(name), "")


def get_country(name):
    """The ``Country`` for a printed name, created on first sight; ``None`` for no name."""
    from .models import Country

    if not name or not name.strip():
        return None
    un_name, code = canonical(name)
    country, _ = Country.objects.get_or_create(
        name=un_name, defaults={"code": code, "slug": slug_for(un_name) or code.lower()}
    )
    return country


# "Secretary-General of the League of Arab States" is the League's: an office followed by "of"
# another body belongs to that body, not to the United Nations.
_OF_ANOTHER_BODY_RE = re.compile(r"\s+of\s+(?!the\s+United\s+Nations\b)", re.IGNORECASE)
_NO_ORGANISATION = "-"


@lru_cache(maxsize=1)
def _organisation_names():
    """(pattern, organisation) for every name of ``data/organisations.tsv``, longest first."""
    names = []
    with ORGANISATIONS_TABLE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            for name in filter(None, row["names"].split("|")):
                flags = 0 if name.isupper() else re.IGNORECASE
                names.append((re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", flags), row["organisation"]))
    names.sort(key=lambda entry: -len(entry[0].pattern))
    return names


def names_a_body(post):
    """Whether ``post`` names a body ``data/organisations.tsv`` knows, the UN's or another's, or one it
    knows is none of them ("Executive Director of Security Council Report"), rather than none it knows."""
    return _organisation_named(post) is not None


def organisation_of(post):
    """The organisation a post serves, as the country facet names it, or None.

    ``Special Representative of the Secretary-General for Somalia`` → ``United Nations``,
    ``Observer of the European Union`` → ``European Union``; a post naming no body the
    table knows (``Chair of The Elders``) → None. The body named first wins.
    """
    organisation = _organisation_named(post)
    return None if organisation in (None, _NO_ORGANISATION) else canonical(organisation)[0]


def _organisation_named(post):
    """The table's organisation for ``post`` (``-`` for a body that is none of them), or None."""
    text = re.sub(r"-\s+", "-", " ".join((post or "").split()))  # "Under- Secretary-General", as lines break
    found = []
    for pattern, organisation in _organisation_names():
        for match in pattern.finditer(text):
            if match.group().lower().endswith("secretary-general") and _OF_ANOTHER_BODY_RE.match(text, match.end()):
                continue
            found.append((match.start(), -len(match.group()), organisation))
            break
    return min(found)[2] if found else None
