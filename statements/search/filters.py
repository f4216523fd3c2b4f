"""Filters that are not facet links: those written in the query, a meeting, a date range.

``speaker:Nebenzia``, ``country:France``, ``meeting:S/PV.8700`` name things as
people write them; here they are resolved against the database to the ids and
codes the index holds (one query per kind of filter, whatever the number of
values). A filter that matches nothing is reported and makes the result empty,
rather than being silently dropped.
"""
from dataclasses import dataclass, field
from datetime import date
import re

from django.db.models import Q
from django.utils.text import slugify

from ..countries import canonical
from ..models import Country, Meeting, Speaker, Statement
from ..numbers import ascii_number
from ..parser.turns import HONORIFIC_PATTERN
from .aliases import country_code, name_key
from .facets import remove_url
from .names import speaker_ids_by_name
from .query import parse_date

ROLE_WORDS = {
    "president": "president", "member": "member", "council member": "member",
    "invited": "invited", "invited speaker": "invited", "guest": "invited",
    "briefer": "briefer", "chair": "chair", "procedure": "chair",
}
LANGUAGE_WORDS = {
    **{code: code for code, _ in Statement.Language.choices},
    **{label.lower(): code for code, label in Statement.Language.choices},
}
_HONORIFIC_RE = re.compile(rf"^{HONORIFIC_PATTERN}\s+", re.IGNORECASE)
_MEETING_RE = re.compile(
    r"^(?:S[/\-]PV\.?)?(?P<number>\d{1,5})(?:\s*(?:-R|\(Resumption\s*)(?P<resumption>\d{1,2})\)?)?$",
    re.IGNORECASE,
)
_LETTER_RE = re.compile(r"^S[/\-](?P<year>\d{4})[/\-](?P<number>\d{1,5})$", re.IGNORECASE)


@dataclass
class ActiveFilter:
    """A filter in force, shown above the results with a link that removes it."""

    name: str
    label: str
    remove_url: str


@dataclass
class Filters:
    narrows: list[str] = field(default_factory=list)  # engine filter queries, AND-ed
    date_from: date | None = None
    date_to: date | None = None
    active: list[ActiveFilter] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    matches_nothing: bool = False
    # Leave out the President's procedure in the chair ("I now give the floor to …"):
    # every search does unless the role filter asks for roles (service.search also
    # lets it back in when nothing else matches, as a vote said only in the chair).
    without_chair: bool = True

    def __bool__(self):
        return bool(self.narrows or self.date_from or self.date_to or self.matches_nothing)


def quote(value):
    """A filter value as a quoted term, safe in Whoosh, Solr and Elasticsearch query strings."""
    return '"%s"' % re.sub(r'["\\]', "", value)


def any_of(field_name, values):
    return " OR ".join(f"{field_name}:{quote(v)}" for v in values)


def resolve(in_query, params):
    """``Filters`` from the query's own filters and the URL's ``meeting``/``from``/``to``."""
    filters = Filters()
    for name, resolver in (("speaker", _speakers), ("country", _countries), ("meeting", _meetings)):
        values = [v[:100] for v in in_query.get(name, [])]
        if values:
            found, labels, missing = resolver(values)
            _narrow(filters, name, name, found, labels, missing)
            if labels:
                filters.active.append(ActiveFilter(
                    name, f"{name.capitalize()}: {', '.join(dict.fromkeys(labels))}",
                    _without_in_query(params, name)))
    for name, words, field_name in (("role", ROLE_WORDS, "role"), ("language", LANGUAGE_WORDS, "language")):
        values = in_query.get(name, [])
        codes = [words.get(v.lower().replace("_", " ")) for v in values]
        if values:
            _narrow(filters, name, field_name, [c for c in codes if c], [], [
                v for v, c in zip(values, codes) if not c])
    years = in_query.get("year", [])
    if years:
        good = [y for y in years if re.fullmatch(r"\d{4}", y)]
        _narrow(filters, "year", "year", good, good, [y for y in years if y not in good])

    meeting_slugs = [v for v in params.getlist("meeting") if re.fullmatch(r"[\w.\-]{1,60}", v)]
    if meeting_slugs:
        filters.narrows.append(any_of("meeting", meeting_slugs))
        meetings = _meetings_by_slug(meeting_slugs)
        filters.active.append(ActiveFilter(
            "meeting", "Meeting " + ", ".join(meetings.get(s, s) for s in meeting_slugs),
            remove_url(params, "meeting")))

    for name, end in (("from", False), ("to", True)):
        raw = [*in_query.get(name, []), *params.getlist(name)]
        raw = [v for v in raw if v.strip()]
        if not raw:
            continue
        value = parse_date(raw[-1], end=end)
        if value is None:
            filters.notices.append(f"“{raw[-1][:40]}” is not a date (write it as 2020-03-31), so it was left out.")
            continue
        setattr(filters, "date_to" if end else "date_from", value)
        if params.getlist(name):
            filters.active.append(ActiveFilter(
                name, f"{'To' if end else 'From'} {value:%-d %B %Y}", remove_url(params, name)))
    if (month := in_query.get("month")) and not (filters.date_from or filters.date_to):
        _latest_such_month(filters, month[-1])
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        filters.notices.append("The start date is after the end date, so no statement can match.")
        filters.matches_nothing = True
    filters.without_chair = not (in_query.get("role") or params.getlist("role"))
    return filters


def _latest_such_month(filters, value):
    """A month (``"05"``) or a day (``"05-21"``) typed without its year ("Colombia in April"): its
    dates in the latest year with a meeting then; a notice if no meeting was ever held then."""
    month, _, day = value.partition("-")
    meetings = Meeting.objects.filter(date__month=int(month), **({"date__day": int(day)} if day else {}))
    held = meetings.order_by("-date").values_list("date", flat=True).first()
    if held is None:
        name = date(2000, int(month), 1).strftime("%B")
        when = f"on {int(day)} {name}" if day else f"in {name}"
        filters.notices.append(f"No meeting was held {when}, so the date was left out.")
        return
    filters.date_from = parse_date(f"{held.year}-{value}")
    filters.date_to = parse_date(f"{held.year}-{value}", end=True)


def _without_in_query(params, name):
    """The query string with the query's own ``name:value`` filters taken out of ``q``."""
    query = params.copy()
    text = re.sub(rf'(?i)(?<!\S)-?{name}:(?:"[^"]*"|\S+)', " ", query.get("q", ""))
    query["q"] = " ".join(text.split())
    query.pop("page", None)
    return "?" + query.urlencode()


def _narrow(filters, name, field_name, found, labels, missing):
    for value in missing:
        filters.notices.append(f"No {name} matches “{value}”.")
    if missing and not found:
        filters.matches_nothing = True
    if found:
        filters.narrows.append(any_of(field_name, found))


def _speakers(values):
    """Speakers a ``speaker:`` value names: its whole name or last words, folded as a search folds
    names (``speaker:Jurgenson`` is Jürgenson, ``speaker:Jaafari`` Ja’afari), its address or id."""
    by_name = speaker_ids_by_name()
    named = {value: by_name.get(name_key(_HONORIFIC_RE.sub("", value)), []) for value in values}
    lookups = Q(pk__in=[pk for pks in named.values() for pk in pks])
    for value in values:
        lookups |= Q(slug__iexact=value)
        if (pk := ascii_number(value, 17)) is not None:
            lookups |= Q(pk=pk)
    speakers = list(Speaker.objects.select_related("country").filter(lookups))
    found, labels, missing = [], [], []
    for value in values:
        matched = [s for s in speakers if str(s.pk) in named[value]
                   or s.slug == value.lower() or str(s.pk) == value]
        if matched:
            found += [str(s.pk) for s in matched]
            labels += [s.label for s in matched]
        else:
            missing.append(value)
    return found, labels, missing


def _countries(values):
    lookups, wanted = Q(), {}
    for value in values:
        name, _ = canonical(value)
        # A short form people type ("UK", "Russia", "DPRK"): in a filter the field says it is a
        # State, so "us" is the United States here even in lower case.
        codes = {value.upper(), country_code(value, value.upper()) or value.upper()}
        wanted[value] = (name.lower(), codes, slugify(value))
        lookups |= Q(name__iexact=name) | Q(code__in=codes) | Q(slug=slugify(value))
    countries = list(Country.objects.filter(lookups))
    found, labels, missing = [], [], []
    for value, (name, codes, slug) in wanted.items():
        matched = [c for c in countries if c.name.lower() == name or c.code in codes or c.slug == slug]
        if matched:
            found += [c.key for c in matched]
            labels += [c.name for c in matched]
        else:
            missing.append(value)
    return found, labels, missing


def meeting_lookup(value):
    """``Q`` for the meetings a typed symbol names: ``S/PV.8700``, ``8700``, ``S/PV.8699-R1``, ``S/2020/254``."""
    value = value.strip()
    if match := _MEETING_RE.match(value):
        lookup = Q(symbol=f"S/PV.{int(match['number'])}")
        if match["resumption"]:
            lookup &= Q(resumption=int(match["resumption"]))
        return lookup
    if match := _LETTER_RE.match(value):
        return Q(symbol=f"S/{match['year']}/{int(match['number'])}")
    return None


def _meetings(values):
    lookups = {value: meeting_lookup(value) for value in values}
    combined = Q()
    for lookup in lookups.values():
        if lookup is not None:
            combined |= lookup
    meetings = list(Meeting.objects.filter(combined).only("symbol", "resumption")) if combined else []
    found, labels, missing = [], [], []
    for value, lookup in lookups.items():
        matched = [m for m in meetings if lookup is not None and _meeting_matches(m, value)]
        if matched:
            found += [m.slug for m in matched]
            labels += [m.full_symbol for m in matched]
        else:
            missing.append(value)
    return found, labels, missing


def _meeting_matches(meeting, value):
    if match := _MEETING_RE.match(value.strip()):
        return meeting.symbol == f"S/PV.{int(match['number'])}" and (
            not match["resumption"] or meeting.resumption == int(match["resumption"]))
    if match := _LETTER_RE.match(value.strip()):
        return meeting.symbol == f"S/{match['year']}/{int(match['number'])}"
    return False


def _meetings_by_slug(slugs):
    lookups = Q()
    for slug in slugs:
        if lookup := Meeting.slug_lookup(slug):
            lookups |= Q(**lookup)
    if not lookups:
        return {}
    return {m.slug: m.full_symbol for m in Meeting.objects.filter(lookups).only("symbol", "resumption")}
