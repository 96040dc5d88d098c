"""Which stemmer and which PostgreSQL text-search configuration serve which language.

Every language that Snowball stems (the set PostgreSQL ships: Arabic, Danish, Dutch, English,
Finnish, French, German, Greek, Hungarian, Indonesian, Irish, Italian, Lithuanian, Nepali,
Norwegian, Portuguese, Romanian, Russian, Serbian, Spanish, Swedish, Tamil, Turkish,
Armenian, Basque, Catalan, Hindi, Yiddish) is searched with its stemmer, on PostgreSQL and
on SQLite alike:

- PostgreSQL: the configuration `carnet_<snowball name>`, e.g. `carnet_spanish`. Migrations
  0001 and 0005 create one for every language of the set, whatever `CARNET_LANGUAGES` says
  today, so that adding a language needs no new migration. In French (`UNACCENTED`),
  `unaccent` comes before the stemmer, so « société », « societe » and « sociétés » meet.
  Not in the others: their stemmers read accents, and unaccented Spanish « regulación »
  and « regulaciones » no longer share a stem. A server without one of the stemmers gets a
  copy of `simple` under the same name.
- SQLite: the same Snowball algorithms in Python (`snowballstemmer`), at indexing and at query
  time (`search.backends.sqlite`); accents are ignored once a word is stemmed.

A language outside the set (Hebrew, Persian, Japanese…) is matched without stemming: the
`simple` configuration on PostgreSQL, and on SQLite every word of a query as a prefix.
Suggestions (autocomplete) match title prefixes, so they use unstemmed configurations:
`simple`, with `unaccent` in front where the language has it (`carnet_simple_unaccent`).

This module imports nothing PostgreSQL-specific: the search view uses it on every database.
"""

import functools
import re
from dataclasses import dataclass

import snowballstemmer
from django.conf import settings
from django.db.models.signals import post_delete, post_save

# Language code (Django's) → Snowball algorithm, which is also PostgreSQL's name for it.
SNOWBALL_BY_LANGUAGE = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
# Languages searched without their accents on PostgreSQL (readers often leave them out, and
# the French stemmer meets its words unaccented; see above for why not Spanish).
UNACCENTED = {"french"}
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TextSearchConfig:
    search: str
    autocomplete: str
    stemmer: str | None = None


def snowball_name(language_code):
    """The Snowball algorithm of a language (`pt-br` takes `pt`'s), or None."""
    code = (language_code or "").lower()
    return SNOWBALL_BY_LANGUAGE.get(code) or SNOWBALL_BY_LANGUAGE.get(code.split("-")[0])


def postgres_config_name(snowball):
    return f"carnet_{snowball}"


def config_for_language(language_code):
    snowball = snowball_name(language_code)
    if snowball is None:
        return TextSearchConfig(search="simple", autocomplete="simple")
    autocomplete = "carnet_simple_unaccent" if snowball in UNACCENTED else "simple"
    return TextSearchConfig(postgres_config_name(snowball), autocomplete, stemmer=snowball)


def content_languages():
    """The code of every content language, the default language first."""
    default = settings.LANGUAGE_CODE
    return [default] + [
        code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != default
    ]


def content_language_configs():
    """The configuration of every content language, the default language first."""
    return [config_for_language(code) for code in content_languages()]


@functools.cache
def python_stemmer(snowball):
    return snowballstemmer.stemmer(snowball)


def stemmed_words(text, language_code):
    """`text` as a list of its words, lowercased and stemmed by the language's Snowball
    stemmer (unchanged but lowercased in a language without one)."""
    words = WORD.findall(text.casefold())
    snowball = snowball_name(language_code)
    if snowball is None:
        return words
    return python_stemmer(snowball).stemWords(words)


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
