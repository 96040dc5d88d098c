"""Small helpers shared by the newsletter tests."""

import re
import time

from django.core.signing import TimestampSigner, b62_encode
from django.urls import reverse
from django.utils import translation

SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
FRAGMENT = {"HTTP_X_REQUESTED_WITH": "fetch"}
NBSP = "\u00a0"


def url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


def sign_up(client, language="fr", headers=SAME_ORIGIN, **fields):
    data = {"email": "ana@example.com", "consent": "on", "next": f"/{language}/"}
    data.update(fields)
    return client.post(url("newsletter:subscribe", language), data, **headers)


def links_in(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def link_path(message, fragment):
    """The path of the one link of the message's text that contains `fragment`."""
    (link,) = {link for link in links_in(message.body) if fragment in link}
    return link.removeprefix("http://testserver")


def html_of(message):
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def token_signed_ago(subscriber, purpose, seconds):
    """A genuine token for `subscriber`, as if it had been signed `seconds` ago."""

    class PastSigner(TimestampSigner):
        def timestamp(self):
            return b62_encode(int(time.time() - seconds))

    return PastSigner(salt=purpose).sign_object(subscriber.key.hex)
