"""An API listing costs a fixed number of SQL queries, whatever the number of pages it
returns.

The queries of `articles/?locale=fr`: 1-3. the rate limit (forget old events, record this
one, count the recent ones), 4. the privacy settings (Wagtail's `public()`), 5. the
locale asked for, 6. the total count, 7. the articles with their hero images, 8. their
translations, 9. their authors, 10. their topics, 11. the renditions of their hero
images, 12. the article indexes (for the authors' addresses), 13. the site (for the
objects' `detail_url` and the pages' public addresses). A listing of pages makes 1-4, its
count, its pages, their translations and the site.

An article's detail adds its parent, and what its body shows: one query per kind of
block that needs the database (images and their renditions, embeds, linked articles),
and its approved comments.
"""

import datetime

import pytest

from tests.api.conftest import API
from tests.factories import ArticlePageFactory, ImageFactory, rich_body

pytestmark = pytest.mark.django_db

ARTICLES_LISTING = 13
PAGES_LISTING = 8
ARTICLE_DETAIL = 18


@pytest.fixture(params=[2, 10])
def articles(request, magazine):
    """`request.param` French articles with hero image, authors, topics and a body with
    every kind of block."""
    fr = magazine.fr
    for number in range(request.param - 2):
        image = ImageFactory()
        ArticlePageFactory(
            parent=fr.index,
            title=f"Article {number}",
            hero_image=image,
            hero_alt_text="Une image",
            body=rich_body(image, linked=[fr.older]),
            authors=[fr.ana, fr.basile],
            topics=[fr.ethics, fr.regulation],
            date_published=datetime.date(2025, 1, 1),
        )
    return request.param


def count_queries(client, url, django_assert_num_queries, expected):
    """Read `url` once (which makes the images' renditions), then count a second read."""
    assert client.get(url).status_code == 200
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_an_article_listing_costs_the_same_whatever_its_length(
    client, articles, django_assert_num_queries
):
    data = count_queries(
        client, f"{API}/articles/?locale=fr", django_assert_num_queries, ARTICLES_LISTING
    )
    assert len(data["items"]) == articles
    assert all(item["authors"] and item["topics"] for item in data["items"])


def test_a_page_listing_costs_the_same_whatever_its_length(
    client, articles, django_assert_num_queries
):
    data = count_queries(
        client, f"{API}/pages/?type=articles.ArticlePage", django_assert_num_queries, PAGES_LISTING
    )
    assert len(data["items"]) == articles + 2  # and their translations


def test_an_article_costs_a_fixed_number_of_queries(client, magazine, django_assert_num_queries):
    count_queries(
        client,
        f"{API}/articles/{magazine.fr.article.pk}/",
        django_assert_num_queries,
        ARTICLE_DETAIL,
    )
