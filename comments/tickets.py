"""Signed tickets that say when a comment form was handed out.

Robots post a form the moment they fetch it; people take at least a few seconds to write.
A ticket is the signed time a form was handed out; a comment sent with a ticket younger
than COMMENTS_MIN_SECONDS is refused (its text kept).

The article page, where the form stands, is served from the page cache: a time written
into its HTML would be the time it was cached. So the form there carries no ticket; the
page's script (comments/static/comments/comments.js) asks the uncached `ticket` view for
one when the page loads. Without the script, the comment arrives without a ticket and the
server answers with an uncached page holding the form as typed and a fresh ticket, asking
the reader to confirm: one more click, nothing lost.

A ticket is good for one comment: the first comment sent with it uses it up
(`use_ticket`), and a replay of the same form is answered like a form without a ticket.
"""

import datetime
import secrets
import time

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from comments.models import UsedTicket

SALT = "comments.ticket"


class MissingTicket(Exception):
    """No ticket, or one that is forged, too old to tell anything, or already used."""


def issue_ticket(issued_at=None):
    """A signed ticket: when the form was handed out, and a number of its own."""
    issued_at = time.time() if issued_at is None else issued_at
    return signing.dumps({"issued": issued_at, "nonce": secrets.token_hex(16)}, salt=SALT)


def read_ticket(ticket):
    """The ticket's (age in seconds, nonce); MissingTicket if it cannot be trusted."""
    if not ticket:
        raise MissingTicket
    try:
        content = signing.loads(ticket, salt=SALT)
        age = time.time() - float(content["issued"])
        nonce = str(content["nonce"])
    except (signing.BadSignature, TypeError, ValueError, KeyError) as error:
        raise MissingTicket from error
    if age > settings.COMMENTS_TICKET_MAX_AGE:
        raise MissingTicket
    return age, nonce


def use_ticket(nonce):
    """Use the ticket up; MissingTicket if a comment was already sent with it.

    Uses older than a ticket's life are forgotten on the way: such tickets are refused
    for their age anyway.
    """
    oldest = timezone.now() - datetime.timedelta(seconds=settings.COMMENTS_TICKET_MAX_AGE)
    UsedTicket.objects.filter(used_at__lt=oldest).delete()
    try:
        with transaction.atomic():
            UsedTicket.objects.create(nonce=nonce, used_at=timezone.now())
    except IntegrityError as error:
        raise MissingTicket from error
