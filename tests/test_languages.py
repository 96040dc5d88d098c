"""Any language by configuration: CARNET_LANGUAGES=fr,en,es and a right-to-left fr,en,ar.

Each test applies what the setting gives (tests/languages.py) and checks what a reader, an
editor or a subscriber sees in the new language.
"""

import datetime
import os
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.models import Locale, Page

from config.languages import language_settings
from home.checks import locales_without_a_language
from newsletter.digest import plan_digests, send_digests
from newsletter.models import Subscriber
from tests.editorial_admin import edit_url
from tests.factories import ArticlePageFactory, HomePageFactory
from tests.languages import configure_languages, translate_into
from tests.translation_admin import report_table

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


def report_cells(rows):
    """Each row's title and the status in each language column."""
    return [(row["title"], [cell["status"] for cell in row["cells"]]) for row in rows]


def test_the_translation_report_has_a_column_per_language(
    admin_client, spanish, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    article = spanish["fr"]["article"]
    with capture(execute=True):
        regulation = ArticlePageFactory(parent=article.get_parent(), title="Régulation")
        draft = ArticlePageFactory(parent=article.get_parent(), title="Brouillon")
    translate_into(regulation, "en", {}, capture)
    translate_into(draft, "en", {}, capture)
    translate_into(draft, "es", {}, capture).unpublish()
    article.title = "Souveraineté numérique"
    with capture(execute=True):
        article.save_revision().publish()

    header, rows = report_table(admin_client, kind="page")

    assert header == ["Page ou fragment", "Type", "Français", "English", "Español"]
    assert report_cells(rows) == [
        ("Carnet", ["Source", "À jour", "À jour"]),
        ("Articles", ["Source", "À jour", "À jour"]),
        ("Souveraineté numérique", ["Source", "Obsolète", "Obsolète"]),
        ("Régulation", ["Source", "À jour", "Manquante"]),
        ("Brouillon", ["Source", "À jour", "Pas encore en ligne"]),
    ]
    source, english, spanish_cell = rows[3]["cells"]
    assert source["action_url"] is None
    assert english["action_url"] == edit_url(
        regulation.get_translation(Locale.objects.get(language_code="en"))
    )
    url = urlsplit(spanish_cell["action_url"])
    assert url.path == reverse("wagtail_localize:submit_page_translation", args=[regulation.pk])
    assert parse_qs(url.query)["select_locale"] == ["es"]
    assert rows[2]["cells"][2]["action"] == "Synchroniser"
    assert rows[4]["cells"][2]["detail"] == "Enregistrée comme brouillon."


def test_the_translation_report_filters_by_language_and_status(
    admin_client, spanish, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    article = spanish["fr"]["article"]
    with capture(execute=True):
        regulation = ArticlePageFactory(parent=article.get_parent(), title="Régulation")
        ArticlePageFactory(parent=article.get_parent(), title="Éthique")
    translate_into(regulation, "en", {}, capture)
    article.title = "Souveraineté numérique"
    with capture(execute=True):
        article.save_revision().publish()

    def titles(**filters):
        return [row["title"] for row in report_table(admin_client, kind="page", **filters)[1]]

    content = admin_client.get(reverse("carnet_translation_status")).content.decode()
    assert '<option value="es">Español</option>' in content
    assert '<option value="en">English</option>' in content
    assert '<option value="fr">' not in content  # the source language has nothing to do
    missing_or_out_of_date = ["missing", "out_of_date"]
    assert titles(language="es", status=missing_or_out_of_date) == [
        "Souveraineté numérique",
        "Régulation",
        "Éthique",
    ]
    assert titles(language="en", status="missing") == ["Éthique"]
    assert titles(language="en") == ["Souveraineté numérique", "Éthique"]
    assert titles(status="missing") == ["Régulation", "Éthique"]
    assert titles(language="es", status="up_to_date") == ["Carnet", "Articles"]


def test_the_translation_report_costs_the_same_queries_for_two_pages_or_six(
    admin_client, settings, homes, django_capture_on_commit_callbacks, django_assert_num_queries
):
    configure_languages(settings, "fr,en,es")
    home_fr, _home_en = homes
    capture = django_capture_on_commit_callbacks

    def add_page(title, languages=()):
        with capture(execute=True):
            page = HomePageFactory(parent=home_fr, title=title, slug=slugify(title), live=True)
        for code in languages:
            translate_into(page, code, {}, capture)
        return page

    def cells_of_the_report():
        return [[cell["status"] for cell in row["cells"]] for row in report_table(admin_client)[1]]

    add_page("Absente")
    cells_of_the_report()  # the admin's own caches warm up
    with django_assert_num_queries(QUERIES_OF_THE_REPORT):
        assert len(cells_of_the_report()) == 2
    add_page("Traduite", ["en", "es"])
    add_page("Anglaise", ["en"])
    changed = add_page("Changée", ["es"])
    changed.title = "Changée encore"
    with capture(execute=True):
        changed.save_revision().publish()
    add_page("Espagnole", ["es"]).get_translation(
        Locale.objects.get(language_code="es")
    ).unpublish()

    with django_assert_num_queries(QUERIES_OF_THE_REPORT):
        assert cells_of_the_report() == [
            ["Source", "À jour", "Manquante"],
            ["Source", "Manquante", "Manquante"],
            ["Source", "À jour", "À jour"],
            ["Source", "À jour", "Manquante"],
            ["Source", "Manquante", "Obsolète"],
            ["Source", "Manquante", "Pas encore en ligne"],
        ]


# The session, the user and their profile; the default locale and the content languages'
# locales; the source pages, the authors, the workflow states, the translated pages and authors;
# translation sources, translations, logs, segments (every language at once), the snippets
# the sources show, the editors' choices to show the source text; the synced home pages and
# their comments, to compare with their last sync; then the admin's locales, root page and
# the filter's default locale.
QUERIES_OF_THE_REPORT = 22


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
