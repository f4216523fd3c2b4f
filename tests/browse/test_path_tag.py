"""``{% path %}`` writes what ``{% url %}`` writes, under any script prefix, for written-out and variable arguments."""
from django.template import Context, Template
from django.urls import get_script_prefix, set_script_prefix

PAIRS = (
    ("{% path 'statements:search' %}", "{% url 'statements:search' %}"),
    ("{% path 'statements:search_export' format='csv' %}", "{% url 'statements:search_export' format='csv' %}"),
    ("{% path 'statements:meeting_list_export' 'json' %}", "{% url 'statements:meeting_list_export' 'json' %}"),
    ("{% path 'statements:meeting' slug %}", "{% url 'statements:meeting' slug %}"),
)


def _both(path_source, url_source, context):
    path = Template("{% load portal %}" + path_source)
    url = Template(url_source)
    return path.render(Context(context)), url.render(Context(context))


def test_path_writes_what_url_writes_and_follows_the_script_prefix():
    before = get_script_prefix()
    try:
        for prefix in ("/", "/portal/", "/a&b/", "/"):  # the same compiled tags asked again under each
            set_script_prefix(prefix)
            for path_source, url_source in PAIRS:
                for slug in ("S-PV.8699", "S-PV.8700-R1"):
                    written, expected = _both(path_source, url_source, {"slug": slug})
                    assert written == expected and written.startswith(prefix.replace("&", "&amp;"))
    finally:
        set_script_prefix(before)


def test_a_written_out_path_follows_a_change_of_script_prefix_after_its_first_use():
    template = Template("{% load portal %}{% path 'statements:search' %}")
    before = get_script_prefix()
    try:
        set_script_prefix("/")
        assert template.render(Context()) == "/search/"
        set_script_prefix("/portal/")
        assert template.render(Context()) == "/portal/search/"
    finally:
        set_script_prefix(before)


def test_path_as_a_variable_is_not_escaped_until_written():
    template = Template("{% load portal %}{% path 'statements:search' as where %}[{{ where }}]")
    assert template.render(Context()) == "[/search/]"
