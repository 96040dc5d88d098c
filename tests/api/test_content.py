"""What the content API shows (api/): the fields a front end needs, each filter, the
translations of a page, and only what an anonymous reader may see."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from comments.models import Comment
from tests.api.conftest import ids
from tests.factories import ArticlePageFactory, CommentFactory

pytestmark = pytest.mark.django_db


def article_ids(api, query=""):
    status, data = api(f"articles/{query}")
    assert status == 200, data
    return ids(data)


# Fields ----------------------------------------------------------------------------------


def test_an_article_has_what_a_front_end_shows(api, magazine):
    fr = magazine.fr
    status, data = api(f"articles/{fr.article.pk}/")
    assert status == 200
    assert data["title"] == "Pour une IA ouverte"
    assert data["summary"] == fr.article.intro
    assert data["meta"]["html_url"] == "http://testserver/fr/articles/pour-une-ia-ouverte/"
    assert data["meta"]["locale"] == "fr"
    assert data["meta"]["type"] == "articles.ArticlePage"
    assert {"seo_title", "search_description", "first_published_at"} <= set(data["meta"])
    assert (data["date_published"], data["date_updated"]) == ("2025-02-10", "2025-09-18")
    assert data["reading_time"] == 3  # about 500 words
    assert [(a["name"], a["url"]) for a in data["authors"]] == [
        ("Ana Lefèvre", "http://testserver/fr/articles/auteurs/ana-lefevre/"),
        ("Basile Roy", "http://testserver/fr/articles/auteurs/basile-roy/"),
    ]
    assert [(t["id"], t["title"]) for t in data["topics"]] == [
        (fr.ethics.pk, "Éthique"),
        (fr.regulation.pk, "Régulation"),
    ]
    hero = data["hero_image"]
    assert hero["alt"] == "Une balance aux plateaux inégaux"
    assert set(hero["renditions"]) == {"width-720", "width-1440", "fill-1200x630"}
    assert hero["renditions"]["width-720"]["url"].startswith("http://testserver/media/images/")


def test_the_body_is_structured_json_with_images_and_linked_articles_resolved(api, magazine):
    fr = magazine.fr
    body = api(f"articles/{fr.article.pk}/")[1]["body"]
    kinds = [block["type"] for block in body]
    assert kinds[:3] == ["paragraph", "heading", "heading"]
    assert {"image", "pull_quote", "embed", "callout", "article_links"} <= set(kinds)
    image = next(block["value"] for block in body if block["type"] == "image")
    assert image["image"]["alt"] == "Une balance déséquilibrée 1"
    assert set(image["image"]["renditions"]) == {"width-720", "width-1440"}
    assert image["caption"] == "La légende de l’image."
    links = next(block["value"] for block in body if block["type"] == "article_links")
    assert [(a["id"], a["title"]) for a in links["articles"]] == [
        (fr.older.pk, "Un article plus ancien")
    ]


def test_the_english_article_has_its_own_alt_texts_and_author_addresses(api, magazine):
    data = api(f"articles/{magazine.en.article.pk}/")[1]
    assert data["hero_image"]["alt"] == "Scales with uneven pans"
    image = next(block["value"] for block in data["body"] if block["type"] == "image")
    assert image["image"]["alt"] == "Unbalanced scales 1"
    assert data["authors"][0]["url"] == "http://testserver/en/articles/authors/ana-lefevre/"
    assert data["meta"]["locale"] == "en"


def test_listings_leave_the_body_and_comments_to_the_detail(api, magazine):
    item = api("articles/?locale=fr")[1]["items"][0]
    assert not {"body", "comments", "reading_time"} & set(item)
    assert {"summary", "hero_image", "authors", "topics", "date_published"} <= set(item)
    status, data = api("articles/?fields=body")
    assert status == 400
    assert "body" in data["message"]


def test_only_approved_comments_are_shown_without_e_mail_addresses(api, magazine):
    article = magazine.fr.article
    first = CommentFactory(article=article, author_name="Zoé", text="Bien vu.")
    CommentFactory(article=article, parent=first, author_name="Yann", text="D’accord.")
    CommentFactory(article=article, text="En attente.", status=Comment.Status.PENDING)
    CommentFactory(article=article, text="Pourriel.", status=Comment.Status.SPAM)
    comments = api(f"articles/{article.pk}/")[1]["comments"]
    assert [(c["author_name"], c["text"]) for c in comments] == [("Zoé", "Bien vu.")]
    assert [reply["author_name"] for reply in comments[0]["replies"]] == ["Yann"]
    assert "email" not in str(comments)


def test_topics_indexes_authors_and_pages_have_their_endpoints(api, magazine):
    fr, en = magazine.fr, magazine.en
    topics = api("topics/?locale=fr")[1]["items"]
    assert [(t["title"], t["intro"]) for t in topics] == [
        ("Éthique", fr.ethics.intro),
        ("Régulation", fr.regulation.intro),
    ]
    indexes = api("article-indexes/")[1]["items"]
    assert sorted(i["id"] for i in indexes) == sorted([fr.index.pk, en.index.pk])
    authors = api("authors/?locale=en")[1]["items"]
    assert [(a["name"], a["meta"]["url"]) for a in authors] == [
        ("Ana Lefèvre", "http://testserver/en/articles/authors/ana-lefevre/"),
        ("Basile Roy", "http://testserver/en/articles/authors/basile-roy/"),
    ]
    home = api(f"pages/{fr.home.pk}/")[1]
    assert (home["meta"]["type"], home["meta"]["html_url"]) == (
        "home.HomePage",
        "http://testserver/fr/",
    )
    assert api(f"images/{fr.image.pk}/")[0] == 200


# Translations ----------------------------------------------------------------------------


def test_each_page_lists_its_live_translations(api, magazine):
    fr, en = magazine.fr, magazine.en
    item = api(f"articles/?locale=fr&title={fr.article.title}")[1]["items"][0]
    assert item["meta"]["translations"] == [
        {
            "locale": "en",
            "id": en.article.pk,
            "url": "http://testserver/en/articles/for-an-open-ai/",
        }
    ]
    english = api(f"pages/{en.ethics.pk}/")[1]["meta"]["translations"]
    assert english == [
        {"locale": "fr", "id": fr.ethics.pk, "url": "http://testserver/fr/sujets/ethique/"}
    ]


def test_an_unpublished_or_private_translation_is_not_listed(api, magazine):
    fr, en = magazine.fr, magazine.en
    en.article.unpublish()
    PageViewRestriction.objects.create(page=en.ethics, restriction_type="login")
    assert api(f"articles/{fr.article.pk}/")[1]["meta"]["translations"] == []
    assert api(f"topics/{fr.ethics.pk}/")[1]["meta"]["translations"] == []


# Filters ---------------------------------------------------------------------------------


def test_locale_filter(api, magazine):
    fr, en = magazine.fr, magazine.en
    assert article_ids(api, "?locale=fr") == [fr.article.pk, fr.older.pk]
    assert article_ids(api, "?locale=en") == [en.article.pk, en.older.pk]
    assert set(article_ids(api)) == {fr.article.pk, fr.older.pk, en.article.pk, en.older.pk}
    status, pages = api("pages/?locale=en")
    assert {page["meta"]["locale"] for page in pages["items"]} == {"en"}


def test_topic_filter(api, magazine):
    fr, en = magazine.fr, magazine.en
    assert article_ids(api, f"?topic={fr.ethics.pk}") == [fr.article.pk, fr.older.pk]
    assert article_ids(api, f"?topic={fr.regulation.pk}") == [fr.article.pk]
    assert article_ids(api, f"?topic={en.regulation.pk}") == [en.article.pk]
    assert article_ids(api, "?topic=999999") == []


def test_author_filter(api, magazine):
    fr = magazine.fr
    assert article_ids(api, f"?author={fr.basile.pk}") == [fr.article.pk]
    assert article_ids(api, f"?author={fr.ana.pk}&topic={fr.regulation.pk}") == [fr.article.pk]
    assert article_ids(api, f"?author={magazine.en.ana.pk}&locale=fr") == []


def test_ordering_and_pagination(api, magazine):
    fr = magazine.fr
    newest_first = [fr.article.pk, fr.older.pk]
    assert article_ids(api, "?locale=fr") == newest_first
    assert article_ids(api, "?locale=fr&order=date_published") == newest_first[::-1]
    assert article_ids(api, "?locale=fr&order=title") == newest_first  # P before U
    assert article_ids(api, "?locale=fr&order=-title") == newest_first[::-1]
    status, data = api("articles/?locale=fr&limit=1&offset=1")
    assert (data["meta"]["total_count"], ids(data)) == (2, [fr.older.pk])
    assert article_ids(api, f"?locale=fr&slug={fr.older.slug}") == [fr.older.pk]


def test_search_within_a_language(api, magazine):
    fr, en = magazine.fr, magazine.en
    assert article_ids(api, "?locale=fr&search=ouverte") == [fr.article.pk]
    assert article_ids(api, "?locale=en&search=open") == [en.article.pk]
    assert article_ids(api, f"?search=ouverte&topic={fr.ethics.pk}") == [fr.article.pk]
    assert article_ids(api, f"?search=ouverte&topic={fr.regulation.pk}&order=title") == [
        fr.article.pk
    ]


@pytest.mark.postgres
def test_search_uses_the_language_s_stemming(api, magazine, postgres_only):
    fr, en = magazine.fr, magazine.en
    # French stemming, without accents: "ouvertes" finds "ouverte", "ancién" "ancien".
    assert article_ids(api, "?locale=fr&search=ouvertes") == [fr.article.pk]
    assert article_ids(api, "?locale=fr&search=anciens") == [fr.older.pk]
    assert article_ids(api, "?locale=en&search=opening") == [en.article.pk]


# Only what an anonymous reader may see ---------------------------------------------------


def assert_never_shown(api, page, endpoint="articles"):
    for listing in (f"{endpoint}/", f"{endpoint}/?locale=fr", "pages/", "pages/?locale=fr"):
        status, data = api(listing)
        assert status == 200 and page.pk not in ids(data), listing
    for detail in (f"{endpoint}/{page.pk}/", f"pages/{page.pk}/"):
        status, data = api(detail)
        assert status == 404, detail
        assert data["message"]


def test_a_draft_is_never_shown(api, magazine):
    draft = ArticlePageFactory(
        parent=magazine.fr.index, title="Un brouillon", authors=[magazine.fr.ana], live=False
    )
    draft.save_revision()
    assert_never_shown(api, draft)
    assert "Un brouillon" not in str(api(f"authors/{magazine.fr.ana.pk}/")[1])


def test_an_unpublished_page_is_never_shown(api, magazine):
    article = magazine.fr.article
    assert api(f"articles/{article.pk}/")[0] == 200
    article.unpublish()
    assert_never_shown(api, article)


def test_a_private_page_and_what_is_under_it_are_never_shown(api, magazine):
    fr = magazine.fr
    PageViewRestriction.objects.create(
        page=fr.older, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert_never_shown(api, fr.older)
    PageViewRestriction.objects.create(page=fr.topic_list, restriction_type="login")
    assert_never_shown(api, fr.ethics, endpoint="topics")
    assert_never_shown(api, fr.regulation, endpoint="topics")


def test_a_new_revision_shows_only_once_published(api, magazine, publish):
    article = magazine.fr.article
    article.title = "Un titre en chantier"
    article.save_revision()
    assert api(f"articles/{article.pk}/")[1]["title"] == "Pour une IA ouverte"
    assert "Un titre en chantier" not in str(api("articles/")[1])
    publish(article)
    assert api(f"articles/{article.pk}/")[1]["title"] == "Un titre en chantier"


def test_an_author_without_a_live_article_is_not_listed(api, magazine):
    fr = magazine.fr
    fr.article.unpublish()
    assert [a["name"] for a in api("authors/?locale=fr")[1]["items"]] == ["Ana Lefèvre"]
    assert api(f"authors/{fr.basile.pk}/")[0] == 404


def test_a_publication_shows_at_once(api, magazine, publish):
    new = ArticlePageFactory(
        parent=magazine.fr.index,
        title="Toute fraîche",
        date_published=datetime.date(2025, 12, 1),
        live=False,
    )
    assert new.pk not in article_ids(api, "?locale=fr")
    publish(new)
    assert article_ids(api, "?locale=fr")[0] == new.pk
