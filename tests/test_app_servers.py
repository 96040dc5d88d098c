"""Real gunicorn app servers in subprocesses: production settings, the database or Redis
going away and coming back, and a publication seen at once by another process."""

import json
import re

import pytest
from django.db import connection

from tests.conftest import REDIS_URL
from tests.live_servers import TcpRelay, gunicorn

# Tests that share the database with a server in another process commit their data
# (transactional tests; tests/conftest.py has them restore the rows migrations made).


def database_url(port=None):
    """The URL of the test database, optionally reached through another port."""
    params = connection.settings_dict
    return (
        f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:"
        f"{port or params['PORT'] or 5432}/{params['NAME']}"
    )


def test_production_settings_redirect_to_https_and_send_hsts(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-production-secret-key-for-tests-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    with gunicorn(env) as server:
        plain = server.get("/fr/")
        health = server.get("/healthz")
        secure = server.get("/healthz", {"X-Forwarded-Proto": "https"})

    assert plain[0] == 301
    assert plain[1]["Location"] == f"https://{server.url.removeprefix('http://')}/fr/"
    assert health[0] == 200  # load balancers probe over plain HTTP
    assert json.loads(health[2]) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert secure[1]["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_database_down_shows_a_styled_bilingual_503_and_logs_it():
    env = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/carnet",
        "REQUEST_LOG_LEVEL": "INFO",
    }
    with gunicorn(env) as server:
        french = server.get("/fr/")
        english = server.get("/en/")
        health = server.get("/healthz")
        stylesheet = server.get("/static/css/carnet.css")

    assert french[0] == english[0] == 503
    assert french[1]["Retry-After"] == "30"
    assert '<html lang="fr" dir="ltr">' in french[2]
    assert "Carnet est momentanément indisponible" in french[2]
    assert "Carnet is briefly unavailable" in french[2]  # and in the other language
    assert '<html lang="en" dir="ltr">' in english[2]
    assert english[2].index("briefly unavailable") < english[2].index("indisponible")
    assert 'href="/static/css/carnet.css"' in french[2]
    assert stylesheet[0] == 200
    assert health[0] == 503
    assert json.loads(health[2])["database"] == "unavailable"

    # Development's log: one plain line per request, stamped like runserver's.
    assert re.search(r"^\[[^]]+\] GET /fr/ 503$", server.output(), re.MULTILINE)


@pytest.mark.django_db(transaction=True)
def test_site_recovers_by_itself_when_the_database_is_back(postgres_only, homes):
    relay = TcpRelay("127.0.0.1", int(connection.settings_dict["PORT"] or 5432))
    relay.restore()
    with gunicorn({"DATABASE_URL": database_url(relay.port)}) as server:
        before = server.get("/fr/")
        relay.cut()
        during = [server.get("/fr/"), server.get("/en/")]
        relay.restore()
        after = server.get("/fr/")
    relay.cut()

    assert before[0] == 200
    assert [response[0] for response in during] == [503, 503]
    assert after[0] == 200
    assert "Un magazine sur l’intelligence artificielle." in after[2]


@pytest.mark.django_db(transaction=True)
def test_redis_down_still_serves_pages(postgres_only, homes):
    env = {
        "DATABASE_URL": database_url(),
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    with gunicorn(env) as server:
        pages = [server.get("/fr/"), server.get("/en/"), server.get("/fr/")]
        health = server.get("/healthz")

    assert [page[0] for page in pages] == [200, 200, 200]
    assert "A magazine on artificial intelligence." in pages[1][2]
    assert health[0] == 200  # still serving: a load balancer keeps sending readers
    assert json.loads(health[2]) == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
    }


@pytest.mark.django_db(transaction=True)
def test_an_app_server_lets_the_proxy_keep_pages_and_shows_a_publication_at_once(
    postgres_only, redis_prefix, homes
):
    env = {
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": redis_prefix,
    }
    home_fr, _home_en = homes
    with gunicorn(env) as server:
        before = server.get("/fr/")
        home_fr.intro = "<p>Publié par l’autre serveur.</p>"
        home_fr.save_revision().publish()
        after = server.get("/fr/")

    assert before[1]["Cache-Control"] == "public, max-age=0, s-maxage=3600"
    assert f"page-{home_fr.pk}" in before[1]["X-Cache-Tags"].split()
    assert "Publié par l’autre serveur." in after[2]
