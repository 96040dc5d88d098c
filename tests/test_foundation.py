"""The foundation: both home pages, language routing, errors, admin login, settings."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from home.models import HomePage
from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def html_lang(response):
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    return match and match.group(1)


def test_both_home_pages_answer_in_their_language(client, homes):
    french = client.get("/fr/")
    english = client.get("/en/")

    assert french.status_code == 200 and html_lang(french) == "fr"
    assert english.status_code == 200 and html_lang(english) == "en"
    assert "Un magazine sur l’intelligence artificielle." in french.content.decode()
    assert "A magazine on artificial intelligence." in english.content.decode()
    assert "Rechercher" in french.content.decode()
    assert 'placeholder="Search"' in english.content.decode()


def test_english_home_is_a_wagtail_localize_translation(homes):
    home_fr, home_en = homes

    assert home_en.translation_key == home_fr.translation_key
    assert home_en.locale.language_code == "en" and home_en.live
    assert Translation.objects.filter(
        source__object_id=home_fr.translation_key, target_locale=home_en.locale
    ).exists()


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("de-DE", "/fr/"),
        ("", "/fr/"),
    ],
)
def test_root_redirects_to_the_browser_language(client, homes, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_switcher_links_the_translation(client, homes):
    french = client.get("/fr/").content.decode()
    english = client.get("/en/").content.decode()

    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in french
    assert '<a href="/fr/" hreflang="fr" lang="fr">Français</a>' in english
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in french


def test_language_switcher_falls_back_to_the_other_home_and_says_so(client, homes):
    home_fr, _home_en = homes
    HomePageFactory(parent=home_fr, title="Page seule", slug="page-seule", locale=home_fr.locale)

    response = client.get("/fr/page-seule/")
    content = response.content.decode()

    assert response.status_code == 200
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in content
    assert "(home page: this page is not translated yet)" in content
    assert 'hreflang="en" href=' not in content.split("</head>")[0]


@pytest.mark.parametrize(
    ("url", "lang", "message"),
    [("/fr/nulle-part/", "fr", "Page introuvable"), ("/en/nowhere/", "en", "Page not found")],
)
def test_unknown_url_answers_a_styled_404_in_its_language(client, homes, url, lang, message):
    response = client.get(url)

    assert response.status_code == 404
    assert html_lang(response) == lang
    content = response.content.decode()
    assert message in content
    assert "/static/css/carnet.css" in content


def test_unprefixed_unknown_url_is_sent_to_a_language_then_404(client, homes):
    response = client.get("/nulle-part/", follow=True)

    assert response.redirect_chain == [("/fr/nulle-part/", 302)]
    assert response.status_code == 404


def test_stylesheet_is_served(client):
    response = client.get("/static/css/carnet.css")

    assert response.status_code == 200
    assert b"--paper" in b"".join(response.streaming_content)


def test_load_demo_is_idempotent_and_its_admin_can_log_in(
    client, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    counts = (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())

    assert (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count()) == (
        counts
    )
    assert HomePage.objects.live().filter(locale__language_code="fr").count() == 1
    assert HomePage.objects.live().filter(locale__language_code="en").count() == 1
    assert client.get("/fr/").status_code == 200
    assert client.get("/en/").status_code == 200

    response = client.post(
        "/admin/login/", {"username": "admin", "password": "carnet-admin"}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.is_superuser
    assert client.get("/admin/").status_code == 200


def run_settings(module, **env):
    """Import a settings module in a fresh interpreter with the given environment."""
    clean_env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=settings.BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    refused = run_settings("config.settings.production")
    accepted = run_settings("config.settings.production", SECRET_KEY="x" * 50)

    assert refused.returncode != 0
    assert "Set the SECRET_KEY environment variable" in refused.stderr
    assert accepted.returncode == 0, accepted.stderr


def test_database_url_chooses_postgresql():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from config.settings import dev; print(dev.DATABASES['default']['ENGINE'])",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": "postgres://carnet@db.example:5432/carnet"},
        capture_output=True,
        text=True,
    )

    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_base_settings_hold_no_secret():
    base = Path(settings.BASE_DIR, "config", "settings", "base.py").read_text()

    assert 'SECRET_KEY = os.environ.get("SECRET_KEY", "")' in base
