"""Helpers and fixtures for the tests of a site in more languages than French and English
(loaded for every test module by `pytest_plugins` in tests/conftest.py)."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from config.languages import language_settings
from editorial.localize import translate_with_localize
from home.apps import create_content_locales
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, paragraph


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


SPANISH_HOME = {
    "Carnet": "Carnet",
    "carnet": "carnet",
    "Un magazine sur l’intelligence artificielle.": "Una revista sobre inteligencia artificial.",
    "Carnet explore les enjeux de l’IA.": "Carnet explora lo que está en juego con la IA.",
}
ARABIC_HOME = {
    "Carnet": "كارنيه",
    "carnet": "carnet",
    "Un magazine sur l’intelligence artificielle.": "مجلة عن الذكاء الاصطناعي.",
    "Carnet explore les enjeux de l’IA.": "تستكشف كارنيه رهانات الذكاء الاصطناعي.",
}
FRENCH_BODY = "La souveraineté numérique suppose des modèles algorithmiques ouverts."
ENGLISH_BODY = "Digital sovereignty needs open models and a careful regulation."
SPANISH_BODY = "La soberanía digital exige regulaciones claras de los modelos algorítmicos."


@pytest.fixture
def spanish(settings, homes, django_capture_on_commit_callbacks):
    """CARNET_LANGUAGES=fr,en,es: the home page and an article in the three languages."""
    configure_languages(settings, "fr,en,es")
    home_fr, home_en = homes
    capture = django_capture_on_commit_callbacks
    home_es = translate_into(home_fr, "es", SPANISH_HOME, capture)
    with capture(execute=True):
        index = ArticleIndexPageFactory(parent=home_fr)
        article = ArticlePageFactory(
            parent=index,
            title="Souveraineté",
            body=[paragraph(FRENCH_BODY)],
            date_published=datetime.date(2025, 2, 1),
        )
    pages = {"fr": {"home": home_fr, "article": article}, "en": {"home": home_en}}
    texts = {
        "en": {"articles": "articles", "Souveraineté": "Sovereignty", FRENCH_BODY: ENGLISH_BODY},
        "es": {"articles": "articulos", "Souveraineté": "Soberanía", FRENCH_BODY: SPANISH_BODY},
    }
    pages["es"] = {"home": home_es}
    for code in ("en", "es"):
        translate_into(index, code, texts[code], capture)
        pages[code]["article"] = translate_into(article, code, texts[code], capture)
    return pages


@pytest.fixture
def arabic(settings, homes, django_capture_on_commit_callbacks):
    """CARNET_LANGUAGES=fr,en,ar: the home page in Arabic, written right to left."""
    configure_languages(settings, "fr,en,ar")
    home_fr, _home_en = homes
    return translate_into(home_fr, "ar", ARABIC_HOME, django_capture_on_commit_callbacks)
