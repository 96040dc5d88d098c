"""The review workflow through the real admin: editors submit, reviewers approve or send back."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, Workflow, WorkflowState

from editorial.localize import leave_waiting_for_review
from editorial.workflow import EDITORS, REVIEWERS
from home.models import HomePage
from tests.editorial_admin import (
    as_user,
    edit_form,
    edit_url,
    form_field,
    mails_to,
    reload,
    submit,
    workflow_action,
)
from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(homes, editor):
    """A French page an editor has started, never published."""
    home_fr, _home_en = homes
    return HomePageFactory(
        parent=home_fr, title="Brouillon", slug="brouillon", live=False, owner=editor
    )


def test_every_page_of_both_languages_goes_through_editorial_review(homes, draft):
    home_fr, home_en = homes
    workflow = Workflow.objects.get(workflow_pages__page__depth=1)

    assert workflow.active
    assert [page.get_workflow() for page in (home_fr, home_en, draft)] == [workflow] * 3
    [task] = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
    assert [group.name for group in task.groups.all()] == [REVIEWERS]


def test_editor_is_offered_submit_and_never_publish(client, draft, editor):
    response = as_user(client, editor).get(edit_url(draft))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="action-submit"' in content
    assert 'name="action-publish"' not in content
    assert "Soumettre à Relecture éditoriale" in content


def test_reviewer_is_offered_publish(client, draft, reviewer):
    response = as_user(client, reviewer).get(edit_url(draft))

    assert response.status_code == 200
    assert 'name="action-publish"' in response.content.decode()


def test_crafted_publish_by_an_editor_saves_a_draft_and_publishes_nothing(client, draft, editor):
    response = as_user(client, editor).post(
        edit_url(draft), edit_form(draft, "action-publish", title="Publié en douce")
    )

    draft = reload(draft)
    assert response.status_code == 302
    assert not draft.live and draft.live_revision is None
    assert draft.get_latest_revision().as_object().title == "Publié en douce"
    assert client.get("/fr/brouillon/").status_code == 404


def test_crafted_publish_by_an_editor_leaves_a_live_page_as_it_was(client, homes, editor):
    home_fr, _home_en = homes
    before = home_fr.intro

    as_user(client, editor).post(
        edit_url(home_fr),
        edit_form(home_fr, "action-publish", intro="<p>Texte jamais relu.</p>"),
    )

    assert reload(home_fr).intro == before
    assert "Texte jamais relu." not in client.get("/fr/").content.decode()


def test_editor_cannot_unpublish_or_delete_a_live_page(client, homes, editor):
    home_fr, _home_en = homes
    live_child = HomePageFactory(parent=home_fr, title="En ligne", slug="en-ligne", live=True)
    as_user(client, editor)

    unpublish = client.post(reverse("wagtailadmin_pages:unpublish", args=[live_child.pk]))
    delete = client.post(reverse("wagtailadmin_pages:delete", args=[live_child.pk]))

    assert unpublish.status_code == delete.status_code == 302
    assert unpublish["Location"] == delete["Location"] == reverse("wagtailadmin_home")
    assert reload(live_child).live
    assert client.get("/fr/en-ligne/").status_code == 200


def test_editor_can_delete_a_draft_of_theirs(client, draft, editor):
    as_user(client, editor).post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))

    assert not Page.objects.filter(pk=draft.pk).exists()


def test_editor_cannot_change_the_workflow(client, homes, editor):
    workflow = Workflow.objects.get(workflow_pages__page__depth=1)
    as_user(client, editor)

    listing = client.get(reverse("wagtailadmin_workflows:index"))
    disable = client.post(reverse("wagtailadmin_workflows:disable", args=[workflow.pk]))

    assert listing.status_code == disable.status_code == 302
    assert Workflow.objects.get(pk=workflow.pk).active


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_both_roles_add_and_choose_images_and_documents(client, homes, role, request):
    as_user(client, request.getfixturevalue(role))

    for name in ("wagtailimages:add", "wagtailimages_chooser:choose", "wagtaildocs:add"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name


def test_editor_cannot_approve_their_own_page(client, draft, editor):
    submit(as_user(client, editor), draft)

    response = workflow_action(client, draft, "approve")

    assert response.status_code == 302
    assert not reload(draft).live


def test_editor_submits_reviewer_approves_and_the_page_goes_live(client, draft, editor, reviewer):
    submit(as_user(client, editor), draft, intro="<p>Le sommet de Paris, vu de près.</p>")

    assert not reload(draft).live
    [told_reviewer] = mails_to(reviewer)
    assert "Brouillon" in told_reviewer.subject
    assert edit_url(draft) in told_reviewer.body

    dashboard = as_user(client, reviewer).get(reverse("wagtailadmin_home"))
    waiting = dashboard.content.decode().split('id="awaiting-review-section"')[1]
    assert "Brouillon" in waiting
    assert "Edith Ditrice" in waiting

    approve = workflow_action(client, draft, "approve")

    assert approve.status_code == 302
    draft = reload(draft)
    assert draft.live
    assert "Le sommet de Paris, vu de près." in client.get("/fr/brouillon/").content.decode()
    [told_editor] = mails_to(editor)
    assert "Brouillon" in told_editor.subject
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED


def test_history_shows_who_submitted_and_who_approved(client, draft, editor, reviewer):
    submit(as_user(client, editor), draft)
    workflow_action(as_user(client, reviewer), draft, "approve")

    history = client.get(reverse("wagtailadmin_pages:history", args=[draft.pk]))

    content = history.content.decode()
    assert history.status_code == 200
    assert "Edith Ditrice" in content and "Rémi Relecteur" in content
    assert "Relecture éditoriale" in content
    workflow_history = client.get(reverse("wagtailadmin_pages:workflow_history", args=[draft.pk]))
    assert "Edith Ditrice" in workflow_history.content.decode()


def test_changes_requested_keep_the_page_offline_and_tell_the_editor_why(
    client, draft, editor, reviewer
):
    submit(as_user(client, editor), draft, intro="<p>Un chiffre sans source : 109 milliards.</p>")
    mail.outbox.clear()

    response = workflow_action(
        as_user(client, reviewer), draft, "reject", comment="Citez la source du chiffre."
    )

    assert response.status_code == 302
    assert not reload(draft).live
    assert client.get("/fr/brouillon/").status_code == 404
    [told_editor] = mail.outbox
    assert told_editor.to == [editor.email]
    assert "Citez la source du chiffre." in told_editor.body
    assert "Brouillon" in told_editor.subject


def test_nothing_the_editor_typed_is_lost_when_sent_back(client, draft, editor, reviewer):
    submit(
        as_user(client, editor),
        draft,
        title="Le sommet de l’IA",
        intro="<p>Mon paragraphe patiemment écrit.</p>",
        tagline="Une devise pesée",
    )
    workflow_action(as_user(client, reviewer), draft, "reject", comment="Plus court.")

    editing = as_user(client, editor).get(edit_url(draft))

    content = editing.content.decode()
    assert form_field(content, "title") == "Le sommet de l’IA"
    assert form_field(content, "intro") == "Mon paragraphe patiemment écrit."
    assert form_field(content, "tagline") == "Une devise pesée"
    assert 'name="action-submit"' in content
    submit(client, draft, intro="<p>Plus court.</p>")
    state = reload(draft).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.count() == 1


def test_scheduled_page_goes_live_only_at_its_time(client, draft, editor, reviewer):
    go_live_at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    submit(
        as_user(client, editor),
        draft,
        go_live_at=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
    )
    workflow_action(as_user(client, reviewer), draft, "approve")

    assert not reload(draft).live
    assert reload(draft).get_latest_revision().approved_go_live_at == go_live_at
    call_command("publish_scheduled")
    assert not reload(draft).live
    assert client.get("/fr/brouillon/").status_code == 404

    with mock.patch.object(timezone, "now", return_value=go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled")

    assert reload(draft).live
    assert client.get("/fr/brouillon/").status_code == 200


def test_translated_workflow_name_stays_english_in_the_database(homes):
    workflow = Workflow.objects.get(workflow_pages__page__depth=1)

    with translation.override("fr"):
        assert str(workflow.name) == "Relecture éditoriale"
        workflow.name = str(workflow.name)  # what the admin's form sends back
        workflow.save()
    with translation.override("en"):
        assert str(Workflow.objects.get(pk=workflow.pk).name) == "Editorial review"

    assert Workflow.objects.filter(name="Editorial review").values_list("pk", flat=True).get() == (
        workflow.pk
    )


def test_showing_names_translated_costs_no_query(homes, django_assert_num_queries):
    with django_assert_num_queries(1):
        workflows = list(Workflow.objects.only("pk"))

    assert workflows


def test_reviewers_can_unpublish(client, homes, reviewer):
    home_fr, _home_en = homes
    live_child = HomePageFactory(parent=home_fr, title="En ligne", slug="en-ligne", live=True)

    as_user(client, reviewer).post(reverse("wagtailadmin_pages:unpublish", args=[live_child.pk]))

    assert not reload(live_child).live
    assert HomePage.objects.filter(pk=live_child.pk).exists()


def test_demo_leaves_a_page_waiting_for_the_reviewers_once(client, draft, editor, reviewer):
    leave_waiting_for_review(draft, editor)
    leave_waiting_for_review(reload(draft), editor)

    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == editor
    assert len(mails_to(reviewer)) == 1
    dashboard = as_user(client, reviewer).get(reverse("wagtailadmin_home")).content.decode()
    assert "Brouillon" in dashboard.split('id="awaiting-review-section"')[1]
    workflow_action(client, reload(draft), "approve")
    assert client.get("/fr/brouillon/").status_code == 200


def test_demo_accounts_log_in_with_their_roles(
    client, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())

    for username, password, group in [
        ("editor", "carnet-editor", EDITORS),
        ("reviewer", "carnet-reviewer", REVIEWERS),
    ]:
        response = client.post(
            "/admin/login/", {"username": username, "password": password}, follow=True
        )
        user = response.wsgi_request.user
        assert user.username == username
        assert [g.name for g in user.groups.all()] == [group]
        assert not user.is_superuser
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        client.logout()


def test_approving_from_the_dashboard_confirms_it(client, draft, editor, reviewer):
    submit(as_user(client, editor), draft)
    as_user(client, reviewer)
    task_state = reload(draft).current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    home = reverse("wagtailadmin_home")

    modal = client.post(
        f"{url}?next={home}", {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    dashboard = client.get(home)

    assert modal.json()["step"] == "success"
    assert reload(draft).live
    assert "«\u00a0Brouillon\u00a0» a été approuvé et est en ligne." in dashboard.content.decode()


def test_requesting_changes_from_the_dashboard_confirms_it(client, draft, editor, reviewer):
    submit(as_user(client, editor), draft)

    response = workflow_action(
        as_user(client, reviewer), draft, "reject", comment="Plus court, s’il vous plaît."
    )

    assert not reload(draft).live
    page = client.get(response["Location"]).content.decode()
    assert "Des modifications ont été demandées sur «\u00a0Brouillon\u00a0»" in page
