"""A reader posts a comment from an article page in Chromium, in both languages: the page's
script fetches the form's ticket, the comment waits for moderation and the reader is told."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fr": {
        "name": "Votre nom",
        "email": "Votre adresse e-mail (facultative, jamais affichée)",
        "comment": "Votre commentaire",
        "send": "Envoyer mon commentaire",
        "pending": "Votre commentaire attend la modération",
    },
    "en": {
        "name": "Your name",
        "email": "Your e-mail address (optional, never shown)",
        "comment": "Your comment",
        "send": "Send my comment",
        "pending": "Your comment awaits moderation",
    },
}


@pytest.fixture(autouse=True)
def quick_forms(settings, empty_cache):
    """People take more than a second to write; rate limits start afresh."""
    settings.COMMENTS_MIN_SECONDS = 1


@pytest.mark.parametrize("language", ["fr", "en"])
def test_reader_posts_a_comment_from_an_article(browser_page, magazine, language):
    text = TEXTS[language]
    article = getattr(magazine, language).article
    browser_page.goto(article.url)
    form = browser_page.locator("[data-comment-form]")
    expect(form.locator("input[name=ticket]")).not_to_have_value("")

    form.get_by_label(text["name"]).fill("Camille")
    form.get_by_label(text["email"]).fill("camille@example.com")
    form.get_by_label(text["comment"]).fill(f"A thought in {language}, https://example.com")
    browser_page.wait_for_timeout(1100)
    form.get_by_role("button", name=text["send"]).click()

    comments = browser_page.locator("#comments")
    expect(comments.get_by_role("status")).to_contain_text(text["pending"])
    assert browser_page.url.endswith("?comment=pending#comments")
    comment = Comment.objects.get()
    assert comment.article_id == article.pk
    assert comment.status == Comment.Status.PENDING
    assert comment.text == f"A thought in {language}, https://example.com"
