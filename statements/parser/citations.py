"""Find the resolutions a text cites.

Security Council resolutions are cited as ``resolution 2341 (2017)``,
``resolutions 1373 (2001) and 2178 (2014)``, ``S/RES/2341 (2017)`` or
``res. 2341``; General Assembly ones as ``resolution 59/290`` or
``A/RES/59/290``. A number with a slash is always the General Assembly's; so
is an early one with its session in Roman numerals (``resolution 1 (I)``). A
``General Assembly resolution 1234`` without a session cannot be keyed and is
not taken for the Council's resolution 1234.
"""
from dataclasses import dataclass
import re

SC = "SC"
GA = "GA"

# Resolution numbers the Council has used so far, with room to grow; a bare
# "resolution 12" in prose is still accepted, but years must look like years.
_YEAR = r"(?:19[4-9]\d|20\d\d)"
_ITEM = rf"(?P<num>\d{{1,4}}(?:/\d{{1,4}})?)(?:\s*\((?:(?P<year>{_YEAR})|(?P<roman>[IVXL]{{1,7}}))\))?"
_ITEM_RE = re.compile(_ITEM)
_SEP = r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+or\s+)"
_LIST_RE = re.compile(
    rf"\b(?:resolutions?|res\.)\s+(?P<list>{_ITEM}(?:{_SEP}{_ITEM.replace('?P<num>', '').replace('?P<year>', '').replace('?P<roman>', '')})*)",  # noqa: E501
    re.IGNORECASE,
)
_SC_SYMBOL_RE = re.compile(rf"\bS/RES/(?P<num>\d{{1,4}})(?:\s*\((?P<year>{_YEAR})\))?", re.IGNORECASE)
_GA_SYMBOL_RE = re.compile(r"\bA/RES/(?P<session>\d{1,3})/(?P<num>\d{1,4})", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class ResolutionRef:
    body: str
    number: int
    session: int | None = None
    year: int | None = None

    @property
    def key(self):
        if self.body == GA:
            return f"ga-{self.session}-{self.number}"
        return f"sc-{self.number}"

    @property
    def symbol(self):
        if self.body == GA:
            return f"A/RES/{self.session}/{self.number}"
        return f"S/RES/{self.number}" + (f" ({self.year})" if self.year else "")

    def to_dict(self):
        return {"body": self.body, "number": self.number, "session": self.session,
                "year": self.year, "symbol": self.symbol}


def ref_from_parts(num, year=None):
    """Build a reference from ``2341`` / ``59/290`` and an optional year."""
    year = int(year) if year else None
    if "/" in num:
        session, number = num.split("/", 1)
        return ResolutionRef(GA, int(number), session=int(session), year=year)
    return ResolutionRef(SC, int(num), year=year)


def find_citations(text):
    """Every resolution cited in ``text``, once each, in order of first mention."""
    flat = re.sub(r"\s+", " ", text)
    found = []
    for match in _LIST_RE.finditer(flat):
        assembly = bool(_ASSEMBLY_RE.search(flat[max(0, match.start() - 20):match.start()]))
        for item in _ITEM_RE.finditer(match.group("list")):
            if item["roman"]:
                session = _roman(item["roman"])
                if session:
                    found.append((match.start() + item.start(),
                                  ResolutionRef(GA, int(item["num"]), session=session)))
                continue
            if assembly and "/" not in item["num"]:
                continue  # a General Assembly resolution without its session
            found.append((match.start() + item.start(), ref_from_parts(item["num"], item["year"])))
    for match in _SC_SYMBOL_RE.finditer(flat):
        found.append((match.start(), ref_from_parts(match["num"], match["year"])))
    for match in _GA_SYMBOL_RE.finditer(flat):
        found.append((match.start(), ResolutionRef(GA, int(match["num"]), session=int(match["session"]))))
    return _dedupe(ref for _, ref in sorted(found, key=lambda pair: pair[0]))


_ASSEMBLY_RE = re.compile(r"\b(?:General Assembly|Assembly)(?:'s)?\s*$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(numeral):
    """Value of a Roman numeral (the session of an early General Assembly resolution)."""
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN[char]
        total += -value if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value else value
    return total


def _dedupe(refs):
    """Keep one reference per resolution, preferring the one that states its year."""
    by_key = {}
    for ref in refs:
        kept = by_key.get(ref.key)
        if kept is None or (kept.year is None and ref.year is not None):
            by_key[ref.key] = ref
    return list(by_key.values())
