"""Published articles in bulk, for the benchmarks: Page rows, one raw INSERT of their
ArticlePage rows and their topic links, no revisions.

Imports Django models: import it after `django.setup()`.
"""

import uuid
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from articles.models import ArticlePage, ArticlePageTopic

SLUG_PREFIX = "bench-article-"


def path_step(number):
    """Child `number`'s step in a treebeard materialised path (Page.alphabet, Page.steplen)."""
    digits = ""
    while number:
        number, digit = divmod(number, len(Page.alphabet))
        digits = Page.alphabet[digit] + digits
    return digits.rjust(Page.steplen, Page.alphabet[0])


def step_number(step):
    """The inverse of path_step."""
    number = 0
    for character in step:
        number = number * len(Page.alphabet) + Page.alphabet.index(character)
    return number


def generated_articles(index):
    return ArticlePage.objects.child_of(index).filter(slug__startswith=SLUG_PREFIX)


def generate_articles(index, topic, count, text):
    """Add `count` published articles under `index` in bulk, filed under `topic`; return their
    ids. `text(number)` gives article `number`'s title, intro and paragraphs (HTML, a paragraph
    block each); it was published `number` hours ago, dated `number` days ago."""
    content_type = ContentType.objects.get_for_model(ArticlePage)
    last = index.get_last_child()
    first_number = step_number(last.path[-Page.steplen :]) + 1 if last else 1
    now = timezone.now()
    pages, texts = [], []
    for number in range(1, count + 1):
        title, intro, paragraphs = text(number)
        slug = f"{SLUG_PREFIX}{number}"
        published = now - timedelta(hours=number)
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=index.path + path_step(first_number + number - 1),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale=index.locale,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
            )
        )
        texts.append((intro, paragraphs))
    fields = ArticlePage._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with transaction.atomic():
        created = Page.objects.bulk_create(pages, batch_size=1000)
        rows = []
        for number, (page, (intro, paragraphs)) in enumerate(zip(created, texts, strict=True), 1):
            article = ArticlePage(
                page_ptr_id=page.pk,
                intro=intro,
                body=[("paragraph", RichText(paragraph)) for paragraph in paragraphs],
                date_published=date.today() - timedelta(days=number),
            )
            rows.append(
                [
                    field.get_db_prep_save(getattr(article, field.attname), connection)
                    for field in fields
                ]
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {ArticlePage._meta.db_table} ({columns}) VALUES ({placeholders})",
                rows,
            )
        ArticlePageTopic.objects.bulk_create(
            [
                ArticlePageTopic(
                    page_id=page.pk,
                    topic_id=topic.pk,
                    locale_id=index.locale_id,
                    translation_key=uuid.uuid4(),
                    sort_order=0,
                )
                for page in created
            ],
            batch_size=1000,
        )
        Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    return [page.pk for page in created]
