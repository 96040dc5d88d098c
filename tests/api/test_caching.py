"""The API's answers are cached like pages: the proxy may keep those for anonymous
readers, tagged with what they show, and the purges that follow a change name one of
their tags (docs/api.md, docs/caching.md)."""

import datetime
import threading

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from tests.api.conftest import API
from tests.factories import ArticlePageFactory
from tests.test_purge_worker import RecordingProxy, free_port, run_worker

PUBLIC = "public, max-age=0, s-maxage=3600"
QUEUED = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    CACHE_PROXY_URLS=["http://127.0.0.1:9"],
)


def tags(response):
    return set(response["X-Cache-Tags"].split())


def purged_tags():
    results = DBTaskResult.objects.filter(task_path="delivery.purges.purge_proxies")
    return set().union(*(set(result.args_kwargs["args"][0]) for result in results))


def api_urls(magazine):
    fr = magazine.fr
    return [
        f"{API}/articles/",
        f"{API}/articles/?locale=fr",
        f"{API}/articles/?locale=fr&limit=1&offset=1",
        f"{API}/articles/?topic={fr.ethics.pk}",
        f"{API}/articles/?author={fr.ana.pk}",
        f"{API}/articles/{fr.older.pk}/",
        f"{API}/pages/",
        f"{API}/pages/?locale=fr",
        f"{API}/authors/?locale=fr",
        f"{API}/authors/{fr.ana.pk}/",
    ]


@pytest.mark.django_db
def test_anonymous_answers_may_be_kept_by_the_proxy_with_their_tags(client, magazine):
    fr = magazine.fr
    response = client.get(f"{API}/articles/?locale=fr")
    assert response["Cache-Control"] == PUBLIC
    assert {"all", f"articles-{fr.article.locale_id}", f"author-{fr.basile.pk}"} <= tags(response)
    assert {f"page-{fr.article.pk}", f"page-{fr.ethics.pk}"} <= tags(response)
    detail = client.get(f"{API}/articles/{fr.article.pk}/")
    assert {f"page-{fr.article.pk}", f"comments-{fr.article.pk}"} <= tags(detail)
    assert "Cookie" in detail["Vary"]


@pytest.mark.django_db
def test_search_results_errors_and_personal_requests_are_never_kept(client, magazine, editor):
    for url in (f"{API}/articles/?search=ouverte", f"{API}/articles/?locale=xx", f"{API}/images/"):
        response = client.get(url)
        assert "private" in response["Cache-Control"], url
        assert "X-Cache-Tags" not in response, url
    client.force_login(editor)
    response = client.get(f"{API}/articles/")
    assert "private" in response["Cache-Control"]


@QUEUED
@pytest.mark.django_db
def test_publishing_an_article_purges_every_answer_that_would_show_it(client, magazine, publish):
    fr = magazine.fr
    before = {url: tags(client.get(url)) for url in api_urls(magazine)}
    new = ArticlePageFactory(
        parent=fr.index,
        title="Une nouvelle",
        authors=[fr.ana],
        topics=[fr.ethics],
        date_published=datetime.date(2025, 3, 1),
        live=False,
    )
    new.save_revision()
    assert purged_tags() == set()  # a draft purges nothing

    publish(new)

    purged = purged_tags()
    assert "all" not in purged
    for url, shown in before.items():
        if url.endswith(f"/articles/{fr.older.pk}/"):
            continue  # the older article does not show the new one
        assert shown & purged, url
    english = tags(client.get(f"{API}/articles/?locale=en"))
    assert not (english - {"all"}) & purged


@QUEUED
@pytest.mark.django_db
def test_unpublishing_and_comments_purge_the_article_s_answers(client, magazine):
    fr = magazine.fr
    detail = tags(client.get(f"{API}/articles/{fr.article.pk}/"))
    english = tags(client.get(f"{API}/articles/{magazine.en.article.pk}/"))
    Comment.objects.create(article=fr.article, author_name="Zoé", text="En attente")
    assert purged_tags() == set()  # a pending comment shows nowhere

    comment = Comment.objects.get()
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert purged_tags() & detail == {f"comments-{fr.article.pk}"}

    fr.article.unpublish()
    purged = purged_tags()
    assert f"page-{fr.article.pk}" in purged & detail
    # The English article lists its translations: it is purged too.
    assert purged & english


@QUEUED
@pytest.mark.django_db
def test_saving_an_author_purges_the_answers_that_show_them(client, magazine):
    fr = magazine.fr
    shown = tags(client.get(f"{API}/authors/?locale=fr"))
    detail = tags(client.get(f"{API}/articles/{fr.article.pk}/"))
    fr.basile.name = "Basile Roy-Martin"
    fr.basile.save()
    assert purged_tags() & shown & detail == {f"author-{fr.basile.pk}"}


@pytest.mark.django_db(transaction=True)
def test_a_publication_reaches_the_api_at_once_through_the_worker(client, magazine):
    """The purge queued with the publication, run by the real worker, reaches the proxy
    with a tag of the listing it changes, and the app answers with the new article."""
    fr = magazine.fr
    listing = f"{API}/articles/?locale=fr"
    shown = tags(client.get(listing))
    port = free_port()
    proxy = RecordingProxy(port)
    serving = threading.Thread(target=proxy.serve_forever, daemon=True)
    serving.start()
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    try:
        with override_settings(TASKS=queue, CACHE_PROXY_URLS=[f"http://127.0.0.1:{port}"]):
            new = ArticlePageFactory(
                parent=fr.index, date_published=datetime.date(2025, 4, 1), live=False
            )
            new.save_revision().publish()
            run_worker()
    finally:
        proxy.shutdown()
        proxy.server_close()
    banned = set().union(*(set(header.split()) for _path, header in proxy.bans))
    assert shown & banned
    assert client.get(listing).json()["items"][0]["id"] == new.pk
