from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from home import checks  # noqa: F401 (registers the checks)

        post_migrate.connect(create_content_locales, sender=self)


def create_content_locales(using, apps=global_apps, **kwargs):
    """A locale for each of WAGTAIL_CONTENT_LANGUAGES, so that a language added to
    CARNET_LANGUAGES can be translated into once `migrate` has run (`flush` sends no `apps`).
    A locale whose language left the setting is kept, with a warning (`home.checks`)."""
    from wagtail.coreutils import get_content_languages

    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code in get_content_languages():
        Locale.objects.using(using).get_or_create(language_code=language_code)
