"""Fill locale/en from its own msgids: English is the language the interface is written in."""

from django.conf import settings
from django.core.management.base import BaseCommand
from polib import pofile


class Command(BaseCommand):
    help = "Give every untranslated or fuzzy entry of the English catalogues its own msgid."

    def handle(self, *args, **options):
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(locale_path.glob("en/LC_MESSAGES/*.po")):
                catalogue = pofile(str(po_path))
                for entry in catalogue:
                    if entry.obsolete:
                        continue
                    if entry.msgid_plural:
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                    else:
                        entry.msgstr = entry.msgid
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                catalogue.metadata["Language"] = "en"
                catalogue.save()
                self.stdout.write(f"Completed {po_path}.")
