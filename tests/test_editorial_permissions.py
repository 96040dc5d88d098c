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
