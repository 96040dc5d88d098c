from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitEvent(models.Model):
    """One counted action (a comment, a sign-up, a failed login) of one client.

    Kept in the database, so limits hold on every app server and whether or not the
    cache is up; rows older than their window are deleted as new ones come.
    """

    scope = models.CharField(_("scope"), max_length=60)
    client = models.CharField(_("client"), max_length=64)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)

    class Meta:
        verbose_name = _("rate limit event")
        verbose_name_plural = _("rate limit events")
        indexes = [models.Index(fields=["scope", "client", "occurred_at"])]

    def __str__(self):
        return f"{self.scope} {self.occurred_at:%Y-%m-%d %H:%M:%S}"
