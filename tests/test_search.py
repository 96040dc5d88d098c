"""The reader's search, on every database: results, promotions, suggestions, bad input.

Language-aware behaviour that needs PostgreSQL (stemming, accents) is in
tests/test_search_postgres.py.
"""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from search.backends.postgres import LanguageAwarePostgresSearchBackend
from search.highlight import mark_words, marked_within
from search.models import SearchTermHits
from search.views import RESULTS_PER_PAGE
from tests.factories import HomePageFactory, TopicIndexPageFactory, TopicListPageFactory

pytestmark = pytest.mark.django_db

# PostgreSQL reads the vocabulary's statistics of a query (search/vocabulary.py): one query.
POSTGRES = int(connection.vendor == "postgresql")


def add_page(parent, title, intro="", publish=True, **kwargs):
    """A page of the parent's language; published through a revision, as an editor would."""
    page = HomePageFactory(
        parent=parent,
        locale=parent.locale,
        title=title,
        intro=f"<p>{intro}</p>" if intro else "",
        tagline="",
        **kwargs,
    )
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def results_html(response):
    """The list of results of a search page, or "" when it has none."""
    content = response.content.decode()
    match = re.search(r'<ol class="search-results".*?</ol>', content, re.DOTALL)
    return match.group(0) if match else ""


def result_titles(response):
    titles = re.findall(
        r'search-result__title"><a href="[^"]*">([^<]*)</a>', results_html(response)
    )
    return titles


def test_a_result_shows_its_title_link_intro_date_and_a_highlighted_snippet(client, homes):
    home_fr, _home_en = homes
    page = add_page(
        home_fr,
        "Pour une IA ouverte",
        "La souveraineté numérique passe par des modèles ouverts &amp; partagés.",
    )
    published = timezone.localtime(page.last_published_at)

    response = client.get("/fr/recherche/", {"q": "modèles"})

    results = results_html(response)
    assert f'<a href="{page.url}">Pour une IA ouverte</a>' in results
    with translation.override("fr"):
        day = date_format(published, "j F Y")  # e.g. « 10 février 2025 »
    assert f'<time datetime="{published:%Y-%m-%d}">{day}</time>' in results
    # The introduction is all this page's text: it is shown once, its matches highlighted.
    assert (
        '<p class="search-result__intro">La souveraineté numérique passe par des '
        "<mark>modèles</mark> ouverts &amp; partagés.</p>"
    ) in results
    assert "search-result__snippet" not in results


def test_a_snippet_marks_the_matching_words_of_a_longer_text_and_escapes_it():
    text = "Un texte <b>long</b> : " + "mot " * 40 + "puis les Modèles ouverts, enfin."

    snippet = mark_words(text, "modele")

    assert snippet.startswith("… ")
    assert "<mark>Modèles</mark> ouverts, enfin." in snippet
    assert "<b>" not in mark_words(text, "long") and "&lt;b&gt;" in mark_words(text, "long")


def test_a_snippet_taken_elsewhere_than_the_introduction_is_kept_apart():
    intro = "Une introduction sans rapport."

    assert marked_within("… le corps de l’<mark>article</mark> …", intro) == ""
    assert marked_within("Une <mark>introduction</mark> sans", intro) == (
        "Une <mark>introduction</mark> sans rapport."
    )


def test_the_count_says_how_many_results_in_the_reader_language(client, homes):
    home_fr, home_en = homes
    add_page(home_fr, "L’IA et le travail", "Ce que l’IA change au travail.")
    add_page(home_fr, "L’IA à l’école", "Ce que l’IA change à l’école.")
    add_page(home_en, "AI at school", "What AI changes at school.")

    french = client.get("/fr/recherche/", {"q": "IA"}).content.decode()
    english = client.get("/en/search/", {"q": "AI"}).content.decode()

    assert "2 résultats pour « IA »" in french
    assert "1 result for “AI”" in english


def test_results_are_paginated_and_a_bad_page_number_gets_a_clear_answer(client, homes):
    home_fr, _home_en = homes
    for number in range(12):
        add_page(home_fr, f"Carnet de bord {number}", "Un carnet de bord sur l’IA.", publish=False)

    first = client.get("/fr/recherche/", {"q": "bord"})
    second = client.get("/fr/recherche/", {"q": "bord", "page": "2"})
    not_a_number = client.get("/fr/recherche/", {"q": "bord", "page": "abc"})
    too_far = client.get("/fr/recherche/", {"q": "bord", "page": "999"})

    assert len(result_titles(first)) == 10 and len(result_titles(second)) == 2
    assert "12 résultats pour « bord »" in second.content.decode()
    assert "Page 2 sur 2" in second.content.decode()
    assert 'rel="next" href="?q=bord&amp;page=2"' in first.content.decode()
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert not_a_number.status_code == 200 and too_far.status_code == 200
    assert result_titles(not_a_number) == result_titles(first)
    notice = "Cette page de résultats n’existe pas : voici la page {}."
    assert notice.format(1) in not_a_number.content.decode()
    assert result_titles(too_far) == result_titles(second)
    assert notice.format(2) in too_far.content.decode()


def test_drafts_private_and_other_language_pages_never_appear(client, homes):
    home_fr, home_en = homes
    add_page(home_fr, "Climat public", "Le climat et l’IA.")
    add_page(home_fr, "Climat brouillon", "Le climat et l’IA.", publish=False, live=False)
    password = add_page(home_fr, "Climat protégé", "Le climat et l’IA.")
    PageViewRestriction.objects.create(page=password, restriction_type="password", password="x")
    members = add_page(home_fr, "Climat réservé", "Le climat et l’IA.")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    group_only = add_page(home_fr, "Climat des rédacteurs", "Le climat et l’IA.")
    restriction = PageViewRestriction.objects.create(page=group_only, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Rédaction"))
    add_page(members, "Climat sous une page réservée", "Le climat et l’IA.")
    add_page(home_en, "Climat in English", "Climat, as the French say.")

    response = client.get("/fr/recherche/", {"q": "climat"})

    assert result_titles(response) == ["Climat public"]


def test_a_page_is_found_once_published_and_gone_at_once_when_unpublished(client, homes):
    home_fr, _home_en = homes
    page = add_page(home_fr, "Sobriété numérique", "Moins de calcul.", publish=False, live=False)
    assert result_titles(client.get("/fr/recherche/", {"q": "sobriété"})) == []

    page.save_revision().publish()
    assert result_titles(client.get("/fr/recherche/", {"q": "sobriété"})) == ["Sobriété numérique"]

    page.refresh_from_db()
    page.unpublish()
    assert result_titles(client.get("/fr/recherche/", {"q": "sobriété"})) == []


def test_words_of_an_unpublished_draft_are_not_found_until_published(client, homes):
    home_fr, _home_en = homes
    page = add_page(home_fr, "Données ouvertes", "Des données pour tous.")
    page.intro = "<p>Des données pour tous, et la frugalité.</p>"
    page.save_revision()

    assert result_titles(client.get("/fr/recherche/", {"q": "frugalité"})) == []

    page.get_latest_revision().publish()
    assert result_titles(client.get("/fr/recherche/", {"q": "frugalité"})) == ["Données ouvertes"]


def test_the_title_weighs_more_than_the_body(client, homes):
    home_fr, _home_en = homes
    add_page(home_fr, "Un long texte", "Il parle aussi, en passant, de la gouvernance.")
    add_page(home_fr, "La gouvernance", "Qui décide ?")

    titles = result_titles(client.get("/fr/recherche/", {"q": "gouvernance"}))

    assert titles == ["La gouvernance", "Un long texte"]


def test_promotions_show_only_live_pages_of_the_reader_language(client, homes):
    home_fr, home_en = homes
    french = add_page(home_fr, "Notre dossier IA", "Tout sur l’IA.")
    english = add_page(home_en, "Our AI file", "All about AI.")
    draft = add_page(home_fr, "Dossier en cours", "Pas encore publié.", publish=False, live=False)
    query = Query.get("IA")
    for order, page in enumerate([french, english, draft]):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/ai-act",
        external_link_text="AI Act",
        description="Le texte du règlement européen.",
        sort_order=3,
    )

    french_page = client.get("/fr/recherche/", {"q": "ia"}).content.decode()
    english_page = client.get("/en/search/", {"q": "IA"}).content.decode()

    promoted_fr = french_page.split('class="search-promotions"')[1].split("</aside>")[0]
    promoted_en = english_page.split('class="search-promotions"')[1].split("</aside>")[0]
    assert f'<a href="{french.url}">Notre dossier IA</a>' in promoted_fr
    assert "Our AI file" not in promoted_fr and "Dossier en cours" not in promoted_fr
    assert f'<a href="{english.url}">Our AI file</a>' in promoted_en
    assert "Notre dossier IA" not in promoted_en
    assert '<a href="https://example.org/ai-act">AI Act</a>' in promoted_fr
    assert "Le texte du règlement européen." in promoted_en
    assert "Recommandé" in french_page and "Recommended" in english_page


def test_editors_manage_promotions_in_the_admin(admin_client, homes):
    home_fr, _home_en = homes
    page = add_page(home_fr, "Notre dossier IA", "Tout sur l’IA.")

    response = admin_client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "IA",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(page.pk),
            "editors_picks-0-description": "Notre sélection.",
            "editors_picks-0-ORDER": "0",
        },
    )

    assert response.status_code == 302
    promoted = client_search_promotions(admin_client, "/fr/recherche/", "ia")
    assert "Notre dossier IA" in promoted and "Notre sélection." in promoted


def client_search_promotions(client, url, query):
    content = client.get(url, {"q": query}).content.decode()
    return content.split('class="search-promotions"')[1].split("</aside>")[0]


def test_searches_are_counted_per_language_for_the_editors(client, homes):
    home_fr, _home_en = homes
    add_page(home_fr, "L’IA au travail", "Ce que l’IA change.")
    client.get("/fr/recherche/", {"q": "IA"})
    client.get("/fr/recherche/", {"q": "  ia "})
    client.get("/fr/recherche/", {"q": "ia", "page": "2"})  # the same search, read further
    client.get("/en/search/", {"q": "IA"})
    client.get("/en/search/", {"q": "robots"})

    counts = {
        (row.term, row.language): (row.hits, row.result_count)
        for row in SearchTermHits.objects.filter(date=timezone.localdate())
    }

    assert counts == {("ia", "fr"): (2, 1), ("ia", "en"): (1, 0), ("robots", "en"): (1, 0)}


def test_popular_searches_report_filters_by_language(admin_client, homes):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    SearchTermHits.objects.create(term="ia", language="fr", date=today, hits=5, result_count=3)
    SearchTermHits.objects.create(term="ia", language="fr", date=yesterday, hits=2)
    SearchTermHits.objects.create(term="climat", language="fr", date=today, hits=9)
    SearchTermHits.objects.create(term="ai", language="en", date=today, hits=4, result_count=2)

    french = admin_client.get("/admin/reports/popular-searches/", {"language": "fr"})
    english = admin_client.get("/admin/reports/popular-searches/", {"language": "en"})
    today_only = admin_client.get(
        "/admin/reports/popular-searches/", {"language": "fr", "date_from": today.isoformat()}
    )

    def rows(response):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
        return re.findall(r"(ia|ai|climat) (Français|English) (\d+) (\d+)", text)

    assert rows(french) == [("climat", "Français", "9", "0"), ("ia", "Français", "7", "3")]
    assert rows(english) == [("ai", "English", "4", "2")]
    assert rows(today_only) == [("climat", "Français", "9", "0"), ("ia", "Français", "5", "3")]


def test_popular_searches_need_their_permission(client, homes):
    user = get_user_model().objects.create_user("redac", password="motdepasse-redac")
    editors = Group.objects.create(name="Rédacteurs")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    client.force_login(user)

    refused = client.get("/admin/reports/popular-searches/")
    assert "popular-searches" not in client.get("/admin/").content.decode()
    editors.permissions.add(Permission.objects.get(codename="view_searchtermhits"))
    allowed = client.get("/admin/reports/popular-searches/")

    assert refused.status_code in (302, 403)
    assert allowed.status_code == 200
    assert "/admin/reports/popular-searches/" in client.get("/admin/").content.decode()


def test_suggestions_are_titles_of_live_pages_of_the_reader_language(client, homes):
    home_fr, home_en = homes
    page = add_page(home_fr, "Algorithmes et justice", "Des algorithmes au tribunal.")
    add_page(home_fr, "Algorithmes en brouillon", "Pas publié.", publish=False, live=False)
    add_page(home_en, "Algorithms and justice", "Algorithms in court.")

    response = client.get("/fr/recherche/suggestions/", {"q": "algo"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "suggestions": [{"title": "Algorithmes et justice", "url": page.url}]
    }


def test_suggestions_are_limited_to_eight(client, homes):
    home_fr, _home_en = homes
    for number in range(10):
        add_page(home_fr, f"Robotique {number}", publish=False)

    suggestions = client.get("/fr/recherche/suggestions/", {"q": "robot"}).json()["suggestions"]

    assert len(suggestions) == 8


@pytest.mark.parametrize(
    ("query", "status", "body"),
    [
        ("", 200, {"suggestions": []}),
        ("!!! ---", 200, {"suggestions": []}),
        ("\x00\x1b", 200, {"suggestions": []}),
        ("' OR 1=1; --", 200, {"suggestions": []}),
        ('"NEAR(a b)* ^:', 200, {"suggestions": []}),
        ("x" * 201, 400, {"error": "Une recherche compte au plus 200 caractères."}),
    ],
)
def test_suggestions_answer_bad_input_clearly(client, homes, query, status, body):
    response = client.get("/fr/recherche/suggestions/", {"q": query})

    assert response.status_code == status
    assert json.loads(response.content) == body


@pytest.mark.parametrize(
    "query",
    [
        "-",
        "!!!",
        '"',
        "*",
        "NEAR(IA",
        "ia:*",
        "a & | ! b",
        "\\",
        "'",
        "IA\x00\x1b[31m",
        "' OR 1=1; DROP TABLE wagtailcore_page; --",
    ],
)
def test_odd_queries_get_an_answer_never_an_error(client, homes, query):
    response = client.get("/fr/recherche/", {"q": query})

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_html_in_a_query_is_escaped_in_results_and_snippets(client, homes):
    home_fr, _home_en = homes
    add_page(home_fr, "Balises", "Une page sur les balises &lt;script&gt; et l’IA.")

    content = client.get("/fr/recherche/", {"q": "<script> balises"}).content.decode()

    assert "<script>" not in content.replace('<script src="/static/js/search-suggestions.js"', "")
    assert "&lt;script&gt;" in content


def test_an_absurdly_long_query_is_shortened_and_says_so(client, homes):
    response = client.get("/fr/recherche/", {"q": "ia " * 3000})

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        "Votre recherche était trop longue : seuls ses 200 premiers caractères ont été gardés."
    ) in content
    assert SearchTermHits.objects.get().term == ("ia " * 67)[:200].strip()


def add_topics(home, *titles):
    topic_list = TopicListPageFactory(parent=home)
    return [TopicIndexPageFactory(parent=topic_list, title=title) for title in titles]


def test_an_empty_query_gets_a_friendly_page_with_the_topics(client, homes):
    home_fr, _home_en = homes
    _ethics, draft = add_topics(home_fr, "Éthique", "Mentions légales")
    draft.unpublish()

    content = client.get("/fr/recherche/").content.decode()

    assert "Saisissez un ou deux mots dans le champ de recherche pour trouver des articles." in (
        content
    )
    assert "Explorer le magazine" in content
    assert ">Éthique</a>" in content and "Mentions légales" not in content
    assert not SearchTermHits.objects.exists()


def test_no_results_says_so_and_suggests_the_topics(client, homes):
    home_fr, _home_en = homes
    add_topics(home_fr, "Éthique")

    content = client.get("/fr/recherche/", {"q": "zoologie"}).content.decode()

    assert "Aucun résultat pour « zoologie »." in content
    assert ">Éthique</a>" in content


def test_the_header_box_is_a_plain_form_enhanced_by_a_static_script(client, homes):
    content = client.get("/fr/").content.decode()

    form = content.split('<form class="search-box"')[1].split("</form>")[0]
    assert 'action="/fr/recherche/"' in form and 'method="get"' in form
    assert 'data-suggestions-url="/fr/recherche/suggestions/"' in form
    assert '<script src="/static/js/search-suggestions.js" defer></script>' in content
    assert "<script>" not in content  # no inline script: ready for a strict CSP


@pytest.mark.parametrize(("result_count", "counted"), [(1, 0), (6, 0), (12, 1)])
def test_a_results_page_costs_a_fixed_number_of_queries(
    client, homes, django_assert_num_queries, result_count, counted
):
    home_fr, _home_en = homes
    for number in range(result_count):
        add_page(home_fr, f"Éthique {number}", "L’éthique de l’IA.")
    client.get("/fr/recherche/", {"q": "éthique"})  # fills the caches of site root paths

    # The locale, view restrictions, (on PostgreSQL, the vocabulary's statistics of the
    # query,) the first page of results, topics (the narrowing choices and the results'
    # own), the results' snippets, introductions and dates, promotions, counting the search,
    # the site; the results are counted only when they fill the first page. The header and
    # footer come from the cache (a site fragment), the language links need no query.
    with django_assert_num_queries(8 + POSTGRES + counted):
        response = client.get("/fr/recherche/", {"q": "éthique"})

    assert len(result_titles(response)) == min(result_count, RESULTS_PER_PAGE)
    assert f"{result_count} résultat" in response.content.decode()


def test_pages_of_several_kinds_found_cost_no_more_queries(
    client, homes, django_assert_num_queries
):
    home_fr, _home_en = homes
    add_page(home_fr, "Éthique", "L’éthique de l’IA.")
    [topic] = add_topics(home_fr, "Éthique des données")
    topic.intro = "Ce que les données disent de nous."
    topic.save_revision().publish()
    client.get("/fr/recherche/", {"q": "éthique"})

    # As above: the introductions of a home page and of a topic come in one query.
    with django_assert_num_queries(8 + POSTGRES):
        response = client.get("/fr/recherche/", {"q": "éthique"})

    assert len(result_titles(response)) == 2
    html = results_html(response)
    assert "Ce que les données disent de nous." in html
    assert "de l’IA." in html


def test_the_search_backend_suits_the_database():
    backend = get_search_backend()

    if connection.vendor == "postgresql":
        assert isinstance(backend, LanguageAwarePostgresSearchBackend)
    else:
        from search.backends.sqlite import StemmingSQLiteSearchBackend

        assert isinstance(backend, StemmingSQLiteSearchBackend)
