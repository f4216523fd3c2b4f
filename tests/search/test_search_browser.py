"""The search page in a real browser: facets chosen and removed, sort, dates, spelling, help."""
import re

import pytest
from playwright.sync_api import expect

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
    # the old page also shows a count, so wait for the new one instead of reading at once
    expect(page.locator("[data-facet=speaker] a[aria-current=true]")).to_have_count(1)
    expect(page.locator("p.count")).to_have_text(re.compile(r"^1 statement\b"))

    # the form keeps the facet, adds a sort and a date range
    page.select_option("#sort", "newest")
    page.fill("#from", "1990-01-01")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**sort=newest**")
    assert "from=1990-01-01" in page.url and "speaker=" in page.url
    assert page.locator(".active-filters li", has_text="From 1 January 1990").count() == 1
    page.screenshot(path=str(artifacts_dir / "search-filters.png"), full_page=True)

    # a misspelt word that finds nothing shows the corrected results and says so
    page.goto(live_server.url + "/search/?q=uranum")
    expect(page.locator(".suggestion").first).to_contain_text("Showing results for uranium; search instead for uranum")
    assert page.locator("li.result").count() == 2
    assert page.locator("li.result mark").first.inner_text().lower() == "uranium"
    # searching for what was typed after all offers the correction
    page.locator(".suggestion a", has_text="uranum").click()
    page.wait_for_url("**verbatim=1**")
    assert page.locator("li.result").count() == 0
    page.locator(".suggestion a", has_text="uranium").click()
    page.wait_for_url("**q=uranium**")
    assert page.locator("li.result").count() == 2

    page.get_by_role("link", name="How to write a query").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How to search")
