"""The search page and its JSON twin: one search, two renderings."""
from django.http import JsonResponse
from django.views import View
from django.views.generic import TemplateView

from ..search import service


class SearchView(TemplateView):
    template_name = "statements/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["outcome"] = service.search(self.request.GET)
        return context


class ApiSearchView(View):
    def get(self, request):
        outcome = service.search(request.GET)
        return JsonResponse(as_json(outcome, request))


def as_json(outcome, request):
    results = []
    for hit in outcome.hits:
        statement = hit.statement
        results.append({
            "url": request.build_absolute_uri(statement.get_absolute_url()),
            "speaker": statement.speaker_label,
            "country": statement.country.name if statement.country_id else None,
            "meeting": statement.meeting.full_symbol if statement.meeting_id else None,
            "date": statement.date.isoformat() if statement.date else None,
            "snippet": str(hit.snippet),
        })
    return {
        "query": outcome.query,
        "count": outcome.count,
        "page": outcome.page.number if outcome.page else None,
        "pages": outcome.page.paginator.num_pages if outcome.page else 0,
        "results": results,
        "facets": {
            name: [{"value": fv.value, "label": fv.label, "count": fv.count, "selected": fv.selected}
                   for fv in values]
            for name, values in outcome.facets.items()
        },
        "resolutions": [{"symbol": r.symbol, "label": r.label} for r in outcome.resolutions],
        "notices": outcome.notices,
    }
