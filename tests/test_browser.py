"""A person in a real browser: search from the home page, then filter by country."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_from_home_and_click_country_facet(live_server, live_seeds, page, artifacts_dir):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search statements").fill("uranium")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=uranium")
    assert page.locator("p.count").inner_text().startswith("2 statements")
    page.locator("[data-facet=country] a", has_text="Kazakhstan").first.click()
    page.wait_for_url("**country=KAZ**")
    link = page.locator("[data-facet=country] a[aria-current=true]")
    assert link.inner_text().strip() == "Kazakhstan"
    assert page.locator("li.result").count() == 2
    page.screenshot(path=str(artifacts_dir / "search-country-facet.png"), full_page=True)
