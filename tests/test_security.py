"""Security: headers on public pages and the admin, deploy checks, the admin login rate
limit, and upload limits as an editor meets them in the admin."""

import html
import io
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def directives(policy):
    """A Content-Security-Policy header as {directive: [sources]}."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_public_page_has_a_strict_content_security_policy(client, homes):
    response = client.get("/fr/")
    policy = directives(response["Content-Security-Policy"])

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_public_page_has_the_other_security_headers(client, homes):
    response = client.get("/en/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_admin_has_its_own_policy_for_its_inline_scripts(client):
    response = client.get("/admin/login/")
    policy = directives(response["Content-Security-Policy"])

    assert response.status_code == 200
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_error_pages_carry_the_public_policy(client, homes):
    response = client.get("/fr/nulle-part/")

    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def production_env(**extra):
    # Not the test run's own settings, nor the async switch the browser tests turn on, nor
    # a Redis the machine may name.
    skipped = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    env = {key: value for key, value in os.environ.items() if key not in skipped}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-production-secret-key-for-tests-0123456789-abcdefghijklmnopqrstuvwxyz",
        **extra,
    )
    return env


def test_deploy_checks_report_nothing_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def production_setting(expression, **env):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from config.settings import production as s; print({expression})",
        ],
        cwd=settings.BASE_DIR,
        env=production_env(**env),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_cookies_and_transport_are_secure_by_default():
    values = production_setting(
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.DEBUG"
    )

    assert values == "True True True True 31536000 False"


def test_production_cookies_carry_the_host_prefix_over_https():
    names = (
        "getattr(s, 'SESSION_COOKIE_NAME', 'sessionid'), "
        "getattr(s, 'CSRF_COOKIE_NAME', 'csrftoken')"
    )
    over_https = production_setting(names)
    plain_http = production_setting(names, SECURE_COOKIES="0")

    assert over_https == "__Host-sessionid __Host-csrftoken"
    assert plain_http == "sessionid csrftoken"


def test_production_e_mails_leave_from_the_public_address():
    senders = production_setting(
        "s.DEFAULT_FROM_EMAIL, s.SERVER_EMAIL, "
        "getattr(s, 'WAGTAILADMIN_NOTIFICATION_FROM_EMAIL', s.DEFAULT_FROM_EMAIL)",
        BASE_URL="https://carnet.example",
    )

    assert senders == " ".join(["Carnet <noreply@carnet.example>"] * 3)


def test_redis_backs_the_shared_cache_and_the_proxy_is_configured_from_the_environment():
    without_redis = production_setting("s.CACHES['default']['BACKEND'], s.CACHE_PROXY_URLS")
    with_redis = production_setting(
        "s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, s.PROXY_CACHE_SECONDS, "
        "s.CACHE_PROXY_URLS",
        REDIS_URL="redis://127.0.0.1:6379/0",
        PROXY_CACHE_SECONDS="600",
        CACHE_PROXY_URLS="http://127.0.0.1:6081, http://127.0.0.1:6082",
    )

    assert without_redis == "django.core.cache.backends.locmem.LocMemCache []"
    assert with_redis == (
        "core.cache_backends.ResilientRedisCache django.contrib.sessions.backends.cached_db "
        "600 ['http://127.0.0.1:6081', 'http://127.0.0.1:6082']"
    )


def test_production_media_go_to_object_storage_when_a_bucket_is_set():
    local = production_setting("s.STORAGES['default']['BACKEND']")
    remote = production_setting(
        "s.STORAGES['default']['BACKEND'], s.CONTENT_SECURITY_POLICY['img-src']",
        AWS_STORAGE_BUCKET_NAME="carnet-media",
        AWS_S3_CUSTOM_DOMAIN="media.carnet.example",
    )

    assert local == "django.core.files.storage.FileSystemStorage"
    assert remote.startswith("storages.backends.s3.S3Storage")
    assert "https://media.carnet.example" in remote


# The admin login rate limit.


@pytest.fixture
def admin_user(django_user_model, empty_cache):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "right")


def log_in(client, password, username="admin", address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_five_failures_lock_the_username_out_even_with_the_right_password(client, admin_user):
    failures = [log_in(client, "wrong") for _attempt in range(5)]
    locked = log_in(client, "right")

    assert [response.status_code for response in failures] == [200] * 5
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.content.decode()
    assert 'value="admin"' in locked.content.decode()  # what was typed is kept
    assert "_auth_user_id" not in client.session


def test_lockout_is_shown_in_french_to_a_french_editor(client, admin_user):
    for _attempt in range(5):
        log_in(client, "wrong")

    locked = client.post(
        "/admin/login/",
        {"username": "admin", "password": "right"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert locked.status_code == 429
    assert "Trop de tentatives de connexion" in locked.content.decode()


def test_lockout_spares_other_addresses_and_usernames(client, admin_user, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "right")
    for _attempt in range(5):
        log_in(client, "wrong")

    assert log_in(client, "right", username="editor").status_code == 302
    client.logout()
    assert log_in(client, "right", address="198.51.100.4").status_code == 302


def test_success_clears_the_failures(client, admin_user):
    for _attempt in range(4):
        log_in(client, "wrong")
    assert log_in(client, "right").status_code == 302
    client.logout()

    for _attempt in range(4):
        log_in(client, "wrong")

    assert log_in(client, "right").status_code == 302


def test_lockout_ends_when_its_window_expires(client, admin_user, settings):
    settings.ADMIN_LOGIN_LOCKOUT_SECONDS = 1
    for _attempt in range(5):
        log_in(client, "wrong")
    assert log_in(client, "right").status_code == 429

    time.sleep(1.1)

    assert log_in(client, "right").status_code == 302


def test_one_address_trying_many_usernames_is_locked_out(client, admin_user, settings):
    settings.ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    for number in range(6):
        log_in(client, "wrong", username=f"guess{number}")

    locked = log_in(client, "right")

    assert locked.status_code == 429
    assert log_in(client, "right", address="198.51.100.4").status_code == 302


def test_the_login_limit_holds_with_redis_down(client, admin_user, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    for _attempt in range(5):
        log_in(client, "wrong")

    assert log_in(client, "right").status_code == 429


def test_behind_a_proxy_the_forwarded_address_is_counted(client, admin_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(5):
        client.post(
            "/admin/login/",
            {"username": "admin", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    other_reader = client.post(
        "/admin/login/",
        {"username": "admin", "password": "right"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )

    assert other_reader.status_code == 302


# Upload limits, through the admin.


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "x")
    client.force_login(user)
    return client


def png_bytes(width, height, noise=False):
    image = (
        Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
        if noise
        else (Image.new("RGB", (width, height), "white"))
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def admin_text(response):
    """The admin page as an editor reads it (the admin speaks French by default)."""
    return html.unescape(response.content.decode())


def test_an_ordinary_image_upload_is_accepted(admin_client_logged_in):
    upload = SimpleUploadedFile("affiche.png", png_bytes(40, 30), content_type="image/png")

    response = admin_client_logged_in.post(
        "/admin/images/add/", {"title": "Affiche", "file": upload}
    )

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Affiche").exists()


def test_an_oversized_image_is_refused_with_a_clear_message(admin_client_logged_in):
    content = png_bytes(1900, 1900, noise=True)
    assert len(content) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    upload = SimpleUploadedFile("immense.png", content, content_type="image/png")

    response = admin_client_logged_in.post(
        "/admin/images/add/", {"title": "Immense", "file": upload}
    )

    assert response.status_code == 200
    assert "Ce fichier est trop gros" in admin_text(response)
    assert "La taille de fichier maximale est de 10,0\xa0Mio" in admin_text(response)
    assert not get_image_model().objects.filter(title="Immense").exists()


def test_an_svg_image_is_refused(admin_client_logged_in):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    upload = SimpleUploadedFile("piege.svg", svg, content_type="image/svg+xml")

    response = admin_client_logged_in.post(
        "/admin/images/add/", {"title": "Piège", "file": upload}
    )

    assert response.status_code == 200
    assert "Format d'image non supporté" in admin_text(response)
    assert not get_image_model().objects.filter(title="Piège").exists()


def test_an_oversized_document_is_refused_with_a_clear_message(admin_client_logged_in):
    size = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1
    upload = SimpleUploadedFile("rapport.pdf", b"%PDF" + b"0" * size, "application/pdf")

    response = admin_client_logged_in.post(
        "/admin/documents/add/", {"title": "Rapport", "file": upload}
    )

    assert response.status_code == 200
    assert "Ce fichier est trop gros" in admin_text(response)
    assert "La taille de fichier maximale est de 20,0\xa0Mio" in admin_text(response)
    assert not get_document_model().objects.filter(title="Rapport").exists()


def test_a_document_of_a_forbidden_type_is_refused(admin_client_logged_in):
    upload = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html")

    response = admin_client_logged_in.post(
        "/admin/documents/add/", {"title": "Page", "file": upload}
    )

    assert response.status_code == 200
    assert "L'extension de fichier «\xa0html\xa0» n’est pas autorisée" in admin_text(response)
    assert not get_document_model().objects.filter(title="Page").exists()
