"""Build the demo magazine: French pages first, then their English translations.

Every English page and author is a wagtail-localize translation of its French source,
filled from the (French, English) pairs of `articles.demo.content`. What exists
already is left alone, so loading twice changes nothing.
"""

import datetime
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from wagtail.images import get_image_model
from wagtail.models import Collection

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTopic,
    Author,
    TopicIndexPage,
    TopicListPage,
)
from editorial.localize import leave_waiting_for_review, translate_with_localize
from home.demo import french

from . import content
from .content import Callout, Embed, Heading, Links, Paragraph, Picture, Quote

IMAGES_DIR = Path(__file__).parent / "images"


class DemoMagazine:
    def __init__(self, home, english, user, log):
        self.home = home
        self.english = english
        self.user = user
        self.log = log
        self.translations = {}
        self.index = None
        self.topic_list = None
        self.articles = {}

    def fr(self, pair):
        """The French text of a pair, remembering its English for the translation."""
        source, target = french(pair[0]), pair[1]
        if self.translations.setdefault(source, target) != target:
            raise CommandError(f"Two English texts for {source!r}")
        return source

    def load(self):
        images = self.ensure_images()
        index = self.ensure_page(self.home, ArticleIndexPage, content.INDEX)
        topic_list = self.ensure_page(self.home, TopicListPage, content.TOPIC_LIST)
        topics = {
            data["slug"][0]: self.ensure_page(topic_list, TopicIndexPage, data)
            for data in content.TOPICS
        }
        authors = {data["slug"]: self.ensure_author(data, images) for data in content.AUTHORS}
        articles = {}
        for article in content.ARTICLES:
            articles[article.slug[0]] = self.ensure_article(
                index, article, images, topics, authors, articles
            )
        for page in [index, topic_list, *topics.values()]:
            self.translate(page)
        for author in authors.values():
            self.translate(author)
        for page in articles.values():
            self.translate(page)
        self.index, self.topic_list, self.articles = index, topic_list, articles

    def leave_one_for_review(self, editor):
        """The editor's draft article, submitted to Editorial review (see AWAITING_REVIEW).

        Made once: after a reviewer has approved or sent it back, loading the demo again
        leaves it as it is.
        """
        article = content.AWAITING_REVIEW
        index = self.home.get_children().type(ArticleIndexPage).first()
        slug = self.fr(article.slug)
        if index is None or index.get_children().filter(slug=slug).exists():
            return
        topic_list = self.home.get_children().type(TopicListPage).first()
        topics = {page.slug: page for page in topic_list.get_children()}
        authors = {
            author.slug: author for author in Author.objects.filter(locale=self.home.locale)
        }
        images = self.ensure_images()
        draft = ArticlePage(
            title=self.fr(article.title),
            slug=slug,
            intro=self.fr(article.intro),
            locale=index.locale,
            live=False,
            hero_image=images[article.hero],
            hero_alt_text=self.fr(article.hero_alt),
            body=[self.block(block, images, {}) for block in article.body],
            date_published=datetime.date.fromisoformat(article.date),
            author_links=[ArticlePageAuthor(author=authors[slug]) for slug in article.authors],
            topic_links=[ArticlePageTopic(topic=topics[slug]) for slug in article.topics],
            owner=editor,
        )
        index.add_child(instance=draft)
        draft.save_revision(user=editor)
        leave_waiting_for_review(draft, editor)
        self.log(f"Left “{draft.title}” waiting for review.")

    def add_language(self, locale, texts, article_slugs):
        """Translate the index, the topics, the authors and the articles named (by their
        French slugs) into `locale`, from `texts` (French text → that language's), as the
        English translation is made. What is translated already is left alone."""
        mapping = {french(source): target for source, target in texts.items()}
        index = self.home.get_children().type(ArticleIndexPage).specific().get()
        topic_list = self.home.get_children().type(TopicListPage).specific().get()
        items = [
            index,
            topic_list,
            *topic_list.get_children().specific(),
            *Author.objects.filter(locale=self.home.locale).order_by("pk"),
            *index.get_children().filter(slug__in=article_slugs).specific(),
        ]
        for item in items:
            if not item.has_translation(locale):
                translate_with_localize(item, locale, mapping, user=self.user)
                self.log(f"Translated {item} into {locale.get_display_name()}.")

    def translate(self, instance):
        if not instance.has_translation(self.english):
            translate_with_localize(instance, self.english, self.translations, user=self.user)
            self.log(f"Translated {instance} into English.")

    def ensure_images(self):
        image_model = get_image_model()
        collection = Collection.get_first_root_node()
        images = {}
        for filename, title in content.IMAGES.items():
            image = image_model.objects.filter(title=title).first()
            if image is None:
                with open(IMAGES_DIR / filename, "rb") as file:
                    image = image_model(
                        title=title, collection=collection, file=ImageFile(file, name=filename)
                    )
                    image.save()
                self.log(f"Added the image {filename}.")
            images[filename] = image
        return images

    def ensure_page(self, parent, model, data, **fields):
        slug, title, intro = self.fr(data["slug"]), self.fr(data["title"]), self.fr(data["intro"])
        page = parent.get_children().filter(slug=slug).specific().first()
        if page is not None:
            return page
        page = model(title=title, slug=slug, intro=intro, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision(user=self.user).publish(user=self.user)
        self.log(f"Created the page “{page.title}”.")
        return page

    def ensure_author(self, data, images):
        author = Author.objects.filter(slug=data["slug"], locale=self.home.locale).first()
        bio = f"<p>{self.fr(data['bio'])}</p>"
        if author is None:
            author = Author.objects.create(
                name=data["name"],
                slug=data["slug"],
                bio=bio,
                portrait=images[data["portrait"]],
                locale=self.home.locale,
            )
            self.log(f"Created the author {author.name}.")
        self.fr((data["name"], data["name"]))
        return author

    def ensure_article(self, index, article, images, topics, authors, articles):
        return self.ensure_page(
            index,
            ArticlePage,
            {"slug": article.slug, "title": article.title, "intro": article.intro},
            hero_image=images[article.hero],
            hero_alt_text=self.fr(article.hero_alt),
            body=[self.block(block, images, articles) for block in article.body],
            date_published=datetime.date.fromisoformat(article.date),
            date_updated=article.updated and datetime.date.fromisoformat(article.updated),
            author_links=[ArticlePageAuthor(author=authors[slug]) for slug in article.authors],
            topic_links=[ArticlePageTopic(topic=topics[slug]) for slug in article.topics],
        )

    def block(self, block, images, articles):
        """The raw StreamField value of one demo block, in French."""
        match block:
            case Paragraph(text=text):
                return {"type": "paragraph", "value": f"<p>{self.fr(text)}</p>"}
            case Heading(text=text, level=level):
                return {
                    "type": "heading",
                    "value": {"text": self.fr(text), "level": level, "anchor": ""},
                }
            case Quote(quote=quote, attribution=attribution):
                self.fr((attribution, attribution))
                return {
                    "type": "pull_quote",
                    "value": {"quote": self.fr(quote), "attribution": attribution},
                }
            case Picture(file=file, alt_text=alt_text, caption=caption, credit=credit):
                return {
                    "type": "image",
                    "value": {
                        "image": images[file].pk,
                        "alt_text": self.fr(alt_text),
                        "caption": self.fr(caption),
                        "credit": self.fr(credit),
                    },
                }
            case Callout(kind=kind, title=title, items=items):
                if len(items) == 1:
                    text = f"<p>{self.fr(items[0])}</p>"
                else:
                    text = "<ul>" + "".join(f"<li>{self.fr(item)}</li>" for item in items)
                    text += "</ul>"
                return {
                    "type": "callout",
                    "value": {"kind": kind, "title": self.fr(title), "text": text},
                }
            case Embed(url=url, caption=caption):
                return {"type": "embed", "value": {"embed": url, "caption": self.fr(caption)}}
            case Links(slugs=slugs, heading=heading):
                return {
                    "type": "article_links",
                    "value": {
                        "heading": self.fr(heading) if heading else "",
                        "articles": [articles[slug].pk for slug in slugs],
                    },
                }
        raise CommandError(f"Unknown demo block {block!r}")
