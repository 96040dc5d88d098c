"""Admin hooks: the editorial workflow's views and the page cache's invalidation."""

from django.urls import path
from wagtail import hooks

from home import admin_views
from home.signals import invalidate_once_committed


@hooks.register("register_admin_urls")
def register_editorial_urls():
    """Carnet's own workflow view, and two wagtail-localize views made to respect review.

    Hooks of apps listed earlier in INSTALLED_APPS come first in the admin's URLs, so
    these paths, the same as wagtail-localize's, answer in place of its views.
    """
    return [
        path(
            "localize/translate/<int:translation_id>/submit-for-review/",
            admin_views.submit_translation_for_review,
            name="carnet_submit_translation_for_review",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            admin_views.ReviewedUpdateTranslationsView.as_view(),
            name="carnet_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            admin_views.convert_to_alias,
            name="carnet_convert_to_alias",
        ),
    ]


@hooks.register("after_delete_snippet")
def invalidate_page_cache_after_snippet_deletion(request, instances):
    """Deleted snippets (authors, topics…) disappear from cached pages at once."""
    invalidate_once_committed()
