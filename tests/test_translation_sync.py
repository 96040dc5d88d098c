"""Sync: a changed French source brings only its changed segments to translate, and
publishing the French source never publishes nor overwrites the English page."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from home.demo import translate_with_localize
from tests.editorial_admin import as_user, edit_form, edit_url, reload, submit, workflow_action
from tests.factories import HomePageFactory
from tests.translation_admin import (
    editor_props,
    messages_of,
    segments_to_translate,
    string_translations,
    translation_of,
    translations_shown,
)

pytestmark = pytest.mark.django_db

OLD_INTRO = "Un magazine sur l’intelligence artificielle."
NEW_INTRO = "Un magazine sur l’IA, ses promesses et ses risques."


@pytest.fixture
def changed_source(client, homes, editor, reviewer, django_capture_on_commit_callbacks):
    """The French home page with its introduction rewritten, reviewed and published."""
    home_fr, home_en = homes
    submit(as_user(client, editor), home_fr, intro=f"<p>{NEW_INTRO}</p>")
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(as_user(client, reviewer), reload(home_fr), "approve")
    client.logout()
    assert NEW_INTRO in client.get("/fr/").content.decode()
    return home_fr, home_en


def sync(client, home_fr, **data):
    source = translation_of(home_fr, Page.objects.get(depth=2, locale__language_code="en").locale)
    url = reverse("wagtail_localize:update_translations", args=[source.source_id])
    form = client.get(url)
    assert form.status_code == 200
    return client.post(url, data)


def test_publishing_the_french_source_leaves_the_english_page_alone(changed_source):
    home_fr, home_en = changed_source
    english = reload(home_en)

    assert english.live_revision_id == home_en.live_revision_id
    assert english.get_latest_revision().pk == home_en.get_latest_revision().pk
    assert not english.has_unpublished_changes
    assert english.intro == home_en.intro


def test_sync_marks_only_the_changed_paragraph_for_translation(
    client, changed_source, editor, django_capture_on_commit_callbacks
):
    home_fr, home_en = changed_source
    translation = translation_of(home_fr, home_en.locale)
    before = translations_shown(editor_props(as_user(client, editor), home_en))
    assert segments_to_translate(editor_props(client, home_en)) == []

    with django_capture_on_commit_callbacks(execute=True):
        response = sync(client, home_fr)

    assert response.status_code == 302
    props = editor_props(client, home_en)
    assert segments_to_translate(props) == [NEW_INTRO]
    after = translations_shown(props)
    assert OLD_INTRO not in after
    assert after == {source: text for source, text in before.items() if source != OLD_INTRO}
    # The old translation is kept (the PO file lists it as obsolete), nothing was lost.
    assert [row[:3] for row in string_translations(translation)] == [
        ("intro", OLD_INTRO, "A magazine on artificial intelligence."),
        ("slug", "carnet", "carnet"),
        ("tagline", "Carnet explore les enjeux de l’IA.", "Carnet explores the stakes of AI."),
        ("title", "Carnet", "Carnet"),
    ]
    # Syncing changed nothing readers see: the English page waits for its translation.
    assert reload(home_en).live_revision_id == home_en.live_revision_id
    assert "A magazine on artificial intelligence." in client.get("/en/").content.decode()


def test_a_synchronised_field_changed_syncs_with_nothing_to_translate(
    client, homes, reviewer, editor, django_capture_on_commit_callbacks
):
    home_fr, home_en = homes
    as_user(client, reviewer).post(
        edit_url(home_fr), edit_form(home_fr, "action-publish", show_in_menus="on")
    )
    assert reload(home_fr).show_in_menus and not reload(home_en).show_in_menus

    with django_capture_on_commit_callbacks(execute=True):
        sync(as_user(client, editor), home_fr)

    assert segments_to_translate(editor_props(client, home_en)) == []
    assert reload(home_en).get_latest_revision().pk == home_en.get_latest_revision().pk


def test_no_one_can_turn_a_translation_into_an_alias_of_its_source(
    client, homes, editor, reviewer, admin_user, django_capture_on_commit_callbacks
):
    home_fr, home_en = homes
    url = reverse("wagtail_localize:convert_to_alias", args=[home_en.pk])
    # A translation whose synchronisation was stopped is edited in Wagtail's page editor.
    other = HomePageFactory(parent=home_fr, title="Autre", slug="autre", intro="", tagline="")
    with django_capture_on_commit_callbacks(execute=True):
        stopped = translate_with_localize(other, home_en.locale, {"Autre": "Other", "autre": "o"})
    Translation.objects.filter(source__object_id=other.translation_key).update(enabled=False)

    for user in (editor, reviewer, admin_user):
        as_user(client, user)
        # Neither the translation editor nor the page editor offers it.
        assert editor_props(client, home_en)["links"]["convertToAliasUrl"] is None
        page_editor = client.get(edit_url(stopped)).content.decode()
        assert 'name="action-submit"' in page_editor or 'name="action-publish"' in page_editor
        assert "localize-convert-to-alias" not in page_editor
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, follow=True)
        assert response.redirect_chain[0] == (edit_url(home_en), 302)
        assert "ne peut pas devenir un alias de sa source" in " ".join(messages_of(response))

    assert Page.objects.get(pk=home_en.pk).alias_of_id is None
    assert "A magazine on artificial intelligence." in client.get("/en/").content.decode()


def test_locales_cannot_be_set_to_copy_another_language(client, homes, admin_user):
    _home_fr, home_en = homes

    form = as_user(client, admin_user).get(
        reverse("wagtaillocales:edit", args=[home_en.locale_id])
    )

    assert form.status_code == 200
    assert "English" in form.content.decode()
    assert "sync_from" not in form.content.decode()
