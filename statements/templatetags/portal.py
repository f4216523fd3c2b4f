"""Template helpers for the browse pages: charts drawn as SVG on the server (``statements.charts``)."""
from django import template

from ..charts import Line, time_chart

register = template.Library()


@register.simple_tag
def over_time_chart(over_time, chart_id="over-time"):
    """A profile's statements per month or year (``profiles.over_time``), sized for its side column."""
    pairs = over_time.get("pairs") or []
    if not pairs:
        return ""
    label = over_time.get("label") or "Statements over time"
    return time_chart(chart_id, label, [str(name) for name, _ in pairs], [Line("Statements", [n for _, n in pairs])],
                      x_title="Year" if label.endswith("year") else "Month", sizes=("side",))


@register.simple_tag
def trend_chart(trend, measure="count", chart_id="trend"):
    """A ``statements.search.trends.Trend`` as counts or as shares of all statements in each period."""
    if not trend or not trend.periods:
        return ""
    percent = measure == "share"
    rows = trend.rows
    lines = [Line(series.label or "All statements",
                  [row[1][k][1] if percent else row[1][k][0] for row in rows])
             for k, series in enumerate(trend.series)]
    what = " and ".join(f"“{s.label}”" if s.label else "all statements" for s in trend.series)
    title = (f"Share of statements matching {what}, per {trend.by}" if percent
             else f"Statements matching {what}, per {trend.by}")
    return time_chart(chart_id, title, [trend.label(p) for p in trend.periods], lines,
                      y_title="% of all statements" if percent else "Statements",
                      percent=percent, x_title=trend.by.capitalize())
