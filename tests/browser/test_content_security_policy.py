"""In a real browser, the Content-Security-Policy blocks nothing that Carnet itself needs:
not on public pages, not in the Wagtail admin's page editor."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched_page(browser_page):
    browser_page.add_init_script(RECORD_VIOLATIONS)
    return browser_page


def violations(page):
    return page.evaluate("window.cspViolations")


def test_public_pages_run_under_their_policy_without_violation(watched_page, homes):
    response = watched_page.goto("/fr/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert watched_page.get_by_role("button", name="Rechercher").is_visible()
    assert violations(watched_page) == []


def test_admin_page_editor_works_under_the_admin_policy(watched_page, homes):
    home_fr, _home_en = homes
    get_user_model().objects.create_superuser("editor", "editor@example.com", "secret-pass")

    watched_page.goto("/admin/login/")
    watched_page.fill("#id_username", "editor")
    watched_page.fill("#id_password", "secret-pass")
    watched_page.locator("form.login-form button[type=submit]").click()
    watched_page.wait_for_url("**/admin/")
    watched_page.goto(f"/admin/pages/{home_fr.pk}/edit/")

    # The rich text editor is drawn by the admin's scripts.
    watched_page.locator(".Draftail-Editor").first.wait_for()
    assert violations(watched_page) == []
