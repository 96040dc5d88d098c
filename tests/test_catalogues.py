"""Every interface string is translated: no empty or fuzzy entry in any catalogue."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))


def test_every_language_has_a_catalogue():
    languages = {path.parts[-3] for path in CATALOGUES}

    assert languages == {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: "/".join(path.parts[-3:]))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    entries = [entry for entry in catalogue if not entry.obsolete]

    assert entries
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_french_catalogue_is_compiled_and_used():
    with translation.override("fr"):
        assert translation.gettext("Page not found") == "Page introuvable"
    with translation.override("en"):
        assert translation.gettext("Page not found") == "Page not found"
