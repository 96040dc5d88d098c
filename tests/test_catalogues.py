"""Every interface string is translated in every shipped catalogue; what is not translated
yet shows in English; a new language's catalogue starts from the English strings."""

import gettext
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from core.catalogues import compiled, reference_catalogue

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))
SHIPPED = {path.parts[-3] for path in CATALOGUES}


def test_french_english_and_spanish_are_shipped_and_the_configured_languages_too():
    assert {"fr", "en", "es"} <= SHIPPED
    assert {code for code, _name in settings.LANGUAGES} <= SHIPPED


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: "/".join(path.parts[-3:]))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    entries = [entry for entry in catalogue if not entry.obsolete]

    assert entries
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: "/".join(path.parts[-3:]))
def test_catalogue_has_every_english_string(path):
    english = {(entry.msgctxt, entry.msgid) for entry in reference_catalogue()}
    strings = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path))}

    assert english - strings == set()


@pytest.mark.parametrize(
    ("code", "text"),
    [("fr", "Page introuvable"), ("en", "Page not found"), ("es", "Página no encontrada")],
)
def test_each_catalogue_is_compiled_and_used(code, text):
    with translation.override(code):
        assert translation.gettext("Page not found") == text


def test_what_a_catalogue_does_not_translate_yet_is_compiled_in_english(tmp_path):
    reference = reference_catalogue()
    spanish = polib.pofile(str(Path(settings.BASE_DIR, "locale/es/LC_MESSAGES/django.po")))
    spanish.find("Page not found").msgstr = ""
    fuzzy = spanish.find("Skip to content")
    fuzzy.flags.append("fuzzy")
    spanish.remove(spanish.find("Search the magazine"))
    mo_path = tmp_path / "django.mo"

    compiled(spanish, reference).save_as_mofile(str(mo_path))

    with mo_path.open("rb") as mo_file:
        catalogue = gettext.GNUTranslations(mo_file)
    assert catalogue.gettext("Page not found") == "Page not found"
    assert catalogue.gettext("Skip to content") == "Skip to content"
    assert catalogue.gettext("Search the magazine") == "Search the magazine"
    assert catalogue.gettext("Subscribe") == "Suscribirse"


def test_a_new_language_starts_from_the_english_strings(settings, tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(Path(settings.BASE_DIR, "locale", "en"), locale / "en")
    settings.LOCALE_PATHS = [locale, tmp_path / "build"]
    out = StringIO()

    call_command("update_catalogues", "de", stdout=out)

    german = polib.pofile(str(locale / "de" / "LC_MESSAGES" / "django.po"))
    total = len(reference_catalogue())
    assert f"de: created, {total} untranslated and 0 fuzzy of {total}" in out.getvalue()
    assert german.metadata["Language"] == "de"
    assert german.metadata["Plural-Forms"].startswith("nplurals=2;")
    assert len(german.untranslated_entries()) == total
