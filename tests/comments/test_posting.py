"""Readers post comments under an article; every one waits for moderation, and every
bad input or robot is refused with a clear answer, nothing typed lost, nothing half saved."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from comments.models import Comment
from tests.comments.conftest import (
    SAME_ORIGIN,
    comment_data,
    comment_url,
    post_comment,
    ticket_issued_ago,
)
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

PENDING_FR = "Votre commentaire attend la modération"


def page_text(response):
    return html.unescape(response.content.decode())


def test_a_comment_waits_for_moderation_and_the_author_is_told(client, magazine):
    article = magazine.fr.article
    response = post_comment(client, article)

    assert response.status_code == 303
    assert response["Location"] == f"{article.url}?comment=pending#comments"
    comment = Comment.objects.get()
    assert (comment.article_id, comment.status) == (article.pk, Comment.Status.PENDING)
    assert (comment.author_name, comment.author_email) == ("Camille", "camille@example.com")
    assert comment.text == "Un point de vue stimulant.\nMerci."

    page = page_text(client.get(f"{article.url}?comment=pending"))
    assert PENDING_FR in page
    assert "Un point de vue stimulant." not in page
    assert "0 commentaire" in page
    assert PENDING_FR not in page_text(client.get(article.url))


def test_a_comment_belongs_to_its_translation(client, magazine):
    english = magazine.en.article
    response = post_comment(client, english, text="An English view.")

    assert response.status_code == 303
    assert response["Location"] == f"{english.url}?comment=pending#comments"
    assert Comment.objects.get().article_id == english.pk
    Comment.objects.update(status=Comment.Status.APPROVED)
    assert "An English view." in page_text(client.get(english.url))
    assert "An English view." not in page_text(client.get(magazine.fr.article.url))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"text": ""}, "text", "Saisissez votre commentaire."),
        ({"text": "   \n "}, "text", "Saisissez votre commentaire."),
        ({"text": "x" * 5001}, "text", "moins de 5000 caractères (il en a 5001)"),
        ({"author_name": ""}, "author_name", "Saisissez votre nom, ou un pseudonyme."),
        ({"author_name": "N" * 81}, "author_name", "moins de 80 caractères"),
        ({"author_email": "camille@"}, "author_email", "Saisissez une adresse e-mail complète"),
    ],
)
def test_bad_input_gets_field_errors_with_everything_kept(
    client, magazine, fields, field, message
):
    response = post_comment(client, magazine.fr.article, **fields)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    page = page_text(response)
    assert message in page
    sent = comment_data(**fields)
    for name in ("author_name", "author_email", "text"):
        if sent[name].strip():
            assert sent[name] in page, name
    assert "no-cache" in response["Cache-Control"]
    assert not Comment.objects.exists()


def test_a_comment_of_exactly_the_limits_is_accepted(client, magazine):
    response = post_comment(client, magazine.fr.article, text="x" * 5000, author_name="N" * 80)

    assert response.status_code == 303
    assert len(Comment.objects.get().text) == 5000


def test_the_e_mail_address_is_optional_and_never_shown(client, magazine):
    article = magazine.fr.article
    post_comment(client, article, author_email="")
    CommentFactory(article=article, author_email="secret@example.com")

    assert Comment.objects.filter(author_email="").count() == 1
    assert "secret@example.com" not in page_text(client.get(article.url))


def test_robots_filling_the_honeypot_get_the_usual_answer_and_save_nothing(client, magazine):
    response = post_comment(client, magazine.fr.article, website="https://spam.example")

    assert response.status_code == 303
    assert not Comment.objects.exists()


def test_a_comment_sent_too_quickly_is_refused_with_its_text_kept(client, magazine):
    response = post_comment(client, magazine.fr.article, ticket=ticket_issued_ago(1))

    assert response.status_code == 400
    page = page_text(response)
    assert "Votre commentaire a été envoyé trop vite" in page
    assert "Un point de vue stimulant." in page
    assert not Comment.objects.exists()


@pytest.mark.parametrize("ticket", ["", "forged:ticket", "__old__"])
def test_without_a_valid_ticket_the_reader_confirms_on_an_uncached_page(client, magazine, ticket):
    """No script, a forged or an expired ticket: the form comes back, filled in, with a
    fresh ticket; sending it again a few seconds later records the comment."""
    if ticket == "__old__":
        ticket = ticket_issued_ago(60 * 60 * 25)
    article = magazine.fr.article
    response = post_comment(client, article, ticket=ticket)

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    page = page_text(response)
    assert "Vérifiez votre commentaire, puis envoyez-le." in page
    assert "Un point de vue stimulant." in page
    assert response.context["form"].data["ticket"]
    assert not Comment.objects.exists()


def test_the_confirmation_ticket_counts_from_the_confirmation_page(client, magazine, settings):
    settings.COMMENTS_MIN_SECONDS = 0
    article = magazine.fr.article
    fresh = post_comment(client, article, ticket="").context["form"].data["ticket"]

    assert post_comment(client, article, ticket=fresh).status_code == 303
    assert Comment.objects.count() == 1


def test_the_ticket_view_hands_out_fresh_uncached_tickets(client, db):
    with translation.override("fr"):
        url = reverse("comments:ticket")
    response = client.get(url)

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert response.json()["ticket"]


def test_comments_are_rate_limited_per_address(client, magazine, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    article = magazine.fr.article
    for number in range(2):
        assert post_comment(client, article, text=f"Avis {number}").status_code == 303

    response = post_comment(client, article, text="Un avis de trop")
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.COMMENTS_RATE_WINDOW)
    page = page_text(response)
    assert "Trop de commentaires depuis votre connexion" in page
    assert "Un avis de trop" in page
    assert Comment.objects.count() == 2
    elsewhere = {**SAME_ORIGIN, "REMOTE_ADDR": "192.0.2.9"}
    other = post_comment(client, article, headers=elsewhere, text="Ailleurs")
    assert other.status_code == 303


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {}, {"HTTP_REFERER": "https://evil.example/"}],
)
def test_comments_from_other_sites_are_refused(client, magazine, headers):
    response = post_comment(client, magazine.fr.article, headers=headers)

    assert response.status_code == 403
    assert "Commentaire refusé" in page_text(response)
    assert not Comment.objects.exists()


def test_closed_comments_show_no_form_and_refuse_posts_keeping_the_text(client, magazine):
    article = magazine.fr.article
    CommentFactory(article=article, text="Un avis d’avant la clôture.")
    type(article).objects.filter(pk=article.pk).update(comments_open=False)

    page = page_text(client.get(article.url))
    assert "Les commentaires sont fermés." in page
    assert "Un avis d’avant la clôture." in page
    assert "data-comment-form" not in page
    assert "Répondre à" not in page

    response = post_comment(client, article)
    assert response.status_code == 403
    page = page_text(response)
    assert "ne reçoit plus de commentaires" in page
    assert "Un point de vue stimulant." in page
    assert Comment.objects.count() == 1
    assert client.get(comment_url(article)).status_code == 200


def test_a_reply_answers_an_approved_comment(client, magazine):
    article = magazine.fr.article
    first = CommentFactory(article=article, author_name="Ana")
    form_page = client.get(f"{comment_url(article)}?reply_to={first.pk}")
    assert form_page.status_code == 200
    assert "En réponse à Ana" in page_text(form_page)

    assert post_comment(client, article, parent=first.pk, text="Je réponds.").status_code == 303
    assert Comment.objects.get(text="Je réponds.").parent == first


def test_a_reply_to_a_reply_joins_the_conversation_one_level_deep(client, magazine):
    article = magazine.fr.article
    first = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=first)

    assert post_comment(client, article, parent=reply.pk, text="Et moi.").status_code == 303
    assert Comment.objects.get(text="Et moi.").parent == first


@pytest.mark.parametrize("which", ["pending", "other_article", "unknown"])
def test_a_reply_to_a_comment_not_shown_here_is_refused(client, magazine, which):
    article = magazine.fr.article
    parents = {
        "pending": lambda: CommentFactory(article=article, status=Comment.Status.PENDING).pk,
        "other_article": lambda: CommentFactory(article=magazine.fr.older).pk,
        "unknown": lambda: 999999,
    }
    parent = parents[which]()
    response = post_comment(client, article, parent=parent, text="Ma réponse")

    assert response.status_code == 400
    page = page_text(response)
    assert "Le commentaire auquel vous répondez n’est plus affiché." in page
    assert "Ma réponse" in page
    assert not Comment.objects.filter(text="Ma réponse").exists()
    assert client.get(f"{comment_url(article)}?reply_to={parent}").status_code == 404


def test_comments_on_pages_that_are_not_live_articles_are_not_found(client, magazine):
    unpublished = magazine.fr.older
    unpublished.unpublish()
    assert post_comment(client, unpublished).status_code == 404
    assert post_comment(client, magazine.fr.index).status_code == 404
    assert not Comment.objects.exists()


def test_the_comment_limit_holds_with_redis_down(client, magazine, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.COMMENTS_RATE_LIMIT = 5
    article = magazine.fr.article

    answers = [
        post_comment(client, article, text=f"Avis {number}").status_code for number in range(8)
    ]

    assert answers == [303] * 5 + [429] * 3
    assert Comment.objects.count() == 5


def test_behind_a_proxy_each_reader_is_counted_apart(client, magazine, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.COMMENTS_RATE_LIMIT = 1
    article = magazine.fr.article

    def from_reader(address, text):
        headers = {**SAME_ORIGIN, "HTTP_X_FORWARDED_FOR": address}
        return post_comment(client, article, headers=headers, text=text)

    first = from_reader("203.0.113.7", "Un avis")
    second = from_reader("198.51.100.4", "Un autre")
    again = from_reader("203.0.113.7", "Encore")

    assert [first.status_code, second.status_code, again.status_code] == [303, 303, 429]


def test_invisible_direction_controls_are_removed_before_the_comment_is_stored(client, magazine):
    article = magazine.fr.article

    response = post_comment(
        client,
        article,
        author_name="Ca\u202emille\u2066",
        text="Prix : 10\u202e0 €\u2069, \u200bpas plus.\nمی\u200cخواهم",
    )

    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.author_name == "Camille"
    assert comment.text == "Prix : 100 €, pas plus.\nمی\u200cخواهم"


def test_a_name_made_only_of_controls_is_refused_and_the_text_kept(client, magazine):
    response = post_comment(client, magazine.fr.article, author_name="\u202e\u2066")

    assert response.status_code == 400
    assert "Saisissez votre nom, ou un pseudonyme." in page_text(response)
    assert "Un point de vue stimulant." in page_text(response)
    assert Comment.objects.count() == 0


def test_a_ticket_is_good_for_one_comment(client, magazine):
    article = magazine.fr.article
    ticket = ticket_issued_ago(60)

    first = post_comment(client, article, text="Premier envoi", ticket=ticket)
    replays = [
        post_comment(client, article, text=f"Rejeu {number}", ticket=ticket) for number in range(3)
    ]

    assert first.status_code == 303
    assert [response.status_code for response in replays] == [200] * 3
    assert "Vérifiez votre commentaire" in page_text(replays[0])
    assert "Rejeu 0" in page_text(replays[0])  # what was typed is kept
    assert list(Comment.objects.values_list("text", flat=True)) == ["Premier envoi"]
