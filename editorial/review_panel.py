"""The reviewer's dashboard panel: each translation awaiting their review, and its progress."""

from django.conf import settings
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from editorial.completeness import editor_url, progress_of, translation_writing


class TranslationsInReviewPanel(Component):
    """Placed after Wagtail's "Awaiting your review", which lists the same task states."""

    name = "carnet_translations_in_review"
    template_name = "editorial/admin/translations_in_review_panel.html"
    order = 221

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context["translations"] = []
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context
        states = (
            TaskState.objects.reviewable_by(request.user)
            .select_related("revision")
            .prefetch_related("revision__content_object")
            .order_by("-started_at")
        )
        for state in states:
            obj = state.revision.content_object
            translation = obj and translation_writing(obj)
            if translation is None:
                continue
            context["translations"].append(
                {
                    "title": obj.get_admin_display_title()
                    if hasattr(obj, "get_admin_display_title")
                    else str(obj),
                    "language": translation.target_locale.get_display_name(),
                    "edit_url": editor_url(translation),
                    "progress": progress_of(translation),
                }
            )
        return context
