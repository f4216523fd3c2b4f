"""The search page in a real browser: facets chosen and removed, sort, dates, spelling, help."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facets_sort_dates_spelling_and_help(live_server, live_seeds, page, artifacts_dir):
    page.goto(live_server.url + "/search/?q=uranium")
    assert page.locator("p.count").inner_text().startswith("2 statements")

    # two speakers of one facet: OR, both shown selected and removable
    page.locator("[data-facet=speaker] a", has_text="Umarov").first.click()
    page.wait_for_url("**speaker=**")
    assert page.locator("p.count").inner_text().startswith("1 statement")
    page.locator("[data-facet=speaker] a", has_text="Abdymomunov").first.click()
    page.wait_for_url("**speaker=*speaker=**")
    assert page.locator("p.count").inner_text().startswith("2 statements")
    assert page.locator("[data-facet=speaker] a[aria-current=true]").count() == 2
    page.locator(".active-filters a.remove").first.click()
    page.wait_for_load_state()
    assert page.locator("p.count").inner_text().startswith("1 statement")

    # the form keeps the facet, adds a sort and a date range
    page.select_option("#sort", "newest")
    page.fill("#from", "1990-01-01")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**sort=newest**")
    assert "from=1990-01-01" in page.url and "speaker=" in page.url
    assert page.locator(".active-filters li", has_text="From 1 January 1990").count() == 1
    page.screenshot(path=str(artifacts_dir / "search-filters.png"), full_page=True)

    # a misspelt word gets a suggestion that searches when clicked
    page.goto(live_server.url + "/search/?q=uranum")
    page.locator(".suggestion a").click()
    page.wait_for_url("**q=uranium**")
    assert page.locator("li.result").count() == 2
    assert page.locator("li.result mark").first.inner_text().lower() == "uranium"

    page.get_by_role("link", name="How to write a query").click()
    assert page.get_by_role("heading", level=1).inner_text() == "How to search"
