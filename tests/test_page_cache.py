"""HTTP caching: what the caching proxy may keep, with which tags, and what each change
purges (delivery/). See docs/caching.md."""

import datetime

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from comments.moderation import set_status
from tests.factories import ArticlePageFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=3600"
PROXY = "http://127.0.0.1:9"
QUEUED = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    CACHE_PROXY_URLS=[PROXY],
)


def tags(response):
    return set(response["X-Cache-Tags"].split())


def never_cached(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= directives and "X-Cache-Tags" not in response


def queued_purges():
    """The tags of each purge waiting in the queue, oldest first."""
    results = DBTaskResult.objects.filter(task_path="delivery.purges.purge_proxies")
    return [set(result.args_kwargs["args"][0]) for result in results.order_by("enqueued_at")]


def all_queued_tags():
    return set().union(*queued_purges())


# Headers -----------------------------------------------------------------------------


def test_anonymous_readers_get_pages_a_shared_cache_may_keep(client, magazine):
    for url in (
        "/fr/",
        magazine.fr.article.url,
        magazine.fr.index.url,
        magazine.fr.ethics.url,
        magazine.fr.topic_list.url,
        magazine.en.article.url,
        "/sitemap.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PUBLIC, url
        assert "Cookie" in response["Vary"], url
        assert "all" in tags(response), url


def test_the_proxy_lifetime_comes_from_the_settings(client, magazine, settings):
    settings.PROXY_CACHE_SECONDS = 60
    assert client.get(magazine.fr.article.url)["Cache-Control"] == (
        "public, max-age=0, s-maxage=60"
    )


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_reader_with_a_session_or_messages_gets_a_private_page(client, magazine, cookie):
    client.cookies[cookie] = "something"
    response = client.get(magazine.fr.article.url)
    assert response.status_code == 200
    assert never_cached(response)


def test_a_request_with_credentials_gets_a_private_page(client, magazine):
    response = client.get(magazine.fr.article.url, HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    assert never_cached(response)


def test_a_logged_in_editor_gets_private_pages_and_the_admin_is_never_cached(
    client, magazine, editor
):
    client.force_login(editor)
    assert never_cached(client.get(magazine.fr.article.url))
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "no-cache" in admin["Cache-Control"] and "X-Cache-Tags" not in admin


def test_search_results_errors_and_posts_are_never_shared(client, magazine):
    assert never_cached(client.get("/fr/recherche/?q=ouverte"))
    missing = client.get("/fr/nulle-part/")
    assert missing.status_code == 404 and never_cached(missing)
    beyond = client.get(magazine.fr.index.url + "?page=9")
    assert beyond.status_code == 404 and never_cached(beyond)
    posted = client.post(f"/fr/commentaires/{magazine.fr.article.pk}/", {"text": ""})
    assert never_cached(posted)


def test_the_note_after_posting_a_comment_is_not_shared(client, magazine):
    response = client.get(magazine.fr.article.url + "?comment=pending")
    assert response.status_code == 200
    assert 'class="comments__pending"' in response.content.decode()
    assert never_cached(response)


def test_a_private_page_is_never_shared(client, magazine):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=magazine.fr.article, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(magazine.fr.article.url)
    assert response.status_code == 302
    assert never_cached(response)


# Bounded: only the page number changes a listing --------------------------------------


def test_a_listing_reads_only_its_page_number(client, magazine):
    plain = client.get(magazine.fr.index.url)
    tracked = client.get(magazine.fr.index.url + "?utm_source=news&fbclid=x&anything=1")
    not_a_number = client.get(magazine.fr.index.url + "?page=deux")
    assert plain.content == tracked.content == not_a_number.content
    assert tracked["Cache-Control"] == PUBLIC
    assert client.get(magazine.fr.index.url + "?page=0").status_code == 404
    assert client.get(magazine.fr.index.url + "?page=2").status_code == 404
    assert client.get(magazine.fr.index.url + "?page=1").status_code == 200


# Tags ------------------------------------------------------------------------------------


def test_an_article_is_tagged_with_what_it_shows(client, magazine):
    fr = magazine.fr
    article = client.get(fr.article.url)
    assert tags(article) >= {
        "all",
        f"page-{fr.article.pk}",
        f"articles-{fr.article.locale_id}",
        f"comments-{fr.article.pk}",
        f"author-{fr.ana.pk}",
        f"author-{fr.basile.pk}",
        f"page-{fr.ethics.pk}",
        f"page-{fr.regulation.pk}",
    }


def test_listings_and_home_pages_are_tagged_with_their_listing(client, magazine):
    fr = magazine.fr
    locale = fr.home.locale_id
    assert tags(client.get(fr.index.url)) >= {f"page-{fr.index.pk}", f"articles-{locale}"}
    assert tags(client.get(fr.ethics.url)) >= {f"page-{fr.ethics.pk}", f"topic-{fr.ethics.pk}"}
    assert f"topics-{locale}" in tags(client.get(fr.topic_list.url))
    home = tags(client.get("/fr/"))
    assert {f"page-{fr.home.pk}", f"articles-{locale}", f"topics-{locale}"} <= home
    author = tags(client.get(fr.index.author_url(fr.ana)))
    assert f"author-{fr.ana.pk}" in author
    assert tags(client.get(fr.index.feed_url())) >= {f"articles-{locale}"}
    assert "sitemap" in tags(client.get("/sitemap.xml"))


# Purges ----------------------------------------------------------------------------------


@QUEUED
def test_publishing_an_article_purges_every_page_that_shows_it(client, magazine, publish):
    fr = magazine.fr
    shown_on = [
        fr.index.url,
        fr.index.url + "?page=1",
        fr.ethics.url,
        fr.regulation.url,
        fr.index.author_url(fr.ana),
        fr.index.author_url(fr.basile),
        "/fr/",
        fr.index.feed_url(),
        fr.ethics.feed_url(),
        "/sitemap.xml",
        fr.older.url,  # its recent posts
    ]
    before = {url: tags(client.get(url)) for url in shown_on}
    new = ArticlePageFactory(
        parent=fr.index,
        title="Une nouvelle",
        authors=[fr.ana, fr.basile],
        topics=[fr.ethics, fr.regulation],
        date_published=datetime.date(2025, 3, 1),
        live=False,
    )
    assert queued_purges() == []  # a draft purges nothing

    publish(new)

    purged = all_queued_tags()
    for url, shown in before.items():
        assert shown & purged - {"all"}, url
    assert "all" not in purged
    # Not purged: the other language's listings.
    assert not (tags(client.get(magazine.en.index.url)) - {"all"}) & purged


@QUEUED
def test_a_new_revision_purges_nothing_until_published(magazine):
    magazine.fr.article.title = "Un brouillon"
    magazine.fr.article.save_revision()
    assert queued_purges() == []


@QUEUED
def test_unpublishing_purges_the_article_and_its_translations(magazine):
    magazine.fr.article.unpublish()
    purged = all_queued_tags()
    assert {f"page-{magazine.fr.article.pk}", f"page-{magazine.en.article.pk}"} <= purged


@QUEUED
def test_a_pending_comment_purges_nothing(client, magazine, settings):
    Comment.objects.create(article=magazine.fr.article, author_name="Zoé", text="Bravo")
    assert queued_purges() == []


@QUEUED
def test_approving_a_comment_purges_its_article_comments_alone(client, magazine):
    comment = Comment.objects.create(article=magazine.fr.article, author_name="Zoé", text="Oui")
    comment = Comment.objects.get(pk=comment.pk)

    comment.status = Comment.Status.APPROVED
    comment.save()

    assert queued_purges() == [{f"comments-{magazine.fr.article.pk}"}]
    assert f"comments-{magazine.fr.article.pk}" in tags(client.get(magazine.fr.article.url))


@QUEUED
def test_bulk_moderation_purges_only_articles_whose_shown_comments_change(magazine):
    article = magazine.fr.article
    approved = Comment.objects.create(
        article=article, author_name="A", text="a", status=Comment.Status.APPROVED
    )
    DBTaskResult.objects.all().delete()
    Comment.objects.create(article=magazine.fr.older, author_name="B", text="b")

    set_status(Comment.objects.filter(article=magazine.fr.older), Comment.Status.REJECTED)
    assert queued_purges() == []

    set_status(Comment.objects.filter(pk=approved.pk), Comment.Status.SPAM)
    assert queued_purges() == [{f"comments-{article.pk}"}]


@QUEUED
def test_deleting_an_approved_comment_purges_its_article(magazine):
    comment = Comment.objects.create(
        article=magazine.fr.article, author_name="A", text="a", status=Comment.Status.APPROVED
    )
    DBTaskResult.objects.all().delete()
    Comment.objects.get(pk=comment.pk).delete()
    assert queued_purges() == [{f"comments-{magazine.fr.article.pk}"}]


@QUEUED
def test_renaming_an_author_purges_the_articles_and_pages_that_show_the_author(client, magazine):
    author_page = client.get(magazine.fr.index.author_url(magazine.fr.ana))
    magazine.fr.ana.name = "Ana L."
    magazine.fr.ana.save()
    purged = all_queued_tags()
    assert purged == {f"author-{magazine.fr.ana.pk}"}
    assert purged <= tags(author_page)
    assert purged <= tags(client.get(magazine.fr.older.url))


@QUEUED
def test_an_article_taken_out_of_a_topic_purges_that_topic(magazine, publish):
    article = magazine.fr.article
    link = article.topic_links.get(topic=magazine.fr.regulation)
    article.topic_links.remove(link)
    publish(article)
    assert f"topic-{magazine.fr.regulation.pk}" in all_queued_tags()


@QUEUED
def test_a_subscriber_purges_nothing(client, magazine):
    SubscriberFactory()
    assert queued_purges() == []


def test_no_purge_is_queued_without_a_proxy_or_fragments(magazine, settings):
    settings.CACHE_PROXY_URLS = []
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        magazine.fr.article.unpublish()
    assert queued_purges() == []


def test_without_a_proxy_a_purge_still_drops_the_fragments(magazine, settings):
    settings.CACHE_PROXY_URLS = []
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        magazine.fr.article.unpublish()
    [result] = DBTaskResult.objects.filter(task_path="delivery.purges.purge_proxies")
    assert result.args_kwargs["args"][1:] == [[], 1, True]


@QUEUED
def test_an_image_purges_everything_when_changed_but_not_when_uploaded_or_measured(magazine):
    from tests.factories import ImageFactory

    image = ImageFactory()
    image.get_file_size()
    assert queued_purges() == []

    image.title = "Un autre titre"
    image.save()
    assert queued_purges() == [{"all"}]
