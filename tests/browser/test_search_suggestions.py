"""The header's search box: suggestions as the reader types, and a form that works without
JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.test_search import add_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_shows_suggestions_and_the_keyboard_opens_one(browser_page, homes):
    home_fr, _home_en = homes
    page = add_page(home_fr, "Algorithmes et justice", "Des algorithmes au tribunal.")
    add_page(home_fr, "Algorithmes au travail", "Des algorithmes au bureau.")
    browser_page.goto("/fr/")

    box = browser_page.get_by_role("combobox", name="Rechercher dans le magazine")
    box.press_sequentially("algorithmes j")

    suggestions = browser_page.get_by_role("listbox", name="Suggestions")
    expect(suggestions.get_by_role("option")).to_have_text(["Algorithmes et justice"])
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(browser_page.get_by_role("status")).to_contain_text("1 suggestion")

    box.press("ArrowDown")
    option = suggestions.get_by_role("option", name="Algorithmes et justice")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))

    box.press("Enter")
    browser_page.wait_for_url(f"**{page.url}")
    expect(browser_page.get_by_role("heading", level=1)).to_have_text("Algorithmes et justice")


def test_escape_closes_the_suggestions_and_enter_searches(browser_page, homes):
    home_fr, _home_en = homes
    add_page(home_fr, "Algorithmes et justice", "Des algorithmes au tribunal.")
    browser_page.goto("/fr/")

    box = browser_page.get_by_role("combobox", name="Rechercher dans le magazine")
    box.press_sequentially("algorithmes")
    expect(browser_page.get_by_role("option")).to_have_count(1)
    box.press("Escape")
    expect(browser_page.get_by_role("listbox", name="Suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("Enter")
    browser_page.wait_for_url("**/fr/recherche/?q=algorithmes")
    expect(browser_page.get_by_text("1 résultat pour « algorithmes »")).to_be_visible()


def test_the_search_form_works_without_javascript(chromium, live_server, homes):
    home_fr, _home_en = homes
    add_page(home_fr, "Algorithmes et justice", "Des algorithmes au tribunal.")
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    tab = context.new_page()
    try:
        tab.goto("/fr/")
        box = tab.get_by_role("searchbox", name="Rechercher dans le magazine")
        box.fill("algorithmes")
        box.press("Enter")

        tab.wait_for_url("**/fr/recherche/?q=algorithmes")
        expect(tab.get_by_text("1 résultat pour « algorithmes »")).to_be_visible()
        expect(tab.get_by_role("link", name="Algorithmes et justice")).to_be_visible()
    finally:
        context.close()
