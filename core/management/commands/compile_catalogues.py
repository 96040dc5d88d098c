"""Compile locale/*/LC_MESSAGES/*.po into .mo files without needing GNU gettext.

Django's compilemessages calls msgfmt, which a fresh machine may not have; polib
compiles the same catalogues in pure Python (fuzzy entries are left out, as msgfmt does).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from polib import pofile


class Command(BaseCommand):
    help = "Compile the gettext catalogues in LOCALE_PATHS into .mo files."

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(locale_path.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
