"""Charts drawn on the server as SVG: counts over time, one line per series, readable on a phone.

No JavaScript and no inline style (the CSS styles the classes). Each chart is
drawn twice, wide and narrow, at the size it is shown (the page's CSS shows
one), so its type is 12-13 px on a desktop and on a phone alike instead of
shrinking with the picture. Each has a title and a description naming its
axes, range and highest point; the numbers themselves are in a table beside
it and in a CSV.
"""
from dataclasses import dataclass
from html import escape as _escape
import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SIZES = {"wide": (720, 300), "narrow": (360, 280), "side": (300, 240)}  # side: a profile's column
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 16, 46  # margins for the axes' labels
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]  # a line is told apart without colour too


@dataclass
class Line:
    label: str
    values: list  # one number per period


def _nice_step(top, ticks=4):
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` gridlines up to ``top``."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _text(value):
    """``conditional_escape(value)`` without its lazy-string wrapper (a chart writes a hundred labels)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value))


def _fmt(value, percent):
    if percent:
        return f"{value:g}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def describe(title, periods, lines, y_title, percent=False):
    """The chart's text alternative: what is plotted, over which periods, and its peaks."""
    if not periods:
        return f"{title}: no data."
    parts = [f"{y_title} ({'per period' if len(periods) > 1 else periods[0]}), {periods[0]} to {periods[-1]}."]
    for line in lines:
        if line.values:
            peak = max(range(len(line.values)), key=lambda i: line.values[i])
            parts.append(f"{line.label}: highest {_fmt(line.values[peak], percent)} in {periods[peak]}"
                         f"{'' if percent else ', ' + _fmt(sum(line.values), False) + ' in all'}.")
    return " ".join(parts)


def _draw(chart_id, size, title, desc, periods, lines, y_title, percent, x_title):
    width, height = SIZES[size]
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    top = max([v for line in lines for v in line.values] + [0])
    step = _nice_step(top) if percent else max(1, _nice_step(top))  # no half statements
    y_max = step * max(1, math.ceil(top / step)) if top else step
    n = len(periods)
    slot = plot_w / max(n, 1)

    def x(i):
        return round(LEFT + slot * (i + 0.5), 1)

    def y(v):
        return round(TOP + plot_h - plot_h * v / y_max, 1)

    parts = []
    ticks = [i * step for i in range(int(round(y_max / step)) + 1)]
    # Numbers are written as they are (nothing in them to escape), text is escaped: a chart of 75
    # years has 300 bars and dots, and ``format_html`` per bar cost a search page several ms.
    parts.append("".join(f'<line class="grid" x1="{LEFT}" x2="{width - RIGHT}" y1="{y(t)}" y2="{y(t)}"></line>'
                         f'<text class="tick y" x="{LEFT - 6}" y="{y(t) + 4}">{_text(_fmt(t, percent))}</text>'
                         for t in ticks))
    # x labels: as many as fit (about 56 px each), always the first and the last
    every = max(1, math.ceil(n / max(1, plot_w // 56)))
    shown = [i for i in range(n) if i % every == 0 or i == n - 1]
    if len(shown) > 1 and shown[-1] - shown[-2] < every:
        shown.pop(-2)
    parts.append("".join(f'<text class="tick x" x="{x(i)}" y="{TOP + plot_h + 18}">{_text(periods[i])}</text>'
                         for i in shown))
    parts.append(format_html('<line class="axis-line" x1="{}" x2="{}" y1="{}" y2="{}"></line>',
                             LEFT, width - RIGHT, TOP + plot_h, TOP + plot_h))
    parts.append(format_html('<text class="axis-title" x="{}" y="{}">{}</text>',
                             LEFT + plot_w / 2, height - 6, x_title))
    parts.append(format_html('<text class="axis-title y" transform="rotate(-90)" x="{}" y="{}">{}</text>',
                             -(TOP + plot_h / 2), 13, y_title))
    xs = [x(i) for i in range(n)]  # each period's place and each value's height worked out once
    for k, line in enumerate(lines):
        ys = [y(v) for v in line.values]
        if len(lines) == 1:  # one series: bars read best
            bar = max(2, min(40, slot * 0.7))
            half, bar_width, base = bar / 2, round(bar, 1), TOP + plot_h
            parts.append("".join(f'<rect class="bar" x="{round(xi - half, 1)}" y="{yv}" width="{bar_width}" '
                                 f'height="{round(base - yv, 1)}"></rect>' for xi, yv in zip(xs, ys)))
        else:
            points = " ".join(f"{xi},{yv}" for xi, yv in zip(xs, ys))
            parts.append(format_html('<polyline class="series s{}" points="{}"{}></polyline>', k, points,
                                     mark_safe(f' stroke-dasharray="{DASHES[k % len(DASHES)]}"')
                                     if DASHES[k % len(DASHES)] else ""))
            if n <= 40:
                parts.append("".join(f'<circle class="dot s{k}" cx="{xi}" cy="{yv}" r="3"></circle>'
                                     for xi, yv in zip(xs, ys)))
    return format_html(
        '<svg class="chart {}" role="img" aria-labelledby="{}-{}-t {}-{}-d" viewBox="0 0 {} {}" width="{}" '
        'height="{}" xmlns="http://www.w3.org/2000/svg"><title id="{}-{}-t">{}</title><desc id="{}-{}-d">{}</desc>'
        '{}</svg>',
        size, chart_id, size, chart_id, size, width, height, width, height, chart_id, size, title,
        chart_id, size, desc, mark_safe("".join(str(p) for p in parts)))


def legend(lines):
    """The key to several lines: a sample of each line's colour and dash beside its label."""
    if len(lines) < 2:
        return ""
    items = format_html_join(
        "", '<li><svg class="key" viewBox="0 0 28 10" width="28" height="10" aria-hidden="true">'
            '<line class="series s{}" x1="0" x2="28" y1="5" y2="5"{}></line></svg> {}</li>',
        ((k, mark_safe(f' stroke-dasharray="{DASHES[k % len(DASHES)]}"') if DASHES[k % len(DASHES)] else "",
          line.label) for k, line in enumerate(lines)))
    return format_html('<ul class="chart-legend">{}</ul>', items)


def time_chart(chart_id, title, periods, lines, y_title="Statements", percent=False, x_title="Month",
               sizes=("wide", "narrow")):
    """SVGs of ``lines`` over ``periods`` (labels) at each of ``sizes``, with a legend when several.

    A profile's side column asks for the "side" size only.
    """
    if not periods:
        return ""
    desc = describe(title, periods, lines, y_title, percent)
    drawn = format_html_join("", "{}", ((_draw(chart_id, size, title, desc, periods, lines, y_title, percent,
                                               x_title),) for size in sizes))
    return format_html('<div class="chart-sizes{}">{}</div>{}', " both" if len(sizes) > 1 else "", drawn,
                       legend(lines))
