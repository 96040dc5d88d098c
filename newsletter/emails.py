"""The newsletter's e-mails: in the subscriber's language, plain text and HTML, and each
with a one-click unsubscribe link (in the body and in the List-Unsubscribe headers).

Sending one queues it (core/mail.py): the worker delivers it, and retries it if the mail
server is down, so no caller waits for the mail server or hears of its troubles.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.addresses import absolute_url
from newsletter import tokens

LINK_VIEWS = {tokens.CONFIRM: "newsletter:confirm", tokens.UNSUBSCRIBE: "newsletter:unsubscribe"}


def link_for(subscriber, purpose):
    """The signed link of `purpose` for `subscriber`, in the active language."""
    token = tokens.make_token(subscriber, purpose)
    return absolute_url(reverse(LINK_VIEWS[purpose], args=[token]))


def send_to_subscriber(subscriber, template, context=None, connection=None):
    """Queue the e-mail `newsletter/email/<template>` to the subscriber, in their language.

    Its parts are the templates `<template>_subject.txt`, `<template>.txt` and
    `<template>.html`. A mailing passes its own `connection` (see core.mail).
    """
    with translation.override(subscriber.language):
        unsubscribe_url = link_for(subscriber, tokens.UNSUBSCRIBE)
        context = {
            "subscriber": subscriber,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "unsubscribe_url": unsubscribe_url,
            **(context or {}),
        }
        prefix = f"newsletter/email/{template}"
        subject = "".join(render_to_string(f"{prefix}_subject.txt", context).splitlines())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{prefix}.txt", context),
            to=[subscriber.email],
            connection=connection,
            headers={
                # RFC 2369 and RFC 8058: mail clients offer their own one-click button.
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    message.send()


def send_confirmation(subscriber):
    with translation.override(subscriber.language):
        confirm_url = link_for(subscriber, tokens.CONFIRM)
    valid_days = max(1, round(settings.NEWSLETTER_CONFIRMATION_MAX_AGE / 86400))
    send_to_subscriber(
        subscriber, "confirm", {"confirm_url": confirm_url, "valid_days": valid_days}
    )


def send_already_subscribed(subscriber):
    send_to_subscriber(subscriber, "already_subscribed")


def send_new_unsubscribe_link(subscriber):
    send_to_subscriber(subscriber, "unsubscribe_link")
