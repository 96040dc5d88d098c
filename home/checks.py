"""System checks about the site's languages."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database)
def locales_without_a_language(app_configs, databases=None, **kwargs):
    """Warn about a Wagtail locale whose language left CARNET_LANGUAGES.

    Its pages are kept (nothing is deleted when a language is removed from the setting), but
    readers can no longer reach them. Runs with `migrate` and `check --database default`.
    """
    from wagtail.models import Locale

    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    warnings = []
    for alias in databases or ():
        try:
            orphans = list(
                Locale.objects.using(alias)
                .exclude(language_code__in=codes)
                .values_list("language_code", flat=True)
            )
        except DatabaseError:  # before the first migration
            continue
        for code in orphans:
            warnings.append(
                Warning(
                    f"The locale {code!r} is kept, with its pages, but its language is not in "
                    f"CARNET_LANGUAGES ({','.join(codes)}): readers cannot reach those pages.",
                    hint=f"Add {code} back to CARNET_LANGUAGES, or delete the locale in the "
                    "admin (Settings → Locales) once its pages are no longer needed.",
                    id="home.W001",
                )
            )
    return warnings
