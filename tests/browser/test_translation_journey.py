"""Translating a page in Chromium, in wagtail-localize's real editor, up to the reader."""

import pytest
from playwright.sync_api import expect

from home.models import HomePage
from tests.browser.test_review_journey import log_in
from tests.factories import HomePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRANSLATIONS = {
    "Contenu": {
        "Le sommet de Paris": "The Paris summit",
        "La France plaide pour une troisième voie.": "France argues for a third way.",
        "Un sommet au Grand Palais.": "A summit at the Grand Palais.",
    },
    "Promotion": {"sommet-de-paris": "paris-summit"},
}


def translate_segment(tab, source, text):
    segment = tab.locator("li", has=tab.locator("p", has_text=source)).last
    segment.get_by_role("button", name="Traduire").click()
    segment.locator("textarea").fill(text)
    segment.get_by_role("button", name="Enregistrer").click()
    expect(segment.get_by_text(text, exact=True)).to_be_visible()


def test_editor_translates_in_the_editor_reviewer_approves_reader_switches(
    browser_page, homes, editor, reviewer
):
    home_fr, home_en = homes
    page = HomePageFactory(
        parent=home_fr,
        title="Le sommet de Paris",
        slug="sommet-de-paris",
        intro="<p>La France plaide pour une troisième voie.</p>",
        tagline="Un sommet au Grand Palais.",
        live=True,
    )
    tab = browser_page

    log_in(tab, editor)
    tab.goto(f"/admin/localize/submit/page/{page.pk}/")
    tab.get_by_label("English").check()
    tab.get_by_role("button", name="Soumettre").click()
    expect(tab.get_by_role("button", name="Soumettre à Relecture éditoriale")).to_be_visible()
    for tab_name, segments in TRANSLATIONS.items():
        tab.get_by_role("tab", name=tab_name).click()
        for source, text in segments.items():
            translate_segment(tab, source, text)
    tab.get_by_role("button", name="Soumettre à Relecture éditoriale").click()
    expect(tab.get_by_text("a été soumise à Relecture éditoriale")).to_be_visible()

    log_in(tab, reviewer)
    row = (
        tab.locator("#awaiting-review-section")
        .get_by_role("row")
        .filter(has_text="The Paris summit")
    )
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approuver", exact=True).click()
    expect(tab.locator("#awaiting-review-section")).to_have_count(0)
    assert HomePage.objects.get(translation_key=page.translation_key, locale=home_en.locale).live

    tab.context.clear_cookies()
    tab.goto("/fr/sommet-de-paris/")
    tab.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    tab.wait_for_url("**/en/paris-summit/")
    expect(tab.get_by_text("France argues for a third way.")).to_be_visible()
    assert tab.locator("html").get_attribute("lang") == "en"
    tab.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    tab.wait_for_url("**/fr/sommet-de-paris/")
    expect(tab.get_by_text("La France plaide pour une troisième voie.")).to_be_visible()
