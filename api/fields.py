"""How the API shows what a front end needs of a page: public URL, translations, authors,
topics, images with their renditions and alternative text, the body, comments.

Each field reads what the endpoint prepared for the whole page of results in a fixed
number of queries (api/views.py), and adds the cache tags of what it shows to
`context["cache_tags"]`, so that the response is purged with the pages that show the same.
"""

from rest_framework.fields import Field

from articles.blocks import BODY_IMAGE_SPECS
from articles.models import HERO_IMAGE_SPECS
from comments.moderation import shown_comments
from core.addresses import absolute_url, page_address

PORTRAIT_SPECS = ("fill-160x160",)


def absolute(request, url):
    """`url` (a rendition's, maybe relative to the site) as an absolute address."""
    return absolute_url(url, request)


def shown(context, *tags):
    context["cache_tags"].update(tags)


def image_data(context, image, alt, specs):
    """An image as a front end shows it: its alternative text and a rendition per spec."""
    request = context["request"]
    renditions = image.get_renditions(*specs)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt,
        "width": image.width,
        "height": image.height,
        "renditions": {
            spec: {
                "url": absolute(request, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
            for spec, rendition in renditions.items()
        },
    }


class WholeObjectField(Field):
    """A read-only field computed from the whole object rather than one attribute."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance


class PublicUrlField(WholeObjectField):
    """The address where readers find the page."""

    def to_representation(self, page):
        return page_address(page, self.context["request"])


class LocaleCodeField(WholeObjectField):
    """The language of a translatable object, as its code (fr, en)."""

    def to_representation(self, instance):
        return instance.locale.language_code


class TranslationsField(WholeObjectField):
    """The page's live, public translations into other languages."""

    def to_representation(self, page):
        request = self.context["request"]
        shown(self.context, f"page-{page.pk}")
        return [
            {
                "locale": translation.locale.language_code,
                "id": translation.pk,
                "url": page_address(translation, request),
            }
            for translation in page.api_translations
        ]


class AuthorsField(WholeObjectField):
    """The authors who signed an article, with the address of their page."""

    def to_representation(self, article):
        index = self.context["indexes"].get(article.locale_id)
        authors = []
        for link in article.author_links.all():
            author = link.author
            shown(self.context, f"author-{author.pk}")
            authors.append(author_summary(self.context, author, index))
        return authors


def author_summary(context, author, index):
    request = context["request"]
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "url": (
            index.author_url(author, request, index.locale.language_code, full=True)
            if index
            else None
        ),
    }


class TopicsField(WholeObjectField):
    """The live topics an article is filed under."""

    def to_representation(self, article):
        request = self.context["request"]
        topics = []
        for link in article.topic_links.all():
            if link.topic.live:
                shown(self.context, f"page-{link.topic_id}")
                topics.append(
                    {
                        "id": link.topic_id,
                        "title": link.topic.title,
                        "slug": link.topic.slug,
                        "url": page_address(link.topic, request),
                    }
                )
        return topics


class HeroImageField(WholeObjectField):
    """An article's hero image, with the alternative text of the article's language."""

    def to_representation(self, article):
        if article.hero_image is None:
            return None
        return image_data(
            self.context, article.hero_image, article.hero_alt_text, HERO_IMAGE_SPECS
        )


class PortraitField(WholeObjectField):
    """An author's portrait; decorative beside the name, so its alternative text is empty."""

    def to_representation(self, author):
        if author.portrait is None:
            return None
        return image_data(self.context, author.portrait, "", PORTRAIT_SPECS)


class AuthorUrlField(WholeObjectField):
    """The address of the page that lists an author's articles."""

    def to_representation(self, author):
        return author_summary(self.context, author, self.context["indexes"].get(author.locale_id))[
            "url"
        ]


class BodyField(WholeObjectField):
    """An article's body as StreamField JSON (Wagtail's form: type, value, id), where an
    image block shows its image with renditions and an article list shows the articles of
    the page's language."""

    def to_representation(self, article):
        request = self.context["request"]
        article.prepare_body()
        blocks = article.body.stream_block.get_api_representation(article.body, self.context)
        for block, data in zip(article.body, blocks, strict=True):
            if block.block_type == "image" and block.value["image"]:
                data["value"]["image"] = image_data(
                    self.context, block.value["image"], block.value["alt_text"], BODY_IMAGE_SPECS
                )
            elif block.block_type == "article_links":
                data["value"]["articles"] = [
                    {"id": linked.pk, "title": linked.title, "url": page_address(linked, request)}
                    for linked in block.value.resolved_articles
                ]
        return blocks


class CommentsField(WholeObjectField):
    """The approved comments of an article, oldest first, each with its approved replies;
    who wrote them, never their e-mail address."""

    def to_representation(self, article):
        shown(self.context, f"comments-{article.pk}")
        threads, _count = shown_comments(article)
        return [
            {**comment_data(comment), "replies": [comment_data(r) for r in comment.shown_replies]}
            for comment in threads
        ]


def comment_data(comment):
    return {
        "id": comment.pk,
        "author_name": comment.author_name,
        "text": comment.text,
        "created_at": comment.created_at.isoformat(),
    }
