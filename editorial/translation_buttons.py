"""wagtail-localize's buttons in the page explorer, without up to four queries per row.

For each page it lists, wagtail-localize decides whether to offer "Translate this page"
(some language has no translation yet) and "Sync translated pages" (the page is the
source of enabled translations), with up to four queries a page: 127 of the 160
queries of a list of 50 articles. Here the explorer's own query answers both questions
for every row, through annotations, and the same buttons are built from them. A page
that comes from elsewhere, without the annotations, still goes through wagtail-localize.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page

from core.internals import replace_hook

LISTING_BUTTONS_HOOK = "register_page_listing_more_buttons"


def annotate_translation_buttons(pages):
    """`pages` with `has_locale_to_translate_to` and `synced_source_id` (the source of
    its enabled translations, or None), as wagtail-localize works them out page by page."""
    from wagtail_localize.models import TranslationSource

    translated_locales = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    synced_sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    )
    return pages.annotate(
        has_locale_to_translate_to=Exists(Locale.objects.exclude(pk__in=translated_locales)),
        synced_source_id=Subquery(synced_sources.values("pk")[:1]),
    )


def translation_buttons(page, user, view_name=None, next_url=None):
    from wagtail_localize import wagtail_hooks as localize_hooks

    if not hasattr(page, "has_locale_to_translate_to"):
        yield from localize_hooks.page_listing_more_buttons(page, user, view_name, next_url)
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if page.has_locale_to_translate_to:
        yield ListingButton(
            _("Translate this page"),
            reverse(
                "wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.pk]
            ),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    if page.synced_source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[page.synced_source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def use_translation_buttons():
    """Put `translation_buttons` in the place of wagtail-localize's listing hook, once.

    Wagtail has no public way to unregister a hook: core/internals.py edits its registry. It is
    called from the explorer's queryset hook, when every app's hooks are registered:
    importing wagtail-localize's hooks any earlier would put its admin URLs before ours,
    and its views would shadow the ones editorial/admin_views.py puts in their place.
    """
    from wagtail_localize import wagtail_hooks as localize_hooks

    replace_hook(
        LISTING_BUTTONS_HOOK, localize_hooks.page_listing_more_buttons, translation_buttons
    )
