"""Admin views of the editorial workflow that Wagtail and wagtail-localize leave out."""

import contextlib

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, TaskState
from wagtail_localize.models import SourceDeletedError, Translation, TranslationLog, get_edit_url
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.update_translations import UpdateTranslationsView

from editorial.completeness import progress_of, refuse, translation_writing
from editorial.models import SourceTextFallback, choose_source_text_fallback
from editorial.translation_views import MACHINE_TRANSLATION_ERRORS, target_instance
from editorial.workflow import submit_for_review

# The checkbox of the translation editor by which an editor chooses to show the source's
# text where a translation is missing.
FALLBACK_FIELD = "source_text_fallback"


@require_POST
def submit_translation_for_review(request, translation_id):
    """Save a page's translation as a draft and submit it to its workflow.

    wagtail-localize's translation editor only offers "Publish", to those who may. This is
    what an editor does instead. The draft is built in memory and stored as a revision, so
    the live page keeps its reviewed content until a reviewer approves the new one.

    An incomplete translation is refused, unless the editor ticks the box that shows the
    source's text where a translation is missing: that choice is recorded for the reviewer.
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

    progress = progress_of(translation)
    fallback = not progress.complete and request.POST.get(FALLBACK_FIELD) == "on"
    if not (progress.complete or fallback):
        refuse(request, progress, "submit")
        return redirect("wagtailadmin_pages:edit", page.pk)

    try:
        with transaction.atomic():
            choose_source_text_fallback(translation, request.user, fallback)
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


@require_POST
def choose_fallback(request, translation_id):
    """Record, or withdraw, the choice to show the source's text where a translation is missing.

    For those who publish a translation themselves (a reviewer, or anyone for a snippet):
    editors make the choice as they submit for review.
    """
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"),
        pk=translation_id,
        enabled=True,
    )
    instance = target_instance(translation)
    if not user_can_edit_instance(request.user, instance):
        raise PermissionDenied
    chosen = request.POST.get(FALLBACK_FIELD) == "on"
    choose_source_text_fallback(translation, request.user, chosen)
    if chosen:
        messages.warning(
            request,
            _(
                "Where a translation is missing, readers will see the text in %(language)s. "
                "Reviewers are told so."
            )
            % {"language": translation.source.locale.get_display_name()},
        )
    else:
        messages.success(
            request, _("This translation will go live only once every segment is translated.")
        )
    return redirect(get_edit_url(instance))


def refuse_incomplete_publication(request, instance):
    """wagtail-localize's "Publish" of a translation, refused while segments are missing.

    Returns the response that refuses, or None to let the translation editor carry on.
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = translation_writing(instance)
    if translation is None:
        return None
    progress = progress_of(translation)
    if progress.may_go_live:
        return None
    refuse(request, progress, "publish")
    return redirect(request.get_full_path())


class CompleteTranslationWorkflowActionView(WorkflowActionView):
    """A workflow action on a page; approving an incomplete translation is refused.

    The dashboard's "Approve", with or without a comment, posts here. (The page editor of
    a synchronised translation is wagtail-localize's, which offers no workflow action:
    see refuse_incomplete_publication.)
    """

    def post(self, request, *args, **kwargs):
        if self.action_name == "approve":
            translation = translation_writing(self.object)
            progress = translation and progress_of(translation)
            if progress and not progress.may_go_live:
                refuse(request, progress, "approve")
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_json(
                        request, {"step": "success", "redirect": self.redirect_url}
                    )
                return redirect(self.redirect_url)
        response = super().post(request, *args, **kwargs)
        self.confirm(request)
        return response

    def confirm(self, request):
        """Say what the action did, on the page shown next (the dashboard, often)."""
        task_state = TaskState.objects.get(pk=self.task_state.pk)
        page = Page.objects.get(pk=self.object.pk)
        title = page.get_admin_display_title()
        if task_state.status == TaskState.STATUS_APPROVED:
            revision = page.get_latest_revision()
            go_live_at = revision and revision.approved_go_live_at
            if go_live_at:
                text = _("“%(title)s” was approved; it goes live on %(date)s.") % {
                    "title": title,
                    "date": date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT"),
                }
            elif page.live and not page.has_unpublished_changes:
                text = _("“%(title)s” was approved and is live.") % {"title": title}
            else:
                text = _("“%(title)s” was approved; it waits for the next review step.") % {
                    "title": title
                }
            messages.success(request, text)
        elif task_state.status == TaskState.STATUS_REJECTED:
            messages.success(
                request,
                _("Changes were requested on “%(title)s”; its editor is told by e-mail.")
                % {"title": title},
            )


class CarnetPageViewSet(PageViewSet):
    """Wagtail's views of every page, with approval refused to incomplete translations."""

    name = "carnet_pages"
    workflow_action_view_class = CompleteTranslationWorkflowActionView


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
    """wagtail-localize's "Sync translated pages", whose "Publish immediately" needs a reviewer
    and publishes only the translations that the sync leaves complete.

    A sync withdraws the choices to show the source's text in the translations' gaps: they
    were made for the source as it was.
    """

    template_name = "editorial/admin/update_translations.html"

    def get_form(self):
        """The form, without "Publish immediately" for those who may not publish."""
        form = super().get_form()
        if not self.user_can_publish_translations():
            del form.fields["publish_translations"]
        return form

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "may_publish": self.user_can_publish_translations(),
        }

    def form_valid(self, form):
        publish = form.cleaned_data.get("publish_translations")
        # wagtail-localize would publish every translation, the source's text in its gaps.
        form.cleaned_data["publish_translations"] = False
        response = self.sync(form)
        if response.status_code != 302:
            return response
        translations = self.object.translations.filter(enabled=True).select_related(
            "source", "source__locale", "target_locale"
        )
        SourceTextFallback.objects.filter(translation__in=translations).delete()
        if publish:
            for translation in translations:
                self.publish_if_complete(translation)
        return response

    def publish_if_complete(self, translation):
        progress = progress_of(translation)
        if not progress.complete:
            messages.warning(
                self.request,
                ngettext(
                    "The translation “%(title)s” (%(language)s) was not published: "
                    "%(count)d segment to translate. Its readers keep the reviewed version.",
                    "The translation “%(title)s” (%(language)s) was not published: "
                    "%(count)d segments to translate. Its readers keep the reviewed version.",
                    progress.missing,
                )
                % {
                    "title": translation.source.object_repr,
                    "language": translation.target_locale.get_display_name(),
                    "count": progress.missing,
                },
            )
            return
        with contextlib.suppress(ValidationError):
            translation.save_target(user=self.request.user, publish=True)

    def sync(self, form):
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
