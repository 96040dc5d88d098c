"""What the editorial groups may see and do beyond pages, on every new database."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "editor_status", "reviewer_status"),
    [
        ("/admin/newsletter/", 200, 200),
        ("/admin/newsletter/digest/", 302, 200),
        ("/admin/reports/popular-searches/", 200, 200),
    ],
)
def test_groups_reach_the_newsletter_and_search_reports(
    client, editor, reviewer, url, editor_status, reviewer_status
):
    client.force_login(editor)
    assert client.get(url).status_code == editor_status

    client.force_login(reviewer)
    assert client.get(url).status_code == reviewer_status


def test_only_reviewers_may_send_the_digest(editor, reviewer):
    assert not editor.has_perm("newsletter.send_digest")
    assert reviewer.has_perm("newsletter.send_digest")
    assert editor.has_perm("newsletter.view_subscriber")
    assert not editor.has_perm("newsletter.delete_subscriber")


def test_both_groups_add_change_and_translate_authors_but_only_admins_delete(
    client, editor, reviewer
):
    for user in (editor, reviewer):
        assert user.has_perms(["articles.add_author", "articles.change_author"])
        assert user.has_perm("wagtail_localize.submit_translation")
        assert not user.has_perm("articles.delete_author")
        client.force_login(user)
        assert client.get("/admin/snippets/articles/author/").status_code == 200
