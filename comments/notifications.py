"""Reviewers hear of comments that wait for them.

When a reader's comment arrives, everyone who may moderate comments (and has not turned
off "submitted for moderation" notifications in their account) gets an e-mail in their
admin language: how many comments wait, the newest one, and a link to the list of
pending comments. At most one such e-mail goes out every COMMENTS_NOTIFY_SECONDS, so a
busy evening, or a flood of spam, makes one e-mail and not a hundred; the next comment
after that pause brings the count up to date.

All of it runs in the task worker: the reader who posts waits for none of it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.users.models import UserProfile

from comments.models import Comment
from core.addresses import site_address
from core.mail import language_of

MODERATE_PERMISSION = "comments.change_comment"
NOTIFIED_KEY = "comments:reviewers-notified"


def profile(user):
    """The user's Wagtail profile, or its defaults if they never saved one."""
    try:
        return user.wagtail_userprofile
    except UserProfile.DoesNotExist:
        return UserProfile(user=user)


def reviewers_to_notify():
    users = get_user_model().objects.with_perm(MODERATE_PERMISSION, include_superusers=True)
    users = users.exclude(email="").select_related("wagtail_userprofile").order_by("pk")
    return [user for user in users if profile(user).submitted_notifications]


@task()
def notify_reviewers(comment_id, address=None):
    """Tell the reviewers that a comment waits, unless they were told a moment ago.

    A comment moderated or deleted before the task runs calls for no e-mail. `address` is
    the site's address as the request that enqueued the task saw it (core.addresses).
    """
    comment = (
        Comment.objects.filter(pk=comment_id, status=Comment.Status.PENDING)
        .select_related("article")
        .first()
    )
    if comment is None or not cache.add(NOTIFIED_KEY, True, settings.COMMENTS_NOTIFY_SECONDS):
        return
    base_url = address or site_address()
    context = {
        "comment": comment,
        "article": comment.article,
        "pending": Comment.objects.filter(status=Comment.Status.PENDING).count(),
        "moderation_url": base_url
        + reverse("wagtailsnippets_comments_comment:list")
        + f"?status={Comment.Status.PENDING}",
        "comment_url": base_url
        + reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk]),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    for reviewer in reviewers_to_notify():
        with translation.override(language_of(reviewer)):
            subject = render_to_string("comments/email/pending_subject.txt", context)
            body = render_to_string("comments/email/pending.txt", context)
        send_mail(" ".join(subject.split()), body, None, [reviewer.email])
