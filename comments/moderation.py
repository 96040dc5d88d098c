"""Changing what readers see of comments, and purging the pages that show them.

A comment shows only on its article, once approved: the article's responses carry the
cache tag `comments-<article id>`. A comment saved or deleted one by one says what to
purge with `Comment.cache_purge_tags` (heard by delivery/signals.py); bulk moderation
updates rows without saving them one by one, so it purges by itself. A pending comment
purges nothing.
"""

from django.db import transaction

from comments.models import Comment
from delivery.purges import purge_later


def comments_tag(article_id):
    return f"comments-{article_id}"


def set_status(comments, status):
    """Give `comments` (a queryset) the moderation `status`; how many changed.

    The articles whose approved comments change are purged in the same transaction.
    """
    with transaction.atomic():
        changing = comments.exclude(status=status)
        if status != Comment.Status.APPROVED:
            shown = changing.filter(status=Comment.Status.APPROVED)
        else:
            shown = changing
        articles = set(shown.values_list("article_id", flat=True))
        changed = changing.update(status=status)
        purge_later(comments_tag(article) for article in articles)
    return changed


def shown_comments(article):
    """The approved comments of `article`, oldest first, each with its approved replies
    in `shown_replies`; and how many comments that makes in all. One query.

    A reply whose parent is not approved is not shown: it would answer nothing visible.
    """
    approved = list(
        Comment.objects.filter(article_id=article.pk, status=Comment.Status.APPROVED)
        .only("pk", "parent_id", "author_name", "text", "created_at")
        .order_by("created_at", "pk")
    )
    threads = {comment.pk: comment for comment in approved if comment.parent_id is None}
    for comment in threads.values():
        comment.shown_replies = []
    count = len(threads)
    for comment in approved:
        if comment.parent_id in threads:
            threads[comment.parent_id].shown_replies.append(comment)
            count += 1
    return list(threads.values()), count
