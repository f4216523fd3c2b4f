"""Template helpers: charts drawn as SVG on the server (``statements.charts``), the search page's facet lists."""
from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def facet_lists(context, outcome, prefix=""):
    """The search page's facet lists (``_facets.html``), written in Python: the page shows them
    twice (sidebar and phone disclosure), up to 200 links each, and the template engine took
    a tenth of a results page to render them."""
    query = context["request"].GET.urlencode()
    sections = []
    for facet, values in outcome.facet_groups:
        if not values:
            continue
        items = format_html_join(
            "\n", '<li><a href="{}" rel="nofollow"{}>{}</a>\n      <span class="count">{}</span>{}</li>',
            ((fv.toggle_url, mark_safe(' aria-current="true" class="selected"') if fv.selected else "", fv.label,
              fv.count, format_html(' <a href="{}" class="remove" rel="nofollow" aria-label="Remove filter {}">×</a>',
                                    fv.toggle_url, fv.label) if fv.selected else "")
             for fv in values))
        more = ""
        if len(values) >= facet.shown:
            more = format_html(
                '<p class="more"><a href="{}?{}" rel="nofollow">All {} values<span class="visually-hidden">'
                ' for this search</span></a></p>',
                reverse("statements:search_facet", args=[facet.name]), query, facet.title.lower())
        sections.append(format_html(
            '<section class="facet" {}="{}" aria-labelledby="{}facet-{}">\n  <h3 id="{}facet-{}">{}</h3>\n'
            '  <ul>\n{}\n  </ul>\n  {}\n</section>',
            "data-phone-facet" if prefix else "data-facet", facet.name, prefix, facet.name, prefix, facet.name,
            facet.title, items, more))
    return mark_safe("\n".join(sections))
