"""Matches over time: the trends page (several terms, or one term across countries) and its CSV."""
from django.urls import reverse
from django.views.generic import TemplateView

from ..search import facets as facet_defs
from ..search import trends
from .exports import streamed

MEASURES = {"count": "Statements", "share": "Share of all statements"}


def trend_rows(trend):
    """One row per period and series: what the chart plots, as data."""
    for period, values, total in trend.rows:
        for series, (count, share) in zip(trend.series, values):
            yield {"period": trend.label(period), "period_start": period.isoformat(), "series": series.label,
                   "statements": count, "all_statements": total, "share_percent": share}


def labelled(searches, params):
    """Countries compared are named, not coded."""
    if params.get("compare") != "country":
        return searches
    names = facet_defs.labels_of("country", [label for label, _ in searches])
    return [(names.get(label) or label, one) for label, one in searches]


class TrendsView(TemplateView):
    """``/search/trends/?q=ceasefire&q=sanctions`` (``&by=year``, ``&measure=share``); ``.csv`` the numbers."""

    template_name = "statements/trends.html"

    def get(self, request, *args, **kwargs):
        params = request.GET
        searches = labelled(trends.searches_from(params), params)
        searched = any(one.get("q") or len(one) for _, one in searches)
        self.trend = trends.trend(searches, by=params.get("by")) if searched else None
        if kwargs.get("format") == "csv":
            return streamed("csv", {}, trend_rows(self.trend) if self.trend else iter(()), "trends")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        terms = [q for q in params.getlist("q") if q.strip()][:trends.MAX_SERIES]
        measure = params.get("measure") if params.get("measure") in MEASURES else "count"
        others = params.copy()
        others.pop("measure", None)
        by_free = params.copy()
        by_free.pop("by", None)
        context.update(
            trend=self.trend, measure=measure, measures=MEASURES, terms=terms,
            term_fields=(terms + [""] * 3)[:max(3, len(terms) + 1)][:trends.MAX_SERIES],
            query=params.urlencode(), other_query=others.urlencode(), by_free_query=by_free.urlencode(),
            kept=[(name, value) for name, values in params.lists() for value in values
                  if name not in ("q", "measure", "by")],
            compare=params.get("compare"),
            trend_csv_url=reverse("statements:trends_csv", args=["csv"]) + "?" + params.urlencode(),
        )
        return context
