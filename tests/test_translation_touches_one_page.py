"""Translating or syncing one article touches that article only, not the topics and
authors it names, which are translated already."""

import datetime

import pytest
from django.db.models import Count
from django.urls import reverse
from wagtail.models import Revision

from articles.models import Author
from tests.editorial_admin import as_user, reload
from tests.factories import ArticlePageFactory
from tests.translation_admin import (
    start_translation,
    submit_translation,
    translate_the_rest,
    translation_of,
)

pytestmark = pytest.mark.django_db

REVIEWED_BIO = "<p>Ana writes on open models.</p>"


def pages_with_new_revisions(before):
    counted = Revision.page_revisions.values("object_id").annotate(count=Count("pk"))
    after = {int(row["object_id"]): row["count"] for row in counted}
    return {page_id for page_id, count in after.items() if count != before.get(page_id)}


def revision_counts():
    counted = Revision.page_revisions.values("object_id").annotate(count=Count("pk"))
    return {int(row["object_id"]): row["count"] for row in counted}


@pytest.fixture
def new_article(magazine):
    """A French article under a topic and by an author that are translated and live, the
    English author's biography since reviewed in English."""
    Author.objects.filter(pk=magazine.en.ana.pk).update(bio=REVIEWED_BIO)
    return ArticlePageFactory(
        parent=magazine.fr.index,
        title="Qui possède les modèles ouverts ?",
        authors=[magazine.fr.ana],
        topics=[magazine.fr.regulation],
        date_published=datetime.date(2025, 3, 1),
    )


def test_translating_an_article_leaves_its_topic_and_author_alone(
    client, magazine, new_article, editor, django_capture_on_commit_callbacks
):
    english = magazine.en.home.locale
    before = revision_counts()
    as_user(client, editor)

    with django_capture_on_commit_callbacks(execute=True):
        start_translation(client, new_article, english)
        translation = translation_of(new_article, english)
        translate_the_rest(client, translation)
        submit_translation(client, translation)

    english_article = new_article.get_translation(english)
    assert english_article.specific.topic_links.get().topic_id == magazine.en.regulation.pk
    assert pages_with_new_revisions(before) == {english_article.pk}
    topic = reload(magazine.en.regulation)
    assert topic.live and not topic.has_unpublished_changes
    assert Author.objects.get(pk=magazine.en.ana.pk).bio == REVIEWED_BIO


def test_syncing_an_article_leaves_its_topic_and_author_alone(
    client, magazine, reviewer, django_capture_on_commit_callbacks
):
    article = magazine.fr.article
    source_id = translation_of(article, magazine.en.home.locale).source_id
    Author.objects.filter(pk=magazine.en.ana.pk).update(bio=REVIEWED_BIO)
    before = revision_counts()

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, reviewer).post(
            reverse("wagtail_localize:update_translations", args=[source_id]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    assert pages_with_new_revisions(before) <= {magazine.en.article.pk}
    for topic in (magazine.en.ethics, magazine.en.regulation):
        assert not reload(topic).has_unpublished_changes
    assert Author.objects.get(pk=magazine.en.ana.pk).bio == REVIEWED_BIO
