"""The whole translation path through the real admin: translate, review, read in English."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import HomePage
from tests.editorial_admin import as_user, edit_url, reload, workflow_action
from tests.factories import HomePageFactory
from tests.translation_admin import (
    editor_props,
    segments_to_translate,
    start_translation,
    submit_translation,
    translate_string,
    translation_of,
)

pytestmark = pytest.mark.django_db

FRENCH = {
    "Le sommet de Paris": "The Paris summit",
    "sommet-de-paris": "paris-summit",
    "La France plaide pour une troisième voie.": "France argues for a third way.",
    "Un sommet au Grand Palais.": "A summit at the Grand Palais.",
}


@pytest.fixture
def article(homes):
    """A live French page under the French home page, with text in each of its fields."""
    home_fr, _home_en = homes
    return HomePageFactory(
        parent=home_fr,
        title="Le sommet de Paris",
        slug="sommet-de-paris",
        intro="<p>La France plaide pour une troisième voie.</p>",
        tagline="Un sommet au Grand Palais.",
        live=True,
    )


def switcher_link(content, language_code):
    """The language switcher's link to `language_code`: its address and its note, if any."""
    switcher = content.split('class="language-switcher"')[1].split("</nav>")[0]
    item = next(item for item in switcher.split("<li>") if f'hreflang="{language_code}"' in item)
    address = item.split('href="')[1].split('"')[0]
    return address, "not translated yet" in item


def test_editor_translates_reviewer_approves_reader_switches_both_ways(
    client, homes, article, editor, reviewer, django_capture_on_commit_callbacks
):
    _home_fr, home_en = homes
    english = home_en.locale

    # The editor uses "Translate" on the French page and lands in the translation editor.
    with django_capture_on_commit_callbacks(execute=True):
        response = start_translation(as_user(client, editor), article, english)
    translated = HomePage.objects.get(translation_key=article.translation_key, locale=english)
    assert response["Location"] == edit_url(translated)
    assert not translated.live
    props = editor_props(client, translated)
    assert sorted(segments_to_translate(props)) == sorted(FRENCH)
    assert props["machineTranslator"] is None

    # Untranslated and unreviewed, it is nowhere for readers: the switcher says so.
    french_page = client.get("/fr/sommet-de-paris/").content.decode()
    assert switcher_link(french_page, "en") == ("/en/", True)
    assert 'hreflang="en"' not in french_page.split("</head>")[0]

    translation = translation_of(article, english)
    for french, text in FRENCH.items():
        translate_string(client, translation, french, text)
    assert segments_to_translate(editor_props(client, translated)) == []
    submit_translation(client, translation)

    assert client.get("/en/paris-summit/").status_code == 404
    workflow_action(as_user(client, reviewer), reload(translated), "approve")

    english_page = client.get("/en/paris-summit/")
    content = english_page.content.decode()
    assert english_page.status_code == 200
    assert '<html lang="en">' in content
    assert "France argues for a third way." in content
    assert "A summit at the Grand Palais." in content
    assert "troisième voie" not in content
    assert switcher_link(content, "fr") == ("/fr/sommet-de-paris/", False)
    french_page = client.get("/fr/sommet-de-paris/").content.decode()
    assert switcher_link(french_page, "en") == ("/en/paris-summit/", False)
    assert (
        '<link rel="alternate" hreflang="en" href="http://localhost/en/paris-summit/">'
        in french_page
    )
    assert client.get(switcher_link(content, "fr")[0]).status_code == 200


def test_translate_is_offered_until_every_language_has_a_translation(
    client, homes, article, editor, django_capture_on_commit_callbacks
):
    _home_fr, home_en = homes
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[article.pk])
    english_choice = rf'<input[^>]*name="locales"[^>]*value="{home_en.locale_id}"'
    explorer_url = reverse("wagtailadmin_explore", args=[article.get_parent().pk])

    assert translate_url in as_user(client, editor).get(explorer_url).content.decode()
    assert re.search(english_choice, client.get(translate_url).content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        start_translation(client, article, home_en.locale)

    assert Page.objects.filter(translation_key=article.translation_key).count() == 2
    assert translate_url not in client.get(explorer_url).content.decode()
    assert not re.search(english_choice, client.get(translate_url).content.decode())
