"""wagtail-localize's "Translate" forms, made to touch only what the translation needs.

When a page or snippet is translated, wagtail-localize also translates what it points at
(its topics, its authors), so that the translation can point at their translations. But
it does so even when they are translated already: it saves each of their translations
again, which leaves a no-change draft on a live topic page ("Live + Draft", and "not live
yet" in the translation status report) and overwrites a translated author with its
source. Here, what is translated already into a chosen language is left as it is.
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import ngettext
from wagtail.models import Page
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.tasks import background
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)


class LeaveTranslatedAloneCreator(TranslationCreator):
    """wagtail-localize's TranslationCreator, which leaves alone the related objects that
    are translated already into every chosen language.

    wagtail-localize calls `create_translations(…, include_related_objects=False)` for
    the objects that the one being translated points at (and only for them).
    """

    def create_translations(self, instance, include_related_objects=True):
        if not include_related_objects and self.translated_into_every_locale(instance):
            return
        super().create_translations(instance, include_related_objects=include_related_objects)

    def translated_into_every_locale(self, instance):
        wanted = {locale.pk for locale in self.target_locales} - {instance.locale_id}
        translations = instance.get_translations()
        if isinstance(instance, Page):
            translations = translations.exclude(alias_of__isnull=False)
        return wanted <= set(translations.values_list("locale_id", flat=True))


def translate_subtree(page_id, locales, components, user):
    """wagtail-localize's translate_page_subtree, with LeaveTranslatedAloneCreator."""
    with transaction.atomic():
        creator = LeaveTranslatedAloneCreator(user, locales)
        for page in Page.objects.get(pk=page_id).get_descendants().order_by("path"):
            creator.create_translations(page)
        if components is not None:
            components.save(creator, sources_and_translations=creator.mappings)


class TranslateOnlyWhatIsNeeded:
    """The "Translate" view's work, done by LeaveTranslatedAloneCreator; the rest as is."""

    def form_valid(self, form):
        locales = form.cleaned_data["locales"]
        with transaction.atomic():
            creator = LeaveTranslatedAloneCreator(self.request.user, locales)
            creator.create_translations(self.object)
            self.components.save(creator, sources_and_translations=creator.mappings)
        if isinstance(self.object, Page) and form.cleaned_data["include_subtree"]:
            background.enqueue(
                translate_subtree,
                [self.object.pk, locales, self.components, self.request.user],
                {},
            )
        translated = None
        if len(locales) == 1:
            chosen = locales[0].get_display_name()
            translated = self.object.get_translation(locales[0])
        else:
            chosen = ngettext("%(count)d language", "%(count)d languages", len(locales)) % {
                "count": len(locales)
            }
        messages.success(self.request, self.get_success_message(chosen))
        return redirect(self.get_success_url() or self.get_default_success_url(translated))


class PageTranslationView(TranslateOnlyWhatIsNeeded, SubmitPageTranslationView):
    """wagtail-localize's "Translate this page"."""


class SnippetTranslationView(TranslateOnlyWhatIsNeeded, SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" of a snippet."""
