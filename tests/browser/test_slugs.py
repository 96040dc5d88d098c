"""An editor types a French title; the address the admin proposes is plain ASCII."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_review_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_french_title_gives_an_ascii_slug_in_the_editor(browser_page, magazine, editor):
    tab = browser_page
    log_in(tab, editor)

    tab.goto(f"/admin/pages/add/articles/articlepage/{magazine.fr.index.pk}/")
    tab.locator("#id_title").press_sequentially("Qui possède les modèles ouverts ?")
    tab.locator("#id_title").blur()

    expect(tab.locator("#id_slug")).to_have_value("qui-possede-les-modeles-ouverts")
