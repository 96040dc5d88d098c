"""The content API's endpoints: Wagtail's API (wagtail.api.v2), read-only and anonymous.

Every endpoint shows only what an anonymous reader may see (live pages outside any
privacy setting; never drafts, revisions, pending comments or subscribers), answers in
JSON only, counts each request in the site's rate limiter (core.guards), and says what
its answer shows in cache tags (delivery.caching), so that the caching proxy keeps it
and the purges that follow a publication drop it (docs/api.md).
"""

from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.serializers import BaseSerializer, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from api import fields
from articles.models import (
    HERO_IMAGE_SPECS,
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTopic,
    Author,
    TopicIndexPage,
)
from core.guards import within_rate_limit
from delivery.caching import tag_response
from home.models import public_pages

RATE_LIMIT_SCOPE = "api"


class RateLimit(BaseThrottle):
    """The site's one rate limiter (core.guards), per network address: API_RATE_LIMIT
    requests per API_RATE_WINDOW seconds. Answers the proxy keeps are not counted."""

    def allow_request(self, request, view):
        return within_rate_limit(
            request, RATE_LIMIT_SCOPE, settings.API_RATE_LIMIT, settings.API_RATE_WINDOW
        )

    def wait(self):
        return settings.API_RATE_WINDOW


def bad_request(message):
    return Response({"message": message}, status=status.HTTP_400_BAD_REQUEST)


def positive_integer(request, name):
    """The query parameter `name` as a positive integer, or None when absent."""
    value = request.GET.get(name)
    if value is None:
        return None
    if not value.isdigit() or not value.isascii():
        raise BadRequestError(
            gettext("%(name)s must be a positive integer, the id of an object of the API.")
            % {"name": name}
        )
    return int(value)


class LocaleFilter(BaseFilterBackend):
    """`?locale=fr`: only what is in that language. A language the site does not have is
    a 400 (Wagtail's own filter answers 404, as if the listing did not exist)."""

    def filter_queryset(self, request, queryset, view):
        locale = view.requested_locale
        return queryset if locale is None else queryset.filter(locale=locale)


class TopicFilter(BaseFilterBackend):
    """`?topic=<id>`: the articles filed under that topic."""

    def filter_queryset(self, request, queryset, view):
        topic = positive_integer(request, "topic")
        if topic is None:
            return queryset
        view.cache_tags.add(f"topic-{topic}")
        filed = ArticlePageTopic.objects.filter(topic_id=topic).values_list("page_id", flat=True)
        return queryset.filter(id__in=list(filed))


class AuthorFilter(BaseFilterBackend):
    """`?author=<id>`: the articles that author signed."""

    def filter_queryset(self, request, queryset, view):
        author = positive_integer(request, "author")
        if author is None:
            return queryset
        view.cache_tags.add(f"author-{author}")
        signed = ArticlePageAuthor.objects.filter(author_id=author).values_list(
            "page_id", flat=True
        )
        return queryset.filter(id__in=list(signed))


def indexes_by_locale():
    """The live article index of each language, where authors' pages are; one query."""
    indexes = {}
    for index in ArticleIndexPage.objects.live().select_related("locale").order_by("path"):
        indexes.setdefault(index.locale_id, index)
    return indexes


class PublicAPIMixin:
    """What every endpoint shares: JSON only (an answer the proxy keeps must not depend on
    an Accept header), no authentication (everyone is an anonymous reader), the rate
    limit, clear 4xx answers, and cache tags on the answers the proxy may keep."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []
    throttle_classes = [RateLimit]

    def initialize_request(self, request, *args, **kwargs):
        # The Django request, for routing a page path and for the locale middleware.
        self.http_request = request
        self.cache_tags = set()
        return super().initialize_request(request, *args, **kwargs)

    @cached_property
    def requested_locale(self):
        code = self.request.GET.get("locale")
        if code is None:
            return None
        locale = None
        if code in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
            locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            languages = ", ".join(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
            raise BadRequestError(
                gettext("Unknown language “%(code)s”. Languages: %(languages)s.")
                % {"code": code, "languages": languages}
            )
        return locale

    def listed_locale_ids(self):
        """The languages a listing may show: the one asked for, or every one."""
        if self.requested_locale is not None:
            return [self.requested_locale.pk]
        return list(Locale.objects.order_by("pk").values_list("pk", flat=True))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["cache_tags"] = self.cache_tags
        return context

    def throttled(self, request, wait):
        raise Throttled(detail=gettext("Too many requests from your address; try again later."))

    def handle_exception(self, exc):
        if isinstance(exc, Throttled):
            return Response(
                {"message": str(exc.detail)},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(settings.API_RATE_WINDOW)},
            )
        if isinstance(exc, ValidationError):
            # A filter on a field given a value of the wrong kind (?date_published=soon).
            return bad_request(" ".join(exc.messages))
        if isinstance(exc, Http404):
            message = gettext("Nothing here: no such object is published.")
            return Response({"message": message}, status=status.HTTP_404_NOT_FOUND)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 404:
            # Django's LocaleMiddleware turns a 404 at an address without a language
            # prefix into a redirect under /fr/, where Wagtail answers every path: an
            # API 404 must stay one. The middleware asks `request.urlconf` whether the
            # addresses have language prefixes; the API's have none.
            self.http_request.urlconf = "api.urls"
        return response

    def listing_tags(self):
        """The tags of a listing besides those of what it shows; None: not to be kept."""
        return None

    def detail_tags(self, instance):
        return []

    def prepare(self, objects):
        """Fetch, for every object of an answer at once, what its fields show."""

    def filter_queryset(self, queryset):
        if self.request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError(gettext("search_operator must be “and” or “or”."))
        return super().filter_queryset(queryset)

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        objects = list(self.paginate_queryset(queryset))
        self.prepare(objects)
        data = self.get_serializer(objects, many=True).data
        response = self.get_paginated_response(data)
        # Search results depend on the query: never shared, as on the site.
        tags = None if "search" in request.GET else self.listing_tags()
        if tags is not None:
            tag_response(response, [*tags, *self.cache_tags])
        return response

    def detail_view(self, request, pk):
        instance = self.get_object()
        self.prepare([instance])
        data = self.get_serializer(instance).data
        return tag_response(Response(data), [*self.detail_tags(instance), *self.cache_tags])


class CarnetPageSerializer(PageSerializer):
    html_url = fields.PublicUrlField()
    translations = fields.TranslationsField()


class PagesEndpoint(PublicAPIMixin, PagesAPIViewSet):
    """Every live, public page, whatever its type, with the fields every page has."""

    base_serializer_class = CarnetPageSerializer
    filter_backends = [
        LocaleFilter if backend.__name__ == "LocaleFilter" else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"site"}
    meta_fields = PagesAPIViewSet.meta_fields + ["last_published_at", "translations"]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["translations"]
    model = Page

    @cached_property
    def visible_pages(self):
        """Live pages outside any privacy setting, the tree's root aside. Wagtail's
        `public()` reads the privacy settings first (one query) so that a search can filter
        the pages by path."""
        return Page.objects.live().public().filter(depth__gt=1)

    def get_base_queryset(self):
        return self.visible_pages

    def get_queryset(self):
        return super().get_queryset().select_related("locale")

    @classmethod
    def get_body_fields(cls, model):
        # The fields of every page, whatever its type: the fields of a type are those of
        # its own endpoint (articles, topics…).
        return [APIField(name) for name in [*cls.body_fields, *cls.extra_fields]]

    extra_fields = ()

    def prepare(self, pages):
        """Each page's live, public translations, for all the pages in one query."""
        keys = {page.translation_key for page in pages}
        translations = {}
        found = public_pages(Page.objects.live().filter(translation_key__in=keys))
        for translation in found.select_related("locale").order_by("locale__language_code"):
            translations.setdefault(translation.translation_key, []).append(translation)
        for page in pages:
            page.api_translations = [
                translation
                for translation in translations.get(page.translation_key, [])
                if translation.pk != page.pk
            ]

    def find_object(self, queryset, request):
        """`?html_path=/fr/articles/…/`: the page readers find at that address."""
        if "html_path" not in request.GET:
            return super().find_object(queryset, request)
        parts = [part for part in request.GET["html_path"].split("/") if part]
        site = Site.find_for_request(self.http_request)
        if site is None or not parts:
            return None
        home = site.root_page
        locale = Locale.objects.filter(language_code=parts[0]).first()
        if locale is not None:
            home = home.get_translation_or_none(locale)
            parts = parts[1:]
        if home is None:
            return None
        try:
            page = home.specific.route(self.http_request, parts).page
        except Http404:
            return None
        return queryset.filter(pk=page.pk).first()

    def listing_tags(self):
        # Every publication, unpublication or move of a page purges `sitemap`.
        return ["sitemap"]

    def detail_tags(self, page):
        return [f"page-{page.pk}"]


class TypedPagesEndpoint(PagesEndpoint):
    """The pages of one type, with the fields of that type."""

    filter_backends = [FieldsFilter, LocaleFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"locale"}
    default_order = ("path",)

    @cached_property
    def visible_pages(self):
        return self.model.objects.live().public()

    def get_queryset(self):
        return self.get_base_queryset().select_related("locale").order_by(*self.default_order)

    def get_object(self):
        return super(PagesAPIViewSet, self).get_object()

    def get_serializer_context(self):
        # A page's parent is shown when readers may see it, whatever its type.
        return {
            **super().get_serializer_context(),
            "base_queryset": public_pages(Page.objects.live()),
        }


class IntroPageEndpoint(TypedPagesEndpoint):
    extra_fields = ("intro",)
    listing_default_fields = TypedPagesEndpoint.listing_default_fields + ["intro"]


class ArticleIndexesEndpoint(IntroPageEndpoint):
    """The article index of each language (the “see all” page)."""

    name = "article_indexes"
    model = ArticleIndexPage


class TopicsEndpoint(IntroPageEndpoint):
    """The topics, in the order of the list of topics."""

    name = "topics"
    model = TopicIndexPage

    def listing_tags(self):
        return [f"topics-{pk}" for pk in self.listed_locale_ids()]


class ArticleSerializer(CarnetPageSerializer):
    summary = serializers.CharField(source="intro", read_only=True)
    hero_image = fields.HeroImageField()
    authors = fields.AuthorsField()
    topics = fields.TopicsField()
    reading_time = serializers.IntegerField(read_only=True)
    body = fields.BodyField()
    comments = fields.CommentsField()


class ArticlesEndpoint(TypedPagesEndpoint):
    """Articles, newest first, with what a front end shows of them."""

    name = "articles"
    model = ArticlePage
    base_serializer_class = ArticleSerializer
    filter_backends = [
        FieldsFilter,
        LocaleFilter,
        TopicFilter,
        AuthorFilter,
        OrderingFilter,
        SearchFilter,
    ]
    known_query_parameters = TypedPagesEndpoint.known_query_parameters | {"topic", "author"}
    extra_fields = (
        "summary",
        "hero_image",
        "authors",
        "topics",
        "date_published",
        "date_updated",
        "reading_time",
        "body",
        "comments",
    )
    # The reading time counts the words of the body, whose blocks load what they show
    # (images, linked articles): with the body, it is in an article's detail only, so
    # that a listing costs the same whatever the bodies of its articles.
    detail_only_fields = ["parent", "body", "comments", "reading_time"]
    listing_default_fields = TypedPagesEndpoint.listing_default_fields + [
        "summary",
        "hero_image",
        "authors",
        "topics",
        "date_published",
        "date_updated",
    ]
    default_order = ("-date_published", "-id")

    def get_queryset(self):
        articles = super().get_queryset().select_related("hero_image")
        return articles.defer_streamfields() if self.action == "listing_view" else articles

    def prepare(self, articles):
        super().prepare(articles)
        renditions = get_image_model().get_rendition_model().objects
        prefetch_related_objects(
            articles,
            *ArticlePage.reader_prefetches(),
            Prefetch(
                "hero_image__renditions",
                queryset=renditions.filter(filter_spec__in=HERO_IMAGE_SPECS),
            ),
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "indexes": indexes_by_locale()}

    def listing_tags(self):
        return [f"articles-{pk}" for pk in self.listed_locale_ids()]


class AuthorSerializer(BaseSerializer):
    locale = fields.LocaleCodeField()
    portrait = fields.PortraitField()
    url = fields.AuthorUrlField()


class AuthorsEndpoint(PublicAPIMixin, BaseAPIViewSet):
    """The authors who signed at least one live, public article."""

    name = "authors"
    model = Author
    base_serializer_class = AuthorSerializer
    filter_backends = [FieldsFilter, LocaleFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"locale"}
    body_fields = BaseAPIViewSet.body_fields + ["name", "slug", "bio", "portrait"]
    meta_fields = BaseAPIViewSet.meta_fields + ["url", "locale"]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "name",
        "slug",
        "url",
        "locale",
        "portrait",
    ]

    def get_queryset(self):
        articles = public_pages(ArticlePage.objects.live()).values("pk")
        signed = ArticlePageAuthor.objects.filter(page__in=articles).values("author_id")
        return (
            Author.objects.filter(pk__in=signed)
            .select_related("locale", "portrait")
            .order_by("name", "pk")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "indexes": indexes_by_locale()}

    def prepare(self, authors):
        self.cache_tags.update(f"author-{author.pk}" for author in authors)

    def listing_tags(self):
        # The list changes when an article is published or unpublished (its authors come
        # or go) and when one of the authors shown is saved.
        return [f"articles-{pk}" for pk in self.listed_locale_ids()]

    def detail_tags(self, author):
        return [f"author-{author.pk}"]


class ImagesEndpoint(PublicAPIMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint; images of collections under a privacy setting are left
    out. A change of any image purges everything (`all`); a new image purges nothing, so
    the listing is not kept by the proxy."""

    def detail_tags(self, image):
        return ["all"]


class DocumentsEndpoint(PublicAPIMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint, on the same terms as images."""

    def detail_tags(self, document):
        return ["all"]
