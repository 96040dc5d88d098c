"""Pages are routed by Wagtail's own `serve` and `route`: a new site root, a language
without its home page, a section passed through."""

import pytest
from wagtail.models import Locale, Page, PageViewRestriction, Site

from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def test_readers_see_a_new_site_root_at_once(client, magazine):
    assert "Un magazine sur" in client.get("/fr/").content.decode()
    site = Site.objects.get(is_default_site=True)
    site.root_page = HomePageFactory(
        parent=Page.get_first_root_node(),
        locale=Locale.objects.get(language_code="fr"),
        title="Un autre carnet",
        slug="autre",
        intro="<p>Une autre une.</p>",
    )
    site.save()

    response = client.get("/fr/")

    assert response.status_code == 200
    assert "Une autre une." in response.content.decode()
    assert client.get("/fr/articles/pour-une-ia-ouverte/").status_code == 404


def test_a_language_without_a_live_home_page_shows_the_site_root(client, magazine):
    magazine.en.home.unpublish()

    response = client.get("/en/")

    assert response.status_code == 200
    assert "Un magazine sur" in response.content.decode()


def test_a_restriction_on_a_section_protects_what_is_routed_through_it(client, magazine):
    PageViewRestriction.objects.create(
        page=magazine.fr.index, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(magazine.fr.article.url).status_code == 302
    assert client.get(magazine.fr.ethics.url).status_code == 200


def test_an_unknown_section_or_article_is_not_found(client, magazine):
    assert client.get("/fr/nulle-part/article/").status_code == 404
    assert client.get("/fr/articles/nulle-part/").status_code == 404
    assert client.get("/fr/sujets/nulle-part/").status_code == 404
