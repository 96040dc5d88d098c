"""What an import remembers, so that importing the same blog again updates instead of
duplicating: the page each post became, and the image each address gave."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedPost(models.Model):
    """The page a post of an export became, and what the post looked like then."""

    source_key = models.CharField(
        _("identifier in the source"),
        max_length=64,
        unique=True,
        help_text=_("A digest of the post’s identifier in its export (GUID or id)."),
    )
    source_id = models.TextField(_("post in the source"))
    translation_group = models.CharField(
        _("translation group"), max_length=255, blank=True, db_index=True
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported post")
        verbose_name_plural = _("imported posts")

    def __str__(self):
        return self.source_id


class ImportedImage(models.Model):
    """The Wagtail image made from an address found in an export."""

    address_key = models.CharField(_("address digest"), max_length=64, unique=True)
    address = models.TextField(_("address"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("imported image")
        verbose_name_plural = _("imported images")

    def __str__(self):
        return self.address
