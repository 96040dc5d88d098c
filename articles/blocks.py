"""The blocks an article's body is made of.

`BaseBodyBlock` holds the blocks any long text needs; `ArticleBodyBlock` adds the ones
that only make sense in an article. Blocks whose rendering needs the database (images,
embeds, links to articles) are resolved for the whole body at once by
`articles.models.ArticlePage.prepare_body`, so a body costs the same number of queries
whatever its number of blocks; on their own (in a block preview) they resolve themselves.
"""

import copy
from collections import defaultdict
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

# Renditions the templates ask for; prefetched in one query per page.
BODY_IMAGE_SPECS = ("width-720", "width-1440")
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "articles/blocks/paragraph.html"
        label = _("Paragraph")
        description = _("Running text, with bold, italics, links and lists.")
        preview_value = (
            "<p>Un texte courant, avec du <b>gras</b>, de l’<i>italique</i> et des listes.</p>"
        )


class HeadingValue(blocks.StructValue):
    @property
    def anchor_id(self):
        """The heading's `id`: the editor's anchor, or one made from the heading's text.

        `ArticlePage.prepare_body` makes it unique on the page.
        """
        unique = getattr(self, "unique_anchor", None)
        if unique:
            return unique
        return self.get("anchor") or slugify(self.get("text", "")) or "section"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
        search_index=False,
    )
    anchor = blocks.RegexBlock(
        label=_("Anchor"),
        regex=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        required=False,
        error_messages={"invalid": _("Use lowercase letters, digits and hyphens only.")},
        help_text=_(
            "The end of a link to this heading (…/#anchor). Leave empty to make one "
            "from the heading."
        ),
    )

    class Meta:
        icon = "title"
        template = "articles/blocks/heading.html"
        value_class = HeadingValue
        label = _("Heading")
        description = _("A section or subsection title that readers can link to.")
        preview_value = {"text": "Une troisième voie", "level": "h2", "anchor": ""}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        search_index=False,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.TextBlock(label=_("Caption"), required=False, rows=2)
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, max_length=160, search_index=False
    )

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"
        label = _("Image")
        description = _("An image with its alternative text, caption and credit.")

    def get_preview_value(self):
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {
                "image": image,
                "alt_text": image.title if image else "",
                "caption": "Une légende qui situe l’image.",
                "credit": "Carnet",
            }
        )


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), rows=3)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "articles/blocks/pull_quote.html"
        label = _("Pull quote")
        description = _("A sentence set apart from the text, with who said it.")
        preview_value = {
            "quote": "L’ouverture n’est pas un luxe : c’est une condition de la confiance.",
            "attribution": "Une chercheuse",
        }


class MediaEmbedValue(blocks.StructValue):
    @property
    def html(self):
        """The stored embed code for the URL; never fetched while a reader waits.

        Wagtail fetches and stores it when the editor saves the page (the block's
        validation); without it, the template shows a plain link.
        """
        if not hasattr(self, "embed"):
            from wagtail.embeds.models import Embed

            self.embed = Embed.objects.filter(url=self.url).order_by("-last_updated").first()
        return self.embed.html if self.embed else ""

    @property
    def url(self):
        value = self.get("embed")
        return value.url if value else ""

    @property
    def host(self):
        return urlsplit(self.url).hostname or ""


class MediaEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(
        label=_("Address"),
        help_text=_("The address of a video or a post (YouTube, Vimeo, TED, Mastodon…)."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "articles/blocks/embed.html"
        value_class = MediaEmbedValue
        label = _("Video or post")
        description = _("A video or a social media post, embedded from its address.")
        preview_value = {
            "embed": "https://www.ted.com/talks/stuart_russell_3_principles_for_creating_safer_ai",
            "caption": "Une conférence sur la sûreté de l’IA.",
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("note", _("Note")),
            ("key_points", _("Key points")),
            ("warning", _("Caution")),
        ],
        default="note",
        search_index=False,
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=160)
    text = blocks.RichTextBlock(label=_("Text"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        template = "articles/blocks/callout.html"
        label = _("Call-out box")
        description = _("A box set apart from the text: a note, key points or a caution.")
        preview_value = {
            "kind": "key_points",
            "title": "À retenir",
            "text": "<ul><li>Un premier point.</li><li>Un second point.</li></ul>",
        }


class ArticleChooserBlock(blocks.PageChooserBlock):
    """Chooses articles; loads them and their live translations at once, without bodies.

    wagtail-localize leaves a translated page's choice pointing at the source article;
    the translations let the page show, with no further query, the article in its own
    language (`translations_by_locale`, keyed by locale id).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("page_type", "articles.ArticlePage")
        super().__init__(**kwargs)

    def bulk_to_python(self, values):
        ids = [value for value in values if value is not None]
        articles = self.model_class.objects.defer_streamfields()
        chosen_keys = articles.filter(pk__in=ids).values("translation_key")
        found, translations = {}, defaultdict(dict)
        for article in articles.filter(
            Q(pk__in=ids) | Q(live=True, translation_key__in=chosen_keys)
        ):
            found[article.pk] = article
            if article.live:
                translations[article.translation_key][article.locale_id] = article
        result = []
        for value in values:
            article = copy.copy(found[value]) if value in found else None
            if article is not None:
                article.translations_by_locale = translations[article.translation_key]
            result.append(article)
        return result


class ArticleLinksValue(blocks.StructValue):
    @property
    def links(self):
        """The chosen articles that are live, in the language of the page showing them.

        `ArticlePage.prepare_body` resolves them for the whole body in one query.
        """
        if not hasattr(self, "resolved_articles"):
            self.resolved_articles = [
                article for article in self.get("articles", []) if article and article.live
            ]
        return self.resolved_articles


class ArticleLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=160,
        help_text=_("Leave empty for “Read also”."),
    )
    articles = blocks.ListBlock(ArticleChooserBlock(label=_("Article")), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "articles/blocks/article_links.html"
        value_class = ArticleLinksValue
        label = _("Links to articles")
        description = _("A short list of other articles to read next.")

    def get_preview_value(self):
        from articles.models import ArticlePage

        return self.normalize(
            {"heading": "", "articles": list(ArticlePage.objects.live().order_by("-pk")[:2])}
        )

    def clean(self, value):
        value = super().clean(value)
        ids = [article.pk for article in value["articles"] if article]
        if len(ids) != len(set(ids)):
            raise blocks.StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Each article can appear only once in the list."))
                ]
            )
        return value


class BaseBodyBlock(blocks.StreamBlock):
    """The blocks any long text is made of."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    pull_quote = PullQuoteBlock()
    embed = MediaEmbedBlock()


class ArticleBodyBlock(BaseBodyBlock):
    """An article's body: the common blocks, call-outs and links to other articles."""

    callout = CalloutBlock()
    article_links = ArticleLinksBlock()
