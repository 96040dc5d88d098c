"""Finding one's way: header and footer links set in the admin, information pages, the
list of authors, the featured article, one newsletter box per article."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from home.models import HomePage, InformationPage, SiteLinks
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def links_in(content, css_class):
    """(address, text) of the links inside the first element of `css_class`."""
    start = content.index(f'class="{css_class}"')
    block = content[start : content.index("</nav>", start)]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block)


@pytest.mark.parametrize(
    ("url", "header", "footer"),
    [
        (
            "/fr/",
            [
                ("/fr/articles/", "Articles"),
                ("/fr/sujets/", "Sujets"),
                ("/fr/a-propos/", "À propos"),
            ],
            [
                ("/fr/a-propos/", "À propos"),
                ("/fr/mentions-legales/", "Mentions légales"),
                ("/fr/confidentialite/", "Politique de confidentialité"),
                ("/fr/articles/feed/", "Flux des articles (Atom)"),
            ],
        ),
        (
            "/en/articles/for-an-open-ai/",
            [("/en/articles/", "Articles"), ("/en/topics/", "Topics"), ("/en/about/", "About")],
            [
                ("/en/about/", "About"),
                ("/en/legal-notice/", "Legal notice"),
                ("/en/privacy/", "Privacy policy"),
                ("/en/articles/feed/", "Feed of the articles (Atom)"),
            ],
        ),
    ],
)
def test_header_and_footer_link_the_sections_and_pages_in_the_readers_language(
    client, site_links, url, header, footer
):
    content = client.get(url).content.decode()

    assert links_in(content, "site-nav") == header
    assert links_in(content, "site-footer__links") == footer
    assert links_in(content, "site-footer__social") == [
        ("https://mastodon.social/@carnet", "Mastodon"),
        ("https://bsky.app/profile/carnet.example", "Bluesky"),
    ]
    for address, _text in header + footer:
        assert client.get(address).status_code == 200, address


def test_a_page_not_yet_translated_is_linked_in_the_default_language(client, site_links):
    site_links.en.legal.unpublish()

    content = client.get("/en/").content.decode()

    assert ("/fr/mentions-legales/", "Legal notice") in links_in(content, "site-footer__links")


def test_without_links_set_pages_show_no_empty_menus(client, magazine):
    response = client.get("/fr/")

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="site-nav"' not in content
    assert 'class="site-footer__links"' not in content
    assert "Carnet explore les enjeux de l’IA." in content


def test_newsletter_consent_and_comment_form_link_the_privacy_policy(client, site_links):
    content = client.get("/fr/articles/pour-une-ia-ouverte/").content.decode()

    privacy = '<a href="/fr/confidentialite/">'
    newsletter = content[content.index("newsletter-form__consent") :]
    assert privacy + "Comment nous utilisons votre adresse" in newsletter
    comments = content[content.index('class="comment-form"') :]
    assert privacy + "Comment nous utilisons ce que vous nous confiez" in comments


@pytest.mark.parametrize(
    "url", ["/fr/articles/pour-une-ia-ouverte/", "/en/articles/for-an-open-ai/"]
)
def test_an_article_ends_with_one_newsletter_box(client, magazine, url):
    content = client.get(url).content.decode()

    assert content.count("data-newsletter-box") == 1
    assert 'id="article-newsletter"' in content


def test_other_pages_keep_the_footer_newsletter_box(client, magazine):
    content = client.get("/fr/").content.decode()

    assert content.count("data-newsletter-box") == 1
    assert 'id="footer-newsletter"' in content


def test_an_information_page_shows_its_text_in_both_languages(client, site_links):
    french = client.get("/fr/a-propos/")
    english = client.get("/en/about/")

    assert french.status_code == english.status_code == 200
    assert '<h1 id="information-title">À propos</h1>' in french.content.decode()
    assert "What the About page says." in english.content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in (
        french.content.decode()
    )


def test_administrators_edit_the_links_and_the_pages(client, site_links, admin_user):
    client.force_login(admin_user)
    site = Site.objects.get(is_default_site=True)
    edit_links = reverse("wagtailsettings:edit", args=["home", "sitelinks", site.pk])

    assert client.get(edit_links).status_code == 200
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[site_links.fr.legal.pk])).status_code
        == 200
    )
    add_page = reverse(
        "wagtailadmin_pages:add",
        args=["home", "informationpage", site_links.fr.about.get_parent().pk],
    )
    assert client.get(add_page).status_code == 200


def test_a_changed_social_account_shows_on_the_next_page(client, site_links):
    SiteLinks.objects.filter(pk=site_links.settings.pk).update(
        mastodon="", github="https://github.com/carnet"
    )

    content = client.get("/fr/").content.decode()

    assert links_in(content, "site-footer__social") == [
        ("https://bsky.app/profile/carnet.example", "Bluesky"),
        ("https://github.com/carnet", "GitHub"),
    ]


@pytest.mark.parametrize(
    ("url", "author_url", "heading"),
    [
        ("/fr/articles/auteurs/", "/fr/articles/auteurs/ana-lefevre/", "Auteurs"),
        ("/en/articles/authors/", "/en/articles/authors/ana-lefevre/", "Authors"),
    ],
)
def test_the_authors_have_a_list_page(client, magazine, url, author_url, heading):
    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert f"<h1>{heading}</h1>" in content
    assert f'<a href="{author_url}">Ana Lefèvre</a>' in content
    assert "Basile Roy" in content
    author_page = client.get(author_url).content.decode()
    assert f'<a href="{url}">{heading}</a>' in author_page


def test_the_feed_and_unknown_words_keep_their_answers(client, magazine):
    assert client.get("/fr/articles/feed/").status_code == 200
    assert client.get("/fr/articles/authors/").status_code == 404
    assert client.get("/en/articles/auteurs/").status_code == 404


def test_an_author_without_live_article_is_not_listed(client, magazine):
    magazine.fr.older.unpublish()
    magazine.fr.article.unpublish()

    content = client.get("/fr/articles/auteurs/").content.decode()

    assert "Ana Lefèvre" not in content
    assert "Aucun auteur n’a encore publié d’article." in content


def test_the_featured_article_leads_the_home_page_in_both_languages(client, magazine, publish):
    home = HomePage.objects.get(pk=magazine.fr.home.pk)
    publish(home, featured_article=magazine.fr.older)

    french = client.get("/fr/").content.decode()
    english = client.get("/en/").content.decode()

    featured = french[french.index('class="home-section featured"') : french.index("latest-title")]
    assert "Un article plus ancien" in featured
    assert french.count("/fr/articles/un-article-plus-ancien/") == 1  # not again below
    featured = english[
        english.index('class="home-section featured"') : english.index("latest-title")
    ]
    assert "An older article" in featured


def test_a_featured_article_not_live_in_a_language_is_left_out(client, magazine, publish):
    french_only = ArticlePageFactory(parent=magazine.fr.index, title="Seulement en français")
    home = HomePage.objects.get(pk=magazine.fr.home.pk)
    publish(home, featured_article=french_only)

    assert "Seulement en français" in client.get("/fr/").content.decode()
    assert 'class="home-section featured"' not in client.get("/en/").content.decode()


def test_information_pages_go_under_a_home_page_only(magazine):
    assert InformationPage.can_create_at(magazine.fr.home)
    assert not InformationPage.can_create_at(magazine.fr.index)
