"""English pages are wagtail-localize translations that point at English authors and topics."""

import pytest
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from articles.models import ArticlePage, ArticlePageTopic
from tests.conftest import MAGAZINE_ENGLISH, translate

pytestmark = pytest.mark.django_db


def test_english_article_is_a_translation_of_the_french_one(magazine):
    french, english = magazine.fr.article, magazine.en.article

    assert english.translation_key == french.translation_key
    assert english.locale.language_code == "en" and english.live
    assert Translation.objects.filter(
        source__object_id=french.translation_key, target_locale=english.locale
    ).exists()
    assert english.get_parent().specific == magazine.en.index


def test_english_article_points_at_the_english_authors_and_topics(magazine):
    english = ArticlePage.objects.get(pk=magazine.en.article.pk)

    assert english.author_list == [magazine.en.ana, magazine.en.basile]
    assert [author.locale.language_code for author in english.author_list] == ["en", "en"]
    assert [topic.pk for topic in english.topic_list] == [
        magazine.en.ethics.pk,
        magazine.en.regulation.pk,
    ]
    assert english.author_list[0].bio == "<p>[en] Ana Lefèvre écrit sur l’IA.</p>"


def test_a_topic_added_in_french_reaches_the_english_article_as_the_english_topic(magazine):
    french = magazine.fr.older
    ArticlePageTopic.objects.create(page=french, topic=magazine.fr.regulation, sort_order=1)

    translate(french, MAGAZINE_ENGLISH)

    english = ArticlePage.objects.get(pk=magazine.en.older.pk)
    assert [topic.pk for topic in english.topic_list] == [
        magazine.en.ethics.pk,
        magazine.en.regulation.pk,
    ]


def test_alternative_texts_and_captions_are_segments_to_translate(magazine):
    source = TranslationSource.objects.get(object_id=magazine.fr.article.translation_key)
    segments = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )

    assert {
        "Une balance aux plateaux inégaux",
        "Une balance déséquilibrée 1",
        "La légende de l’image.",
        "Illustration : Carnet",
        "Une conférence.",
        "À retenir",
    } <= segments


def test_author_names_and_addresses_stay_the_same_in_every_language(magazine):
    assert magazine.en.ana.name == magazine.fr.ana.name == "Ana Lefèvre"
    assert magazine.en.ana.slug == magazine.fr.ana.slug == "ana-lefevre"
    source = TranslationSource.objects.get(object_id=magazine.fr.ana.translation_key)
    assert list(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    ) == ["Ana Lefèvre écrit sur l’IA."]
