"""The signed links of the e-mails: confirm and unsubscribe, valid, tampered and expired."""

import pytest
from django.core import mail
from django.test import Client

from newsletter import tokens
from newsletter.models import Subscriber
from tests.factories import SubscriberFactory
from tests.newsletter.helpers import NBSP, html_of, link_path, sign_up, token_signed_ago, url

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60


def confirmation_path(client, language="fr", email="ana@example.com"):
    sign_up(client, language, email=email)
    return link_path(mail.outbox[-1], "/confirm")


def tampered(token):
    """The token with one character of its signature changed."""
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


def test_the_confirmation_link_asks_before_it_confirms(client):
    path = confirmation_path(client)

    page = client.get(path)

    assert page.status_code == 200
    assert "Confirmez votre abonnement" in page.content.decode()
    assert "Oui, envoyez-moi la lettre" in page.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_confirming_counts_the_address_without_needing_a_cookie(client):
    path = confirmation_path(client)

    response = Client(enforce_csrf_checks=True).post(path)

    assert response.status_code == 200
    assert "Abonnement confirmé" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_confirming_again_changes_nothing(client):
    path = confirmation_path(client, "en")
    client.post(path)
    confirmed_at = Subscriber.objects.get().confirmed_at

    again = client.post(path)
    revisit = client.get(path)

    assert again.status_code == revisit.status_code == 200
    assert "Subscription confirmed" in revisit.content.decode()
    assert Subscriber.objects.get().confirmed_at == confirmed_at


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_confirmation_link_is_refused_clearly(client, method):
    path = confirmation_path(client)
    token = path.rstrip("/").rsplit("/", 1)[1]

    response = getattr(client, method)(path.replace(token, tampered(token)))

    assert response.status_code == 400
    assert "Ce lien n’est pas valable" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_an_unsubscribe_token_cannot_confirm(client):
    subscriber = SubscriberFactory(status=Subscriber.Status.PENDING)
    token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)

    response = client.post(url("newsletter:confirm", "en", token))

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_confirmation_link_offers_to_sign_up_again(client, method):
    subscriber = SubscriberFactory(email="late@example.com", status=Subscriber.Status.PENDING)
    token = token_signed_ago(subscriber, tokens.CONFIRM, 8 * DAY)

    response = getattr(client, method)(url("newsletter:confirm", "fr", token))
    content = response.content.decode()

    assert response.status_code == 410
    assert "Ce lien de confirmation a expiré" in content
    assert 'action="/fr/lettre/inscription/"' in content
    assert 'value="late@example.com"' in content
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_the_confirmation_lifetime_is_a_setting(client, settings):
    subscriber = SubscriberFactory(status=Subscriber.Status.PENDING)
    token = token_signed_ago(subscriber, tokens.CONFIRM, 2 * DAY)
    path = url("newsletter:confirm", "en", token)

    settings.NEWSLETTER_CONFIRMATION_MAX_AGE = DAY
    assert client.post(path).status_code == 410
    settings.NEWSLETTER_CONFIRMATION_MAX_AGE = 3 * DAY
    assert client.post(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_confirmation_link_no_longer_serves_once_the_address_unsubscribed(client):
    subscriber = SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    token = tokens.make_token(subscriber, tokens.CONFIRM)

    response = client.post(url("newsletter:confirm", "en", token))

    assert response.status_code == 410
    assert "This confirmation link is no longer valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_confirmation_link_of_a_deleted_subscriber_offers_to_sign_up(client):
    subscriber = SubscriberFactory(status=Subscriber.Status.PENDING)
    token = tokens.make_token(subscriber, tokens.CONFIRM)
    subscriber.delete()

    response = client.get(url("newsletter:confirm", "en", token))

    assert response.status_code == 410
    assert 'action="/en/newsletter/subscribe/"' in response.content.decode()


def test_the_unsubscribe_link_works_in_one_click(client):
    subscriber = SubscriberFactory()
    path = url("newsletter:unsubscribe", "fr", tokens.make_token(subscriber, tokens.UNSUBSCRIBE))

    response = client.get(path)

    assert response.status_code == 200
    assert "Désabonnement enregistré" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    unsubscribed_at = subscriber.unsubscribed_at

    assert client.get(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == unsubscribed_at


def test_a_mail_client_unsubscribes_with_the_rfc_8058_post(client):
    subscriber = SubscriberFactory(language="en")
    sign_up(client, "en", email=subscriber.email)
    (message,) = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header.startswith("<http://testserver/en/newsletter/unsubscribe/") and header.endswith(
        ">"
    )

    response = Client(enforce_csrf_checks=True).post(
        header[1:-1].removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_pending_address_can_refuse_everything_from_its_confirmation_e_mail(client):
    sign_up(client, "fr", email="not-me@example.com")
    path = link_path(mail.outbox[0], "/desabonnement/")

    client.get(path)
    sign_up(client, "fr", email="not-me@example.com")

    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert len(mail.outbox) == 1, "still within the resend interval: no second e-mail"


def test_a_tampered_unsubscribe_link_is_refused_clearly(client):
    subscriber = SubscriberFactory()
    token = tampered(tokens.make_token(subscriber, tokens.UNSUBSCRIBE))

    response = client.get(url("newsletter:unsubscribe", "en", token))

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_confirmation_token_cannot_unsubscribe(client):
    subscriber = SubscriberFactory()
    token = tokens.make_token(subscriber, tokens.CONFIRM)

    assert client.get(url("newsletter:unsubscribe", "en", token)).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_an_expired_unsubscribe_link_offers_a_new_one_that_works(client):
    subscriber = SubscriberFactory(language="en")
    token = token_signed_ago(subscriber, tokens.UNSUBSCRIBE, 366 * DAY)

    expired = client.get(url("newsletter:unsubscribe", "en", token))

    assert expired.status_code == 410
    assert "This unsubscribe link has expired" in expired.content.decode()
    assert f'action="{url("newsletter:renew_unsubscribe_link", "en", token)}"' in (
        expired.content.decode()
    )
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    sent = Client(enforce_csrf_checks=True).post(
        url("newsletter:renew_unsubscribe_link", "en", token)
    )

    assert sent.status_code == 200
    assert "We have sent a new unsubscribe link" in sent.content.decode()
    (message,) = mail.outbox
    assert message.to == [subscriber.email]
    assert message.subject == "Your link to unsubscribe from Carnet"
    assert client.get(link_path(message, "/unsubscribe/")).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_new_unsubscribe_links_are_not_sent_in_a_flood(client):
    subscriber = SubscriberFactory(language="en")
    renew = url(
        "newsletter:renew_unsubscribe_link",
        "en",
        token_signed_ago(subscriber, tokens.UNSUBSCRIBE, 400 * DAY),
    )

    for _attempt in range(3):
        assert client.post(renew).status_code == 200

    assert len(mail.outbox) == 1


def test_a_tampered_renewal_is_refused(client):
    subscriber = SubscriberFactory()
    token = tampered(tokens.make_token(subscriber, tokens.UNSUBSCRIBE))

    assert client.post(url("newsletter:renew_unsubscribe_link", "fr", token)).status_code == 400
    assert mail.outbox == []


def test_an_expired_link_of_an_unsubscribed_address_just_says_so(client):
    subscriber = SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    token = token_signed_ago(subscriber, tokens.UNSUBSCRIBE, 400 * DAY)

    response = client.get(url("newsletter:unsubscribe", "fr", token))

    assert response.status_code == 200
    assert "Vous ne recevrez plus aucun e-mail de notre part." in response.content.decode()


def test_an_unsubscribe_link_of_a_deleted_subscriber_still_answers(client):
    subscriber = SubscriberFactory()
    token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
    subscriber.delete()

    assert client.get(url("newsletter:unsubscribe", "en", token)).status_code == 200


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_sign_up_e_mail_carries_a_working_unsubscribe_link(client, language):
    SubscriberFactory(email="known@example.com", language=language)
    sign_up(client, language, email="new@example.com")
    sign_up(client, language, email="known@example.com")

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
        assert unsubscribe in message.body
        assert f'href="{unsubscribe}"' in html_of(message)
        assert client.get(unsubscribe.removeprefix("http://testserver")).status_code == 200
    assert not Subscriber.objects.exclude(status=Subscriber.Status.UNSUBSCRIBED).exists()


def test_the_french_confirmation_page_uses_french_typography(client):
    path = confirmation_path(client)

    content = client.get(path).content.decode()

    assert f"Dernière étape{NBSP}: confirmez" in content
