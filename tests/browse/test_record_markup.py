"""A meeting's record written by ``records.record_items`` is byte for byte what the template's loop wrote."""
from django.template import Context, Template

from statements.models import Meeting, Statement
from statements.templatetags.records import record_items
from statements.views.browse import statements_for_lists

# The loop ``statements/meeting.html`` had before the tag, verbatim.
LOOP = """<ol class="record">
  {% for item in items %}
  {% if item.procedural %}
  <li id="s{{ item.order }}" class="procedural"><p>{{ item.text }}</p></li>
  {% else %}
  <li id="s{{ item.order }}" class="turn">
    <article aria-labelledby="s{{ item.order }}-h">
      <header>
        <h3 id="s{{ item.order }}-h"><a href="{{ item.get_absolute_url }}">{{ item.speaker_label }}</a></h3>
        <p class="meta">
          {% if item.country %}<a href="{{ item.country.get_absolute_url }}">{{ item.country.name }}</a> · {% endif %}
          {% if item.role %}{{ item.get_role_display }} · {% endif %}{{ item.get_language_display }}
          {% if item.affiliation %} · {{ item.affiliation }}{% endif %}
          {% if item.on_behalf_of %} · on behalf of {{ item.on_behalf_of }}{% endif %}
          · <a href="#s{{ item.order }}" class="anchor" aria-label="Link to this statement in the record">#{{ item.order }}</a>
        </p>
      </header>
      <div class="text">{{ item.text|linebreaks }}</div>
    </article>
  </li>
  {% endif %}
  {% empty %}
  <li class="empty">This record has no statements yet.</li>
  {% endfor %}
</ol>"""


def _both(items):
    old = Template(LOOP).render(Context({"items": items}))
    new = Template('<ol class="record">\n  {% load records %}{% record_items items %}\n</ol>').render(
        Context({"items": items}))
    return old, new


def test_every_record_is_written_as_the_loop_wrote_it(council):
    meetings = list(Meeting.objects.all())
    assert Statement.objects.filter(procedural=True).exists() and Statement.objects.exclude(role="").exists()
    for meeting in meetings:
        items = list(statements_for_lists().filter(meeting=meeting).order_by("order"))
        old, new = _both(items)
        assert new == old, meeting
        assert "<li" in new


def test_an_empty_record_and_text_to_escape(council):
    assert _both([])[0] == _both([])[1]
    statement = statements_for_lists().filter(procedural=False).exclude(country=None).first()
    statement.text = "<script>alert('x')</script> & more\n\nA second paragraph"
    statement.affiliation, statement.on_behalf_of = "Office <of> \"Affairs\"", "the Group of 77 & China"
    old, new = _both([statement])
    assert new == old and "&lt;script&gt;" in new and "<script>" not in new
    assert record_items([]) == _both([])[1].split("\n  ", 1)[1].rsplit("\n</ol>", 1)[0]


def test_roles_and_languages_outside_the_choices_are_written_as_the_loop_wrote_them(council):
    statement = statements_for_lists().filter(procedural=False).exclude(country=None).first()
    for role, language in (("president", "zz"), ("not-a-role", "fr"), ("", "")):
        statement.role, statement.language = role, language
        old, new = _both([statement])
        assert new == old, (role, language)
