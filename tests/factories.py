"""Factories for test data: small, explicit, built on wagtail-factories."""

import wagtail_factories
from wagtail.models import Locale

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Carnet"
    intro = "<p>Un magazine sur l’intelligence artificielle.</p>"
    tagline = "Carnet explore les enjeux de l’IA."

    class Meta:
        model = HomePage


def english_locale():
    locale, _created = Locale.objects.get_or_create(language_code="en")
    return locale
