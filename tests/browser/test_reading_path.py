import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

JOURNEYS = [
    ("/fr/", "Éthique", "Pour une IA ouverte", "3 min de lecture", "Voir tout", "/fr/articles/"),
    ("/en/", "Ethics", "For an open AI", "1 min read", "See all", "/en/articles/"),
]


@pytest.mark.parametrize(("start", "topic", "title", "reading", "see_all", "index"), JOURNEYS)
def test_reader_goes_from_home_to_a_topic_an_article_and_all_articles(
    browser_page, magazine, start, topic, title, reading, see_all, index
):
    browser_page.goto(start)

    topics = browser_page.locator("section", has=browser_page.locator("#topics-title"))
    topics.get_by_role("link", name=topic, exact=True).click()
    browser_page.wait_for_url(
        f"**{magazine.fr.ethics.url if start == '/fr/' else '/en/topics/ethics/'}"
    )
    assert browser_page.get_by_role("heading", level=1).inner_text() == topic

    browser_page.get_by_role("link", name=title).click()
    assert browser_page.get_by_role("heading", level=1).inner_text() == title
    assert browser_page.get_by_text(reading).is_visible()

    browser_page.get_by_role("link", name=see_all, exact=True).click()
    browser_page.wait_for_url(f"**{index}")
    assert browser_page.locator(".card__title").count() == 2


def test_copy_link_puts_the_address_in_the_clipboard(browser_page, magazine, live_server):
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_page.goto("/en/articles/for-an-open-ai/")

    browser_page.get_by_role("button", name="Copy link").click()

    expect(browser_page.get_by_role("status")).to_have_text("Link copied.")
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/en/articles/for-an-open-ai/")


def test_without_javascript_the_address_is_there_to_copy(chromium, live_server, magazine):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/fr/articles/pour-une-ia-ouverte/")

    assert (
        tab.get_by_label("Adresse de cet article")
        .input_value()
        .endswith("/fr/articles/pour-une-ia-ouverte/")
    )
    assert not tab.get_by_role("button", name="Copier le lien").is_visible()
    tab.get_by_text("Mastodon", exact=True).click()
    assert tab.get_by_label("Votre serveur Mastodon").is_visible()
    context.close()
