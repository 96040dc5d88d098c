"""Machine translation: configured from the environment, offline in tests, absent when unset."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from tests.editorial_admin import as_user, edit_url, reload
from tests.factories import HomePageFactory
from tests.translation_admin import (
    editor_props,
    messages_of,
    segments_to_translate,
    start_translation,
    string_translations,
    translate_string,
    translation_of,
    translations_shown,
)

pytestmark = pytest.mark.django_db

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
UNREACHABLE = {"CLASS": "tests.machine_translators.UnreachableTranslator"}


def configured_translator(**env):
    """The machine translator production settings build from `env`, and DeepL's address."""
    clean_env = {key: value for key, value in os.environ.items() if key != "DEEPL_API_KEY"}
    script = (
        "import django; django.setup()\n"
        "from wagtail_localize.machine_translators import get_machine_translator\n"
        "translator = get_machine_translator()\n"
        "print(type(translator).__name__, translator and translator.get_api_endpoint())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={
            **clean_env,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "x" * 50,
            **env,
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_deepl_is_used_when_its_key_is_set_and_nothing_otherwise():
    assert configured_translator() == ["NoneType", "None"]
    assert configured_translator(DEEPL_API_KEY="0123-abcd:fx") == [
        "DeepLTranslator",
        "https://api-free.deepl.com/v2/translate",
    ]
    assert configured_translator(DEEPL_API_KEY="0123-abcd") == [
        "DeepLTranslator",
        "https://api.deepl.com/v2/translate",
    ]


@pytest.fixture
def started(client, homes, editor, django_capture_on_commit_callbacks):
    """A French page whose English translation was started, its title translated by hand."""
    home_fr, home_en = homes
    page = HomePageFactory(
        parent=home_fr,
        title="Le sommet",
        slug="le-sommet",
        intro="<p>La France plaide pour une <b>troisième voie</b>.</p>",
        tagline="Un sommet au Grand Palais.",
        live=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        start_translation(as_user(client, editor), page, home_en.locale)
    translation = translation_of(page, home_en.locale)
    translate_string(client, translation, "Le sommet", "The summit")
    return page.get_translation(home_en.locale), translation


def machine_translate(client, page, translation):
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    return client.post(url, {"next": edit_url(page)}, follow=True)


def test_without_a_translator_the_admin_offers_none(client, started):
    page, translation = started
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])

    assert editor_props(client, page)["machineTranslator"] is None
    assert "use_machine_translation" not in client.get(sync_url).content.decode()
    assert machine_translate(client, page, translation).status_code == 404


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY)
def test_machine_translation_fills_only_the_empty_segments(client, started):
    page, translation = started
    props = editor_props(client, page)
    assert props["machineTranslator"] == {
        "name": "Traducteur factice",
        "url": reverse("wagtail_localize:machine_translate", args=[translation.pk]),
    }

    response = machine_translate(client, page, translation)

    assert response.redirect_chain == [(edit_url(page), 302)]
    assert "Traduit avec Traducteur factice" in messages_of(response)[-1]
    shown = translations_shown(editor_props(client, page))
    assert shown["Le sommet"] == "The summit"
    assert shown["Un sommet au Grand Palais."] == "Palais. Grand au sommet Un"
    assert shown["La France plaide pour une <b>troisième voie</b>."] == (
        ".<b>voie troisième</b>une pour plaide France La "
    )
    assert segments_to_translate(editor_props(client, page)) == []
    made = StringTranslation.objects.filter(context__object_id=translation.source.object_id)
    assert sorted(made.values_list("translation_type", "tool_name")) == [
        ("machine", "Traducteur factice")
    ] * 3 + [("manual", "")]
    # Nothing goes live: the translation still waits to be submitted and reviewed.
    assert not reload(page).live

    again = machine_translate(client, page, translation)

    assert messages_of(again)[-1] == "Chaque segment a déjà une traduction."


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=UNREACHABLE)
def test_an_unreachable_translator_changes_nothing_and_says_so(client, started):
    page, translation = started
    before = string_translations(translation)

    response = machine_translate(client, page, translation)

    assert response.status_code == 200
    assert "Unreachable n’a pas répondu comme prévu" in messages_of(response)[-1]
    assert string_translations(translation) == before


def publish_a_new_intro(client, reviewer, home_fr, home_en):
    """The reviewer publishes a new French intro; the English translation, now behind."""
    as_user(client, reviewer).post(
        edit_url(home_fr),
        {
            "title": home_fr.title,
            "slug": home_fr.slug,
            "intro": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Un carnet neuf.", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "tagline": home_fr.tagline,
            "action-publish": "1",
        },
    )
    return translation_of(home_fr, home_en.locale)


def sync_with_machine_translation(client, editor, translation):
    """The editor syncs `translation` with its source, machine translating what changed."""
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    return as_user(client, editor).post(url, {"use_machine_translation": "on"})


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY)
def test_sync_can_machine_translate_the_changed_segments(
    client, homes, editor, reviewer, django_capture_on_commit_callbacks
):
    home_fr, home_en = homes
    translation = publish_a_new_intro(client, reviewer, home_fr, home_en)

    with django_capture_on_commit_callbacks(execute=True):
        sync_with_machine_translation(client, editor, translation)

    assert translations_shown(editor_props(client, home_en))["Un carnet neuf."] == (
        "neuf. carnet Un"
    )
    assert "A magazine on artificial intelligence." in client.get("/en/").content.decode()


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=UNREACHABLE)
def test_a_sync_whose_machine_translation_fails_is_undone(
    client, homes, editor, reviewer, django_capture_on_commit_callbacks
):
    home_fr, home_en = homes
    translation = publish_a_new_intro(client, reviewer, home_fr, home_en)
    synced_at = translation.source.last_updated_at

    with django_capture_on_commit_callbacks(execute=True):
        response = sync_with_machine_translation(client, editor, translation)

    assert response.status_code == 200
    assert "rien n’a été synchronisé" in response.content.decode()
    assert translation_of(home_fr, home_en.locale).source.last_updated_at == synced_at
