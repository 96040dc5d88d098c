"""A prepared query gives what its queryset gives, for any values (home/prepared.py)."""

import pytest

from articles.models import ARTICLE_ROUTE, ArticlePage, article_route_query
from home.models import view_restriction_exists
from home.prepared import PreparedQuery

pytestmark = pytest.mark.django_db


def described(pages):
    return [
        (
            page.pk,
            page.title,
            page.has_view_restrictions,
            page.locale.language_code,
            page.hero_image.title if page.hero_image else None,
            list(page.body.raw_data),
        )
        for page in pages
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_article_route_gives_what_its_queryset_gives(magazine, language):
    article = getattr(magazine, language).article
    index = article.get_parent()
    values = {"path": index.path, "depth": index.depth + 1, "slug": article.slug}

    prepared = ARTICLE_ROUTE(**values)

    assert described(prepared) == described(article_route_query(**values))
    assert article.pk in {page.pk for page in prepared}
    assert getattr(magazine, language).older.pk in {page.pk for page in prepared}


def test_each_call_takes_its_own_values(magazine):
    index = magazine.fr.index
    depth = index.depth + 1

    older = ARTICLE_ROUTE(path=index.path, depth=depth, slug=magazine.fr.older.slug)
    nowhere = ARTICLE_ROUTE(path=index.path, depth=depth, slug="nowhere")

    assert magazine.fr.older.slug in {page.slug for page in older}
    assert magazine.fr.article.slug in {page.slug for page in older}  # a recent post
    assert "nowhere" not in {page.slug for page in nowhere}
    assert {page.slug for page in nowhere} <= {page.slug for page in older}


def test_a_pattern_refuses_a_value_that_would_widen_it(magazine):
    index = magazine.fr.index

    with pytest.raises(ValueError, match="pattern"):
        ARTICLE_ROUTE(path=index.path[:4] + "%", depth=index.depth + 1, slug="x")


def test_a_placeholder_the_query_does_not_use_is_refused(db):
    query = PreparedQuery(
        lambda slug, unused: ArticlePage.objects.filter(slug=slug), slug=str, unused=int
    )

    with pytest.raises(ValueError, match="unused"):
        query(slug="x", unused=1)


def test_a_prefetch_is_refused(db):
    query = PreparedQuery(
        lambda slug: (
            ArticlePage.objects.filter(slug=slug)
            .annotate(has_view_restrictions=view_restriction_exists())
            .prefetch_related("author_links")
        ),
        slug=str,
    )

    with pytest.raises(ValueError, match="prefetch"):
        query(slug="x")
