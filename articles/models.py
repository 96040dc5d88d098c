import math

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.db.models.signals import post_delete, pre_save
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.embeds.models import Embed
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.addresses import page_address
from delivery.caching import tag_response
from delivery.purges import purge_later
from home.models import BasePage, public_pages

from .blocks import BODY_IMAGE_SPECS, ArticleBodyBlock

WORDS_PER_MINUTE = 200
RESERVED_SLUGS = {"feed"}
HERO_IMAGE_SPECS = ("width-720", "width-1440", "fill-1200x630")


class Author(TranslatableMixin, index.Indexed, models.Model):
    """A writer: the name stays the same in every language, the biography is translated."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("The end of the address of the page that lists the author’s articles."),
    )
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("bio"), FieldPanel("portrait")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("slug", overridable=False),
        TranslatableField("bio"),
        SynchronizedField("portrait"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    def cache_purge_tags(self):
        """Saved or deleted, an author changes the articles signed and the author's page."""
        return [f"author-{self.pk}"] if self.pk else []


class ListingPage(RoutablePageMixin, BasePage):
    """A page that lists articles, newest first, a page of them at a time, with a feed."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences shown at the top of the page and in search results."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_articles(self):
        """The live articles this page lists (a queryset, already ordered)."""
        raise NotImplementedError

    def cache_tags(self, request):
        """Every listing of a language carries `listings-<locale id>` (a topic's name
        shows on the cards of every listing)."""
        return [*super().cache_tags(request), f"listings-{self.locale_id}"]

    def feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed")

    @path("")
    def listing(self, request):
        from .listings import paginate

        articles = paginate(request, self.get_articles())
        return self.render(
            request,
            context_overrides={
                "articles": articles,
                "canonical_url": self.listing_url(request, articles.number),
                "feeds": [(self.title, self.feed_url(request))],
            },
        )

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import ArticleFeed

        return ArticleFeed()(request, page=self)

    def listing_url(self, request, number):
        url = page_address(self, request)
        return url if number == 1 else f"{url}?page={number}"


class ArticleIndexPage(ListingPage):
    """All the articles of one language: the “see all” page."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("article index")
        verbose_name_plural = _("article indexes")

    def get_articles(self):
        from .listings import article_cards

        return article_cards(ArticlePage.objects.filter(locale_id=self.locale_id))

    def cache_tags(self, request):
        return [*super().cache_tags(request), f"articles-{self.locale_id}"]

    def purge_tags(self):
        return [*super().purge_tags(), f"articles-{self.locale_id}"]

    def route(self, request, path_components):
        """An article comes in one query, with its privacy check; it is served knowing its
        index (`index_page`), which its page links to. Its hero image comes when its
        template reads it, which it does not when its fragments are cached.

        Siblings' slugs are unique: `get` needs no ordering, which Django would otherwise
        build over every column of the article."""
        if len(path_components) == 1 and path_components[0] not in RESERVED_SLUGS:
            articles = BasePage.with_privacy_check(ArticlePage.objects.child_of(self))
            try:
                article = articles.get(slug=path_components[0])
            except ArticlePage.DoesNotExist:
                return super().route(request, path_components)
            if not article.live:
                raise Http404
            return RouteResult(article, kwargs={"index_page": self})
        return super().route(request, path_components)

    @staticmethod
    def author_segment(language_code=None):
        """The word in the address of author pages: “auteurs” in French, “authors” in English.

        Pages are served in their own language, so the active one is the page's.
        """
        with translation.override(language_code or translation.get_language()):
            return pgettext("URL path segment", "authors")

    def authors_url(self, request=None, language_code=None, full=False):
        """The address of the list of this index's authors."""
        base = self.get_full_url(request) if full else self.get_url(request)
        return f"{base}{self.author_segment(language_code)}/"

    def author_url(self, author, request=None, language_code=None, full=False):
        """The address of the page listing `author`'s articles in this index."""
        base = page_address(self, request) if full else self.get_url(request)
        return f"{base}{self.author_segment(language_code)}/{author.slug}/"

    # Not the feed's address, which a subclass's route would otherwise take first.
    @re_path(r"^(?!feed/)(?P<segment>[^/]+)/$", name="authors")
    def authors(self, request, segment):
        """The authors who signed a live article of this index, by name."""
        if segment != self.author_segment():
            raise Http404
        signed = ArticlePageAuthor.objects.filter(
            page__in=public_pages(ArticlePage.objects.live().child_of(self))
        ).values("author_id")
        authors = Author.objects.filter(locale_id=self.locale_id, pk__in=signed).select_related(
            "portrait"
        )
        alternates = {}
        for version in self.get_translations(inclusive=True).live().select_related("locale"):
            code = version.locale.language_code
            alternates[code] = (
                version.specific_deferred.authors_url(request, code),
                version.specific_deferred.authors_url(request, code, full=True),
            )
        response = self.render(
            request,
            template="articles/authors_page.html",
            context_overrides={
                "authors": [
                    {"author": author, "url": self.author_url(author, request)}
                    for author in authors
                ],
                "canonical_url": self.authors_url(request, full=True),
                "meta_title": pgettext("page title", "Authors"),
                "meta_description": "",
                "alternate_urls": alternates,
            },
        )
        return tag_response(response, [f"articles-{self.locale_id}"])

    @path("<str:segment>/<slug:slug>/", name="author")
    def author_articles(self, request, segment, slug):
        from .listings import article_cards, paginate

        if segment != self.author_segment():
            raise Http404
        author = get_object_or_404(
            Author.objects.select_related("portrait"), locale_id=self.locale_id, slug=slug
        )
        articles = paginate(
            request,
            article_cards(
                ArticlePage.objects.filter(
                    locale_id=self.locale_id,
                    pk__in=ArticlePageAuthor.objects.filter(author=author).values("page_id"),
                )
            ),
        )
        canonical = self.author_url(author, request, full=True)
        if articles.number > 1:
            canonical += f"?page={articles.number}"
        response = self.render(
            request,
            template="articles/author_page.html",
            context_overrides={
                "author": author,
                "authors_url": self.authors_url(request),
                "articles": articles,
                "canonical_url": canonical,
                "meta_title": author.name,
                "meta_description": strip_tags(author.bio),
                "alternate_urls": self.author_alternate_urls(author, request),
                "feeds": [(self.title, self.feed_url(request))],
            },
        )
        return tag_response(response, [f"author-{author.pk}"])

    def author_alternate_urls(self, author, request):
        """The author's page in each language where both the author and this index exist."""
        indexes = {
            index.locale.language_code: index
            for index in self.get_translations(inclusive=True).live().select_related("locale")
        }
        alternates = {}
        for version in author.get_translations(inclusive=True).select_related("locale"):
            code = version.locale.language_code
            if code in indexes:
                index = indexes[code].specific_deferred
                alternates[code] = (
                    index.author_url(version, request, code),
                    index.author_url(version, request, code, full=True),
                )
        return alternates


class TopicListPage(BasePage):
    """The list of topics of one language; each topic page is one of its children."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.TopicIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("list of topics")
        verbose_name_plural = _("lists of topics")

    def get_meta_description(self):
        return self.search_description or self.intro

    def cache_tags(self, request):
        return [*super().cache_tags(request), f"topics-{self.locale_id}"]

    def route(self, request, path_components):
        """A topic comes in one query, with its privacy check."""
        if path_components:
            topic = BasePage.with_privacy_check(
                TopicIndexPage.objects.child_of(self).filter(slug=path_components[0])
            ).first()
            if topic is None:
                raise Http404
            return topic.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics = public_pages(TopicIndexPage.objects.live().child_of(self))
        context["topics"] = topics.order_by("path")
        return context


class TopicIndexPage(ListingPage):
    """One topic (ethics, regulation…): its introduction and its articles."""

    parent_page_types = ["articles.TopicListPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def cache_tags(self, request):
        return [*super().cache_tags(request), f"topic-{self.pk}"]

    def purge_tags(self):
        """A topic shows in the list of topics, on the home page, and by name on the
        cards of every listing and on its articles."""
        locale = self.locale_id
        return [
            *super().purge_tags(),
            f"topic-{self.pk}",
            f"topics-{locale}",
            f"listings-{locale}",
        ]

    def get_articles(self):
        from .listings import article_cards

        filed_here = ArticlePageTopic.objects.filter(topic=self).values("page_id")
        return article_cards(ArticlePage.objects.filter(pk__in=filed_here))


class ArticlePage(BasePage):
    """An article: a summary, an optional hero image, a body made of blocks, its people."""

    intro = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two sentences, shown in listings, search results and on social networks."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("alternative text of the hero image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    date_published = models.DateField(_("publication date"), default=timezone.localdate)
    date_updated = models.DateField(
        _("last updated"),
        null=True,
        blank=True,
        help_text=_(
            "Set it when the article changes in substance after its publication; "
            "readers see it next to the publication date."
        ),
    )
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Readers may post comments under this article. Existing ones stay shown."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("author_links", label=_("Author"), min_num=1),
                InlinePanel("topic_links", label=_("Topic"), min_num=1),
            ],
            heading=_("Authors and topics"),
        ),
        MultiFieldPanel(
            [FieldPanel("date_published"), FieldPanel("date_updated")], heading=_("Dates")
        ),
    ]
    settings_panels = BasePage.settings_panels + [FieldPanel("comments_open")]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date_published"),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # Listings and recent posts read the newest articles first: with this index they
        # stop after the articles they show instead of sorting every article.
        indexes = [
            models.Index(fields=["-date_published", "-page_ptr"], name="article_newest_first")
        ]

    @staticmethod
    def reader_prefetches():
        """What the reader sees of an article besides its own row, one query each."""
        return [
            Prefetch(
                "author_links",
                queryset=ArticlePageAuthor.objects.select_related("author"),
            ),
            Prefetch(
                "topic_links",
                queryset=ArticlePageTopic.objects.select_related("topic"),
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by the article feed; choose another.")
        if self.hero_image_id and not self.hero_alt_text.strip():
            errors["hero_alt_text"] = _("Describe the hero image for readers who cannot see it.")
        if self.date_updated and self.date_published and self.date_updated < self.date_published:
            errors["date_updated"] = _("The update cannot come before the publication.")
        if errors:
            raise ValidationError(errors)

    @property
    def was_updated(self):
        return bool(self.date_updated and self.date_updated > self.date_published)

    @property
    def last_modified(self):
        return self.date_updated if self.was_updated else self.date_published

    @cached_property
    def word_count(self):
        """Words of the body's text (images' alternative texts and credits aside)."""
        return len(" ".join(self.body.stream_block.get_searchable_content(self.body)).split())

    @property
    def reading_time(self):
        """Minutes a reader needs for the body, at least one."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def prefetch_reader_links(self):
        """Fetch the authors and topics, one query each, unless already fetched."""
        models.prefetch_related_objects([self], *ArticlePage.reader_prefetches())

    @property
    def author_list(self):
        self.prefetch_reader_links()
        return [link.author for link in self.author_links.all()]

    @property
    def topic_list(self):
        self.prefetch_reader_links()
        return [link.topic.specific_deferred for link in self.topic_links.all() if link.topic.live]

    @cached_property
    def linked_ids(self):
        """The ids of this article's authors and topics, in one query: {"author": […],
        "topic": […]}."""
        authors = (
            ArticlePageAuthor.objects.filter(page=self)
            .order_by()
            .values_list(models.Value("author"), "author_id")
        )
        topics = (
            ArticlePageTopic.objects.filter(page=self)
            .order_by()
            .values_list(models.Value("topic"), "topic_id")
        )
        ids = {"author": [], "topic": []}
        for kind, pk in authors.union(topics, all=True):
            ids[kind].append(pk)
        return ids

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_meta_image(self):
        self.prepare_body()
        return self.hero_image

    @property
    def reader_hero_image(self):
        """The hero image, its renditions fetched with the body's (`prepare_body`)."""
        return self.get_meta_image()

    @cached_property
    def reader_body(self):
        """The body, prepared (`prepare_body`)."""
        self.prepare_body()
        return self.body

    def prepare_body(self):
        """Resolve, for the whole body at once, what its blocks need from the database.

        One query for the renditions of every image (the hero's included), one for the
        stored embeds; linked articles come with their translations. The body costs the
        same whatever its number of blocks. Done once: later calls do nothing.
        """
        if getattr(self, "body_prepared", False):
            return
        self.body_prepared = True
        images = [self.hero_image] if self.hero_image else []
        embeds, link_lists, anchors = [], [], {}
        for block in self.body:
            if block.block_type == "image" and block.value["image"]:
                images.append(block.value["image"])
            elif block.block_type == "embed" and block.value.url:
                embeds.append(block.value)
            elif block.block_type == "article_links":
                link_lists.append(block.value)
            elif block.block_type == "heading":
                anchor = block.value.anchor_id
                anchors[anchor] = anchors.get(anchor, 0) + 1
                if anchors[anchor] > 1:
                    block.value.unique_anchor = f"{anchor}-{anchors[anchor]}"
        self._prefetch_renditions(images)
        self._resolve_embeds(embeds)
        self._resolve_article_links(link_lists)

    @staticmethod
    def _prefetch_renditions(images):
        if not images:
            return
        rendition_model = get_image_model().get_rendition_model()
        specs = set(BODY_IMAGE_SPECS) | set(HERO_IMAGE_SPECS)
        models.prefetch_related_objects(
            images,
            Prefetch("renditions", queryset=rendition_model.objects.filter(filter_spec__in=specs)),
        )

    @staticmethod
    def _resolve_embeds(values):
        if not values:
            return
        stored = {}
        for embed in Embed.objects.filter(url__in={value.url for value in values}).order_by(
            "last_updated"
        ):
            stored[embed.url] = embed
        for value in values:
            value.embed = stored.get(value.url)

    def _resolve_article_links(self, values):
        for value in values:
            links = []
            for article in value["articles"]:
                translations = getattr(article, "translations_by_locale", {})
                article = translations.get(self.locale_id)
                if article is not None and article.pk != self.pk:
                    links.append(article)
            value.resolved_articles = links

    def get_context(self, request, *args, index_page=None, **kwargs):
        """The article ready to read: its index, its authors, recent posts and feeds.
        `index_page` is the index it was routed through (see ArticleIndexPage.route); a
        preview finds it.

        What needs the database is fetched only when the template reads it, which it does
        not when its fragments are cached (delivery/fragments.py): `authors`,
        `recent_articles` and `feeds` are computed on first use; the topics
        (`topic_list`), the body (`reader_body`) and the images (`get_meta_image`) too.
        """
        from .listings import recent_articles

        context = super().get_context(request, *args, **kwargs)
        if index_page is None:
            index_page = self.get_parent().specific_deferred
        context["index_page"] = index_page
        # The article ends with its own newsletter box, in its column: none in the footer.
        context["hide_newsletter_signup"] = True
        context["recent_articles"] = SimpleLazyObject(lambda: recent_articles(self))
        context["authors"] = SimpleLazyObject(
            lambda: [
                {
                    "name": author.name,
                    "url": index_page.author_url(author, request),
                    "full_url": index_page.author_url(author, request, full=True),
                }
                for author in self.author_list
            ]
        )
        context["feeds"] = SimpleLazyObject(
            lambda: (
                [(index_page.title, index_page.feed_url(request))]
                + [(topic.title, topic.feed_url(request)) for topic in self.topic_list]
            )
        )
        return context

    def cache_tags(self, request):
        """The article, its authors and topics, its comments and its recent posts
        (the latest articles of its language). A reader just back from posting a comment
        sees a note for them alone: that answer is not shared."""
        if request.GET.get("comment"):
            return []
        return [
            *super().cache_tags(request),
            f"articles-{self.locale_id}",
            f"comments-{self.pk}",
            *(f"author-{pk}" for pk in self.linked_ids["author"]),
            *(f"page-{pk}" for pk in self.linked_ids["topic"]),
        ]

    def purge_tags(self):
        """An article enters or leaves the listings of its language, of its topics and of
        its authors (their removal is purged as it is saved: see `purge_removed_links`)."""
        return [
            *super().purge_tags(),
            f"articles-{self.locale_id}",
            *(f"topic-{pk}" for pk in self.topic_links.values_list("topic_id", flat=True)),
            *(f"author-{pk}" for pk in self.author_links.values_list("author_id", flat=True)),
        ]


class ArticlePageAuthor(TranslatableMixin, Orderable):
    """An author of an article; translated with the article, it points at the author’s
    translation."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="author_links")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("author")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("author of an article")
        verbose_name_plural = _("authors of an article")


class ArticlePageTopic(TranslatableMixin, Orderable):
    """A topic of an article; translated with the article, it points at the topic’s
    translation."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="topic_links")
    # A link to the base Page model: wagtail-localize gives the translated topic in
    # that form when it translates the link.
    topic = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="article_topic_links",
    )

    panels = [PageChooserPanel("topic", page_type="articles.TopicIndexPage")]
    # wagtail-localize keeps links to pages as they are, unless told to translate them.
    override_translatable_fields = [TranslatableField("topic")]

    def clean(self):
        super().clean()
        if self.topic_id and not isinstance(self.topic.specific_deferred, TopicIndexPage):
            raise ValidationError({"topic": _("Choose a topic page.")})

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("topic of an article")
        verbose_name_plural = _("topics of an article")


def purge_removed_links(sender, instance, **kwargs):
    """A live article that leaves a topic or an author (a link deleted, or pointed
    elsewhere) leaves their listings: purge them."""
    field = "topic_id" if sender is ArticlePageTopic else "author_id"
    tag = "topic" if sender is ArticlePageTopic else "author"
    if not ArticlePage.objects.filter(pk=instance.page_id, live=True).exists():
        return
    if kwargs.get("signal") is pre_save:
        if instance.pk is None:
            return
        before = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
        if before is None or before == getattr(instance, field):
            return
        purge_later([f"{tag}-{before}"])
    else:
        purge_later([f"{tag}-{getattr(instance, field)}"])


for link_model in (ArticlePageTopic, ArticlePageAuthor):
    pre_save.connect(purge_removed_links, sender=link_model, dispatch_uid=f"purge_{link_model}")
    post_delete.connect(
        purge_removed_links, sender=link_model, dispatch_uid=f"unlink_{link_model}"
    )
