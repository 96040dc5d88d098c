"""The comment section an article's template shows: `{% comment_section page %}`."""

from django import template

from comments.forms import CommentForm
from comments.moderation import shown_comments

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The approved comments of `article` with their replies, and the comment form."""
    comments, count = shown_comments(article)
    return {
        "request": context.get("request"),
        "page": article,
        "comments": comments,
        "comment_count": count,
        "comment_form": CommentForm(article=article),
    }
