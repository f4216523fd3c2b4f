"""The search page's own parts: the help page, the form, escaping, an empty search."""
import pytest

pytestmark = pytest.mark.django_db


def test_help_page_documents_the_syntax_and_is_linked(client):
    help_page = client.get("/search/help/")
    assert help_page.status_code == 200
    html = help_page.content.decode()
    for syntax in ('"two-State solution"', "-Iran", "OR", "negotiat*", "speaker:Nebenzia", "country:France",
                   "meeting:S/PV.8700", "year:2020", "from:2020-03-01 to:2020-04-30", "59/290"):
        assert syntax.replace('"', "&quot;") in html or syntax in html, syntax
    assert 'href="/search/help/"' in client.get("/search/").content.decode()


def test_empty_search_shows_the_form_and_no_count(client, db):
    html = client.get("/search/").content.decode()
    assert 'name="q"' in html and 'name="sort"' in html and 'type="date"' in html
    assert "statements</p>" not in html


def test_snippet_marks_words_and_escapes_the_rest(client, seeds, django_capture_on_commit_callbacks):
    from statements.models import Statement

    statement = Statement.objects.filter(text__icontains="uranium").first()
    statement.text = "<b>bold</b> uranium & <script>x</script>"
    with django_capture_on_commit_callbacks(execute=True):
        statement.save()
    data = client.get("/api/search", {"q": "uranium"}).json()
    snippet = next(r["snippet"] for r in data["results"] if "bold" in r["snippet"])
    assert snippet == "&lt;b&gt;bold&lt;/b&gt; <mark>uranium</mark> &amp; &lt;script&gt;x&lt;/script&gt;"


def test_search_within_keeps_the_filters_in_the_form(client, seeds):
    html = client.get("/search/", {"q": "nuclear", "country": "KAZ", "page": "3"}).content.decode()
    assert '<input type="hidden" name="country" value="KAZ">' in html
    assert 'name="page"' not in html
