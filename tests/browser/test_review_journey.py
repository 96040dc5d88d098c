"""The review journey in Chromium, through the real Wagtail admin in French."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from tests.factories import HomePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(tab, user):
    tab.context.clear_cookies()
    tab.goto("/admin/login/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", "secret-password")
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url("**/admin/")


def test_editor_submits_and_reviewer_approves_in_the_admin(browser_page, homes, editor, reviewer):
    home_fr, _home_en = homes
    draft = HomePageFactory(
        parent=home_fr, title="Brouillon", slug="brouillon", live=False, owner=editor
    )
    tab = browser_page

    log_in(tab, editor)
    tab.goto(f"/admin/pages/{draft.pk}/edit/")
    tab.fill("#id_title", "Le sommet de Paris")
    footer = tab.get_by_role("navigation", name="Actions (pied de page)")
    assert footer.get_by_role("button", name="Publier").count() == 0
    footer.get_by_role("button", name="Plus d'actions").click()
    footer.get_by_role("button", name="Soumettre à Relecture éditoriale").click()
    tab.wait_for_url(f"**/admin/pages/{home_fr.pk}/")
    assert tab.get_by_text("a été soumise pour modération").first.is_visible()
    assert not Page.objects.get(pk=draft.pk).live

    log_in(tab, reviewer)
    waiting = tab.locator("#awaiting-review-section")
    row = waiting.get_by_role("row").filter(has_text="Le sommet de Paris")
    assert row.get_by_text("Edith Ditrice").is_visible()
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approuver", exact=True).click()
    # The dashboard reloads with nothing left to review.
    expect(tab.locator("#awaiting-review-section")).to_have_count(0)

    tab.goto("/fr/brouillon/")
    assert tab.get_by_role("heading", name="Le sommet de Paris").first.is_visible()
    assert Page.objects.get(pk=draft.pk).live
