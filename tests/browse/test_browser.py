"""A reader in a real browser: the walk through the portal, keyboard use, axe-core, screenshots.

axe-core comes bundled in axe-playwright-python (no download at run time).
Screenshots of the main pages at desktop (1280px) and phone (390px) widths go
to test-artifacts/browse/ for a person to look at.
"""
import re

import pytest
from playwright.sync_api import expect

from statements.models import Country, Speaker, Vote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}


def test_walk_home_search_facet_statement_meeting_country(live_server, live_council, page):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search statements").fill("infrastructure")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=infrastructure")
    page.locator("[data-facet=country] a", has_text="France").first.click()
    page.wait_for_url("**country=FRA**")
    assert page.locator("[data-facet=country] a[aria-current=true]").inner_text().strip() == "France"

    page.locator("li.result h3 a").first.click()
    page.wait_for_url(re.compile(r"/statements/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Mrs. Nguyen (France) (spoke in French)"
    assert "S/PV.8700" in page.locator("#citation").inner_text()

    page.get_by_role("link", name="Read in the full record").click()
    page.wait_for_url("**/meetings/S-PV.8700/#s5")
    assert page.locator("#s5:target").count() == 1
    assert page.locator("#s3.procedural").inner_text() == "The agenda was adopted."

    page.locator("#s5 .meta a", has_text="France").click()
    page.wait_for_url("**/countries/france/")
    chart = page.locator("svg.chart")
    assert chart.locator("title").text_content() == "Statements per month, 2020"
    assert chart.locator("desc").text_content().startswith("Statements (Jan), Jan to Jan.")
    scoped = page.get_by_role("search", name="Within statements by France")
    scoped.get_by_role("searchbox").fill("resolution")
    scoped.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q=resolution&country=FRA$"))
    assert page.locator("li.result").count() == 1


def test_keyboard_skip_link_and_section_nav(live_server, live_council, page):
    page.goto(live_server.url + "/countries/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    # following an in-page link is asynchronous: wait for it rather than read the URL at once
    expect(page).to_have_url(re.compile(r"/countries/#main$"))
    expect(page.locator("#main:target")).to_have_count(1)
    expect(page.locator("nav.sections a[aria-current=page]")).to_have_text("Countries")


def _main_pages(base):
    speaker = Speaker.objects.get(name="Umarov")
    return {
        "home": "/",
        "search": "/search/?q=critical+infrastructure&country=KAZ",
        "meeting": "/meetings/S-PV.8700/",
        "statement": speaker.statements.get(meeting__number=8700).get_absolute_url(),
        "speaker": speaker.get_absolute_url(),
        "country": Country.objects.get(name="Kazakhstan").get_absolute_url(),
        "resolution": "/resolutions/sc-2341/",
        "meetings": "/meetings/",
        "agenda": speaker.statements.get(meeting__number=8700).meeting.agenda_item.get_absolute_url(),
        "search-corrected": "/search/?q=cryptocurrencie",
        "search-phrase": "/search/?q=%22critical+infrastructure%22",
        "trends": "/search/trends/?q=infrastructure&q=cryptocurrencies&q=terrorism",
        "trends-share": "/search/trends/?q=resolution&compare=country&country=KAZ&country=MEX&measure=share",
        "facet-values": "/search/facets/country/?q=resolution",
        "meetings-filtered": "/meetings/?year=2020",
        "votes": "/votes/",
        "vote": Vote.objects.first().get_absolute_url(),
        "resolution-voted": "/resolutions/sc-2505/",
    }


def test_main_pages_have_no_axe_violations_and_are_screenshotted(live_server, live_council, browser,
                                                                  artifacts_dir):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    sanity = browser.new_page()
    sanity.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    assert "image-alt" in axe.run(sanity).generate_snapshot()  # axe runs and can fail a page
    sanity.close()
    out = artifacts_dir / "browse"
    out.mkdir(exist_ok=True)
    problems = {}
    for width_name, width in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in _main_pages(live_server.url).items():
            page.goto(live_server.url + path)
            page.screenshot(path=str(out / f"{name}-{width_name}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways at {width}px"
            results = axe.run(page)
            if results.violations_count:
                problems[f"{name} at {width}px"] = results.generate_snapshot()
        context.close()
    assert not problems, problems


def test_print_stylesheet_hides_navigation(live_server, live_council, page, artifacts_dir):
    page.goto(live_server.url + "/meetings/S-PV.8700/")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert not page.locator("nav.sections").is_visible()
    assert page.locator("#s4").is_visible()
    (artifacts_dir / "browse").mkdir(exist_ok=True)
    page.pdf(path=str(artifacts_dir / "browse" / "meeting-print.pdf"))


def test_filters_come_first_on_a_phone_in_a_disclosure(live_server, live_council, browser, artifacts_dir):
    phone = browser.new_context(viewport={"width": 390, "height": 900})
    page = phone.new_page()
    page.goto(live_server.url + "/search/?q=resolution")
    assert page.evaluate("document.activeElement.id") != "q"  # no autofocus on results
    disclosure = page.locator("details.filters-disclosure")
    expect(disclosure).to_be_visible()
    assert not page.locator("aside.facets").is_visible()
    box = disclosure.bounding_box()
    assert box["y"] < page.locator("li.result").first.bounding_box()["y"] and box["y"] < 900
    disclosure.locator("summary").click()
    france = disclosure.locator("[data-phone-facet=country] a", has_text="France")
    expect(france).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "browse" / "search-filters-open-phone.png"), full_page=False)
    france.click()
    page.wait_for_url("**country=FRA**")
    expect(page.locator("details.filters-disclosure summary")).to_have_text("Filters (1 in force)")
    phone.close()
    desktop = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desktop.new_page()
    page.goto(live_server.url + "/search/?q=resolution")
    assert not page.locator("details.filters-disclosure").is_visible()
    expect(page.locator("aside.facets")).to_be_visible()
    assert page.locator("svg.chart.wide").first.is_visible() and not page.locator("svg.chart.narrow").first.is_visible()
    desktop.close()
