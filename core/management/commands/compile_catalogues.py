"""Compile locale/*/LC_MESSAGES/django.po into .mo files without needing GNU gettext.

Django's compilemessages calls msgfmt, which a fresh machine may not have; polib compiles
the same catalogues in pure Python. What a catalogue does not translate yet (untranslated,
fuzzy or missing entries) is compiled with its English text (`core.catalogues`), and a
language of CARNET_LANGUAGES without a catalogue gets the English one (in build/locale/): an
interface string never shows in another language than English or the reader's.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from polib import pofile

from core.catalogues import (
    REFERENCE,
    catalogue_path,
    compiled,
    fallback_path,
    reference_catalogue,
    shipped_languages,
)


class Command(BaseCommand):
    help = "Compile the gettext catalogues of locale/ into .mo files, English where untranslated."

    def handle(self, *args, **options):
        reference = reference_catalogue()
        reference_time = catalogue_path(REFERENCE).stat().st_mtime
        codes = sorted(set(shipped_languages()) | {code for code, _name in settings.LANGUAGES})
        count = 0
        for code in codes:
            po_path = catalogue_path(code)
            mo_path = po_path.with_suffix(".mo") if po_path.exists() else fallback_path(code)
            sources = [reference_time] + ([po_path.stat().st_mtime] if po_path.exists() else [])
            if mo_path.exists() and mo_path.stat().st_mtime >= max(sources):
                continue
            catalogue = pofile(str(po_path)) if po_path.exists() else reference
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            compiled(catalogue, reference).save_as_mofile(str(mo_path))
            count += 1
        self.stdout.write(f"Compiled {count} catalogue(s).")
