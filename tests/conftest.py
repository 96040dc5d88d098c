import datetime
import re
import uuid
from types import SimpleNamespace

import pytest
import redis
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS, connection, connections
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, TranslationSource

from editorial.localize import translate_with_localize
from editorial.workflow import EDITORS, REVIEWERS
from home.models import SiteLinks
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    AuthorFactory,
    HomePageFactory,
    ImageFactory,
    InformationPageFactory,
    TopicIndexPageFactory,
    TopicListPageFactory,
    UserFactory,
    english_locale,
    paragraph,
    rich_body,
)

# Fixtures of a site in three languages and in a right-to-left one: `spanish`, `arabic`.
pytest_plugins = ["tests.languages"]

# A Redis database of its own for the tests that need the real server.
REDIS_URL = "redis://127.0.0.1:6379/3"

HOME_TRANSLATIONS = {
    "Carnet": "Carnet",
    "carnet": "carnet",
    "Un magazine sur l’intelligence artificielle.": "A magazine on artificial intelligence.",
    "Carnet explore les enjeux de l’IA.": "Carnet explores the stakes of AI.",
}


def pytest_collection_modifyitems(items):
    """Transactional tests flush the database when they end, taking with it the rows that
    migrations made (locales, the root page, the default site): have each of them put those
    rows back when it starts (serialized rollback), whatever ran before."""
    for item in items:
        for marker in item.iter_markers("django_db"):
            if marker.kwargs.get("transaction"):
                marker.kwargs["serialized_rollback"] = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Django keeps the serialized rows on the connection object that created the test
    database; Playwright's sync API later runs tests in another context, where Django
    opens new connection objects without them. Keep them on the class, for every one."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    contents = getattr(wrapper, "_test_serialized_contents", None)
    if contents is not None:
        type(wrapper)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def queued_email(settings):
    """E-mail leaves through the task queue, as on the site: Django's test set-up replaces
    EMAIL_BACKEND with its in-memory one, which here is only QUEUED_EMAIL_BACKEND."""
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"


@pytest.fixture
def postgres_only():
    """Skip, with a visible reason, a test that needs PostgreSQL behaviour."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")


@pytest.fixture(autouse=True)
def no_fragments_of_other_tests():
    """Template fragments (delivery/fragments.py) are kept in memory for the whole run: each
    test starts without those of the tests before it, whose pages had the same ids."""
    caches["template_fragments"].clear()


@pytest.fixture
def empty_cache():
    """The default cache (rate limits, pages, fragments), empty when the test starts and
    when it ends, so that no test sees another's."""
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def redis_only():
    """Skip, with a visible reason, a test that needs the Redis server."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip(f"needs Redis at {REDIS_URL}")


@pytest.fixture
def redis_prefix(redis_only):
    """A cache key prefix of the test's own in the test Redis, emptied when it ends."""
    prefix = f"carnet-test-{uuid.uuid4().hex}"
    yield prefix
    server = redis.Redis.from_url(REDIS_URL)
    keys = server.keys(f"{prefix}:*")
    if keys:
        server.delete(*keys)


@pytest.fixture
def locales(db):
    # get_or_create: a transactional (browser) test before this one empties the database,
    # the rows made by migrations included.
    french, _created = Locale.objects.get_or_create(language_code="fr")
    return french, english_locale()


@pytest.fixture
def homes(locales, django_capture_on_commit_callbacks):
    """The French home page at the site root and its English translation via wagtail-localize."""
    french, english = locales
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=french)
    )
    home_fr = HomePageFactory(parent=root, locale=french, slug="carnet")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home_fr, is_default_site=True)
    else:
        welcome = site.root_page
        site.root_page = home_fr
        site.save()
        welcome.delete()
    # wagtail-localize publishes a translation once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        home_en = translate_with_localize(home_fr, english, HOME_TRANSLATIONS)
    home_en.refresh_from_db()
    return home_fr, home_en


@pytest.fixture
def editor(db):
    """A member of Editors: drafts, translates, submits for review."""
    return UserFactory(username="edith", first_name="Edith", last_name="Ditrice", groups=[EDITORS])


@pytest.fixture
def reviewer(db):
    """A member of Reviewers: approves, requests changes, unpublishes."""
    return UserFactory(
        username="remi", first_name="Rémi", last_name="Relecteur", groups=[REVIEWERS]
    )


SLUG = re.compile(r"^[a-z0-9-]+$")


def english_version(text):
    """What a segment becomes in English when a test does not say: marked, still valid."""
    return f"{text}-en" if SLUG.match(text) else f"[en] {text}"


def translate(instance, english=None):
    """Translate a page or snippet into English through wagtail-localize.

    Segments missing from `english` get a marked copy of the French (see english_version).
    Call it where on-commit callbacks run (see `magazine`).
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    french = StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    mapping = {text: (english or {}).get(text, english_version(text)) for text in french}
    translated = translate_with_localize(instance, english_locale(), mapping)
    translated.refresh_from_db()
    return translated


LONG_FRENCH = " ".join(["mot"] * 500)
LONG_ENGLISH = " ".join(["word"] * 100)

MAGAZINE_ENGLISH = {
    "articles": "articles",
    "Articles": "Articles",
    "sujets": "topics",
    "Sujets": "Topics",
    "ethique": "ethics",
    "Éthique": "Ethics",
    "regulation": "regulation",
    "Régulation": "Regulation",
    "pour-une-ia-ouverte": "for-an-open-ai",
    "Pour une IA ouverte": "For an open AI",
    "un-article-plus-ancien": "an-older-article",
    "Un article plus ancien": "An older article",
    "Une balance déséquilibrée 1": "Unbalanced scales 1",
    "Une balance aux plateaux inégaux": "Scales with uneven pans",
    LONG_FRENCH: LONG_ENGLISH,
}


@pytest.fixture
def magazine(homes, django_capture_on_commit_callbacks):
    """A small magazine in French and its English translation, made through wagtail-localize.

    Two topics, two authors and two articles. The newest has a hero image, both authors
    and both topics, a body with every kind of block (linking to the older one) and about
    500 words of French (100 in English), and was updated after its publication.
    """
    home_fr, home_en = homes
    with django_capture_on_commit_callbacks(execute=True):
        index = ArticleIndexPageFactory(parent=home_fr)
        topic_list = TopicListPageFactory(parent=home_fr)
        ethics = TopicIndexPageFactory(parent=topic_list, title="Éthique")
        regulation = TopicIndexPageFactory(parent=topic_list, title="Régulation")
        ana = AuthorFactory(name="Ana Lefèvre")
        basile = AuthorFactory(name="Basile Roy")
        image = ImageFactory()
        older = ArticlePageFactory(
            parent=index,
            title="Un article plus ancien",
            authors=[ana],
            topics=[ethics],
            date_published=datetime.date(2024, 11, 2),
        )
        article = ArticlePageFactory(
            parent=index,
            title="Pour une IA ouverte",
            hero_image=image,
            hero_alt_text="Une balance aux plateaux inégaux",
            body=rich_body(image, linked=[older]) + [paragraph(LONG_FRENCH)],
            authors=[ana, basile],
            topics=[ethics, regulation],
            date_published=datetime.date(2025, 2, 10),
            date_updated=datetime.date(2025, 9, 18),
        )
        french = SimpleNamespace(
            home=home_fr,
            index=index,
            topic_list=topic_list,
            ethics=ethics,
            regulation=regulation,
            ana=ana,
            basile=basile,
            image=image,
            article=article,
            older=older,
        )
        translated = (
            "index",
            "topic_list",
            "ethics",
            "regulation",
            "ana",
            "basile",
            "older",
            "article",
        )
        english = SimpleNamespace(
            home=home_en,
            **{name: translate(getattr(french, name), MAGAZINE_ENGLISH) for name in translated},
        )
    return SimpleNamespace(fr=french, en=english)


INFORMATION_ENGLISH = {
    "À propos": "About",
    "a-propos": "about",
    "Ce que dit la page À propos.": "What the About page says.",
    "Mentions légales": "Legal notice",
    "mentions-legales": "legal-notice",
    "Ce que dit la page Mentions légales.": "What the Legal notice page says.",
    "Confidentialité": "Privacy",
    "confidentialite": "privacy",
    "Ce que dit la page Confidentialité.": "What the Privacy page says.",
}


@pytest.fixture
def site_links(magazine, django_capture_on_commit_callbacks):
    """The magazine's header and footer links, set as in the admin: its sections, three
    information pages in French and English, and two social accounts."""
    home = magazine.fr.home
    with django_capture_on_commit_callbacks(execute=True):
        pages = {
            name: InformationPageFactory(parent=home, title=title)
            for name, title in (
                ("about", "À propos"),
                ("legal", "Mentions légales"),
                ("privacy", "Confidentialité"),
            )
        }
        english = {name: translate(page, INFORMATION_ENGLISH) for name, page in pages.items()}
    links = SiteLinks.objects.create(
        site=Site.objects.get(is_default_site=True),
        articles_page=magazine.fr.index,
        topics_page=magazine.fr.topic_list,
        about_page=pages["about"],
        legal_page=pages["legal"],
        privacy_page=pages["privacy"],
        mastodon="https://mastodon.social/@carnet",
        bluesky="https://bsky.app/profile/carnet.example",
    )
    return SimpleNamespace(
        settings=links, fr=SimpleNamespace(**pages), en=SimpleNamespace(**english)
    )


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page's new state as an editor would, running the on-commit hooks."""

    def publish_page(page, **changes):
        for name, value in changes.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()

    return publish_page
