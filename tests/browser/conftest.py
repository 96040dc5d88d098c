"""Browser tests: Debian's Chromium driven by Playwright against a live Django server."""

import json
import os
import shutil

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test's thread; the ORM calls our
# fixtures make there are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(
        reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser tab whose relative URLs go to the live server."""
    context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """The database as the migrations left it: locales, root page, groups, workflow…"""
    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: models such as Page and Task look theirs up as they load.
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


@pytest.fixture(autouse=True)
def restore_migrated_data(transactional_db, migrated_data):
    """Put back what the migrations created, which an earlier browser test's flush removed.

    Browser tests commit (transaction=True), so each ends by emptying the database.
    Django's serialized_rollback would restore it, but not here: once Playwright runs an
    event loop in the test's thread, the ORM uses another connection object than the one
    that holds the serialized data.
    """
    if Page.objects.exists():
        return
    # The flush recreated content types and permissions, under other ids. Sequences stay
    # where they are, above every restored id.
    call_command(
        "flush",
        interactive=False,
        inhibit_post_migrate=True,
        reset_sequences=False,
        verbosity=0,
    )
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(migrated_data)
