"""Bring every interface catalogue in line with the English one, and say what is left.

`manage.py update_catalogues` (after `makemessages`, as `make makemessages` does) completes
the English catalogue (each entry its own text), then gives every other catalogue the
entries it lacks, untranslated, and drops those the code no longer has.
`manage.py update_catalogues de` also creates locale/de/LC_MESSAGES/django.po from the
English strings. Each language's count of untranslated and fuzzy entries is printed.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import check_for_language

from core.catalogues import (
    REFERENCE,
    catalogue_path,
    follow_reference,
    left_to_translate,
    reference_catalogue,
    shipped_languages,
)


class Command(BaseCommand):
    help = "Complete the English catalogue, create or update the others, report what is left."

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="new languages to create a catalogue for")

    def handle(self, *args, languages, **options):
        for code in languages:
            if not check_for_language(code) and code.replace("-", "_") == code:
                raise CommandError(f"{code!r} is not a language Django knows.")
        reference = reference_catalogue()
        reference.save(str(catalogue_path(REFERENCE)))
        total = len([entry for entry in reference if not entry.obsolete])
        self.stdout.write(f"{REFERENCE}: {total} strings, the reference.")
        for code in sorted(set(shipped_languages()) | set(languages)):
            if code == REFERENCE:
                continue
            path = catalogue_path(code)
            created = not path.exists()
            catalogue = follow_reference(code, reference)
            path.parent.mkdir(parents=True, exist_ok=True)
            catalogue.save(str(path))
            untranslated, fuzzy = left_to_translate(catalogue)
            state = "created" if created else "updated"
            left = f"{untranslated} untranslated and {fuzzy} fuzzy of {total}"
            self.stdout.write(f"{code}: {state}, {left} ({path}).")
