"""Factories for test data: small, explicit, built on wagtail-factories."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Locale

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTopic,
    Author,
    TopicIndexPage,
    TopicListPage,
)
from comments.models import Comment
from home.models import HomePage, InformationPage
from newsletter.models import Subscriber


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Carnet"
    intro = "<p>Un magazine sur l’intelligence artificielle.</p>"
    tagline = "Carnet explore les enjeux de l’IA."

    class Meta:
        model = HomePage


class InformationPageFactory(wagtail_factories.PageFactory):
    title = "À propos"
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    body = factory.LazyAttribute(lambda obj: f"<p>Ce que dit la page {obj.title}.</p>")

    class Meta:
        model = InformationPage


def english_locale():
    locale, _created = Locale.objects.get_or_create(language_code="en")
    return locale


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment; pass `article` (an ArticlePage), and `parent` for a reply."""

    author_name = factory.Sequence(lambda number: f"Lectrice {number}")
    author_email = factory.Sequence(lambda number: f"lectrice{number}@example.com")
    text = factory.Sequence(lambda number: f"Un avis réfléchi, numéro {number}.")
    status = Comment.Status.APPROVED

    class Meta:
        model = Comment


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed French subscriber unless told otherwise."""

    email = factory.Sequence(lambda number: f"reader{number}@example.com")
    language = "fr"
    status = Subscriber.Status.CONFIRMED
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(
        lambda subscriber: (
            timezone.now() if subscriber.status == Subscriber.Status.CONFIRMED else None
        )
    )

    class Meta:
        model = Subscriber


class UserFactory(factory.django.DjangoModelFactory):
    """An account; `groups=["Editors"]` puts it in groups by name."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("secret-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*(Group.objects.get(name=name) for name in names))


def root_collection():
    """The root collection (made again if a transactional test emptied the database)."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(width=320, height=180, color="#8a3b12")


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Articles"
    slug = "articles"
    intro = "Tous les articles, du plus récent au plus ancien."

    class Meta:
        model = ArticleIndexPage


class TopicListPageFactory(wagtail_factories.PageFactory):
    title = "Sujets"
    slug = "sujets"
    intro = "Les grandes questions que pose l’IA."

    class Meta:
        model = TopicListPage


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    title = "Éthique"
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    intro = factory.LazyAttribute(lambda obj: f"Les articles du sujet {obj.title}.")

    class Meta:
        model = TopicIndexPage


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Autrice {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    bio = factory.LazyAttribute(lambda obj: f"<p>{obj.name} écrit sur l’IA.</p>")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Author


def block(block_type, value):
    """One block of a body in its stored (raw) form, as the database holds it."""
    return {"type": block_type, "value": value}


def paragraph(text):
    return block("paragraph", f"<p>{text}</p>")


class ArticlePageFactory(wagtail_factories.PageFactory):
    """An article; `authors` and `topics` take lists of Author and TopicIndexPage."""

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    intro = factory.LazyAttribute(lambda obj: f"Le résumé de « {obj.title} ».")
    body = factory.LazyFunction(lambda: [paragraph("Un paragraphe de texte.")])
    date_published = datetime.date(2025, 2, 10)

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def authors(article, create, extracted, **kwargs):
        for position, author in enumerate(extracted or []):
            ArticlePageAuthor.objects.create(page=article, author=author, sort_order=position)

    @factory.post_generation
    def topics(article, create, extracted, **kwargs):
        for position, topic in enumerate(extracted or []):
            ArticlePageTopic.objects.create(page=article, topic=topic, sort_order=position)


def rich_body(image, linked=(), embed_url="https://www.ted.com/talks/a_talk", copies=1):
    """A body with every kind of block, `copies` times over."""
    blocks = []
    for number in range(1, copies + 1):
        blocks += [
            paragraph(f"Le paragraphe numéro {number}, en français."),
            block("heading", {"text": f"Une section {number}", "level": "h2", "anchor": ""}),
            block("heading", {"text": "Une sous-section", "level": "h3", "anchor": "precis"}),
            block(
                "image",
                {
                    "image": image.pk,
                    "alt_text": f"Une balance déséquilibrée {number}",
                    "caption": "La légende de l’image.",
                    "credit": "Illustration : Carnet",
                },
            ),
            block(
                "pull_quote",
                {"quote": "Une décision sans auteur est sans recours.", "attribution": "Inès"},
            ),
            block("embed", {"embed": embed_url, "caption": "Une conférence."}),
            block(
                "callout",
                {
                    "kind": "key_points",
                    "title": "À retenir",
                    "text": "<ul><li>Premier point.</li><li>Second point.</li></ul>",
                },
            ),
            block(
                "article_links", {"heading": "", "articles": [article.pk for article in linked]}
            ),
        ]
    return blocks
