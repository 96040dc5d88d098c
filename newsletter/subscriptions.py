"""What happens to a subscription when a reader signs up, confirms or unsubscribes."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsletter import emails
from newsletter.models import Subscriber


def normalise_email(email):
    """One address, one subscriber: addresses are compared without case or spaces."""
    return email.strip().lower()


def _recently_notified(subscriber, now):
    interval = timedelta(seconds=settings.NEWSLETTER_RESEND_INTERVAL)
    return subscriber.notified_at is not None and now - subscriber.notified_at < interval


def sign_up(email, language):
    """Record a sign-up and queue the e-mail it calls for, in one transaction.

    A new, pending or unsubscribed address (back to pending) gets a confirmation link in
    `language`; an address already confirmed gets a short reminder that it is subscribed,
    in its own language. Either way the reader sees the same answer, so the form never
    tells whether an address is subscribed. One address receives at most one such e-mail
    per NEWSLETTER_RESEND_INTERVAL, however often it is typed in.

    The e-mail is a task written with the subscriber's row: the worker sends it, and
    keeps trying while the mail server is down, so a sign-up is never lost to it.
    """
    now = timezone.now()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=normalise_email(email), defaults={"language": language, "consented_at": now}
        )
        if subscriber.status == Subscriber.Status.CONFIRMED:
            send = emails.send_already_subscribed
        else:
            send = emails.send_confirmation
            subscriber.status = Subscriber.Status.PENDING
            subscriber.language = language
            subscriber.consented_at = now
        if not _recently_notified(subscriber, now):
            send(subscriber)
            subscriber.notified_at = now
        subscriber.save()
    return subscriber


def confirm(subscriber):
    """Confirm a pending subscription: its owner followed the link of the e-mail."""
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])


def unsubscribe(subscriber):
    """Stop every e-mail to this address until it signs up again. Idempotent."""
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])


def send_new_unsubscribe_link(subscriber):
    """Mail a fresh unsubscribe link, unless an e-mail of this kind went out very recently."""
    now = timezone.now()
    if _recently_notified(subscriber, now):
        return
    emails.send_new_unsubscribe_link(subscriber)
    subscriber.notified_at = now
    subscriber.save(update_fields=["notified_at"])
