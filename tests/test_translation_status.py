"""Reports › Translation status: each page and snippet in each language, and what to do next."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from wagtail.models import Locale

from editorial.localize import translate_with_localize
from editorial.translation_status import TranslationStatus
from home.apps import create_content_locales
from home.models import HomePage
from tests.conftest import translate
from tests.editorial_admin import as_user, edit_url, reload, submit, workflow_action
from tests.factories import ArticlePageFactory, AuthorFactory, HomePageFactory, UserFactory
from tests.translation_admin import (
    report_rows,
    report_table,
    start_translation,
    statuses,
    submit_translation,
    translate_string,
    translation_of,
)

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/translation-status/"
MISSING, NOT_SYNCED, OUT_OF_DATE = "Manquante", "Non synchronisée", "Obsolète"
INCOMPLETE, NOT_LIVE, UP_TO_DATE = "Incomplète", "Pas encore en ligne", "À jour"


def french_page(parent, title, slug):
    return HomePageFactory(
        parent=parent,
        title=title,
        slug=slug,
        intro=f"<p>{title} : introduction.</p>",
        tagline=f"{title} : devise.",
        live=True,
    )


def english_texts(page):
    return {
        page.title: f"{page.title} (en)",
        page.slug: f"{page.slug}-en",
        f"{page.title} : introduction.": f"{page.title}: introduction.",
        f"{page.title} : devise.": f"{page.title}: tagline.",
    }


def translated_and_published(page, locale, capture):
    with capture(execute=True):
        return translate_with_localize(page, locale, english_texts(page))


@pytest.fixture
def site_in_every_state(client, homes, editor, django_capture_on_commit_callbacks):
    """French pages whose English versions are missing, out of date, incomplete, not live.

    The home pages are up to date (see the `homes` fixture).
    """
    home_fr, home_en = homes
    english = home_en.locale
    capture = django_capture_on_commit_callbacks
    missing = french_page(home_fr, "Absente", "absente")
    out_of_date = french_page(home_fr, "Ancienne", "ancienne")
    translated_and_published(out_of_date, english, capture)
    out_of_date.intro = "<p>Ancienne : introduction réécrite.</p>"
    out_of_date.save_revision().publish()
    incomplete = french_page(home_fr, "Entamée", "entamee")
    with capture(execute=True):
        start_translation(as_user(client, editor), incomplete, english)
    translate_string(client, translation_of(incomplete, english), "Entamée", "Started")
    client.logout()
    return {
        "missing": missing,
        "out_of_date": out_of_date,
        "incomplete": incomplete,
    }


def titles(rows):
    return [row["title"] for row in rows]


def test_every_french_page_has_its_status_in_english(client, site_in_every_state, editor):
    rows = report_rows(as_user(client, editor))

    assert statuses(rows) == [
        ("Carnet", "English", UP_TO_DATE),
        ("Absente", "English", MISSING),
        ("Ancienne", "English", OUT_OF_DATE),
        ("Entamée", "English", INCOMPLETE),
    ]
    details = [row["detail"] for row in rows]
    assert details[2] == "La source a changé depuis la dernière synchronisation."
    assert details[3] == "3 segments à traduire."
    assert [row["type"] for row in rows] == ["Page d’accueil"] * 4


def test_each_status_links_to_the_next_step(client, homes, site_in_every_state, editor):
    _home_fr, home_en = homes
    pages = site_in_every_state
    rows = {row["title"]: row for row in report_rows(as_user(client, editor))}

    missing = rows["Absente"]
    assert missing["action"] == "Traduire"
    url = urlsplit(missing["action_url"])
    assert url.path == reverse(
        "wagtail_localize:submit_page_translation", args=[pages["missing"].pk]
    )
    assert parse_qs(url.query) == {"select_locale": ["en"], "next": [REPORT]}
    form = client.get(missing["action_url"]).content.decode()
    assert re.search(rf'<input[^>]*value="{home_en.locale_id}"[^>]*checked', form)

    out_of_date = rows["Ancienne"]
    source = translation_of(pages["out_of_date"], home_en.locale).source
    assert out_of_date["action"] == "Synchroniser"
    url = urlsplit(out_of_date["action_url"])
    assert url.path == reverse("wagtail_localize:update_translations", args=[source.pk])
    assert parse_qs(url.query) == {"next": [REPORT]}
    assert client.get(out_of_date["action_url"]).status_code == 200

    english_incomplete = pages["incomplete"].get_translation(home_en.locale)
    assert rows["Entamée"]["action_url"] == edit_url(english_incomplete)
    assert rows["Carnet"]["action_url"] == edit_url(home_en)
    assert rows["Carnet"]["source_url"] == edit_url(_home_fr)


def test_translating_from_the_report_comes_back_to_it(
    client, site_in_every_state, editor, django_capture_on_commit_callbacks
):
    [missing] = [row for row in report_rows(as_user(client, editor)) if row["title"] == "Absente"]
    english = Locale.objects.get(language_code="en")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(missing["action_url"], {"locales": [english.pk]})

    assert response.status_code == 302 and response["Location"] == REPORT
    assert ("Absente", "English", INCOMPLETE) in statuses(report_rows(client))


def test_filters_by_language_status_and_type(client, site_in_every_state, editor):
    as_user(client, editor)

    assert statuses(report_rows(client, status="missing")) == [("Absente", "English", MISSING)]
    missing_or_out_of_date = {"status": ["missing", "out_of_date"], "language": "en"}
    assert statuses(report_rows(client, kind="page", **missing_or_out_of_date)) == [
        ("Absente", "English", MISSING),
        ("Ancienne", "English", OUT_OF_DATE),
    ]
    assert report_rows(client, kind="snippet") == []
    # A language alone keeps what is not up to date in it.
    assert titles(report_rows(client, language="en")) == ["Absente", "Ancienne", "Entamée"]
    assert titles(report_rows(client, language="en", status="up_to_date")) == ["Carnet"]
    # The filters refresh the results in place, from the results-only view.
    results = client.get(reverse("carnet_translation_status_results"), {"status": "missing"})
    assert results.status_code == 200
    assert "Absente" in results.content.decode() and "Ancienne" not in results.content.decode()
    assert "<html" not in results.content.decode()
    unknown = client.get(REPORT, {"status": "nonsense"})
    assert unknown.status_code == 200
    assert "nonsense" in unknown.content.decode()  # the form says the choice is not valid


def test_a_synced_translation_stays_a_draft_until_a_reviewer_approves_it(
    client, homes, editor, reviewer, django_capture_on_commit_callbacks
):
    home_fr, home_en = homes
    english = home_en.locale
    capture = django_capture_on_commit_callbacks
    page = french_page(home_fr, "Sommet", "sommet")
    translated_and_published(page, english, capture)
    as_user(client, editor)

    def status():
        [row] = [row for row in report_rows(client) if row["title"] == "Sommet"]
        return row["status"], row["detail"]

    assert status() == (UP_TO_DATE, "")

    submit(client, page, tagline="Sommet : une devise nouvelle.")
    with capture(execute=True):
        workflow_action(as_user(client, reviewer), reload(page), "approve")
    as_user(client, editor)
    assert status() == (OUT_OF_DATE, "La source a changé depuis la dernière synchronisation.")

    sync_url = reverse(
        "wagtail_localize:update_translations", args=[translation_of(page, english).source_id]
    )
    with capture(execute=True):
        client.post(sync_url, {"publish_translations": "on"})
    # The live translation keeps its reviewed version until it is complete and approved.
    assert status() == (OUT_OF_DATE, "1 segment à traduire.")

    translate_string(
        client, translation_of(page, english), "Sommet : une devise nouvelle.", "A new tagline."
    )
    assert status() == (NOT_LIVE, "Traduit, pas encore soumis à relecture ni publié.")

    submit_translation(client, translation_of(page, english))
    assert status() == (NOT_LIVE, "En attente d’un relecteur.")
    assert "Sommet: tagline." in client.get("/en/sommet-en/").content.decode()
    assert "A new tagline." not in client.get("/en/sommet-en/").content.decode()

    english_page = HomePage.objects.get(translation_key=page.translation_key, locale=english)
    with capture(execute=True):
        workflow_action(as_user(client, reviewer), english_page, "approve")

    assert "A new tagline." in client.get("/en/sommet-en/").content.decode()
    assert status() == (UP_TO_DATE, "")


def test_a_new_translation_is_a_draft_until_approved(
    client, homes, editor, reviewer, django_capture_on_commit_callbacks
):
    home_fr, home_en = homes
    page = french_page(home_fr, "Neuve", "neuve")
    as_user(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        start_translation(client, page, home_en.locale)
    translation = translation_of(page, home_en.locale)
    for french, english in english_texts(page).items():
        translate_string(client, translation, french, english)
    english_page = HomePage.objects.get(
        translation_key=page.translation_key, locale=home_en.locale
    )

    assert not english_page.live
    submit_translation(client, translation)
    [row] = [row for row in report_rows(client) if row["title"] == "Neuve"]
    assert (row["status"], row["detail"]) == (NOT_LIVE, "En attente d’un relecteur.")
    assert client.get("/en/neuve-en/").status_code == 404

    workflow_action(as_user(client, reviewer), reload(english_page), "approve")

    assert client.get("/en/neuve-en/").status_code == 200


def test_a_translation_no_longer_synced_is_reported_as_such(
    client, homes, editor, django_capture_on_commit_callbacks
):
    home_fr, home_en = homes
    page = french_page(home_fr, "Libre", "libre")
    translated_and_published(page, home_en.locale, django_capture_on_commit_callbacks)
    translation = translation_of(page, home_en.locale)
    translation.enabled = False
    translation.save()

    [row] = [row for row in report_rows(as_user(client, editor)) if row["title"] == "Libre"]

    assert row["status"] == NOT_SYNCED
    assert row["action_url"] == edit_url(page.get_translation(home_en.locale))


def test_report_queries_do_not_grow_with_the_number_of_pages(
    client, magazine, editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    french = magazine.fr
    as_user(client, editor)

    def add_articles_and_authors(prefix):
        with django_capture_on_commit_callbacks(execute=True):
            for number in range(3):
                author = AuthorFactory(name=f"{prefix} autrice {number}")
                ArticlePageFactory(
                    parent=french.index,
                    title=f"{prefix} manquant {number}",
                    authors=[author],
                    topics=[french.ethics],
                )
                done = ArticlePageFactory(
                    parent=french.index,
                    title=f"{prefix} traduit {number}",
                    authors=[french.ana],
                    topics=[french.regulation],
                )
                translate(done)
                translate(AuthorFactory(name=f"{prefix} auteur traduit {number}"))

    def queries_of_the_report():
        with CaptureQueriesContext(connection) as queries:
            rows = report_rows(client)
        return len(queries), len(rows)

    add_articles_and_authors("a")
    queries_of_the_report()  # content types and the admin's own caches warm up
    few = queries_of_the_report()
    add_articles_and_authors("b")
    many = queries_of_the_report()

    assert (few[1], many[1]) == (9 + 12, 9 + 24)
    assert few[0] == many[0]
    # The default locale, the target locales; pages, their translations and workflow
    # states; authors and their translations; translation sources, translations, logs;
    # segments, for every target language at once; the snippets the sources show, and the
    # editors' choices to show the source text in the gaps; then, to compare them with their last
    # sync, the synced sources of each model, with each child relation prefetched: home
    # pages, article indexes, lists of topics and topics (their comments), articles
    # (comments, authors and topics), authors.
    with django_assert_num_queries(13 + 2 * 4 + 4 + 1):
        TranslationStatus().rows()


def test_only_translators_see_the_report(client, homes, reviewer):
    outsider = UserFactory(username="lecteur", is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))

    assert REPORT in as_user(client, reviewer).get("/admin/").content.decode()
    assert REPORT not in as_user(client, outsider).get("/admin/").content.decode()
    assert client.get(REPORT).status_code == 302


GERMAN = [("fr", "Français"), ("en", "English"), ("de", "Deutsch")]


@override_settings(LANGUAGES=GERMAN, WAGTAIL_CONTENT_LANGUAGES=GERMAN)
def test_a_third_language_is_a_settings_change(
    client, homes, editor, django_capture_on_commit_callbacks
):
    home_fr, _home_en = homes
    french_page(home_fr, "Sommet", "sommet")
    create_content_locales(apps=apps, using="default")  # what `migrate` does
    german = Locale.objects.get(language_code="de")

    header, rows = report_table(as_user(client, editor))

    assert header == ["Page ou fragment", "Type", "Français", "English", "Deutsch"]
    assert [[cell["status"] for cell in row["cells"]] for row in rows] == [
        ["Source", UP_TO_DATE, MISSING],
        ["Source", MISSING, MISSING],
    ]
    assert statuses(report_rows(client)) == [
        ("Carnet", "English", UP_TO_DATE),
        ("Carnet", "Deutsch", MISSING),
        ("Sommet", "English", MISSING),
        ("Sommet", "Deutsch", MISSING),
    ]
    assert titles(report_table(client, language="de", status="missing")[1]) == [
        "Carnet",
        "Sommet",
    ]
    assert titles(report_table(client, language="en", status="missing")[1]) == ["Sommet"]

    with django_capture_on_commit_callbacks(execute=True):
        translate_with_localize(
            home_fr,
            german,
            {
                "Carnet": "Carnet",
                "carnet": "carnet",
                "Un magazine sur l’intelligence artificielle.": "Ein Magazin über KI.",
                "Carnet explore les enjeux de l’IA.": "Carnet erkundet die Fragen der KI.",
            },
        )
    german_home = client.get("/de/")
    french_home = client.get("/fr/").content.decode()

    assert german_home.status_code == 200
    assert '<html lang="de" dir="ltr">' in german_home.content.decode()
    assert "Ein Magazin über KI." in german_home.content.decode()
    assert '<a href="/de/" hreflang="de" lang="de">Deutsch</a>' in french_home
    assert '<link rel="alternate" hreflang="de" href="http://testserver/de/">' in french_home
    assert ("Carnet", "Deutsch", UP_TO_DATE) in statuses(report_rows(client))


def test_authors_are_in_the_report_as_pages_are(
    client, magazine, editor, django_capture_on_commit_callbacks
):
    chloe = AuthorFactory(name="Chloé Martin")
    ana = magazine.fr.ana
    ana.bio = "<p>Ana Lefèvre écrit sur l’IA et le droit.</p>"
    ana.save()

    rows = report_rows(as_user(client, editor), kind="snippet")

    assert statuses(rows) == [
        ("Ana Lefèvre", "English", OUT_OF_DATE),
        ("Basile Roy", "English", UP_TO_DATE),
        ("Chloé Martin", "English", MISSING),
    ]
    assert {row["type"] for row in rows} == {"Auteur"}
    missing = urlsplit(rows[2]["action_url"])
    assert missing.path == f"/admin/localize/submit/snippet/articles/author/{chloe.pk}/"
    assert client.get(rows[2]["action_url"]).status_code == 200
    assert (
        rows[1]["action_url"] == f"/admin/snippets/articles/author/edit/{magazine.en.basile.pk}/"
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(rows[0]["action_url"], {})

    [ana_row] = [
        row for row in report_rows(client, kind="snippet") if row["title"] == "Ana Lefèvre"
    ]
    assert (ana_row["status"], ana_row["detail"]) == (OUT_OF_DATE, "1 segment à traduire.")
