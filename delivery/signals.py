"""Invalidate the page cache (delivery/page_cache.py) when anything a page shows changes."""

import functools

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import AbstractSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from delivery.page_cache import invalidate_all_pages
from home.models import BasePage

# Saving one of these changes what published pages show, or who may see them (a privacy
# setting on a page or a collection). Pages are not here: a page's row is saved by every
# draft, and its publication has its own signals.
SHOWN_ON_PAGES = (
    Site,
    Locale,
    AbstractSetting,
    AbstractImage,
    AbstractDocument,
    BaseViewRestriction,
)


def shown_on_pages(model):
    """Whether saving or deleting an instance of `model` changes published pages."""
    return issubclass(model, SHOWN_ON_PAGES) or model in get_snippet_models()


def invalidate_once_committed(fragments=True, **kwargs):
    """Invalidate after the commit, so no reader can cache the old content again.

    `fragments` False keeps the fragments kept per publication: the change shows only
    outside them (comments, say).
    """
    transaction.on_commit(functools.partial(invalidate_all_pages, fragments=fragments))


def shown_in_fragments(model):
    """Whether `model`'s objects may show in a page's fragments kept per publication;
    a model whose objects never do says so with `shown_in_publication_fragments`."""
    return getattr(model, "shown_in_publication_fragments", True)


def invalidate_if_shown_on_pages(sender, **kwargs):
    if shown_on_pages(sender):
        invalidate_once_committed(fragments=shown_in_fragments(sender))


def invalidate_after_publication(sender, instance, **kwargs):
    """A page's publication changes its own fragments (their key holds its publication
    time); other pages' fragments only when the page says they may show it."""
    shown_elsewhere = (
        not isinstance(instance, BasePage) or instance.shown_in_other_pages_fragments()
    )
    invalidate_once_committed(fragments=shown_elsewhere)


def connect_receivers():
    """Wire the receivers; called from HomeConfig.ready() once every model is loaded.

    `post_save` is heard for every model and filtered when it fires, since snippets are
    registered after this app is ready. `post_delete` is connected model by model, as a
    receiver for every model would turn off Django's fast bulk deletes: pages and the
    models in SHOWN_ON_PAGES here, snippets through the `after_delete_snippet` hook
    (editorial/wagtail_hooks.py), which is how editors delete them.
    """
    from django.apps import apps

    page_published.connect(invalidate_after_publication, dispatch_uid="page_cache_published")
    page_unpublished.connect(invalidate_once_committed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(invalidate_once_committed, dispatch_uid="page_cache_moved")
    post_save.connect(invalidate_if_shown_on_pages, dispatch_uid="page_cache_saved")
    for model in apps.get_models():
        if issubclass(model, (Page, *SHOWN_ON_PAGES)):
            post_delete.connect(
                invalidate_once_committed,
                sender=model,
                dispatch_uid=f"page_cache_deleted_{model._meta.label_lower}",
            )
