"""Sharing an article on the reader's own Mastodon server."""

from html import unescape
from urllib.parse import quote

import pytest

from articles.views import mastodon_host

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "host"),
    [
        ("mastodon.social", "mastodon.social"),
        ("  https://Mastodon.Social/@ana  ", "mastodon.social"),
        ("@ana@piaille.fr", "piaille.fr"),
        ("ana@framapiaf.org", "framapiaf.org"),
        ("éco.exemple.fr", "xn--co-9ia.exemple.fr"),
        ("", None),
        ("localhost", None),
        ("javascript:alert(1)", None),
        ("evil.example/share?x=", "evil.example"),
        ("a" * 300 + ".social", None),
        ("mastodon..social", None),
    ],
)
def test_the_server_is_read_from_what_the_reader_typed(typed, host):
    assert mastodon_host(typed) == host


def test_a_reader_is_shown_where_the_share_goes(client, magazine):
    article = magazine.fr.article

    response = client.get(
        f"/fr/partager/mastodon/{article.pk}/", {"instance": "@ana@mastodon.social"}
    )

    content = unescape(response.content.decode())
    assert response.status_code == 200
    text = quote("Pour une IA ouverte http://testserver/fr/articles/pour-une-ia-ouverte/")
    assert f'href="https://mastodon.social/share?text={text}"' in content
    assert "Continuer sur mastodon.social" in content
    assert 'value="@ana@mastodon.social"' in content
    assert '<meta name="robots" content="noindex">' in content


def test_a_wrong_server_gets_a_clear_message_and_keeps_what_was_typed(client, magazine):
    response = client.get(
        f"/en/share/mastodon/{magazine.en.article.pk}/", {"instance": "not a server"}
    )

    content = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Type the address of your Mastodon server, for example mastodon.social." in content
    assert 'value="not a server"' in content
    assert "https://not" not in content


def test_only_live_articles_can_be_shared(client, magazine):
    magazine.fr.older.unpublish()

    for page_id in (magazine.fr.older.pk, magazine.fr.index.pk, 999999):
        response = client.get(f"/fr/partager/mastodon/{page_id}/", {"instance": "a.social"})
        assert response.status_code == 404
