"""Translations go through review too: wagtail-localize's editor and sync included.

That no translation becomes an alias of its source is in test_translation_sync.py.
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from home.models import HomePage
from tests.editorial_admin import as_user, edit_url, mails_to, reload, workflow_action
from tests.factories import HomePageFactory
from tests.translation_admin import submit_translation, translate_string, translate_the_rest

pytestmark = pytest.mark.django_db

FRENCH_INTRO = "Un magazine sur l’intelligence artificielle."
REVIEWED_ENGLISH = "A magazine on artificial intelligence."
NEW_ENGLISH = "A magazine about artificial intelligence, and its stakes."


@pytest.fixture
def english(homes):
    """The English home page and the wagtail-localize translation that writes it."""
    _home_fr, home_en = homes
    return home_en, Translation.objects.get(target_locale=home_en.locale)


def english_home_text(client):
    return client.get("/en/").content.decode()


def test_translation_editor_offers_an_editor_review_not_publish(client, english, editor):
    home_en, translation = english

    response = as_user(client, editor).get(edit_url(home_en))

    content = response.content.decode()
    assert response.status_code == 200
    assert "&quot;canPublish&quot;: false" in content
    assert reverse("carnet_submit_translation_for_review", args=[translation.pk]) in content
    assert "Soumettre à Relecture éditoriale" in content


def test_crafted_publish_of_a_translation_by_an_editor_is_refused(
    client, english, editor, django_capture_on_commit_callbacks
):
    home_en, translation = english
    translate_string(as_user(client, editor), translation, FRENCH_INTRO, NEW_ENGLISH)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(home_en), {"action": "publish"})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert NEW_ENGLISH not in english_home_text(client)
    assert reload(home_en).live_revision_id == home_en.live_revision_id


def test_editor_submits_a_translation_reviewer_approves_it_goes_live(
    client, english, editor, reviewer
):
    home_en, translation = english
    translate_string(as_user(client, editor), translation, FRENCH_INTRO, NEW_ENGLISH)

    response = submit_translation(client, translation)

    assert response.status_code == 302 and response["Location"] == edit_url(home_en)
    # The live page keeps its reviewed text while the new one waits.
    assert REVIEWED_ENGLISH in english_home_text(client)
    assert NEW_ENGLISH not in english_home_text(client)
    [told_reviewer] = mails_to(reviewer)
    assert "Carnet" in told_reviewer.subject
    dashboard = as_user(client, reviewer).get(reverse("wagtailadmin_home")).content.decode()
    assert edit_url(home_en) in dashboard.split('id="awaiting-review-section"')[1]

    workflow_action(client, reload(home_en), "approve")

    assert NEW_ENGLISH in english_home_text(client)
    assert len(mails_to(editor)) == 1


def test_translation_sent_back_stays_offline_keeps_its_text_and_tells_why(
    client, english, editor, reviewer
):
    home_en, translation = english
    translate_string(as_user(client, editor), translation, FRENCH_INTRO, NEW_ENGLISH)
    submit_translation(client, translation)
    mail.outbox.clear()

    workflow_action(
        as_user(client, reviewer), reload(home_en), "reject", comment="Say “on”, not “about”."
    )

    assert NEW_ENGLISH not in english_home_text(client)
    [told_editor] = mail.outbox
    assert told_editor.to == [editor.email]
    assert "Say “on”, not “about”." in told_editor.body
    assert StringTranslation.objects.filter(data=NEW_ENGLISH).exists()
    editing = as_user(client, editor).get(edit_url(home_en)).content.decode()
    assert "A magazine about artificial intelligence, and its stakes." in editing
    assert reverse("carnet_submit_translation_for_review", args=[translation.pk]) in editing

    submit_translation(client, translation)

    assert reload(home_en).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_translation_waiting_for_review_cannot_be_submitted_again(client, english, editor):
    home_en, translation = english
    as_user(client, editor)
    submit_translation(client, translation)

    again = submit_translation(client, translation)
    editing = client.get(edit_url(home_en)).content.decode()

    assert again.status_code == 302 and again["Location"] == reverse("wagtailadmin_home")
    assert WorkflowState.objects.count() == 1
    assert "Cette traduction attend un relecteur." in editing


def test_submitting_asks_for_a_post(client, english, editor):
    _home_en, translation = english
    url = reverse("carnet_submit_translation_for_review", args=[translation.pk])

    assert as_user(client, editor).get(url).status_code == 405
    assert WorkflowState.objects.count() == 0


def test_translating_a_live_page_makes_an_offline_draft_until_reviewed(
    client, homes, editor, reviewer, django_capture_on_commit_callbacks
):
    home_fr, home_en = homes
    article = HomePageFactory(parent=home_fr, title="Sommet", slug="sommet", live=True)
    as_user(client, editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[article.pk]),
            {"locales": [home_en.locale_id]},
        )

    assert response.status_code == 302
    english_article = HomePage.objects.get(
        translation_key=article.translation_key, locale=home_en.locale
    )
    assert not english_article.live
    assert client.get("/en/sommet/").status_code == 404

    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=home_en.locale
    )
    translate_the_rest(client, translation, {"sommet": "sommet"})
    submit_translation(client, translation)
    workflow_action(as_user(client, reviewer), english_article, "approve")

    assert client.get("/en/sommet/").status_code == 200


def test_sync_cannot_publish_translations_for_an_editor(
    client, english, editor, django_capture_on_commit_callbacks
):
    home_en, translation = english
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    as_user(client, editor)

    form = client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})

    assert 'name="publish_translations"' not in form
    assert "publie rien" in form and "Seul un relecteur peut publier" in form
    assert response.status_code == 302
    assert reload(home_en).live_revision_id == home_en.live_revision_id
    assert reload(home_en).get_latest_revision().pk == home_en.get_latest_revision().pk


def test_sync_still_publishes_translations_for_a_reviewer(
    client, english, reviewer, django_capture_on_commit_callbacks
):
    home_en, translation = english
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    form = as_user(client, reviewer).get(url).content.decode()
    assert 'name="publish_translations"' in form and "publie rien" not in form

    with django_capture_on_commit_callbacks(execute=True):
        as_user(client, reviewer).post(url, {"publish_translations": "on"})

    assert reload(home_en).live_revision_id != home_en.live_revision_id
