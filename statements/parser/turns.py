"""Speaker labels: where a turn starts and who speaks.

Forms the records use, at the start of a paragraph::

    Mr. Umarov (Kazakhstan): ...
    Mr. Abarry (Niger) (spoke in French): ...
    Mr. Singer Weisinger (Dominican Republic)      <- a label may wrap
    (spoke in Spanish): ...
    Mr. Chambas: ...                                <- a briefer, no country
    The President (spoke in Russian): ...
    The Secretary-General: ...

A paragraph that is only ``(spoke in English)`` is a language switch inside a
turn, not a new turn.
"""
from dataclasses import dataclass
from functools import lru_cache
import re

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Sir", "Dame", "Dr", "Lord", "Lady", "Baroness",
              "Archbishop", "Cardinal", "Monsignor", "Msgr", "Prince", "Princess",
              "Sheikh", "Sheikha", "Judge", "Professor", "Prof", "General", "Bishop",
              "Dato", "Datuk", "Dato’", "Tan Sri", "King", "Queen", "Emir", "President",
              "Crown Prince", "Archduke", "Rev", "Father", "Imam", "Rabbi")
LANGUAGES = {"arabic": "ar", "chinese": "zh", "english": "en", "french": "fr",
             "russian": "ru", "spanish": "es"}
TITLES = ("President", "Secretary-General", "Deputy Secretary-General", "Acting President",
          "Vice-President", "Chair", "Chairperson")

# An honorific as a regular expression (no group), for whoever reads labels.
HONORIFIC_PATTERN = r"(?:%s)\.?" % "|".join(sorted(HONORIFICS, key=len, reverse=True))
_HON = rf"(?P<honorific>{HONORIFIC_PATTERN})"
_PARTICLE = r"(?:de|da|del|della|dela|di|do|dos|das|du|van|von|der|den|ter|bin|ibn|binti|al|el|la|le|y|e)"
_WORD = r"(?:[A-Z\u00C0-\u024F][\w\u00C0-\u024F’'.\-]*)"
_NAME = rf"(?P<name>{_WORD}(?:\s+(?:{_WORD}|{_PARTICLE}(?=\s)|{_PARTICLE}-{_WORD})){{0,6}})"
_COUNTRY = r"\((?P<country>(?!spoke in)(?:[^()]|\([^()]*\)){2,120})\)"
_SPOKE = (r"\((?:spoke\s+in|interpretation\s+from)\s+(?P<language>[A-Za-z]+)"
          r"(?:[;,][^()]*)?\)")  # "(spoke in Arabic; interpretation provided by the delegation)"
_BEHALF = r"\((?:speaking\s+)?on\s+behalf\s+of\s+(?P<behalf>[^()]+)\)"
PERSON_LABEL_RE = re.compile(
    rf"^{_HON}\s+{_NAME}(?:\s*{_SPOKE.replace('language>', 'language0>')})?(?:\s*{_COUNTRY})?(?:\s*{_BEHALF})?(?:\s*{_SPOKE})?(?:\s*{_BEHALF.replace('behalf>', 'behalf2>')})?\s*:\s*"  # noqa: E501
)
TITLE_LABEL_RE = re.compile(
    rf"^The\s+(?P<title>{'|'.join(re.escape(t) for t in TITLES)})(?:\s*{_SPOKE})?\s*:\s*"
)
SWITCH_RE = re.compile(rf"^\s*{_SPOKE}\s*$")
# A speaker printed by first name only, then the language (``Hadiza (spoke in French):``, a youth
# delegate): only with the language, which no sentence opens with.
GIVEN_NAME_LABEL_RE = re.compile(rf"^(?P<name>[A-Z][a-z\u00C0-\u024F]+(?: [A-Z][a-z\u00C0-\u024F]+)?)\s*{_SPOKE}\s*:\s*")


@dataclass
class Label:
    label: str  # as printed, without the colon
    honorific: str
    name: str
    country: str | None
    title: str  # 'President', 'Secretary-General', … for title labels
    language: str  # ISO 639-1 ('en' when the record does not say)
    on_behalf_of: str
    end: int  # where the speech starts in the paragraph


def language_code(name):
    return LANGUAGES.get((name or "english").lower(), "other")


def match_label(text):
    """The label at the start of a paragraph, or None; a label with too few or too many spaces
    (``Mr. Pecsteen de Buy tswer ve (Belgium) (spoke in French):``) is read as ``respace_label``
    sets it, its ``end`` still an index of ``text``."""
    label = _match_label(text)
    if label is None and (respaced := respace_label(text)) != text:
        label = _match_label(respaced)
        if label is not None:
            colon = text.find(":", 0, LABEL_CHARS)
            label.end = len(text) - len(text[colon + 1:].lstrip())
    return label


def _match_label(text):
    m = TITLE_LABEL_RE.match(text)
    if m:
        return Label(label=text[:m.end()].rstrip().rstrip(":").strip(), honorific="", name="",
                     country=None, title=m["title"], language=language_code(m["language"]),
                     on_behalf_of="", end=m.end())
    m = PERSON_LABEL_RE.match(text)
    if m:
        name = m["name"].strip()
        if name.endswith(".") or len(name) > 60:
            return None
        if name == "President" and not m["country"]:  # ``Mr. President (spoke in French):``, no one's name
            return Label(label=text[:m.end()].rstrip().rstrip(":").strip(), honorific="", name="",
                         country=None, title="President", language=language_code(m["language"] or m["language0"]),
                         on_behalf_of="", end=m.end())
        country = re.sub(r"\s+", " ", m["country"]).strip() if m["country"] else None
        if country and "(" not in country:  # "SyrianArab Republic", "Ger many": a State's spaces set right
            country = respaced_state(country) or country
        return Label(label=text[:m.end()].rstrip().rstrip(":").strip(), honorific=m["honorific"],
                     name=name, country=country, title="", language=language_code(m["language"] or m["language0"]),
                     on_behalf_of=(m["behalf"] or m["behalf2"] or "").strip(), end=m.end())
    m = GIVEN_NAME_LABEL_RE.match(text)
    if m and m["name"] not in ("The", "President"):
        return Label(label=text[:m.end()].rstrip().rstrip(":").strip(), honorific="", name=m["name"],
                     country=None, title="", language=language_code(m["language"]), on_behalf_of="",
                     end=m.end())
    return None


def language_switch(text):
    """``(spoke in English)`` alone in a paragraph: the language code, else None."""
    m = SWITCH_RE.match(text)
    return language_code(m["language"]) if m else None


_COUNTRY_FIRST_RE = re.compile(r"^\((?P<country>[^()]{2,80})\):\s*(?P<rest>.*)$")
_SPOKE_CUT_RE = re.compile(r"^\s*(?:The\s+\w[\w-]*|\S.{0,80}?\))\s+\(spoke\s*$")
_SPOKE_TAIL_RE = re.compile(r"^in\s+(?:Arabic|Chinese|English|French|Russian|Spanish)\)\s*:")
_NAME_ALONE_RE = re.compile(rf"^{_HON}\s+{_NAME}\s*$")
_COUNTRY_ALONE_RE = re.compile(r"^\((?P<country>[^()]{2,80})\)$")
_LANGUAGE_REST_RE = re.compile(r"^in\s+(?P<language>Arabic|Chinese|English|French|Russian|Spanish)\)\s*:\s*(?P<rest>.*)$")


def rejoin_split_labels(lines):
    """Put back a label an extractor cut into text boxes and printed country first.

    pdfminer may print ``(Italy):`` then, after a blank line, ``Mrs.  Zappia``;
    the label is ``Mrs. Zappia (Italy):``. Only a line that is a bare
    ``(Country):`` followed by a line that is a bare name is rejoined. It may
    also cut ``The President (spoke`` from ``in Russian): I`` with a line of the
    speech between them.
    """
    out, i = list(lines), 0
    while i < len(out):
        if _SPOKE_CUT_RE.search(out[i]):  # "The President (spoke" … "in Russian): I"
            for j in range(i + 1, min(i + 5, len(out))):
                if _SPOKE_TAIL_RE.match(out[j].strip()):
                    between = [line.strip() for line in out[i + 1:j] if line.strip()]
                    tail = re.sub(r"\s+", " ", out[j].strip())
                    out[i] = " ".join([re.sub(r"\s+", " ", out[i].strip()), tail] + between) + " "
                    del out[i + 1:j + 1]
                    break
        _rejoin_country_name_language(out, i)
        m = _COUNTRY_FIRST_RE.match(out[i].strip())
        if m and (i == 0 or not out[i - 1].strip()):
            j = i + 1
            while j < len(out) and j <= i + 2 and not out[j].strip():
                j += 1
            if j < len(out) and _NAME_ALONE_RE.match(out[j].strip()):
                name = re.sub(r"\s+", " ", out[j].strip())
                rest = f" {m['rest']} " if m["rest"] else " "
                out[i] = f"{name} ({m['country'].strip()}):{rest}"
                del out[i + 1:j + 1]
        i += 1
    return out


# A label whose spaces an extractor lost (characters set tighter than its word gap):
# ``Ms.Pierce(UnitedKingdom):Iknow``, ``ThePresident:Ithank``. Up to its colon it has no space.
GLUED_LABEL_RE = re.compile(r"^(?P<head>(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr)\.(?=[A-Z])|The(?=President:|Secretary-General:))"
                            r"(?P<label>[^\s:]*):(?P<rest>.*)$")
GLUED_PART_RE = re.compile(r"\((?P<inside>[^()\s]*)\)")
GLUED_SPOKE_RE = re.compile(r"^(?:spoke|interpretationfrom)in(?P<language>Arabic|Chinese|English|French|Russian|Spanish)$",
                            re.IGNORECASE)


@lru_cache(maxsize=1)
def _states_unspaced():
    """The project's spellings of States (folded) by the same without spaces."""
    from statements.countries import known_names

    return {spelling.replace(" ", ""): spelling for spelling in known_names()}


def _spaced_like(glued, spelling):
    """``glued`` (``SaudiArabia``) with spaces where ``spelling`` (``saudi arabia``) has them."""
    out, k = [], 0
    for char in spelling:
        if char == " ":
            out.append(" ")
        else:
            out.append(glued[k])
            k += 1
    return "".join(out)


def unglue_label(line):
    """``line`` with the spaces of a glued label put back (``Ms. Pierce (United Kingdom): Iknow``):
    after the honorific or ``The``, before each parenthesis, inside a country's name (the project's
    list of States tells where) and a language switch, and after the colon. A label only partly
    glued, or with spaces set inside its words, is set right by ``respace_label``. Else ``line``."""
    m = GLUED_LABEL_RE.match(line)
    if not m:
        return respace_label(line)
    unspaced = _states_unspaced()

    def part(paren):
        inside = paren["inside"]
        if spoke := GLUED_SPOKE_RE.match(inside):
            return f" (spoke in {spoke['language']})"
        spelling = unspaced.get(inside.replace("’", "'").lower())
        return f" ({_spaced_like(inside, spelling) if spelling else inside})"

    label = GLUED_PART_RE.sub(part, m["label"])
    rest = m["rest"].lstrip()
    return f"{m['head'].rstrip()} {label.strip()}:" + (f" {rest}" if rest else "")


LABEL_CHARS = 200  # a label's colon stands this near the line's start
# Up to its colon: an honorific (its space after the dot perhaps lost) and a name, or ``The President``
# or ``The Secretary-General`` (spaces perhaps lost), then one to three parenthesised parts. Character
# classes without the parentheses, bounded: no backtracking on a long line.
SPACED_HEAD_RE = re.compile(r"^(?P<head>(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr)\.\s*(?=[A-Z\u00C0-\u024F])[^():]{1,80}?"
                            r"|The\s*(?:President|Secretary-General))\s*(?P<parts>(?:\([^():]{1,120}\)\s*){1,3})$")
PART_RE = re.compile(r"\((?P<inside>[^()]*)\)")


def _respaced_part(inside):
    """A label's parenthesised part as printed (``spoke in French``, ``South Africa``) when, its spaces
    taken out, it is a language switch or one of the project's States; else None."""
    if spoke := GLUED_SPOKE_RE.match("".join(inside.split())):
        return f"spoke in {spoke['language'].capitalize()}"
    return respaced_state(inside)


def respaced_state(printed):
    """``printed`` (``SyrianArab Republic``, ``Ger many``) as the project's list of States spaces it
    when, its spaces taken out, it is one of them; else None."""
    from statements.countries import known_names

    printed = " ".join(printed.split())
    if printed.replace("’", "'").lower() in known_names():
        return printed
    compact = printed.replace(" ", "")
    spelling = _states_unspaced().get(compact.replace("’", "'").lower())
    return _spaced_like(compact, spelling) if spelling else None


PARTICLES = frozenset(re.findall(r"\w+", _PARTICLE))


def _rejoined_name(words):
    """A label's honorific and name from its words, a piece in lower case that is no particle
    joined to the word before (``Buy tswer ve`` → ``Buytswerve``, ``K ing`` → ``King``): a name's
    words start with a capital."""
    out = []
    for word in words:
        if out and len(out) > 1 and word[:1].islower() and word not in PARTICLES:
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def respace_label(line):
    """A label an extractor set with too few or too many spaces, as the record prints it:
    ``Mr.Umarov(Kazakhstan):We`` or ``Mr. Umar ov (Ka zakhstan) (spok e in Russian):`` →
    ``Mr. Umarov (Kazakhstan) (spoke in Russian): We``. Only a line that opens with an honorific and
    a name, or ``The President``, followed by parenthesised parts of which one, its spaces taken
    out, is a State or a language switch (the project's list of States tells where a State's
    spaces go); else ``line`` as it is."""
    colon = line.find(":", 0, LABEL_CHARS)
    if colon < 0:
        return line
    if "(" not in line[:colon]:
        return _respaced_title(line, colon)
    m = SPACED_HEAD_RE.match(line[:colon])
    if not m:
        return line
    parts, known = [], False
    for part in PART_RE.finditer(m["parts"]):
        respaced = _respaced_part(part["inside"])
        known = known or respaced is not None
        parts.append(f"({respaced or ' '.join(part['inside'].split())})")
    if not known:
        return line
    head = _rejoined_name(m["head"].split())
    if head.startswith("The"):
        head = "The " + head[3:].strip()
    else:
        dot = head.index(".")
        head = f"{head[:dot + 1]} {head[dot + 1:].strip()}"
    rest = line[colon + 1:].lstrip()
    label = f"{head} {' '.join(parts)}:"
    return label + (f" {rest}" if rest else (" " if line.endswith(" ") else ""))


def _respaced_title(line, colon):
    """``The Pres ident: I …`` (a scan's space inside the title) as ``The President: I …``; else ``line``."""
    compact = "".join(line[:colon].split())
    title = next((t for t in TITLES if compact == "The" + "".join(t.split())), None)
    if title is None or line[:colon].strip() == f"The {title}":
        return line
    rest = line[colon + 1:].lstrip()
    return f"The {title}:" + (f" {rest}" if rest else (" " if line.endswith(" ") else ""))


def _next_nonblank(lines, i, limit=2):
    """Index of the first non-blank line after ``i`` (at most ``limit`` blank lines between), or None."""
    j = i + 1
    while j < len(lines) and j <= i + limit and not lines[j].strip():
        j += 1
    return j if j < len(lines) and lines[j].strip() else None


def _rejoin_country_name_language(out, i):
    """``(Argentina)`` / ``Mr. García Moritán`` / ``in Spanish): I take …``, each in its own box,
    and the ``(spoke`` box a few lines further: one label ``Mr. García Moritán (Argentina) (spoke in
    Spanish): I take …``."""
    country = _COUNTRY_ALONE_RE.match(re.sub(r"\s+", " ", out[i].strip()))
    if not country or (i and out[i - 1].strip()):
        return
    j = _next_nonblank(out, i)
    k = _next_nonblank(out, j) if j is not None and _NAME_ALONE_RE.match(out[j].strip()) else None
    tail = _LANGUAGE_REST_RE.match(re.sub(r"\s+", " ", out[k].strip())) if k is not None else None
    if k is not None and not tail and out[k].strip() == "in" and k + 1 < len(out):  # "in" / "Spanish): I …"
        tail = _LANGUAGE_REST_RE.match("in " + re.sub(r"\s+", " ", out[k + 1].strip()))
        k += 1
    if not tail:
        return
    name = re.sub(r"\s+", " ", out[j].strip())
    rest = f" {tail['rest']} " if tail["rest"] else " "
    out[i] = f"{name} ({country['country']}) (spoke in {tail['language']}):{rest}"
    del out[i + 1:k + 1]
    for n in range(i + 1, min(i + 40, len(out))):
        if out[n].strip() == "(spoke":
            del out[n]
            break
