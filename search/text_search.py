"""Which PostgreSQL text-search configuration serves which language.

French is stemmed with PostgreSQL's French Snowball stemmer after `unaccent`, so « société »,
« societe » and « sociétés » meet; English is stemmed with the English stemmer. Suggestions
(autocomplete) match title prefixes, so they use unstemmed configurations: `simple`, with
`unaccent` in front for French. The two `carnet_*` configurations are created by the
migration `search/migrations/0001_text_search_configurations.py` (PostgreSQL only).

This module imports nothing PostgreSQL-specific: the search view uses it on every database.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import post_delete, post_save


@dataclass(frozen=True)
class TextSearchConfig:
    search: str
    autocomplete: str


CONFIGS_BY_LANGUAGE = {
    "fr": TextSearchConfig(search="carnet_french", autocomplete="carnet_simple_unaccent"),
    "en": TextSearchConfig(search="english", autocomplete="simple"),
}
# A language without its own entry is indexed and queried without stemming.
UNKNOWN_LANGUAGE_CONFIG = TextSearchConfig(search="simple", autocomplete="simple")


def config_for_language(language_code):
    return CONFIGS_BY_LANGUAGE.get(language_code, UNKNOWN_LANGUAGE_CONFIG)


def content_language_configs():
    """The configuration of every content language, the default language first."""
    default = settings.LANGUAGE_CODE
    codes = [default] + [
        code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != default
    ]
    return [config_for_language(code) for code in codes]


_language_by_locale_id = {}


def language_of_locale(locale_id):
    """The language code of a Locale, from a small cache refreshed whenever a Locale changes.

    Indexing and querying need it for every object and every search; the Locale table holds
    a handful of rows, so one query loads them all.
    """
    global _language_by_locale_id
    if locale_id not in _language_by_locale_id:
        from wagtail.models import Locale

        _language_by_locale_id = dict(Locale.objects.values_list("pk", "language_code"))
    return _language_by_locale_id.get(locale_id)


def forget_locales(**kwargs):
    global _language_by_locale_id
    _language_by_locale_id = {}


def connect_locale_signals():
    from wagtail.models import Locale

    post_save.connect(forget_locales, sender=Locale, dispatch_uid="carnet_search_forget_locales")
    post_delete.connect(
        forget_locales, sender=Locale, dispatch_uid="carnet_search_forget_locales_deleted"
    )
