"""Who a speaker is, from what the record says around the labels.

Briefers speak under a bare label (``Mr. Chambas:``); the President introduced
them earlier, e.g. ``I invite Mr. Mohamed Ibn Chambas, Special Representative of
the Secretary-General and Head of …, to participate in this meeting``.
"""
from collections import Counter
import re

from .text import fold

_HON = r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr)\."
_NAMEWORD = r"[A-Z\u00C0-\u024F][\w\u00C0-\u024F’'\-]*"
INVITE_RE = re.compile(
    rf"{_HON}\s+(?P<full>(?:{_NAMEWORD}\s+|(?:de|da|del|van|von|bin|ibn|al)\s+){{0,5}}{_NAMEWORD}),\s+"
    r"(?P<office>(?:Special|Deputy|Under|Assistant|Head|Chair|Vice|President|Permanent|Executive|"
    r"Director|Secretary|High|Chief|Prosecutor|Coordinator|Envoy|Minister|Commissioner|"
    r"Representative|Force|Police|Military|Registrar|Judge|Chef|Acting|United|Ambassador|Founder|"
    r"Member|Senior|Programme|Observer|Adviser|Advisor|Officer|General)[^;]*?)"
    r"(?=,?\s+to participate\b|,\s+and\s+(?:His|Her|Mr\.|Ms\.|Mrs\.)|;|\.\s|\.$)"
)
SG_RE = re.compile(
    r"Secretary-General,?\s+(?:(?:His Excellency\s+)?(?:Mr|Ms|Mrs)\.\s+)?"
    rf"(?P<first>{_NAMEWORD})\s+(?P<last>{_NAMEWORD})"
)
BEHALF_RE = re.compile(
    r"(?P<lead>[^.]{0,80}?)\b(?:speak|speaking|statement|deliver|delivering|make|making|honour|pleased)\b"
    r"(?P<between>[^.]{0,80}?)\bon behalf of\s+(?P<group>(?:(?:Mr|Mrs|Ms|Dr|St)\.|[^.;:—–(])+)"
)


def affiliations(text):
    """Folded surname → office, for everyone introduced with an office."""
    found = {}
    for match in INVITE_RE.finditer(text):
        full = match["full"].split()
        office = re.sub(r"\s+", " ", match["office"]).strip().rstrip(",")
        for n in range(1, min(3, len(full)) + 1):  # 'Chambas', 'Ibn Chambas', …
            found.setdefault(fold(" ".join(full[-n:])), office)
    return found


def secretary_general_name(text):
    """(surname, honorific) of the Secretary-General as the record names them, or None."""
    names = Counter()
    for match in SG_RE.finditer(text):
        if match["last"][0].isupper() and match["first"] not in ("The", "In", "On", "I", "We"):
            names[match["last"]] += 1
    if not names:
        return None
    surname, _ = names.most_common(1)[0]
    honorific = "Ms." if re.search(rf"Ms\.\s+\w+\s+{re.escape(surname)}", text) else "Mr."
    return surname, honorific


def on_behalf_of(text):
    """The group a statement is made for, from its opening (``I speak on behalf of …``)."""
    match = BEHALF_RE.search(text[:700])
    if not match or re.search(r"\balign|\bsupport|\bendorse|\bthe statement (?:to be |just )?(?:delivered|made)\b",
                              match["lead"] + match["between"]):
        return ""  # "aligns itself with the statement delivered on behalf of …"
    group = re.split(r",\s+(?=[a-z])|\s+(?:and my own|in my|as well as)\b", match["group"])[0]
    group = re.sub(r"^the\s+", "", group.strip().rstrip(","))
    if fold(group) in ("council", "security council") or len(group) > 150:
        return ""
    return group
