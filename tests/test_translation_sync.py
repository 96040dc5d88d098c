"""Sync: a changed French source brings only its changed segments to translate, and
publishing the French source never publishes nor overwrites the English page."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation

from editorial.localize import translate_with_localize
from tests.editorial_admin import as_user, edit_url, reload, workflow_action
from tests.factories import HomePageFactory
from tests.translation_admin import (
    editor_props,
    messages_of,
    segments_to_translate,
    string_translations,
    submit_translation,
    translation_of,
    translations_shown,
)

pytestmark = pytest.mark.django_db

OLD_PARAGRAPH = "Le paragraphe numéro 1, en français."
NEW_PARAGRAPH = "Le paragraphe numéro 1, réécrit après le sommet."


def publish_change(page, user, change):
    """What a reviewer's publication of an edited page leaves in the database."""
    draft = page.get_latest_revision_as_object()
    change(draft)
    draft.save_revision(user=user).publish(user=user)
    return reload(page)


def rewrite_first_paragraph(article):
    article.body[0].value = RichText(f"<p>{NEW_PARAGRAPH}</p>")


@pytest.fixture
def changed_source(magazine, reviewer, django_capture_on_commit_callbacks):
    """The French article with its first paragraph rewritten, reviewed and published."""
    with django_capture_on_commit_callbacks(execute=True):
        french = publish_change(magazine.fr.article, reviewer, rewrite_first_paragraph)
    return french, magazine.en.article


def sync(client, source_page, **data):
    translation = translation_of(source_page, Locale.objects.get(language_code="en"))
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    form = client.get(url)
    assert form.status_code == 200
    return client.post(url, data)


def test_publishing_the_french_source_leaves_the_english_page_alone(client, changed_source):
    french, english = changed_source
    after = reload(english)

    assert NEW_PARAGRAPH in client.get(french.url).content.decode()
    assert after.live_revision_id == english.live_revision_id
    assert after.get_latest_revision().pk == english.get_latest_revision().pk
    assert not after.has_unpublished_changes
    assert list(after.body.raw_data) == list(english.body.raw_data)
    assert "[en] Le paragraphe numéro 1, en français." in client.get(english.url).content.decode()


def test_sync_marks_only_the_changed_paragraph_for_translation(
    client, changed_source, editor, django_capture_on_commit_callbacks
):
    french, english = changed_source
    translation = translation_of(french, english.locale)
    before = translations_shown(editor_props(as_user(client, editor), english))
    assert segments_to_translate(editor_props(client, english)) == []

    with django_capture_on_commit_callbacks(execute=True):
        response = sync(client, french)

    assert response.status_code == 302
    props = editor_props(client, english)
    assert segments_to_translate(props) == [NEW_PARAGRAPH]
    after = translations_shown(props)
    assert OLD_PARAGRAPH not in after
    assert after == {source: text for source, text in before.items() if source != OLD_PARAGRAPH}
    assert len(after) == 16  # the other segments, still translated
    # The old translation is kept (the PO file lists it as obsolete): nothing was lost.
    assert [row[2] for row in string_translations(translation) if row[1] == OLD_PARAGRAPH] == [
        f"[en] {OLD_PARAGRAPH}"
    ]
    # Syncing changed nothing readers see: the English page waits for its translation.
    assert reload(english).live_revision_id == english.live_revision_id
    assert f"[en] {OLD_PARAGRAPH}" in client.get(english.url).content.decode()


def test_a_changed_date_is_synchronised_with_nothing_to_translate(
    client, magazine, editor, reviewer, django_capture_on_commit_callbacks
):
    french, english = magazine.fr.article, magazine.en.article
    new_date = datetime.date(2025, 10, 1)

    def update(article):
        article.date_updated = new_date

    with django_capture_on_commit_callbacks(execute=True):
        publish_change(french, reviewer, update)
        sync(as_user(client, editor), french)

    assert segments_to_translate(editor_props(client, english)) == []
    assert reload(english).date_updated == datetime.date(2025, 9, 18)
    submit_translation(client, translation_of(french, english.locale))
    assert reload(english).date_updated == datetime.date(2025, 9, 18)

    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(as_user(client, reviewer), reload(english), "approve")

    assert reload(english).date_updated == new_date


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
