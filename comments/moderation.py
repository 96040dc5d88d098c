"""Changing what readers see of comments, and keeping cached pages in step.

A comment saved one by one (posted, or edited in the admin) is a snippet: delivery/signals.py
invalidates the page cache on every snippet save, and after the admin deletes snippets.
Bulk moderation updates rows without saving them one by one, so it invalidates itself.
"""

from comments.models import Comment
from delivery.signals import invalidate_once_committed
from home.prepared import PreparedQuery


def set_status(comments, status):
    """Give `comments` (a queryset) the moderation `status`; how many changed."""
    changed = comments.exclude(status=status).update(status=status)
    if changed:
        invalidate_once_committed(fragments=False)
    return changed


def approved_comments_query(article):
    """The approved comments of the article `article` (an id), oldest first."""
    return (
        Comment.objects.filter(article_id=article, status=Comment.Status.APPROVED)
        .only("pk", "parent_id", "author_name", "text", "created_at")
        .order_by("created_at", "pk")
    )


APPROVED_COMMENTS = PreparedQuery(approved_comments_query, article=int)


def shown_comments(article):
    """The approved comments of `article`, oldest first, each with its approved replies
    in `shown_replies`; and how many comments that makes in all. One query.

    A reply whose parent is not approved is not shown: it would answer nothing visible.
    """
    approved = APPROVED_COMMENTS(article=article.pk)
    threads = {comment.pk: comment for comment in approved if comment.parent_id is None}
    for comment in threads.values():
        comment.shown_replies = []
    count = len(threads)
    for comment in approved:
        if comment.parent_id in threads:
            threads[comment.parent_id].shown_replies.append(comment)
            count += 1
    return list(threads.values()), count
