"""Editors see subscribers in the admin, export them as CSV, and send the digest.

The admin speaks the editors' language, French unless they chose otherwise.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage
from newsletter.models import SentDigestItem, Subscriber
from tests.factories import HomePageFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/newsletter/"
DIGEST = "/admin/newsletter/digest/"


def user_with(*codenames, username="editor"):
    group = Group.objects.create(name=f"{username} group")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(group)
    return user


@pytest.fixture
def admin_client(client):
    client.force_login(
        get_user_model().objects.create_superuser("admin", "admin@example.com", "x")
    )
    return client


@pytest.fixture
def subscribers():
    return [
        SubscriberFactory(email="ana@example.com", language="fr"),
        SubscriberFactory(email="bob@example.com", language="en"),
        SubscriberFactory(
            email="carla@example.com", language="fr", status=Subscriber.Status.PENDING
        ),
        SubscriberFactory(
            email="=cmd@example.com", language="en", status=Subscriber.Status.UNSUBSCRIBED
        ),
    ]


def refused(response):
    """Wagtail answers a forbidden admin view by sending the user back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def exported_rows(response):
    assert response["Content-Type"] == "text/csv"
    assert 'filename="newsletter-subscribers.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_editors_list_subscribers_with_status_language_and_dates(admin_client, subscribers):
    response = admin_client.get(INDEX)
    content = response.content.decode()

    assert response.status_code == 200
    for heading in ("Adresse e-mail", "Statut", "Langue", "Inscrit le", "Confirmé le"):
        assert heading in content
    for subscriber in subscribers:
        assert subscriber.email in content
    assert "En attente de confirmation" in content and "Désabonné" in content


def test_the_list_filters_by_status_and_language(admin_client, subscribers):
    content = admin_client.get(INDEX, {"status": "confirmed", "language": "fr"}).content.decode()

    assert "ana@example.com" in content
    assert "bob@example.com" not in content and "carla@example.com" not in content


def test_the_csv_export_holds_every_subscriber(admin_client, subscribers):
    rows = exported_rows(admin_client.get(INDEX, {"export": "csv"}))

    assert rows[0] == [
        "Adresse e-mail",
        "Statut",
        "Langue",
        "Inscrit le",
        "Confirmé le",
        "Désabonné le",
    ]
    by_email = {row[0]: row for row in rows[1:]}
    assert set(by_email) == {
        "ana@example.com",
        "bob@example.com",
        "carla@example.com",
        "'=cmd@example.com",
    }
    assert by_email["ana@example.com"][1:3] == ["confirmed", "fr"]
    assert by_email["carla@example.com"][1:3] == ["pending", "fr"]
    assert by_email["carla@example.com"][4] == ""
    assert by_email["bob@example.com"][3].startswith(str(timezone.now().year))


def test_the_csv_export_follows_the_filters(admin_client, subscribers):
    rows = exported_rows(admin_client.get(INDEX, {"export": "csv", "status": "confirmed"}))

    assert sorted(row[0] for row in rows[1:]) == ["ana@example.com", "bob@example.com"]


def test_the_xlsx_export_works_too(admin_client, subscribers):
    response = admin_client.get(INDEX, {"export": "xlsx"})

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_a_reviewer_with_view_permission_lists_and_exports_but_cannot_send(client, subscribers):
    client.force_login(user_with("view_subscriber"))

    listing = client.get(INDEX)
    rows = exported_rows(client.get(INDEX, {"export": "csv"}))

    assert listing.status_code == 200
    assert "ana@example.com" in listing.content.decode()
    assert "Envoyer le récapitulatif" not in listing.content.decode()
    assert len(rows) == 5
    assert refused(client.get(DIGEST))
    assert refused(client.post(DIGEST))
    assert mail.outbox == []


def test_a_user_without_permission_sees_no_subscriber(client, subscribers):
    client.force_login(user_with(username="someone"))

    assert refused(client.get(INDEX))
    assert refused(client.get(INDEX, {"export": "csv"}))


def test_nobody_adds_or_edits_a_subscriber_in_the_admin(admin_client, subscribers):
    """Subscriptions rest on the reader's own confirmation, never on an editor's hand."""
    listing = admin_client.get(INDEX).content.decode()

    assert refused(admin_client.get(f"{INDEX}new/"))
    assert refused(admin_client.post(f"{INDEX}new/", {"email": "x@example.com", "language": "fr"}))
    assert refused(admin_client.get(f"{INDEX}edit/{subscribers[0].pk}/"))
    assert refused(
        admin_client.post(
            f"{INDEX}edit/{subscribers[0].pk}/", {"email": "x@example.com", "language": "en"}
        )
    )
    assert f"{INDEX}new/" not in listing
    assert Subscriber.objects.count() == 4
    assert Subscriber.objects.filter(email="ana@example.com", language="fr").exists()


def test_a_subscriber_can_be_inspected_and_deleted(admin_client, subscribers):
    ana = subscribers[0]

    inspect = admin_client.get(f"{INDEX}inspect/{ana.pk}/")
    deleted = admin_client.post(f"{INDEX}delete/{ana.pk}/")

    assert inspect.status_code == 200
    assert "Consentement donné le" in inspect.content.decode()
    assert deleted.status_code == 302
    assert not Subscriber.objects.filter(pk=ana.pk).exists()


@pytest.fixture
def news(homes, settings):
    settings.NEWSLETTER_DIGEST_PAGE_MODEL = "home.HomePage"
    HomePage.objects.update(first_published_at=timezone.now() - timedelta(days=400))
    home_fr, home_en = homes
    for parent, title in ((home_fr, "Le sommet de Paris"), (home_en, "The Paris summit")):
        page = HomePageFactory(parent=parent, title=title, slug="sommet", locale=parent.locale)
        Page.objects.filter(pk=page.pk).update(
            first_published_at=timezone.now() - timedelta(days=1)
        )


def test_the_digest_page_shows_a_dry_run_and_sends_nothing(admin_client, subscribers, news):
    response = admin_client.get(DIGEST)
    content = response.content.decode()

    assert response.status_code == 200
    assert "Simulation" in content
    assert "Français" in content and "English" in content
    assert "Le sommet de Paris" in content and "The Paris summit" in content
    assert content.count("1 abonné recevrait\u00a0:") == 2
    assert mail.outbox == [] and not SentDigestItem.objects.exists()


def test_the_digest_button_sends_once(admin_client, subscribers, news):
    listing = admin_client.get(INDEX).content.decode()
    assert f'href="{DIGEST}"' in listing

    first = admin_client.post(DIGEST, follow=True)
    second = admin_client.post(DIGEST, follow=True)

    assert "Le récapitulatif est en route" in first.content.decode()
    assert "Le récapitulatif est en route" in second.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.com",
        "bob@example.com",
    ]
    assert "Rien à envoyer" in admin_client.get(DIGEST).content.decode()


def test_an_editor_given_the_permission_can_send_the_digest(client, subscribers, news):
    client.force_login(user_with("view_subscriber", "send_digest"))

    assert "Envoyer le récapitulatif" in client.get(INDEX).content.decode()
    assert client.post(DIGEST).status_code == 302
    assert len(mail.outbox) == 2


def test_the_digest_page_explains_a_missing_page_model(admin_client, settings):
    settings.NEWSLETTER_DIGEST_PAGE_MODEL = "articles.Brochure"

    response = admin_client.get(DIGEST)

    assert response.status_code == 200
    assert "not an installed page model" in response.content.decode()


def test_the_group_editor_offers_only_the_permissions_that_serve(admin_client):
    editors = Group.objects.create(name="Newsletter team")

    content = admin_client.get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    offered = {
        permission.codename
        for permission in Permission.objects.filter(content_type__app_label="newsletter")
        if f'value="{permission.pk}"' in content
    }

    assert offered == {"view_subscriber", "delete_subscriber", "send_digest"}
