from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from home.prepared import PreparedQuery

META_DESCRIPTION_LENGTH = 200


def view_restriction_exists(outer_path="path"):
    """An `Exists` expression: is the page at `outer_path` under a view restriction?

    A page is restricted when it or one of its ancestors has a restriction, or is an
    alias of a page that has one (the same rule as `Page.get_view_restrictions`), so
    a listing or a route can check privacy in the query it already makes.
    """
    path = ExpressionWrapper(OuterRef(outer_path), output_field=models.CharField())
    return Exists(
        PageViewRestriction.objects.filter(
            StartsWith(path, F("page__path")) | StartsWith(path, F("page__aliases__path"))
        )
    )


def child_route_query(path, depth, slug):
    """The child `slug` of the page at `path`, with its privacy check."""
    children = Page.objects.filter(path__startswith=path, depth=depth, slug=slug)
    return children.annotate(has_view_restrictions=view_restriction_exists())


CHILD_ROUTE = PreparedQuery(child_route_query, path=str, depth=int, slug=str)


def public_pages(queryset):
    """`queryset` without the pages readers may not see; unlike `.public()`, no extra query."""
    return queryset.filter(~view_restriction_exists())


class BasePage(Page):
    """What every Carnet page shares: social metadata and cheap privacy checks."""

    class Meta:
        abstract = True

    def get_meta_description(self):
        """The summary used in `<meta name="description">`, OpenGraph and search results."""
        return self.search_description

    def get_meta_image(self):
        """The image shared on social networks, if the page has one."""
        return None

    og_type = "website"

    def shown_in_other_pages_fragments(self):
        """Whether other pages' fragments kept per publication (delivery/fragments.py) may
        show this page, so that its publication must renew them: yes, unless a page type
        knows better (a home page or a section shows in every page's header)."""
        return True

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, in one query.

        Wagtail's own method costs two queries on every page view. When routing has
        already annotated the page with `has_view_restrictions`, a page without any
        costs none.
        """
        if getattr(self, "has_view_restrictions", None) is False:
            return PageViewRestriction.objects.none()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()

    def route_to_child(self, request, path_components, children):
        """Route to the child whose slug starts `path_components`, found in one query.

        `children` is a queryset of the specific child type (so the page comes back
        whole, with whatever it selects or prefetches); the privacy check rides along.
        """
        slug, remaining = path_components[0], path_components[1:]
        child = (
            children.child_of(self)
            .annotate(has_view_restrictions=view_restriction_exists())
            .filter(slug=slug)
            .first()
        )
        if child is None:
            raise Http404
        child._cached_parent_obj = self
        return child.route(request, remaining)


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

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("tagline"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage", "articles.TopicListPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_meta_description(self):
        text = self.search_description or strip_tags(self.intro) or self.tagline
        return Truncator(" ".join(text.split())).chars(META_DESCRIPTION_LENGTH)

    def route(self, request, path_components):
        """Route to a section of the site without loading the section's own fields twice.

        Wagtail loads each page on the way twice (base, then specific). A section
        (articles, topics) that is only passed through is taken in its deferred
        specific form, which costs nothing until one of its own fields is read.
        """
        if not hasattr(request, "routed_home"):
            # The home page of the reader's language, for the header and footer.
            request.routed_home = self
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        children = CHILD_ROUTE(path=self.path, depth=self.depth + 1, slug=slug)
        if not children:
            raise Http404
        child = children[0]
        specific = child.specific_deferred if remaining else child.specific
        specific._cached_parent_obj = self
        specific.has_view_restrictions = child.has_view_restrictions
        return specific.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        from articles.listings import home_page_listings

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_listings(self))
        if context["article_index"] is not None:
            index = context["article_index"]
            context["feeds"] = [(index.title, index.feed_url(request))]
        return context
