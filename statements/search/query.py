"""Translate what a user typed into what the index is asked.

A query may name resolutions in any usual form (``2341``, ``resolution 2341
(2017)``, ``S/RES/2341 (2017)``, ``res. 2341``, ``59/290``); those become
filters on the statements citing them, and whatever words remain are searched
as text.
"""
from dataclasses import dataclass, field
import re

from ..parser.citations import ResolutionRef, find_citations, ref_from_parts

MAX_QUERY_LENGTH = 500

_BARE_NUMBER_RE = re.compile(r"^\s*(?P<num>\d{1,4}(?:/\d{1,4})?)(?:\s*\((?P<year>\d{4})\))?\s*$")
_CITATION_RE = re.compile(
    r"\b(?:(?:general\s+assembly|security\s+council)\s+)?(?:resolutions?|res\.)\s+"
    r"\d{1,4}(?:/\d{1,4})?(?:\s*\(\d{4}\))?"
    r"|\b[SA]/RES/\d{1,4}(?:/\d{1,4})?(?:\s*\(\d{4}\))?",
    re.IGNORECASE,
)


@dataclass
class ParsedQuery:
    raw: str
    text: str
    resolutions: list[ResolutionRef] = field(default_factory=list)
    truncated: bool = False


def parse_query(raw):
    raw = (raw or "").replace("\x00", " ")
    truncated = len(raw) > MAX_QUERY_LENGTH
    raw = raw[:MAX_QUERY_LENGTH]
    bare = _BARE_NUMBER_RE.match(raw)
    if bare:
        return ParsedQuery(raw=raw, text="", resolutions=[ref_from_parts(bare["num"], bare["year"])],
                           truncated=truncated)
    refs = find_citations(raw)
    text = _CITATION_RE.sub(" ", raw) if refs else raw
    return ParsedQuery(raw=raw, text=" ".join(text.split()), resolutions=refs, truncated=truncated)
