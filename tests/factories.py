"""Factories for test data: small, explicit, built on wagtail-factories."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from home.models import HomePage
from newsletter.models import Subscriber


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Carnet"
    intro = "<p>Un magazine sur l’intelligence artificielle.</p>"
    tagline = "Carnet explore les enjeux de l’IA."

    class Meta:
        model = HomePage


def english_locale():
    locale, _created = Locale.objects.get_or_create(language_code="en")
    return locale


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed French subscriber unless told otherwise."""

    email = factory.Sequence(lambda number: f"reader{number}@example.com")
    language = "fr"
    status = Subscriber.Status.CONFIRMED
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(
        lambda subscriber: (
            timezone.now() if subscriber.status == Subscriber.Status.CONFIRMED else None
        )
    )

    class Meta:
        model = Subscriber


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
