"""The content API behind Carnet's VCL (deploy/varnish/carnet.vcl): each set of query
parameters is an entry of its own, whatever their order; searches are never kept."""

import pytest

from tests.proxy_servers import needs_varnishd, request, varnish_in_front

pytestmark = needs_varnishd

LISTING = "/api/v2/articles/"


@pytest.fixture
def proxied(tmp_path):
    with varnish_in_front(tmp_path) as pair:
        yield pair


def get(proxy, url, headers=None):
    status, headers, body = request(proxy, "GET", url, headers)
    return status, headers["X-Cache"], body


def test_query_parameters_make_entries_of_their_own_in_any_order(proxied):
    app, proxy = proxied
    french = LISTING + "?locale=fr&limit=5"
    assert get(proxy, french)[1] == "MISS"
    assert get(proxy, LISTING + "?limit=5&locale=fr") == (
        200,
        "HIT",
        f"{french} served 1 time(s)",
    )
    assert get(proxy, LISTING + "?locale=en&limit=5")[1] == "MISS"
    assert get(proxy, LISTING + "?locale=fr&limit=5&offset=5")[1] == "MISS"
    assert app.count(french) == 1


def test_searches_always_reach_the_app(proxied):
    app, proxy = proxied
    for _ in range(2):
        assert get(proxy, LISTING + "?search=ia")[1] == "PASS"
    assert app.count(LISTING + "?search=ia") == 2


def test_only_the_first_preferred_language_makes_an_entry(proxied):
    app, proxy = proxied
    get(proxy, LISTING, {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"})
    assert get(proxy, LISTING, {"Accept-Language": "fr"})[1] == "HIT"
    assert get(proxy, LISTING, {"Accept-Language": "en-GB,en;q=0.5"})[1] == "MISS"
    assert get(proxy, LISTING, {"Accept-Language": "en"})[1] == "HIT"
    assert app.count(LISTING) == 2


def test_a_ban_of_a_tag_drops_the_api_s_entries(proxied):
    app, proxy = proxied
    get(proxy, LISTING + "?locale=fr")
    assert request(proxy, "BAN", "/", {"X-Purge-Tags": "articles-1"})[0] == 200
    assert get(proxy, LISTING + "?locale=fr")[1] == "MISS"
