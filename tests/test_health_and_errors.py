"""The health check, Redis going away, the error pages, and purging a CDN or proxy."""

import io
import json
import logging
import sys

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import permission_denied

from core.log_format import JsonFormatter
from core.views import server_error
from tests.live_servers import free_port, gunicorn

pytestmark = pytest.mark.django_db

REDIS_DOWN = {
    "default": {
        "BACKEND": "core.cache_backends.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_health_check_answers_ok_when_all_is_well(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_health_check_says_degraded_but_serving_with_redis_down(client, settings):
    settings.CACHES = {**settings.CACHES, **REDIS_DOWN}

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_health_check_answers_503_when_the_database_is_unreachable():
    unreachable = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/carnet"}

    with gunicorn(unreachable) as server:
        status, _headers, body = server.get("/healthz")

    assert status == 503
    assert json.loads(body) == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


def test_health_check_asks_the_real_redis(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
        },
    }
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/3", socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("needs Redis at 127.0.0.1:6379")

    assert client.get("/healthz").json()["cache"] == "ok"


def test_with_redis_down_pages_and_editor_logins_still_work(client, homes, settings):
    settings.CACHES = {**settings.CACHES, **REDIS_DOWN}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("admin", "admin@example.com", "secret")

    pages = [client.get("/fr/"), client.get("/en/"), client.get("/fr/")]
    login = client.post("/admin/login/", {"username": "admin", "password": "secret"})

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert "A magazine on artificial intelligence." in pages[1].content.decode()
    assert login.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_unreachable_redis_is_left_alone_for_a_while(settings):
    settings.CACHES = {**settings.CACHES, **REDIS_DOWN}
    from django.core.cache import cache

    assert cache.get("anything", "fallback") == "fallback"
    assert cache.is_paused()
    cache.set("anything", "value")
    assert cache.get_many(["a", "b"]) == {}
    with pytest.raises(ValueError):
        cache.incr("counter")


# Error pages.


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [("/fr/", "fr", "Requête incorrecte"), ("/en/", "en", "Bad request")],
)
def test_bad_host_gets_a_styled_translated_400(client, homes, path, lang, title):
    response = client.get(path, HTTP_HOST="evil.example")

    assert response.status_code == 400
    content = response.content.decode()
    assert f'<html lang="{lang}" dir="ltr">' in content
    assert title in content
    assert "/static/css/carnet.css" in content


@pytest.mark.parametrize(
    ("path", "text"),
    [("/fr/", "Ce formulaire a expiré"), ("/en/", "This form has expired")],
)
def test_expired_form_gets_a_styled_translated_403(homes, path, text):
    response = Client(enforce_csrf_checks=True).post(path, {"email": "lecteur@example.com"})

    assert response.status_code == 403
    assert text in response.content.decode()
    assert "/static/css/carnet.css" in response.content.decode()


def test_permission_denied_gets_a_styled_translated_403(homes):
    request = RequestFactory().get("/fr/")
    with translation.override("fr"):
        response = permission_denied(request, PermissionError())

    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def render_error(error, language):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        try:
            raise error
        except type(error):
            return server_error(request)


def test_server_error_page_needs_no_database_and_speaks_both_languages(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        response = render_error(ValueError("bug"), "fr")

    content = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr" dir="ltr">' in content
    assert "Une erreur est survenue" in content and "Something went wrong" in content
    assert "no-store" in response["Cache-Control"]


def test_database_error_gets_the_503_page_without_touching_the_database(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        response = render_error(OperationalError("connection refused"), "en")

    content = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert '<html lang="en" dir="ltr">' in content
    assert "<h1>Carnet is briefly unavailable</h1>" in content
    assert "<h2>Carnet est momentanément indisponible</h2>" in content  # one h1 only
    assert sys.exc_info() == (None, None, None)


# Client errors in the logs.


@pytest.fixture
def security_log():
    """What Django's security loggers write, through the handler the settings give them."""
    handlers = [
        handler
        for handler in logging.getLogger("django.security").handlers
        if isinstance(handler.formatter, JsonFormatter)
    ]
    written = io.StringIO()
    previous = [handler.setStream(written) for handler in handlers]
    yield written
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


def logged_lines(written):
    return [json.loads(line) for line in written.getvalue().splitlines()]


def test_a_disallowed_host_is_one_warning_line_without_a_traceback(client, homes, security_log):
    response = client.get("/fr/", HTTP_HOST="evil.example")

    lines = logged_lines(security_log)
    assert response.status_code == 400
    assert [(line["level"], "exception" in line) for line in lines] == [("WARNING", False)]
    assert "evil.example" in lines[0]["message"]


def test_too_many_fields_is_one_warning_line_without_a_traceback(client, homes, security_log):
    body = "&".join(f"field{number}=x" for number in range(2000))

    with translation.override("fr"):
        url = reverse("newsletter:subscribe")

    response = client.post(
        url,
        data=body,
        content_type="application/x-www-form-urlencoded",
        HTTP_ORIGIN="http://testserver",
    )

    lines = logged_lines(security_log)
    assert response.status_code == 400
    assert [(line["level"], "exception" in line) for line in lines] == [("WARNING", False)]
