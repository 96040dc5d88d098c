"""E-mails leave through the task queue and its real worker, never from the request.

These tests switch the tasks to the database backend, as on the site, and run
`manage.py db_worker` itself: until it runs, an action has written a task and sent nothing.
"""

import json
import logging
import socket
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from home.models import HomePage
from newsletter.digest import send_digest
from newsletter.models import SentDigestItem, Subscriber
from tests.comments.conftest import post_comment
from tests.editorial_admin import as_user, mails_to, submit
from tests.factories import HomePageFactory, SubscriberFactory
from tests.newsletter.helpers import sign_up

pytestmark = pytest.mark.django_db(transaction=True)

DELIVER = "core.mail.deliver_email"
NOTIFY = "comments.notifications.notify_reviewers"


@pytest.fixture(autouse=True)
def fresh_cache(empty_cache):
    """Rate limits and the reviewers' pause live in the cache: each test starts afresh."""


def use_the_task_queue(settings):
    """From here on, tasks wait in the database for the worker, as on the site."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_the_worker():
    """The real worker, until nothing is ready to run."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def e_mail_tasks(status=None):
    tasks = DBTaskResult.objects.filter(task_path=DELIVER).order_by("enqueued_at")
    return list(tasks.filter(status=status) if status else tasks)


@pytest.fixture
def unreachable_mail_server(settings):
    """Django's real SMTP backend as the worker's, aimed at a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


def test_a_sign_up_is_thanked_at_once_and_its_e_mail_leaves_with_the_worker(client, settings):
    use_the_task_queue(settings)

    response = sign_up(client, "en", email="ana@example.com")

    assert response.status_code == 302
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert [task.status for task in e_mail_tasks()] == [TaskResultStatus.READY]
    assert mail.outbox == []

    run_the_worker()

    [message] = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.subject == "Confirm your subscription to Carnet"
    assert [task.status for task in e_mail_tasks()] == [TaskResultStatus.SUCCESSFUL]


def test_the_reviewers_hear_of_a_pending_comment_through_the_worker(
    client, magazine, reviewer, settings
):
    use_the_task_queue(settings)

    response = post_comment(client, magazine.fr.article)

    assert response.status_code == 303
    assert DBTaskResult.objects.filter(task_path=NOTIFY, status=TaskResultStatus.READY).exists()
    assert mail.outbox == []

    run_the_worker()

    [message] = mails_to(reviewer)
    assert message.subject == "[Carnet] 1 commentaire attend la modération"


def test_a_page_submitted_for_review_tells_the_reviewers_through_the_worker(
    client, homes, editor, reviewer, settings
):
    home_fr, _home_en = homes
    draft = HomePageFactory(
        parent=home_fr, title="Brouillon", slug="brouillon", live=False, owner=editor
    )
    use_the_task_queue(settings)

    submit(as_user(client, editor), draft)

    assert e_mail_tasks(TaskResultStatus.READY)
    assert mail.outbox == []

    run_the_worker()

    [told_reviewer] = mails_to(reviewer)
    assert "Brouillon" in told_reviewer.subject


def test_a_password_reset_e_mail_leaves_with_the_worker(client, editor, settings):
    use_the_task_queue(settings)

    response = client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email})

    assert response.status_code == 302
    assert mail.outbox == []

    run_the_worker()

    [message] = mail.outbox
    assert message.to == [editor.email]
    assert "/admin/password_reset/confirm/" in message.body


def test_an_e_mail_refused_at_first_is_tried_again_later_and_delivered(
    client, settings, unreachable_mail_server
):
    use_the_task_queue(settings)
    settings.QUEUED_EMAIL_RETRY_DELAYS = [3600]
    sign_up(client, "fr", email="ana@example.com")

    run_the_worker()

    assert mail.outbox == []
    first, retry = e_mail_tasks()
    assert first.status == TaskResultStatus.SUCCESSFUL
    assert first.return_value["sent"] is False
    assert retry.status == TaskResultStatus.READY
    assert timedelta(minutes=59) < retry.run_after - timezone.now() <= timedelta(hours=1)

    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_the_worker()
    assert mail.outbox == [], "the retry waits for its time"

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # an hour later
    run_the_worker()

    [message] = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.subject == "Confirmez votre abonnement à Carnet"
    assert e_mail_tasks(TaskResultStatus.READY) == []


def test_an_e_mail_that_every_attempt_fails_is_logged_kept_and_can_be_sent_again(
    client, settings, unreachable_mail_server, caplog
):
    use_the_task_queue(settings)
    settings.QUEUED_EMAIL_RETRY_DELAYS = []
    sign_up(client, "en", email="ana@example.com")

    with caplog.at_level(logging.ERROR, logger="core.mail"):
        run_the_worker()

    assert mail.outbox == []
    [task] = e_mail_tasks()
    assert task.status == TaskResultStatus.FAILED
    assert "Confirm your subscription to Carnet" in json.dumps(task.args_kwargs)
    assert "Gave up sending the e-mail 'Confirm your subscription to Carnet'" in caplog.text

    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("resend_failed_emails", stdout=out)
    run_the_worker()

    assert "Queued 1 e-mail(s) again." in out.getvalue()
    [message] = mail.outbox
    assert message.subject == "Confirm your subscription to Carnet"
    assert e_mail_tasks(TaskResultStatus.FAILED) == []


@pytest.fixture
def one_article_to_announce(homes, settings):
    settings.NEWSLETTER_DIGEST_PAGE_MODEL = "home.HomePage"
    HomePage.objects.update(first_published_at=timezone.now() - timedelta(days=400))
    home_fr, _home_en = homes
    article = HomePageFactory(parent=home_fr, title="Le sommet", slug="sommet")
    Page.objects.filter(pk=article.pk).update(first_published_at=timezone.now())
    return SubscriberFactory(email="ana@example.com", language="fr")


def test_the_digest_runs_in_the_worker_and_reaches_each_subscriber_once(
    one_article_to_announce, settings
):
    use_the_task_queue(settings)

    send_digest.enqueue()
    send_digest.enqueue()  # a second click, or the task run again

    assert mail.outbox == []

    run_the_worker()

    [message] = mail.outbox
    assert message.to == ["ana@example.com"]
    assert "Le sommet" in message.body
    assert SentDigestItem.objects.count() == 1


def test_a_reader_s_confirmation_passes_before_the_digest_e_mails(
    client, one_article_to_announce, settings
):
    SubscriberFactory.create_batch(3, language="fr")
    use_the_task_queue(settings)

    send_digest.enqueue()
    sign_up(client, "fr", email="new@example.com")
    run_the_worker()

    assert len(mail.outbox) == 5
    assert mail.outbox[0].to == ["new@example.com"]


def test_a_queued_message_arrives_whole(settings):
    use_the_task_queue(settings)
    message = EmailMultiAlternatives(
        subject="Relecture",
        body="Texte brut",
        to=["ana@example.com"],
        cc=["bob@example.com"],
        reply_to=["redaction@example.com"],
        headers={"List-Unsubscribe": "<http://testserver/u/>"},
    )
    message.attach_alternative("<p>Texte riche</p>", "text/html")
    message.attach("note.txt", "Une note", "text/plain")
    message.attach("logo.png", b"\x89PNG\x00\xff", "image/png")

    assert message.send() == 1
    run_the_worker()

    [received] = mail.outbox
    assert (received.subject, received.body) == ("Relecture", "Texte brut")
    assert (received.to, received.cc, received.reply_to) == (
        ["ana@example.com"],
        ["bob@example.com"],
        ["redaction@example.com"],
    )
    assert received.extra_headers["List-Unsubscribe"] == "<http://testserver/u/>"
    assert received.extra_headers["Message-ID"].endswith(">")
    assert received.alternatives == [("<p>Texte riche</p>", "text/html")]
    assert [tuple(attachment) for attachment in received.attachments] == [
        ("note.txt", "Une note", "text/plain"),
        ("logo.png", b"\x89PNG\x00\xff", "image/png"),
    ]
