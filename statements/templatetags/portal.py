"""Template helpers for the browse pages: a bar chart drawn as SVG on the server."""
from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

BAR_GAP = 4
HEIGHT = 120
LABEL_SPACE = 18


@register.simple_tag
def bar_chart(pairs, label="Statements per year"):
    """``[(label, count), ...]`` as an accessible SVG bar chart (no JavaScript, prints well).

    The whole chart is one image whose text alternative lists every value, so a
    screen reader hears the data rather than shapes.
    """
    pairs = [(str(name), int(n)) for name, n in pairs]
    if not pairs:
        return ""
    top = max(n for _, n in pairs) or 1
    bar = max(14, min(48, 560 // len(pairs) - BAR_GAP))
    width = len(pairs) * (bar + BAR_GAP)
    plot = HEIGHT - LABEL_SPACE * 2
    bars = []
    for i, (name, n) in enumerate(pairs):
        h = max(1, round(plot * n / top))
        x = i * (bar + BAR_GAP)
        y = LABEL_SPACE + plot - h
        bars.append((x, y, bar, h, x + bar / 2, y - 4, n, HEIGHT - 4, name))
    summary = f"{label}: " + ", ".join(f"{name}: {n}" for name, n in pairs)
    shapes = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" class="bar"></rect>'
        '<text x="{}" y="{}" class="value">{}</text><text x="{}" y="{}" class="axis">{}</text>',
        ((x, y, w, h, cx, vy, n, cx, ly, name) for x, y, w, h, cx, vy, n, ly, name in bars),
    )
    baseline = HEIGHT - LABEL_SPACE
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}"'
        ' xmlns="http://www.w3.org/2000/svg">{}<line x1="0" x2="{}" y1="{}" y2="{}" class="baseline"></line></svg>',
        summary, width, HEIGHT, width, HEIGHT, shapes, width, baseline, baseline,
    )
