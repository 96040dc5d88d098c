"""The interface catalogues in locale/: English is the reference, every other language
follows it, and an untranslated string shows in English, never in another language.

English is the language the code is written in, so the English catalogue is complete by
construction (each entry is its own translation). Django looks a string missing from a
language's catalogue up in the default language's (French), so the compiled catalogue of
every language carries the English text of whatever is not translated yet.
"""

import re
from pathlib import Path

import django
from django.conf import settings
from polib import POEntry, POFile, pofile

REFERENCE = "en"
DOMAIN = "django"


def catalogue_path(code):
    return Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def fallback_path(code):
    """Where the compiled English catalogue of a language without a catalogue goes: out of
    locale/, where `makemessages --all` would take it for a shipped language."""
    return Path(settings.LOCALE_PATHS[-1]) / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def shipped_languages():
    """The languages with a catalogue in locale/."""
    return sorted(
        path.parts[-3] for path in Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/*.po")
    )


def reference_catalogue():
    """The English catalogue, every entry translated by its own text."""
    catalogue = pofile(str(catalogue_path(REFERENCE)))
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.metadata["Language"] = REFERENCE
    return catalogue


def plural_forms(code):
    """The language's Plural-Forms header, taken from Django's own catalogue of it."""
    django_catalogue = Path(django.__file__).parent / "conf" / "locale" / code.replace("-", "_")
    path = django_catalogue / "LC_MESSAGES" / "django.po"
    if path.exists():
        return pofile(str(path)).metadata.get("Plural-Forms", "nplurals=2; plural=(n != 1);")
    return "nplurals=2; plural=(n != 1);"


def follow_reference(code, reference):
    """The catalogue of `code`, created if missing, with every entry of the reference:
    new ones untranslated, those gone from the reference removed."""
    path = catalogue_path(code)
    if path.exists():
        catalogue = pofile(str(path))
    else:
        catalogue = POFile()
        catalogue.metadata = {
            **reference.metadata,
            "Language": code,
            "Plural-Forms": plural_forms(code),
        }
    catalogue.merge(reference_template(reference))
    for entry in [entry for entry in catalogue if entry.obsolete]:
        catalogue.remove(entry)
    forms = plural_count(catalogue.metadata.get("Plural-Forms", ""))
    for entry in catalogue:
        if entry.msgid_plural and not entry.msgstr_plural:
            entry.msgstr_plural = dict.fromkeys(range(forms), "")
    return catalogue


def plural_count(header):
    """The number of plural forms a Plural-Forms header declares (2 if it says none)."""
    match = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(match.group(1)) if match else 2


def reference_template(reference):
    """The reference's entries without their translations (a .pot)."""
    template = POFile()
    template.metadata = dict(reference.metadata)
    for entry in reference:
        if entry.obsolete:
            continue
        template.append(
            POEntry(
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgctxt=entry.msgctxt,
                occurrences=entry.occurrences,
                comment=entry.comment,
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
    return template


def left_to_translate(catalogue):
    """(untranslated, fuzzy) counts of a catalogue."""
    return len(catalogue.untranslated_entries()), len(catalogue.fuzzy_entries())


def compiled(catalogue, reference):
    """`catalogue` ready to compile: what it does not translate (untranslated, fuzzy or
    missing entries) carries the reference's English text."""
    result = POFile()
    result.metadata = dict(catalogue.metadata)
    translated = {
        (entry.msgctxt, entry.msgid): entry
        for entry in catalogue
        if entry.translated() and not entry.obsolete
    }
    for entry in reference:
        if entry.obsolete:
            continue
        result.append(translated.pop((entry.msgctxt, entry.msgid), entry))
    result.extend(translated.values())
    return result
