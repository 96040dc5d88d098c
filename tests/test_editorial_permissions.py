"""What the editorial groups may see and do beyond pages, on every new database."""

import pytest

from tests.factories import SubscriberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "editor_status", "reviewer_status"),
    [
        ("/admin/newsletter/", 302, 302),
        ("/admin/newsletter/digest/", 302, 302),
        ("/admin/reports/popular-searches/", 200, 200),
    ],
)
def test_groups_reach_the_search_reports_but_not_the_subscribers(
    client, editor, reviewer, url, editor_status, reviewer_status
):
    client.force_login(editor)
    assert client.get(url).status_code == editor_status

    client.force_login(reviewer)
    assert client.get(url).status_code == reviewer_status


@pytest.fixture
def newsletter_manager(db):
    return UserFactory(username="nora", groups=["Newsletter managers"])


@pytest.mark.parametrize(
    ("role", "sees_list", "exports"),
    [
        ("anonymous", False, False),
        ("editor", False, False),
        ("reviewer", False, False),
        ("newsletter_manager", True, True),
        ("superuser", True, True),
    ],
)
def test_only_newsletter_managers_and_superusers_see_and_export_subscribers(
    client, request, admin_user, role, sees_list, exports
):
    SubscriberFactory(email="lectrice@example.com")
    if role == "superuser":
        client.force_login(admin_user)
    elif role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    listing = client.get("/admin/newsletter/")
    export = client.get("/admin/newsletter/?export=csv")

    assert ("lectrice@example.com" in listing.content.decode()) is sees_list
    assert (listing.status_code == 200) is sees_list
    assert (b"lectrice@example.com" in b"".join(export)) is exports


@pytest.mark.parametrize(
    ("role", "may_send"),
    [("editor", False), ("reviewer", False), ("newsletter_manager", True), ("superuser", True)],
)
def test_only_newsletter_managers_and_superusers_send_the_digest(
    client, request, admin_user, role, may_send
):
    user = admin_user if role == "superuser" else request.getfixturevalue(role)
    client.force_login(user)

    assert user.has_perm("newsletter.send_digest") is may_send
    assert (client.get("/admin/newsletter/digest/").status_code == 200) is may_send
    assert user.has_perm("newsletter.delete_subscriber") is may_send


def test_both_groups_add_change_and_translate_authors_but_only_admins_delete(
    client, editor, reviewer
):
    for user in (editor, reviewer):
        assert user.has_perms(["articles.add_author", "articles.change_author"])
        assert user.has_perm("wagtail_localize.submit_translation")
        assert not user.has_perm("articles.delete_author")
        client.force_login(user)
        assert client.get("/admin/snippets/articles/author/").status_code == 200
