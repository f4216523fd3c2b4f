"""Run a search: query, filters, facets, page; shared by the page and the API.

Built on haystack's ``SearchQuerySet`` only (filter, narrow, facet, order_by),
so another engine can be configured without touching this module or the views.
"""
from dataclasses import dataclass, field
import logging

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict
from haystack.inputs import AutoQuery
from haystack.query import SearchQuerySet

from ..models import Country, Resolution, Speaker, Statement
from .query import parse_query
from .snippets import make_snippet, query_terms

log = logging.getLogger(__name__)

# Facet name -> index field. Values are ids or codes; labels come from the database.
FACETS = {"speaker": "speaker", "country": "country", "year": "year"}
SORTS = {"relevance": None, "newest": "-date", "oldest": "date"}
PAGE_SIZE = 20


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    toggle_url: str = ""


@dataclass
class Hit:
    statement: Statement
    snippet: str


@dataclass
class SearchOutcome:
    query: str
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    page: object = None
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    selected: dict[str, list[str]] = field(default_factory=dict)
    resolutions: list[Resolution] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sort: str = "relevance"


def selected_filters(params):
    """Facet filters from the query string, keeping only known facets and sane values."""
    selected = {}
    for name in FACETS:
        values = [v.strip() for v in params.getlist(name) if v.strip() and len(v) <= 100]
        if values:
            selected[name] = list(dict.fromkeys(values))
    return selected


def _escape_value(value):
    return '"%s"' % value.replace("\\", "").replace('"', "")


def build_queryset(parsed, selected, sort):
    sqs = SearchQuerySet().models(Statement)
    if parsed.text:
        sqs = sqs.filter(content=AutoQuery(parsed.text))
    for ref in parsed.resolutions:
        sqs = sqs.narrow(f"resolutions:{_escape_value(ref.key)}")
    for name, values in selected.items():
        field_name = FACETS[name]
        sqs = sqs.narrow(" OR ".join(f"{field_name}:{_escape_value(v)}" for v in values))
    for field_name in FACETS.values():
        sqs = sqs.facet(field_name)
    if SORTS.get(sort):
        sqs = sqs.order_by(SORTS[sort])
    return sqs


def search(params: QueryDict, page_size=PAGE_SIZE):
    parsed = parse_query(params.get("q", ""))
    selected = selected_filters(params)
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    outcome = SearchOutcome(query=parsed.raw, selected=selected, sort=sort)
    if parsed.truncated:
        outcome.notices.append("Your query was long, so only its first 500 characters were used.")
    outcome.resolutions = _resolutions(parsed.resolutions)
    if not (parsed.text or parsed.resolutions or selected):
        return outcome

    sqs = build_queryset(parsed, selected, sort)
    try:
        count = sqs.count()
    except Exception:  # a query the engine cannot parse: retry as plain words
        log.info("query fell back to plain words: %r", parsed.text, exc_info=True)
        parsed.text = " ".join("".join(ch for ch in parsed.text if ch.isalnum() or ch.isspace()).split())
        outcome.notices.append("Part of your query could not be read, so it was searched as plain words.")
        sqs = build_queryset(parsed, selected, sort)
        count = sqs.count() if (parsed.text or parsed.resolutions or selected) else 0

    paginator = Paginator(sqs, page_size)
    try:
        page = paginator.page(params.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(1) if count else None
        if params.get("page") not in (None, "", "1"):
            outcome.notices.append("That page does not exist; showing the first page.")
    outcome.count = count
    outcome.page = page
    if page is not None:
        outcome.hits = _hits(page.object_list, parsed.text, parsed.resolutions)
    outcome.facets = _facets(sqs.facet_counts(), selected, params)
    return outcome


def _resolutions(refs):
    found = []
    for ref in refs:
        if ref.body == "GA":
            lookup = {"body": "GA", "session": ref.session, "number": ref.number}
        else:
            lookup = {"body": "SC", "number": ref.number}
        resolution = Resolution.objects.filter(**lookup).first()
        found.append(resolution or Resolution(**lookup, year=ref.year))
    return found


def _hits(results, text, refs):
    ids = [int(result.pk) for result in results]
    statements = Statement.objects.select_related("meeting", "speaker", "country").in_bulk(ids)
    terms = query_terms(text) | {str(ref.number) for ref in refs}
    return [
        Hit(statement=statements[pk], snippet=make_snippet(statements[pk].text, terms))
        for pk in ids if pk in statements
    ]


def _facets(counts, selected, params):
    fields = (counts or {}).get("fields", {})
    labels = {
        "speaker": lambda keys: {str(s.pk): s.label for s in Speaker.objects.select_related("country")
                                 .filter(pk__in=[k for k in keys if k.isascii() and k.isdigit()])},
        "country": _country_labels,
        "year": lambda keys: {k: k for k in keys},
    }
    facets = {}
    for name, field_name in FACETS.items():
        pairs = [(str(value), n) for value, n in fields.get(field_name, []) if value is not None]
        names = labels[name]([value for value, _ in pairs] + selected.get(name, []))
        values = [FacetValue(value=v, label=names.get(v, v), count=n,
                             selected=v in selected.get(name, [])) for v, n in pairs]
        if name == "year":
            values.sort(key=lambda fv: fv.value, reverse=True)
        for fv in values:
            fv.toggle_url = toggle_url(params, name, fv.value)
        facets[name] = values
    return facets


def _country_labels(keys):
    rows = Country.objects.filter(code__in=keys) | Country.objects.filter(slug__in=keys)
    return {country.key: country.name for country in rows}


def toggle_url(params, name, value):
    """The query string with ``name=value`` added or removed; the page number is dropped."""
    query = params.copy()
    values = query.getlist(name)
    query.setlist(name, [v for v in values if v != value] if value in values else values + [value])
    query.pop("page", None)
    return "?" + query.urlencode()
