"""The search page, its JSON twin and the query-syntax help: one search, two renderings."""
from django.http import JsonResponse
from django.views import View
from django.views.generic import TemplateView

from ..search import service


class SearchView(TemplateView):
    template_name = "statements/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outcome = service.search(self.request.GET)
        context["outcome"] = outcome
        context["hidden_params"] = [
            (name, value) for name, values in self.request.GET.lists()
            for value in values if name not in ("q", "page", "sort", "from", "to")
        ]
        return context


class SearchHelpView(TemplateView):
    template_name = "statements/search_help.html"


class ApiSearchView(View):
    def get(self, request):
        outcome = service.search(request.GET)
        return JsonResponse(as_json(outcome, request))


def as_json(outcome, request):
    absolute = request.build_absolute_uri
    results = []
    for hit in outcome.hits:
        statement = hit.statement
        results.append({
            "url": absolute(statement.get_absolute_url()),
            "speaker": statement.speaker_label,
            "country": statement.country.name if statement.country_id else None,
            "meeting": statement.meeting.full_symbol if statement.meeting_id else None,
            "date": statement.date.isoformat() if statement.date else None,
            "snippet": str(hit.snippet),
            "role": statement.role or None,
            "language": statement.language,
        })
    return {
        "query": outcome.query,
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
