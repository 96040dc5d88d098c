"""The demo magazine: bilingual through wagtail-localize, complete, and loaded only once."""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from articles.models import ArticlePage, Author, TopicIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "authors": Author.objects.count(),
        "translations": Translation.objects.count(),
    }


def test_loading_twice_changes_nothing(demo, django_capture_on_commit_callbacks):
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())

    assert counts() == before


def test_the_magazine_is_complete_and_translated(demo):
    french = ArticlePage.objects.live().filter(locale__language_code="fr")
    english = ArticlePage.objects.live().filter(locale__language_code="en")

    assert french.count() >= 12
    assert english.count() == french.count()
    assert TopicIndexPage.objects.live().filter(locale__language_code="fr").count() >= 5
    assert Author.objects.filter(locale__language_code="fr").count() >= 3
    assert Author.objects.filter(locale__language_code="en").count() >= 3
    for article in french:
        translation = article.get_translation(english.first().locale)
        assert Translation.objects.filter(
            source__object_id=article.translation_key, target_locale=translation.locale
        ).exists()
        assert translation.title != article.title
        kinds = {block.block_type for block in article.body}
        assert len(kinds) >= 3, article.title
        assert article.hero_image and article.hero_alt_text
        assert [author.locale_id for author in translation.author_list] == [
            translation.locale_id
        ] * len(article.author_list)
        assert [topic.locale_id for topic in translation.topic_list] == [
            translation.locale_id
        ] * len(article.topic_list)
    used = {block.block_type for article in french for block in article.body}
    assert used == {
        "paragraph",
        "heading",
        "image",
        "pull_quote",
        "embed",
        "callout",
        "article_links",
    }


def test_the_reference_article(client, demo):
    content = unescape(client.get("/fr/articles/pour-une-ia-durable-et-ouverte/").content.decode())

    assert "Pour une IA durable et ouverte (Open Source)" in content
    assert "10 février 2025" in content
    assert "Dernière mise à jour\xa0: <time" in content and "18 septembre 2025" in content
    assert "2 min de lecture" in content
    assert "Grand Palais" in content and "Bletchley Park" in content and "Cambrai" in content
    english = unescape(client.get("/en/articles/for-a-sustainable-and-open-ai/").content.decode())
    assert "For a sustainable and open AI (Open Source)" in english
    assert "Last updated: <time" in english and "2 min read" in english


def test_every_demo_page_answers_in_its_language(client, demo):
    pages = Page.objects.live().filter(depth__gt=1).select_related("locale")
    urls = [page.url for page in pages]
    urls += [
        "/fr/articles/auteurs/ines-benali/",
        "/en/articles/authors/ines-benali/",
        "/fr/articles/feed/",
        "/en/topics/ethics/feed/",
    ]

    assert len(pages) >= 2 * (1 + 1 + 1 + 5 + 12)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if "feed" not in url:
            lang = re.search(r'<html lang="(\w+)" dir="\w+">', response.content.decode())[1]
            assert lang == url.split("/")[1], url


def test_one_article_waits_for_the_reviewers(client, demo):
    waiting = ArticlePage.objects.get(slug="qui-relit-les-algorithmes")
    state = waiting.current_workflow_state

    assert not waiting.live
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    assert state.requested_by.username == "editor"
    assert client.get("/fr/articles/qui-relit-les-algorithmes/").status_code == 404

    client.login(username="reviewer", password="carnet-reviewer")
    dashboard = client.get("/admin/").content.decode()
    assert "Qui relit les algorithmes" in dashboard


def test_with_spanish_configured_the_demo_adds_spanish_pages(
    client, settings, locales, django_capture_on_commit_callbacks
):
    from tests.languages import configure_languages

    configure_languages(settings, "fr,en,es")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    before = counts()

    spanish = ArticlePage.objects.live().filter(locale__language_code="es")
    assert spanish.count() >= 3
    home = client.get("/es/").content.decode()
    assert "Una revista sobre las cuestiones éticas" in home
    article = client.get(spanish.get(slug="trabajar-con-la-ia").url).content.decode()
    assert "Trabajar con la IA sin renunciar al propio oficio" in article
    assert "Pero un oficio no es una lista de tareas." in article
    assert TopicIndexPage.objects.live().filter(locale__language_code="es").count() >= 5

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    assert counts() == before
