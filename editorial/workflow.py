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
from wagtail.models import GroupApprovalTask, Task, Workflow, WorkflowState

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


def names_in_every_language(name):
    names = set()
    for language_code, _language_name in settings.LANGUAGES:
        with translation.override(language_code):
            names.add(translation.gettext(name))
    return names
