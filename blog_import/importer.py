"""Importing the posts of an export as articles, each in its language, one transaction each.

A post becomes an `ArticlePage` under the article index of its language, with its
authors (Author snippets), its categories and tags (topics under that language's list
of topics), its images, and a redirect from its old address. What the importer made
is remembered (`ImportedPost`), so running it again updates the posts that changed and
skips the others.

Translations. WordPress with Polylang or WPML says which posts translate each other.
Those posts were written on their own: their bodies do not match paragraph for
paragraph, so they cannot be wagtail-localize's segment-by-segment translations of one
another. The first post of a pair (the one in the default language when there is one)
becomes the source page; its translation is created in its own locale with the same
`translation_key`, which is what Wagtail's `copy_for_translation` does, and keeps its own
content. Wagtail, the language switcher and the hreflang links therefore see one page
in two languages; wagtail-localize sees a translation made by hand (the translation
report says “not synced”), edited in the ordinary editor, and no sync from the source
can overwrite the translator's text with the source's until an editor chooses to
start one. Authors have one name in every language and nothing of theirs differs
between the two posts: an author met in a second language is translated through
wagtail-localize itself (`editorial.localize.translate_with_localize`).
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringSegment, TranslationSource

from articles.models import (
    RESERVED_SLUGS,
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTopic,
    Author,
    TopicIndexPage,
    TopicListPage,
)
from editorial.localize import translate_with_localize
from editorial.workflow import submit_for_review

from .html_body import body_text, html_to_blocks
from .images import ImageFinder, ImageUnavailable
from .models import ImportedPost

SUMMARY_MAX_LENGTH = ArticlePage._meta.get_field("intro").max_length
SUMMARY_ENOUGH = 160
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
TITLE_MAX_LENGTH = 255
SLUG_MAX_LENGTH = 240


class ImportProblem(Exception):
    """Why a post cannot come in; the other posts go on."""


@dataclass
class Report:
    """What an import did, post by post: the summary the command prints."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    images_missing: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def key_digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


def summary_of(text):
    """The first sentences of `text`, within the article's summary length."""
    text = " ".join(strip_tags(text).split())
    summary = ""
    for sentence in SENTENCE_END.split(text):
        longer = f"{summary} {sentence}".strip()
        if len(longer) > SUMMARY_MAX_LENGTH:
            break
        summary = longer
        if len(summary) >= SUMMARY_ENOUGH:
            break
    if not summary and text:
        cut = text[: SUMMARY_MAX_LENGTH - 1].rsplit(" ", 1)[0]
        summary = f"{cut}…"
    return summary


def unique(values):
    seen, result = set(), []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            result.append(value)
    return result


class BlogImporter:
    """Imports an `Export` (blog_import.sources) as `user`.

    Pages arrive as drafts submitted to the review workflow, or live with `publish`.
    With `dry_run`, nothing is written and the report says what would happen.
    `progress(number, total, post)` is called before each post.
    """

    def __init__(self, export, user, publish=False, dry_run=False, progress=None):
        self.export = export
        self.user = user
        self.publish = publish
        self.dry_run = dry_run
        self.progress = progress or (lambda number, total, post: None)
        self.images = ImageFinder(export.folder, export.address, user)
        self.report = Report()
        self.language_codes = [code for code, _name in settings.LANGUAGES]
        self.default_language = settings.LANGUAGE_CODE
        self.locales = {}
        self.post_notes = []

    # The run.

    def run(self):
        posts = sorted(self.export.posts, key=lambda post: post.language != self.default_language)
        self.check_permissions(posts)
        for number, post in enumerate(posts, start=1):
            self.progress(number, len(posts), post)
            self.import_post(post)
        return self.report

    def check_permissions(self, posts):
        """Refuse at once, with the reason, an import the user may not make."""
        checked = set()
        for post in posts:
            if post.failure or post.skip_reason:
                continue
            try:
                index = self.index_for(self.locale_for(post.language))
            except ImportProblem:
                continue
            if index.pk in checked:
                continue
            checked.add(index.pk)
            permissions = index.permissions_for_user(self.user)
            if not permissions.can_add_subpage():
                raise CommandError(
                    f"{self.user} may not add articles to “{index.title}” "
                    f"({index.locale.language_code})."
                )
            if self.publish and not permissions.can_publish_subpage():
                raise CommandError(
                    f"{self.user} may not publish in “{index.title}”: without --publish, "
                    "the articles arrive as drafts submitted for review."
                )

    def import_post(self, post):
        if post.failure:
            self.report.failed.append((post.label, post.failure))
            return
        if post.skip_reason:
            self.report.skipped.append((post.label, post.skip_reason))
            return
        try:
            locale = self.locale_for(post.language)
            index = self.index_for(locale)
        except ImportProblem as problem:
            self.report.failed.append((post.label, str(problem)))
            return
        record = ImportedPost.objects.filter(source_key=key_digest(post.key)).first()
        fingerprint = post.fingerprint()
        if record is not None and record.fingerprint == fingerprint:
            self.report.skipped.append((post.label, "unchanged since the last import"))
            return
        outcome = self.report.updated if record else self.report.created
        if self.dry_run:
            language = locale.language_code
            outcome.append(
                (post.label, f"would be {'updated' if record else 'created'} ({language})")
            )
            return
        self.post_notes = []
        try:
            body = html_to_blocks(
                post.html,
                lambda address, alt_text: self.image(post, address, alt_text),
                post.blank_lines_are_paragraphs,
            )
            hero = self.image(post, post.hero.address, post.hero.alt_text) if post.hero else None
            with transaction.atomic():
                page = self.save_article(post, locale, index, record, fingerprint, body, hero)
        except (ImportProblem, ValidationError, DatabaseError, ValueError, OSError) as problem:
            self.report.failed.append((post.label, str(problem) or type(problem).__name__))
            return
        outcome.append((post.label, page.url or page.url_path))
        # Notes about what the post's transaction wrote, once it is committed.
        self.report.notes += self.post_notes

    # Where a post goes.

    def locale_for(self, language):
        language = language or self.default_language
        code = next(
            (
                code
                for code in self.language_codes
                if language == code.lower() or language.split("-")[0] == code.lower()
            ),
            None,
        )
        if code is None:
            raise ImportProblem(
                f"its language “{language}” is not one of the site’s "
                f"({', '.join(self.language_codes)}); name one with --language"
            )
        if code not in self.locales:
            self.locales[code] = Locale.objects.filter(language_code=code).first()
        if self.locales[code] is None:
            raise ImportProblem(f"the site has no locale for “{code}” yet")
        return self.locales[code]

    # Parent pages are read again for each post: one whose transaction was rolled back
    # would leave them with a count of children the database does not have.

    def index_for(self, locale):
        index = ArticleIndexPage.objects.filter(locale=locale).order_by("path").first()
        if index is None:
            raise ImportProblem(f"the site has no article index in “{locale.language_code}”")
        return index

    def topic_list_for(self, locale):
        return TopicListPage.objects.filter(locale=locale).order_by("path").first()

    # The article.

    def save_article(self, post, locale, index, record, fingerprint, body, hero):
        authors = [self.author(author, locale) for author in post.authors if author.name]
        topics = [self.topic(post, name, locale) for name in unique(post.topics)]
        published = timezone.localtime(post.published).date() if post.published else None
        updated = timezone.localtime(post.updated).date() if post.updated else None
        fields = {
            "title": post.title[:TITLE_MAX_LENGTH],
            "intro": summary_of(post.excerpt) or summary_of(body_text(body)) or post.title,
            "body": body,
            "date_published": published or timezone.localdate(),
            "date_updated": updated if published and updated and updated > published else None,
            "hero_image": hero,
            "hero_alt_text": (post.hero.alt_text or post.hero.caption or post.title)[:250]
            if hero
            else "",
            "author_links": [
                ArticlePageAuthor(author=author, sort_order=position, locale=locale)
                for position, author in enumerate(dict.fromkeys(authors))
            ],
            "topic_links": [
                ArticlePageTopic(topic=topic, sort_order=position, locale=locale)
                for position, topic in enumerate(dict.fromkeys(topics))
            ],
        }
        if record is not None:
            page = record.page.specific
            draft = page.get_latest_revision_as_object()
            for name, value in fields.items():
                setattr(draft, name, value)
            draft.full_clean()
        else:
            page = draft = ArticlePage(
                slug=self.free_slug(index, post.slug or post.title),
                locale=locale,
                live=False,
                owner=self.user,
                **fields,
            )
            source = self.translation_source(post, locale)
            if source is not None:
                page.translation_key = source.translation_key
            index.add_child(instance=page)
        revision = draft.save_revision(user=self.user, log_action=True)
        self.go_live_or_to_review(page, revision)
        self.redirect_old_addresses(post, page)
        ImportedPost.objects.update_or_create(
            source_key=key_digest(post.key),
            defaults={
                "source_id": post.key,
                "translation_group": post.translation_group,
                "page": page,
                "fingerprint": fingerprint,
            },
        )
        page.refresh_from_db()
        return page

    def translation_source(self, post, locale):
        """The page of an imported translation of `post`, if `post` may join it."""
        if not post.translation_group:
            return None
        for other in ImportedPost.objects.filter(
            translation_group=post.translation_group
        ).select_related("page"):
            page = other.page
            if page.locale_id == locale.pk:
                continue
            taken = page.get_translations().filter(locale=locale).exists()
            if taken:
                self.post_notes.append(
                    (post.label, f"“{page.title}” already has a translation in this language")
                )
                return None
            return page
        return None

    def go_live_or_to_review(self, page, revision):
        if self.publish:
            revision.publish(user=self.user)
            return
        state = page.current_workflow_state
        if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
            state.cancel(user=self.user)
        if page.get_workflow() is None:
            self.post_notes.append((page.title, "no workflow applies: left as a draft"))
            return
        submit_for_review(page, self.user)

    def redirect_old_addresses(self, post, page):
        new_path = Redirect.normalise_path(page.url or "") if page.url else ""
        for address in post.old_addresses:
            old_path = Redirect.normalise_path(address)
            if old_path in ("", "/", new_path):
                continue
            Redirect.objects.update_or_create(
                old_path=old_path,
                site=None,
                defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
            )

    def free_slug(self, parent, text):
        base = slugify(text)[:SLUG_MAX_LENGTH].strip("-") or "article"
        if base in RESERVED_SLUGS:
            base = f"{base}-1"
        slug, number = base, 1
        siblings = parent.get_children()
        while siblings.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    # What an article links to.

    def image(self, post, address, alt_text):
        try:
            return self.images.get(address, alt_text, post.address)
        except ImageUnavailable as problem:
            self.report.images_missing.append((post.label, address, str(problem)))
            return None

    def author(self, source, locale):
        slug = slugify(source.slug or source.name)[:120] or "author"
        found = (
            Author.objects.filter(locale=locale)
            .filter(Q(slug=slug) | Q(name__iexact=source.name))
            .first()
        )
        if found is not None:
            return found
        other = Author.objects.filter(slug=slug).exclude(locale=locale).first()
        if other is not None:
            # Nothing of the author is written in the second language: every segment
            # (the biography) starts as the source's text, for a translator to revise.
            origin, _created = TranslationSource.update_or_create_from_instance(other)
            texts = StringSegment.objects.filter(source=origin).values_list(
                "string__data", flat=True
            )
            return translate_with_localize(
                other, locale, {text: text for text in texts}, user=self.user
            )
        return Author.objects.create(
            name=source.name[:120],
            slug=slug,
            bio=f"<p>{escape(source.bio)}</p>" if source.bio else "",
            locale=locale,
        )

    def topic(self, post, name, locale):
        topic_list = self.topic_list_for(locale)
        if topic_list is None:
            raise ImportProblem(f"the site has no list of topics in “{locale.language_code}”")
        name = name[:TITLE_MAX_LENGTH]
        slug = slugify(name)[:SLUG_MAX_LENGTH] or "topic"
        found = (
            TopicIndexPage.objects.child_of(topic_list)
            .filter(Q(title__iexact=name) | Q(slug=slug))
            .first()
        )
        if found is not None:
            return found
        topic = TopicIndexPage(
            title=name,
            slug=self.free_slug(topic_list, slug),
            locale=locale,
            live=False,
            owner=self.user,
        )
        same = TopicIndexPage.objects.filter(slug=slug).exclude(locale=locale).first()
        if same is not None and not same.get_translations().filter(locale=locale).exists():
            topic.translation_key = same.translation_key
        topic_list.add_child(instance=topic)
        self.go_live_or_to_review(topic, topic.save_revision(user=self.user, log_action=True))
        self.post_notes.append((post.label, f"new topic “{name}” ({locale.language_code})"))
        return topic
