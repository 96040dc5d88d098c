"""Carnet's VCL (deploy/varnish/carnet.vcl) in a real varnishd, in front of an app server
that answers with the caching contract: Cache-Control decides, X-Cache-Tags names what a
page shows, and a BAN with X-Purge-Tags removes exactly the pages holding those tags."""

import time

import pytest

from bench.varnish import Varnish, free_port
from tests.proxy_servers import contract_app, needs_varnishd, request, varnish_in_front

pytestmark = needs_varnishd

ARTICLE = "/fr/articles/ia-durable/"
OTHER_ARTICLE = "/fr/articles/bletchley/"
LISTING = "/fr/articles/"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    with varnish_in_front(tmp_path_factory.mktemp("varnish")) as pair:
        yield pair


@pytest.fixture
def fresh(proxied):
    """The proxy with an empty cache (everything banned), the app with no request seen."""
    app, proxy = proxied
    status, _headers, _body = request(proxy, "BAN", "/", {"X-Purge-Tags": "all"})
    assert status == 200
    with app.lock:
        app.received.clear()
    return app, proxy


def get(proxy, path, headers=None):
    return request(proxy, "GET", path, headers)


def test_a_cacheable_page_is_a_hit_the_second_time(fresh):
    app, proxy = fresh
    first = get(proxy, ARTICLE)
    second = get(proxy, ARTICLE)
    assert (first[0], first[1]["X-Cache"]) == (200, "MISS")
    assert (second[0], second[1]["X-Cache"]) == (200, "HIT")
    assert second[2] == first[2] == f"{ARTICLE} served 1 time(s)"
    assert app.count(ARTICLE) == 1


@pytest.mark.parametrize(
    "path", ["/fr/compte/", "/fr/brouillon/", "/fr/lettre/", "/fr/sans-entete/"]
)
def test_personal_pages_pages_setting_cookies_and_unmarked_pages_are_never_cached(fresh, path):
    app, proxy = fresh
    answers = [get(proxy, path) for _ in range(3)]
    assert [headers["X-Cache"] for _status, headers, _body in answers] == ["PASS"] * 3
    assert answers[-1][2] == f"{path} served 3 time(s)"
    assert app.count(path) == 3


@pytest.mark.parametrize(
    "cookie",
    [
        "sessionid=abc123",
        "csrftoken=x; sessionid=abc123",
        "messages=W1sx",
        "__Host-csrftoken=x; __Host-sessionid=abc123",
    ],
)
def test_a_reader_with_a_session_or_messages_is_passed_with_the_cookie(fresh, cookie):
    app, proxy = fresh
    get(proxy, ARTICLE)  # cached for anonymous readers
    status, headers, body = get(proxy, ARTICLE, {"Cookie": cookie})
    assert (status, headers["X-Cache"]) == (200, "PASS")
    assert body == f"{ARTICLE} served 2 time(s)"
    assert app.received[-1] == ("GET", ARTICLE, cookie)


def test_other_cookies_are_dropped_and_the_page_comes_from_the_cache(fresh):
    app, proxy = fresh
    get(proxy, ARTICLE, {"Cookie": "csrftoken=abc; _ga=GA1.2.3"})
    status, headers, _body = get(proxy, ARTICLE, {"Cookie": "_ga=other"})
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert app.received[-1] == ("GET", ARTICLE, None)


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("POST", ARTICLE, {"Content-Length": "0"}),
        ("GET", ARTICLE, {"Authorization": "Basic YTpi"}),
        ("GET", "/admin/", {}),
        ("GET", "/healthz", {}),
    ],
)
def test_writes_authorization_the_admin_and_health_checks_always_reach_the_app(
    fresh, method, path, headers
):
    app, proxy = fresh
    for _ in range(2):
        status, answer_headers, _body = request(proxy, method, path, headers)
        assert (status, answer_headers["X-Cache"]) == (200, "PASS")
    assert app.count(path) == 2


def test_other_query_parameters_share_the_entry_of_the_bare_url(fresh):
    app, proxy = fresh
    get(proxy, LISTING)
    for query in ("?utm_source=x", "?foo=1", "?utm_campaign=spring%20sale&utm_medium=mail"):
        status, headers, body = get(proxy, LISTING + query)
        assert (status, headers["X-Cache"], body) == (
            200,
            "HIT",
            f"{LISTING} served 1 time(s)",
        ), query
    assert app.count(LISTING) == 1
    assert [url for _method, url, _cookie in app.received] == [LISTING]


def test_a_page_number_has_an_entry_of_its_own(fresh):
    app, proxy = fresh
    get(proxy, LISTING)
    status, headers, body = get(proxy, LISTING + "?page=2&utm_source=x")
    assert (status, headers["X-Cache"]) == (200, "MISS")
    # The app server receives the URL unchanged.
    assert body == f"{LISTING}?page=2&utm_source=x served 1 time(s)"
    for url in (LISTING + "?page=2", LISTING + "?utm_campaign=y&page=2"):
        assert get(proxy, url)[1]["X-Cache"] == "HIT", url
    assert get(proxy, LISTING + "?page=3")[1]["X-Cache"] == "MISS"


@pytest.mark.parametrize(
    "query", ["?page=abc", "?page=123456", "?page=+2", "?page=%32", "?page=2&page=3", "?pag%65=2"]
)
def test_a_url_the_app_may_read_another_page_number_from_is_passed(fresh, query):
    """Kept under the bare URL or page 2, its answer could be another page's."""
    app, proxy = fresh
    get(proxy, LISTING)
    get(proxy, LISTING + "?page=2")
    for _ in range(2):
        status, headers, body = get(proxy, LISTING + query)
        assert (status, headers["X-Cache"]) == (200, "PASS")
    assert body == f"{LISTING}{query} served 2 time(s)"
    assert get(proxy, LISTING)[2] == f"{LISTING} served 1 time(s)"
    assert get(proxy, LISTING + "?page=2")[2] == f"{LISTING}?page=2 served 1 time(s)"


def test_a_ban_removes_exactly_the_pages_holding_one_of_its_tags(fresh):
    app, proxy = fresh
    for path in (ARTICLE, OTHER_ARTICLE, LISTING):
        get(proxy, path)
    status, _headers, _body = request(proxy, "BAN", "/", {"X-Purge-Tags": "page:11:fr listing:10"})
    assert status == 200
    assert get(proxy, ARTICLE)[1]["X-Cache"] == "MISS"
    assert get(proxy, LISTING)[1]["X-Cache"] == "MISS"
    assert get(proxy, OTHER_ARTICLE)[1]["X-Cache"] == "HIT"
    assert app.count(ARTICLE) == app.count(LISTING) == 2
    assert app.count(OTHER_ARTICLE) == 1


def test_a_ban_matches_whole_tags_only(fresh):
    _app, proxy = fresh
    get(proxy, ARTICLE)  # tags: all page:11 page:11:fr topic:3
    for tags in ("page:1", "page:11:f", "page.11", "topic"):
        assert request(proxy, "BAN", "/", {"X-Purge-Tags": tags})[0] == 200
        assert get(proxy, ARTICLE)[1]["X-Cache"] == "HIT", tags
    assert request(proxy, "BAN", "/", {"X-Purge-Tags": "  topic:3  "})[0] == 200
    assert get(proxy, ARTICLE)[1]["X-Cache"] == "MISS"


@pytest.mark.parametrize("tags", [None, "", "page:1;rm", "(all)", "a|b"])
def test_a_ban_without_valid_tags_is_refused_and_removes_nothing(fresh, tags):
    _app, proxy = fresh
    get(proxy, ARTICLE)
    headers = {} if tags is None else {"X-Purge-Tags": tags}
    assert request(proxy, "BAN", "/", headers)[0] == 400
    assert get(proxy, ARTICLE)[1]["X-Cache"] == "HIT"


def test_a_ban_from_outside_the_acl_is_refused(fresh):
    _app, proxy = fresh
    get(proxy, ARTICLE)
    # The ACL allows 127.0.0.1 only; 127.0.0.2 is another loopback address.
    status, _headers, _body = request(
        proxy, "BAN", "/", {"X-Purge-Tags": "all"}, source="127.0.0.2"
    )
    assert status == 403
    assert get(proxy, ARTICLE)[1]["X-Cache"] == "HIT"


def test_a_ban_relayed_by_a_proxy_in_front_is_refused(fresh):
    """A TLS front on the same machine connects from 127.0.0.1, but adds the reader's
    address to X-Forwarded-For."""
    _app, proxy = fresh
    get(proxy, ARTICLE)
    headers = {"X-Purge-Tags": "all", "X-Forwarded-For": "203.0.113.9"}
    assert request(proxy, "BAN", "/", headers)[0] == 403
    assert get(proxy, ARTICLE)[1]["X-Cache"] == "HIT"


def test_the_tags_never_reach_the_client(fresh):
    _app, proxy = fresh
    for method in ("GET", "GET", "HEAD"):
        status, headers, _body = request(proxy, method, ARTICLE)
        assert status == 200
        assert "X-Cache-Tags" not in headers
        assert headers["Cache-Control"] == "public, max-age=0, s-maxage=300"


def test_an_expired_copy_is_served_while_the_app_server_is_down(tmp_path):
    with varnish_in_front(tmp_path) as (app, proxy):
        first = get(proxy, "/fr/bref/")  # s-maxage=1
        assert (first[0], first[1]["X-Cache"]) == (200, "MISS")
        app.stop()
        time.sleep(1.5)
        status, headers, body = get(proxy, "/fr/bref/")
        assert (status, headers["X-Cache"], body) == (200, "HIT", first[2])
        # A page the proxy never kept cannot be served.
        assert get(proxy, ARTICLE)[0] == 503


def test_with_every_app_server_failing_its_probe_readers_get_kept_pages_or_the_app_s_503(
    tmp_path,
):
    """The database is down for every app server: their probes fail, yet what the cache
    holds is still served, and anything else gets the app's own 503 page, not Varnish's."""
    with varnish_in_front(tmp_path) as (app, proxy):
        kept = get(proxy, "/fr/bref/")  # s-maxage=1: expired when it is read again
        app.database_down = True
        probes = app.count("/healthz")
        deadline = time.monotonic() + 15
        while app.count("/healthz") < probes + 3 and time.monotonic() < deadline:
            time.sleep(0.1)  # three failed probes: the app server is sick
        stale = [get(proxy, "/fr/bref/") for _read in range(3)]
        never_kept = get(proxy, ARTICLE)
        posted = request(proxy, "POST", "/fr/lettre/", {"Content-Length": "0"})

    assert app.count("/healthz") >= probes + 3
    assert [(status, body) for status, _headers, body in stale] == [(200, kept[2])] * 3
    for status, headers, body in (never_kept, posted):
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert body.endswith("the site's 503 page")


def test_readers_get_whole_pages_while_an_app_server_dies_or_refuses(tmp_path):
    """One app server cuts every answer after a few bytes, another refuses connections:
    each reader's request is tried again on the healthy one."""
    with (
        contract_app(cut_answers=True) as dying,
        contract_app() as healthy,
        Varnish(tmp_path, [dying.address, ("127.0.0.1", free_port()), healthy.address]) as proxy,
    ):
        answers = [get(proxy, path) for path in (ARTICLE, "/fr/compte/", LISTING) * 3]
    assert [status for status, _headers, _body in answers] == [200] * 9
    assert all(body.endswith("time(s)") for _status, _headers, body in answers)
    assert dying.count(ARTICLE) >= 1


def test_a_form_refused_by_a_stopping_app_server_goes_to_the_next_and_none_is_sent_twice(
    tmp_path,
):
    """A POST whose app server refuses the connection (gunicorn stopping) is sent to the
    next one; a POST an app server received and died on is not sent again."""
    body = "email=reader%40example.com"
    with (
        contract_app(cut_answers=True) as dying,
        contract_app() as healthy,
        Varnish(tmp_path, [("127.0.0.1", free_port()), healthy.address, dying.address]) as proxy,
    ):
        statuses = [
            request(
                proxy,
                "POST",
                "/fr/lettre/",
                {"Content-Type": "application/x-www-form-urlencoded"},
                body=body,
            )[0]
            for _form in range(6)
        ]
    received = {
        app: [url for method, url, _cookie in app.received if method == "POST"]
        for app in (healthy, dying)
    }
    assert len(received[healthy]) + len(received[dying]) == 6  # each form once, none lost
    assert statuses.count(200) == len(received[healthy]) >= 2
    assert statuses.count(503) == len(received[dying])
