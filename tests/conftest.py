import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from wagtail.models import Locale, Page, Site

from home.demo import translate_with_localize
from home.editorial import EDITORS, REVIEWERS
from tests.factories import HomePageFactory, UserFactory, english_locale

HOME_TRANSLATIONS = {
    "Carnet": "Carnet",
    "carnet": "carnet",
    "Un magazine sur l’intelligence artificielle.": "A magazine on artificial intelligence.",
    "Carnet explore les enjeux de l’IA.": "Carnet explores the stakes of AI.",
}


def pytest_collection_modifyitems(items):
    """Transactional tests flush the database when they end, taking with it the rows that
    migrations made (locales, the root page, the default site): have each of them put those
    rows back when it starts (serialized rollback), whatever ran before."""
    for item in items:
        for marker in item.iter_markers("django_db"):
            if marker.kwargs.get("transaction"):
                marker.kwargs["serialized_rollback"] = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Django keeps the serialized rows on the connection object that created the test
    database; Playwright's sync API later runs tests in another context, where Django
    opens new connection objects without them. Keep them on the class, for every one."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    contents = getattr(wrapper, "_test_serialized_contents", None)
    if contents is not None:
        type(wrapper)._test_serialized_contents = contents


@pytest.fixture
def postgres_only():
    """Skip, with a visible reason, a test that needs PostgreSQL behaviour."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")


@pytest.fixture
def locales(db):
    return Locale.objects.get(language_code="fr"), english_locale()


@pytest.fixture
def homes(locales, django_capture_on_commit_callbacks):
    """The French home page at the site root and its English translation via wagtail-localize."""
    french, english = locales
    root = Page.get_first_root_node()
    home_fr = HomePageFactory(parent=root, locale=french, slug="carnet")
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home_fr
    site.save()
    welcome.delete()
    # wagtail-localize publishes a translation once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        home_en = translate_with_localize(home_fr, english, HOME_TRANSLATIONS)
    home_en.refresh_from_db()
    return home_fr, home_en


@pytest.fixture
def editor(db):
    """A member of Editors: drafts, translates, submits for review."""
    return UserFactory(username="edith", first_name="Edith", last_name="Ditrice", groups=[EDITORS])


@pytest.fixture
def reviewer(db):
    """A member of Reviewers: approves, requests changes, unpublishes."""
    return UserFactory(
        username="remi", first_name="Rémi", last_name="Relecteur", groups=[REVIEWERS]
    )
