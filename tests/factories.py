"""Factories for test data: small, explicit, built on wagtail-factories."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
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


class UserFactory(factory.django.DjangoModelFactory):
    """An account; `groups=["Editors"]` puts it in groups by name."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("secret-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*(Group.objects.get(name=name) for name in names))
