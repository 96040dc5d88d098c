"""Under an article, readers see its approved comments and their count, links as plain
text, at a fixed number of queries; approving a comment shows it at once, cache or not."""

import html

import pytest

from comments.models import Comment
from comments.moderation import set_status
from tests.factories import CommentFactory
from tests.test_query_counts import FULL_ARTICLE, WARM_ARTICLE, count_queries

pytestmark = pytest.mark.django_db


def page_text(response):
    return html.unescape(response.content.decode())


def test_only_approved_comments_are_shown_with_their_count(client, magazine):
    article = magazine.fr.article
    first = CommentFactory(article=article, author_name="Ana", text="Approuvé, premier.")
    CommentFactory(article=article, parent=first, text="Une réponse approuvée.")
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        CommentFactory(article=article, status=status, text=f"Caché : {status}.")
    hidden = CommentFactory(article=article, status=Comment.Status.REJECTED)
    CommentFactory(article=article, parent=hidden, text="Réponse à un commentaire rejeté.")

    page = page_text(client.get(article.url))

    assert "2 commentaires" in page
    assert "Approuvé, premier." in page
    assert "Une réponse approuvée." in page
    assert "Caché" not in page
    assert "Réponse à un commentaire rejeté." not in page
    assert "Répondre à Ana" in page


def test_the_count_speaks_english_on_the_english_article(client, magazine):
    CommentFactory(article=magazine.en.article, text="Fine.")
    assert "1 comment" in page_text(client.get(magazine.en.article.url))


def test_links_and_markup_in_comments_are_plain_text(client, magazine):
    article = magazine.fr.article
    CommentFactory(
        article=article, text="Voyez https://spam.example/ et <a href='x'>ceci</a>\nFin."
    )

    content = client.get(article.url).content.decode()

    assert 'href="https://spam.example/' not in content
    assert "href='x'" not in content
    assert "https://spam.example/ et &lt;a href=&#x27;x&#x27;&gt;ceci&lt;/a&gt;<br>Fin." in content


@pytest.mark.parametrize("language", ["fr", "en"])
def test_comments_and_replies_cost_one_query_however_many(
    client, magazine, django_assert_num_queries, language
):
    article = getattr(magazine, language).article
    counts = (FULL_ARTICLE[language], WARM_ARTICLE[language])
    count_queries(client, article.url, django_assert_num_queries, *counts)
    for _parent in range(10):
        parent = CommentFactory(article=article)
        CommentFactory.create_batch(3, article=article, parent=parent)

    count_queries(client, article.url, django_assert_num_queries, *counts)
    assert client.get(article.url).content.decode().count('class="comment comment--reply"') == 30


def test_approving_a_comment_shows_it_at_once(
    client, magazine, settings, django_capture_on_commit_callbacks
):
    article = magazine.fr.article
    comment = CommentFactory(article=article, status=Comment.Status.PENDING, text="Bientôt.")
    assert "Bientôt." not in page_text(client.get(article.url))

    with django_capture_on_commit_callbacks(execute=True):
        set_status(Comment.objects.filter(pk=comment.pk), Comment.Status.APPROVED)
    assert "Bientôt." in page_text(client.get(article.url))

    with django_capture_on_commit_callbacks(execute=True):
        comment.status = Comment.Status.REJECTED
        comment.save()
    assert "Bientôt." not in page_text(client.get(article.url))
