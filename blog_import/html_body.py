"""Turn a post's HTML into the blocks of an article's body (articles/blocks.py).

What the body offers, and what each piece of HTML becomes:

- paragraphs and lists → `paragraph` (rich text with bold, italics, links and lists;
  consecutive ones share a block; every other element and attribute is dropped by
  Wagtail's rich text whitelister, so no script, style or `javascript:` link survives);
- h1–h2 → `heading` level 2, h3–h6 → `heading` level 3;
- images, alone or in a figure with its caption → `image` (the file is fetched by the
  caller's `find_image`; one that cannot be had is left out);
- quotations → `pull_quote`, with the `<cite>` or `<footer>` as attribution;
- iframes, WordPress and Ghost embed figures, and an address alone on its line that an
  embed finder accepts (YouTube, Vimeo…) → `embed`;
- code (`<pre>`) → `paragraph`, line by line, since the body has no code block;
- tables → `paragraph`, a line per row.
"""

import re
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.html import escape
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.embeds.finders import get_finders

from articles.blocks import PARAGRAPH_FEATURES

HEADING_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
TEXT_ELEMENTS = {"p", "ul", "ol"}
DROPPED = {"script", "style", "noscript", "form", "input", "button", "select", "textarea", "svg"}
HEADING_MAX_LENGTH = 160
CAPTION_MAX_LENGTH = 250
ALT_TEXT_MAX_LENGTH = 250
SHORTCODE_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL)
SHORTCODE_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)
SHORTCODES = re.compile(r"\[/?(?:gallery|audio|video|playlist|caption|embed)\b[^\]]*\]")
LEADING_IMAGE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)
ADDRESS = re.compile(r"^https?://\S+$")
BLANK_LINE = re.compile(r"\n\s*\n")


def plain(node):
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def embeddable(address):
    return bool(ADDRESS.match(address)) and any(finder.accept(address) for finder in get_finders())


def embed_address(source):
    """The page address of an embedded player (an iframe's src), as embed finders know it."""
    parts = urlsplit(source if not source.startswith("//") else f"https:{source}")
    host = parts.hostname or ""
    if host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        match = re.match(r"/embed/([\w-]+)", parts.path)
        if match:
            return f"https://www.youtube.com/watch?v={match.group(1)}"
    if host == "player.vimeo.com":
        match = re.match(r"/video/(\d+)", parts.path)
        if match:
            return f"https://vimeo.com/{match.group(1)}"
    if parts.query and "url" in parse_qs(parts.query):
        return parse_qs(parts.query)["url"][0]
    return parts.geturl()


def expand_wordpress_shortcodes(html):
    """WordPress's [caption] becomes a figure, [embed] its address; other shortcodes go."""

    def figure(match):
        found = LEADING_IMAGE.match(match.group(1))
        if not found:
            return match.group(1)
        return (
            f"<figure>{found.group(1)}<figcaption>{found.group(2).strip()}</figcaption></figure>"
        )

    html = SHORTCODE_CAPTION.sub(figure, html)
    html = SHORTCODE_EMBED.sub(lambda match: f"\n\n{match.group(1).strip()}\n\n", html)
    return SHORTCODES.sub("", html)


class BodyBuilder:
    """Walks the HTML once, collecting the raw StreamField value of the body.

    `find_image(address, alt_text)` returns a Wagtail image or None.
    """

    def __init__(self, find_image, blank_lines_are_paragraphs=False):
        self.find_image = find_image
        self.blank_lines_are_paragraphs = blank_lines_are_paragraphs
        self.converter = EditorHTMLConverter(features=PARAGRAPH_FEATURES)
        self.blocks = []
        self.text = []  # HTML of the paragraphs and lists of the current paragraph block
        self.inline = []  # HTML of the loose text and inline elements of the current paragraph

    def build(self, html):
        if self.blank_lines_are_paragraphs:
            html = expand_wordpress_shortcodes(html)
        soup = BeautifulSoup(html, "html.parser")
        for element in soup.find_all(DROPPED):
            element.decompose()
        self.walk(soup)
        self.flush_text()
        return self.blocks

    # Collecting running text.

    def flush_inline(self):
        html = "".join(self.inline).strip()
        self.inline = []
        if not html:
            return
        if ADDRESS.match(html) and embeddable(html):
            self.add_block("embed", {"embed": html, "caption": ""})
        elif BeautifulSoup(html, "html.parser").get_text().strip():
            self.text.append(f"<p>{html}</p>")

    def flush_text(self):
        self.flush_inline()
        html = self.converter.to_database_format("".join(self.text)).strip() if self.text else ""
        self.text = []
        if BeautifulSoup(html, "html.parser").get_text().strip():
            self.blocks.append({"type": "paragraph", "value": html})

    def add_block(self, block_type, value):
        self.flush_text()
        self.blocks.append({"type": block_type, "value": value})

    def add_loose_text(self, text):
        if not self.blank_lines_are_paragraphs:
            self.inline.append(escape(text))
            return
        pieces = BLANK_LINE.split(text)
        for number, piece in enumerate(pieces):
            if number:
                self.flush_inline()
            self.inline.append(escape(piece))

    # Walking the tree.

    def walk(self, node):
        for child in list(node.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.add_loose_text(str(child))
            elif isinstance(child, Tag):
                self.element(child)

    def element(self, tag):
        name = tag.name
        if name in HEADING_LEVELS:
            text = plain(tag)[:HEADING_MAX_LENGTH]
            if text:
                self.add_block(
                    "heading", {"text": text, "level": HEADING_LEVELS[name], "anchor": ""}
                )
        elif name == "figure":
            self.figure(tag)
        elif name == "img":
            self.image(tag, caption="")
        elif name == "iframe":
            if tag.get("src"):
                self.add_block("embed", {"embed": embed_address(tag["src"]), "caption": ""})
        elif name == "blockquote":
            self.quote(tag)
        elif name == "pre":
            self.flush_inline()
            lines = tag.get_text().strip("\n").splitlines()
            self.text.append("<p>" + "<br/>".join(escape(line) for line in lines) + "</p>")
        elif name == "table":
            self.flush_inline()
            for row in tag.find_all("tr"):
                cells = [plain(cell) for cell in row.find_all(["th", "td"])]
                if any(cells):
                    self.text.append(f"<p>{escape(' | '.join(cells))}</p>")
        elif name == "hr":
            self.flush_text()
        elif tag.find(["img", "iframe", "figure", "blockquote", "pre", "table", *HEADING_LEVELS]):
            # An element wrapping what must be a block of its own: a paragraph holding an
            # image, a link around an image, a <div>: its content is walked as loose text.
            if name in TEXT_ELEMENTS or name in {"div", "section", "article"}:
                self.flush_inline()
            self.walk(tag)
            if name in TEXT_ELEMENTS or name in {"div", "section", "article"}:
                self.flush_inline()
        elif name in TEXT_ELEMENTS:
            self.flush_inline()
            text = plain(tag)
            if name == "p" and ADDRESS.match(text) and embeddable(text):
                self.add_block("embed", {"embed": text, "caption": ""})
            else:
                self.text.append(str(tag))
        elif name in {"div", "section", "article", "main", "header", "footer", "aside"}:
            self.flush_inline()
            self.walk(tag)
            self.flush_inline()
        else:
            self.inline.append(str(tag))

    def figure(self, tag):
        caption = plain(tag.find("figcaption"))[:CAPTION_MAX_LENGTH]
        image, frame = tag.find("img"), tag.find("iframe")
        wrapper = tag.find(class_=re.compile("embed__wrapper"))
        if image is not None:
            self.image(image, caption)
        elif frame is not None and frame.get("src"):
            self.add_block("embed", {"embed": embed_address(frame["src"]), "caption": caption})
        elif wrapper is not None and ADDRESS.match(plain(wrapper)):
            self.add_block("embed", {"embed": plain(wrapper), "caption": caption})
        else:
            figcaption = tag.find("figcaption")
            if figcaption is not None:
                figcaption.decompose()
            self.walk(tag)
            self.flush_inline()

    def image(self, tag, caption):
        address = tag.get("src") or tag.get("data-src") or ""
        alt_text = " ".join(tag.get("alt", "").split())
        found = self.find_image(address, alt_text) if address else None
        if found is None:
            return
        self.add_block(
            "image",
            {
                "image": found.pk,
                "alt_text": (alt_text or caption or found.default_alt_text)[:ALT_TEXT_MAX_LENGTH],
                "caption": caption,
                "credit": "",
            },
        )

    def quote(self, tag):
        classes = " ".join(tag.get("class", []))
        links = tag.find_all("a", href=True)
        if ("twitter-tweet" in classes or "instagram-media" in classes) and links:
            self.add_block("embed", {"embed": links[-1]["href"], "caption": ""})
            return
        attribution = ""
        cite = tag.find(["cite", "footer"])
        if cite is not None:
            attribution = plain(cite)[:HEADING_MAX_LENGTH]
            cite.decompose()
        paragraphs = [plain(part) for part in tag.find_all("p")] or [plain(tag)]
        quote = "\n\n".join(text for text in paragraphs if text)
        if quote:
            self.add_block("pull_quote", {"quote": quote, "attribution": attribution})


def html_to_blocks(html, find_image, blank_lines_are_paragraphs=False):
    """The raw StreamField value (a list of {"type", "value"}) of a post's HTML."""
    return BodyBuilder(find_image, blank_lines_are_paragraphs).build(html or "")


def body_text(blocks):
    """The running text of a body, for a summary: its paragraphs, without markup."""
    texts = [
        plain(BeautifulSoup(block["value"], "html.parser"))
        for block in blocks
        if block["type"] == "paragraph"
    ]
    return " ".join(text for text in texts if text)
