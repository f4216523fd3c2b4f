"""Every result list as JSON and CSV: ``?format=json|csv`` or a ``.json``/``.csv`` suffix.

A list view mixes in ``ExportMixin`` and says how one object becomes a row
(``export_row``); the page, its filters and its order stay the same, only the
rendering changes. Exports are paginated like the page they mirror, with a
larger page (``EXPORT_PAGE_SIZE``) so a research download needs few requests;
JSON says which page it is and links to the next.
"""
import csv

from django.http import HttpResponse, JsonResponse
from django.utils.html import strip_tags
from django.views import View

from ..search import service
from .search import as_json

FORMATS = ("json", "csv")
EXPORT_PAGE_SIZE = 500


def requested_format(request, kwargs):
    fmt = kwargs.get("format") or request.GET.get("format")
    return fmt if fmt in FORMATS else None


def statement_row(statement, request):
    """One statement as a flat record (the columns of every statement export)."""
    meeting = statement.meeting
    return {
        "id": statement.pk,
        "url": request.build_absolute_uri(statement.get_absolute_url()),
        "meeting": meeting.full_symbol if meeting else None,
        "date": meeting.date.isoformat() if meeting and meeting.date else None,
        "order": statement.order,
        "procedural": statement.procedural,
        "speaker": statement.speaker_label,
        "speaker_id": statement.speaker_id,
        "country": statement.country.name if statement.country_id else None,
        "country_key": statement.country.key if statement.country_id else None,
        "role": statement.role,
        "language": statement.language,
        "resolutions": [r.symbol for r in statement.resolutions.all()],
        "words": statement.word_count,
        "text": statement.text,
    }


def csv_response(rows, filename):
    """Rows (dicts with the same keys) as a CSV download; lists are joined with '; '."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    rows = list(rows)
    if not rows:
        return response
    writer = csv.DictWriter(response, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return response


class ExportMixin:
    """For a ``MultipleObjectMixin`` view: render its page as JSON or CSV when asked."""

    export_name = "results"

    def dispatch(self, request, *args, **kwargs):
        self.export_format = requested_format(request, kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return EXPORT_PAGE_SIZE if self.export_format else super().get_paginate_by(queryset)

    def export_row(self, obj):
        raise NotImplementedError

    def get_export_name(self):
        return self.export_name

    def export_meta(self):
        """Extra top-level keys for the JSON export (what the list is of)."""
        return {}

    def render_to_response(self, context, **response_kwargs):
        if not self.export_format:
            return super().render_to_response(context, **response_kwargs)
        rows = [self.export_row(obj) for obj in context["object_list"]]
        if self.export_format == "csv":
            return csv_response(rows, self.get_export_name())
        page = context.get("page_obj")
        data = {**self.export_meta(),
                "count": page.paginator.count if page else len(rows),
                "page": page.number if page else 1,
                "pages": page.paginator.num_pages if page else 1,
                "next": None, "results": rows}
        if page and page.has_next():
            query = self.request.GET.copy()
            query["page"] = page.next_page_number()
            data["next"] = self.request.build_absolute_uri("?" + query.urlencode())
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


class StatementExportMixin(ExportMixin):
    export_name = "statements"

    def export_row(self, statement):
        return statement_row(statement, self.request)


class SearchExportView(View):
    """``/search.json`` and ``/search.csv``: the search page's results, as data."""

    def get(self, request, format):
        outcome = service.search(request.GET)
        data = as_json(outcome, request)
        if format == "json":
            return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        rows = [{"id": hit.statement.pk, **result, "snippet": strip_tags(result["snippet"])}
                for hit, result in zip(outcome.hits, data["results"])]
        return csv_response(rows, "search")
