"""The whole translation path through the real admin: translate, review, read in English."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from articles.models import ArticlePage, Author
from tests.editorial_admin import as_user, edit_url, reload, workflow_action
from tests.factories import ArticlePageFactory, AuthorFactory, block, paragraph
from tests.translation_admin import (
    editor_props,
    segments_to_translate,
    start_translation,
    submit_translation,
    translate_string,
    translation_of,
)

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Le sommet de Paris": "The Paris summit",
    "le-sommet-de-paris": "the-paris-summit",
    "La France plaide pour une troisième voie.": "France argues for a third way.",
    "Le Grand Palais sous sa verrière": "The Grand Palais under its glass roof",
    "Le sommet s’est tenu les 10 et 11 février.": "The summit took place on 10–11 February.",
    "Une troisième voie": "A third way",
    "Une balance aux plateaux égaux": "Scales with even pans",
    "La balance des pouvoirs.": "The balance of powers.",
    "Illustration : Carnet": "Illustration: Carnet",
    "L’IA doit rester ouverte.": "AI must stay open.",
    "Une ministre": "A minister",
    "Sommet de Paris : la troisième voie": "Paris summit: the third way",
    "Ce que la France a défendu au Grand Palais.": "What France argued for at the Grand Palais.",
}


@pytest.fixture
def article(magazine):
    """A live French article: every kind of text, an image, an author and a topic that
    already have their English translations."""
    french = magazine.fr
    return ArticlePageFactory(
        parent=french.index,
        title="Le sommet de Paris",
        slug="le-sommet-de-paris",
        intro="La France plaide pour une troisième voie.",
        hero_image=french.image,
        hero_alt_text="Le Grand Palais sous sa verrière",
        seo_title="Sommet de Paris : la troisième voie",
        search_description="Ce que la France a défendu au Grand Palais.",
        date_published=datetime.date(2025, 2, 11),
        body=[
            paragraph("Le sommet s’est tenu les 10 et 11 février."),
            block("heading", {"text": "Une troisième voie", "level": "h2", "anchor": ""}),
            block(
                "image",
                {
                    "image": french.image.pk,
                    "alt_text": "Une balance aux plateaux égaux",
                    "caption": "La balance des pouvoirs.",
                    "credit": "Illustration : Carnet",
                },
            ),
            block(
                "pull_quote", {"quote": "L’IA doit rester ouverte.", "attribution": "Une ministre"}
            ),
        ],
        authors=[french.ana],
        topics=[french.ethics],
        live=True,
    )


def switcher_link(content, language_code):
    """The language switcher's link to `language_code`: its address and its note, if any."""
    switcher = content.split('class="language-switcher"')[1].split("</nav>")[0]
    item = next(item for item in switcher.split("<li>") if f'hreflang="{language_code}"' in item)
    address = item.split('href="')[1].split('"')[0]
    return address, "not translated yet" in item


def test_editor_translates_an_article_reviewer_approves_reader_switches_both_ways(
    client, magazine, article, editor, reviewer, django_capture_on_commit_callbacks
):
    english = magazine.en.home.locale

    # The editor uses "Translate" on the French article and lands in the translation editor,
    # where every text is a segment: image texts and SEO fields included.
    with django_capture_on_commit_callbacks(execute=True):
        response = start_translation(as_user(client, editor), article, english)
    translated = ArticlePage.objects.get(translation_key=article.translation_key, locale=english)
    assert response["Location"] == edit_url(translated)
    assert not translated.live
    props = editor_props(client, translated)
    assert sorted(segments_to_translate(props)) == sorted(ENGLISH)
    assert props["machineTranslator"] is None
    # What is not text is copied from the French article, and points at English snippets.
    assert translated.date_published == datetime.date(2025, 2, 11)
    assert translated.hero_image == article.hero_image
    assert translated.author_list == [magazine.en.ana]
    assert [topic.pk for topic in translated.topic_list] == [magazine.en.ethics.pk]

    # Untranslated and unreviewed, it is nowhere for readers: the switcher says so.
    french_page = client.get("/fr/articles/le-sommet-de-paris/").content.decode()
    assert switcher_link(french_page, "en") == ("/en/", True)
    assert 'hreflang="en"' not in french_page.split("</head>")[0]

    translation = translation_of(article, english)
    for french, text in ENGLISH.items():
        translate_string(client, translation, french, text)
    assert segments_to_translate(editor_props(client, translated)) == []
    submit_translation(client, translation)

    assert client.get("/en/articles/the-paris-summit/").status_code == 404
    workflow_action(as_user(client, reviewer), reload(translated), "approve")
    client.logout()

    english_page = client.get("/en/articles/the-paris-summit/")
    content = english_page.content.decode()
    assert english_page.status_code == 200
    assert '<html lang="en" dir="ltr">' in content
    assert "<title>Paris summit: the third way" in content
    assert '<meta name="description" content="What France argued for at the Grand Palais.">' in (
        content
    )
    for text in ("The summit took place on 10–11 February.", "A third way", "AI must stay open."):
        assert text in content
    assert 'alt="The Grand Palais under its glass roof"' in content
    assert 'alt="Scales with even pans"' in content
    assert "The balance of powers." in content
    assert "/en/articles/authors/ana-lefevre/" in content
    assert "Ethics" in content
    for french in ENGLISH:
        if french != article.slug:  # in the address of the French version, which is fine
            assert french not in content
    assert switcher_link(content, "fr") == ("/fr/articles/le-sommet-de-paris/", False)
    french_page = client.get("/fr/articles/le-sommet-de-paris/").content.decode()
    assert switcher_link(french_page, "en") == ("/en/articles/the-paris-summit/", False)
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://localhost/en/articles/the-paris-summit/">' in french_page
    )


def test_authors_not_yet_translated_are_translated_with_the_article(
    client, magazine, editor, django_capture_on_commit_callbacks
):
    chloe = AuthorFactory(name="Chloé Martin", bio="<p>Chloé écrit sur le droit.</p>")
    article = ArticlePageFactory(
        parent=magazine.fr.index, authors=[chloe], topics=[magazine.fr.ethics], live=True
    )
    english = magazine.en.home.locale

    with django_capture_on_commit_callbacks(execute=True):
        start_translation(as_user(client, editor), article, english)

    english_chloe = Author.objects.get(translation_key=chloe.translation_key, locale=english)
    translated = ArticlePage.objects.get(translation_key=article.translation_key, locale=english)
    assert translated.author_list == [english_chloe]
    # The author's biography then waits in its own translation editor, as snippets do.
    author_editor = editor_props(client, english_chloe)
    assert segments_to_translate(author_editor) == ["Chloé écrit sur le droit."]
    translate_string(
        client, translation_of(chloe, english), "Chloé écrit sur le droit.", "Chloé writes on law."
    )
    response = client.post(
        reverse("wagtailsnippets_articles_author:edit", args=[english_chloe.pk]),
        {"action": "publish"},
    )
    assert response.status_code == 302
    english_chloe.refresh_from_db()
    assert english_chloe.bio == "<p>Chloé writes on law.</p>"


def test_translate_is_offered_until_every_language_has_a_translation(
    client, magazine, article, editor, django_capture_on_commit_callbacks
):
    english = magazine.en.home.locale
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[article.pk])
    english_choice = rf'<input[^>]*name="locales"[^>]*value="{english.pk}"'
    explorer_url = reverse("wagtailadmin_explore", args=[article.get_parent().pk])

    assert translate_url in as_user(client, editor).get(explorer_url).content.decode()
    assert re.search(english_choice, client.get(translate_url).content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        start_translation(client, article, english)

    assert Page.objects.filter(translation_key=article.translation_key).count() == 2
    assert translate_url not in client.get(explorer_url).content.decode()
    assert not re.search(english_choice, client.get(translate_url).content.decode())
