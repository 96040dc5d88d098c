"""Signing up: the box on every page, double opt-in, no duplicates, every bad input."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, RequestFactory
from django.utils import timezone

from newsletter.models import Subscriber
from tests.factories import SubscriberFactory
from tests.newsletter.helpers import (
    FRAGMENT,
    NBSP,
    SAME_ORIGIN,
    html_of,
    link_path,
    sign_up,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "action", "title", "button"),
    [
        (
            "/fr/",
            "/fr/lettre/inscription/",
            f"Restez informé{NBSP}! Ne manquez aucun article{NBSP}!",
            "S’abonner",
        ),
        (
            "/en/",
            "/en/newsletter/subscribe/",
            "Stay informed! Never miss an article!",
            "Subscribe",
        ),
    ],
)
def test_every_page_has_the_box_in_its_language(client, homes, page, action, title, button):
    response = client.get(page)
    content = response.content.decode()

    form = '<form class="newsletter-form" id="footer-newsletter-form" method="post"'
    assert f'{form} action="{action}"' in content
    assert title in content
    assert f'<button class="button" type="submit">{button}</button>' in content
    assert 'type="email" name="email"' in content and 'type="checkbox" name="consent"' in content
    # The footer is the same on every page (a site fragment): the address to come back to
    # follows it, a field of its form by HTML's `form` attribute.
    assert f'name="next" value="{page}" form="footer-newsletter-form"' in content
    assert 'src="/static/newsletter/signup.js" defer' in content


def test_the_box_holds_nothing_of_one_reader_so_pages_can_be_cached(client, homes):
    response = client.get("/fr/")

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "csrftoken" not in response.cookies
    assert "sessionid" not in response.cookies


def test_a_reader_signs_up_from_a_cached_copy_of_a_page(homes):
    """The page was rendered for someone else; the reader has no cookie at all."""
    cached_page = Client().get("/fr/").content.decode()
    form = re.search(
        r'<form class="newsletter-form" id="([^"]+)"[^>]*action="([^"]+)".*?</form>',
        cached_page,
        re.S,
    )
    form_id, action = form.groups()
    # What a browser sends: the form's hidden fields and those that name it in `form`.
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form.group(0)))
    hidden.update(re.findall(rf'name="(\w+)" value="([^"]*)" form="{form_id}"', cached_page))
    assert hidden["next"] == "/fr/"

    reader = Client(enforce_csrf_checks=True)
    response = reader.post(
        action, {**hidden, "email": "ana@example.com", "consent": "on"}, **SAME_ORIGIN
    )

    assert response.status_code == 302
    assert "next=%2Ffr%2F" in response["Location"]
    assert Subscriber.objects.get().email == "ana@example.com"


def test_the_article_box_and_the_footer_box_keep_distinct_ids():
    request = RequestFactory().get("/fr/un-article/")
    html = Template(
        "{% load newsletter_tags %}"
        '{% newsletter_signup "article" %}{% newsletter_signup "footer" %}'
        '{% newsletter_return "footer" %}'
    ).render(Context({"request": request}))
    ids = re.findall(r'\bid="([^"]+)"', html)

    assert len(ids) == len(set(ids))
    assert 'id="article-newsletter-email"' in html and 'id="footer-newsletter-email"' in html
    assert 'id="article-newsletter-form"' in html and 'id="footer-newsletter-form"' in html
    # One in the article's box, one after the footer's, naming its form.
    assert html.count('name="next" value="/fr/un-article/"') == 2
    assert 'name="next" value="/fr/un-article/" form="footer-newsletter-form">' in html


def test_an_unknown_placement_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load newsletter_tags %}{% newsletter_signup "sidebar" %}').render(Context())


def test_sign_up_in_french_sends_a_french_confirmation(client):
    response = sign_up(
        client, "fr", email="  Ana@Example.com ", next="/fr/un-article/", placement="footer"
    )

    assert response.status_code == 302
    assert (
        response["Location"] == "/fr/lettre/merci/?next=%2Ffr%2Fun-article%2F%23footer-newsletter"
    )
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.status) == (
        "ana@example.com",
        "fr",
        Subscriber.Status.PENDING,
    )
    assert subscriber.confirmed_at is None and subscriber.consented_at is not None
    (message,) = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.subject == "Confirmez votre abonnement à Carnet"
    assert "a demandé à recevoir la lettre d’information de Carnet" in message.body
    assert link_path(message, "/confirmer/").startswith("/fr/lettre/confirmer/")
    assert "Confirmer mon abonnement" in html_of(message)


def test_sign_up_in_english_sends_an_english_confirmation(client):
    response = sign_up(client, "en", email="bob@example.com")

    assert response.status_code == 302
    assert Subscriber.objects.get().language == "en"
    (message,) = mail.outbox
    assert message.subject == "Confirm your subscription to Carnet"
    assert "To confirm, open this link within 7 days:" in message.body
    assert link_path(message, "/confirm/").startswith("/en/newsletter/confirm/")
    assert "Confirm my subscription" in html_of(message)


def test_the_thanks_page_leads_back_to_the_reader_s_place(client):
    response = sign_up(client, "fr", next="/fr/un-article/", placement="article")
    thanks = client.get(response["Location"])
    content = thanks.content.decode()

    assert thanks.status_code == 200
    assert "Consultez votre boîte de réception" in content
    assert f"Merci{NBSP}! Un e-mail est en route vers vous" in content
    assert 'href="/fr/un-article/#article-newsletter">Reprendre votre lecture</a>' in content
    assert "no-cache" in thanks["Cache-Control"]


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_the_way_back_never_leaves_the_site(client, next_url):
    response = sign_up(client, "en", next=next_url, placement="page")
    thanks = client.get(response["Location"]).content.decode()

    assert response["Location"] == "/en/newsletter/thanks/?next=%2Fen%2F"
    assert "evil" not in thanks and "javascript" not in thanks
    assert 'href="/en/">Back to your reading</a>' in thanks
    direct = client.get(url("newsletter:thanks", "en"), {"next": next_url}).content.decode()
    assert 'href="/en/">Back to your reading</a>' in direct


def test_with_javascript_the_box_answers_in_place(client):
    response = sign_up(client, "en", headers={**SAME_ORIGIN, **FRAGMENT}, placement="footer")
    content = response.content.decode()

    assert response.status_code == 200
    assert response["X-Newsletter-Box"] == "1"
    assert content.startswith(
        '<section class="newsletter-box newsletter-box--footer" id="footer-newsletter"'
    )
    assert "Thank you! An e-mail is on its way to you" in content
    assert "<form" not in content
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_signing_up_twice_keeps_one_subscriber_and_one_recent_e_mail(client):
    first = sign_up(client, "fr", email="ana@example.com")
    second = sign_up(client, "fr", email="ANA@example.com")

    assert Subscriber.objects.count() == 1
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert len(mail.outbox) == 1

    Subscriber.objects.update(notified_at=timezone.now() - timedelta(minutes=16))
    sign_up(client, "en", email="ana@example.com")

    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Confirm your subscription to Carnet"
    assert Subscriber.objects.get().language == "en"


def test_the_answer_does_not_tell_whether_an_address_is_subscribed(client):
    SubscriberFactory(email="known@example.com", language="en")

    known = sign_up(client, "fr", headers={**SAME_ORIGIN, **FRAGMENT}, email="known@example.com")
    unknown = sign_up(client, "fr", headers={**SAME_ORIGIN, **FRAGMENT}, email="new@example.com")

    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    known_page = sign_up(client, "fr", email="known@example.com")
    unknown_page = sign_up(client, "fr", email="other@example.com")
    assert known_page["Location"] == unknown_page["Location"]


def test_a_subscribed_address_gets_a_reminder_in_its_own_language_and_stays_confirmed(client):
    subscriber = SubscriberFactory(email="known@example.com", language="en")

    sign_up(client, "fr", email="known@example.com")

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.language == "en"
    (message,) = mail.outbox
    assert message.subject == "You already receive Carnet"
    assert "This address is already subscribed" in message.body
    assert "/confirm/" not in message.body


def test_an_unsubscribed_address_can_sign_up_again_through_double_opt_in(client):
    SubscriberFactory(email="back@example.com", status=Subscriber.Status.UNSUBSCRIBED)

    sign_up(client, "fr", email="back@example.com")

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert mail.outbox[0].subject == "Confirmez votre abonnement à Carnet"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": ""}, "email", "Saisissez votre adresse e-mail."),
        ({"email": "   "}, "email", "Saisissez votre adresse e-mail."),
        (
            {"email": "ana@"},
            "email",
            "Saisissez une adresse e-mail complète, comme nom@exemple.fr.",
        ),
        ({"email": "ana example.com"}, "email", "Saisissez une adresse e-mail complète"),
        ({"email": "a" * 250 + "@example.com"}, "email", "254"),
        ({"consent": ""}, "consent", "Cochez cette case pour accepter de recevoir la lettre"),
    ],
)
def test_bad_input_gets_a_field_error_and_keeps_what_was_typed(client, fields, field, message):
    typed = {"email": "ana@example.com", "consent": "on", "placement": "footer", **fields}
    response = sign_up(client, "fr", next="/fr/un-article/", **typed)
    content = response.content.decode()

    assert response.status_code == 400
    assert message in content
    assert f'id="footer-newsletter-{field}_error"' in content
    assert f'aria-describedby="footer-newsletter-{field}_error"' in content
    assert 'aria-invalid="true"' in content
    assert content.count("data-newsletter-box") == 1
    if typed["email"].strip():
        assert f'value="{typed["email"]}"' in content
    if typed["consent"]:
        assert 'name="consent" required id="footer-newsletter-consent" checked' in content
    assert 'name="next" value="/fr/un-article/"' in content
    assert "<title>Erreur" in content
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_bad_input_with_javascript_gets_the_box_with_its_errors(client):
    response = sign_up(
        client,
        "en",
        headers={**SAME_ORIGIN, **FRAGMENT},
        email="nope",
        consent="",
        placement="article",
    )
    content = response.content.decode()

    assert response.status_code == 400
    assert response["X-Newsletter-Box"] == "1"
    assert content.startswith('<section class="newsletter-box newsletter-box--article"')
    assert "Type a complete e-mail address, such as name@example.com." in content
    assert "Tick this box to agree to receive the newsletter." in content
    assert 'value="nope"' in content
    assert '<a href="#article-newsletter-email">' in content


def test_a_form_with_unknown_hidden_values_is_answered_not_crashed(client):
    response = sign_up(client, "fr", placement="<script>", next="")

    assert response.status_code == 302
    assert response["Location"] == "/fr/lettre/merci/?next=%2Ffr%2F"


def test_robots_filling_the_honeypot_are_thanked_and_ignored(client):
    response = sign_up(client, "fr", website="http://spam.example")

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/lettre/merci/")
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_readers_and_assistive_technology(client, homes):
    content = client.get("/fr/").content.decode()

    trap = re.search(
        r'<div class="newsletter-form__trap" aria-hidden="true">(.*?)</div>', content, re.S
    )
    assert trap and 'name="website"' in trap.group(1) and 'tabindex="-1"' in trap.group(1)


def test_too_many_sign_ups_from_one_address_are_refused_with_a_clear_message(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE_LIMIT = 2
    for number in range(2):
        assert sign_up(client, "fr", email=f"reader{number}@example.com").status_code == 302

    refused = sign_up(client, "fr", email="third@example.com")
    content = refused.content.decode()

    assert refused.status_code == 429
    assert refused["Retry-After"] == str(settings.NEWSLETTER_SIGNUP_RATE_WINDOW)
    assert "Trop d’inscriptions depuis votre connexion" in content
    assert 'value="third@example.com"' in content
    assert Subscriber.objects.count() == 2
    other_reader = client.post(
        url("newsletter:subscribe", "fr"),
        {"email": "third@example.com", "consent": "on"},
        REMOTE_ADDR="192.0.2.7",
        **SAME_ORIGIN,
    )
    assert other_reader.status_code == 302
    assert Subscriber.objects.count() == 3


def test_the_rate_limit_counts_an_ipv6_network_as_one_reader(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE_LIMIT = 1
    subscribe = url("newsletter:subscribe", "en")
    data = {"consent": "on"}

    first = client.post(
        subscribe, {**data, "email": "a@example.com"}, REMOTE_ADDR="2001:db8::1", **SAME_ORIGIN
    )
    same_network = client.post(
        subscribe, {**data, "email": "b@example.com"}, REMOTE_ADDR="2001:db8::2", **SAME_ORIGIN
    )
    other_network = client.post(
        subscribe, {**data, "email": "c@example.com"}, REMOTE_ADDR="2001:db8:1::1", **SAME_ORIGIN
    )

    assert (first.status_code, same_network.status_code, other_network.status_code) == (
        302,
        429,
        302,
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {},
    ],
    ids=["foreign-origin", "foreign-referer", "null-origin", "look-alike", "no-header"],
)
def test_a_sign_up_from_another_site_is_refused(client, headers):
    response = sign_up(client, "fr", headers=headers)

    assert response.status_code == 403
    assert "Inscription refusée" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/fr/un-article/"},
        {"HTTP_ORIGIN": "null", "HTTP_REFERER": "http://testserver/fr/"},
        {"HTTP_ORIGIN": "https://www.carnet.example"},
    ],
    ids=["origin", "referer", "null-origin-with-referer", "trusted-origin"],
)
def test_a_sign_up_from_our_pages_is_accepted(client, settings, headers):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.carnet.example"]

    response = sign_up(client, "fr", headers=headers)

    assert response.status_code == 302
    assert Subscriber.objects.count() == 1


def test_the_sign_up_page_shows_one_form(client):
    response = client.get(url("newsletter:subscribe", "en"), {"next": "/en/some-page/"})
    content = response.content.decode()

    assert response.status_code == 200
    assert content.count("data-newsletter-box") == 1
    assert 'id="page-newsletter-email"' in content
    assert 'href="/en/some-page/">Back to your reading</a>' in content


def test_other_methods_are_refused(client):
    assert client.put(url("newsletter:subscribe", "fr")).status_code == 405
    assert client.post(url("newsletter:thanks", "fr")).status_code == 405


def test_the_sign_up_limit_holds_with_redis_down(client, settings, mailoutbox):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.NEWSLETTER_SIGNUP_RATE_LIMIT = 5

    answers = [
        sign_up(client, "fr", email=f"reader{number}@example.com").status_code
        for number in range(8)
    ]

    assert answers == [302] * 5 + [429] * 3
    assert Subscriber.objects.count() == 5
    assert len(mailoutbox) == 5
