"""Who may delete a page, through the admin: a live page is for superusers only."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(magazine):
    return ArticlePageFactory(parent=magazine.fr.index, title="Brouillon", live=False)


def delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def bulk_delete(client, *pages):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{query}", {"next": "/admin/"})


def still_there(page):
    return Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize(
    ("role", "live_deleted", "draft_deleted"),
    [
        ("anonymous", False, False),
        ("editor", False, True),
        ("reviewer", False, True),
        ("superuser", True, True),
    ],
)
def test_who_deletes_live_and_draft_pages(
    client, magazine, draft, editor, reviewer, admin_user, role, live_deleted, draft_deleted
):
    users = {"editor": editor, "reviewer": reviewer, "superuser": admin_user}
    if role in users:
        client.force_login(users[role])
    live = magazine.fr.article
    draft.owner = editor
    draft.save()

    live_answer = delete(client, live)
    draft_answer = delete(client, draft)

    assert still_there(live) is not live_deleted
    assert still_there(draft) is not draft_deleted
    if role == "anonymous":
        assert live_answer.status_code == 302 and "/admin/login/" in live_answer["Location"]
    assert draft_answer.status_code in (200, 302)


def test_a_reviewer_is_told_to_unpublish_instead(client, magazine, reviewer):
    client.force_login(reviewer)

    response = delete(client, magazine.fr.article)
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert response.status_code == 302
    assert "A live page cannot be deleted: unpublish it first" in page
    assert still_there(magazine.fr.article)


def test_a_reviewer_cannot_bulk_delete_live_pages(client, magazine, draft, reviewer):
    client.force_login(reviewer)

    bulk_delete(client, magazine.fr.article, draft)

    assert still_there(magazine.fr.article)
    assert still_there(draft)


def test_a_superuser_bulk_deletes_live_pages(client, magazine, admin_user):
    client.force_login(admin_user)

    bulk_delete(client, magazine.fr.article)

    assert not still_there(magazine.fr.article)
