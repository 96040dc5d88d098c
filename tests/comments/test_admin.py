"""Reviewers moderate comments in the admin, one by one or in bulk; Editors may read them
and close comments per article."""

import pytest

from comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/snippets/comments/comment/"


def bulk_url(action, comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/comments/comment/{action}/?next={INDEX}&{ids}"


@pytest.fixture
def comments(magazine):
    fr, en = magazine.fr.article, magazine.en.article
    return [
        CommentFactory(article=fr, author_name="Ana", status=Comment.Status.PENDING),
        CommentFactory(article=fr, author_name="Bea", status=Comment.Status.PENDING),
        CommentFactory(article=en, author_name="Carl", status=Comment.Status.APPROVED),
        CommentFactory(article=fr, author_name="Dan", status=Comment.Status.SPAM),
    ]


def names_listed(response):
    return {row.author_name for row in response.context["object_list"]}


def test_reviewers_list_comments_filtered_by_status_and_article(client, reviewer, comments):
    client.force_login(reviewer)

    everything = client.get(INDEX)
    assert everything.status_code == 200
    assert names_listed(everything) == {"Ana", "Bea", "Carl", "Dan"}
    page = everything.content.decode()
    for column in (
        "Article",
        "Statut",
        "Envoyé",
        "Pour une IA ouverte",
        "En attente de modération",
    ):
        assert column in page
    assert names_listed(client.get(INDEX, {"status": "pending"})) == {"Ana", "Bea"}
    english = comments[2].article_id
    assert names_listed(client.get(INDEX, {"article": english})) == {"Carl"}


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("spam", "spam")],
)
def test_reviewers_moderate_in_bulk(client, reviewer, comments, action, status):
    client.force_login(reviewer)
    chosen = comments[:2]

    assert client.get(bulk_url(action, chosen)).status_code == 200
    response = client.post(bulk_url(action, chosen))

    assert response.status_code == 302
    assert set(Comment.objects.filter(status=status).values_list("author_name", flat=True)) >= {
        "Ana",
        "Bea",
    }


def test_bulk_approval_shows_comments_on_the_article(
    client, reviewer, comments, magazine, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk_url("approve", comments[:1]))
    client.logout()

    page = client.get(magazine.fr.article.url).content.decode()
    assert comments[0].text in page
    assert "1 commentaire" in page


def test_reviewers_moderate_one_comment_in_its_edit_form(client, reviewer, comments):
    client.force_login(reviewer)
    comment = comments[0]

    response = client.post(f"{INDEX}edit/{comment.pk}/", {"status": "spam"})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert comment.author_name == "Ana"


def test_editors_may_read_comments_but_not_moderate_them(client, editor, comments):
    client.force_login(editor)

    assert names_listed(client.get(INDEX)) == {"Ana", "Bea", "Carl", "Dan"}
    client.post(bulk_url("approve", comments[:2]))
    client.post(f"{INDEX}edit/{comments[0].pk}/", {"status": "approved"})

    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 2


def test_readers_without_admin_rights_see_no_comments(client, comments, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get(INDEX).status_code == 302


def test_editors_close_comments_in_the_article_editor(client, editor, magazine):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{magazine.fr.article.pk}/edit/")

    assert response.status_code == 200
    assert 'name="comments_open"' in response.content.decode()
