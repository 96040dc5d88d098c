"""The digest: the latest articles, mailed to confirmed subscribers in their language.

Each page a subscriber is told about is recorded (SentDigestItem), and the record is
written in the same transaction as the subscriber's queued e-mail, under a unique
constraint: however often the digest runs, even twice at once or retried, no subscriber
hears of a page twice, and none is recorded without an e-mail on its way.

The admin's button enqueues the `send_digest` task; the `send_digest` command runs it
where it stands (cron). Either way each e-mail is a task of its own (core/mail.py), queued
behind the e-mails that a reader is waiting for.
"""

import html
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django_tasks import task

from core.addresses import page_address
from core.mail import BULK_PRIORITY
from newsletter import emails
from newsletter.models import SentDigestItem, Subscriber

logger = logging.getLogger(__name__)

SUMMARY_WORDS = 40


def digest_page_model():
    """The page model named by NEWSLETTER_DIGEST_PAGE_MODEL ("app_label.ModelName")."""
    name = settings.NEWSLETTER_DIGEST_PAGE_MODEL
    try:
        return apps.get_model(name)
    except (LookupError, ValueError) as error:
        raise ImproperlyConfigured(
            f"NEWSLETTER_DIGEST_PAGE_MODEL is {name!r}, which is not an installed page model."
        ) from error


def digest_pages(language_code, since):
    """The pages a digest announces: live and public, in one language, newest first."""
    return (
        digest_page_model()
        .objects.live()
        .public()
        .filter(locale__language_code=language_code, first_published_at__gte=since)
        .order_by("-first_published_at")
    )


@dataclass(frozen=True)
class DigestItem:
    translation_key: object
    title: str
    url: str
    summary: str


@dataclass
class PlannedDigest:
    """The e-mail one subscriber is due: the pages they have not been told about yet."""

    subscriber: Subscriber
    items: list


def _summary(page):
    text = page.search_description or strip_tags(str(getattr(page, "intro", "") or ""))
    return Truncator(html.unescape(" ".join(text.split()))).words(SUMMARY_WORDS)


def plan_digests(now=None):
    """Who would receive what if the digest went out now; nothing is sent or recorded.

    Queries per language, not per subscriber: the pages, then what was already sent.
    """
    digest_page_model()  # a misconfigured model is reported even with no subscriber yet
    now = now or timezone.now()
    since = now - timedelta(days=settings.NEWSLETTER_DIGEST_LOOKBACK_DAYS)
    subscribers = list(
        Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).order_by("email")
    )
    plans = []
    for language_code in sorted({subscriber.language for subscriber in subscribers}):
        items = [
            DigestItem(page.translation_key, page.title, url, _summary(page))
            for page in digest_pages(language_code, since)
            if (url := page_address(page))
        ]
        if not items:
            continue
        already_sent = set(
            SentDigestItem.objects.filter(
                subscriber__status=Subscriber.Status.CONFIRMED,
                subscriber__language=language_code,
                translation_key__in=[item.translation_key for item in items],
            ).values_list("subscriber_id", "translation_key")
        )
        for subscriber in subscribers:
            if subscriber.language != language_code:
                continue
            due = [
                item for item in items if (subscriber.pk, item.translation_key) not in already_sent
            ]
            if due:
                plans.append(PlannedDigest(subscriber, due))
    return plans


def send_digests(plans):
    """Queue the planned digests; returns how many e-mails were queued.

    A subscriber who unsubscribed meanwhile, or whose pages another run has just
    recorded, is skipped.
    """
    connection = get_connection(priority=BULK_PRIORITY)
    queued = 0
    for plan in plans:
        try:
            with transaction.atomic():
                still_confirmed = (
                    Subscriber.objects.select_for_update()
                    .filter(pk=plan.subscriber.pk, status=Subscriber.Status.CONFIRMED)
                    .exists()
                )
                if not still_confirmed:
                    continue
                SentDigestItem.objects.bulk_create(
                    SentDigestItem(
                        subscriber=plan.subscriber, translation_key=item.translation_key
                    )
                    for item in plan.items
                )
                emails.send_to_subscriber(
                    plan.subscriber, "digest", {"items": plan.items}, connection=connection
                )
        except IntegrityError:
            logger.info("Digest for subscriber %s already sent by another run", plan.subscriber.pk)
        else:
            queued += 1
    return queued


@task()
def send_digest():
    """Plan the digest now and queue its e-mails; safe to run again or twice at once."""
    plans = plan_digests()
    return {"planned": len(plans), "queued": send_digests(plans)}
