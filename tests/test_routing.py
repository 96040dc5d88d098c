"""Sites and locales are looked up once per worker, and forgotten when they change."""

import pytest
from django.test import RequestFactory
from wagtail.models import Locale, Page, Site

from home.routing import locale_for_language, site_for_request
from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def test_a_site_is_looked_up_once(homes, django_assert_num_queries):
    request = RequestFactory().get("/fr/")
    with django_assert_num_queries(1):
        first = site_for_request(request)
        again = site_for_request(RequestFactory().get("/en/"))
    assert first == again == Site.objects.get(is_default_site=True)


def test_a_locale_is_looked_up_once(locales, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert locale_for_language("en").language_code == "en"
        assert locale_for_language("en").language_code == "en"


def test_saving_a_locale_forgets_the_locales(locales, django_assert_num_queries):
    french, _english = locales
    locale_for_language("fr")
    french.save()
    with django_assert_num_queries(1):
        locale_for_language("fr")


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
