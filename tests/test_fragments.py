"""Template fragments (delivery/fragments.py, docs/caching.md): the article and information
pages', and the site's header and footer on every page and view; kept in the shared cache,
dropped by the same purges as the proxy's copies, never stale."""

import pytest
from django.core.cache import caches

from comments.models import Comment
from home.models import InformationPage, SiteLinks
from tests.factories import ArticlePageFactory
from tests.test_navigation import links_in

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "BACKEND": "core.cache_backends.ResilientRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
}


def approved_without_signals(article, text):
    """A comment made approved behind the site's back: no signal, so no purge."""
    comment = Comment.objects.create(article=article, author_name="Zoé", text=text)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
    return comment


def test_an_article_is_served_from_its_fragments(client, magazine):
    article = magazine.fr.article
    client.get(article.url)

    approved_without_signals(article, "Jamais purgé")

    assert "Jamais purgé" not in client.get(article.url).text
    caches["template_fragments"].clear()
    assert "Jamais purgé" in client.get(article.url).text


def test_an_information_page_is_served_from_its_fragments_until_it_is_published(
    client, site_links, publish
):
    about = site_links.fr.about
    client.get(about.url)

    InformationPage.objects.filter(pk=about.pk).update(body="<p>Jamais purgé</p>")
    assert "Jamais purgé" not in client.get(about.url).text

    publish(about, body="<p>Relu et publié</p>")
    page = client.get(about.url).text
    assert "Relu et publié" in page
    assert "Jamais purgé" not in page


def test_an_approved_comment_shows_at_once(client, magazine):
    article = magazine.fr.article
    client.get(article.url)
    comment = Comment.objects.create(article=article, author_name="Zoé", text="Bien vu")
    assert "Bien vu" not in client.get(article.url).text

    comment.status = Comment.Status.APPROVED
    comment.save()

    assert "Bien vu" in client.get(article.url).text


def test_a_renamed_author_shows_at_once_on_their_articles(client, magazine):
    article = magazine.fr.article
    client.get(article.url)

    magazine.fr.ana.name = "Ana Lefèvre-Martin"
    magazine.fr.ana.save()

    assert "Ana Lefèvre-Martin" in client.get(article.url).text


def test_a_new_article_shows_at_once_in_the_recent_posts(client, magazine, publish):
    article = magazine.fr.article
    client.get(article.url)

    newest = ArticlePageFactory(parent=magazine.fr.index, title="Tout juste paru")
    publish(newest)

    assert newest.title in client.get(article.url).text


def test_the_note_after_posting_a_comment_is_never_kept(client, magazine):
    article = magazine.fr.article
    client.get(article.url)

    assert "comments__pending" in client.get(f"{article.url}?comment=pending").text
    assert "comments__pending" not in client.get(article.url).text


def test_without_redis_pages_are_rendered_whole_and_fresh(client, magazine, settings):
    settings.CACHES = {**settings.CACHES, "template_fragments": UNREACHABLE_REDIS}
    article = magazine.fr.article
    assert client.get(article.url).status_code == 200

    approved_without_signals(article, "Toujours à jour")

    response = client.get(article.url)
    assert response.status_code == 200
    assert "Toujours à jour" in response.text


def test_the_site_frame_is_kept_once_for_the_pages_and_views_of_a_language(client, site_links):
    client.get("/fr/")
    SiteLinks.objects.filter(pk=site_links.settings.pk).update(mastodon="")  # no purge

    for url in ("/fr/articles/", "/fr/recherche/?q=ia"):
        footer = links_in(client.get(url).text, "site-footer__social")
        assert ("https://mastodon.social/@carnet", "Mastodon") in footer
    caches["template_fragments"].clear()
    footer = links_in(client.get("/fr/recherche/?q=ia").text, "site-footer__social")
    assert ("https://mastodon.social/@carnet", "Mastodon") not in footer


def test_a_changed_setting_shows_at_once_in_the_site_frame(
    client, site_links, django_capture_on_commit_callbacks
):
    client.get("/fr/recherche/?q=ia")

    with django_capture_on_commit_callbacks(execute=True):
        site_links.settings.github = "https://github.com/carnet"
        site_links.settings.save()

    footer = links_in(client.get("/fr/recherche/?q=ia").text, "site-footer__social")
    assert ("https://github.com/carnet", "GitHub") in footer


def test_an_unpublished_information_page_leaves_the_site_frame_at_once(
    client, site_links, django_capture_on_commit_callbacks
):
    assert ("/fr/a-propos/", "À propos") in links_in(client.get("/fr/").text, "site-nav")

    with django_capture_on_commit_callbacks(execute=True):
        site_links.fr.about.unpublish()

    for url in ("/fr/", "/fr/recherche/?q=ia"):
        assert ("/fr/a-propos/", "À propos") not in links_in(client.get(url).text, "site-nav")


def test_the_search_box_and_language_links_show_each_readers_query(client, site_links):
    client.get("/fr/recherche/?q=sobriete")

    content = client.get("/fr/recherche/?q=climat").text

    assert 'name="q" value="climat"' in content
    assert "sobriete" not in content
    assert ("/en/search/?q=climat", "English") in links_in(content, "language-switcher")
