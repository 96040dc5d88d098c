"""Narrowing a search by topic and year, sorting it by date, and how results are counted:
on every database, through the URL, without JavaScript."""

import datetime
import re

import pytest

from search.views import about
from search.vocabulary import QueryStatistics, TypedWord
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    TopicIndexPageFactory,
    TopicListPageFactory,
)
from tests.test_search import POSTGRES, result_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(homes):
    """Three French articles about ethics, in two topics and three years; the oldest says
    « éthique » most."""
    home_fr, _home_en = homes
    index = ArticleIndexPageFactory(parent=home_fr)
    topics = TopicListPageFactory(parent=home_fr)
    ethics = TopicIndexPageFactory(parent=topics, title="Éthique")
    climate = TopicIndexPageFactory(parent=topics, title="Climat")

    def article(title, topic, year):
        return ArticlePageFactory(
            parent=index,
            title=title,
            intro=f"<p>{title} : une question d’éthique.</p>",
            topics=[topic],
            date_published=datetime.date(year, 3, 1),
        )

    return {
        "ethics": ethics,
        "climate": climate,
        "old": article("Éthique, éthique et encore éthique", ethics, 2023),
        "middle": article("Le climat et l’éthique", climate, 2024),
        "new": article("Une IA sobre", climate, 2025),
    }


def search(client, **params):
    return client.get("/fr/recherche/", {"q": "éthique", **params})


def test_a_search_can_be_narrowed_to_one_topic(client, articles):
    climate = articles["climate"].pk

    response = search(client, topic=climate)

    assert sorted(result_titles(response)) == ["Le climat et l’éthique", "Une IA sobre"]
    assert f'<option value="{climate}" selected>Climat</option>' in response.content.decode()


def test_a_search_can_be_narrowed_to_one_year(client, articles):
    response = search(client, year=2024)

    assert result_titles(response) == ["Le climat et l’éthique"]
    assert 'name="year" type="number"' in response.content.decode()
    assert 'value="2024"' in response.content.decode()


def test_topic_and_year_narrow_together(client, articles):
    response = search(client, topic=articles["climate"].pk, year=2025)

    assert result_titles(response) == ["Une IA sobre"]


def test_results_can_be_sorted_newest_first(client, articles):
    titles = result_titles(search(client, sort="date"))

    assert titles == [
        "Une IA sobre",
        "Le climat et l’éthique",
        "Éthique, éthique et encore éthique",
    ]


def test_results_are_sorted_by_relevance_by_default(client, articles):
    titles = result_titles(search(client))

    # Every page is searched, the topic "Éthique" among them; the date order is for articles.
    assert sorted(titles) == [
        "Le climat et l’éthique",
        "Une IA sobre",
        "Éthique",
        "Éthique, éthique et encore éthique",
    ]
    if POSTGRES:  # SQLite's ranking (FTS5) puts the short title first
        assert titles[0] == "Éthique, éthique et encore éthique"


def test_the_narrowing_form_is_a_plain_get_form_with_the_query(client, articles):
    content = search(client).content.decode()

    form = content.split('<form class="search-narrow"')[1].split("</form>")[0]
    assert 'method="get"' in form
    assert '<input type="hidden" name="q" value="éthique">' in form
    assert '<select id="search-topic" name="topic">' in form
    assert ">Climat</option>" in form and ">Éthique</option>" in form
    assert '<option value="date">Les plus récents</option>' in form
    assert "Pertinence" in form


def test_a_choice_not_understood_is_left_out_and_said_so(client, articles):
    response = search(client, topic="climat", year="deux mille", sort="hasard")

    assert response.status_code == 200
    assert len(result_titles(response)) == 4  # the three articles and the topic "Éthique"
    assert "Un choix n’a pas été compris et a été ignoré." in response.content.decode()


def test_a_topic_of_another_language_finds_nothing(client, articles, homes):
    _home_fr, home_en = homes
    topics = TopicListPageFactory(parent=home_en)
    english_topic = TopicIndexPageFactory(parent=topics, title="Ethics")

    response = search(client, topic=english_topic.pk)

    assert response.status_code == 200
    assert result_titles(response) == []


def test_page_links_keep_the_narrowing(client, homes, articles):
    for number in range(11):
        ArticlePageFactory(
            parent=articles["old"].get_parent(),
            title=f"Éthique {number}",
            topics=[articles["ethics"]],
        )

    content = search(client, topic=articles["ethics"].pk, sort="date").content.decode()

    link = re.search(r'<a rel="next" href="([^"]*)"', content).group(1).replace("&amp;", "&")
    assert link == f"?q=%C3%A9thique&topic={articles['ethics'].pk}&sort=date&page=2"


def test_one_word_is_estimated_by_its_pages_and_several_as_independent():
    statistics = QueryStatistics(
        words=[
            TypedWord("intelligence", None, True, True, 9_000),
            TypedWord("les", None, True, False, 0),  # a stop word: no stem, no constraint
            TypedWord("climat", None, True, True, 2_500),
        ],
        pages=10_000,
    )

    assert statistics.estimated_results == 2_250
    assert QueryStatistics(statistics.words[:1], 10_000).estimated_results == 9_000


def test_a_large_number_of_results_is_said_to_two_figures():
    assert [about(9_874), about(12_345), about(1_000), about(99)] == [9_900, 12_000, 1_000, 99]


def test_a_narrowed_search_in_date_order_costs_one_query_more_than_a_plain_one(
    client, articles, django_assert_num_queries
):
    search(client, topic=articles["climate"].pk, year=2025, sort="date")

    # As a plain search (tests/test_search.py), counted exactly since it is narrowed, and
    # one more: the newest-first order reads the view restrictions again, for articles.
    with django_assert_num_queries(9 + POSTGRES):
        response = search(client, topic=articles["climate"].pk, year=2025, sort="date")

    assert result_titles(response) == ["Une IA sobre"]


def test_topics_linked_without_an_order_still_show_with_their_results(client, articles):
    """Links to topics saved without a sort order (as imports and translations may leave
    them) come after the others, rather than breaking the page."""
    from articles.models import ArticlePageTopic

    ArticlePageTopic.objects.create(page=articles["middle"], topic=articles["ethics"])
    ArticlePageTopic.objects.update(sort_order=None)

    response = search(client)

    assert response.status_code == 200
    assert "Le climat et l’éthique" in result_titles(response)


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_an_article_found_shows_its_own_date_and_introduction(client, articles, sort):
    response = search(client, year=2024, sort=sort)

    content = response.content.decode()
    assert '<time datetime="2024-03-01">1 mars 2024</time>' in content
    assert "Le climat et l’éthique : une question d’" in content
