"""A meeting's record written in Python: the longest records (100 turns, 500 kB of HTML) spent most
of their page in the template engine's loop, 60-100 ms at 100,000 statements on a loaded machine.

``record_items`` writes byte for byte what the loop of ``statements/meeting.html`` wrote
(``tests/browse/test_record_markup.py`` renders both).
"""
from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe

from ..models import Statement
from ..views.exports import path_maker

register = template.Library()

EMPTY = '\n  <li class="empty">This record has no statements yet.</li>\n  '
_ROLES, _LANGUAGES = dict(Statement.Role.choices), dict(Statement.Language.choices)


def _display(choices, value):
    """``get_FOO_display()``: the choice's label, else the value itself."""
    return str(choices.get(value, value))


def _turn(item, statement_path, country_path):
    order = item.order
    country = item.country
    meta = (f'<a href="{escape(country_path(country.slug))}">{escape(country.name)}</a> · ' if country else "")
    role = f"{escape(_display(_ROLES, item.role))} · " if item.role else ""
    affiliation = f" · {escape(item.affiliation)}" if item.affiliation else ""
    behalf = f" · on behalf of {escape(item.on_behalf_of)}" if item.on_behalf_of else ""
    return (f'\n  <li id="s{order}" class="turn">\n    <article aria-labelledby="s{order}-h">\n      <header>\n'
            f'        <h3 id="s{order}-h"><a href="{escape(statement_path(item.pk))}">{escape(item.speaker_label)}</a></h3>\n'
            f'        <p class="meta">\n          {meta}\n'
            f"          {role}{escape(_display(_LANGUAGES, item.language))}\n          {affiliation}\n          {behalf}\n"
            f'          · <a href="#s{order}" class="anchor" aria-label="Link to this statement in the record">#{order}</a>\n'
            f'        </p>\n      </header>\n      <div class="text">{linebreaks(item.text, autoescape=True)}</div>\n'
            f"    </article>\n  </li>\n  ")


@register.simple_tag
def record_items(items):
    """The ``<li>`` of each turn and procedural line of a record, in order. Each address is made from
    its pattern, not reversed (two a turn were half the time of writing a record)."""
    statement_path, country_path = path_maker("statements:statement"), path_maker("statements:country")
    parts = []
    for item in items:
        if item.procedural:
            parts.append(f'\n  \n  <li id="s{item.order}" class="procedural"><p>{escape(item.text)}</p></li>\n  \n  ')
        else:
            parts.append(f"\n  {_turn(item, statement_path, country_path)}\n  ")
    return mark_safe("".join(parts) if parts else EMPTY)
