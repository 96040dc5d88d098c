"""The header and footer in a real browser, on a phone and a desktop: screenshots of the
home page, an article and a listing in both languages, every link answering, the
"not translated yet" note inside the header."""

import pytest

from tests.factories import ArticlePageFactory, InformationPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PAGES = [
    "/fr/",
    "/en/",
    "/fr/articles/pour-une-ia-ouverte/",
    "/en/articles/for-an-open-ai/",
    "/fr/articles/",
    "/en/articles/",
]


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """Where the screenshots go: a folder of pytest's temporary directory, never the tree."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(params=list(VIEWPORTS))
def tab(request, chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport=VIEWPORTS[request.param])
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.viewport_name = request.param
    yield tab
    context.close()


def box(locator):
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_pages_fit_the_screen_and_every_header_and_footer_link_answers(
    tab, site_links, live_server, screenshots
):
    checked = {}
    for url in PAGES:
        response = tab.goto(url)
        assert response.status == 200, url
        name = url.strip("/").replace("/", "-")
        tab.screenshot(path=screenshots / f"{tab.viewport_name}-{name}.png", full_page=True)
        assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]
        assert box(tab.locator(".site-nav")) and box(tab.locator(".site-footer__links"))
        links = tab.locator(".site-header a, .site-footer a")
        for href in links.evaluate_all("links => links.map(link => link.href)"):
            if href.startswith(live_server.url) and href not in checked:
                checked[href] = tab.request.get(href).status
    assert checked and set(checked.values()) == {200}, checked
    # The header's three sections and the footer's pages and feed, in both languages.
    assert len(checked) >= 2 * 7
    social = tab.locator(".site-footer__social a").evaluate_all("a => a.map(l => l.href)")
    assert social == ["https://mastodon.social/@carnet", "https://bsky.app/profile/carnet.example"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_note_for_readers_of_a_missing_translation_fits_the_header(
    tab, magazine, site_links, screenshots, language
):
    if language == "fr":
        url = ArticlePageFactory(parent=magazine.fr.index, title="Seulement en français").url
        expected, note_lang = "(home page: this page is not translated yet)", "en"
    else:
        home = magazine.en.home
        url = InformationPageFactory(parent=home, title="Only in English", locale=home.locale).url
        expected, note_lang = "(accueil\u00a0: cette page n’est pas encore traduite)", "fr"
    tab.goto(url)

    note = tab.locator(".language-switcher__note")
    assert note.text_content() == expected
    assert note.get_attribute("lang") == note_lang
    header, note_box = box(tab.locator(".site-header")), box(note)
    assert note_box["x"] >= header["x"]
    assert note_box["x"] + note_box["width"] <= header["x"] + header["width"]
    assert note_box["y"] + note_box["height"] <= header["y"] + header["height"]
    assert note_box["height"] < 24, "the note holds on one line"
    name, switcher = box(tab.locator(".site-name")), box(tab.locator(".language-switcher ul"))
    for item in (name, switcher, box(tab.locator(".search-box")), box(tab.locator(".site-nav"))):
        assert not overlap(note_box, item)
    # The switcher stays on the line of the site's name, as on a page with no note.
    assert abs((name["y"] + name["height"] / 2) - (switcher["y"] + switcher["height"] / 2)) < 8
    tab.screenshot(path=screenshots / f"{tab.viewport_name}-note-{language}.png")
