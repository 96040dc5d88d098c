"""The API's guards: CORS only for the origins configured, the site's rate limit, and a
clear 400 (never a 500) for bad input, in the reader's language."""

import pytest

from tests.api.conftest import API

pytestmark = pytest.mark.django_db

APP = "https://app.example.org"


# CORS ------------------------------------------------------------------------------------


def test_no_origin_may_read_the_api_by_default(client, magazine):
    response = client.get(f"{API}/articles/", headers={"Origin": APP})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_a_configured_origin_may_read_the_api_and_only_the_api(client, magazine, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    response = client.get(f"{API}/articles/", headers={"Origin": APP})
    assert response["Access-Control-Allow-Origin"] == APP
    assert "origin" in response["Vary"].lower()
    other = client.get(f"{API}/articles/", headers={"Origin": "https://other.example.org"})
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/fr/", headers={"Origin": APP})
    assert "Access-Control-Allow-Origin" not in page
    preflight = client.options(
        f"{API}/articles/",
        headers={"Origin": APP, "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == APP
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


# Rate limit ------------------------------------------------------------------------------


def test_too_many_requests_from_one_address_get_a_429(client, magazine, settings):
    settings.API_RATE_LIMIT = 2
    for _ in range(2):
        assert client.get(f"{API}/articles/").status_code == 200
    response = client.get(f"{API}/pages/", headers={"Accept-Language": "en"})
    assert response.status_code == 429
    assert response.json() == {"message": "Too many requests from your address; try again later."}
    assert response["Retry-After"] == str(settings.API_RATE_WINDOW)
    assert "private" in response["Cache-Control"]
    other = client.get(f"{API}/articles/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


# Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "articles/?locale=xx",
        "articles/?locale=",
        "pages/?locale=de",
        "authors/?locale=zz",
        "articles/?limit=abc",
        "articles/?limit=-1",
        "articles/?limit=1000",
        "articles/?offset=x",
        "articles/?fields=nonsense",
        "articles/?fields=title(",
        "articles/?fields=summary(title)",
        "articles/?order=nonsense",
        "articles/?order=random&offset=1",
        "articles/?topic=abc",
        "articles/?topic=-3",
        "articles/?author=1.5",
        "articles/?author=%EF%BC%91",
        "articles/?unknown=1",
        "articles/?date_published=soon",
        "articles/?id=abc",
        "articles/?search=ia&search_operator=xor",
        "articles/?search=ia&order=summary",
        "pages/?type=nope.Nope",
        "pages/?child_of=abc",
        "pages/?descendant_of=999999",
        "pages/?site=1",
        "authors/?rich_text_format=bogus",
        "images/?limit=zero",
        "documents/?fields=nonsense",
        "articles/1/?search=ia&search_operator=xor",
    ],
)
def test_bad_input_gets_a_400_with_a_message(api, magazine, query):
    status, data = api(query)
    assert status == 400, data
    assert data["message"]


def test_an_unknown_object_gets_a_404_with_a_message(api, magazine):
    for path in ("articles/999999/", "topics/999999/", "authors/999999/", "images/999999/"):
        status, data = api(path)
        assert (status, bool(data["message"])) == (404, True), path
    # An article is not a topic.
    assert api(f"topics/{magazine.fr.article.pk}/")[0] == 404


def test_messages_are_in_the_reader_s_language(api, magazine):
    status, data = api("articles/?locale=xx", headers={"Accept-Language": "fr"})
    assert data["message"] == "Langue inconnue «\u00a0xx\u00a0». Langues\u00a0: fr, en."
    status, data = api("articles/?locale=xx", headers={"Accept-Language": "en"})
    assert data["message"] == "Unknown language “xx”. Languages: fr, en."
    status, data = api("articles/?topic=abc", headers={"Accept-Language": "fr"})
    assert data["message"].startswith("topic doit être un entier positif")
