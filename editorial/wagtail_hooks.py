"""Admin hooks: the editorial and translation workflows' views."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from editorial import admin_views, deletion, submit_translations, translation_views
from editorial.completeness import progress_of, refuse, translation_writing
from editorial.review_panel import TranslationsInReviewPanel
from editorial.translation_buttons import annotate_translation_buttons, use_translation_buttons


@hooks.register("register_admin_urls")
def register_editorial_urls():
    """Carnet's own views, and wagtail-localize views made to respect review or refuse bad input.

    Hooks of apps listed earlier in INSTALLED_APPS come first in the admin's URLs, so
    the paths that are the same as wagtail-localize's answer in place of its views.
    """
    return [
        path(
            "localize/translate/<int:translation_id>/submit-for-review/",
            admin_views.submit_translation_for_review,
            name="carnet_submit_translation_for_review",
        ),
        path(
            "localize/translate/<int:translation_id>/source-text-fallback/",
            admin_views.choose_fallback,
            name="carnet_choose_source_text_fallback",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            submit_translations.PageTranslationView.as_view(),
            name="carnet_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            submit_translations.SnippetTranslationView.as_view(),
            name="carnet_submit_snippet_translation",
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
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            translation_views.upload_pofile,
            name="carnet_upload_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            translation_views.machine_translate,
            name="carnet_machine_translate",
        ),
        path(
            "reports/translation-status/",
            translation_views.TranslationStatusView.as_view(),
            name="carnet_translation_status",
        ),
        path(
            "reports/translation-status/results/",
            translation_views.TranslationStatusView.as_view(results_only=True),
            name="carnet_translation_status_results",
        ),
    ]


class TranslatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return translation_views.can_translate(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslatorsMenuItem(
        _("Translation status"),
        reverse("carnet_translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=8900,
    )


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias(menu_items, request, context):
    """Carnet keeps every translation a translation: see admin_views.convert_to_alias."""
    menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


@hooks.register("construct_explorer_page_queryset")
def answer_translation_buttons_in_the_listing_query(parent_page, pages, request):
    use_translation_buttons()
    return annotate_translation_buttons(pages)


@hooks.register("register_admin_viewset")
def register_page_viewset():
    """Registered after Wagtail's own viewset of pages, which it replaces."""
    return admin_views.CarnetPageViewSet()


@hooks.register("before_edit_page")
def refuse_publishing_an_incomplete_page_translation(request, page):
    """Runs before wagtail-localize's hook (editorial comes first in INSTALLED_APPS)."""
    return admin_views.refuse_incomplete_publication(request, page)


@hooks.register("before_edit_snippet")
def refuse_publishing_an_incomplete_snippet_translation(request, instance):
    return admin_views.refuse_incomplete_publication(request, instance)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_incomplete_translations(request, action_type, objects, action):
    if action_type != "publish":
        return None
    for instance in objects:
        translation = translation_writing(instance)
        progress = translation and progress_of(translation)
        if progress and not progress.may_go_live:
            refuse(request, progress, "publish")
            return redirect(action.next_url)
    return None


@hooks.register("construct_homepage_panels")
def show_translations_in_review(request, panels):
    """Beside "Awaiting your review": how far each translation waiting for review is translated."""
    panels.append(TranslationsInReviewPanel())


hooks.register("before_delete_page", deletion.refuse_deleting_a_live_page)
hooks.register("before_bulk_action", deletion.refuse_deleting_live_pages_in_bulk)
