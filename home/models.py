from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.addresses import page_address

META_DESCRIPTION_LENGTH = 200


def view_restriction_exists(outer_path="path"):
    """An `Exists` expression: is the page at `outer_path` under a view restriction?

    A page is restricted when it or one of its ancestors has a restriction, or is an
    alias of a page that has one (the same rule as `Page.get_view_restrictions`), so
    a listing can check privacy in the query it already makes.
    """
    path = ExpressionWrapper(OuterRef(outer_path), output_field=models.CharField())
    return Exists(
        PageViewRestriction.objects.filter(
            StartsWith(path, F("page__path")) | StartsWith(path, F("page__aliases__path"))
        )
    )


def public_pages(queryset):
    """`queryset` without the pages readers may not see; unlike `.public()`, no extra query."""
    return queryset.filter(~view_restriction_exists())


class BasePage(Page):
    """What every Carnet page shares: social metadata, a privacy check in one query, and
    what the page tells the delivery app (delivery/): the tags of what its responses
    show, and the tags to purge when it is published, unpublished or moved."""

    class Meta:
        abstract = True

    def get_full_url(self, request=None):
        """The page's address at the site's public address (core.addresses), rather than
        at the host and port of Wagtail's Site record."""
        return page_address(self, request)

    def get_meta_description(self):
        """The summary used in `<meta name="description">`, OpenGraph and search results."""
        return self.search_description

    def get_meta_image(self):
        """The image shared on social networks, if the page has one."""
        return None

    og_type = "website"

    def cache_tags(self, request):
        """The cache tags of this page's responses to `request` (docs/caching.md): what
        they show. A page type adds what else it shows; an empty list keeps the
        response out of shared caches."""
        return [f"page-{self.pk}"]

    def purge_tags(self):
        """The cache tags to purge when this page is published, unpublished or moved: the
        page and its translations (their language links show it), the sitemap. A page
        type adds the listings it enters or leaves."""
        translations = Page.objects.filter(translation_key=self.translation_key)
        return [
            "sitemap",
            *(f"page-{pk}" for pk in translations.values_list("pk", flat=True)),
        ]

    @staticmethod
    def with_privacy_check(queryset):
        """`queryset` of pages annotated with `has_view_restrictions`, so that serving one
        of them checks its privacy without another query (see `get_view_restrictions`)."""
        return queryset.annotate(has_view_restrictions=view_restriction_exists())

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, in one query (Wagtail's
        own method makes two, on every page view); none at all for a page loaded through
        `with_privacy_check` that has none."""
        if getattr(self, "has_view_restrictions", None) is False:
            return PageViewRestriction.objects.none()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        )


class HomePage(BasePage):
    """The root of one language's site: the magazine's front page."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words that welcome readers at the top of the home page."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=255,
        blank=True,
        help_text=_("What the magazine is about, shown under its name in the footer."),
    )
    featured_article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("featured article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown first and large on the home page. The home pages of other languages "
            "show its translation, unless they choose their own."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("tagline"),
        PageChooserPanel("featured_article", "articles.ArticlePage"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage", "articles.TopicListPage", "home.InformationPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_meta_description(self):
        text = self.search_description or strip_tags(self.intro) or self.tagline
        return Truncator(" ".join(text.split())).chars(META_DESCRIPTION_LENGTH)

    def route(self, request, path_components):
        """Wagtail's routing, without loading the specific fields of a section the
        request only passes through (the article index on the way to an article), and
        with `get`: siblings' slugs are unique, so the query needs no ordering."""
        if not path_components:
            return super().route(request, path_components)
        try:
            child = self.get_children().get(slug=path_components[0])
        except Page.DoesNotExist:
            raise Http404 from None
        remaining = path_components[1:]
        return (child.specific_deferred if remaining else child.specific).route(request, remaining)

    def cache_tags(self, request):
        """The home page shows the latest articles and the topics of its language."""
        locale = self.locale_id
        return [*super().cache_tags(request), f"articles-{locale}", f"topics-{locale}"]

    def purge_tags(self):
        """Every page shows the home pages (language links, footer): purge everything."""
        return ["all"]


class InformationPage(BasePage):
    """A page of plain information under a home page: about the magazine, legal notice,
    privacy policy."""

    body = RichTextField(
        _("text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("Shown under the text: when its content was last checked."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("last_reviewed")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def get_meta_description(self):
        text = self.search_description or strip_tags(self.body)
        return Truncator(" ".join(text.split())).chars(META_DESCRIPTION_LENGTH)

    def purge_tags(self):
        """The header and footer of every page may link to it: purge everything."""
        return ["all"]


def page_link(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


@register_setting(icon="list-ul")
class SiteLinks(BaseSiteSetting):
    """The site's header and footer links: its sections, its information pages and its
    social accounts. Pages are chosen in any language; readers get the page in theirs."""

    articles_page = page_link(_("articles"), _("The list of all articles, linked in the header."))
    topics_page = page_link(_("topics"), _("The list of topics, linked in the header."))
    about_page = page_link(_("about"), _("What the magazine is, linked in the header and footer."))
    legal_page = page_link(_("legal notice"), _("Linked in the footer."))
    privacy_page = page_link(
        _("privacy policy"),
        _("Linked in the footer, beside the newsletter box and the comment form."),
    )
    mastodon = models.URLField(_("Mastodon"), blank=True, help_text=_("The account’s address."))
    bluesky = models.URLField(_("Bluesky"), blank=True, help_text=_("The account’s address."))
    linkedin = models.URLField(_("LinkedIn"), blank=True, help_text=_("The page’s address."))
    github = models.URLField(_("GitHub"), blank=True, help_text=_("The account’s address."))

    PAGES = ("articles_page", "topics_page", "about_page", "legal_page", "privacy_page")
    SOCIAL = (
        ("mastodon", "Mastodon"),
        ("bluesky", "Bluesky"),
        ("linkedin", "LinkedIn"),
        ("github", "GitHub"),
    )
    select_related = PAGES

    panels = [
        MultiFieldPanel(
            [PageChooserPanel("articles_page"), PageChooserPanel("topics_page")],
            heading=_("Header"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("about_page"),
                PageChooserPanel("legal_page", "home.InformationPage"),
                PageChooserPanel("privacy_page", "home.InformationPage"),
            ],
            heading=_("Information pages"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in SOCIAL], heading=_("Social accounts")
        ),
    ]

    class Meta:
        verbose_name = _("site links")
        verbose_name_plural = _("site links")

    def linked_pages(self):
        """{field name: page} of the pages chosen."""
        return {name: getattr(self, name) for name in self.PAGES if getattr(self, name)}

    def social_links(self):
        """(network name, address) of each account given."""
        return [(label, getattr(self, name)) for name, label in self.SOCIAL if getattr(self, name)]
