"""Admin views of the editorial workflow that Wagtail and wagtail-localize leave out."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail_localize.models import SourceDeletedError, Translation, TranslationLog
from wagtail_localize.views.update_translations import UpdateTranslationsView

from editorial.translation_views import MACHINE_TRANSLATION_ERRORS
from editorial.workflow import submit_for_review


@require_POST
def submit_translation_for_review(request, translation_id):
    """Save a page's translation as a draft and submit it to its workflow.

    wagtail-localize's translation editor only offers "Publish", to those who may. This is
    what an editor does instead. The draft is built in memory and stored as a revision, so
    the live page keeps its reviewed content until a reviewer approves the new one.
    """
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"),
        pk=translation_id,
        enabled=True,
    )
    page = translated_page(translation)
    if page is None:
        raise Http404
    permissions = page.permissions_for_user(request.user)
    if not (permissions.can_edit() and permissions.can_submit_for_moderation()):
        raise PermissionDenied

    try:
        with transaction.atomic():
            draft = translation.source.get_ephemeral_translated_instance(
                translation.target_locale, fallback=True
            )
            # As wagtail-localize does when it saves: a translated slug may be taken.
            draft.slug = find_available_slug(
                draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.pk
            )
            revision = draft.save_revision(user=request.user, log_action=True)
            TranslationLog.objects.create(
                source=translation.source, locale=translation.target_locale, revision=revision
            )
            state = submit_for_review(draft, request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("The translation could not be submitted: %(errors)s")
            % {"errors": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _("The translation “%(title)s” (%(language)s) was submitted to %(workflow)s.")
            % {
                "language": translation.target_locale.get_display_name(),
                "title": draft.get_admin_display_title(),
                "workflow": state.workflow.name,
            },
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", refused to everyone.

    An alias in another language shows the source's text, and Wagtail publishes it again
    each time the source is published: a reviewed translation would be overwritten, and
    go live, without review. A translation stays a translation.
    """
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    messages.error(
        request,
        _(
            "A translation cannot become an alias of its source: the source’s publications "
            "would replace it without review. Sync it instead to bring in the source’s changes."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", whose "Publish immediately" needs a reviewer."""

    reviewer_only = gettext_lazy(
        "Only a reviewer can publish. Once a translation is up to date, submit it to "
        "Editorial review from its translation editor."
    )

    def get_form(self):
        form = super().get_form()
        if not self.user_can_publish_translations():
            field = form.fields["publish_translations"]
            field.disabled = True
            field.help_text = self.reviewer_only
        return form

    def form_valid(self, form):
        if not form.cleaned_data.get("use_machine_translation"):
            return super().form_valid(form)
        try:
            return super().form_valid(form)
        except MACHINE_TRANSLATION_ERRORS:
            # The sync ran in a transaction, undone with the failed machine translation.
            messages.error(
                self.request,
                _(
                    "The machine translator did not answer as expected, so nothing was synced. "
                    "Sync again without machine translation, or try again later."
                ),
            )
            return self.render_to_response(self.get_context_data())

    def user_can_publish_translations(self):
        pages = map(translated_page, self.object.translations.filter(enabled=True))
        return all(
            page.permissions_for_user(self.request.user).can_publish()
            for page in pages
            if page is not None
        )


def translated_page(translation):
    """The page a wagtail-localize translation writes to, or None (not a page, not created yet)."""
    try:
        target = translation.get_target_instance()
    except (ObjectDoesNotExist, SourceDeletedError):
        return None
    return target if isinstance(target, Page) else None
