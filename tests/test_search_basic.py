"""The header's search box leads to a search page that works in both languages."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_homes(homes):
    call_command("update_index", verbosity=0)
    return homes


def test_search_urls_are_translated(client, indexed_homes):
    assert client.get("/fr/recherche/", {"q": "magazine"}).status_code == 200
    assert client.get("/en/search/", {"q": "magazine"}).status_code == 200
    assert client.get("/fr/search/").status_code == 404


def test_search_finds_pages_of_the_reader_language_only(client, indexed_homes):
    french = client.get("/fr/recherche/", {"q": "magazine"}).content.decode()
    english = client.get("/en/search/", {"q": "magazine"}).content.decode()

    assert "1 résultat pour « magazine »" in french
    assert 'href="/fr/"' in french.split('class="search-results"')[1]
    assert "1 result for “magazine”" in english
    assert 'href="/en/"' in english.split('class="search-results"')[1]


@pytest.mark.parametrize(
    "query",
    ["x" * 5000, "IA\x00\x1b[31m", "' OR 1=1; DROP TABLE wagtailcore_page; --"],
)
def test_hostile_queries_get_an_answer_not_an_error(client, indexed_homes, query):
    response = client.get("/fr/recherche/", {"q": query, "page": "abc"})

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_html_in_a_query_is_never_reflected_unescaped(client, indexed_homes):
    response = client.get("/en/search/", {"q": "<script>alert(1)</script>"})

    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_switching_language_on_the_search_page_keeps_the_query(client, indexed_homes):
    content = client.get("/fr/recherche/", {"q": "magazine"}).content.decode()

    assert 'href="/en/search/?q=magazine"' in content
