"""Reading a blog export: WordPress (WXR), RSS 2.0, Atom or Ghost JSON, into `SourcePost`s.

Each reader turns one export into a list of posts in a common shape; the importer
(`blog_import.importer`) knows nothing of the formats. An item that cannot be read
becomes a post with a `failure`, named by its title or identifier and its line in the
file when the format has lines, so one bad item never stops the others.

XML is read with the standard library's parser, which neither fetches external
entities nor expands nested entities without bound.
"""

import datetime
import email.utils
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree
from xml.parsers import expat

import requests
from django.core.management.base import CommandError
from django.utils import timezone

FORMATS = {
    "wxr": "WordPress export",
    "rss": "RSS feed",
    "atom": "Atom feed",
    "ghost": "Ghost export",
}
MAX_SOURCE_BYTES = 200 * 1024 * 1024
SOURCE_TIMEOUT = 30
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# WordPress's default category, which says nothing about a post.
UNCATEGORIZED = {"uncategorized", "non-classe", "sin-categoria", "allgemein"}


@dataclass
class SourceAuthor:
    name: str
    slug: str = ""
    bio: str = ""


@dataclass
class SourceImage:
    address: str
    alt_text: str = ""
    caption: str = ""


@dataclass
class SourcePost:
    """One post as the export gives it; `key` identifies it across imports."""

    key: str
    title: str = ""
    line: int | None = None
    slug: str = ""
    language: str = ""
    html: str = ""
    excerpt: str = ""
    published: datetime.datetime | None = None
    updated: datetime.datetime | None = None
    authors: list[SourceAuthor] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    address: str = ""  # where the post was read; relative image addresses start there
    old_addresses: list[str] = field(default_factory=list)
    translation_group: str = ""
    hero: SourceImage | None = None
    # WordPress's classic editor leaves paragraphs as blank lines, not <p> elements.
    blank_lines_are_paragraphs: bool = False
    skip_reason: str = ""
    failure: str = ""

    @property
    def label(self):
        if self.title:
            return f"“{self.title}” (line {self.line})" if self.line else f"“{self.title}”"
        return f"the item at line {self.line}" if self.line else self.key

    def fingerprint(self):
        """A digest of everything the page is made from: unchanged posts are skipped.

        The post's line is left out: a post added above it changes nothing in it.
        """
        content = {name: value for name, value in asdict(self).items() if name != "line"}
        data = json.dumps(content, sort_keys=True, default=str)
        return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class Export:
    """What a source holds: its format, its posts, and where its files are."""

    format: str
    posts: list[SourcePost]
    folder: Path | None = None
    address: str = ""


def read_export(source, format_name=None, language=""):
    """Read SOURCE (a file, a folder holding one export file, or an http(s) address).

    `language` (a language code) is the language of posts that do not say theirs,
    in place of the one the feed declares. Raises CommandError when SOURCE cannot be
    read or is in no known format.
    """
    address, folder, language = "", None, language_of(language)
    if urlsplit(source).scheme in ("http", "https"):
        address, data = source, download_source(source)
    else:
        path = Path(source)
        if path.is_dir():
            folder, path = path, find_export_file(path)
        elif path.is_file():
            folder = path.parent
        else:
            raise CommandError(f"{source}: no such file or folder.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).") from error
    format_name = format_name or detect_format(data, source)
    reader = {"wxr": read_wxr, "rss": read_rss, "atom": read_atom, "ghost": read_ghost}
    posts = reader[format_name](data, source, language)
    return Export(format=format_name, posts=posts, folder=folder, address=address)


def download_source(address):
    try:
        response = requests.get(address, timeout=SOURCE_TIMEOUT, stream=True)
        response.raise_for_status()
        data = b""
        for chunk in response.iter_content(64 * 1024):
            data += chunk
            if len(data) > MAX_SOURCE_BYTES:
                raise CommandError(f"{address}: larger than {MAX_SOURCE_BYTES} bytes.")
        return data
    except requests.RequestException as error:
        raise CommandError(f"{address}: cannot be downloaded ({error}).") from error


def find_export_file(folder):
    candidates = sorted(
        path for pattern in ("*.xml", "*.json", "*.rss", "*.atom") for path in folder.glob(pattern)
    )
    if len(candidates) != 1:
        found = ", ".join(path.name for path in candidates) or "none"
        raise CommandError(
            f"{folder}: the folder must hold exactly one export file (.xml, .json, .rss or "
            f".atom) beside its images; found {found}."
        )
    return candidates[0]


def detect_format(data, source):
    start = data.lstrip()[:4096]
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:].lstrip()
    if start.startswith((b"{", b"[")):
        return "ghost"
    if start.startswith(b"<"):
        if b"wordpress.org/export/" in data[:20000]:
            return "wxr"
        root = parse_xml(data, source).tag
        if root == "rss":
            return "rss"
        if root == f"{{{ATOM}}}feed":
            return "atom"
        raise CommandError(f"{source}: an XML document whose root <{root}> is no known feed.")
    raise CommandError(
        f"{source}: unknown format; expected a WordPress export, an RSS or Atom feed, or "
        "a Ghost JSON export (or name it with --format)."
    )


def parse_xml(data, source):
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise CommandError(
            f"{source}: malformed XML at line {line}, column {column + 1} ({error.msg})."
        ) from error


def start_lines(data, local_name):
    """The line where each element named `local_name` starts, in document order."""
    lines = []
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name, attributes):
        if name.rsplit(" ", 1)[-1] == local_name:
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.Parse(data, True)
    return lines


def text_of(element, path, namespaces=None):
    found = element.find(path, namespaces or {})
    return (found.text or "").strip() if found is not None else ""


def parse_date(value):
    """A date from RFC 822 (RSS), ISO 8601 (Atom, Ghost) or WordPress's "Y-m-d H:i:s"."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            raise ValueError(f"unreadable date {value!r}") from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def path_of(address):
    """The path (and query) of an address, what a redirect from it matches."""
    parts = urlsplit(address)
    if not parts.path and not parts.query:
        return ""
    return unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def slug_of(address):
    """The last part of a post's address, which most blogs make from its title."""
    last = unquote(urlsplit(address).path).rstrip("/").rsplit("/", 1)[-1]
    last = re.sub(r"\.(html?|php)$", "", last)
    return "" if last.isdigit() else last


def language_of(value):
    return (value or "").strip().replace("_", "-").lower()


def read_items(data, source, item_tag, read_item):
    """Run `read_item` on each item, turning an unreadable one into a failed post."""
    root = parse_xml(data, source)
    lines = start_lines(data, item_tag.rsplit("}", 1)[-1])
    posts = []
    for position, item in enumerate(root.iter(item_tag)):
        line = lines[position] if position < len(lines) else None
        try:
            post = read_item(root, item)
        except ValueError as error:
            title = text_of(item, "title") or text_of(item, f"{{{ATOM}}}title")
            post = SourcePost(key=f"line-{line}", title=title, failure=str(error))
        if post is not None:
            post.line = line
            posts.append(post)
    return posts


# WordPress ---------------------------------------------------------------------------


def read_wxr(data, source, language):
    """A WordPress export: posts, their attachments (featured images), Polylang or WPML."""
    root = parse_xml(data, source)
    version = re.search(rb"wordpress\.org/export/(\d+\.\d+)/", data)
    wp = f"http://wordpress.org/export/{version.group(1).decode()}/" if version else ""
    ns = {"wp": wp, "content": CONTENT, "dc": DUBLIN_CORE, "excerpt": f"{wp}excerpt/"}
    channel = root.find("channel")
    if channel is None:
        raise CommandError(f"{source}: a WordPress export without its <channel>.")
    feed_language = language or language_of(text_of(channel, "language"))
    authors = {
        text_of(author, "wp:author_login", ns): SourceAuthor(
            name=text_of(author, "wp:author_display_name", ns)
            or text_of(author, "wp:author_login", ns),
            slug=text_of(author, "wp:author_login", ns),
        )
        for author in channel.findall("wp:author", ns)
    }
    attachments = {}
    for item in channel.findall("item"):
        if text_of(item, "wp:post_type", ns) == "attachment":
            meta = wxr_meta(item, ns)
            attachments[text_of(item, "wp:post_id", ns)] = SourceImage(
                address=text_of(item, "wp:attachment_url", ns) or text_of(item, "guid"),
                alt_text=meta.get("_wp_attachment_image_alt", ""),
                caption=text_of(item, "excerpt:encoded", ns),
            )

    def read_item(root, item):
        post_type = text_of(item, "wp:post_type", ns)
        if post_type not in ("post", "page"):
            return None  # attachments, menu items, blocks: what posts are made with
        title = text_of(item, "title")
        post = SourcePost(key=f"wxr:{text_of(item, 'guid') or text_of(item, 'link')}", title=title)
        if post_type == "page":
            post.skip_reason = "a WordPress page, not a post"
            return post
        if not title:
            raise ValueError("the post has no title")
        status = text_of(item, "wp:status", ns)
        if status != "publish":
            post.skip_reason = f"its status in WordPress is “{status}”, not published"
        meta = wxr_meta(item, ns)
        post.slug = unquote(text_of(item, "wp:post_name", ns))
        post.html = text_of(item, "content:encoded", ns)
        post.blank_lines_are_paragraphs = True
        post.excerpt = text_of(item, "excerpt:encoded", ns)
        post.published = parse_date(text_of(item, "wp:post_date_gmt", ns)) or parse_date(
            text_of(item, "wp:post_date", ns)
        )
        post.updated = parse_date(text_of(item, "wp:post_modified_gmt", ns))
        creator = text_of(item, "dc:creator", ns)
        if creator:
            post.authors = [authors.get(creator, SourceAuthor(name=creator, slug=creator))]
        post.language = feed_language
        for category in item.findall("category"):
            domain, nicename = category.get("domain"), category.get("nicename", "")
            name = (category.text or "").strip()
            if domain == "category" and nicename not in UNCATEGORIZED or domain == "post_tag":
                post.topics.append(name)
            elif domain == "language":
                post.language = language_of(nicename)
            elif domain == "post_translations":
                post.translation_group = f"wxr:polylang:{nicename}"
        if meta.get("_wpml_import_language_code"):
            post.language = language_of(meta["_wpml_import_language_code"])
        if meta.get("_wpml_import_translation_group"):
            post.translation_group = f"wxr:wpml:{meta['_wpml_import_translation_group']}"
        post.address = text_of(item, "link")
        post.old_addresses = [
            path for path in (path_of(post.address), path_of(text_of(item, "guid"))) if path
        ]
        post.hero = attachments.get(meta.get("_thumbnail_id", ""))
        return post

    return read_items(data, source, "item", read_item)


def wxr_meta(item, ns):
    return {
        text_of(meta, "wp:meta_key", ns): text_of(meta, "wp:meta_value", ns)
        for meta in item.findall("wp:postmeta", ns)
    }


# RSS and Atom ------------------------------------------------------------------------


def read_rss(data, source, language):
    root = parse_xml(data, source)
    channel = root.find("channel")
    if channel is None:
        raise CommandError(f"{source}: an RSS feed without its <channel>.")
    feed_language = language or language_of(text_of(channel, "language"))
    ns = {"content": CONTENT, "dc": DUBLIN_CORE}

    def read_item(root, item):
        title = text_of(item, "title")
        link = text_of(item, "link")
        guid = text_of(item, "guid") or link
        if not guid:
            raise ValueError("the item has neither a guid nor a link")
        post = SourcePost(key=f"feed:{guid}", title=title)
        if not title:
            raise ValueError("the item has no title")
        post.html = text_of(item, "content:encoded", ns) or text_of(item, "description")
        if text_of(item, "content:encoded", ns):
            post.excerpt = text_of(item, "description")
        post.published = parse_date(text_of(item, "pubDate"))
        post.updated = parse_date(text_of(item, "{http://www.w3.org/2005/Atom}updated"))
        names = [element.text for element in item.findall("dc:creator", ns)]
        # RSS's own <author> is "address (Name)".
        for element in item.findall("author"):
            match = re.search(r"\((.+)\)", element.text or "")
            names.append(match.group(1) if match else element.text)
        post.authors = [SourceAuthor(name=name.strip()) for name in names if name and name.strip()]
        post.topics = [
            element.text.strip() for element in item.findall("category") if element.text
        ]
        post.language = language or language_of(text_of(item, "dc:language", ns)) or feed_language
        post.address = link
        post.slug = slug_of(link)
        post.old_addresses = [path_of(link)] if link else []
        enclosure = item.find("enclosure")
        if enclosure is not None and enclosure.get("type", "").startswith("image/"):
            post.hero = SourceImage(address=urljoin(link, enclosure.get("url", "")))
        return post

    return read_items(data, source, "item", read_item)


def read_atom(data, source, language):
    root = parse_xml(data, source)
    atom = {"atom": ATOM}
    feed_language = language or language_of(root.get(XML_LANG))
    feed_authors = [
        text_of(author, "atom:name", atom) for author in root.findall("atom:author", atom)
    ]

    def read_item(root, entry):
        title = atom_text(entry.find("atom:title", atom))
        identifier = text_of(entry, "atom:id", atom)
        link = next(
            (
                element.get("href", "")
                for element in entry.findall("atom:link", atom)
                if element.get("rel", "alternate") == "alternate"
            ),
            "",
        )
        if not identifier and not link:
            raise ValueError("the entry has neither an id nor a link")
        post = SourcePost(key=f"feed:{identifier or link}", title=title)
        if not title:
            raise ValueError("the entry has no title")
        content, summary = entry.find("atom:content", atom), entry.find("atom:summary", atom)
        post.html = atom_html(content) if content is not None else atom_html(summary)
        post.excerpt = atom_text(summary) if content is not None else ""
        post.published = parse_date(text_of(entry, "atom:published", atom)) or parse_date(
            text_of(entry, "atom:updated", atom)
        )
        post.updated = parse_date(text_of(entry, "atom:updated", atom))
        names = [
            text_of(author, "atom:name", atom) for author in entry.findall("atom:author", atom)
        ]
        post.authors = [SourceAuthor(name=name) for name in (names or feed_authors) if name]
        post.topics = [
            element.get("label") or element.get("term", "")
            for element in entry.findall("atom:category", atom)
            if element.get("label") or element.get("term")
        ]
        post.language = language or language_of(entry.get(XML_LANG)) or feed_language
        post.address = link
        post.slug = slug_of(link)
        post.old_addresses = [path_of(link)] if link else []
        return post

    return read_items(data, source, f"{{{ATOM}}}entry", read_item)


def atom_text(element):
    """The plain text of an Atom text construct (its HTML, if any, is read as text)."""
    if element is None:
        return ""
    if element.get("type") == "xhtml":
        return " ".join("".join(element.itertext()).split())
    if element.get("type") == "html":
        from django.utils.html import strip_tags

        return " ".join(strip_tags(element.text or "").split())
    return (element.text or "").strip()


def atom_html(element):
    """The HTML of an Atom text construct, whatever its type."""
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        container = next(iter(element), None)
        if container is None:
            return ""
        for descendant in container.iter():
            descendant.tag = descendant.tag.rsplit("}", 1)[-1]
        markup = "".join(ElementTree.tostring(child, encoding="unicode") for child in container)
        return (container.text or "") + markup
    if kind == "html":
        return element.text or ""
    from django.utils.html import escape, linebreaks

    return linebreaks(escape(element.text or ""))


# Ghost -------------------------------------------------------------------------------


def read_ghost(data, source, language):
    """Ghost's JSON export (Settings → Advanced → Export): posts, tags, authors."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        where = (
            f" at line {error.lineno}, column {error.colno}" if hasattr(error, "lineno") else ""
        )
        raise CommandError(f"{source}: malformed JSON{where} ({error}).") from error
    try:
        database = document["db"][0] if "db" in document else document
        tables = database["data"]
        posts = tables["posts"]
    except (KeyError, IndexError, TypeError) as error:
        raise CommandError(
            f"{source}: JSON, but not a Ghost export (no db[0].data.posts)."
        ) from error
    settings = {row.get("key"): row.get("value") for row in tables.get("settings", [])}
    blog_language = language or language_of(settings.get("locale") or settings.get("lang"))
    users = {user["id"]: user for user in tables.get("users", [])}
    tags = {tag["id"]: tag for tag in tables.get("tags", [])}
    meta = {row.get("post_id"): row for row in tables.get("posts_meta", [])}
    post_authors, post_tags = {}, {}
    for link in sorted(tables.get("posts_authors", []), key=lambda row: row.get("sort_order", 0)):
        post_authors.setdefault(link["post_id"], []).append(users.get(link["author_id"]))
    for link in sorted(tables.get("posts_tags", []), key=lambda row: row.get("sort_order", 0)):
        post_tags.setdefault(link["post_id"], []).append(tags.get(link["tag_id"]))

    result = []
    for number, row in enumerate(posts, start=1):
        if not isinstance(row, dict):
            result.append(SourcePost(key=f"ghost:#{number}", failure="not a JSON object"))
            continue
        identifier = row.get("uuid") or row.get("id")
        post = SourcePost(key=f"ghost:{identifier or number}", title=row.get("title") or "")
        try:
            if row.get("type", "page" if row.get("page") else "post") != "post":
                post.skip_reason = "a Ghost page, not a post"
                result.append(post)
                continue
            if not identifier or not post.title:
                raise ValueError("the post has no id or no title")
            if row.get("status") != "published":
                post.skip_reason = f"its status in Ghost is “{row.get('status')}”, not published"
            post.slug = row.get("slug") or ""
            post.html = ghost_local(row.get("html") or "")
            post.excerpt = row.get("custom_excerpt") or ""
            post.published = parse_date(row.get("published_at") or row.get("created_at"))
            post.updated = parse_date(row.get("updated_at"))
            authors = post_authors.get(row.get("id")) or [users.get(row.get("author_id"))]
            post.authors = [
                SourceAuthor(
                    name=user["name"], slug=user.get("slug", ""), bio=user.get("bio") or ""
                )
                for user in authors
                if user and user.get("name")
            ]
            post.topics = [
                tag["name"]
                for tag in post_tags.get(row.get("id"), [])
                if tag and tag.get("visibility", "public") == "public"
            ]
            post.language = blog_language
            post.old_addresses = [f"/{post.slug}/"] if post.slug else []
            if row.get("feature_image"):
                extra = meta.get(row.get("id"), {})
                post.hero = SourceImage(
                    address=ghost_local(row["feature_image"]),
                    alt_text=row.get("feature_image_alt") or extra.get("feature_image_alt") or "",
                    caption=row.get("feature_image_caption")
                    or extra.get("feature_image_caption")
                    or "",
                )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            post.failure = str(error) or type(error).__name__
        result.append(post)
    return result


def ghost_local(text):
    """Ghost writes its own address as a placeholder; what follows is a path on it."""
    return text.replace("__GHOST_URL__", "")
