"""How complete a translation is, and the rule that nothing incomplete goes live.

A translation is complete when each of its source's segments has a usable translation
into the target language: every text segment (text, rich text, alt text, slug, SEO
fields) and every snippet it shows (an author, a topic), which must exist in that
language. wagtail-localize fills the gaps with the source's text; Carnet lets that
happen only when an editor chose it explicitly for the translation (`SourceTextFallback`).
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.models import TranslatableMixin
from wagtail_localize.models import (
    RelatedObjectSegment,
    SourceDeletedError,
    StringSegment,
    Translation,
    get_edit_url,
)

from editorial.models import SourceTextFallback


@dataclass
class Progress:
    """Where one translation stands: its segments, those missing, and the editor's choice."""

    translation: Translation
    total: int
    missing: int
    first_missing: str
    fallback: SourceTextFallback | None

    @property
    def translated(self):
        return self.total - self.missing

    @property
    def complete(self):
        return self.missing == 0

    @property
    def may_go_live(self):
        """Complete, or an editor chose to show the source's text where it is not."""
        return self.complete or self.fallback is not None

    @property
    def label(self):
        """The progress as the reviewer's screens show it: "9 of 12 segments"."""
        return ngettext(
            "%(translated)d of %(total)d segment",
            "%(translated)d of %(total)d segments",
            self.total,
        ) % {"translated": self.translated, "total": self.total}

    @property
    def source_language(self):
        return self.translation.source.locale.get_display_name()

    @property
    def fallback_notice(self):
        """What the reviewer is told of the editor's choice to show the source's text."""
        if self.fallback is None or self.complete:
            return ""
        return ngettext(
            "%(count)d segment will be shown in %(language)s, the source language: "
            "%(editor)s chose to show the source text where a translation is missing.",
            "%(count)d segments will be shown in %(language)s, the source language: "
            "%(editor)s chose to show the source text where a translation is missing.",
            self.missing,
        ) % {
            "count": self.missing,
            "language": self.source_language,
            "editor": self.fallback.chosen_by_name,
        }


def progress_of(translation):
    """The progress of a wagtail-localize translation, in a few queries."""
    locale = translation.target_locale
    missing = []
    strings = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate_translation(locale)
        .select_related("string")
        .order_by("order")
    )
    total = 0
    for segment in strings:
        total += 1
        if segment.translation is None:
            missing.append((segment.order, Truncator(segment.string.data).chars(80)))
    snippets = RelatedObjectSegment.objects.filter(source_id=translation.source_id).select_related(
        "object"
    )
    for segment in snippets:
        total += 1
        if not segment.object.has_translation(locale):
            missing.append((segment.order, related_object_name(segment)))
    missing.sort(key=lambda item: item[0])
    return Progress(
        translation=translation,
        total=total,
        missing=len(missing),
        first_missing=missing[0][1] if missing else "",
        fallback=SourceTextFallback.objects.filter(translation=translation)
        .select_related("chosen_by")
        .first(),
    )


def related_object_name(segment):
    """How the translation editor names a snippet shown by the source: the source's own."""
    try:
        return str(segment.object.get_instance(segment.source.locale))
    except ObjectDoesNotExist:
        return segment.object.content_type.name


def translation_writing(instance):
    """The synchronised translation that writes `instance`, or None (a source, or made by hand)."""
    if not isinstance(instance, TranslatableMixin):
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .exclude(source__locale_id=instance.locale_id)
        .select_related("source", "source__locale", "target_locale")
        .first()
    )


def editor_url(translation):
    try:
        return get_edit_url(translation.get_target_instance())
    except (ObjectDoesNotExist, SourceDeletedError):
        return ""


def refuse(request, progress, action):
    """Tell the user why `action` (submit, approve, publish) is refused: how many segments
    are missing, with a link to the translation editor that names the first of them."""
    count = progress.missing
    values = {
        "title": progress.translation.source.object_repr,
        "language": progress.translation.target_locale.get_display_name(),
        "count": count,
        "total": progress.total,
    }
    sentences = {
        "submit": ngettext(
            "The translation “%(title)s” (%(language)s) cannot be submitted for review: "
            "%(count)d of its %(total)d segments has no translation yet.",
            "The translation “%(title)s” (%(language)s) cannot be submitted for review: "
            "%(count)d of its %(total)d segments have no translation yet.",
            count,
        ),
        "approve": ngettext(
            "The translation “%(title)s” (%(language)s) cannot be approved: "
            "%(count)d of its %(total)d segments has no translation yet.",
            "The translation “%(title)s” (%(language)s) cannot be approved: "
            "%(count)d of its %(total)d segments have no translation yet.",
            count,
        ),
        "publish": ngettext(
            "The translation “%(title)s” (%(language)s) cannot be published: "
            "%(count)d of its %(total)d segments has no translation yet.",
            "The translation “%(title)s” (%(language)s) cannot be published: "
            "%(count)d of its %(total)d segments have no translation yet.",
            count,
        ),
    }
    first = _("Translate the first one: “%(segment)s”") % {"segment": progress.first_missing}
    url = editor_url(progress.translation)
    buttons = [messages.button(url, first)] if url else None
    messages.error(request, sentences[action] % values, buttons=buttons)
