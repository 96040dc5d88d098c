import time

import pytest
from django.urls import reverse
from django.utils import translation

from comments.tickets import issue_ticket

SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture(autouse=True)
def fresh_cache(empty_cache):
    """Each test starts with an empty cache: the reviewers' notification pause lives there."""


def ticket_issued_ago(seconds):
    """A genuine ticket, as if its form had been handed out `seconds` ago."""
    return issue_ticket(issued_at=time.time() - seconds)


def comment_data(**fields):
    """What a reader sends, with a form handed out a minute ago."""
    data = {
        "author_name": "Camille",
        "author_email": "camille@example.com",
        "text": "Un point de vue stimulant.\nMerci.",
        "ticket": ticket_issued_ago(60),
    }
    data.update(fields)
    return data


def comment_url(article):
    with translation.override(article.locale.language_code):
        return reverse("comments:post", args=[article.pk])


def post_comment(client, article, headers=SAME_ORIGIN, **fields):
    return client.post(comment_url(article), comment_data(**fields), **headers)
