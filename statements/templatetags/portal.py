"""Template helpers: charts drawn as SVG on the server (``statements.charts``), and the parts of the
search page written in Python (its facet lists, its results, its trend table).

A search page is about 70 KB of repeated markup; the template engine spent most of a
page's rendering resolving the same lookups and filters hit after hit. The tags below
write the same markup (whitespace included) with ``html.escape`` and string joins.
"""
import datetime
from functools import lru_cache
from html import escape as _escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..charts import Line, time_chart
from ..models import Statement

register = template.Library()


# A page writes the same dates, numbers and addresses again and again (each meeting's, each
# year's): each is formatted or reversed once per process, as Django formats and reverses it.
@lru_cache(maxsize=8192)
def date_format(day, format_string):
    return formats.date_format(day, format_string)


@lru_cache(maxsize=8192, typed=True)  # typed: 60 and 60.0 are written differently
def localize(number):
    return formats.localize(number)


def _time(day):
    """``<time datetime="Y-m-d">j F Y</time>`` of a meeting's date, written as Django's ``date``
    filter writes those two formats (a page's twenty dates were twenty new ones to format)."""
    if type(day) is not datetime.date:
        return f'<time datetime="{_e(date_format(day, "Y-m-d"))}">{_e(date_format(day, "j F Y"))}</time>'
    return f'<time datetime="{day.isoformat()}">{day.day} {_e(str(MONTHS[day.month]))} {day.year:04d}</time>'


@lru_cache(maxsize=8192)
def _path(name, key):
    return _e(reverse(name, args=[key]))


@lru_cache(maxsize=1)
def _statement_path():
    """A statement's address around its id (``reverse`` of every id on a page cost a ms)."""
    head, _, tail = reverse("statements:statement", args=[987654321]).partition("987654321")
    return _e(head), _e(tail)


def path(name, *args, **kwargs):
    """``{% url name … %}``, reversed once per process for each name, arguments and script prefix
    (the layout's twenty-odd addresses were reversed on every page)."""
    return _reversed(get_script_prefix(), name, args, tuple(sorted(kwargs.items())))


@register.tag("path")
def path_tag(parser, token):
    """``{% path name arg… key=value… [as variable] %}``: ``path()`` as a simple tag writes it. A tag
    whose arguments are all written out (every one in the templates) keeps what it wrote per script
    prefix, so a page does not resolve its arguments and call a tag function for each of them."""
    bits = token.split_contents()[1:]
    target_var = None
    if len(bits) >= 2 and bits[-2] == "as":
        target_var, bits = bits[-1], bits[:-2]
    if not bits:
        raise template.TemplateSyntaxError("'path' takes at least one argument, the name of an address")
    args, kwargs = [], {}
    for bit in bits:
        kwarg = template.base.token_kwargs([bit], parser)
        if kwarg:
            kwargs.update(kwarg)
        else:
            args.append(parser.compile_filter(bit))
    return _PathNode(args, kwargs, target_var)


def _written_out(expression):
    return not isinstance(expression.var, template.Variable) and not expression.filters


class _PathNode(template.Node):
    def __init__(self, args, kwargs, target_var):
        self.args, self.kwargs, self.target_var = args, kwargs, target_var
        self.constant = all(_written_out(e) for e in [*args, *kwargs.values()])
        self._held = None  # (script prefix, address): for a tag of written-out arguments

    def render(self, context):
        prefix = get_script_prefix()
        held = self._held
        if held is not None and held[0] == prefix:
            output = held[1]
        else:
            output = path(*[e.resolve(context) for e in self.args],
                          **{key: e.resolve(context) for key, e in self.kwargs.items()})
            if self.constant:
                self._held = (prefix, output)
        if self.target_var is not None:
            context[self.target_var] = output
            return ""
        return conditional_escape(output) if context.autoescape else output


@lru_cache(maxsize=4096)
def _reversed(prefix, name, args, kwargs):
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


_ROLES, _LANGUAGES = dict(Statement.Role.choices), dict(Statement.Language.choices)


def _e(value):
    """``value`` as the template engine writes ``{{ value }}``: escaped, unless already safe HTML."""
    kind = type(value)
    if kind is str:  # most of a page's 700-odd values: nothing else to ask of them
        return _escape(value)
    if kind is int:  # counts and orders: digits, nothing to escape
        return str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value))


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


@register.simple_tag
def trend_rows(trend):
    """The rows of a trend's table (``_trend.html``): period, count and share per series, all statements."""
    period_format = "M Y" if trend.by == "month" else "Y"
    return mark_safe("".join(
        f'<tr><th scope="row">{_e(date_format(period, period_format))}</th>'
        + "".join(f'<td class="num">{_e(localize(count))}</td><td class="num">{_e(localize(share))}</td>'
                  for count, share in values)
        + f'<td class="num">{_e(localize(total))}</td></tr>'
        for period, values, total in trend.rows))


@register.simple_tag(takes_context=True)
def facet_lists(context, outcome, prefix=""):
    """The search page's facet lists (``_facets.html``), written in Python: the page shows them
    twice (sidebar and phone disclosure), up to 200 links each; each facet's links are written
    once and kept on the outcome for the second copy."""
    items_of = outcome.__dict__.setdefault("_facet_items", {})
    query = None
    sections = []
    for facet, values in outcome.facet_groups:
        if not values:
            continue
        items = items_of.get(facet.name)
        if items is None:
            items = items_of[facet.name] = "\n".join(_facet_item(fv) for fv in values)
        more = ""
        if len(values) >= facet.shown:
            if query is None:
                query = context["request"].GET.urlencode()
            more = (f'<p class="more"><a href="{_path("statements:search_facet", facet.name)}?'
                    f'{_e(query)}" rel="nofollow">All {_e(facet.title.lower())} values<span class="visually-hidden">'
                    f' for this search</span></a></p>')
        name = _e(facet.name)
        sections.append(
            f'<section class="facet" {"data-phone-facet" if prefix else "data-facet"}="{name}" '
            f'aria-labelledby="{_e(prefix)}facet-{name}">\n  <h3 id="{_e(prefix)}facet-{name}">{_e(facet.title)}</h3>\n'
            f'  <ul>\n{items}\n  </ul>\n  {more}\n</section>')
    return mark_safe("\n".join(sections))


def _facet_item(fv):
    url, label = _e(fv.toggle_url), _e(fv.label)
    if fv.selected:
        return (f'<li><a href="{url}" rel="nofollow" aria-current="true" class="selected">{label}</a>\n      '
                f'<span class="count">{_e(fv.count)}</span> <a href="{url}" class="remove" rel="nofollow" '
                f'aria-label="Remove filter {label}">×</a></li>')
    return f'<li><a href="{url}" rel="nofollow">{label}</a>\n      <span class="count">{_e(fv.count)}</span></li>'


@register.simple_tag
def result_items(hits):
    """The ``<li>`` of each hit on a search page: speaker, meeting, date, role, language, agenda item,
    snippet and the lines either side in the record (``pagerows.page_rows``)."""
    head, tail = _statement_path()
    out = []
    for hit in hits:
        statement = hit.statement
        meeting = statement.meeting
        meeting_url = _path("statements:meeting", meeting.slug) if meeting else ""
        parts = [f'\n      <li class="result">\n        <h3><a href="{head}{statement.pk}{tail}">'
                 f'{_e(statement.speaker_label or "Statement")}</a></h3>\n        <p class="meta">\n          ']
        if meeting:
            parts.append(f'<a href="{meeting_url}">{_e(meeting.full_symbol)}</a>')
        parts.append("\n          ")
        if meeting and meeting.date:
            parts.append(_time(meeting.date))
        parts.append("\n          ")
        if statement.role:
            parts.append(f"· {_e(_ROLES.get(statement.role, statement.role))}")
        parts.append("\n          ")
        if statement.language != "en":
            parts.append(f"· spoke in {_e(_LANGUAGES.get(statement.language, statement.language))}")
        parts.append("\n        </p>\n        ")
        agenda = meeting.agenda_item if meeting else None
        if agenda:
            parts.append(f'<p class="meta agenda">Agenda: <a href="{_path("statements:agenda_item", agenda.slug)}">'
                         f'{_e(agenda)}</a></p>')
        parts.append(f'\n        <p class="snippet">{_e(hit.snippet)}</p>\n        ')
        before, after = getattr(statement, "before", None), getattr(statement, "after", None)
        if before or after:
            parts.append("<p class=\"meta context\">In the record:\n          ")
            if before:
                parts.append(f'<a href="{meeting_url}#s{_e(before.order)}">before: '
                             f'{_e(before.speaker_label or "procedural line")}</a>')
            parts.append("\n          ")
            if before and after:
                parts.append(" · ")
            parts.append("\n          ")
            if after:
                parts.append(f'<a href="{meeting_url}#s{_e(after.order)}">after: '
                             f'{_e(after.speaker_label or "procedural line")}</a>')
            parts.append("</p>")
        parts.append("\n      </li>\n      ")
        out.append("".join(parts))
    return mark_safe("".join(out))
