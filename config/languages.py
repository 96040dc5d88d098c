"""The site's languages, from one setting: `CARNET_LANGUAGES`.

`CARNET_LANGUAGES=fr,en,es` (comma-separated language codes, the first one the default and
the usual source of translations; `fr,en` when unset) gives Django's `LANGUAGE_CODE` and
`LANGUAGES` and Wagtail's `WAGTAIL_CONTENT_LANGUAGES`. Everything else (locales, addresses,
the language switcher, search configurations, the translation report, the newsletter)
reads those settings. A code must be one Django knows (`django.conf.locale.LANG_INFO`),
which also gives each language its own name and its writing direction.
"""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

DEFAULT_LANGUAGES = "fr,en"


def parse_languages(value):
    """The language codes of a `CARNET_LANGUAGES` value, checked: known, once each."""
    codes = [code.strip().lower() for code in (value or "").split(",") if code.strip()]
    if not codes:
        raise ImproperlyConfigured(
            "CARNET_LANGUAGES names no language (e.g. CARNET_LANGUAGES=fr,en)."
        )
    for code in codes:
        if "name_local" not in LANG_INFO.get(code, {}):
            raise ImproperlyConfigured(
                f"CARNET_LANGUAGES: {code!r} is not a language code Django knows "
                "(see django/conf/locale/__init__.py; e.g. fr, en, es, de, ar, he, fa, pt-br)."
            )
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ImproperlyConfigured(f"CARNET_LANGUAGES names {', '.join(duplicates)} twice.")
    return codes


def language_name(code):
    """The language's name in itself, capitalised as a menu item: “Français”, “Español”."""
    name = LANG_INFO[code]["name_local"]
    return name[:1].upper() + name[1:]


def language_settings(value):
    """Django's and Wagtail's language settings for a `CARNET_LANGUAGES` value."""
    codes = parse_languages(value)
    languages = [(code, language_name(code)) for code in codes]
    return {
        "LANGUAGE_CODE": codes[0],
        "LANGUAGES": languages,
        "WAGTAIL_CONTENT_LANGUAGES": languages,
    }


def language_choices():
    """The site's languages, as the choices of a model field: read when used, so that the
    field follows the setting and migrations do not record the languages of the day."""
    from django.conf import settings

    return settings.LANGUAGES
