"""Language-aware search on PostgreSQL: stemming per language, French without accents.

Every test here needs PostgreSQL and is skipped, with its reason, on SQLite.
"""

import re

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail_factories import ImageFactory

from tests.test_search import add_page, result_titles, results_html

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def pages(postgres_only, homes):
    """A few French and English pages, published and indexed."""
    home_fr, home_en = homes
    return {
        "regulation": add_page(
            home_fr,
            "La régulation européenne",
            "Le règlement sur l’IA encadre les systèmes à haut risque.",
        ),
        "societes": add_page(
            home_fr, "Sociétés et algorithmes", "Des sociétés entières confient leurs choix."
        ),
        "ethique": add_page(
            home_fr, "Ethique sans accents", "Un texte tape sans accents : ethique, societe."
        ),
        "studies": add_page(
            home_en, "Two studies of open models", "Researchers compare licences."
        ),
        "regulating": add_page(
            home_en, "Regulating AI in Europe", "The regulation of high-risk systems."
        ),
    }


def french(client, query):
    return result_titles(client.get("/fr/recherche/", {"q": query}))


def english(client, query):
    return result_titles(client.get("/en/search/", {"q": query}))


def test_french_stemming_finds_the_plural_from_the_singular_and_back(client, pages):
    assert french(client, "régulations") == ["La régulation européenne"]
    assert french(client, "européens") == ["La régulation européenne"]
    assert french(client, "règlements") == ["La régulation européenne"]
    assert french(client, "algorithme") == ["Sociétés et algorithmes"]


def test_english_stemming_finds_the_plural_from_the_singular_and_back(client, pages):
    assert english(client, "study") == ["Two studies of open models"]
    assert english(client, "model") == ["Two studies of open models"]
    assert english(client, "regulations") == ["Regulating AI in Europe"]


def test_french_search_ignores_accents_both_ways(client, pages):
    # Typed without accents, finds accented words.
    assert french(client, "regulation europeenne") == ["La régulation européenne"]
    assert french(client, "reglement") == ["La régulation européenne"]
    # Typed with accents, finds words written without them.
    assert french(client, "éthique") == ["Ethique sans accents"]
    # Both at once: « societe » is in one page, « Sociétés » in the other.
    both = ["Ethique sans accents", "Sociétés et algorithmes"]
    assert sorted(french(client, "societes")) == both


def test_each_language_searches_only_its_own_pages(client, pages):
    assert french(client, "regulation") == ["La régulation européenne"]
    assert english(client, "regulation") == ["Regulating AI in Europe"]
    assert english(client, "sociétés") == []
    assert french(client, "studies") == []


def test_pages_are_indexed_with_the_configuration_of_their_language(pages):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, body::text FROM wagtailsearch_indexentry WHERE object_id = ANY(%s)",
            [[str(pages["regulation"].pk), str(pages["regulating"].pk)]],
        )
        bodies = dict(cursor.fetchall())

    french_body = bodies[str(pages["regulation"].pk)]
    english_body = bodies[str(pages["regulating"].pk)]
    # French: accents stripped, then the French stemmer (English would keep 'règlement').
    assert "'regl'" in french_body and "règlement" not in french_body
    # English: the English stemmer and stop words (French would keep 'regulating', 'the').
    assert "'regul'" in english_body and "'the'" not in english_body


def test_a_search_across_languages_matches_each_page_in_its_own_language(pages):
    """The admin's page search is not filtered on a locale: each row is matched by the
    query parsed with its own language's configuration."""
    found = {page.title for page in Page.objects.live().search("regulations")}

    assert found == {"La régulation européenne", "Regulating AI in Europe"}


def test_the_snippet_highlights_stemmed_and_unaccented_forms(client, pages):
    results = results_html(client.get("/fr/recherche/", {"q": "reglements systeme"}))

    assert "<mark>règlement</mark>" in results
    assert "<mark>systèmes</mark>" in results


def test_suggestions_ignore_accents_in_french(client, pages):
    suggestions = client.get("/fr/recherche/suggestions/", {"q": "societ"}).json()["suggestions"]
    titles = [suggestion["title"] for suggestion in suggestions]

    assert titles == ["Sociétés et algorithmes"]


def test_suggestions_complete_the_last_word_in_english(client, pages):
    suggestions = client.get("/en/search/suggestions/", {"q": "open mod"}).json()["suggestions"]

    assert [suggestion["title"] for suggestion in suggestions] == ["Two studies of open models"]


def test_the_unaccent_configuration_exists_after_migrating(postgres_only):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('carnet_french', 'Éthiques sociétés')::text")
        (vector,) = cursor.fetchone()

    assert re.findall(r"'(\w+)'", vector) == ["ethiqu", "societ"]


def test_the_admin_page_search_finds_both_languages(admin_client, pages):
    """The admin searches titles as they are typed (autocomplete), across both languages."""
    content = admin_client.get("/admin/pages/search/", {"q": "régul"}).content.decode()

    assert "La régulation européenne" in content
    assert "Regulating AI in Europe" in content


def test_objects_without_a_language_are_searched_with_the_default_one(admin_client, pages):
    """Images have no locale: French, the default language, indexes them, accents aside."""
    ImageFactory(title="Éléphants d’Afrique")

    content = admin_client.get("/admin/images/", {"q": "elephant"}).content.decode()

    assert "Éléphants d’Afrique" in content
