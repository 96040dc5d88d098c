import pytest
from django.db import connection
from wagtail.models import Locale, Page, Site

from home.demo import translate_with_localize
from tests.factories import HomePageFactory, english_locale

HOME_TRANSLATIONS = {
    "Carnet": "Carnet",
    "carnet": "carnet",
    "Un magazine sur l’intelligence artificielle.": "A magazine on artificial intelligence.",
    "Carnet explore les enjeux de l’IA.": "Carnet explores the stakes of AI.",
}


@pytest.fixture
def postgres_only():
    """Skip, with a visible reason, a test that needs PostgreSQL behaviour."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")


@pytest.fixture
def locales(db):
    # get_or_create: a transactional test before this one may have flushed the migrated rows.
    french, _created = Locale.objects.get_or_create(language_code="fr")
    return french, english_locale()


@pytest.fixture
def homes(locales, django_capture_on_commit_callbacks):
    """The French home page at the site root and its English translation via wagtail-localize."""
    french, english = locales
    # A transactional test before this one may have flushed Wagtail's root page and site.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=french)
    )
    home_fr = HomePageFactory(parent=root, locale=french, slug="carnet")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home_fr, is_default_site=True)
    else:
        welcome = site.root_page
        site.root_page = home_fr
        site.save()
        welcome.delete()
    # wagtail-localize publishes a translation once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        home_en = translate_with_localize(home_fr, english, HOME_TRANSLATIONS)
    home_en.refresh_from_db()
    return home_fr, home_en
