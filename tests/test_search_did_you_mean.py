"""“Did you mean” and estimated result counts, from each language's vocabulary (PostgreSQL).

The vocabulary holds the words of live, public pages only: every test here needs PostgreSQL
(pg_trgm, the RUM index) and is skipped, with its reason, on SQLite.
"""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from search.models import SearchWord
from search.vocabulary import refresh_vocabulary
from tests.test_search import add_page, result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def pages(postgres_only, homes):
    """Published pages in both languages; publishing rebuilds each language's vocabulary."""
    home_fr, home_en = homes
    return {
        "souverainete": add_page(
            home_fr, "La souveraineté numérique", "Une souveraineté technologique européenne."
        ),
        "donnees": add_page(home_fr, "Données personnelles", "La protection des données."),
        "regulation": add_page(
            home_en, "Regulating AI in Europe", "The regulation of high-risk systems."
        ),
    }


def correction(response):
    """The "did you mean" of a results page: (the corrected query, its link), or None."""
    content = response.content.decode()
    match = re.search(
        r'class="search-page__correction">[^<]*<a href="([^"]*)">([^<]*)</a>', content
    )
    return (match.group(2), match.group(1).replace("&amp;", "&")) if match else None


def test_a_french_typo_gets_the_word_of_the_magazine_and_its_link_runs_the_search(client, pages):
    response = client.get("/fr/recherche/", {"q": "souverainte"})

    content = response.content.decode()
    assert "Aucun résultat pour « souverainte »." in content
    assert "Vouliez-vous dire" in content
    corrected, link = correction(response)
    assert corrected == "souveraineté"
    assert result_titles(client.get("/fr/recherche/" + link)) == ["La souveraineté numérique"]


def test_an_english_typo_gets_the_english_word(client, pages):
    response = client.get("/en/search/", {"q": "regulaton"})

    assert "Did you mean" in response.content.decode()
    corrected, link = correction(response)
    assert corrected == "regulation"
    assert result_titles(client.get("/en/search/" + link)) == ["Regulating AI in Europe"]


def test_only_the_mistyped_word_of_a_query_is_corrected(client, pages):
    response = client.get("/fr/recherche/", {"q": "protection donnes"})

    assert correction(response)[0] == "protection données"


def test_each_language_suggests_its_own_words(client, pages):
    # "regulation" is an English word of the magazine, not a French one.
    response = client.get("/fr/recherche/", {"q": "regulaton"})

    assert correction(response) is None or correction(response)[0] != "regulation"


def test_a_correct_query_gets_no_suggestion(client, pages):
    for url, query in [("/fr/recherche/", "souveraineté"), ("/en/search/", "regulation")]:
        response = client.get(url, {"q": query})

        assert result_titles(response)
        assert correction(response) is None
        assert "Did you mean" not in response.content.decode()


def test_a_word_found_only_in_a_draft_or_a_private_page_is_never_suggested(client, homes, pages):
    home_fr, _home_en = homes
    never_published = add_page(
        home_fr, "Brouillon", "Une hallucination collective.", publish=False, live=False
    )
    live = pages["donnees"]
    live.intro = "<p>Les hallucinations des modèles.</p>"
    live.save_revision()  # a draft of a live page, not published
    private = add_page(home_fr, "Réservé", "Les hallucinogènes de la recherche.")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get("/fr/recherche/", {"q": "halucination"})

    assert not never_published.live
    assert correction(response) is None
    words = set(SearchWord.objects.filter(language="fr").values_list("word", flat=True))
    assert "souveraineté" in words
    assert not {"hallucination", "hallucinations", "hallucinogènes"} & words


def test_a_page_unpublished_takes_its_words_out_of_the_suggestions(client, pages):
    assert correction(client.get("/fr/recherche/", {"q": "souverainte"}))

    pages["souverainete"].unpublish()

    assert correction(client.get("/fr/recherche/", {"q": "souverainte"})) is None


def test_the_suggestions_box_offers_the_corrected_search_when_no_title_matches(client, pages):
    response = client.get("/fr/recherche/suggestions/", {"q": "souverainte"})

    suggestions = response.json()["suggestions"]
    assert suggestions[0]["kind"] == "correction"
    assert suggestions[0]["title"] == "Rechercher «\u00a0souveraineté\u00a0»"
    assert suggestions[0]["url"] == "/fr/recherche/?q=souverainet%C3%A9"


def test_the_suggestions_box_offers_no_correction_for_a_known_word(client, pages):
    response = client.get("/en/search/suggestions/", {"q": "regulating"})

    assert [suggestion["title"] for suggestion in response.json()["suggestions"]] == [
        "Regulating AI in Europe"
    ]


def test_the_vocabulary_counts_the_pages_of_each_word(pages):
    refresh_vocabulary("fr")

    words = dict(SearchWord.objects.filter(language="fr").values_list("word", "documents"))
    assert words["souveraineté"] == 1
    assert words["données"] == 1


def test_a_fruitless_search_with_a_suggestion_stays_within_the_query_budget(
    client, pages, django_assert_num_queries
):
    client.get("/fr/recherche/", {"q": "souverainte"})

    # The locale, view restrictions, the vocabulary's statistics (with the correction), the
    # count, promotions, counting the search, the topics to browse. The header and footer
    # come from the cache (a site fragment), and no result needs the site for its address.
    with django_assert_num_queries(7):
        response = client.get("/fr/recherche/", {"q": "souverainte"})

    assert correction(response)[0] == "souveraineté"


def test_the_vocabulary_can_be_rebuilt_by_a_command(pages):
    SearchWord.objects.all().delete()
    out = io.StringIO()

    call_command("rebuild_search_vocabulary", stdout=out)

    assert "fr: search vocabulary rebuilt" in out.getvalue()
    assert SearchWord.objects.filter(language="en", word="regulation").exists()
