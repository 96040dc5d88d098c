"""Any language by configuration: CARNET_LANGUAGES=fr,en,es and a right-to-left fr,en,ar.

Each test applies what the setting gives (tests/languages.py) and checks what a reader, an
editor or a subscriber sees in the new language.
"""

import datetime
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from config.languages import language_settings
from home.checks import locales_without_a_language
from newsletter.digest import plan_digests, send_digests
from newsletter.models import Subscriber
from tests.languages import configure_languages

pytestmark = pytest.mark.django_db


def test_the_setting_gives_django_and_wagtail_their_languages():
    result = language_settings(" fr, en ,ES,ar")

    assert result["LANGUAGE_CODE"] == "fr"
    assert result["LANGUAGES"] == [
        ("fr", "Français"),
        ("en", "English"),
        ("es", "Español"),
        ("ar", "العربيّة"),
    ]
    assert result["WAGTAIL_CONTENT_LANGUAGES"] == result["LANGUAGES"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "names no language"), ("fr,xx", "'xx' is not a language"), ("fr,en,fr", "fr twice")],
)
def test_a_wrong_setting_stops_the_site_with_a_clear_message(value, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        language_settings(value)


def test_the_environment_variable_reaches_the_settings():
    code = "from django.conf import settings; print(settings.LANGUAGE_CODE, settings.LANGUAGES)"
    environment = {
        **os.environ,
        "CARNET_LANGUAGES": "es,fr",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    script = f"import django; django.setup(); {code}"
    output = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert output.strip() == "es [('es', 'Español'), ('fr', 'Français')]"


def test_migrate_makes_the_locales_and_a_removed_language_keeps_its_own(settings):
    configure_languages(settings, "fr,en,es")
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"fr", "en", "es"}

    configure_languages(settings, "fr,en")

    assert Locale.objects.filter(language_code="es").exists()
    [warning] = locales_without_a_language(None, databases=["default"])
    assert warning.id == "home.W001"
    assert "'es' is kept" in warning.msg


def test_three_languages_have_their_addresses_switcher_and_alternates(client, spanish):
    article = spanish["es"]["article"]

    response = client.get(article.url)
    content = response.content.decode()

    assert article.url == "/es/articulos/souverainete-es/"
    assert response.status_code == 200
    assert '<html lang="es" dir="ltr">' in content
    for code, name in (("fr", "Français"), ("en", "English")):
        link = (
            f'<a href="{spanish[code]["article"].url}" hreflang="{code}" lang="{code}">{name}</a>'
        )
        assert link in content
    assert '<span aria-current="true" lang="es">Español</span>' in content
    for code in ("fr", "en", "es"):
        full_url = spanish[code]["article"].get_full_url()
        assert f'<link rel="alternate" hreflang="{code}" href="{full_url}">' in content
    assert '<meta property="og:locale" content="es_ES">' in content
    assert '<meta property="og:locale:alternate" content="fr_FR">' in content
    assert "1 de febrero de 2025" in content


def test_the_sitemap_lists_the_new_language_with_its_alternates(client, spanish):
    content = client.get("/sitemap.xml").content.decode()

    spanish_url = spanish["es"]["article"].get_full_url()
    assert f"<loc>{spanish_url}</loc>" in content
    assert f'hreflang="es" href="{spanish_url}"' in content


def test_each_language_has_its_feed(client, spanish):
    response = client.get("/es/articulos/feed/")

    assert response.status_code == 200
    feed = response.content.decode()
    assert 'xml:lang="es"' in feed or "<language>es</language>" in feed
    assert "<title>Soberanía</title>" in feed


def test_the_translation_report_has_the_new_language(admin_client, spanish):
    response = admin_client.get(reverse("carnet_translation_status"))
    content = response.content.decode()

    assert response.status_code == 200
    assert '<option value="es">Español</option>' in content
    assert '<option value="en">English</option>' in content
    filtered = admin_client.get(reverse("carnet_translation_status"), {"language": "es"})
    assert "Español" in filtered.content.decode()


def test_a_reader_signs_up_and_gets_the_digest_in_the_new_language(client, spanish, settings):
    with translation.override("es"):
        subscribe = reverse("newsletter:subscribe")
    assert subscribe.startswith("/es/")

    response = client.post(
        subscribe,
        {"email": "lucia@example.com", "consent": "on", "next": "/es/"},
        HTTP_ORIGIN="http://testserver",
    )

    assert response.status_code in (200, 302)
    subscriber = Subscriber.objects.get(email="lucia@example.com")
    assert subscriber.language == "es"
    [confirmation] = mail.outbox
    with translation.override("es"):
        assert translation.gettext("Confirm your subscription") in confirmation.subject
    link = re.search(r"http://testserver(/es/\S+)", confirmation.body).group(1)
    confirmed = client.post(link).content.decode()
    with translation.override("es"):
        assert translation.gettext("Subscription confirmed") in confirmed
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    settings.NEWSLETTER_DIGEST_PAGE_MODEL = "articles.ArticlePage"
    Page.objects.exclude(pk__in=[p.pk for p in spanish["es"].values()]).update(
        first_published_at=timezone.now() - datetime.timedelta(days=400)
    )
    mail.outbox.clear()
    assert send_digests(plan_digests()) == 1
    [digest] = mail.outbox
    assert digest.to == ["lucia@example.com"]
    assert "Soberanía" in digest.body
    assert spanish["es"]["article"].get_full_url() in digest.body


@pytest.mark.parametrize(
    ("code", "query"),
    [
        ("fr", "algorithme"),
        ("en", "regulations"),
        ("es", "soberano"),
        ("es", "regulación"),
        ("es", "algoritmo"),
    ],
)
def test_search_stems_each_language(client, spanish, code, query):
    call_command("update_index", verbosity=0)
    with translation.override(code):
        search = reverse("search")

    content = client.get(search, {"q": query}).content.decode()

    assert spanish[code]["article"].url in content.split('class="search-results"')[1]


@pytest.mark.parametrize(("code", "query"), [("fr", "souverain"), ("en", "sovereign")])
def test_sqlite_matches_stems_as_prefixes(client, spanish, code, query):
    """The stems differ ("souverainet", "sovereignti" in the article): SQLite matches a
    query's stems as prefixes and finds the article; PostgreSQL matches whole stems."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL matches whole stems")
    call_command("update_index", verbosity=0)
    with translation.override(code):
        search = reverse("search")

    content = client.get(search, {"q": query}).content.decode()

    assert spanish[code]["article"].url in content.split('class="search-results"')[1]


def test_a_right_to_left_language_gets_a_mirrored_page(client, arabic):
    content = client.get("/ar/").content.decode()

    assert '<html lang="ar" dir="rtl">' in content
    assert "مجلة عن الذكاء الاصطناعي." in content
    assert '<a href="/fr/" hreflang="fr" lang="fr" dir="ltr">Français</a>' in content
    # No Arabic catalogue is shipped: the interface shows in English, never in French.
    assert "Skip to content" in content
    french = client.get("/fr/").content.decode()
    assert '<a href="/ar/" hreflang="ar" lang="ar" dir="rtl">العربيّة</a>' in french
    assert '<html lang="fr" dir="ltr">' in french
