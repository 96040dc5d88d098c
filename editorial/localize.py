"""Building blocks of the demo content: French pages, translated through wagtail-localize."""

from django.core.management.base import CommandError
from wagtail.models import DraftStateMixin, WorkflowState
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from editorial.workflow import submit_for_review


def translate_with_localize(instance, locale, translations, user=None, publish=True):
    """Translate a page or snippet into `locale` the way an editor would in wagtail-localize.

    `translations` maps every French segment of the source to its text in the target
    language; a segment without one is an error, so demo content never ships half
    translated. Returns the translated instance.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        french = segment.string.data
        if french not in translations:
            raise CommandError(f"No {locale.language_code} text for the segment {french!r}")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translations[french]},
        )
    # wagtail-localize would publish when the transaction commits, from a copy of the page
    # taken now: a parent translated in the same transaction as its children would then
    # be saved back without them (a stale `numchild`). Publish at once instead.
    has_drafts = isinstance(instance, DraftStateMixin)
    translation.save_target(user=user, publish=publish and not has_drafts)
    target = translation.get_target_instance()
    if publish and has_drafts:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target


def leave_waiting_for_review(page, user):
    """Submit `page`'s latest revision to Editorial review as `user`, unless it waits already.

    The demo leaves a page in the reviewers' queue this way, so a newcomer can approve
    it. A page without a revision gets one first. Returns the workflow state.
    """
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return state
    if page.get_latest_revision() is None:
        page.save_revision(user=user)
    return submit_for_review(page, user)
