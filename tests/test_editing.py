"""Editors get sensible choices in the admin, and clear messages when something is wrong."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    Author,
    TopicIndexPage,
    TopicListPage,
)
from home.models import HomePage, InformationPage
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, magazine):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "secret")
    client.force_login(user)
    return client


def test_each_page_type_offers_only_sensible_children():
    assert HomePage.allowed_subpage_models() == [ArticleIndexPage, TopicListPage, InformationPage]
    assert InformationPage.allowed_subpage_models() == []
    assert InformationPage.allowed_parent_page_models() == [HomePage]
    assert ArticleIndexPage.allowed_subpage_models() == [ArticlePage]
    assert TopicListPage.allowed_subpage_models() == [TopicIndexPage]
    assert ArticlePage.allowed_subpage_models() == []
    assert TopicIndexPage.allowed_subpage_models() == []
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert TopicIndexPage.allowed_parent_page_models() == [TopicListPage]


def test_a_home_page_has_one_article_index_and_one_list_of_topics(magazine):
    home = magazine.fr.home

    assert not ArticleIndexPage.can_create_at(home)
    assert not TopicListPage.can_create_at(home)
    assert ArticlePage.can_create_at(magazine.fr.index)


def article_form(magazine, **overrides):
    data = {
        "title": "Un nouvel article",
        "slug": "un-nouvel-article",
        "intro": "Un résumé.",
        "hero_alt_text": "",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Un paragraphe.</p>")),
                ("heading", {"text": "Une section", "level": "h2", "anchor": ""}),
            ]
        ),
        "date_published": "2025-03-03",
        "date_updated": "",
        "author_links": inline_formset([{"author": magazine.fr.ana.pk}], min=1),
        "topic_links": inline_formset([{"topic": magazine.fr.ethics.pk}], min=1),
        "comment_notifications": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_writes_an_article_with_its_authors_and_topics(admin_client, magazine):
    response = admin_client.post(
        f"/admin/pages/add/articles/articlepage/{magazine.fr.index.pk}/",
        article_form(magazine),
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="un-nouvel-article")
    draft = article.get_latest_revision_as_object()
    assert [link.author for link in draft.author_links.all()] == [magazine.fr.ana]
    assert [link.topic.pk for link in draft.topic_links.all()] == [magazine.fr.ethics.pk]
    assert article.author_links.get().locale == article.locale
    assert draft.date_published == datetime.date(2025, 3, 3)
    assert [block.block_type for block in draft.body] == ["paragraph", "heading"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hero_image": "IMAGE", "hero_alt_text": ""}, "Décrivez l’image principale"),
        (
            {"date_updated": "2025-03-01"},
            "La mise à jour ne peut pas précéder la publication.",
        ),
        ({"slug": "feed"}, "Cette adresse est celle du flux des articles"),
    ],
)
def test_mistakes_get_a_clear_message_and_nothing_typed_is_lost(
    admin_client, magazine, overrides, message
):
    if overrides.get("hero_image") == "IMAGE":
        overrides["hero_image"] = magazine.fr.image.pk
    admin_client.cookies["django_language"] = "fr"
    response = admin_client.post(
        f"/admin/pages/add/articles/articlepage/{magazine.fr.index.pk}/",
        article_form(magazine, **overrides),
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Un nouvel article" in content
    assert not ArticlePage.objects.filter(title="Un nouvel article").exists()


def test_a_topic_must_be_a_topic_page(admin_client, magazine):
    response = admin_client.post(
        f"/admin/pages/add/articles/articlepage/{magazine.fr.index.pk}/",
        article_form(
            magazine, topic_links=inline_formset([{"topic": magazine.fr.index.pk}], min=1)
        ),
    )

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(title="Un nouvel article").exists()


def test_admin_pages_for_articles_topics_and_authors_open(admin_client, magazine):
    for url in (
        f"/admin/pages/{magazine.fr.article.pk}/edit/",
        f"/admin/pages/{magazine.fr.index.pk}/edit/",
        f"/admin/pages/{magazine.fr.ethics.pk}/edit/",
        f"/admin/pages/{magazine.fr.topic_list.pk}/edit/",
        "/admin/snippets/articles/author/",
        f"/admin/snippets/articles/author/edit/{magazine.fr.ana.pk}/",
    ):
        assert admin_client.get(url).status_code == 200, url
    assert Author.objects.filter(translation_key=magazine.fr.ana.translation_key).count() == 2


def test_an_editor_previews_an_article(admin_client, magazine):
    preview_url = f"/admin/pages/{magazine.fr.older.pk}/edit/preview/"
    form = article_form(magazine, title="Un aperçu", slug="un-article-plus-ancien")

    assert admin_client.post(preview_url, form).json()["is_valid"] is True
    response = admin_client.get(preview_url)

    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="article-title" class="article__title">Un aperçu</h1>' in content
    assert "Une section" in content
    assert "Articles récents" in content


def test_an_editor_translates_an_author_with_wagtail_localize(admin_client, magazine):
    author = AuthorFactory(name="Chloé Martin")
    url = f"/admin/localize/submit/snippet/articles/author/{author.pk}/"

    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"locales": [magazine.en.home.locale_id]})

    assert response.status_code == 302
    english = Author.objects.get(
        translation_key=author.translation_key, locale__language_code="en"
    )
    assert (english.name, english.slug) == ("Chloé Martin", "chloe-martin")


def test_a_french_title_gives_an_ascii_address(magazine):
    article = ArticlePageFactory.build(title="Qui possède les modèles ouverts ?", slug="")
    magazine.fr.index.add_child(instance=article)

    assert article.slug == "qui-possede-les-modeles-ouverts"
    assert article.url == "/fr/articles/qui-possede-les-modeles-ouverts/"
