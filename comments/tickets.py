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
"""

import time

from django.conf import settings
from django.core import signing

SALT = "comments.ticket"


class MissingTicket(Exception):
    """No ticket, or one that is forged or too old to tell anything."""


def issue_ticket():
    return signing.dumps(time.time(), salt=SALT)


def ticket_age(ticket):
    """Seconds since `ticket` was issued; MissingTicket if it cannot be trusted."""
    if not ticket:
        raise MissingTicket
    try:
        age = time.time() - float(signing.loads(ticket, salt=SALT))
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise MissingTicket from error
    if age > settings.COMMENTS_TICKET_MAX_AGE:
        raise MissingTicket
    return age
