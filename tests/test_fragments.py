"""An article's fragments are kept for as long as its publication lasts (delivery/fragments.py).

The page cache is off here: these are the pages a reader with a session gets, or any
reader after a publication. To tell a kept fragment from a fresh one, the database is
changed behind the signals' back, as a stale fragment would show it.
"""

import re

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.middleware.csrf import get_token
from django.template import Context, Template

from articles.models import Author
from comments.models import Comment
from delivery.fragments import PublicationFragments
from tests.conftest import MAGAZINE_ENGLISH, translate
from tests.counting_caches import CountingCache
from tests.factories import ArticlePageFactory, CommentFactory

pytestmark = pytest.mark.django_db

URL = "/fr/articles/pour-une-ia-ouverte/"


@pytest.fixture(autouse=True)
def fragments_on(settings, empty_cache):
    settings.FRAGMENT_CACHE_SECONDS = 600


def change_intro_behind_the_back(article, intro):
    """The intro shows only inside the article's fragment."""
    type(article).objects.filter(pk=article.pk).update(intro=intro)


def read(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_second_read_shows_the_same_page_with_four_queries(
    client, magazine, django_assert_num_queries
):
    first = read(client)

    # The home page, the article index, the article (with its recent posts and
    # translations), its comments: no authors, topics, images, embeds or linked articles.
    with django_assert_num_queries(4):
        second = read(client)

    assert without_tokens(second) == without_tokens(first)
    assert "Ana Lefèvre" in second and "Régulation" in second
    assert "application/ld+json" in second
    assert '<link rel="alternate" hreflang="en"' in second


def test_a_second_read_asks_the_cache_once(client, magazine, settings):
    """The fragments and their generation come in one round trip."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "tests.counting_caches.CountingCache", "LOCATION": "fragments"},
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    first = read(client)
    CountingCache.reads = 0

    second = read(client)

    assert CountingCache.reads == 1
    assert without_tokens(second) == without_tokens(first)


def test_a_second_read_compiles_none_of_its_queries(client, magazine):
    """The route and the comments run queries compiled once per process
    (home/prepared.py)."""
    read(client)
    compiled = []
    original = SQLCompiler.as_sql

    def as_sql(compiler, *args, **kwargs):
        compiled.append(compiler.query.model._meta.label)
        return original(compiler, *args, **kwargs)

    SQLCompiler.as_sql = as_sql
    try:
        read(client)
    finally:
        SQLCompiler.as_sql = original

    # Wagtail's privacy check, answered by the route's annotation, is an empty queryset:
    # Django starts compiling it, and finds there is nothing to ask.
    assert set(compiled) <= {"wagtailcore.PageViewRestriction"}


def test_publishing_the_article_renews_its_fragments(client, magazine, publish):
    read(client)

    publish(magazine.fr.article, intro="Une introduction réécrite.")

    assert "Une introduction réécrite." in read(client)


def test_publishing_another_article_keeps_them(client, magazine, publish):
    article = magazine.fr.article
    read(client)
    change_intro_behind_the_back(article, "Jamais montrée.")
    newcomer = ArticlePageFactory(parent=magazine.fr.index, title="Un nouvel article")

    publish(newcomer)

    html = read(client)
    assert "Jamais montrée." not in html
    # Recent posts are outside the fragments: the new article is there at once.
    assert "Un nouvel article" in html


def test_a_new_release_renews_them(client, magazine, settings):
    settings.RELEASE = "2026-11-30.1"
    read(client)
    change_intro_behind_the_back(magazine.fr.article, "Montrée par la nouvelle version.")

    settings.RELEASE = "2026-11-30.2"

    assert "Montrée par la nouvelle version." in read(client)


def test_publishing_an_article_it_links_to_renews_them(client, magazine, publish):
    read(client)

    publish(magazine.fr.older, title="Un titre plus ancien, revu")

    assert "Un titre plus ancien, revu" in read(client)


def test_renaming_a_topic_or_an_author_renews_them(
    client, magazine, publish, django_capture_on_commit_callbacks
):
    read(client)
    publish(magazine.fr.regulation, title="Droit")
    assert ">Droit</a>" in read(client)

    author = Author.objects.get(pk=magazine.fr.basile.pk)
    author.name = "Basile Roy-Martin"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()

    assert "Basile Roy-Martin" in read(client)


def test_a_new_translation_shows_in_the_language_links(client, magazine, publish):
    article = ArticlePageFactory(
        parent=magazine.fr.index,
        title="Bientôt traduit",
        authors=[magazine.fr.ana],
        topics=[magazine.fr.ethics],
    )
    url = article.url
    assert '<link rel="alternate" hreflang="en"' not in read(client, url)

    translate(article, MAGAZINE_ENGLISH)

    assert '<link rel="alternate" hreflang="en"' in read(client, url)


def test_an_approved_comment_shows_and_keeps_them(
    client, magazine, django_capture_on_commit_callbacks
):
    article = magazine.fr.article
    read(client)
    change_intro_behind_the_back(article, "Jamais montrée.")

    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(article=article, text="Bien vu.", status=Comment.Status.APPROVED)

    html = read(client)
    assert "Bien vu." in html
    assert "Jamais montrée." not in html


def test_each_translation_has_its_own_fragments(client, magazine):
    assert 'class="article__authors">Par' in read(client)

    english = read(client, magazine.en.article.url)

    assert 'class="article__authors">By' in english
    assert "For an open AI" in english


def test_a_fragment_with_a_form_token_is_never_kept(rf, magazine):
    template = Template(
        '{% load fragment_tags %}{% publication_fragment "form" %}'
        "<form>{% csrf_token %}</form>{% endpublication_fragment %}"
    )
    request = rf.get(URL)
    fragments = PublicationFragments(request, magazine.fr.article, ["form"])

    html = template.render(Context({"fragments": fragments, "csrf_token": get_token(request)}))

    assert "csrfmiddlewaretoken" in html
    assert PublicationFragments(request, magazine.fr.article, ["form"]).get("form") is None
