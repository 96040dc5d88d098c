import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_lands_in_french_and_switches_to_english(browser_page, homes):
    browser_page.goto("/")

    assert browser_page.url.endswith("/fr/")
    assert browser_page.locator("html").get_attribute("lang") == "fr"
    assert browser_page.get_by_role("button", name="Rechercher").is_visible()

    browser_page.get_by_role("navigation", name="Langue").get_by_role(
        "link", name="English"
    ).click()

    browser_page.wait_for_url("**/en/")
    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert browser_page.get_by_text("A magazine on artificial intelligence.").is_visible()
    assert browser_page.get_by_role("button", name="Search").is_visible()
