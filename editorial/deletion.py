"""Deleting a live page is for superusers only.

Wagtail lets anyone who may edit and publish a page delete it, live or not: Reviewers
could erase a published article and its history for good. Reviewers unpublish instead;
drafts that never went live may still be deleted by whoever may edit them.
"""

from django.shortcuts import redirect
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.models import Page


def may_delete_live_pages(user):
    return user.is_superuser


def holds_live_pages(pages):
    """Whether any of `pages`, or any page under them, is live."""
    return any(page.get_descendants(inclusive=True).live().exists() for page in pages)


def refuse(request, page, count=1):
    messages.error(
        request,
        ngettext(
            "A live page cannot be deleted: unpublish it first, or ask an administrator.",
            "Live pages cannot be deleted: unpublish them first, or ask an administrator.",
            count,
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk if page.depth > 1 else page.pk)


def refuse_deleting_a_live_page(request, page):
    """`before_delete_page`: the delete view answers with a message instead."""
    if not may_delete_live_pages(request.user) and holds_live_pages([page]):
        return refuse(request, page)
    return None


def refuse_deleting_live_pages_in_bulk(request, action_type, objects, action):
    """`before_bulk_action`: the bulk delete of pages refuses a selection holding live ones."""
    pages = [item for item in objects if isinstance(item, Page)]
    if action_type != "delete" or not pages or may_delete_live_pages(request.user):
        return None
    if holds_live_pages(pages):
        return refuse(request, pages[0], count=len(pages))
    return None
