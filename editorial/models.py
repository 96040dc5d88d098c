"""What the editorial workflow records beside Wagtail's and wagtail-localize's own models."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail_localize.models import Translation


class SourceTextFallback(models.Model):
    """An editor's explicit choice to show the source's text where a translation is missing.

    Without it, an incomplete translation can be neither submitted, approved nor published.
    The choice holds for the translation as it stood: a sync of its source withdraws it.
    """

    translation = models.OneToOneField(
        Translation,
        verbose_name=_("translation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chosen by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chosen_at = models.DateTimeField(_("chosen at"), auto_now=True)

    class Meta:
        verbose_name = _("source text fallback")
        verbose_name_plural = _("source text fallbacks")

    def __str__(self):
        return str(self.translation)

    @property
    def chosen_by_name(self):
        if self.chosen_by is None:
            return _("an editor")
        return self.chosen_by.get_full_name() or self.chosen_by.get_username()


def choose_source_text_fallback(translation, user, chosen):
    """Record, or withdraw, the choice to show the source's text in `translation`'s gaps."""
    if chosen:
        SourceTextFallback.objects.update_or_create(
            translation=translation, defaults={"chosen_by": user}
        )
    else:
        SourceTextFallback.objects.filter(translation=translation).delete()
