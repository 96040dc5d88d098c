"""PO files: a translation goes to a translator and comes back; a bad file changes nothing."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editorial.localize import translate_with_localize
from tests.editorial_admin import as_user, edit_url
from tests.factories import HomePageFactory
from tests.translation_admin import (
    editor_props,
    messages_of,
    string_translations,
    translation_of,
    translations_shown,
)

pytestmark = pytest.mark.django_db

INTRO = "Un magazine sur l’intelligence artificielle."
TRANSLATOR_INTRO = "A magazine about artificial intelligence, translated by a professional."


@pytest.fixture
def english(homes):
    home_fr, home_en = homes
    return home_en, translation_of(home_fr, home_en.locale)


def download(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    return response


def upload(client, translation, content, name="carnet-en.po"):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    page = translation.get_target_instance()
    response = client.post(
        url,
        {"file": SimpleUploadedFile(name, content), "next": edit_url(page)},
        follow=True,
    )
    assert response.redirect_chain[0] == (edit_url(page), 302)
    return " ".join(messages_of(response))


def test_download_edit_upload_translates_the_segment(client, english, editor):
    home_en, translation = english
    response = download(as_user(client, editor), translation)

    assert response["Content-Disposition"] == "attachment; filename=carnet-en.po"
    catalogue = polib.pofile(response.content.decode())
    assert {entry.msgid: entry.msgstr for entry in catalogue} == {
        "Carnet": "Carnet",
        "carnet": "carnet",
        INTRO: "A magazine on artificial intelligence.",
        "Carnet explore les enjeux de l’IA.": "Carnet explores the stakes of AI.",
    }
    catalogue.find(INTRO).msgstr = TRANSLATOR_INTRO

    message = upload(client, translation, str(catalogue).encode())

    assert "Le fichier PO a été importé" in message
    assert translations_shown(editor_props(client, home_en))[INTRO] == TRANSLATOR_INTRO
    imported = [row for row in string_translations(translation) if row[1] == INTRO]
    assert [row[2] for row in imported] == [TRANSLATOR_INTRO]


def another_translation(homes):
    """The English translation of another French page."""
    home_fr, home_en = homes
    other = HomePageFactory(parent=home_fr, title="Autre", slug="autre", tagline="", intro="")
    translate_with_localize(other, home_en.locale, {"Autre": "Other", "autre": "other"})
    return translation_of(other, home_en.locale)


def bad_files(client, homes, translation):
    """Each bad file, and a word of the message that refuses it."""
    good = polib.pofile(download(client, translation).content.decode())

    unknown = polib.pofile(str(good))
    unknown.find(INTRO).msgid = "Un texte que la page n’a jamais eu."
    unknown.find("Un texte que la page n’a jamais eu.").msgstr = "Never there."

    half_good = polib.pofile(str(unknown))
    half_good.find("Carnet explore les enjeux de l’IA.").msgstr = "Half of it is good."

    bad_link = polib.pofile(str(good))
    bad_link.find(INTRO).msgstr = 'A <a id="a9">magazine</a> on AI.'

    for_another = polib.pofile(download(client, another_translation(homes)).content.decode())
    no_header = polib.pofile(str(good))
    no_header.metadata = {}

    return [
        (bytes(range(256)) * 4, "n’est pas un fichier PO lisible"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "n’est pas un fichier PO lisible"),
        (b"Dear translator, here is the text.\n", "n’est pas un fichier PO lisible"),
        (b"", "n’a pas été téléchargé depuis cette traduction"),
        (str(no_header).encode(), "n’a pas été téléchargé depuis cette traduction"),
        (str(for_another).encode(), "n’a pas été téléchargé depuis cette traduction"),
        (str(unknown).encode(), "Un texte que la page n’a jamais eu."),
        (str(half_good).encode(), "ne correspond pas à ce qu’il y a à traduire"),
        (str(bad_link).encode(), "ID non reconnu dans la balise"),
    ]


def test_a_bad_po_file_is_refused_with_a_reason_and_changes_nothing(
    client, homes, english, editor, django_capture_on_commit_callbacks
):
    _home_en, translation = english
    as_user(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        files = bad_files(client, homes, translation)
    before = string_translations(translation)

    for content, reason in files:
        message = upload(client, translation, content)

        assert reason in message, content[:60]
        assert "importé" not in message
        assert string_translations(translation) == before


def test_an_upload_without_a_file_asks_for_one(client, english, editor):
    home_en, translation = english
    before = string_translations(translation)

    response = as_user(client, editor).post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"next": edit_url(home_en)},
        follow=True,
    )

    assert response.status_code == 200
    assert "Choisissez un fichier PO à envoyer." in messages_of(response)
    assert string_translations(translation) == before


def test_only_those_who_may_edit_the_translation_can_upload(client, english, django_user_model):
    _home_en, translation = english
    stranger = django_user_model.objects.create_user("stranger", password="x", is_staff=True)
    before = string_translations(translation)

    response = as_user(client, stranger).post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("x.po", download_as_admin(translation))},
    )

    assert response.status_code in (302, 403)
    assert string_translations(translation) == before


def download_as_admin(translation):
    catalogue = translation.export_po()
    catalogue.find(INTRO).msgstr = "Sneaked in."
    return str(catalogue).encode()
