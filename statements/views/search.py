"""The search page, its JSON twin and the query-syntax help: one search, two renderings."""
from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from ..models import Speaker
from ..search import facets as facet_defs
from ..search import filters as filter_defs
from ..search import service, trends
from ..search.query import parse_query
from . import citations

# The most values one facet's own page lists (every speaker of the whole portal fits).
FACET_PAGE_LIMIT = 2000


def search_or_correction(params, correct=True, **options):
    """The search; when it finds nothing and a spelling correction exists, the corrected search.

    The outcome then carries ``searched_instead`` (what was typed) and
    ``original_url`` (a link to search for it anyway): "Showing results for
    humanitarian; search instead for humanitrian".
    """
    outcome = service.search(params, **options)
    outcome.searched_instead, outcome.original_url = None, None
    if correct and outcome.searched and not outcome.count and outcome.suggestion:
        corrected_params = params.copy()
        corrected_params["q"] = outcome.suggestion.query
        corrected_params.pop("page", None)
        corrected = service.search(corrected_params, **options)
        if corrected.count:
            original = params.copy()
            original.pop("page", None)
            original["verbatim"] = "1"
            corrected.searched_instead = outcome.query
            corrected.original_url = "?" + original.urlencode()
            corrected.suggestion = outcome.suggestion  # the correction applied (the API names it)
            return corrected
    return outcome


class SearchView(TemplateView):
    template_name = "statements/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        outcome = search_or_correction(params, correct=not params.get("verbatim"), with_trend=True,
                                       with_neighbours=True)
        context["outcome"] = outcome
        export_params = params.copy()
        export_params.pop("page", None)
        if outcome.searched_instead:  # the export holds what is shown
            export_params["q"] = outcome.query
        context["export_query"] = export_params.urlencode()
        context["export_cap"] = settings.EXPORT_STATEMENT_ROWS  # a search export's part (views.exports)
        context["results_citation"] = citations.of_results(
            outcome.query, outcome.count,
            self.request.build_absolute_uri(reverse("statements:search") + "?" + context["export_query"]),
            timezone.now())
        if outcome.count:
            trend_params = params.copy()
            trend_params["q"] = outcome.query
            context["trend"] = trends.for_search(trend_params, counts=outcome.meeting_counts)
            context["trend_query"] = trend_params.urlencode()
            context["trend_csv_url"] = reverse("statements:trends_csv", args=["csv"]) + "?" + context["trend_query"]
            context["measure"] = "share" if params.get("measure") == "share" else "count"
            if len(outcome.selected.get("country", [])) > 1:  # the same term, one line per country
                context["compare_countries_query"] = context["trend_query"] + "&compare=country"
        context["filters_in_force"] = len(outcome.selected_values) + len(outcome.active)
        context["hidden_params"] = [
            (name, value) for name, values in params.lists()
            for value in values if name not in ("q", "page", "sort", "from", "to", "verbatim")
        ]
        return context


class FacetValuesView(TemplateView):
    """Every value of one facet for a search (the sidebar shows the top few), as links back to it."""

    template_name = "statements/facet_values.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facet = service.FACETS.get(kwargs["name"])
        if facet is None:
            raise Http404("No such facet")
        params = self.request.GET
        parsed = parse_query(params.get("q", ""))
        selected = service.selected_filters(params)
        filters = filter_defs.resolve(parsed.filters, params)
        pairs = []
        if not filters.matches_nothing:
            sqs = service.build_queryset(parsed, filters, selected, skip_facet=facet.name)
            sqs = sqs.facet(facet.field, limit=FACET_PAGE_LIMIT)
            sqs.query.set_limits(0, 1)  # only the counts
            pairs = (sqs.facet_counts() or {}).get("fields", {}).get(facet.field, [])
        pairs = [(str(v), n) for v, n in pairs if v not in (None, "")]
        if facet.by_value:
            pairs.sort(reverse=True)
        labels = facet_defs.labels_of(facet.name, [v for v, _ in pairs])
        chosen = selected.get(facet.name, [])
        context.update(
            facet=facet, query=parsed.raw,
            values=[facet_defs.FacetValue(value=v, label=labels.get(v) or v, count=n, selected=v in chosen,
                                          toggle_url=facet_defs.toggle_url(params, facet.name, v))
                    for v, n in pairs],
            back_url="?" + params.urlencode(),
        )
        return context


class SearchHelpView(TemplateView):
    template_name = "statements/search_help.html"


class ApiSearchView(View):
    def get(self, request):
        params = request.GET
        outcome = search_or_correction(params, correct=not params.get("verbatim"))
        return JsonResponse(as_json(outcome, request))


def as_json(outcome, request):
    absolute = request.build_absolute_uri
    # The person behind each label as printed, in one query (``speaker`` stays the label: the contract).
    names = {pk: Speaker.own_name_of(name, full_name) for pk, name, full_name in Speaker.objects.filter(
        pk__in={hit.statement.speaker_id for hit in outcome.hits} - {None}).values_list("pk", "name", "full_name")}
    results = []
    for hit in outcome.hits:
        statement = hit.statement
        agenda = statement.meeting.agenda_item if statement.meeting_id else None
        results.append({
            "url": absolute(statement.get_absolute_url()),
            "speaker": statement.speaker_label,
            "speaker_id": statement.speaker_id,
            "speaker_name": names.get(statement.speaker_id),
            "country": statement.country.name if statement.country_id else None,
            "meeting": statement.meeting.full_symbol if statement.meeting_id else None,
            "date": statement.date.isoformat() if statement.date else None,
            "agenda_item": agenda.title if agenda else None,
            "snippet": str(hit.snippet),
            "role": statement.role or None,
            "language": statement.language,
        })
    return {
        "query": outcome.query,
        "searched_instead": getattr(outcome, "searched_instead", None),
        "count": outcome.count,
        "page": outcome.page.number if outcome.page else None,
        "pages": outcome.page.paginator.num_pages if outcome.page else 0,
        "sort": outcome.sort,
        "results": results,
        "facets": {
            name: [{"value": fv.value, "label": fv.label, "count": fv.count, "selected": fv.selected,
                    "toggle": fv.toggle_url}
                   for fv in values]
            for name, values in outcome.facets.items()
        },
        "filters": [{"name": f.name, "label": f.label, "remove": f.remove_url} for f in outcome.active],
        "resolutions": [
            {"symbol": r.symbol, "label": r.label, "url": absolute(r.get_absolute_url()) if r.pk else None}
            for r in outcome.resolutions
        ],
        "go_to": [{"kind": p.kind, "label": p.label, "url": absolute(p.url)} for p in outcome.named_pages],
        "suggestion": ({"query": outcome.suggestion.query, "url": outcome.suggestion.url}
                       if outcome.suggestion else None),
        "notices": outcome.notices,
    }
