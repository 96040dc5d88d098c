"""Every absolute address follows the site's address: in development the host and port
that served the request (`make run PORT=8101`), in production BASE_URL, whatever Host a
request names. E-mails included."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from core.addresses import absolute_url, site_address
from tests.comments.conftest import comment_data, comment_url

pytestmark = pytest.mark.django_db

DEV = "http://127.0.0.1:8101"
ON_8101 = {"HTTP_HOST": "127.0.0.1:8101", "HTTP_ORIGIN": DEV}


@pytest.fixture
def development(settings):
    """Development settings: links follow the request; BASE_URL names the default port."""
    settings.BASE_URL_FROM_REQUEST = True
    settings.BASE_URL = "http://127.0.0.1:8000"


def absolute_links(content):
    return set(re.findall(r"https?://[^\s\"'<>&]+", content))


def test_in_development_a_page_links_to_the_port_that_served_it(client, magazine, development):
    article = magazine.fr.article

    content = client.get(article.url, **ON_8101).content.decode()

    assert f'<link rel="canonical" href="{DEV}{article.url}">' in content
    assert f'hreflang="en" href="{DEV}{magazine.en.article.url}"' in content
    assert f'<meta property="og:url" content="{DEV}{article.url}">' in content
    assert f'value="{DEV}{article.url}"' in content  # the share box
    ours = {"127.0.0.1", "localhost", "testserver"}
    site_links = {link for link in absolute_links(content) if urlsplit(link).hostname in ours}
    assert site_links and all(link.startswith(DEV + "/") for link in site_links)


def test_in_development_e_mails_link_to_the_port_that_served_the_request(
    client, magazine, reviewer, development, django_capture_on_commit_callbacks
):
    with translation.override("fr"):
        subscribe = reverse("newsletter:subscribe")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            subscribe, {"email": "ana@example.com", "consent": "on", "next": "/fr/"}, **ON_8101
        )
        client.post(comment_url(magazine.fr.article), comment_data(), **ON_8101)

    [confirm] = [m for m in mail.outbox if m.to == ["ana@example.com"]]
    [told_reviewer] = [m for m in mail.outbox if m.to == [reviewer.email]]
    assert absolute_links(confirm.body) and all(
        link.startswith(DEV + "/") for link in absolute_links(confirm.body)
    )
    assert confirm.extra_headers["List-Unsubscribe"].startswith(f"<{DEV}/")
    assert f"{DEV}/admin/snippets/comments/comment/" in told_reviewer.body


def test_in_production_addresses_are_the_configured_public_address(client, magazine, settings):
    settings.BASE_URL = "https://carnet.example"
    article = magazine.fr.article

    content = client.get(article.url, **ON_8101).content.decode()

    assert f'<link rel="canonical" href="https://carnet.example{article.url}">' in content
    assert "127.0.0.1:8101" not in content


def test_without_a_request_the_address_is_base_url(settings):
    settings.BASE_URL_FROM_REQUEST = True
    settings.BASE_URL = "http://127.0.0.1:8202/"

    assert site_address() == "http://127.0.0.1:8202"
    assert absolute_url("/fr/") == "http://127.0.0.1:8202/fr/"
    assert absolute_url("https://cdn.example/a.png") == "https://cdn.example/a.png"
