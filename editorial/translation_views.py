"""Admin views of the translation workflow: the status report, and two wagtail-localize
views made to refuse bad input and failing services with a message instead of an error."""

import contextlib
import os
import tempfile

import django_filters
import polib
import requests
from django import forms
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import SourceDeletedError, StringSegment, Translation, get_edit_url
from wagtail_localize.strings import StringValue, validate_translation_links
from wagtail_localize.views.edit_translation import (
    apply_machine_translation,
    user_can_edit_instance,
)

from editorial.translation_status import Kind, Status, TranslationStatus

TRANSLATOR = "wagtail_localize.submit_translation"


def can_translate(user):
    return user.has_perm(TRANSLATOR)


def other_languages():
    """The content languages translated into, for the report's language filter."""
    source = Locale.get_default().language_code
    return [(code, name) for code, name in get_content_languages().items() if code != source]


class TranslationStatusFilterSet(WagtailFilterSet):
    """The report's filters. Its rows are not a queryset: the view filters them itself.

    A row is kept when one of the chosen statuses (when none is chosen: any status but up to
    date) is its status in the chosen language (when none is chosen: in any language). So
    "Español" with "Missing" and "Out of date" lists what is missing or out of date in
    Spanish, and "Español" alone what is not up to date in Spanish.
    """

    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"),
        choices=other_languages,
        empty_label=gettext_lazy("All languages"),
    )
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Type"),
        choices=Kind.choices,
        empty_label=gettext_lazy("All types"),
    )


class LanguageColumn(Column):
    """A language's cell of each row: the status there, why, and the link to the next step."""

    cell_template_name = "editorial/admin/translation_status_cell.html"

    def get_value(self, instance):
        return instance.cell(self.name)


class TranslationStatusView(ReportView):
    """Reports › Translation status: every page and translatable snippet, a column per language."""

    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"
    index_url_name = "carnet_translation_status"
    index_results_url_name = "carnet_translation_status_results"
    template_name = "editorial/admin/translation_status.html"
    results_template_name = "editorial/admin/translation_status_results.html"
    filterset_class = TranslationStatusFilterSet

    def dispatch(self, request, *args, **kwargs):
        if not can_translate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def report(self):
        return TranslationStatus(next_url=self.report_url())

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=gettext_lazy("Page or snippet"),
                get_url=lambda row: row.source_edit_url,
            ),
            Column("type_label", label=gettext_lazy("Type")),
            *(LanguageColumn(code, label=name) for code, name in self.report.languages),
        ]

    def get_filterset_kwargs(self):
        # django-filter wants a queryset to take its model from; the rows are filtered in
        # filter_queryset below, never through it.
        return {**super().get_filterset_kwargs(), "queryset": Locale.objects.none()}

    def get_queryset(self):
        return self.report.rows()

    def filter_queryset(self, rows):
        if not (self.filters and self.filters.is_valid()):
            return rows
        chosen = self.filters.form.cleaned_data
        if chosen.get("kind"):
            rows = [row for row in rows if row.kind == chosen["kind"]]
        language, statuses = chosen.get("language"), set(chosen.get("status") or ())
        if not (language or statuses):
            return rows
        statuses = statuses or set(Status) - {Status.UP_TO_DATE}
        return [
            row
            for row in rows
            if any(
                cell.status in statuses
                for cell in row.cells
                if language in (None, "", cell.language_code)
            )
        ]

    def report_url(self):
        """The report as the user sees it, filters included: where its links come back to."""
        query = self.request.GET.copy()
        for name in ("_w_filter_fragment", self.page_kwarg):
            query.pop(name, None)
        return f"{self.index_url}?{query.urlencode()}" if query else self.index_url


class BadPOFile(Exception):
    """An uploaded PO file that cannot be imported, with the message that says why."""


@require_POST
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, made all or nothing.

    A file that is not a PO file, was made for another translation, holds source texts that
    the translation does not have, or translations whose markup does not match their
    source, is refused with a message saying so, and nothing is imported.
    """
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    instance = target_instance(translation)
    if not user_can_edit_instance(request.user, instance):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or get_edit_url(instance)

    try:
        catalogue = read_pofile(request.FILES.get("file"))
        check_pofile(catalogue, translation)
        translation.import_po(catalogue, user=request.user, tool_name="PO File")
    except BadPOFile as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The PO file was imported: its translations are in the editor below.")
        )
    return redirect(next_url)


def target_instance(translation):
    try:
        return translation.get_target_instance()
    except (ObjectDoesNotExist, SourceDeletedError) as error:
        raise Http404 from error


def read_pofile(upload):
    if upload is None:
        raise BadPOFile(_("Choose a PO file to upload."))
    # polib reads a file name or a file's contents: always give it a file name, so that an
    # uploaded path is never read as a file of the server.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
    try:
        return polib.pofile(copy.name)
    except (OSError, UnicodeError, ValueError) as error:
        raise BadPOFile(
            _("“%(name)s” is not a PO file that can be read: %(error)s")
            % {"name": upload.name, "error": error}
        ) from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(copy.name)


def check_pofile(catalogue, translation):
    """Refuse a catalogue made for something else; keep only its current entries."""
    if catalogue.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        raise BadPOFile(
            _(
                "This PO file was not downloaded from this translation (%(title)s, %(language)s). "
                "Download the PO file of this translation and upload it once translated."
            )
            % {
                "title": translation.source.object_repr,
                "language": translation.target_locale.get_display_name(),
            }
        )

    # Obsolete entries are earlier texts, exported for reference only.
    catalogue[:] = [entry for entry in catalogue if not entry.obsolete]
    segments = set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "context__path", "string__data"
        )
    )
    unknown = [entry.msgid for entry in catalogue if (entry.msgctxt, entry.msgid) not in segments]
    if unknown:
        raise BadPOFile(
            ngettext(
                "This PO file does not match what there is to translate: its text “%(text)s” "
                "is not among the source’s. The source may have changed since the file was "
                "downloaded: download it again.",
                "This PO file does not match what there is to translate: %(count)d of its "
                "texts, such as “%(text)s”, are not among the source’s. The source may have "
                "changed since the file was downloaded: download it again.",
                len(unknown),
            )
            % {"count": len(unknown), "text": unknown[0]}
        )

    for entry in catalogue:
        if not entry.msgstr:
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
        except ValueError as error:
            raise BadPOFile(
                _("The translation of “%(text)s” cannot be used: %(error)s")
                % {"text": entry.msgid, "error": error}
            ) from error


# What a machine translator raises when its service is unreachable or answers unexpectedly.
MACHINE_TRANSLATION_ERRORS = (requests.RequestException, KeyError, ValueError)


@require_POST
def machine_translate(request, translation_id):
    """wagtail-localize's "Translate with …", with a message when the service fails."""
    translator = get_machine_translator()
    if translator is None:
        raise Http404
    translation = get_object_or_404(Translation, pk=translation_id)
    try:
        translated = apply_machine_translation(translation.pk, request.user, translator)
    except MACHINE_TRANSLATION_ERRORS:
        messages.error(
            request,
            _("%(translator)s did not answer as expected; nothing was changed. Try again later.")
            % {"translator": translator.display_name},
        )
    else:
        if translated:
            messages.success(
                request,
                _("Translated with %(translator)s: read every segment before submitting.")
                % {"translator": translator.display_name},
            )
        else:
            messages.warning(request, _("Every segment has a translation already."))
    next_url = get_valid_next_url_from_request(request)
    return redirect(next_url or get_edit_url(target_instance(translation)))
