"""The admin's page explorer offers wagtail-localize's translation buttons row by row, for a
fixed number of queries whatever the number of pages (home/translation_buttons.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

from editorial.translation_buttons import annotate_translation_buttons, translation_buttons
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def explorer(client, page):
    response = client.get(reverse("wagtailadmin_explore", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_translated_pages_offer_sync_and_new_pages_offer_translation(admin_client, magazine):
    fresh = ArticlePageFactory(parent=magazine.fr.index, title="Pas encore traduit")
    source = TranslationSource.objects.get_for_instance(magazine.fr.article)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])

    content = explorer(admin_client, magazine.fr.index)

    assert f'href="{sync_url}?next=' in content
    assert reverse("wagtail_localize:submit_page_translation", args=[fresh.pk]) in content
    for translated in (magazine.fr.article, magazine.fr.older):
        submit_url = reverse("wagtail_localize:submit_page_translation", args=[translated.pk])
        assert f'href="{submit_url}"' not in content
    # The index's own button in the header, then one per translated article.
    assert content.count("Synchroniser les pages traduites") == 3
    assert content.count("Traduire cette page") == 1


def test_buttons_are_shown_in_english_to_an_english_editor(admin_client, admin_user, magazine):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()

    content = explorer(admin_client, magazine.fr.index)

    assert content.count("Sync translated pages") == 3


def queries_of_explorer(client, page):
    explorer(client, page)
    with CaptureQueriesContext(connection) as queries:
        content = explorer(client, page)
    return len(queries), content


def test_more_pages_cost_no_more_queries(admin_client, magazine):
    with_two, _content = queries_of_explorer(admin_client, magazine.fr.index)
    for number in range(4):
        ArticlePageFactory(parent=magazine.fr.index, title=f"Brève {number}")

    with_six, content = queries_of_explorer(admin_client, magazine.fr.index)

    assert with_six == with_two
    assert content.count("Traduire cette page") == 4


def test_the_buttons_are_wagtail_localizes_own(admin_user, magazine):
    ArticlePageFactory(parent=magazine.fr.index, title="Pas encore traduit")
    alias = magazine.fr.older.create_alias(parent=magazine.fr.home, update_slug="alias")
    pages = [*magazine.fr.index.get_children(), alias, magazine.en.article]

    def described(buttons):
        return [(str(button.label), button.url) for button in buttons]

    annotated = annotate_translation_buttons(Page.objects.filter(pk__in=[p.pk for p in pages]))
    shown = []
    for page in annotated:
        ours = described(translation_buttons(page, admin_user, next_url="/here/"))
        theirs = described(
            localize_hooks.page_listing_more_buttons(page, admin_user, next_url="/here/")
        )
        assert ours == theirs
        shown += ours
    labels = [label for label, _url in shown]
    assert labels.count("Traduire cette page") == 2  # the new article and the alias
    assert labels.count("Synchroniser les pages traduites") == 2
