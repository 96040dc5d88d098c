"""Reading a page costs a fixed number of SQL queries, whatever is on it.

Pages keep costly parts in template fragments (delivery/fragments.py): the site's header
and footer on every page, and most of an article. Most readers get them from the cache
(warm), the first one after a change renders them (cold). Both are counted.

Warm article, through Wagtail's own routing: 1. the site, 2. the active locale, (3. in
English, the home page's translation,) 3. the home page, 4. the article index, passed
through without its own fields, 5. the article with its privacy check, 6. the ids of its
authors and topics (its cache tags, which the fragments' keys depend on).

Cold, besides: the hero image, the images of image blocks, the renditions of every
image, a site lookup for absolute URLs, the home pages and the article's translations
(language links), the site's links setting and, again with the pages it names, the home
pages and translations (header and footer), its recent posts, its authors, its topics,
its approved comments and their replies, and one query per kind of block that needs the
database, not per block: the stored embeds, the linked articles (with their
translations).
"""

import datetime

import pytest
from django.core.cache import caches
from wagtail.embeds.models import Embed

from tests.conftest import MAGAZINE_ENGLISH, translate
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    TopicIndexPageFactory,
    paragraph,
    rich_body,
)

pytestmark = pytest.mark.django_db

# English costs one more: Wagtail finds the site root's translation into the language.
# The header's and footer's links cost two when they are not cached: the site's links
# setting, and the home pages and translations read again with the pages it names.
WARM_ARTICLE = {"fr": 6, "en": 7}
PLAIN_ARTICLE = {"fr": 15, "en": 16}
FULL_ARTICLE = {"fr": 18, "en": 19}
INDEX = {"fr": 13, "en": 14}
WARM_INDEX = {"fr": 11, "en": 12}
TOPIC = {"fr": 12, "en": 13}
WARM_TOPIC = {"fr": 10, "en": 11}
HOME = {"fr": 13, "en": 14}
WARM_HOME = {"fr": 11, "en": 12}


@pytest.fixture(autouse=True)
def navigation(site_links):
    """Every page read here has its header and footer links, all set."""
    return site_links


def count_queries(client, url, django_assert_num_queries, expected, warm):
    """Read `url` once to make the image renditions, then count the queries of a read
    without template fragments in the cache (`expected`), then of one with them (`warm`)."""
    assert client.get(url).status_code == 200
    caches["template_fragments"].clear()
    with django_assert_num_queries(expected):
        cold = client.get(url)
    assert cold.status_code == 200
    with django_assert_num_queries(warm):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content == cold.content


@pytest.fixture
def crowded(magazine, django_capture_on_commit_callbacks):
    """An article with four times every block, four authors, four topics and enough
    other articles to fill its recent posts, in French and in English."""
    fr = magazine.fr
    with django_capture_on_commit_callbacks(execute=True):
        topics = [fr.ethics, fr.regulation] + [
            TopicIndexPageFactory(parent=fr.topic_list, title=title)
            for title in ("Société", "Environnement")
        ]
        authors = [fr.ana, fr.basile, AuthorFactory(name="Chloé"), AuthorFactory(name="Driss")]
        image = ImageFactory()
        others = [
            ArticlePageFactory(
                parent=fr.index,
                date_published=datetime.date(2025, 1, day),
                topics=topics,
                hero_image=image,
                hero_alt_text="Une image",
            )
            for day in range(1, 5)
        ]
        article = ArticlePageFactory(
            parent=fr.index,
            title="Un article très garni",
            hero_image=ImageFactory(),
            hero_alt_text="Une image",
            body=rich_body(image, linked=[fr.older, *others], copies=4),
            authors=authors,
            topics=topics,
        )
        for page in [*topics[2:], *authors[2:], *others, article]:
            translate(page, MAGAZINE_ENGLISH)
    return article


@pytest.fixture
def stored_embed(db):
    return Embed.objects.create(
        url="https://www.ted.com/talks/a_talk", hash="a-talk", html="<iframe></iframe>"
    )


@pytest.mark.parametrize(
    ("language", "url"),
    [("fr", "/fr/articles/pour-une-ia-ouverte/"), ("en", "/en/articles/for-an-open-ai/")],
)
def test_an_article_with_every_kind_of_block(
    client, magazine, stored_embed, django_assert_num_queries, language, url
):
    count_queries(
        client, url, django_assert_num_queries, FULL_ARTICLE[language], WARM_ARTICLE[language]
    )


@pytest.mark.parametrize(
    ("language", "url"),
    [
        ("fr", "/fr/articles/un-article-tres-garni/"),
        ("en", "/en/articles/un-article-tres-garni-en/"),
    ],
)
def test_more_blocks_topics_authors_and_recent_articles_cost_no_more(
    client, crowded, stored_embed, django_assert_num_queries, language, url
):
    count_queries(
        client, url, django_assert_num_queries, FULL_ARTICLE[language], WARM_ARTICLE[language]
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_article_of_text_with_a_hero_image(
    client, magazine, django_capture_on_commit_callbacks, django_assert_num_queries, language
):
    article = ArticlePageFactory(
        parent=magazine.fr.index,
        title="Du texte",
        hero_image=magazine.fr.image,
        hero_alt_text="Une image",
        body=[paragraph("Un."), paragraph("Deux.")]
        + [
            {"type": "heading", "value": {"text": "Trois", "level": "h2", "anchor": ""}},
            {"type": "pull_quote", "value": {"quote": "Quatre.", "attribution": ""}},
            {"type": "callout", "value": {"kind": "note", "title": "", "text": "<p>Cinq</p>"}},
        ],
        authors=[magazine.fr.ana],
        topics=[magazine.fr.ethics],
    )
    with django_capture_on_commit_callbacks(execute=True):
        english = translate(article, MAGAZINE_ENGLISH)
    if language == "en":
        article = english

    count_queries(
        client,
        article.url,
        django_assert_num_queries,
        PLAIN_ARTICLE[language],
        WARM_ARTICLE[language],
    )


@pytest.mark.parametrize(
    ("language", "url", "expected", "warm"),
    [
        ("fr", "/fr/articles/", INDEX, WARM_INDEX),
        ("en", "/en/articles/", INDEX, WARM_INDEX),
        ("fr", "/fr/sujets/ethique/", TOPIC, WARM_TOPIC),
        ("en", "/en/topics/ethics/", TOPIC, WARM_TOPIC),
        ("fr", "/fr/articles/?page=2", INDEX, WARM_INDEX),
    ],
)
def test_listings_cost_the_same_however_many_articles(
    client, crowded, django_assert_num_queries, language, url, expected, warm
):
    for day in range(5, 15):
        ArticlePageFactory(
            parent=crowded.get_parent(),
            date_published=datetime.date(2025, 1, day),
            hero_image=crowded.hero_image,
            hero_alt_text="Une image",
            topics=[crowded.topic_list[0]],
        )

    count_queries(client, url, django_assert_num_queries, expected[language], warm[language])


@pytest.mark.parametrize(("language", "url"), [("fr", "/fr/"), ("en", "/en/")])
def test_home_page(client, crowded, django_assert_num_queries, language, url):
    count_queries(client, url, django_assert_num_queries, HOME[language], WARM_HOME[language])


def test_small_listings_cost_what_large_ones_do(client, magazine, django_assert_num_queries):
    for url, expected, warm in [
        ("/fr/articles/", INDEX, WARM_INDEX),
        ("/fr/sujets/ethique/", TOPIC, WARM_TOPIC),
        ("/fr/", HOME, WARM_HOME),
    ]:
        count_queries(client, url, django_assert_num_queries, expected["fr"], warm["fr"])


def test_an_article_not_yet_translated_costs_the_same(client, magazine, django_assert_num_queries):
    article = ArticlePageFactory(
        parent=magazine.fr.index,
        title="Seulement en français",
        hero_image=magazine.fr.image,
        hero_alt_text="Une image",
        authors=[magazine.fr.ana],
        topics=[magazine.fr.ethics],
    )

    count_queries(
        client, article.url, django_assert_num_queries, PLAIN_ARTICLE["fr"], WARM_ARTICLE["fr"]
    )
