"""`manage.py backup` then `manage.py restore` give back the same pages, translations and
media files, on PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from tests.factories import HomePageFactory

# The backup is read by pg_dump through its own connection: the data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


def site_content():
    pages = Page.objects.values_list("locale__language_code", "url_path", "title", "live")
    return {
        "pages": sorted(pages),
        "translations": sorted(
            Translation.objects.values_list("source__object_id", "target_locale__language_code")
        ),
        "strings": sorted(StringTranslation.objects.values_list("data", flat=True)),
    }


@pytest.fixture
def media_on_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


def test_restore_gives_back_the_same_pages_translations_and_media(
    postgres_only, homes, media_on_disk, tmp_path, client
):
    home_fr, home_en = homes
    HomePageFactory(parent=home_fr, title="Dossier IA", slug="dossier-ia")
    image = get_image_model().objects.create(title="Affiche", file=get_test_image_file())
    image_name = image.file.name
    before = site_content()

    call_command("backup", output=tmp_path / "backup", stdout=StringIO())
    # Things go wrong: a page and a translation are lost, the image too.
    home_en.delete()
    Page.objects.filter(slug="dossier-ia").update(title="Abîmé")
    image.file.delete(save=False)
    image.delete()
    assert "A magazine on artificial intelligence." not in client.get("/en/").content.decode()

    call_command("restore", tmp_path / "backup", interactive=False, stdout=StringIO())

    assert site_content() == before
    assert client.get("/fr/dossier-ia/").status_code == 200
    assert "Dossier IA" in client.get("/fr/dossier-ia/").content.decode()
    assert "A magazine on artificial intelligence." in client.get("/en/").content.decode()
    assert get_image_model().objects.get(title="Affiche").file.name == image_name
    assert (media_on_disk / image_name).is_file()


def test_restore_refuses_a_directory_that_is_no_backup(postgres_only, tmp_path):
    with pytest.raises(CommandError, match="is it a backup directory"):
        call_command("restore", tmp_path, interactive=False)


def test_a_backup_is_readable_by_its_owner_only(postgres_only, homes, media_on_disk, tmp_path):
    call_command("backup", output=tmp_path / "backup", stdout=StringIO())

    modes = {
        path.name: path.stat().st_mode & 0o777
        for path in [tmp_path / "backup", *(tmp_path / "backup").iterdir()]
    }
    assert modes == {"backup": 0o700, "database.dump": 0o600, "media.tar.gz": 0o600}


def test_restore_warns_about_a_backup_others_can_read(postgres_only, homes, tmp_path):
    call_command("backup", output=tmp_path / "backup", stdout=StringIO())
    (tmp_path / "backup" / "database.dump").chmod(0o644)
    errors = StringIO()

    call_command(
        "restore", tmp_path / "backup", interactive=False, stdout=StringIO(), stderr=errors
    )

    assert "database.dump can be read by other users" in errors.getvalue()
