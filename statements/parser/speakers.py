"""Who a speaker is, from what the record says around the labels.

Briefers speak under a bare label (``Mr. Chambas:``); the President introduced
them earlier, e.g. ``I invite Mr. Mohamed Ibn Chambas, Special Representative of
the Secretary-General and Head of …, to participate in this meeting`` (a rule 37
or 39 invitation), or just before, in the line that gives them the floor: ``I now
give the floor to the observer of the European Union.``, ``… to the Vice-Chair of
the Peacebuilding Commission.``, ``… to Mr. Mankeur Ndiaye, Special Representative
of ….``
"""
from collections import Counter
from dataclasses import dataclass
import re

from .text import fold

_HON = r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Dr)\."
_NAMEWORD = r"[A-Z\u00C0-\u024F][\w\u00C0-\u024F’'\-]*"
_OFFICE = (r"(?P<office>(?:Special|Deputy|Under|Assistant|Head|Chair|Vice|President|Permanent|Executive|"
           r"Director|Secretary|High|Chief|Prosecutor|Coordinator|Envoy|Minister|Commissioner|"
           r"Representative|Force|Police|Military|Registrar|Judge|Chef|Acting|United|Ambassador|Founder|"
           r"Member|Senior|Programme|Observer|Adviser|Advisor|Officer|General|Managing)[^;]*?)"
           r"(?=,?\s+(?:to\s+)?participate\b|,\s+and\s+(?:His|Her|Mr\.|Ms\.|Mrs\.)|;|\.\s|\.$)")
INVITE_RE = re.compile(
    rf"{_HON}\s+(?P<full>(?:{_NAMEWORD}\s+|(?:de|da|del|van|von|bin|ibn|al)\s+){{0,5}}{_NAMEWORD}),\s+" + _OFFICE
)
SURNAME_POST_CHARS = 300  # the most of a post read after a surname cut away from its honorific
SG_RE = re.compile(
    r"Secretary-General,?\s+(?:(?:His Excellency\s+)?(?:Mr|Ms|Mrs)\.\s+)?"
    rf"(?P<first>{_NAMEWORD})\s+(?P<last>{_NAMEWORD})"
)
BEHALF_RE = re.compile(
    r"(?P<lead>[^.]{0,80}?)\b(?:speak|speaking|statement|deliver|delivering|make|making|honour|pleased)\b"
    r"(?P<between>[^.]{0,80}?)\bon behalf of\s+(?P<group>(?:(?:Mr|Mrs|Ms|Dr|St)\.|[^.;:—–(])+)"
)


@dataclass(frozen=True)
class Introduction:
    """How the record introduces a speaker: full name (when printed) and post."""

    full_name: str = ""
    post: str = ""
    state: str = ""  # the State they speak for, where the record says so (see ``WELCOME_RE``)


# A head of State welcomed by the President (``I welcome His Majesty King Philippe, King of the
# Belgians, who will make a statement on behalf of the Kingdom of Belgium.``): the label prints no State.
WELCOME_RE = re.compile(
    rf"(?:His|Her)\s+(?:Majesty|Royal\s+Highness|Highness|Excellency)\s+(?:King|Queen|Prince|Princess|Emir|{_HON})\s+"
    rf"(?P<full>{_NAMEWORD}(?:\s+{_NAMEWORD}){{0,4}}),\s+(?P<post>[^.;,]{{3,120}}),\s+who\s+will\s+"
    r"(?:make\s+a\s+statement|speak|address\s+the\s+Council)\s+on\s+behalf\s+of\s+(?P<state>[^.;,]{2,80})"
)


def introductions(text):
    """Folded surname → ``Introduction``, for everyone introduced with an office."""
    found = {}
    for match in INVITE_RE.finditer(text):
        full = match["full"].split()
        office = re.sub(r"\s+", " ", match["office"]).strip().rstrip(",")
        for n in range(1, min(3, len(full)) + 1):  # 'Chambas', 'Ibn Chambas', …
            found.setdefault(fold(" ".join(full[-n:])), Introduction(" ".join(full), office))
    for match in WELCOME_RE.finditer(text):
        state = state_named(match["state"])
        if state:  # the label prints no State: the State's own name (Belgium, not the Kingdom of Belgium)
            from statements.countries import canonical

            state = canonical(state)[0]
        full = match["full"].split()
        for n in range(1, min(3, len(full)) + 1):
            key = fold(" ".join(full[-n:]))
            known = found.get(key, Introduction(" ".join(full), " ".join(match["post"].split())))
            found[key] = Introduction(known.full_name, known.post, state or known.state)
    return found


def post_after_surname(text, surname):
    """The post printed after ``surname`` and a comma (``Lowcock, Under-Secretary-General for …``) where
    an extractor cut the invitation's lines apart and set the honorific and first name elsewhere
    (``invite Mr. Mark`` in another block); the first such post, or ""."""
    for match in re.finditer(rf"(?<![\w’'-]){re.escape(surname)},\s+", text):
        post = re.match(_OFFICE, text[match.end():match.end() + SURNAME_POST_CHARS])
        if post:
            return re.sub(r"\s+", " ", post["office"]).strip().rstrip(",")
    return ""


def affiliations(text):
    """Folded surname → office, for everyone introduced with an office."""
    return {key: intro.post for key, intro in introductions(text).items()}


FLOOR_RE = re.compile(
    r"\b(?:(?:give|giving|yield|pass)\s+the\s+floor\s+to|(?:now\s+)?call\s+(?:up)?on)\s+"
    r"(?:our\s+next\s+speaker,\s+)?"
)
SENTENCE_BREAK_RE = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.;!?]\s+(?=[A-Z])")
PERSON_POST_RE = re.compile(
    rf"^(?:(?:His|Her)\s+(?:Excellency|Royal Highness|Highness|Eminence)\s+)?{_HON}\s+"
    rf"(?P<full>(?:{_NAMEWORD}\s+|(?:de|da|del|van|von|bin|ibn|al)\s+){{0,5}}{_NAMEWORD})"
    r"(?:,\s+(?P<post>.+))?$"
)
POST_OF_RE = re.compile(
    r"^(?:the\s+)?(?P<post>(?:(?:Permanent|Acting|Deputy|Vice|Head|Chair|Chairperson|President|Observer|"
    r"Representative|Secretary-General|Executive|Director|Special|High|Commissioner|Prosecutor|Registrar|"
    r"Minister|Ambassador|Chef|Coordinator|Envoy|Vice-Chair|Vice-President|observer|representative|"
    r"Chief|Under-Secretary-General|Assistant)[\w’'\- ]*?)\s+(?:of|for|to)\s+(?P<body>.+))$"
)


def floor_given(text):
    """The ``Introduction`` in the last sentence of ``text`` if it gives someone the floor, else None.

    ``text`` is what was said just before a turn (the President's last paragraph).
    """
    tail = re.sub(r"\s+", " ", text.strip())[-600:]
    starts = list(FLOOR_RE.finditer(tail))
    if not starts:
        return None
    who = tail[starts[-1].end():]
    if SENTENCE_BREAK_RE.search(who) or not who.endswith("."):
        return None  # the floor was given earlier; more was said since
    who = who[:-1].strip().rstrip(",")
    person = PERSON_POST_RE.match(who)
    if person:
        return Introduction(person["full"], (person["post"] or "").strip().rstrip(","))
    post = POST_OF_RE.match(who)
    if post and not re.match(r"(?i)(?:those|the)\s+(?:other\s+)?(?:Council\s+)?members\b", who):
        value = post["post"]
        return Introduction("", value[:1].upper() + value[1:])
    return None


def post_body(post):
    """The organisation or State a post belongs to (``Observer of the European Union`` → ``European Union``)."""
    match = POST_OF_RE.match(post)
    return re.sub(r"^the\s+", "", match["body"]).strip() if match else ""


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


def state_of(post):
    """The State a post serves, as printed (``Permanent Representative of Somalia`` → ``Somalia``),
    or None when the post belongs to an organisation or an office."""
    body = post_body(post) if post else ""
    if not body or re.search(r"(?i)\bsecretary-general\b", post):
        return None
    return state_named(body)


def state_named(text):
    """``text`` if it is a State's name or one of its spellings (``the Kingdom of Belgium``), else None."""
    from statements.countries import known_names

    name = " ".join(re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).split())
    folded = fold(name).replace("’", "'")
    return name if folded in {fold(k) for k in known_names()} else None
