"""A reader signs up for the newsletter in Chromium, in both languages, with and without
JavaScript, and confirms from the e-mail."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fr": {
        "email": "Votre adresse e-mail",
        "consent": "J’accepte de recevoir la lettre d’information",
        "subscribe": "S’abonner",
        "thanks": "Merci ! Un e-mail est en route vers vous",
        "confirm": "Oui, envoyez-moi la lettre",
        "confirmed": "Abonnement confirmé",
        "subject": "Confirmez votre abonnement à Carnet",
    },
    "en": {
        "email": "Your e-mail address",
        "consent": "I agree to receive the newsletter",
        "subscribe": "Subscribe",
        "thanks": "Thank you! An e-mail is on its way to you",
        "confirm": "Yes, send me the newsletter",
        "confirmed": "Subscription confirmed",
        "subject": "Confirm your subscription to Carnet",
    },
}


@pytest.fixture(autouse=True)
def links_to_the_live_server(settings, live_server, empty_cache):
    """E-mails link to the server the browser talks to; rate limits start afresh."""
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url


def confirmation_link(message):
    return re.search(r"https?://\S+/(?:confirmer|confirm)/\S+/", message.body).group(0)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_reader_signs_up_in_place_and_confirms(browser_page, homes, language):
    text = TEXTS[language]
    browser_page.goto(f"/{language}/")
    box = browser_page.locator("#footer-newsletter")

    box.get_by_label(text["email"]).fill(f"reader-{language}@example.com")
    box.get_by_label(text["consent"]).check()
    box.get_by_role("button", name=text["subscribe"]).click()

    thanks = browser_page.locator("#footer-newsletter").get_by_role("status")
    expect(thanks).to_contain_text(text["thanks"])
    expect(thanks).to_be_focused()
    assert browser_page.url.endswith(f"/{language}/")
    (message,) = mail.outbox
    assert message.subject == text["subject"]
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    browser_page.goto(confirmation_link(message))
    browser_page.get_by_role("button", name=text["confirm"]).click()

    expect(browser_page.get_by_role("heading", level=1)).to_have_text(text["confirmed"])
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language) == (Subscriber.Status.CONFIRMED, language)


def test_errors_show_in_place_and_keep_what_was_typed(browser_page, homes):
    browser_page.goto("/en/")
    box = browser_page.locator("#footer-newsletter")

    box.get_by_label("Your e-mail address").fill("ana@example")
    box.get_by_role("button", name="Subscribe").click()

    alert = browser_page.locator("#footer-newsletter").get_by_role("alert")
    expect(alert).to_contain_text("Type a complete e-mail address")
    expect(alert).to_contain_text("Tick this box to agree to receive the newsletter.")
    expect(alert).to_be_focused()
    box = browser_page.locator("#footer-newsletter")
    email = box.get_by_label("Your e-mail address")
    expect(email).to_have_value("ana@example")
    expect(email).to_have_attribute("aria-invalid", "true")

    email.fill("ana@example.com")
    box.get_by_label("I agree to receive the newsletter").check()
    box.get_by_role("button", name="Subscribe").click()

    expect(browser_page.locator("#footer-newsletter").get_by_role("status")).to_be_visible()
    assert Subscriber.objects.get().email == "ana@example.com"


def test_without_javascript_the_thanks_page_leads_back(chromium, live_server, homes):
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/fr/")
        box = page.locator("#footer-newsletter")
        box.get_by_label("Votre adresse e-mail").fill("sans-js@example.com")
        box.get_by_label("J’accepte de recevoir la lettre d’information").check()
        box.get_by_role("button", name="S’abonner").click()

        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Consultez votre boîte de réception"
        )
        page.get_by_role("link", name="Reprendre votre lecture").click()

        page.wait_for_url("**/fr/#footer-newsletter")
        assert Subscriber.objects.get().email == "sans-js@example.com"
        assert len(mail.outbox) == 1
    finally:
        context.close()
