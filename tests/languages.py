"""Helpers for the tests of a site in more languages than French and English."""

from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from config.languages import language_settings
from editorial.localize import translate_with_localize
from home.apps import create_content_locales


def configure_languages(settings, value):
    """What `CARNET_LANGUAGES=value` gives, applied to a test: the settings, the locales
    that `migrate` creates, the compiled catalogues that `make test` compiles."""
    for name, setting in language_settings(value).items():
        setattr(settings, name, setting)
    create_content_locales(using="default")
    call_command("compile_catalogues", verbosity=0, stdout=None)


def translate_into(instance, code, texts, capture):
    """Translate a page or snippet into `code` through wagtail-localize: each source segment
    takes its text from `texts`, else a marked copy (slugs stay valid)."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    segments = StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    mapping = {
        text: texts.get(text, f"{text}-{code}" if text.islower() else f"[{code}] {text}")
        for text in segments
    }
    with capture(execute=True):
        translated = translate_with_localize(
            instance, Locale.objects.get(language_code=code), mapping
        )
    translated.refresh_from_db()
    return translated
