"""Signed, expiring links: the proof that whoever follows them reads the subscriber's mail.

A token carries the subscriber's random key (never the address), signed with the site's
secret key and a salt per purpose, so a confirmation token cannot serve to unsubscribe
and the other way round.
"""

from django.conf import settings
from django.core import signing

CONFIRM = "newsletter.confirm"
UNSUBSCRIBE = "newsletter.unsubscribe"

MAX_AGE_SETTINGS = {
    CONFIRM: "NEWSLETTER_CONFIRMATION_MAX_AGE",
    UNSUBSCRIBE: "NEWSLETTER_UNSUBSCRIBE_MAX_AGE",
}


class ExpiredLink(Exception):
    """The token is authentic but too old; `key` still names the subscriber it was for."""

    def __init__(self, key):
        super().__init__(key)
        self.key = key


def make_token(subscriber, purpose):
    return signing.dumps(subscriber.key.hex, salt=purpose)


def read_token(token, purpose):
    """The subscriber key in `token`.

    Raises signing.BadSignature when the token was altered or made for another purpose,
    and ExpiredLink when it is older than the purpose's maximum age.
    """
    max_age = getattr(settings, MAX_AGE_SETTINGS[purpose])
    try:
        return signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredLink(signing.loads(token, salt=purpose)) from None
