import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from config.languages import language_choices


class Subscriber(models.Model):
    """An e-mail address that asked for the newsletter.

    Only confirmed addresses receive the digest: an address is confirmed when its owner
    follows the signed link of the confirmation e-mail (double opt-in).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=7, choices=language_choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    key = models.UUIDField(
        _("link key"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Identifies the subscriber in signed links, so links carry no address."),
    )
    created_at = models.DateTimeField(_("signed up on"), auto_now_add=True)
    consented_at = models.DateTimeField(
        _("consent given on"), help_text=_("When the reader last ticked the consent box.")
    )
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed on"), null=True, blank=True)
    notified_at = models.DateTimeField(
        _("last sign-up e-mail sent on"),
        null=True,
        blank=True,
        help_text=_("When a confirmation or a reminder was last sent, to avoid flooding."),
    )

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        permissions = [("send_digest", _("Can send the newsletter digest"))]

    def __str__(self):
        return self.email


class SentDigestItem(models.Model):
    """One page announced to one subscriber: the record that makes the digest idempotent.

    Pages are identified by their translation key, so a subscriber never receives the
    same article twice, whatever its language.
    """

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="sent_digest_items",
        verbose_name=_("subscriber"),
    )
    translation_key = models.UUIDField(_("page translation key"))
    sent_at = models.DateTimeField(_("sent on"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent digest item")
        verbose_name_plural = _("sent digest items")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "translation_key"],
                name="newsletter_one_digest_item_per_page",
            )
        ]

    def __str__(self):
        return f"{self.subscriber} · {self.translation_key}"
