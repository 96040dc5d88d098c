"""Feeds of the latest articles, the sitemap with its alternates, robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(feed):
    return [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_each_language_has_a_feed_of_its_latest_articles(client, magazine):
    ArticlePageFactory(parent=magazine.fr.index, title="Un brouillon", live=False)

    french = atom(client, "/fr/articles/feed/")
    english = atom(client, "/en/articles/feed/")

    assert french.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert entries(french) == [
        ("Pour une IA ouverte", "http://testserver/fr/articles/pour-une-ia-ouverte/"),
        ("Un article plus ancien", "http://testserver/fr/articles/un-article-plus-ancien/"),
    ]
    assert entries(english) == [
        ("For an open AI", "http://testserver/en/articles/for-an-open-ai/"),
        ("An older article", "http://testserver/en/articles/an-older-article/"),
    ]
    entry = next(english.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}summary") == "[en] Le résumé de « Pour une IA ouverte »."
    assert entry.findtext(f"{ATOM}published").startswith("2025-02-10")
    assert entry.findtext(f"{ATOM}updated").startswith("2025-09-18")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Ana Lefèvre, Basile Roy"
    assert [category.get("term") for category in entry.iter(f"{ATOM}category")] == [
        "Ethics",
        "Regulation",
    ]


def test_each_topic_has_a_feed(client, magazine):
    regulation = atom(client, "/fr/sujets/regulation/feed/")
    ethics = atom(client, "/en/topics/ethics/feed/")

    assert [title for title, _link in entries(regulation)] == ["Pour une IA ouverte"]
    assert [title for title, _link in entries(ethics)] == ["For an open AI", "An older article"]
    assert regulation.findtext(f"{ATOM}title") == "Régulation · Carnet"


def test_pages_announce_their_feeds(client, magazine):
    article = client.get("/fr/articles/pour-une-ia-ouverte/").content.decode()
    topic = client.get("/en/topics/ethics/").content.decode()
    home = client.get("/fr/").content.decode()

    for html, feed in (
        (article, "/fr/articles/feed/"),
        (article, "/fr/sujets/ethique/feed/"),
        (topic, "/en/topics/ethics/feed/"),
        (home, "/fr/articles/feed/"),
    ):
        assert 'type="application/atom+xml" title="' in html
        assert f'href="{feed}">' in html.split("</head>")[0], feed


def test_sitemap_lists_every_live_page_with_its_translations(client, magazine):
    ArticlePageFactory(parent=magazine.fr.index, title="Un brouillon", live=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    urlset = ET.fromstring(response.content)
    alternates = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in urlset.iter(f"{SITEMAP}url")
    }
    assert set(alternates) == {
        "http://testserver/fr/",
        "http://testserver/en/",
        "http://testserver/fr/articles/",
        "http://testserver/en/articles/",
        "http://testserver/fr/articles/pour-une-ia-ouverte/",
        "http://testserver/en/articles/for-an-open-ai/",
        "http://testserver/fr/articles/un-article-plus-ancien/",
        "http://testserver/en/articles/an-older-article/",
        "http://testserver/fr/sujets/",
        "http://testserver/en/topics/",
        "http://testserver/fr/sujets/ethique/",
        "http://testserver/en/topics/ethics/",
        "http://testserver/fr/sujets/regulation/",
        "http://testserver/en/topics/regulation/",
        "http://testserver/fr/articles/auteurs/ana-lefevre/",
        "http://testserver/en/articles/authors/ana-lefevre/",
        "http://testserver/fr/articles/auteurs/basile-roy/",
        "http://testserver/en/articles/authors/basile-roy/",
    }
    assert alternates["http://testserver/en/articles/for-an-open-ai/"] == {
        "fr": "http://testserver/fr/articles/pour-une-ia-ouverte/",
        "en": "http://testserver/en/articles/for-an-open-ai/",
    }


def test_sitemap_lists_the_authors_of_live_public_articles_with_their_alternates(
    client, magazine, publish
):
    ArticlePageFactory(
        parent=magazine.fr.index, live=False, authors=[AuthorFactory(name="Claire Brouillon")]
    )
    publish(magazine.fr.article)
    magazine.en.older.unpublish()
    magazine.en.article.unpublish()

    urlset = ET.fromstring(client.get("/sitemap.xml").content)

    authors = {
        url.findtext(f"{SITEMAP}loc"): (
            url.findtext(f"{SITEMAP}lastmod"),
            {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")},
        )
        for url in urlset.iter(f"{SITEMAP}url")
        if "/auteurs/" in url.findtext(f"{SITEMAP}loc")
        or "/authors/" in url.findtext(f"{SITEMAP}loc")
    }
    assert set(authors) == {
        "http://testserver/fr/articles/auteurs/ana-lefevre/",
        "http://testserver/fr/articles/auteurs/basile-roy/",
    }
    lastmod, alternates = authors["http://testserver/fr/articles/auteurs/basile-roy/"]
    magazine.fr.article.refresh_from_db()
    published = timezone.localtime(magazine.fr.article.last_published_at)  # the site's zone
    assert lastmod.startswith(published.date().isoformat())
    assert alternates == {}


def test_a_page_without_translation_has_no_alternates_in_the_sitemap(client, magazine):
    ArticlePageFactory(parent=magazine.fr.index, title="Seulement en français")

    urlset = ET.fromstring(client.get("/sitemap.xml").content)

    url = next(
        url
        for url in urlset.iter(f"{SITEMAP}url")
        if url.findtext(f"{SITEMAP}loc").endswith("/seulement-en-francais/")
    )
    assert list(url.iter(f"{XHTML}link")) == []


def test_robots_txt_points_at_the_sitemap(client, homes):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
