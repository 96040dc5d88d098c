"""A right-to-left language (CARNET_LANGUAGES=fr,en,ar) mirrors the page in Chromium."""

import os
from pathlib import Path

import pytest

from tests.languages import ARABIC_HOME

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).parent / "screenshots"))


def box(tab, selector):
    return tab.locator(selector).first.bounding_box()


def test_an_arabic_page_reads_right_to_left(browser_page, arabic):
    tab = browser_page
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto("/ar/")

    assert tab.locator("html").get_attribute("dir") == "rtl"
    assert tab.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert tab.get_by_text(
        ARABIC_HOME["Un magazine sur l’intelligence artificielle."]
    ).is_visible()
    # The header mirrors: the site's name on the right, the search box to its left, and in
    # the box the button on the left of the field.
    name, search = box(tab, ".site-name"), box(tab, ".search-box")
    assert name["x"] > search["x"] + search["width"] / 2
    field, button = box(tab, ".search-box input"), box(tab, ".search-box button")
    assert button["x"] < field["x"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "right-to-left-home-ar.png"), full_page=False)

    tab.goto("/fr/")
    assert tab.locator("html").get_attribute("dir") == "ltr"
    name, search = box(tab, ".site-name"), box(tab, ".search-box")
    assert name["x"] < search["x"]
