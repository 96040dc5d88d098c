"""Where every page and translatable snippet stands in each of the site's languages.

The source language is the default one (`LANGUAGE_CODE`, the first of `CARNET_LANGUAGES`);
every other content language is a target. The report has a row per source object (a page
or snippet and its translations) and a cell per language, in the settings' order: the
source's cell says it is the source, and each target's cell gets the first status that
applies of:

- missing: no translation in that language (an alias of the source does not count);
- not synced: a translation exists but wagtail-localize does not keep it in sync (it was
  made by hand, or its synchronisation was stopped);
- out of date: the source changed since it was last synced, that is the source as it
  stands in the database (a page as last published, a snippet as last saved) differs,
  in a field that wagtail-localize translates or copies, from the content stored at the
  last sync (`TranslationSource.content_json`); or a live translation has segments
  waiting for their translation (a sync brought new ones), its readers keeping the
  reviewed version meanwhile;
- incomplete: synced, not live, and segments are still waiting for their translation;
  among them, the snippets it shows that have no translation in its language;
- not live yet: everything is translated, but readers do not see it yet: the
  translation was changed or synced since it was last saved, or it is a draft, possibly
  waiting for a reviewer;
- up to date.

The report costs a fixed number of queries, whatever the number of objects and of
languages: a few per page model and per translatable snippet model.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.admin.utils import quote
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, F, FilteredRelation, Max, Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.models import (
    ClusterableModel,
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.coreutils import get_content_languages
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin, WorkflowState
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    RelatedObjectSegment,
    StringSegment,
    Translation,
    TranslationLog,
    TranslationSource,
)

from editorial.models import SourceTextFallback


class Status(models.TextChoices):
    MISSING = "missing", _("Missing")
    NOT_SYNCED = "not_synced", _("Not synced")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    INCOMPLETE = "incomplete", _("Incomplete")
    NOT_LIVE = "not_live", _("Not live yet")
    UP_TO_DATE = "up_to_date", _("Up to date")


class Kind(models.TextChoices):
    PAGE = "page", _("Pages")
    SNIPPET = "snippet", _("Snippets")


@dataclass
class Cell:
    """One source object in one language: its status there, and what to do about it.

    The source language's cell has no status.
    """

    language_code: str
    status: Status | None
    detail: str
    action_label: str
    action_url: str

    @property
    def is_source(self):
        return self.status is None

    @property
    def status_label(self):
        return _("Source") if self.is_source else self.status.label


@dataclass
class Row:
    """One source object with its translations: a line of the report, a cell per language."""

    kind: str
    title: str
    type_label: str
    source_edit_url: str
    cells: list

    def cell(self, language_code):
        return next(cell for cell in self.cells if cell.language_code == language_code)


@dataclass
class Source:
    """What the report needs to know about a source object, whatever its model."""

    kind: str
    model: type
    pk: object
    title: str
    translation_key: object
    edit_url: str
    translate_url: str


@dataclass
class Target:
    """A translated instance: its edit URL and whether readers see its latest version."""

    edit_url: str
    live: bool = True
    has_unpublished_changes: bool = False
    in_review: bool = False


def content_locales():
    """The locales of the content languages, in the settings' order."""
    codes = list(get_content_languages())
    locales = Locale.objects.filter(language_code__in=codes).in_bulk(field_name="language_code")
    return [locales[code] for code in codes if code in locales]


class TranslationStatus:
    """The report's rows: pages first in tree order, then snippets, model by model.

    `languages` are its columns, (code, name) in the settings' order; `next_url` is where
    the translate and sync views send the user back to.
    """

    def __init__(self, next_url=None):
        self.next_url = next_url
        self.source = Locale.get_default()
        self.locales = content_locales()
        names = get_content_languages()
        self.languages = [
            (locale.language_code, names[locale.language_code]) for locale in self.locales
        ]
        self.targets = [locale for locale in self.locales if locale.pk != self.source.pk]

    def rows(self):
        if not self.targets:
            return []
        source = self.source
        sources = page_sources(source) + snippet_sources(source)
        self.translated = {**page_targets(source), **snippet_targets(source)}
        self.translation_sources = {
            row["object_id"]: row
            for row in TranslationSource.objects.filter(locale=source).values(
                "id", "object_id", "content_json", "last_updated_at"
            )
        }
        self.synced = set(
            Translation.objects.filter(source__locale=source, enabled=True).values_list(
                "source_id", "target_locale_id"
            )
        )
        self.last_saved = {
            (row["source_id"], row["locale_id"]): row["last_saved"]
            for row in TranslationLog.objects.filter(source__locale=source)
            .values("source_id", "locale_id")
            .annotate(last_saved=Max("created_at"))
            .order_by()
        }
        self.progress = segment_progress(source)
        for key, count in untranslated_related_objects(source, self.translated).items():
            untranslated, last_translated = self.progress.get(key, (0, None))
            self.progress[key] = (untranslated + count, last_translated)
        self.fallbacks = set(
            SourceTextFallback.objects.filter(translation__source__locale=source).values_list(
                "translation__source_id", "translation__target_locale_id"
            )
        )
        self.source_language_name = source.get_display_name()
        self.changed = self.sources_changed_since_sync(sources)
        return [
            Row(
                kind=item.kind,
                title=item.title,
                type_label=capfirst(item.model._meta.verbose_name),
                source_edit_url=item.edit_url,
                cells=[
                    Cell(language_code=locale.language_code, **self.classify(item, locale))
                    for locale in self.locales
                ],
            )
            for item in sources
        ]

    def classify(self, item, locale):
        """The status of one source object in one locale, what to say and what to do about it."""
        if locale.pk == self.source.pk:
            return {"status": None, "detail": "", "action_label": "", "action_url": ""}
        target = self.translated.get((item.translation_key, locale.pk))
        if target is None:
            return self.outcome(
                Status.MISSING,
                _("Not translated yet."),
                _("Translate"),
                item.translate_url,
                comes_back=True,
                select_locale=locale.language_code,
            )

        translation_source = self.translation_sources.get(item.translation_key)
        source_id = translation_source["id"] if translation_source else None
        if (source_id, locale.pk) not in self.synced:
            detail = _("Edited on its own: wagtail-localize does not keep it in sync.")
            return self.outcome(Status.NOT_SYNCED, detail, _("Edit"), target.edit_url)

        if item.translation_key in self.changed:
            url = reverse("wagtail_localize:update_translations", args=[source_id])
            detail = _("The source changed since the last sync.")
            return self.outcome(Status.OUT_OF_DATE, detail, _("Sync"), url, comes_back=True)

        untranslated, last_translated = self.progress.get((source_id, locale.pk), (0, None))
        if untranslated:
            detail = ngettext(
                "%(count)d segment to translate.",
                "%(count)d segments to translate.",
                untranslated,
            ) % {"count": untranslated}
            if (source_id, locale.pk) in self.fallbacks:
                detail += " " + ngettext(
                    "An editor chose to show it in %(language)s, the source language.",
                    "An editor chose to show them in %(language)s, the source language.",
                    untranslated,
                ) % {"language": self.source_language_name}
            # Readers of a live translation keep its reviewed version meanwhile.
            status = Status.OUT_OF_DATE if target.live else Status.INCOMPLETE
            return self.outcome(status, detail, _("Translate"), target.edit_url)

        saved = self.last_saved.get((source_id, locale.pk))
        if (
            saved is None
            or max(translation_source["last_updated_at"], last_translated or saved) > saved
        ):
            detail = _("Translated, not yet submitted for review or published.")
        elif target.in_review:
            detail = _("Waiting for a reviewer.")
        elif not target.live or target.has_unpublished_changes:
            detail = _("Saved as a draft.")
        else:
            return self.outcome(Status.UP_TO_DATE, "", _("Edit"), target.edit_url)
        return self.outcome(Status.NOT_LIVE, detail, _("Edit"), target.edit_url)

    def outcome(self, status, detail, action_label, url, comes_back=False, **query):
        """A status, its explanation and its action; an action that comes back to the
        report is given `next`."""
        if comes_back and self.next_url:
            query["next"] = self.next_url
        if query:
            url = f"{url}?{urlencode(query)}"
        return {
            "status": status,
            "detail": detail,
            "action_label": action_label,
            "action_url": url,
        }

    def sources_changed_since_sync(self, sources):
        """The translation keys of the sources whose synced content differs from what they hold.

        Only sources with a synchronised translation are compared; each model's instances are
        loaded in one query, with their child relations prefetched.
        """
        synced_sources = {source_id for source_id, _locale in self.synced}
        wanted = {}
        for item in sources:
            stored = self.translation_sources.get(item.translation_key)
            if stored and stored["id"] in synced_sources:
                wanted.setdefault(item.model, {})[item.pk] = stored

        changed = set()
        for model, stored_by_pk in wanted.items():
            names = synced_field_names(model)
            instances = model.objects.filter(pk__in=stored_by_pk).prefetch_related(
                *child_relation_paths(model)
            )
            for instance in instances:
                current = comparable(
                    json.loads(json.dumps(serializable_data(instance), cls=DjangoJSONEncoder))
                )
                previous = comparable(json.loads(stored_by_pk[instance.pk]["content_json"]))
                if any(current.get(name) != previous.get(name) for name in names):
                    changed.add(instance.translation_key)
        return changed


def page_sources(source):
    rows = (
        Page.objects.filter(locale=source, depth__gt=1, alias_of__isnull=True)
        .order_by("path")
        .values(
            "pk",
            "draft_title",
            "translation_key",
            "content_type__app_label",
            "content_type__model",
        )
    )
    return [
        Source(
            kind=Kind.PAGE,
            model=apps.get_model(row["content_type__app_label"], row["content_type__model"]),
            pk=row["pk"],
            title=row["draft_title"],
            translation_key=row["translation_key"],
            edit_url=reverse("wagtailadmin_pages:edit", args=[row["pk"]]),
            translate_url=reverse("wagtail_localize:submit_page_translation", args=[row["pk"]]),
        )
        for row in rows
    ]


def page_targets(source):
    """The translated pages, keyed by (translation key, locale id); aliases left out."""
    in_review = set(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
        ).values_list("object_id", flat=True)
    )
    rows = (
        Page.objects.filter(depth__gt=1, alias_of__isnull=True)
        .exclude(locale=source)
        .values("pk", "translation_key", "locale_id", "live", "has_unpublished_changes")
    )
    return {
        (row["translation_key"], row["locale_id"]): Target(
            edit_url=reverse("wagtailadmin_pages:edit", args=[row["pk"]]),
            live=row["live"],
            has_unpublished_changes=row["has_unpublished_changes"],
            in_review=str(row["pk"]) in in_review,
        )
        for row in rows
    }


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def snippet_sources(source):
    sources = []
    for model in translatable_snippet_models():
        viewset = model.snippet_viewset
        for instance in model.objects.filter(locale=source):
            sources.append(
                Source(
                    kind=Kind.SNIPPET,
                    model=model,
                    pk=instance.pk,
                    title=str(instance),
                    translation_key=instance.translation_key,
                    edit_url=reverse(viewset.get_url_name("edit"), args=[quote(instance.pk)]),
                    translate_url=reverse(
                        "wagtail_localize:submit_snippet_translation",
                        args=[model._meta.app_label, model._meta.model_name, quote(instance.pk)],
                    ),
                )
            )
    return sources


def snippet_targets(source):
    targets = {}
    for model in translatable_snippet_models():
        edit_url_name = model.snippet_viewset.get_url_name("edit")
        fields = ["pk", "translation_key", "locale_id"]
        draftable = issubclass(model, DraftStateMixin)
        if draftable:
            fields += ["live", "has_unpublished_changes"]
        for row in model.objects.exclude(locale=source).values(*fields):
            targets[(row["translation_key"], row["locale_id"])] = Target(
                edit_url=reverse(edit_url_name, args=[quote(row["pk"])]),
                live=row.get("live", True),
                has_unpublished_changes=row.get("has_unpublished_changes", False),
            )
    return targets


def segment_progress(source):
    """Per (translation source, target locale): segments without a usable translation, and
    when a segment's translation last changed. One query: each segment is joined with its
    translation into every language its source is translated into."""
    rows = (
        StringSegment.objects.filter(source__locale=source)
        .annotate(target_locale=F("source__translations__target_locale"))
        .alias(
            translated=FilteredRelation(
                "string__translations",
                condition=Q(
                    string__translations__locale=F("target_locale"),
                    string__translations__context=F("context"),
                    string__translations__has_error=False,
                ),
            )
        )
        .values("source_id", "target_locale")
        .annotate(
            untranslated=Count("pk", filter=Q(translated=None)),
            last_translated=Max("translated__updated_at"),
        )
        .order_by()
    )
    return {
        (row["source_id"], row["target_locale"]): (row["untranslated"], row["last_translated"])
        for row in rows
    }


def untranslated_related_objects(source, targets):
    """Per (translation source, target locale): the snippets (and pages) the source shows
    that have no translation in that language. One query; `targets` are the translated
    objects, keyed by (translation key, locale id)."""
    rows = (
        RelatedObjectSegment.objects.filter(source__locale=source)
        .annotate(target_locale=F("source__translations__target_locale"))
        .filter(target_locale__isnull=False)
        .values_list("source_id", "object_id", "target_locale")
    )
    missing = {}
    for source_id, translation_key, locale_id in rows:
        if (translation_key, locale_id) not in targets:
            missing[(source_id, locale_id)] = missing.get((source_id, locale_id), 0) + 1
    return missing


def synced_field_names(model):
    """The keys, in a serialised instance, of the fields wagtail-localize translates or copies."""
    names = []
    for translatable_field in get_translatable_fields(model):
        field = model._meta.get_field(translatable_field.field_name)
        names.append(field.get_accessor_name() if field.one_to_many else field.name)
    return names


def serializable_data(instance):
    if isinstance(instance, ClusterableModel):
        return instance.serializable_data()
    return get_serializable_data_for_fields(instance)


def comparable(value):
    """Serialised data with its StreamField values parsed from their JSON text: the same
    stream reads back from PostgreSQL (jsonb) with its keys in another order than it was
    saved with, so the texts differ where the streams do not."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def child_relation_paths(model, prefix=""):
    """What to prefetch so that serialising a clusterable instance costs no further query."""
    if not issubclass(model, ClusterableModel):
        return []
    paths = [prefix + field.name for field in get_all_child_m2m_relations(model)]
    for relation in get_all_child_relations(model):
        path = prefix + relation.get_accessor_name()
        paths.append(path)
        paths += child_relation_paths(relation.related_model, prefix=path + "__")
    return paths
