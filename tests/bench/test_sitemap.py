"""The sitemap as the protocol asks: an index of section files, each with a bounded number of addresses."""
import re

from statements.models import Statement
from statements.sitemaps import PAGE_SIZE, PortalSitemap


def _locs(body):
    return [loc.replace("&amp;", "&") for loc in re.findall(r"<loc>http://testserver([^<]+)</loc>", body)]


def test_the_sitemap_is_an_index_of_pages_no_longer_than_the_limit(client, seeds, monkeypatch):
    assert PAGE_SIZE <= 50_000  # the protocol's limit per file
    monkeypatch.setattr(PortalSitemap, "limit", 1)  # the two seed statements need two pages
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and b"<sitemapindex" in index.content
    sections = _locs(index.content.decode())
    statement_pages = [loc for loc in sections if loc.startswith("/sitemap-statements.xml")]
    # Statements are paged by ranges of ids (``KeyRangePaginator``): one id a page here, up to the last.
    last = Statement.objects.order_by("-pk").first().pk
    assert len(statement_pages) == last and Statement.objects.filter(procedural=False).count() == 2

    listed = []
    for loc in sections:
        page = client.get(loc)
        assert page.status_code == 200 and b"<urlset" in page.content
        urls = _locs(page.content.decode())
        assert len(urls) <= 1
        listed += urls
    assert sorted(listed) == sorted({*listed})  # each address once
    for statement in Statement.objects.filter(procedural=False):
        assert statement.get_absolute_url() in listed
    assert client.get(f"/sitemap-statements.xml?p={last + 1}").status_code == 404
    assert client.get("/sitemap-nosuchsection.xml").status_code == 404
