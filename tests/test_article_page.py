"""What a reader sees on an article, in French and in English."""

import datetime
import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from wagtail.embeds.models import Embed

from articles.models import ArticlePage
from comments.forms import CommentForm
from core.templatetags.form_tags import hidden_input
from tests.factories import ArticlePageFactory, paragraph

pytestmark = pytest.mark.django_db

FRENCH_URL = "/fr/articles/pour-une-ia-ouverte/"
ENGLISH_URL = "/en/articles/for-an-open-ai/"


def page_text(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def head(html):
    return html.split("</head>")[0]


def section(html, css_class):
    """The HTML of the first element with `css_class` up to the next sibling section."""
    start = html.index(f'class="{css_class}')
    return html[start : start + 4000]


@pytest.fixture
def french(client, magazine):
    return page_text(client.get(FRENCH_URL))


@pytest.fixture
def english(client, magazine):
    return page_text(client.get(ENGLISH_URL))


def test_title_summary_and_authors_linked_to_their_articles(french, english):
    assert '<h1 id="article-title" class="article__title">Pour une IA ouverte</h1>' in french
    assert "Le résumé de « Pour une IA ouverte »." in french
    assert (
        '<a href="/fr/articles/auteurs/ana-lefevre/" rel="author">Ana Lefèvre</a> et '
        '<a href="/fr/articles/auteurs/basile-roy/" rel="author">Basile Roy</a>'
    ) in french
    assert '<h1 id="article-title" class="article__title">For an open AI</h1>' in english
    assert (
        '<a href="/en/articles/authors/ana-lefevre/" rel="author">Ana Lefèvre</a> and '
        '<a href="/en/articles/authors/basile-roy/" rel="author">Basile Roy</a>'
    ) in english


def test_dates_are_written_in_the_page_language(french, english):
    assert '<time datetime="2025-02-10">10 février 2025</time>' in french
    assert 'Dernière mise à jour\xa0: <time datetime="2025-09-18">18 septembre 2025</time>' in (
        french
    )
    assert '<time datetime="2025-02-10">10 February 2025</time>' in english
    assert 'Last updated: <time datetime="2025-09-18">18 September 2025</time>' in english


def test_reading_time_counts_the_words_of_each_language(french, english):
    # About 500 words of French (3 minutes at 200 a minute), 100 of English.
    assert "3 min de lecture" in french
    assert "1 min read" in english


def test_last_updated_only_when_the_article_changed_after_publication(client, magazine):
    same_day = ArticlePageFactory(
        parent=magazine.fr.index,
        title="Corrigé le jour même",
        date_published=datetime.date(2025, 3, 1),
        date_updated=datetime.date(2025, 3, 1),
    )
    never = ArticlePageFactory(parent=magazine.fr.index, title="Jamais modifié")

    for article, published in ((same_day, "1er mars 2025"), (never, "10 février 2025")):
        content = page_text(client.get(article.url))
        assert published in content
        assert "Dernière mise à jour" not in content


def test_every_kind_of_block_is_rendered(french):
    body = french.split('<div class="article__body">')[1].split(
        '<footer class="article__footer">'
    )[0]

    assert "<p>Le paragraphe numéro 1, en français.</p>" in body
    assert '<h2 id="une-section-1" class="block-heading">Une section 1' in body
    assert 'href="#une-section-1"' in body
    assert '<h3 id="precis" class="block-heading">Une sous-section' in body
    assert re.search(r'<img alt="Une balance déséquilibrée 1"[^>]*srcset=', body)
    assert '<span class="block-image__caption">La légende de l’image.</span>' in body
    assert '<span class="block-image__credit">Illustration : Carnet</span>' in body
    assert "<blockquote><p>Une décision sans auteur est sans recours.</p></blockquote>" in body
    assert "<figcaption>Inès</figcaption>" in body
    assert (
        '<a href="https://www.ted.com/talks/a_talk" rel="noopener">Voir sur www.ted.com</a>'
        in (body)
    )
    assert '<p class="block-callout__title">À retenir</p>' in body
    assert "<li>Premier point.</li><li>Second point.</li>" in body
    assert '<p class="block-links__heading">À lire aussi</p>' in body
    assert '<a href="/fr/articles/un-article-plus-ancien/">Un article plus ancien</a>' in body


def test_english_body_is_the_translation_and_links_to_english_articles(english):
    body = english.split('<div class="article__body">')[1].split(
        '<footer class="article__footer">'
    )[0]

    assert "[en] Le paragraphe numéro 1" in body
    assert 'alt="Unbalanced scales 1"' in body
    assert "[en] La légende de l’image." in body
    assert '<a href="/en/articles/an-older-article/">An older article</a>' in body
    assert "/fr/" not in body


def test_a_stored_embed_is_shown_in_place_of_the_link(client, magazine):
    Embed.objects.create(
        url="https://www.ted.com/talks/a_talk",
        hash="a-talk",
        html='<iframe title="Une conférence" src="https://embed.ted.com/talks/a_talk"></iframe>',
        type="video",
    )

    content = page_text(client.get(FRENCH_URL))

    assert '<div class="block-embed__media"><iframe title="Une conférence"' in content
    assert "Voir sur www.ted.com" not in content


def test_headings_with_the_same_anchor_get_distinct_ids(client, magazine):
    article = ArticlePageFactory(
        parent=magazine.fr.index,
        title="Deux fois la même section",
        body=[
            {"type": "heading", "value": {"text": "Contexte", "level": "h2", "anchor": ""}},
            paragraph("Un."),
            {"type": "heading", "value": {"text": "Contexte", "level": "h2", "anchor": ""}},
        ],
    )

    content = page_text(client.get(article.url))

    assert 'id="contexte"' in content
    assert 'id="contexte-2"' in content


def test_a_draft_linked_from_the_body_is_not_linked(client, magazine):
    magazine.fr.older.unpublish()

    content = page_text(client.get(FRENCH_URL))

    assert "/fr/articles/un-article-plus-ancien/" not in content
    assert "À lire aussi" not in content


def test_topics_link_to_the_topic_pages_of_the_language(french, english):
    topics = section(french, "article__topics")
    assert '<a class="tag" href="/fr/sujets/ethique/">Éthique</a>' in topics
    assert '<a class="tag" href="/fr/sujets/regulation/">Régulation</a>' in topics
    topics = section(english, "article__topics")
    assert '<a class="tag" href="/en/topics/ethics/">Ethics</a>' in topics
    assert '<a class="tag" href="/en/topics/regulation/">Regulation</a>' in topics


def test_recent_posts_exclude_this_one_and_drafts_and_link_to_all(client, magazine):
    newest = ArticlePageFactory(
        parent=magazine.fr.index, title="Le plus récent", date_published=datetime.date(2025, 6, 1)
    )
    draft = ArticlePageFactory(
        parent=magazine.fr.index,
        title="Un brouillon",
        date_published=datetime.date(2025, 7, 1),
        live=False,
    )

    recent = section(page_text(client.get(FRENCH_URL)), "recent")

    assert "Articles récents" in recent
    assert f'href="{newest.url}"' in recent
    assert '<a href="/fr/articles/un-article-plus-ancien/">Un article plus ancien</a>' in recent
    assert recent.index(newest.url) < recent.index("un-article-plus-ancien")
    assert f'href="{FRENCH_URL}"' not in recent
    assert draft.slug not in recent
    assert '<a class="recent__all" href="/fr/articles/">Voir tout</a>' in recent


def test_share_links(french, english):
    share = section(french, "share")
    url = "http%3A%2F%2Ftestserver%2Ffr%2Farticles%2Fpour-une-ia-ouverte%2F"

    assert f"https://x.com/intent/post?text=Pour+une+IA+ouverte&url={url}" in share
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={url}" in share
    assert "mailto:?subject=Pour%20une%20IA%20ouverte&body=" in share
    assert re.search(r'<form method="get" action="/fr/partager/mastodon/\d+/">', share)
    assert 'value="http://testserver/fr/articles/pour-une-ia-ouverte/"' in share
    assert "Copier le lien" in share
    assert "Partager cet article" in share
    assert "Share this article" in section(english, "share")


def test_copy_link_script_is_a_file_not_inline(french):
    scripts = re.findall(r"<script[^>]*>", french)

    assert '<script src="/static/js/share.js" defer>' in scripts
    assert all('type="application/ld+json"' in tag or "src=" in tag for tag in scripts)


def test_canonical_hreflang_and_social_metadata(french, english):
    meta = head(french)

    assert (
        '<link rel="canonical" href="http://testserver/fr/articles/pour-une-ia-ouverte/">' in meta
    )
    assert (
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/articles/pour-une-ia-ouverte/">'
    ) in meta
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/articles/for-an-open-ai/">'
    ) in meta
    assert '<meta name="description" content="Le résumé de « Pour une IA ouverte ».">' in meta
    assert '<meta property="og:type" content="article">' in meta
    assert '<meta property="og:title" content="Pour une IA ouverte">' in meta
    assert '<meta property="og:locale" content="fr_FR">' in meta
    assert '<meta property="og:locale:alternate" content="en_US">' in meta
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/[^"]+fill-1200x630', meta
    )
    assert '<meta property="og:image:alt" content="Une balance aux plateaux inégaux">' in meta
    assert '<meta name="twitter:card" content="summary_large_image">' in meta
    assert '<meta name="twitter:title" content="Pour une IA ouverte">' in meta
    assert '<meta property="og:title" content="For an open AI">' in head(english)
    assert '<meta property="og:image:alt" content="Scales with uneven pans">' in head(english)


def test_article_structured_data(french, english):
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', french)[1])

    assert data["@type"] == "Article"
    assert data["headline"] == "Pour une IA ouverte"
    assert data["inLanguage"] == "fr"
    assert data["datePublished"] == "2025-02-10"
    assert data["dateModified"] == "2025-09-18"
    assert [author["name"] for author in data["author"]] == ["Ana Lefèvre", "Basile Roy"]
    assert data["author"][0]["url"] == "http://testserver/fr/articles/auteurs/ana-lefevre/"
    assert data["articleSection"] == ["Éthique", "Régulation"]
    assert data["image"].startswith("http://testserver/media/")
    english_data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', english)[1]
    )
    assert english_data["headline"] == "For an open AI"
    assert english_data["inLanguage"] == "en"


def test_structured_data_cannot_be_broken_out_of(client, magazine):
    article = ArticlePageFactory(
        parent=magazine.fr.index, title="</script><script>alert(1)</script>"
    )

    content = client.get(article.url).content.decode()
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', content)[1]

    assert "<script>alert(1)" not in content
    assert json.loads(json_ld)["headline"] == "</script><script>alert(1)</script>"


def test_a_draft_or_unknown_article_is_not_found(client, magazine):
    magazine.fr.older.unpublish()

    assert client.get("/fr/articles/un-article-plus-ancien/").status_code == 404
    assert client.get("/fr/articles/nulle-part/").status_code == 404


def test_search_results_show_the_article_summary(client, magazine):
    call_command("update_index", verbosity=0)

    french = page_text(client.get("/fr/recherche/", {"q": "ouverte"}))
    english = page_text(client.get("/en/search/", {"q": "open"}))

    assert '<a href="/fr/articles/pour-une-ia-ouverte/">Pour une IA ouverte</a>' in french
    results = french.split('class="search-results"')[1]
    assert "Le résumé de « Pour une IA" in results
    assert "<mark>ouverte</mark>" in results
    assert '<time datetime="2025-02-10">' in results
    assert "Éthique, Régulation" in results
    assert "[en] Le résumé de « Pour une IA ouverte »." in english


def test_blocks_preview_in_the_admin_with_the_site_look(magazine):
    stream_block = ArticlePage.body.field.stream_block
    for name, block in stream_block.child_blocks.items():
        assert block.is_previewable, name
        value = block.get_preview_value()
        html = render_to_string(
            block.get_preview_template(value),
            {"block_def": block, "bound_block": block.bind(value)},
        )
        assert "/static/css/carnet.css" in html, name
        assert 'class="article__body"' in html, name


def test_an_article_not_yet_translated_links_to_the_other_home_page(client, magazine):
    article = ArticlePageFactory(parent=magazine.fr.index, title="Seulement en français")

    content = page_text(client.get(article.url))

    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in content
    assert "(home page: this page is not translated yet)" in content
    assert 'hreflang="en"' not in head(content)
    assert f'<link rel="alternate" hreflang="fr" href="http://testserver{article.url}">' in content
    assert "Carnet explore les enjeux de l’IA." in content


def test_the_newsletter_box_closes_the_article_after_recent_posts(french, english):
    assert 'id="article-newsletter"' in french
    assert french.index('class="recent"') < french.index('id="article-newsletter"')
    assert "Restez informé" in section(french, "newsletter-box newsletter-box--article")
    assert "Stay informed! Never miss an article!" in section(
        english, "newsletter-box newsletter-box--article"
    )


@pytest.mark.parametrize("initial", [{}, {"parent": 7, "ticket": "a&b"}])
def test_hidden_inputs_are_written_as_django_writes_them(magazine, initial):
    form = CommentForm(article=magazine.fr.article, initial=initial)

    for name in ("parent", "ticket"):
        assert hidden_input(form[name]) == str(form[name])
