"""The pages that list articles: the index (“see all”), topics, authors and the home page."""

import datetime
import re
from html import unescape
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def page_text(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def listed_titles(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def many_articles(magazine):
    """23 more French articles (25 in all), one a day from 1 January 2025, about ethics."""
    return [
        ArticlePageFactory(
            parent=magazine.fr.index,
            title=f"Article du {day + 1} janvier",
            date_published=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
            topics=[magazine.fr.ethics],
        )
        for day in range(23)
    ]


def test_index_lists_the_live_articles_of_its_language_newest_first(client, magazine):
    draft = ArticlePageFactory(parent=magazine.fr.index, title="Un brouillon", live=False)

    french = page_text(client.get("/fr/articles/"))
    english = page_text(client.get("/en/articles/"))

    assert listed_titles(french) == ["Pour une IA ouverte", "Un article plus ancien"]
    assert listed_titles(english) == ["For an open AI", "An older article"]
    assert draft.title not in french
    assert "10 février 2025" in french
    assert "10 February 2025" in english


def test_index_shows_twelve_articles_a_page(client, many_articles):
    first = page_text(client.get("/fr/articles/"))
    second = page_text(client.get("/fr/articles/", {"page": 2}))
    third = page_text(client.get("/fr/articles/", {"page": 3}))

    assert len(listed_titles(first)) == 12
    assert listed_titles(first)[0] == "Pour une IA ouverte"
    assert listed_titles(first)[1] == "Article du 23 janvier"
    assert len(listed_titles(second)) == 12
    assert listed_titles(third) == ["Un article plus ancien"]
    assert "Page 1 sur 3" in first
    assert '<a rel="next" href="?page=2">Articles plus anciens</a>' in first
    assert '<a rel="prev" href="?page=2">Articles plus récents</a>' in third
    assert '<link rel="canonical" href="http://testserver/fr/articles/?page=2">' in second
    assert '<link rel="canonical" href="http://testserver/fr/articles/">' in first


@pytest.mark.parametrize("number", ["abc", "", "1.5", "deux"])
def test_a_page_number_that_is_not_a_number_gives_the_first_page(client, many_articles, number):
    response = client.get("/fr/articles/", {"page": number})

    assert "Page 1 sur 3" in page_text(response)


@pytest.mark.parametrize("number", ["0", "-4", "4", "99", "9" * 40])
def test_a_page_number_out_of_range_is_not_found(client, many_articles, number):
    response = client.get("/fr/articles/", {"page": number})

    assert response.status_code == 404
    assert "X-Cache-Tags" not in response


def test_topic_page_lists_its_articles_in_its_language(client, magazine):
    ethics_fr = page_text(client.get("/fr/sujets/ethique/"))
    regulation_en = page_text(client.get("/en/topics/regulation/"))

    assert "Les articles du sujet Éthique." in ethics_fr
    assert listed_titles(ethics_fr) == ["Pour une IA ouverte", "Un article plus ancien"]
    assert listed_titles(regulation_en) == ["For an open AI"]
    assert "[en] Les articles du sujet Régulation." in regulation_en


def test_topic_page_is_paginated_like_the_index(client, many_articles):
    first = page_text(client.get("/fr/sujets/ethique/", {"page": "last"}))
    second = page_text(client.get("/fr/sujets/ethique/", {"page": 3}))

    assert "Page 1 sur 3" in first
    assert listed_titles(second) == ["Un article plus ancien"]


@pytest.mark.parametrize(
    "url", ["/fr/articles/", "/fr/sujets/ethique/", "/fr/articles/auteurs/ana-lefevre/"]
)
def test_a_listing_shows_an_article_once_and_sorts_only_what_it_shows(client, magazine, url):
    ArticlePageFactory(
        parent=magazine.fr.index,
        title="Classé deux fois",
        topics=[magazine.fr.ethics, magazine.fr.ethics],
        authors=[magazine.fr.ana, magazine.fr.ana],
    )

    with CaptureQueriesContext(connection) as queries:
        titles = listed_titles(page_text(client.get(url)))

    assert titles.count("Classé deux fois") == 1
    # No DISTINCT: it would make the database sort every article to show the first page.
    assert not [query for query in queries if "DISTINCT" in query["sql"]]


def test_topic_list_page_shows_every_topic(client, magazine):
    french = page_text(client.get("/fr/sujets/"))
    english = page_text(client.get("/en/topics/"))

    assert '<a href="/fr/sujets/ethique/">Éthique</a>' in french
    assert '<a href="/fr/sujets/regulation/">Régulation</a>' in french
    assert '<a href="/en/topics/ethics/">Ethics</a>' in english


def test_author_page_lists_the_articles_they_wrote(client, magazine):
    french = page_text(client.get("/fr/articles/auteurs/basile-roy/"))
    english = page_text(client.get("/en/articles/authors/ana-lefevre/"))

    assert "<h1>Basile Roy</h1>" in french
    assert "Basile Roy écrit sur l’IA." in french
    assert listed_titles(french) == ["Pour une IA ouverte"]
    assert "<h1>Ana Lefèvre</h1>" in english
    assert "[en] Ana Lefèvre écrit sur l’IA." in english
    assert listed_titles(english) == ["For an open AI", "An older article"]
    assert '<a href="/en/articles/authors/ana-lefevre/" hreflang="en" lang="en">' in page_text(
        client.get("/fr/articles/auteurs/ana-lefevre/")
    )
    assert (
        '<link rel="canonical" href="http://testserver/en/articles/authors/ana-lefevre/">'
    ) in english


def test_author_pages_answer_only_in_their_own_language(client, magazine):
    assert client.get("/fr/articles/authors/ana-lefevre/").status_code == 404
    assert client.get("/en/articles/auteurs/ana-lefevre/").status_code == 404
    assert client.get("/fr/articles/auteurs/personne/").status_code == 404


def test_home_page_shows_the_latest_articles_and_the_topics(client, magazine):
    french = page_text(client.get("/fr/"))
    english = page_text(client.get("/en/"))

    assert listed_titles(french) == ["Pour une IA ouverte", "Un article plus ancien"]
    assert '<a class="section-header__more" href="/fr/articles/">Voir tous les articles</a>' in (
        french
    )
    assert '<a href="/fr/sujets/ethique/">Éthique</a>' in french
    assert listed_titles(english) == ["For an open AI", "An older article"]
    assert '<a href="/en/topics/ethics/">Ethics</a>' in english
    assert "Latest articles" in english


def test_home_page_shows_the_six_latest(client, many_articles):
    titles = listed_titles(page_text(client.get("/fr/")))

    assert titles == [
        "Pour une IA ouverte",
        "Article du 23 janvier",
        "Article du 22 janvier",
        "Article du 21 janvier",
        "Article du 20 janvier",
        "Article du 19 janvier",
    ]


def test_a_private_article_is_never_listed(client, magazine):
    PageViewRestriction.objects.create(
        page=magazine.fr.older, restriction_type=PageViewRestriction.LOGIN
    )

    for url in ("/fr/", "/fr/articles/", "/fr/sujets/ethique/", "/fr/articles/feed/"):
        assert "un-article-plus-ancien" not in page_text(client.get(url)), url
    article = page_text(client.get("/fr/articles/pour-une-ia-ouverte/"))
    assert "un-article-plus-ancien" not in article.split('class="recent"')[1]
    response = client.get("/fr/articles/un-article-plus-ancien/")
    assert response.status_code == 302
    assert "next=/fr/articles/un-article-plus-ancien/" in unquote(response["Location"])


def test_an_unpublished_article_disappears_everywhere(client, magazine):
    magazine.fr.older.unpublish()

    for url in (
        "/fr/",
        "/fr/articles/",
        "/fr/sujets/ethique/",
        "/fr/articles/auteurs/ana-lefevre/",
        "/fr/articles/pour-une-ia-ouverte/",
        "/fr/articles/feed/",
        "/sitemap.xml",
    ):
        assert "un-article-plus-ancien" not in client.get(url).content.decode(), url


def test_a_restriction_on_a_section_protects_its_articles(client, magazine):
    PageViewRestriction.objects.create(
        page=magazine.fr.index, restriction_type=PageViewRestriction.LOGIN
    )

    for url in ("/fr/articles/", "/fr/articles/pour-une-ia-ouverte/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert f"next={url}" in unquote(response["Location"])
    assert listed_titles(page_text(client.get("/fr/"))) == []
    assert client.get("/en/articles/for-an-open-ai/").status_code == 200


@pytest.mark.parametrize("url", ["/fr/articles/", "/fr/sujets/ethique/"])
def test_a_far_page_skips_the_articles_before_it_by_their_ids(client, many_articles, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page": 2})

    assert response.status_code == 200
    cards = next(query["sql"] for query in queries if "OFFSET" in query["sql"])
    # The database sorts and skips ids, in a subquery, not whole cards
    # (articles.listings.CardPaginator).
    paging = enclosing_subquery(cards, cards.index("OFFSET"))
    assert paging.startswith("(SELECT")
    assert '"title"' not in paging.split("FROM")[0]


def enclosing_subquery(sql, position):
    """The parenthesised part of `sql` that holds `position` (all of it at top level)."""
    depth = 0
    for start in range(position, -1, -1):
        if sql[start] == ")":
            depth += 1
        elif sql[start] == "(":
            if depth == 0:
                return sql[start:position]
            depth -= 1
    return sql[:position]
