"""Reviewers are told by e-mail that readers' comments wait for them, in their admin
language, at most once in a while; a mail server down loses no comment."""

import time

import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from comments.models import Comment
from tests.comments.conftest import post_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def post(client, article, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, article, **fields)
    assert response.status_code == 303
    return response


def test_a_new_comment_is_told_to_the_reviewers_in_their_language(
    client, magazine, reviewer, editor, django_capture_on_commit_callbacks
):
    english_reviewer = UserFactory(username="rachel", groups=["Reviewers"])
    UserProfile.objects.create(user=english_reviewer, preferred_language="en")

    post(client, magazine.fr.article, django_capture_on_commit_callbacks)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {reviewer.email, english_reviewer.email}  # Not the editor.
    french, english = by_address[reviewer.email], by_address[english_reviewer.email]
    comment = Comment.objects.get()
    assert french.subject == "[Carnet] 1 commentaire attend la modération"
    assert "Le plus récent, de Camille sur «\u00a0Pour une IA ouverte\u00a0»\u00a0:" in french.body
    assert "Un point de vue stimulant.\nMerci." in french.body
    assert f"http://testserver/admin/snippets/comments/comment/edit/{comment.pk}/" in french.body
    assert "http://testserver/admin/snippets/comments/comment/?status=pending" in french.body
    assert english.subject == "[Carnet] 1 comment awaits moderation"
    assert "The newest, from Camille on “Pour une IA ouverte”:" in english.body


def test_one_e_mail_for_comments_arriving_together(
    client, magazine, reviewer, settings, django_capture_on_commit_callbacks
):
    post(client, magazine.fr.article, django_capture_on_commit_callbacks)
    post(client, magazine.en.article, django_capture_on_commit_callbacks, author_name="Sam")

    assert len(mail.outbox) == 1
    assert Comment.objects.count() == 2


def test_the_count_is_brought_up_to_date_after_the_pause(
    client, magazine, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_SECONDS = 1
    post(client, magazine.fr.article, django_capture_on_commit_callbacks)
    post(client, magazine.fr.article, django_capture_on_commit_callbacks, author_name="Lou")
    time.sleep(1.1)
    post(client, magazine.fr.article, django_capture_on_commit_callbacks, author_name="Noé")

    assert [message.subject for message in mail.outbox] == [
        "[Carnet] 1 commentaire attend la modération",
        "[Carnet] 3 commentaires attendent la modération",
    ]
    assert "Le plus récent, de Noé" in mail.outbox[1].body


def test_reviewers_who_turned_notifications_off_are_not_told(
    client, magazine, reviewer, django_capture_on_commit_callbacks
):
    UserProfile.objects.create(user=reviewer, submitted_notifications=False)

    post(client, magazine.fr.article, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 1


def test_a_mail_server_down_loses_no_comment(
    client, magazine, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2

    response = post(client, magazine.fr.article, django_capture_on_commit_callbacks)

    assert response["Location"].endswith("?comment=pending#comments")
    assert Comment.objects.get().author_name == "Camille"


def test_robots_caught_by_the_honeypot_are_not_told(
    client, magazine, reviewer, django_capture_on_commit_callbacks
):
    post(client, magazine.fr.article, django_capture_on_commit_callbacks, website="spam.example")

    assert mail.outbox == []
