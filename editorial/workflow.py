"""The editorial workflow: Editors submit, Reviewers approve, nothing goes live unreviewed.

The groups, their permissions and the workflow are created by
home/migrations/0002_editorial_roles.py; this module names them and holds the behaviour
the admin needs around them.
"""

from django.conf import settings
from django.db.models.signals import post_init, post_save, pre_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop
from wagtail.models import GroupApprovalTask, Task, TaskState, Workflow, WorkflowState
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

EDITORS = "Editors"
REVIEWERS = "Reviewers"

# The workflow and its task are rows in the database, stored under these English names
# and shown in the language of whoever reads the admin or a notification e-mail.
EDITORIAL_REVIEW = gettext_noop("Editorial review")
REVIEWER_APPROVAL = gettext_noop("Reviewer approval")
TRANSLATED_NAMES = (EDITORIAL_REVIEW, REVIEWER_APPROVAL)


def submit_for_review(page, user):
    """Submit the page's latest revision to its workflow, as the editor's "Submit" does.

    A page sent back for changes resumes the workflow it was in; any other page starts
    a new one. Returns the workflow state.
    """
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    return page.get_workflow().start(page, user)


@receiver(post_init, sender=Workflow)
@receiver(post_init, sender=Task)
@receiver(post_init, sender=GroupApprovalTask)
@receiver(post_save, sender=Workflow)
@receiver(post_save, sender=Task)
@receiver(post_save, sender=GroupApprovalTask)
def translate_name(sender, instance, **kwargs):
    # Only a loaded name: reading a deferred field here would cost a query per row.
    if instance.__dict__.get("name") in TRANSLATED_NAMES:
        instance.name = gettext_lazy(instance.__dict__["name"])


@receiver(pre_save, sender=Workflow)
@receiver(pre_save, sender=Task)
@receiver(pre_save, sender=GroupApprovalTask)
def store_name_in_english(sender, instance, **kwargs):
    """Keep the English name in the database, whatever language the admin showed it in."""
    shown = str(instance.name)
    for name in TRANSLATED_NAMES:
        if shown in names_in_every_language(name):
            instance.name = name
            return


# Wagtail's e-mail notifications of the workflow: the signal, sender and dispatch_uid under
# which wagtail.admin connects each, and its notifier in wagtail.admin.signal_handlers.
WORKFLOW_NOTIFICATIONS = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        "task_submission_email_notifier",
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        "workflow_submission_email_notifier",
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        "workflow_rejection_email_notifier",
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        "workflow_approval_email_notifier",
    ),
]


def notify_in_each_recipients_language():
    """Take the place of Wagtail's workflow notifications with the same ones, written to
    each recipient in core.mail.language_of(recipient).

    Wagtail writes to a recipient who chose no admin language in the language of whoever
    acted (an editor working in English), where Carnet's own e-mails use the site's
    default. Under the site's default language, Wagtail's notifiers follow the same rule.
    Called before wagtail.admin connects its receivers (editorial comes first in
    INSTALLED_APPS): a receiver connected under the same dispatch_uid takes their place.
    """
    from wagtail.admin import signal_handlers

    for signal, sender, dispatch_uid, notifier_name in WORKFLOW_NOTIFICATIONS:
        signal.connect(
            in_the_site_language(getattr(signal_handlers, notifier_name)),
            sender=sender,
            dispatch_uid=dispatch_uid,
            weak=False,
        )


def in_the_site_language(notifier):
    def notify(sender, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return notifier(sender=sender, **kwargs)

    return notify


def names_in_every_language(name):
    names = set()
    for language_code, _language_name in settings.LANGUAGES:
        with translation.override(language_code):
            names.add(translation.gettext(name))
    return names
