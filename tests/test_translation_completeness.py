"""No page goes live half translated: submitting, approving and publishing an incomplete
translation are refused, unless an editor chose, visibly, to show the source text."""

import datetime
import json
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState
from wagtail.users.models import UserProfile

from articles.models import Author
from editorial.localize import translate_with_localize
from editorial.models import SourceTextFallback
from home.models import HomePage
from tests.editorial_admin import as_user, edit_url, reload, workflow_action
from tests.factories import ArticlePageFactory, AuthorFactory, HomePageFactory
from tests.translation_admin import (
    messages_of,
    report_rows,
    start_translation,
    submit_translation,
    translate_string,
    translate_the_rest,
    translation_of,
    untranslated_texts,
)

pytestmark = pytest.mark.django_db

NEW_FRENCH = "Sommet : une devise nouvelle."
NEW_ENGLISH = "Summit: a new tagline."
REVIEWED_ENGLISH = "Summit: tagline."


@pytest.fixture
def sommet(homes, django_capture_on_commit_callbacks):
    """A live French page and its reviewed, live English translation: 4 segments."""
    home_fr, home_en = homes
    page = HomePageFactory(
        parent=home_fr,
        title="Sommet",
        slug="sommet",
        intro="<p>Sommet : introduction.</p>",
        tagline="Sommet : devise.",
        live=True,
    )
    english = {
        "Sommet": "Summit",
        "sommet": "summit",
        "Sommet : introduction.": "Summit: introduction.",
        "Sommet : devise.": REVIEWED_ENGLISH,
    }
    with django_capture_on_commit_callbacks(execute=True):
        translate_with_localize(page, home_en.locale, english)
    return page, page.get_translation(home_en.locale), translation_of(page, home_en.locale)


@pytest.fixture
def synced(client, sommet, editor, django_capture_on_commit_callbacks):
    """The French page got a new tagline, and an editor synced it: one segment to translate."""
    page, english_page, translation = sommet
    page.tagline = NEW_FRENCH
    page.save_revision().publish()
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, editor).post(sync_url, {})
    assert response.status_code == 302
    assert untranslated_texts(translation) == [NEW_FRENCH]
    return sommet


def english_summit(client):
    return client.get("/en/summit/").content.decode()


def prefer_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def test_an_incomplete_translation_cannot_be_submitted(client, synced, editor):
    _page, english_page, translation = synced

    response = submit_translation(as_user(client, editor), translation)

    assert response.status_code == 302 and response["Location"] == edit_url(english_page)
    [message] = [
        text for text in messages_of(response) if "ne peut pas" in text or "cannot" in text
    ]
    assert (
        "La traduction « Sommet » (English) ne peut pas être soumise à relecture : "
        "1 de ses 4 segments n’a pas encore de traduction." in message
    )
    assert f'href="{edit_url(english_page)}"' in message
    assert f"Traduire le premier : « {NEW_FRENCH} »" in message
    assert WorkflowState.objects.count() == 0
    assert REVIEWED_ENGLISH in english_summit(client)


def test_the_refusal_is_in_english_for_an_editor_who_reads_the_admin_in_english(
    client, synced, editor
):
    _page, _english_page, translation = synced
    prefer_english(editor)

    response = submit_translation(as_user(client, editor), translation)

    [message] = [
        text for text in messages_of(response) if "ne peut pas" in text or "cannot" in text
    ]
    assert (
        "The translation “Sommet” (English) cannot be submitted for review: "
        "1 of its 4 segments has no translation yet." in message
    )
    assert f"Translate the first one: “{NEW_FRENCH}”" in message


def test_the_translation_editor_shows_the_progress_and_what_is_missing(client, synced, editor):
    _page, english_page, _translation = synced

    content = as_user(client, editor).get(edit_url(english_page)).content.decode()

    assert "Traduit : 3 sur 4 segments. 1 segment manque" in content
    assert f"Le premier : « {NEW_FRENCH} »." in content
    assert 'name="source_text_fallback"' in content
    assert "Afficher le texte source là où une traduction manque" in content


def test_a_sync_leaves_the_live_translation_untouched_until_complete_and_approved(
    client, synced, editor, reviewer
):
    page, english_page, translation = synced
    as_user(client, editor)
    [row] = [row for row in report_rows(client) if row["title"] == "Sommet"]
    assert (row["status"], row["detail"]) == ("Obsolète", "1 segment à traduire.")
    assert REVIEWED_ENGLISH in english_summit(client)

    translate_string(client, translation, NEW_FRENCH, NEW_ENGLISH)
    submit_translation(client, translation)
    assert REVIEWED_ENGLISH in english_summit(client)

    workflow_action(as_user(client, reviewer), reload(english_page), "approve")

    assert NEW_ENGLISH in english_summit(client)


def test_approval_of_a_translation_a_sync_made_incomplete_is_refused(
    client, sommet, editor, reviewer, django_capture_on_commit_callbacks
):
    page, english_page, translation = sommet
    submit_translation(as_user(client, editor), translation)
    page.tagline = NEW_FRENCH
    page.save_revision().publish()
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sync_url, {})

    response = workflow_action(as_user(client, reviewer), reload(english_page), "approve")

    assert response.status_code == 302
    [message] = [
        text for text in messages_of(response) if "ne peut pas" in text or "cannot" in text
    ]
    assert (
        "La traduction « Sommet » (English) ne peut pas être approuvée : 1 de ses 4 segments"
        in message
    )
    state = reload(english_page).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert reload(english_page).live_revision_id == english_page.live_revision_id
    assert REVIEWED_ENGLISH in english_summit(client)


def test_approval_from_the_dashboard_modal_is_refused_with_the_message(
    client, sommet, editor, reviewer, django_capture_on_commit_callbacks
):
    page, english_page, translation = sommet
    submit_translation(as_user(client, editor), translation)
    page.tagline = NEW_FRENCH
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtail_localize:update_translations", args=[translation.source_id]), {}
        )
    task_state = reload(english_page).current_workflow_state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[english_page.pk, "approve", task_state.pk]
    )
    dashboard = reverse("wagtailadmin_home")

    response = as_user(client, reviewer).post(
        f"{url}?next={dashboard}",
        {"comment": "OK"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert json.loads(response.content)["redirect"] == dashboard
    assert reload(english_page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    shown = client.get(dashboard).content.decode()
    assert "ne peut pas être approuvée" in shown
    assert REVIEWED_ENGLISH in english_summit(client)


def test_a_superuser_cannot_publish_an_incomplete_translation_from_its_editor(
    admin_client, admin_user, synced, django_capture_on_commit_callbacks
):
    _page, english_page, translation = synced
    prefer_english(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url(english_page), {"action": "publish"})

    assert response.status_code == 302
    [message] = [
        text for text in messages_of(response) if "ne peut pas" in text or "cannot" in text
    ]
    assert "The translation “Sommet” (English) cannot be published: 1 of its 4 segments" in message
    assert reload(english_page).live_revision_id == english_page.live_revision_id
    assert REVIEWED_ENGLISH in english_summit(admin_client)

    translate_string(admin_client, translation, NEW_FRENCH, NEW_ENGLISH)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(edit_url(english_page), {"action": "publish"})

    assert NEW_ENGLISH in english_summit(admin_client)


def test_a_reviewers_sync_publishes_only_complete_translations(
    client, sommet, reviewer, django_capture_on_commit_callbacks
):
    page, english_page, translation = sommet
    page.tagline = NEW_FRENCH
    page.save_revision().publish()
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, reviewer).post(sync_url, {"publish_translations": "on"})

    assert any(
        "La traduction « Sommet » (English) n’a pas été publiée : 1 segment à traduire." in message
        for message in messages_of(response)
    )
    assert reload(english_page).live_revision_id == english_page.live_revision_id
    assert REVIEWED_ENGLISH in english_summit(client)
    assert NEW_FRENCH not in english_summit(client)


def test_bulk_publication_of_an_incomplete_translation_is_refused(
    admin_client, synced, django_capture_on_commit_callbacks
):
    _page, english_page, _translation = synced
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={english_page.pk}&next=/admin/"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {})

    assert response.status_code == 302
    assert any("ne peut pas être publiée" in message for message in messages_of(response))
    assert reload(english_page).live_revision_id == english_page.live_revision_id


def test_the_fallback_choice_is_explicit_and_the_reviewer_sees_it(
    client, synced, editor, reviewer
):
    _page, english_page, translation = synced

    response = as_user(client, editor).post(
        reverse("carnet_submit_translation_for_review", args=[translation.pk]),
        {"source_text_fallback": "on"},
    )

    assert response.status_code == 302
    assert SourceTextFallback.objects.get(translation=translation).chosen_by == editor
    notice = (
        "1 segment sera affiché en Français, la langue source : Edith Ditrice a choisi "
        "d’afficher le texte source là où une traduction manque."
    )
    as_user(client, reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = dashboard.split('id="translations-in-review-section"')[1]
    assert "3 sur 4 segments" in panel
    assert notice in panel
    assert notice in client.get(edit_url(english_page)).content.decode()
    [row] = [row for row in report_rows(client) if row["title"] == "Sommet"]
    assert row["detail"] == (
        "1 segment à traduire. Un éditeur a choisi de l’afficher en Français, la langue source."
    )

    workflow_action(client, reload(english_page), "approve")

    assert NEW_FRENCH in english_summit(client)


def test_the_reviewer_sees_the_progress_of_a_complete_translation(
    client, sommet, editor, reviewer
):
    _page, english_page, translation = sommet
    submit_translation(as_user(client, editor), translation)

    dashboard = as_user(client, reviewer).get(reverse("wagtailadmin_home")).content.decode()

    panel = dashboard.split('id="translations-in-review-section"')[1]
    assert "4 sur 4 segments" in panel
    assert "Chaque segment est traduit." in panel
    assert "Traduit : 4 sur 4 segments." in client.get(edit_url(english_page)).content.decode()


def test_an_article_cannot_be_submitted_while_an_author_it_shows_is_untranslated(
    client, magazine, editor, django_capture_on_commit_callbacks
):
    chloe = AuthorFactory(name="Chloé Martin")
    article = ArticlePageFactory(
        parent=magazine.fr.index, title="Droit", authors=[chloe], topics=[magazine.fr.ethics]
    )
    with django_capture_on_commit_callbacks(execute=True):
        start_translation(as_user(client, editor), article, magazine.en.home.locale)
    translation = translation_of(article, magazine.en.home.locale)
    # wagtail-localize translated the author with the article: make it another author, so
    # that Chloé has no English version (deleting it would delete the segment too).
    Author.objects.filter(translation_key=chloe.translation_key).exclude(pk=chloe.pk).update(
        translation_key=uuid.uuid4()
    )
    translate_the_rest(client, translation)

    response = submit_translation(client, translation)
    [message] = [
        text for text in messages_of(response) if "ne peut pas" in text or "cannot" in text
    ]
    assert "1 de ses" in message and "Traduire le premier : « Chloé Martin »" in message
    assert WorkflowState.objects.count() == 0
    assert not article.get_translation(magazine.en.home.locale).live


def author_with_a_new_bio(magazine):
    """Ana's French biography rewritten: her English translation, wagtail-localize's record
    of it, the address that syncs it and the address that edits it."""
    ana = magazine.fr.ana
    ana.bio = "<p>Ana Lefèvre écrit sur l’IA et le droit.</p>"
    ana.save()
    english_ana = magazine.en.ana
    translation = translation_of(ana, english_ana.locale)
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    edit = reverse("wagtailsnippets_articles_author:edit", args=[english_ana.pk])
    return english_ana, translation, sync_url, edit


def test_an_author_translation_is_not_saved_incomplete(
    admin_client, magazine, django_capture_on_commit_callbacks
):
    english_ana, translation, sync_url, edit = author_with_a_new_bio(magazine)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(sync_url, {"publish_translations": "on"})
    bio_before = Author.objects.get(pk=english_ana.pk).bio

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit, {"action": "publish"})

    [message] = [
        text for text in messages_of(response) if "ne peut pas" in text or "cannot" in text
    ]
    assert "La traduction « Ana Lefèvre » (English) ne peut pas être publiée : 1 de ses" in message
    assert Author.objects.get(pk=english_ana.pk).bio == bio_before
    assert "et le droit" not in bio_before

    translate_string(
        admin_client, translation, "Ana Lefèvre écrit sur l’IA et le droit.", "Ana writes on AI."
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(edit, {"action": "publish"})

    assert "Ana writes on AI." in Author.objects.get(pk=english_ana.pk).bio


def test_an_incomplete_translation_is_not_scheduled_either(
    client, sommet, editor, reviewer, django_capture_on_commit_callbacks
):
    page, english_page, translation = sommet
    go_live_at = timezone.now() + datetime.timedelta(days=1)
    HomePage.objects.filter(pk=english_page.pk).update(go_live_at=go_live_at)
    submit_translation(as_user(client, editor), translation)
    assert reload(english_page).current_workflow_state.current_task_state.revision.content[
        "go_live_at"
    ]
    page.tagline = NEW_FRENCH
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtail_localize:update_translations", args=[translation.source_id]), {}
        )

    workflow_action(as_user(client, reviewer), reload(english_page), "approve")
    call_command("publish_scheduled")

    # Approved, the revision would wait for its go-live date with `approved_go_live_at`.
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    assert reload(english_page).live_revision_id == english_page.live_revision_id
    assert REVIEWED_ENGLISH in english_summit(client)


def test_an_author_goes_live_with_source_text_only_by_explicit_choice_until_a_sync(
    admin_client, magazine, django_capture_on_commit_callbacks
):
    english_ana, translation, sync_url, edit = author_with_a_new_bio(magazine)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(sync_url, {})
    editor_page = admin_client.get(edit).content.decode()
    assert reverse("carnet_choose_source_text_fallback", args=[translation.pk]) in editor_page

    admin_client.post(
        reverse("carnet_choose_source_text_fallback", args=[translation.pk]),
        {"source_text_fallback": "on"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(edit, {"action": "publish"})

    assert "et le droit" in Author.objects.get(pk=english_ana.pk).bio
    [row] = [
        row for row in report_rows(admin_client, kind="snippet") if row["title"] == "Ana Lefèvre"
    ]
    assert "Un éditeur a choisi de l’afficher en Français" in row["detail"]

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(sync_url, {})

    assert not SourceTextFallback.objects.filter(translation=translation).exists()
