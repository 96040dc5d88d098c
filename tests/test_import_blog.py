"""`manage.py import_blog`: a WordPress export, an RSS feed, an Atom feed and a Ghost
export come in as articles that readers and editors can use."""

import datetime
import functools
import io
import shutil
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PillowImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, WorkflowState

from articles.models import ArticlePage, Author, TopicIndexPage
from blog_import.models import ImportedPost
from editorial.translation_status import Status, TranslationStatus
from tests.factories import UserFactory

SAMPLES = Path(__file__).parent / "import_samples"


def write_png(path, color):
    path.parent.mkdir(parents=True, exist_ok=True)
    PillowImage.new("RGB", (40, 30), color).save(path, "PNG")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def image_server(tmp_path):
    """A web server on a free local port, serving the images the samples link to."""
    folder = tmp_path / "served"
    for name, color in [("serveurs.png", "#203040"), ("chart.png", "#805020")]:
        write_png(folder / name, color)
    write_png(folder / "portable.png", "#406080")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def unreachable():
    """An address nothing answers at: a port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def exports(tmp_path, image_server, unreachable):
    """The sample exports copied into folders of their own, pointing at the test server,
    with the files that the exports keep beside them."""

    def place(sample, folder_name):
        folder = tmp_path / folder_name
        folder.mkdir()
        text = (SAMPLES / sample).read_text(encoding="utf-8")
        text = text.replace("{IMAGES}", image_server).replace("{UNREACHABLE}", unreachable)
        target = folder / sample
        target.write_text(text, encoding="utf-8")
        return target

    wordpress = place("wordpress-polylang.xml", "wordpress")
    write_png(wordpress.parent / "wp-content/uploads/2025/02/balance.png", "#c0a030")
    ghost = place("ghost-export.json", "ghost")
    write_png(ghost.parent / "content/images/2025/03/vignette.png", "#30a0c0")
    return {
        "wordpress": wordpress,
        "ghost": ghost,
        "rss": place("feed.rss", "rss"),
        "atom": place("feed.atom", "atom"),
    }


@pytest.fixture
def chief(db):
    """An account allowed to publish."""
    return UserFactory(username="chief", is_superuser=True)


def run_import(source, *options):
    out = io.StringIO()
    call_command("import_blog", str(source), *options, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def imported(title):
    return ArticlePage.objects.get(title=title)


def block_types(page):
    return [block.block_type for block in page.body]


def test_wordpress_posts_become_live_articles_in_their_language(magazine, exports, chief, client):
    output = run_import(exports["wordpress"], "--user", "chief", "--publish")

    assert "3 created, 0 updated, 2 skipped, 1 failed" in output
    french = imported("Pour une IA sobre et ouverte")
    english = imported("For a frugal and open AI")
    alone = imported("Ce que le sommet de Paris a changé")
    assert (
        french.locale.language_code == "fr" and french.get_parent() == magazine.fr.index.page_ptr
    )
    assert english.locale.language_code == "en"
    assert english.get_parent() == magazine.en.index.page_ptr
    response = client.get(french.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pour une IA sobre et ouverte" in page
    assert "Des centres de données plus sobres" in page
    assert "Ce qui ne peut être inspecté ne peut être cru." in page
    assert "Inès Morel" in page
    assert "alert(" not in page and "javascript:" not in page
    assert client.get(alone.url).status_code == 200


def test_wordpress_html_becomes_the_blocks_of_the_article_body(magazine, exports, chief):
    run_import(exports["wordpress"], "--user", "chief", "--publish")

    french = imported("Pour une IA sobre et ouverte")
    assert block_types(french) == [
        "paragraph",
        "heading",
        "image",
        "pull_quote",
        "paragraph",
        "embed",
        "paragraph",
    ]
    blocks = list(french.body)
    assert "<b>vérifier</b>" in blocks[0].value.source or "<strong>" in blocks[0].value.source
    assert '<a href="https://example.org/rapport">' in blocks[0].value.source
    assert blocks[1].value["level"] == "h2"
    assert blocks[2].value["alt_text"] == "Des rangées de serveurs dans une salle froide"
    assert blocks[2].value["caption"] == "Une salle de serveurs refroidie à l’air extérieur."
    assert blocks[3].value["attribution"] == "Une ingénieure"
    assert "<li>Mesurer l’énergie consommée</li>" in blocks[4].value.source
    assert blocks[5].value.url == "https://www.youtube.com/watch?v=aircAruvnKk"
    assert blocks[5].value["caption"] == "Une introduction aux réseaux de neurones."
    assert "energie = puissance * duree<br/>print(energie)" in blocks[6].value.source
    assert "javascript" not in blocks[6].value.source and "script" not in blocks[6].value.source
    # The featured image, found in the export's folder, with its alternative text.
    assert french.hero_image is not None
    assert french.hero_alt_text == "Une balance aux deux plateaux à l’équilibre"


def test_wordpress_dates_authors_and_topics(magazine, exports, chief):
    run_import(exports["wordpress"], "--user", "chief", "--publish")

    french = imported("Pour une IA sobre et ouverte")
    assert french.date_published == datetime.date(2025, 2, 10)
    assert french.date_updated == datetime.date(2025, 9, 18)
    assert french.intro.startswith("Les modèles ouverts permettent de vérifier")
    assert len(french.intro) <= 300
    assert [author.name for author in french.author_list] == ["Inès Morel"]
    # An existing topic is found by its name; a tag becomes a new topic beside it.
    assert [topic.title for topic in french.topic_list] == ["Éthique", "Logiciel libre"]
    assert french.topic_list[0].pk == magazine.fr.ethics.pk
    new_topic = TopicIndexPage.objects.get(title="Logiciel libre")
    assert new_topic.get_parent() == magazine.fr.topic_list.page_ptr
    # WordPress's default category says nothing: it is no topic.
    alone = imported("Ce que le sommet de Paris a changé")
    assert [topic.title for topic in alone.topic_list] == ["Sommet"]
    assert [author.name for author in alone.author_list] == ["Paul Ardent"]
    english = imported("For a frugal and open AI")
    assert english.intro == "Why open models and lean data centres go together."
    assert english.date_updated is None
    assert english.topic_list[0].pk == magazine.en.ethics.pk


def test_polylang_translations_are_paired(magazine, exports, chief, client):
    run_import(exports["wordpress"], "--user", "chief", "--publish")

    french = imported("Pour une IA sobre et ouverte")
    english = imported("For a frugal and open AI")
    assert english.translation_key == french.translation_key
    assert english.get_translation(french.locale).pk == french.pk
    # The translation keeps its own text: it is not a copy of the French body.
    assert "Open models let anyone <i>check</i>" in list(english.body)[0].value.source or (
        "Open models let anyone <em>check</em>" in list(english.body)[0].value.source
    )
    page = client.get(french.url).content.decode()
    assert f'href="{english.url}" hreflang="en"' in page
    # The author, met again in English, is the French author's wagtail-localize translation.
    english_author = english.author_list[0]
    assert english_author.locale.language_code == "en"
    assert english_author.translation_key == french.author_list[0].translation_key
    # The translation report knows the pair: a translation made by hand, not a missing one.
    statuses = {
        (row.title, cell.language_code): cell.status
        for row in TranslationStatus().rows()
        for cell in row.cells
    }
    assert statuses[(french.title, "en")] == Status.NOT_SYNCED
    # The post without a translation arrives alone.
    alone = imported("Ce que le sommet de Paris a changé")
    assert list(alone.get_translations()) == []
    assert statuses[(alone.title, "en")] == Status.MISSING


def test_an_image_that_cannot_be_had_is_reported_and_the_post_comes_without_it(
    magazine, exports, chief, unreachable
):
    output = run_import(exports["wordpress"], "--user", "chief", "--publish")

    english = imported("For a frugal and open AI")
    assert block_types(english) == ["paragraph"]
    assert "Measuring the energy a model uses" in list(english.body)[0].value.source
    assert f"{unreachable}/lost.png" in output
    assert "Images not imported" in output


def test_old_addresses_redirect_to_the_new_pages(magazine, exports, chief, client):
    run_import(exports["wordpress"], "--user", "chief", "--publish")

    french = imported("Pour une IA sobre et ouverte")
    english = imported("For a frugal and open AI")
    response = client.get("/2025/02/ia-sobre-ouverte/")
    assert response.status_code == 301
    assert response["Location"].endswith(french.url)
    assert client.get("/?p=11").status_code in (301, 302)
    response = client.get("/en/2025/02/frugal-open-ai/")
    assert response.status_code == 301 and response["Location"].endswith(english.url)
    assert Redirect.objects.filter(redirect_page=french).count() == 2


def test_a_second_run_changes_nothing_and_a_changed_post_is_updated(
    magazine, exports, chief, client
):
    run_import(exports["wordpress"], "--user", "chief", "--publish")
    counts = (
        ArticlePage.objects.count(),
        Author.objects.count(),
        TopicIndexPage.objects.count(),
        Redirect.objects.count(),
        get_image_model().objects.count(),
        Revision.objects.count(),
    )

    output = run_import(exports["wordpress"], "--user", "chief", "--publish")

    assert "0 created, 0 updated, 5 skipped, 1 failed" in output
    assert "unchanged since the last import" in output
    assert counts == (
        ArticlePage.objects.count(),
        Author.objects.count(),
        TopicIndexPage.objects.count(),
        Redirect.objects.count(),
        get_image_model().objects.count(),
        Revision.objects.count(),
    )

    # One post changes; a line added above the others moves them without changing them.
    source = exports["wordpress"]
    declaration, rest = source.read_text().split("\n", 1)
    rest = rest.replace(
        "Le sommet a réuni au Grand Palais", "Le sommet a rassemblé au Grand Palais"
    )
    source.write_text(f"{declaration}\n<!-- Exported again. -->\n{rest}")
    output = run_import(source, "--user", "chief", "--publish")

    assert "0 created, 1 updated, 4 skipped" in output
    assert ArticlePage.objects.count() == counts[0]
    alone = imported("Ce que le sommet de Paris a changé")
    assert "Le sommet a rassemblé au Grand Palais" in client.get(alone.url).content.decode()


def test_dry_run_says_what_would_happen_and_writes_nothing(magazine, exports, chief):
    before = (Page.objects.count(), get_image_model().objects.count(), Redirect.objects.count())

    output = run_import(exports["wordpress"], "--user", "chief", "--publish", "--dry-run")

    assert "Dry run: nothing was written." in output
    assert "3 created, 0 updated, 2 skipped, 1 failed" in output
    assert "would be created (en)" in output
    after = (Page.objects.count(), get_image_model().objects.count(), Redirect.objects.count())
    assert after == before
    assert not ImportedPost.objects.exists()


def test_by_default_articles_are_drafts_submitted_for_review(magazine, exports, editor, client):
    run_import(exports["wordpress"], "--user", editor.username)

    french = imported("Pour une IA sobre et ouverte")
    assert not french.live
    assert client.get("/fr/articles/ia-sobre-ouverte/").status_code == 404
    state = french.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() >= 3
    assert not TopicIndexPage.objects.get(title="Logiciel libre").live


def test_publishing_is_refused_to_who_may_not_publish(magazine, exports, editor):
    with pytest.raises(CommandError, match="may not publish"):
        run_import(exports["wordpress"], "--user", editor.username, "--publish")
    assert not ArticlePage.objects.filter(title="Pour une IA sobre et ouverte").exists()


def test_an_unreadable_item_fails_alone_naming_its_line(magazine, exports, chief):
    output = run_import(exports["wordpress"], "--user", "chief")

    assert "Failed:" in output
    failed_line = output.split("Failed:")[1].splitlines()[1]
    assert "the item at line 151" in failed_line and "the post has no title" in failed_line
    assert "its status in WordPress is “draft”" in output


def test_rss_feed_in_the_feeds_language(magazine, exports, chief, client):
    output = run_import(exports["rss"], "--user", "chief", "--publish")

    assert "2 created" in output
    audit = imported("Who audits the auditors?")
    assert audit.locale.language_code == "en"
    assert block_types(audit) == ["heading", "paragraph", "image", "paragraph"]
    assert list(audit.body)[0].value["level"] == "h3"
    assert list(audit.body)[2].value["alt_text"] == "A bar chart of audit findings"
    assert audit.intro == "Audits of AI systems need rules of their own. Here is why."
    assert audit.date_published == datetime.date(2025, 3, 5)
    assert [author.name for author in audit.author_list] == ["Mara Quinn"]
    assert [topic.title for topic in audit.topic_list] == ["Regulation", "Audits"]
    assert audit.topic_list[0].pk == magazine.en.regulation.pk
    assert audit.url == "/en/articles/who-audits-the-auditors/"
    assert "An audit is only as good" in client.get(audit.url).content.decode()
    short = imported("A note on benchmarks")
    assert short.intro == "Benchmarks age quickly. Scores rise while the tasks stay the same."
    response = client.get("/post/who-audits-the-auditors")
    assert response.status_code == 301 and response["Location"].endswith(audit.url)


def test_language_option_sets_the_language_of_a_feed(magazine, exports, chief):
    run_import(exports["rss"], "--user", "chief", "--publish", "--language", "fr")

    assert imported("Who audits the auditors?").locale.language_code == "fr"


def test_atom_feed(magazine, exports, chief, client):
    output = run_import(exports["atom"], "--user", "chief", "--publish")

    assert "2 created" in output
    law = imported("La transparence des algorithmes publics")
    assert law.locale.language_code == "fr"
    assert block_types(law) == ["paragraph", "heading", "paragraph"]
    assert law.intro == "Les administrations doivent expliquer leurs décisions automatisées."
    assert law.date_published == datetime.date(2025, 4, 1)
    assert law.date_updated == datetime.date(2025, 4, 20)
    assert [author.name for author in law.author_list] == ["Léa Fontaine"]
    assert [topic.title for topic in law.topic_list] == ["Administration"]
    health = imported("Trois questions sur les données de santé")
    assert block_types(health) == ["paragraph", "pull_quote"]
    assert [author.name for author in health.author_list] == ["Hugo Bellec"]
    assert "Qui peut lire les données" in client.get(health.url).content.decode()


def test_ghost_export(magazine, exports, chief, client):
    output = run_import(exports["ghost"], "--user", "chief", "--publish")

    assert "1 created, 0 updated, 2 skipped, 0 failed" in output
    post = imported("Les petits modèles ont de l’avenir")
    assert post.locale.language_code == "fr"
    assert block_types(post) == ["paragraph", "image", "embed", "heading", "paragraph"]
    blocks = list(post.body)
    assert blocks[1].value["caption"] == "Un modèle local, sans nuage."
    assert blocks[2].value.url == "https://www.youtube.com/watch?v=aircAruvnKk"
    assert post.intro == "Plus petits, plus sobres, plus faciles à vérifier."
    assert post.hero_alt_text == "Une puce électronique vue de près"
    assert post.date_published == datetime.date(2025, 3, 21)
    assert post.date_updated == datetime.date(2025, 3, 28)
    author = post.author_list[0]
    assert (author.name, author.slug) == ("Nora Vidal", "nora")
    assert "Nora écrit sur les outils numériques." in author.bio
    assert [topic.title for topic in post.topic_list] == ["Sobriété"]
    assert client.get("/petits-modeles/")["Location"].endswith(post.url)
    assert "Un modèle plus petit tient" in client.get(post.url).content.decode()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.xml", "<rss><channel><item><title>Oups</title></channel></rss>", "line 1"),
        ("broken.json", '{"db": [{"data": {"posts": [}}]}', "malformed JSON at line 1"),
        ("notes.txt", "Just some text.", "unknown format"),
        ("other.xml", "<html><body/></html>", "no known feed"),
        ("empty.json", '{"hello": "world"}', "not a Ghost export"),
    ],
)
def test_bad_input_gives_a_clear_message(magazine, chief, tmp_path, name, content, message):
    source = tmp_path / name
    source.write_text(content)

    with pytest.raises(CommandError, match=message):
        run_import(source, "--user", "chief")


def test_a_missing_source_or_user_gives_a_clear_message(magazine, chief, tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run_import(tmp_path / "nowhere.xml", "--user", "chief")
    with pytest.raises(CommandError, match="No active user"):
        run_import(SAMPLES / "feed.rss", "--user", "nobody")


def test_a_folder_is_read_with_the_export_it_holds(magazine, exports, chief):
    output = run_import(exports["ghost"].parent, "--user", "chief", "--publish")

    assert "Ghost export" in output and "1 created" in output
    shutil.copy(exports["rss"], exports["ghost"].parent)
    with pytest.raises(CommandError, match="exactly one export file"):
        run_import(exports["ghost"].parent, "--user", "chief")


def test_wpml_translations_are_paired(magazine, chief, client):
    run_import(SAMPLES / "wordpress-wpml.xml", "--user", "chief", "--publish")

    french = imported("Éduquer à l’esprit critique")
    english = imported("Teaching critical thinking")
    assert (french.locale.language_code, english.locale.language_code) == ("fr", "en")
    assert english.translation_key == french.translation_key
    assert "Learning to doubt a fluent answer" in client.get(english.url).content.decode()
    assert english.author_list[0].translation_key == french.author_list[0].translation_key


def test_progress_is_shown_at_verbosity_two(magazine, exports, chief):
    quiet, verbose = io.StringIO(), io.StringIO()
    call_command("import_blog", str(exports["atom"]), "--user", "chief", "--dry-run", stderr=quiet)
    call_command(
        "import_blog",
        str(exports["atom"]),
        "--user",
        "chief",
        "--dry-run",
        "-v",
        "2",
        stderr=verbose,
    )

    assert quiet.getvalue() == ""
    assert "[1/2] “La transparence des algorithmes publics”" in verbose.getvalue()
    assert "[2/2]" in verbose.getvalue()


def test_a_post_that_fails_midway_leaves_nothing_behind(magazine, exports, chief):
    magazine.en.topic_list.delete()

    output = run_import(exports["rss"], "--user", "chief", "--publish")

    assert "1 created, 0 updated, 0 skipped, 1 failed" in output
    assert "“Who audits the auditors?” (line 9): the site has no list of topics in “en”" in output
    assert not ArticlePage.objects.filter(title="Who audits the auditors?").exists()
    assert not Redirect.objects.filter(old_path="/post/who-audits-the-auditors").exists()
    assert ImportedPost.objects.count() == 1
    assert imported("A note on benchmarks").live
