"""The release in the page cache's keys (delivery/release.py): a deploy never serves pages as
the previous release rendered them, and servers of one release share theirs."""

import os

import pytest

from delivery.release import fingerprint


@pytest.fixture
def project(settings, tmp_path):
    """A project folder of its own, with a template, collected static files and media."""
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "media"
    for path, text in {
        "home/templates/home/page.html": "<h1>{{ page.title }}</h1>",
        "site/static/site/site.css": "body { color: #222; }",
        "static/staticfiles.json": '{"paths": {"site/site.css": "site/site.abc123.css"}}',
        "media/images/photo.svg": "<svg/>",
        "tests/test_page.py": "def test(): pass",
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    fingerprint.cache_clear()
    yield tmp_path
    fingerprint.cache_clear()


def fresh_fingerprint():
    fingerprint.cache_clear()
    return fingerprint()


def test_a_release_is_its_code_templates_and_static_files(project):
    before = fresh_fingerprint()
    os.utime(project / "home/templates/home/page.html", (0, 0))
    assert fresh_fingerprint() == before  # Copied to another server, with other dates.

    (project / "home/templates/home/page.html").write_text("<h1>{{ page.title }}!</h1>")
    with_template = fresh_fingerprint()
    (project / "site/static/site/site.css").write_text("body { color: #111; }")
    with_stylesheet = fresh_fingerprint()
    (project / "static/staticfiles.json").write_text('{"paths": {}}')
    with_manifest = fresh_fingerprint()

    assert len({before, with_template, with_stylesheet, with_manifest}) == 4


def test_media_tests_and_collected_copies_are_not_the_release(project):
    before = fresh_fingerprint()

    (project / "media/images/photo.svg").write_text("<svg></svg>")
    (project / "tests/test_page.py").write_text("def test(): assert True")
    (project / "static/site").mkdir()
    (project / "static/site/site.abc123.css").write_text("body { color: #222; }")

    assert fresh_fingerprint() == before


@pytest.mark.django_db
def test_a_page_cached_by_another_release_is_not_served(client, homes, settings, empty_cache):
    settings.PAGE_CACHE_SECONDS = 600
    settings.RELEASE = "2026-11-30.1"
    client.get("/fr/")
    settings.RELEASE = "2026-11-30.2"

    new_release = [client.get("/fr/")["X-Cache"], client.get("/fr/")["X-Cache"]]
    settings.RELEASE = "2026-11-30.1"  # A server not yet deployed, during a rolling deploy.
    old_release = client.get("/fr/")["X-Cache"]

    assert new_release == ["MISS", "HIT"]
    assert old_release == "HIT"
