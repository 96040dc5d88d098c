"""Every e-mail to a member of the staff is in that person's admin language, else in the
site's default language: Wagtail's workflow notifications as well as Carnet's comment
notifications, whatever the language of whoever caused them."""

import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from tests.comments.conftest import post_comment
from tests.editorial_admin import as_user, mails_to, reload, submit, workflow_action
from tests.factories import HomePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_reviewer(db):
    """A reviewer who chose English as admin language (the other one chose nothing)."""
    user = UserFactory(username="rachel", groups=["Reviewers"])
    UserProfile.objects.create(user=user, preferred_language="en")
    return user


@pytest.fixture
def editor_in_english(editor):
    UserProfile.objects.create(user=editor, preferred_language="en")
    return editor


def test_workflow_and_comment_e_mails_come_in_each_reviewers_language(
    client,
    magazine,
    editor_in_english,
    reviewer,
    english_reviewer,
    empty_cache,
    django_capture_on_commit_callbacks,
):
    draft = HomePageFactory(
        parent=magazine.fr.home, title="Brouillon", slug="brouillon", live=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        submit(as_user(client, editor_in_english), draft)
        client.logout()
        post_comment(client, magazine.fr.article)

    [workflow_fr, comment_fr] = mails_to(reviewer)
    [workflow_en, comment_en] = mails_to(english_reviewer)
    assert "a été soumise pour validation" in workflow_fr.subject
    assert "Approbation d’un relecteur" in workflow_fr.subject
    assert "has been submitted for approval" in workflow_en.subject
    assert "Reviewer approval" in workflow_en.subject
    assert comment_fr.subject == "[Carnet] 1 commentaire attend la modération"
    assert "Bonjour" in comment_fr.body or "modération" in comment_fr.body
    assert "moderation" in comment_en.subject and "commentaire" not in comment_en.subject


def test_the_editor_hears_of_the_approval_in_their_own_language(
    client, homes, editor, english_reviewer, django_capture_on_commit_callbacks
):
    draft = HomePageFactory(parent=homes[0], title="Brouillon", slug="brouillon", live=False)
    submit(as_user(client, editor), draft)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(as_user(client, english_reviewer), reload(draft), "approve")

    [told_editor] = mails_to(editor)
    assert "a été approuvée" in told_editor.subject
