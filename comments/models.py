from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

NAME_MAX_LENGTH = 80
TEXT_MAX_LENGTH = 5000


class Comment(models.Model):
    """A reader's comment under one article translation, shown once a reviewer approves it.

    A reply names the comment it answers (`parent`); replies are one level deep, so a
    parent is always a top-level comment (see comments.forms.CommentForm).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author_name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    author_email = models.EmailField(_("e-mail address"), blank=True)
    text = models.TextField(_("comment"), max_length=TEXT_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    panels = [
        FieldPanel("status"),
        FieldPanel("author_name", read_only=True),
        FieldPanel("author_email", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("article", read_only=True),
        FieldPanel("parent", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["article", "status"])]

    def __str__(self):
        return f"{self.author_name}: {self.excerpt}"

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        # The status readers see until this comment is saved again.
        comment.published_status = comment.__dict__.get("status")
        return comment

    def cache_purge_tags(self):
        """A comment shows on its article only while approved: purge the article's
        comments when it is, or may have been until now (any moderation decision: the
        status this instance was loaded with may be older than the database's); a
        pending comment that was not approved when loaded purges nothing."""
        pending, approved = Comment.Status.PENDING, Comment.Status.APPROVED
        if self.status == pending and getattr(self, "published_status", None) != approved:
            return []
        return [f"comments-{self.article_id}"]

    @property
    def excerpt(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 60 else f"{text[:59]}…"

    @property
    def anchor(self):
        return f"comment-{self.pk}"


class UsedTicket(models.Model):
    """A comment form's ticket that a comment was sent with (comments/tickets.py)."""

    nonce = models.CharField(_("ticket"), max_length=64, unique=True)
    used_at = models.DateTimeField(_("used at"), db_index=True)

    class Meta:
        verbose_name = _("used comment ticket")
        verbose_name_plural = _("used comment tickets")

    def __str__(self):
        return self.nonce
