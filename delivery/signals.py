"""The one invalidation rule: when what a page shows changes, purge what shows it.

Each change enqueues a purge (delivery/purges.py) in the transaction that makes it:

- a page published, unpublished (deleting a live page unpublishes it first) or moved:
  the tags the page names in `purge_tags()` (home/models.py BasePage; a page type that
  is shown elsewhere names the listings it enters or leaves);
- a model whose instances know where they show (`cache_purge_tags()`: authors,
  comments) saved or deleted: those tags, maybe none (a pending comment shows nowhere);
- any other snippet, a site, a locale, a site setting, an image or a document changed
  or deleted, a privacy setting added, changed or removed: `all`.

Drafts, revisions and anything else (subscribers…) purge nothing.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import AbstractSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from delivery.purges import purge_later

EVERYTHING = ["all"]
# Shown on every page or deciding who sees pages: any change purges everything.
SHOWN_EVERYWHERE = (Site, Locale, BaseViewRestriction)
# Shown where pages use them: a change or a deletion purges everything, a new one nothing
# (a new image or document is on no page yet; a site's settings row is made with its
# defaults on the first page view, which already showed them).
USED_BY_PAGES = (AbstractImage, AbstractDocument, AbstractSetting)
# What Wagtail records of a file once it reads it, which no page shows.
FILE_BOOKKEEPING = {"file_size", "file_hash"}


def page_tags(page):
    purge_tags = getattr(page.specific_deferred, "purge_tags", None)
    return purge_tags() if purge_tags is not None else EVERYTHING


def purge_page(sender, instance, **kwargs):
    purge_later(page_tags(instance))


def purge_moved_page(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if instance.live:
        purge_later(
            [*page_tags(instance), f"page-{parent_page_before.pk}", f"page-{parent_page_after.pk}"]
        )


def tags_of(instance, created=False):
    """The tags to purge when `instance` (not a page) is saved or deleted, or None."""
    model = type(instance)
    if hasattr(instance, "cache_purge_tags"):
        return instance.cache_purge_tags()
    if issubclass(model, SHOWN_EVERYWHERE):
        return EVERYTHING
    if issubclass(model, USED_BY_PAGES):
        return None if created else EVERYTHING
    if model in get_snippet_models():
        return EVERYTHING
    return None


def purge_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or isinstance(instance, Page):
        return
    if update_fields and FILE_BOOKKEEPING.issuperset(update_fields):
        return
    tags = tags_of(instance, created)
    if tags:
        purge_later(tags)


def purge_deleted(sender, instance, **kwargs):
    tags = tags_of(instance)
    if tags:
        purge_later(tags)


def connect_receivers():
    """Wire the receivers once every model is loaded (DeliveryConfig.ready()).

    `post_save` is heard for every model and filtered when it fires, as snippets are
    registered later. `post_delete` is connected model by model, since a receiver for
    every model would turn off Django's fast bulk deletes; snippets without tags of their
    own are purged after the admin deletes them (delivery/wagtail_hooks.py).
    """
    from django.apps import apps

    page_published.connect(purge_page, dispatch_uid="delivery_published")
    page_unpublished.connect(purge_page, dispatch_uid="delivery_unpublished")
    post_page_move.connect(purge_moved_page, dispatch_uid="delivery_moved")
    post_save.connect(purge_saved, dispatch_uid="delivery_saved")
    for model in apps.get_models():
        if hasattr(model, "cache_purge_tags") or issubclass(
            model, SHOWN_EVERYWHERE + USED_BY_PAGES
        ):
            post_delete.connect(
                purge_deleted, sender=model, dispatch_uid=f"delivery_deleted_{model.__name__}"
            )
